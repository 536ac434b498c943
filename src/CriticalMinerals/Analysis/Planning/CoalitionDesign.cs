using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Planning;

/// <summary>A coalition-design question: which candidates should join a base coalition for it to reach a coverage target.</summary>
public sealed record DesignQuestion
{
    /// <summary>The base question (commodity, base coalition, scenario, demand share, years). Its build options, projects, stockpile and rules are ignored: see <see cref="PlanningAnalysis.DesignCoalition"/>.</summary>
    public required PlanningQuestion Base { get; init; }

    /// <summary>Candidate countries (not already members).</summary>
    public required IReadOnlyList<string> Candidates { get; init; }

    /// <summary>Target coverage: share of demand over the horizon (kt-weighted) the coalition must serve, in [0, 1].</summary>
    public required double TargetCoverage { get; init; }

    /// <summary>Cost of admitting each candidate; absent ones cost 1, so the design minimises the number of partners.</summary>
    public IReadOnlyDictionary<string, double> JoinCosts { get; init; } = new Dictionary<string, double>();
}

/// <summary>A candidate's contribution.</summary>
/// <param name="Iso3">Candidate.</param>
/// <param name="CoverageAlone">Coverage of the base coalition with this candidate added alone.</param>
/// <param name="MarginalContribution">Coverage gained by adding it alone (re-solved, not from duals).</param>
/// <param name="Rank">1 for the largest contribution; ties go to the candidate bringing more capacity, and candidates equal on both share a rank.</param>
/// <param name="Selected">Whether the design MIP admits it.</param>
public sealed record CandidateContribution(string Iso3, double CoverageAlone, double MarginalContribution, int Rank, bool Selected);

/// <summary>The outcome of a coalition design.</summary>
/// <param name="Commodity">Commodity.</param>
/// <param name="BaseCoalition">Name of the base coalition.</param>
/// <param name="TargetCoverage">Target.</param>
/// <param name="BaseCoverage">Coverage of the base coalition alone.</param>
/// <param name="Status">Status of the design MIP (Infeasible: even all candidates miss the target).</param>
/// <param name="Backend">Backend of the MIP.</param>
/// <param name="ObjectiveValue">Join cost of the design (the number of partners by default), or <see langword="null"/>.</param>
/// <param name="BestBound">Best proven bound, where the backend proves one.</param>
/// <param name="RelativeGap">Gap, where a bound is known.</param>
/// <param name="Selected">Candidates admitted.</param>
/// <param name="CoverageWithSelected">Coverage with them, or <see langword="null"/> without a design.</param>
/// <param name="Candidates">Every candidate's marginal contribution, ranked.</param>
/// <param name="Notes">Assumptions.</param>
/// <param name="SourceIds">Sources of the figures.</param>
public sealed record CoalitionDesignResult(
    string Commodity,
    string BaseCoalition,
    double TargetCoverage,
    double BaseCoverage,
    SolveStatus Status,
    string Backend,
    double? ObjectiveValue,
    double? BestBound,
    double? RelativeGap,
    IReadOnlyList<string> Selected,
    double? CoverageWithSelected,
    IReadOnlyList<CandidateContribution> Candidates,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> SourceIds);

public sealed partial class PlanningAnalysis
{
    /// <summary>
    /// Coalition design (MIP): a binary <c>join[c]</c> per candidate lets its capacity count as a member's; minimise Σ join cost
    /// subject to Σ_t L_t·shortfall_t ≤ (1 − target)·Σ_t L_t·D_t. Capacities are existing + pipeline (no new build, no projects,
    /// no stockpile: otherwise new build in the base coalition would make partners unnecessary) and sourcing is
    /// coalition-only (a non-member counts for nothing). Each candidate is also ranked by its marginal contribution: the
    /// coverage gained when it alone joins the base coalition, computed by re-solving.
    /// </summary>
    /// <param name="question">The question.</param>
    /// <param name="options">Solve options of the MIP.</param>
    /// <param name="cancellationToken">Stops the solves.</param>
    /// <returns>The design.</returns>
    /// <exception cref="ArgumentException">The target is out of range or a candidate is already a member.</exception>
    public CoalitionDesignResult DesignCoalition(DesignQuestion question, SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!(question.TargetCoverage is >= 0 and <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"TargetCoverage is {question.TargetCoverage}; expected a share in [0, 1]."), nameof(question));
        }

        var candidates = question.Candidates.Select(c => c.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        foreach (string c in candidates)
        {
            if (question.Base.Coalition.Contains(c))
            {
                throw new ArgumentException($"Candidate {c} is already a member of {question.Base.Coalition.Name}.", nameof(question));
            }
        }

        var q = question.Base with
        {
            Build = new BuildOptions { AllowContinuousBuild = false },
            Projects = [],
            Stockpile = new StockpileOptions(),
            Rules = [],
            Friendshoring = Modeling.Policy.FriendshoringShareRule.CoalitionOnly,
        };
        var problem = BuildProblem(q);
        var known = problem.Sites.Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal);
        var notes = problem.Notes.ToList();
        notes.Add("Design: existing + pipeline capacity only (no new build, projects or stockpile), coalition-only sourcing.");
        var missing = candidates.Where(c => !known.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            notes.Add($"Candidates without IEA rows (no capacity to contribute): {string.Join(", ", missing)}.");
        }

        double totalDemand = problem.Periods.Sum(p => p.LengthYears * p.DemandKt);
        double Coverage(PlanningProblem pr) => totalDemand > 0 ? 1 - (ShortfallKt(pr, cancellationToken) / totalDemand) : 1;
        PlanningProblem Joined(params string[] codes) => problem with
        {
            Sites = problem.Sites.Select(s => codes.Contains(s.Iso3) ? s with { IsMember = true } : s).ToArray(),
        };

        double baseCoverage = Coverage(problem);
        // Ranked by coverage alone, then by the capacity the candidate brings (kt-years, both stages); candidates equal on both
        // share a rank (the order of their codes decides nothing).
        var sites = problem.Sites.ToDictionary(s => s.Iso3, StringComparer.Ordinal);
        double CapacityOf(string iso3) => Enumerable.Range(0, problem.Periods.Count)
            .Sum(t => problem.Periods[t].LengthYears * (sites[iso3].Mining.BaseKt(t) + sites[iso3].Refining.BaseKt(t)));
        var contributions = candidates.Where(known.Contains)
            .Select(c => (Iso3: c, Alone: Math.Round(Coverage(Joined(c)), 12), Capacity: Math.Round(CapacityOf(c), 9)))
            .OrderByDescending(x => x.Alone).ThenByDescending(x => x.Capacity).ThenBy(x => x.Iso3, StringComparer.Ordinal)
            .ToArray();

        // The design MIP.
        var design = problem with
        {
            Sites = problem.Sites.Select(s => candidates.Contains(s.Iso3) ? s with { IsCandidate = true, JoinCost = question.JoinCosts.GetValueOrDefault(s.Iso3, 1) } : s).ToArray(),
        };
        var plan = PlanModel.Create(design);
        var model = plan.Model.Clone();
        int row = model.AddRow(double.NegativeInfinity, (1 - question.TargetCoverage) * totalDemand, "coverage_target");
        for (int t = 0; t < design.Periods.Count; t++)
        {
            model.AddTerm(row, plan.ShortfallVariables[t], design.Periods[t].LengthYears);
        }

        // Among designs of equal join cost the MIP prefers candidates bringing more capacity (a 1e-6 tie-break, not reported),
        // so the order of the variables (the codes) decides nothing.
        var capacityRank = contributions.Select(x => x.Capacity).Distinct().OrderByDescending(c => c).ToList();
        var joins = plan.JoinVariables.Values.ToHashSet();
        for (int v = 0; v < model.VariableCount; v++)
        {
            model.SetObjectiveCoefficient(v, joins.Contains(v) ? plan.CostObjective[v] : 0);
        }

        foreach (var (iso3, v) in plan.JoinVariables)
        {
            int rank = capacityRank.IndexOf(Math.Round(CapacityOf(iso3), 9));
            model.SetObjectiveCoefficient(v, plan.CostObjective[v] + (1e-6 * (rank < 0 ? 1 : (double)rank / Math.Max(1, capacityRank.Count))));
        }

        var backend = _backend is { Capabilities.IntegerVariables: true } chosen ? chosen : SolverBackends.Choose(model);
        var solution = backend.Solve(model, (options ?? SolveOptions.Default) with { ComputeDuals = false }, cancellationToken);
        var selected = solution.HasSolution
            ? plan.JoinVariables.Where(kv => solution.Values[kv.Value] > 0.5).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray()
            : [];
        double? withSelected = solution.HasSolution ? Coverage(Joined(selected)) : null;
        var ranked = contributions.Select(x => new CandidateContribution(
            x.Iso3,
            x.Alone,
            x.Alone - baseCoverage,
            1 + contributions.Count(y => y.Alone > x.Alone || (y.Alone == x.Alone && y.Capacity > x.Capacity)),
            selected.Contains(x.Iso3))).ToArray();
        return new CoalitionDesignResult(problem.Commodity, question.Base.Coalition.Name, question.TargetCoverage, baseCoverage, solution.Status, backend.Name,
            solution.HasSolution ? plan.JoinVariables.Sum(kv => plan.CostObjective[kv.Value] * Math.Round(solution.Values[kv.Value])) : null, solution.BestBound, solution.RelativeGap, selected, withSelected, ranked, notes, problem.SourceIds);
    }

    /// <summary>Minimum kt of shortfall over the horizon (first stage only).</summary>
    private static double ShortfallKt(PlanningProblem problem, CancellationToken cancellationToken)
    {
        var plan = PlanModel.Create(problem);
        var model = plan.Model.Clone();
        for (int v = 0; v < model.VariableCount; v++)
        {
            model.SetObjectiveCoefficient(v, plan.ShortfallObjective[v]);
        }

        var solution = SolverBackends.Choose(model).Solve(model, SolveOptions.Default with { ComputeDuals = false }, cancellationToken);
        return solution.HasSolution ? solution.ObjectiveValue ?? double.NaN : double.NaN;
    }
}

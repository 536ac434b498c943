using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Modeling.Planning;

/// <summary>
/// Solves a <see cref="PlanModel"/> lexicographically: first minimise kt of shortfall; then, holding that optimum within a
/// tolerance, penalised violations of soft rules; then, holding both, cost plus <see cref="PlanModel.TieBreakWeight"/> tie-breaks.
/// A stage with an all-zero objective is skipped.
/// </summary>
/// <remarks>
/// Lexicographic rather than one big-M weighted objective: costs are user inputs of unknown scale (the default is 1 per kt
/// of capacity), so no weight can be proven large enough without knowing them, and a weight large enough for every
/// input makes the LP badly scaled. Two solves cost little at this size and say exactly what is traded: nothing of the
/// first stage beyond the tolerance. When a stage stops at a time limit with a solution, the next stage holds the
/// incumbent's value (not a proven optimum), and the report says so through the stage's status and gap.
/// </remarks>
public static class PlanSolver
{
    /// <summary>Solves the plan.</summary>
    /// <param name="plan">The model.</param>
    /// <param name="backend">Backend; <see cref="SolverBackends.Choose"/> when <see langword="null"/> (CLP for an LP, SCIP for a MIP).</param>
    /// <param name="options">Options per stage (each stage gets the full time limit); duals are not computed.</param>
    /// <param name="cancellationToken">Stops the solve.</param>
    /// <returns>The plan.</returns>
    public static PlanResult Solve(PlanModel plan, ISolverBackend? backend = null, SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var model = plan.Model;
        backend ??= SolverBackends.Choose(model);
        options = (options ?? SolveOptions.Default) with { ComputeDuals = false };

        var lex = plan.Problem.Lexicographic;
        var fixedStages = new List<(IReadOnlyList<double> Coefficients, double Bound)>();
        Solution? last = null;
        var stages = new List<StageSolve?>();
        var costWithTieBreak = plan.CostObjective.Select((c, v) => c + plan.TieBreakObjective[v]).ToArray();
        foreach (var objective in new IReadOnlyList<double>[] { plan.ShortfallObjective, plan.ViolationObjective, costWithTieBreak })
        {
            bool first = fixedStages.Count == 0;
            if (!first && !objective.Any(c => c != 0))
            {
                stages.Add(null);
                continue;
            }

            var stageModel = model.Clone();
            foreach (var (coefficients, bound) in fixedStages)
            {
                int row = stageModel.AddRow(double.NegativeInfinity, bound, "lexicographic_stage");
                for (int v = 0; v < coefficients.Count; v++)
                {
                    if (coefficients[v] != 0)
                    {
                        stageModel.AddTerm(row, v, coefficients[v]);
                    }
                }
            }

            SetObjective(stageModel, objective);
            var solution = backend.Solve(stageModel, options, cancellationToken);
            bool isCost = ReferenceEquals(objective, costWithTieBreak);
            var stage = Stage(solution);
            if (isCost && solution.HasSolution)
            {
                // Report the cost without the tie-breaks.
                stage = stage with { ObjectiveValue = plan.CostObjective.Select((c, v) => c * solution.Values[v]).Sum() };
            }

            stages.Add(stage);
            if (!solution.HasSolution)
            {
                break;
            }

            last = solution;
            double opt = solution.ObjectiveValue ?? 0;
            fixedStages.Add((objective, opt + Math.Max(lex.AbsoluteTolerance, lex.RelativeTolerance * Math.Abs(opt))));
        }

        while (stages.Count < 3)
        {
            stages.Add(null);
        }

        return Report(plan, backend, stages[0]!, stages[1], stages[2], last?.Values);
    }

    private static void SetObjective(LinearModel model, IReadOnlyList<double> coefficients)
    {
        for (int v = 0; v < model.VariableCount; v++)
        {
            model.SetObjectiveCoefficient(v, v < coefficients.Count ? coefficients[v] : 0);
        }
    }

    private static StageSolve Stage(Solution s) => new(s.Status, s.ObjectiveValue, s.BestBound, s.RelativeGap, s.StopReason, s.Message);

    private static PlanResult Report(PlanModel plan, ISolverBackend backend, StageSolve stage1, StageSolve? violationStage, StageSolve? stage2, IReadOnlyList<double>? x)
    {
        var p = plan.Problem;
        var notes = plan.Notes.ToList();
        if (x is null)
        {
            return new PlanResult(p.Commodity, p.Unit, backend.Name, plan.Model.IsMixedInteger, stage1, violationStage, stage2, [], [], [], [], [], notes, p.SourceIds);
        }

        double V(int v) => v < 0 ? 0 : Clean(x[v]);
        var joined = plan.JoinVariables.Where(kv => V(kv.Value) > 0.5).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var periods = new List<PeriodPlan>();
        var capacities = new List<CapacityRow>();
        var stages = new[] { SupplyStage.Mining, SupplyStage.Refining };
        for (int t = 0; t < p.Periods.Count; t++)
        {
            double memberMined = 0, memberRefined = 0, nmOre = 0, nmRefined = 0, built = 0;
            foreach (var site in p.Sites)
            {
                bool member = site.IsMember || joined.Contains(site.Iso3);
                foreach (var stage in stages)
                {
                    double output = V(plan.OutputVariable(site.Iso3, stage, t));
                    var path = site.Path(stage);
                    double newBuild = 0, thisPeriod = 0;
                    if (site.IsMember)
                    {
                        var (constant, terms) = plan.CapacityExpression(site.Iso3, stage, t);
                        newBuild = terms.Sum(term => term.Coefficient * V(term.Variable));
                        double previous = t == 0 ? 0 : plan.CapacityExpression(site.Iso3, stage, t - 1).Terms.Sum(term => term.Coefficient * V(term.Variable));
                        thisPeriod = newBuild - previous;
                    }

                    capacities.Add(new CapacityRow(site.Iso3, stage, p.Periods[t].Year, member, path.ExistingKt[t], path.PipelineKt[t], newBuild, thisPeriod, output));
                    built += thisPeriod;
                    if (stage == SupplyStage.Mining)
                    {
                        if (member) { memberMined += output; } else { nmOre += output; }
                    }
                    else if (member) { memberRefined += output; } else { nmRefined += output; }
                }
            }

            bool stock = plan.StockVariables.Count > 0;
            periods.Add(new PeriodPlan(
                p.Periods[t].Year,
                p.Periods[t].LengthYears,
                p.Periods[t].DemandKt,
                memberMined,
                memberRefined,
                nmOre,
                nmRefined,
                V(plan.SecondaryVariables[t]),
                V(plan.RecycledVariables[t]),
                stock ? V(plan.StockInVariables[t]) : 0,
                stock ? V(plan.ReleaseVariables[t]) : 0,
                stock ? V(plan.StockVariables[t]) : 0,
                V(plan.ShortfallVariables[t]),
                built)
            {
                RecyclingCapacityBuiltKt = plan.World.RecyclingBuild(PlanModel.CoalitionBloc, t) is var b and >= 0 ? V(b) : 0,
            });
        }

        var projects = plan.Projects.Select(pv => new ProjectDecision(pv.Project, V(pv.Build) > 0.5, V(pv.Size), pv.FirstPeriod is { } f ? p.Periods[f].Year : null)).ToArray();
        var violations = plan.Violations.Where(v => V(v.Variable) > 1e-7)
            .Select(v => new RuleViolation(v.Rule, v.RowGroup, v.Period >= 0 ? p.Periods[v.Period].Year : null, v.Detail, V(v.Variable))).ToArray();
        var reserves = new List<ReserveUse>();
        foreach (var site in p.Sites.Where(s => s.IsMember))
        {
            double cumulative = 0;
            for (int t = 0; t < p.Periods.Count; t++)
            {
                cumulative += p.Periods[t].LengthYears * V(plan.OutputVariable(site.Iso3, SupplyStage.Mining, t));
            }

            bool binding = site.ReservesKt is { } r && cumulative >= r - (1e-6 * Math.Max(1, r));
            reserves.Add(new ReserveUse(site.Iso3, site.ReservesKt, cumulative, binding) { Basis = site.ExtractionLimitBasis });
        }

        var builds = Builds(p, capacities);
        notes.AddRange(BindingNotes(plan, x, periods, reserves));
        return new PlanResult(p.Commodity, p.Unit, backend.Name, plan.Model.IsMixedInteger, stage1, violationStage, stage2, periods, capacities, projects, violations, reserves, notes, p.SourceIds)
        {
            Builds = builds,
        };
    }

    private static SiteBuild[] Builds(PlanningProblem p, List<CapacityRow> capacities)
    {
        int last = p.Periods[^1].Year;
        var sites = p.Sites.ToDictionary(s => s.Iso3, StringComparer.Ordinal);
        return capacities
            .Where(c => c.Year == last && c.NewBuildKt > 1e-6 && sites[c.Iso3].IsMember)
            .Select(c =>
            {
                var site = sites[c.Iso3];
                int first = capacities.First(r => r.Iso3 == c.Iso3 && r.Stage == c.Stage && r.NewBuildKt > 1e-6).Year;
                bool mining = c.Stage == SupplyStage.Mining;
                return new SiteBuild(c.Iso3, c.Stage, c.NewBuildKt, first, site.Path(c.Stage).BaseKt(0), mining ? site.ReservesKt : null, mining ? site.ExtractionLimitBasis : null);
            })
            .OrderByDescending(b => b.NewCapacityKt)
            .ThenByDescending(b => b.ExtractionLimitKt ?? double.MaxValue)
            .ThenByDescending(b => b.ExistingKt)
            .ThenBy(b => b.Stage)
            .ThenBy(b => b.Iso3, StringComparer.Ordinal) // display order of exact ties only: every build is listed
            .ToArray();
    }

    /// <summary>Notes on the build limits that bind in the plan: growth, lead time, stated new-mining limits, extraction limits.</summary>
    private static List<string> BindingNotes(PlanModel plan, IReadOnlyList<double> x, List<PeriodPlan> periods, List<ReserveUse> reserves)
    {
        var p = plan.Problem;
        var notes = new List<string>();
        var activity = plan.Model.ComputeRowActivities(x.ToArray());
        var upper = plan.Model.RowUpperBounds.ToArray();
        bool Binds(int row) => activity[row] >= upper[row] - (1e-6 * Math.Max(1, Math.Abs(upper[row])));
        foreach (var stage in new[] { SupplyStage.Mining, SupplyStage.Refining })
        {
            var binding = plan.GrowthRows.Where(g => g.Stage == stage && x[g.BuildVariable] > 1e-9 && Binds(g.Row))
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Iso3} {p.Periods[g.Period].Year}")).ToArray();
            if (binding.Length > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Growth limit binds ({stage.ToString().ToLowerInvariant()}, {p.Build.GrowthRate(stage):P0} a year of the previous period's capacity + {p.Build.StartKtPerYear(stage):0.###} {p.Unit}/yr a year to start): {string.Join(", ", binding)}."));
            }

            if (!p.Build.AllowContinuousBuild || !p.Sites.Any(s => s.IsMember && (stage != SupplyStage.Mining || s.NewMiningAllowed)))
            {
                continue;
            }

            int first = plan.FirstBuildPeriod(stage) ?? p.Periods.Count;
            var shortBefore = periods.Skip(1).Take(first - 1).Where(q => q.ShortfallKt > 1e-6).Select(q => q.Year.ToString(CultureInfo.InvariantCulture)).ToArray();
            if (shortBefore.Length > 0)
            {
                string from = first < p.Periods.Count ? $"first produces in {p.Periods[first].Year}" : "cannot produce within the horizon";
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Lead time binds: new {stage.ToString().ToLowerInvariant()} capacity {from} ({p.Build.Limits(stage).LeadTimeYears:0.#} years after {p.Periods[0].Year}); the plan is short in {string.Join(", ", shortBefore)}."));
            }
        }

        var stated = plan.NewMiningRows.Where(kv => Binds(kv.Value)).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();
        if (stated.Length > 0)
        {
            notes.Add($"New mining reaches the limit stated for the greenfield site: {string.Join(", ", stated)}.");
        }

        var extraction = reserves.Where(r => r.Binding && r.CumulativeExtractionKt > 1e-9).Select(r => r.Basis is { } b ? $"{r.Iso3} ({b})" : r.Iso3).ToArray();
        if (extraction.Length > 0)
        {
            notes.Add($"Cumulative extraction reaches its limit: {string.Join(", ", extraction)}.");
        }

        return notes;
    }

    /// <summary>Rounds solver noise (|x| &lt; 1e-9) to zero, so reports read cleanly.</summary>
    private static double Clean(double value) => Math.Abs(value) < 1e-9 ? 0 : value;
}

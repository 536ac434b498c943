using System.Diagnostics;
using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Modeling.Deposits;

/// <summary>
/// Solves the deposit model lexicographically, as the paper's Gurobi hierarchy: first minimise discounted cost; then,
/// holding cost within <see cref="DepositProblem.Degradation"/> of that optimum, minimise the score of added capacity. Then,
/// with the openings of the plan fixed, the LP is solved by a backend with correct duals for the marginal cost of demand.
/// </summary>
/// <remarks>
/// The second stage holds cost ≤ C₁ + degradation·|C₁| where C₁ is the first stage's incumbent (Gurobi's <c>ObjNRelTol</c>
/// on a MIP also measures from the incumbent). When the first stage stops at a gap, C₁ is not proven optimal and the result
/// says so through <see cref="DepositResult.CostStage"/>.
/// </remarks>
public static class DepositSolver
{
    /// <summary>The note of a run whose second stage started from the LP basis a previous run of the same instance but for demand left.</summary>
    internal const string WarmSecondStageNote = "Second-stage relaxation re-solved from the basis a previous run of the same supply variant left (only demand and budget differ).";

    /// <summary>Builds the paper's instance for the options and solves it.</summary>
    /// <param name="data">The Busch et al. (2025) inputs.</param>
    /// <param name="options">Scenario, variant, parameters and solver settings.</param>
    /// <param name="cancellationToken">Stops the run; what was found so far is reported.</param>
    /// <returns>The plan.</returns>
    public static DepositResult Run(Busch2025Data data, DepositOptions options, CancellationToken cancellationToken = default) =>
        Run(data, options, null, cancellationToken);

    /// <summary>As <see cref="Run(Busch2025Data, DepositOptions, CancellationToken)"/>, the second stage warm from a pooled session where one fits.</summary>
    internal static DepositResult Run(Busch2025Data data, DepositOptions options, DepositSessionPool? pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = DepositProblem.FromBusch(data, options);
        return SolveCore(problem, options.Backend, new SolveOptions { TimeLimit = options.TimeLimit, RelativeGap = options.RelativeGap, ComputeDuals = options.ComputeDuals }, options.RoundRelaxationFirst, options.StartOpenings, cancellationToken, pool);
    }

    /// <summary>Solves an instance.</summary>
    /// <param name="problem">The instance.</param>
    /// <param name="backend">MIP backend; CBC when <see langword="null"/> and available (measured, docs/deposits.md), else <see cref="SolverBackends.Choose"/>.</param>
    /// <param name="options">Time limit (for the whole run), relative gap (per stage) and whether to compute duals.</param>
    /// <param name="roundRelaxationFirst">
    /// Whether each stage first solves its LP relaxation, rounds every fractional opening up and re-solves the LP with the
    /// openings fixed: a feasible plan whose gap to the relaxation's bound is proven; the MIP backend runs only when that
    /// gap exceeds the relative gap asked for, and the better plan is kept.
    /// </param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The plan.</returns>
    public static DepositResult Solve(DepositProblem problem, ISolverBackend? backend = null, SolveOptions? options = null, bool roundRelaxationFirst = true, CancellationToken cancellationToken = default) =>
        SolveCore(problem, backend, options, roundRelaxationFirst, null, cancellationToken);

    internal static DepositResult SolveCore(DepositProblem problem, ISolverBackend? backend, SolveOptions? options, bool roundRelaxationFirst, IReadOnlyList<DepositOpening>? start, CancellationToken cancellationToken, DepositSessionPool? pool = null)
    {
        Relaxation? relaxation = null, secondRelaxation = null;
        try
        {
            return SolveCore(problem, backend, options, roundRelaxationFirst, start, pool, ref relaxation, ref secondRelaxation, cancellationToken);
        }
        finally
        {
            // The second stage's session goes back to the pool (when there is one and the run was not cut short); the rest is freed.
            if (secondRelaxation is not null && pool is not null && !cancellationToken.IsCancellationRequested)
            {
                pool.Return(secondRelaxation);
            }
            else
            {
                secondRelaxation?.Dispose();
            }

            if (!ReferenceEquals(relaxation, secondRelaxation))
            {
                relaxation?.Dispose();
            }
        }
    }

    private static DepositResult SolveCore(DepositProblem problem, ISolverBackend? backend, SolveOptions? options, bool roundRelaxationFirst, IReadOnlyList<DepositOpening>? start, DepositSessionPool? pool, ref Relaxation? relaxation, ref Relaxation? secondRelaxation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var built = DepositModel.Build(problem);
        var model = built.Model;
        backend ??= SolverBackends.Cbc.IsAvailable ? SolverBackends.Cbc : SolverBackends.Choose(model);
        options ??= SolveOptions.Default;
        var deadline = Deadline.After(options.TimeLimit);
        var notes = new List<string>();
        var mipOptions = options with { ComputeDuals = false };
        relaxation = roundRelaxationFirst || start is not null ? Relaxation.Open(built) : null;
        var startOpenings = start is null ? null : StartOpenings(built, start, notes);

        // Stage 1: cost. With a second stage to come it may use part of the time left.
        var (first, costStage) = SolveStage(built, model, backend, mipOptions, relaxation, roundRelaxationFirst, startOpenings, deadline, problem.HasSecondObjective ? 0.4 : 0.95, cancellationToken);
        if (first is null)
        {
            notes.Add($"The cost stage found no plan: {costStage.Status}. {costStage.Message}");
            return Empty(problem, backend, costStage, notes);
        }

        var plan = first;
        DepositStage? secondStage = null;
        if (problem.HasSecondObjective)
        {
            double c1 = costStage.ObjectiveValue!.Value;
            double budget = c1 + (problem.Degradation * Math.Abs(c1));
            var staged = WithBudget(built, model, budget);
            for (int v = 0; v < staged.VariableCount; v++)
            {
                staged.SetObjectiveCoefficient(v, built.SecondObjective[v]);
            }

            if (relaxation is not null && pool?.Take(built) is { } carried)
            {
                // A kept session of the same instance but for demand: only row bounds change, so the dual simplex re-solves warm.
                carried.SetBudget(budget);
                secondRelaxation = carried;
                notes.Add(WarmSecondStageNote);
            }
            else
            {
                relaxation?.ToSecondStage(budget, mipOptions, deadline, cancellationToken);
                secondRelaxation = relaxation;
            }

            IReadOnlyList<double>? second;
            (second, secondStage) = SolveStage(built, staged, backend, mipOptions, secondRelaxation, roundRelaxationFirst, startOpenings, deadline, 0.9, cancellationToken);
            if (second is not null)
            {
                plan = second;
            }
            else
            {
                notes.Add($"The second stage ({problem.Score}) found no plan ({secondStage.Status}); the cost stage's plan is reported.");
            }

            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Second objective: {problem.Score} of added capacity, with discounted cost held within {problem.Degradation:P0} of the cost stage's {c1:F1} million USD."));
        }

        plan = TidyOpenings(built, plan, out int tidied);
        if (tidied > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{tidied} deposit(s) opened earlier than their first capacity (or never used) were opened when first used instead: same plan, lower cost, same second objective."));
        }

        if (costStage.Status != SolveStatus.Optimal)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"The cost stage stopped at a relative gap of {costStage.RelativeGap:P3} ({costStage.StopReason}); its objective is an incumbent."));
        }

        DepositStage? dualStage = null;
        double[]? duals = null;
        if (options.ComputeDuals && !deadline.Expired && !cancellationToken.IsCancellationRequested)
        {
            (dualStage, duals) = FixedOpeningDuals(built, plan, options, deadline, cancellationToken);
            if (duals is null)
            {
                notes.Add($"No demand duals: the LP with openings fixed ended {dualStage.Status}. {dualStage.Message}");
            }
        }

        return Report(problem, built, backend, costStage, secondStage, dualStage, plan, duals, notes);
    }

    /// <summary>
    /// One lexicographic stage: optionally the rounded relaxation (a plan and a proven bound from two LPs), then the MIP
    /// backend if the gap is still above the one asked for. Returns the best plan and how the stage ended.
    /// </summary>
    private static (IReadOnlyList<double>? Plan, DepositStage Stage) SolveStage(DepositModel built, LinearModel stageModel, ISolverBackend backend, SolveOptions options, Relaxation? relaxation, bool roundFirst, int[]? startOpenings, Deadline deadline, double share, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        double tolerance = options.RelativeGap ?? 1e-4;
        double? bound = null, objective = null;
        IReadOnlyList<double>? plan = null;
        var messages = new List<string>();
        if (relaxation is not null && roundFirst && !deadline.Expired && !cancellationToken.IsCancellationRequested)
        {
            long lpStarted = Stopwatch.GetTimestamp();
            var lp = relaxation.Solve(options with { TimeLimit = deadline.ForNativeSolve() }, cancellationToken);
            var lpTime = Stopwatch.GetElapsedTime(lpStarted);
            if (lp.Status == SolveStatus.Optimal)
            {
                bound = lp.ObjectiveValue;
                long roundStarted = Stopwatch.GetTimestamp();
                var rounded = deadline.Expired ? null : relaxation.SolveWithOpenings((i, t) => lp.Values[built.OpenedVariable(i, t)] > 1e-6, options with { TimeLimit = deadline.ForNativeSolve() }, cancellationToken);
                if (rounded is { Status: SolveStatus.Optimal })
                {
                    plan = rounded.Values;
                    objective = rounded.ObjectiveValue;
                    messages.Add(string.Create(CultureInfo.InvariantCulture, $"{relaxation.Session.Backend.Name} relaxation bound {bound:F3} ({lpTime.TotalSeconds:F1} s{(relaxation.Solves > 2 ? ", warm" : "")}); its openings rounded up give {objective:F3} ({Stopwatch.GetElapsedTime(roundStarted).TotalSeconds:F1} s)."));
                }
            }
            else
            {
                messages.Add($"{relaxation.Session.Backend.Name} relaxation: {lp.Status}. {lp.Message}");
            }
        }

        if (relaxation is not null && startOpenings is not null && !deadline.Expired && !cancellationToken.IsCancellationRequested)
        {
            // The start plan's openings with the LP re-solved: a plan of this stage when it is feasible here, kept if better.
            var fromStart = relaxation.SolveWithOpenings((i, t) => startOpenings[i] >= 0 && t >= startOpenings[i], options with { TimeLimit = deadline.ForNativeSolve() }, cancellationToken);
            if (fromStart is { Status: SolveStatus.Optimal, ObjectiveValue: { } value })
            {
                messages.Add(string.Create(CultureInfo.InvariantCulture, $"The start plan's openings give {value:F3}{(objective is { } o0 && value >= o0 ? $", not better than {o0:F3}" : "")}."));
                if (objective is null || value < objective)
                {
                    plan = fromStart.Values;
                    objective = value;
                }
            }
            else
            {
                messages.Add($"The start plan's openings give no plan of this stage ({fromStart.Status}); ignored.");
            }
        }

        SolveStatus status = SolveStatus.StoppedWithoutSolution;
        var stop = StopReason.None;
        TimeSpan? mipElapsed = null;
        if (objective is null || Gap(objective.Value, bound) > tolerance)
        {
            long mipStarted = Stopwatch.GetTimestamp();
            var mip = deadline.Expired || cancellationToken.IsCancellationRequested
                ? null
                : backend.Solve(stageModel, options with { TimeLimit = Share(deadline, share) }, cancellationToken);
            mipElapsed = mip is null ? null : Stopwatch.GetElapsedTime(mipStarted);
            if (mip is null)
            {
                stop = cancellationToken.IsCancellationRequested ? StopReason.Cancelled : StopReason.TimeLimit;
                messages.Add("MIP not started: no time left.");
            }
            else
            {
                stop = mip.StopReason;
                status = mip.Status;
                messages.Add(string.Create(CultureInfo.InvariantCulture, $"{mip.Backend}: {mip.Status}, objective {mip.ObjectiveValue:F3}, bound {mip.BestBound:F3}. {mip.Message}").TrimEnd());
                if (mip.BestBound is { } b)
                {
                    bound = Math.Max(bound ?? b, b);
                }

                if (mip.HasSolution && (objective is null || mip.ObjectiveValue < objective))
                {
                    plan = mip.Values;
                    objective = mip.ObjectiveValue;
                }
            }
        }

        if (objective is { } found)
        {
            // Optimal within the gap asked for when the gap is proven, or when the MIP backend says so (HiGHS proves no bound here).
            status = Gap(found, bound) <= tolerance || status == SolveStatus.Optimal ? SolveStatus.Optimal : SolveStatus.StoppedWithSolution;
        }

        return (plan, new DepositStage(status, objective, bound, objective is { } o && bound is not null ? Gap(o, bound) : null, stop, Stopwatch.GetElapsedTime(started), string.Join(" ", messages)) { MipElapsed = mipElapsed });
    }

    /// <summary>
    /// The plan with every deposit opened in the first year it has capacity (never, without any): a mine opened earlier, or
    /// opened and left idle, pays an opening cost that buys nothing, which a MIP stopped at a gap or a second stage with
    /// budget to spare may leave in. Feasibility holds (capacity ≤ max rate · opened needs opened only where capacity is
    /// positive) and the cost can only fall.
    /// </summary>
    private static double[] TidyOpenings(DepositModel built, IReadOnlyList<double> plan, out int changed)
    {
        var x = plan.ToArray();
        changed = 0;
        int years = built.Problem.DemandKt.Count;
        for (int i = 0; i < built.Problem.Deposits.Count; i++)
        {
            int first = Enumerable.Range(0, years).FirstOrDefault(t => x[built.CapacityVariable(i, t)] > 1e-9, -1);
            bool same = true;
            for (int t = 0; t < years; t++)
            {
                double opened = first >= 0 && t >= first ? 1 : 0;
                double open = t == first ? 1 : 0;
                same &= Math.Abs(x[built.OpenedVariable(i, t)] - opened) < 1e-6;
                x[built.OpenedVariable(i, t)] = opened;
                x[built.OpenVariable(i, t)] = open;
            }

            changed += same ? 0 : 1;
        }

        return x;
    }

    /// <summary>
    /// The first year index each deposit is open in the start plan (−1: shut), or <see langword="null"/> when the start names
    /// deposits or years the instance does not have: a start from another instance is then ignored, with a note saying why.
    /// Deposits the start does not name stay shut.
    /// </summary>
    private static int[]? StartOpenings(DepositModel built, IReadOnlyList<DepositOpening> start, List<string> notes)
    {
        var problem = built.Problem;
        var index = problem.Deposits.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var years = Enumerable.Repeat(-1, problem.Deposits.Count).ToArray();
        var wrong = new List<string>();
        foreach (var opening in start)
        {
            if (!index.TryGetValue(opening.DepositId, out int i))
            {
                wrong.Add(string.Create(CultureInfo.InvariantCulture, $"deposit {opening.DepositId} ({opening.DepositName}) is not in the instance"));
            }
            else if (opening.OpenedYear is { } year)
            {
                if (year < problem.FirstYear || year >= problem.FirstYear + problem.DemandKt.Count)
                {
                    wrong.Add(string.Create(CultureInfo.InvariantCulture, $"deposit {opening.DepositId} opens in {year}, outside {problem.FirstYear}–{problem.FirstYear + problem.DemandKt.Count - 1}"));
                }
                else
                {
                    years[i] = years[i] < 0 ? year - problem.FirstYear : Math.Min(years[i], year - problem.FirstYear);
                }
            }
        }

        if (wrong.Count > 0)
        {
            notes.Add("Start plan ignored: " + string.Join("; ", wrong) + ".");
            return null;
        }

        return years;
    }

    /// <summary>The model with row <c>cost_degradation</c>: discounted cost ≤ <paramref name="budget"/> (the last row).</summary>
    private static LinearModel WithBudget(DepositModel built, LinearModel model, double budget)
    {
        var staged = model.Clone();
        int row = staged.AddRow(double.NegativeInfinity, budget, "cost_degradation");
        for (int v = 0; v < staged.VariableCount; v++)
        {
            if (built.CostObjective[v] != 0)
            {
                staged.AddTerm(row, v, built.CostObjective[v]);
            }
        }

        return staged;
    }

    private static double Gap(double objective, double? bound) => bound is { } b ? Math.Max(0, objective - b) / Math.Max(1, Math.Abs(objective)) : double.PositiveInfinity;

    /// <summary>The demand duals of the LP with every <c>opened</c> (and so <c>open</c>) variable fixed at its value in the plan (CLP, else GLOP).</summary>
    private static (DepositStage Stage, double[]? Duals) FixedOpeningDuals(DepositModel built, IReadOnlyList<double> plan, SolveOptions options, Deadline deadline, CancellationToken cancellationToken)
    {
        var lp = built.Model.Clone();
        for (int i = 0; i < built.Problem.Deposits.Count; i++)
        {
            for (int t = 0; t < built.Problem.DemandKt.Count; t++)
            {
                foreach (int v in new[] { built.OpenedVariable(i, t), built.OpenVariable(i, t) })
                {
                    double fixedValue = Math.Round(plan[v]);
                    lp.SetInteger(v, false);
                    lp.SetVariableBounds(v, fixedValue, fixedValue);
                }
            }
        }

        var lpBackend = SolverBackends.Clp.IsAvailable ? SolverBackends.Clp : SolverBackends.Glop;
        var solution = lpBackend.Solve(lp, options with { ComputeDuals = true, TimeLimit = deadline.ForNativeSolve() }, cancellationToken);
        if (solution.Duals is not { } rowDuals)
        {
            return (Stage(solution), null);
        }

        // Million USD per kt = 1000 USD per t.
        var duals = Enumerable.Range(0, built.Problem.DemandKt.Count).Select(t => rowDuals[built.DemandRow(t)] * 1e3).ToArray();
        return (Stage(solution), duals);
    }

    private static DepositResult Report(DepositProblem problem, DepositModel built, ISolverBackend backend, DepositStage costStage, DepositStage? secondStage, DepositStage? dualStage, IReadOnlyList<double> x, double[]? duals, List<string> notes)
    {
        double V(int v) => v < 0 ? 0 : Math.Round(x[v], 9) + 0.0; // to the gram: solver noise off the reported kt, and no -0
        int n = problem.Deposits.Count, years = problem.DemandKt.Count;
        var rows = new List<DepositYear>(n * years);
        var openings = new List<DepositOpening>(n);
        var supplied = new double[years];
        for (int i = 0; i < n; i++)
        {
            var d = problem.Deposits[i];
            int? openedYear = null;
            double total = 0;
            for (int t = 0; t < years; t++)
            {
                double r = V(built.ExtractVariable(i, ResourceTier.Reserve, t));
                double m = V(built.ExtractVariable(i, ResourceTier.Demonstrated, t));
                double f = V(built.ExtractVariable(i, ResourceTier.Inferred, t));
                bool opens = V(built.OpenVariable(i, t)) > 0.5;
                if (opens)
                {
                    openedYear ??= problem.FirstYear + t;
                }

                rows.Add(new DepositYear(d.Id, d.Name, d.Iso3, problem.FirstYear + t, r, m, f, V(built.AddedVariable(i, t)), V(built.CapacityVariable(i, t)), opens, openedYear is not null));
                supplied[t] += r + m + f;
                total += r + m + f;
            }

            openings.Add(new DepositOpening(d.Id, d.Name, d.Iso3, d.OpenMine, openedYear, total));
        }

        double penalty = 0;
        var yearRows = new List<DemandYear>(years);
        for (int t = 0; t < years; t++)
        {
            int z = built.UnmetVariable(t);
            penalty += built.CostObjective[z] * V(z);
            yearRows.Add(new DemandYear(problem.FirstYear + t, problem.DemandKt[t], supplied[t], V(z), duals?[t], problem.Discounter(t)));
        }

        double cost = 0, second = 0;
        for (int v = 0; v < x.Count; v++)
        {
            cost += built.CostObjective[v] * x[v];
            second += built.SecondObjective[v] * x[v];
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"Costs in million USD discounted to {problem.FirstYear} ({problem.Discounting}, r = {problem.DiscountRate}); unmet demand priced at {problem.UnmetDemandCostUsdPerTonneLi:F0} USD per t Li (100,000 USD per t LCE in the paper) for every year it is carried."));
        return new DepositResult(problem.Label, backend.Name, costStage, secondStage, dualStage, cost, penalty, problem.HasSecondObjective ? second : null, rows, openings, yearRows, notes);
    }

    private static DepositResult Empty(DepositProblem problem, ISolverBackend backend, DepositStage costStage, List<string> notes) =>
        new(problem.Label, backend.Name, costStage, null, null, null, null, null, [], [], [], notes);

    private static DepositStage Stage(Solution s) => new(s.Status, s.ObjectiveValue, s.BestBound, s.RelativeGap, s.StopReason, s.Elapsed, s.Message);

    /// <summary>
    /// The LP relaxation of both stages kept loaded in one CLP (else GLOP) session: the budget row is there from the start,
    /// unbounded in the cost stage, so the second stage changes only a bound and the objective and re-solves from the cost
    /// stage's optimal basis (that optimum is feasible for the second stage: its cost is the relaxation bound, below any budget).
    /// </summary>
    internal sealed class Relaxation : IDisposable
    {
        private DepositModel _built;
        private readonly int _budgetRow;

        private Relaxation(DepositModel built, ISolverSession session, int budgetRow)
        {
            _built = built;
            Session = session;
            _budgetRow = budgetRow;
        }

        public ISolverSession Session { get; }

        /// <summary>Solves made on the session (the first is cold).</summary>
        public int Solves { get; private set; }

        /// <summary>Bounds the cost by the budget (the second stage's objective already in place).</summary>
        public void SetBudget(double budget) => Session.SetRowBounds(_budgetRow, double.NegativeInfinity, budget);

        /// <summary>
        /// Points the session at <paramref name="built"/> when that instance differs from the one held only in row bounds (same
        /// variables, bounds, integrality, both objectives and row coefficients): the differing row bounds are set, and the
        /// basis is kept. Returns <see langword="false"/>, changing nothing, otherwise.
        /// </summary>
        public bool TryRebind(DepositModel built)
        {
            var held = _built.Model;
            var next = built.Model;
            if (held.VariableCount != next.VariableCount || held.RowCount != next.RowCount
                || !held.VariableLowerBounds.SequenceEqual(next.VariableLowerBounds) || !held.VariableUpperBounds.SequenceEqual(next.VariableUpperBounds)
                || !held.IsInteger.SequenceEqual(next.IsInteger) || !held.ObjectiveCoefficients.SequenceEqual(next.ObjectiveCoefficients)
                || !_built.SecondObjective.SequenceEqual(built.SecondObjective))
            {
                return false;
            }

            var a = held.GetRows();
            var b = next.GetRows();
            for (int r = 0; r < held.RowCount; r++)
            {
                if (!a.RowColumns(r).SequenceEqual(b.RowColumns(r)) || !a.RowValues(r).SequenceEqual(b.RowValues(r)))
                {
                    return false;
                }
            }

            for (int r = 0; r < held.RowCount; r++)
            {
                if (held.RowLowerBounds[r] != next.RowLowerBounds[r] || held.RowUpperBounds[r] != next.RowUpperBounds[r])
                {
                    Session.SetRowBounds(r, next.RowLowerBounds[r], next.RowUpperBounds[r]);
                }
            }

            _built = built;
            return true;
        }

        public static Relaxation Open(DepositModel built)
        {
            var relaxed = WithBudget(built, built.Model, double.PositiveInfinity);
            for (int v = 0; v < relaxed.VariableCount; v++)
            {
                relaxed.SetInteger(v, false);
            }

            var backend = SolverBackends.Clp.IsAvailable ? SolverBackends.Clp : SolverBackends.Glop;
            return new Relaxation(built, backend.CreateSession(relaxed), relaxed.RowCount - 1);
        }

        /// <summary>
        /// The LP with <c>opened[d,t]</c> fixed at 1 where <paramref name="isOpen"/> says so and at 0 elsewhere: a plan of the
        /// MIP. The openings are freed again afterwards, so the session is back to the relaxation.
        /// </summary>
        public Solution SolveWithOpenings(Func<int, int, bool> isOpen, SolveOptions options, CancellationToken cancellationToken)
        {
            var problem = _built.Problem;
            for (int i = 0; i < problem.Deposits.Count; i++)
            {
                for (int t = 0; t < problem.DemandKt.Count; t++)
                {
                    double fixedValue = isOpen(i, t) ? 1 : 0;
                    Session.SetVariableBounds(_built.OpenedVariable(i, t), fixedValue, fixedValue);
                }
            }

            var rounded = Solve(options, cancellationToken);
            for (int i = 0; i < problem.Deposits.Count; i++)
            {
                for (int t = 0; t < problem.DemandKt.Count; t++)
                {
                    Session.SetVariableBounds(_built.OpenedVariable(i, t), 0, 1);
                }
            }

            return rounded;
        }

        /// <summary>
        /// Bounds the cost by the budget and switches to the second objective. Two steps, so each re-solve starts from the side
        /// that stays feasible: with only the openings freed and the budget set, the dual simplex goes back to the cost
        /// relaxation's optimum; with only the costs changed, the primal simplex starts from there.
        /// </summary>
        public void ToSecondStage(double budget, SolveOptions options, Deadline deadline, CancellationToken cancellationToken)
        {
            Session.SetRowBounds(_budgetRow, double.NegativeInfinity, budget);
            if (!deadline.Expired)
            {
                Solve(options with { TimeLimit = deadline.ForNativeSolve() }, cancellationToken);
            }

            for (int v = 0; v < Session.Model.VariableCount; v++)
            {
                Session.SetObjectiveCoefficient(v, _built.SecondObjective[v]);
            }
        }

        public Solution Solve(SolveOptions options, CancellationToken cancellationToken)
        {
            Solves++;
            return Session.Solve(options, cancellationToken);
        }

        public void Dispose() => Session.Dispose();
    }

    private static TimeSpan? Share(Deadline deadline, double share) =>
        deadline.Remaining is { } left ? TimeSpan.FromTicks(Math.Max((long)(left.Ticks * share), TimeSpan.TicksPerMillisecond)) : null;
}

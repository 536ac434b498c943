using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CriticalMinerals.Modeling;

namespace CriticalMinerals.Solving.Backends;

/// <summary>What a native solve returned, before the library checks it.</summary>
internal enum RawStatus
{
    Optimal,
    Feasible,
    Infeasible,
    Unbounded,
    InfeasibleOrUnbounded,
    NoSolution,
    Failed,
}

internal sealed record RawResult(RawStatus Status, double[]? Values, double[]? Duals, double? BestBound, string Message);

/// <summary>A native solver that holds one model and takes changes of bounds and costs in place.</summary>
internal interface INativeInstance : IDisposable
{
    void SetVariableBounds(int variable, double lower, double upper);

    void SetRowBounds(int row, double lower, double upper);

    void SetObjectiveCoefficient(int variable, double coefficient);

    RawResult Solve(LinearModel model, SolveOptions options, TimeSpan? timeLimit, bool wantDuals, CancellationToken cancellationToken);
}

/// <summary>
/// The pipeline every OR-Tools backend shares: refuse what the backend would answer wrongly, solve natively,
/// then normalise the status, verify the point against the model, resolve infeasible-versus-unbounded, and
/// attach duals only where they pass the dual check.
/// </summary>
internal abstract class OrToolsBackend : ISolverBackend
{
    private readonly Lazy<bool> _available;

    protected OrToolsBackend(string name, SolverCapabilities capabilities)
    {
        Name = name;
        Capabilities = capabilities;
        _available = new Lazy<bool>(ProbeAvailability);
    }

    public string Name { get; }

    public SolverCapabilities Capabilities { get; }

    public bool IsAvailable => _available.Value;

    public override string ToString() => Name;

    public Solution Solve(LinearModel model, SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Run(model, options, (o, duals, token) => SafeSolve(model, o, o.TimeLimit, duals, token), cancellationToken);
    }

    public ISolverSession CreateSession(LinearModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var copy = model.Clone();
        INativeInstance? warm = IsAvailable && Refuse(copy) is null ? CreateWarmInstance(copy) : null;
        return new OrToolsSession(this, copy, warm);
    }

    /// <summary>A native instance that keeps its state between solves, or <see langword="null"/> where the backend solves cold.</summary>
    private protected virtual INativeInstance? CreateWarmInstance(LinearModel model) => null;

    /// <summary>
    /// The shared pipeline around one native solve: refusal, cancellation, status normalisation, the primal check,
    /// infeasible-versus-unbounded diagnosis and checked duals.
    /// </summary>
    internal Solution Run(LinearModel model, SolveOptions? options, Func<SolveOptions, bool, CancellationToken, RawResult> native, CancellationToken cancellationToken)
    {
        options ??= SolveOptions.Default;
        options.Validate();
        var clock = Stopwatch.StartNew();

        if (!IsAvailable)
        {
            return Finish(new Solution { Status = SolveStatus.NotSupported, Backend = Name, Message = $"{Name} is not available in this build of OR-Tools." }, clock);
        }

        if (Refuse(model) is { } reason)
        {
            return Finish(new Solution { Status = SolveStatus.NotSupported, Backend = Name, Message = reason }, clock);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Finish(Stopped(StopReason.Cancelled, "Cancelled before the solve started."), clock);
        }

        bool wantOwnDuals = options.ComputeDuals && !model.IsMixedInteger && Capabilities.CorrectDuals;
        RawResult raw;
        try
        {
            raw = native(options, wantOwnDuals, cancellationToken);
        }
        catch (Exception e) when (IsNativeFailure(e))
        {
            raw = new RawResult(RawStatus.Failed, null, null, null, $"{Name} failed: {e.Message}");
        }

        // A proven status stands (it is checked below). A feasible-but-unproven answer under a time limit was stopped by
        // it (the backends' clocks start at different moments: CBC counts from the solver's construction), and so was a
        // missing one when most of the limit went by.
        bool proven = raw.Status is RawStatus.Optimal or RawStatus.Infeasible or RawStatus.Unbounded or RawStatus.InfeasibleOrUnbounded;
        StopReason stop = proven ? StopReason.None
            : cancellationToken.IsCancellationRequested ? StopReason.Cancelled
            : options.TimeLimit is { } limit && (raw.Status == RawStatus.Feasible || clock.Elapsed >= limit * 0.5) ? StopReason.TimeLimit
            : StopReason.None;

        Solution solution = raw.Status switch
        {
            RawStatus.Optimal or RawStatus.Feasible when raw.Values is not null => Accept(model, raw, stop, options, cancellationToken),
            RawStatus.Failed when stop == StopReason.None => new Solution { Status = SolveStatus.Error, Backend = Name, Message = raw.Message },
            _ when stop != StopReason.None => Stopped(stop, raw.Message),
            _ => Diagnose(model, raw, options, cancellationToken),
        };
        return Finish(solution, clock);
    }

    /// <summary>Why this backend cannot solve the model correctly, or <see langword="null"/> if it can.</summary>
    protected virtual string? Refuse(LinearModel model)
    {
        if (!Capabilities.ContinuousVariables && model.IntegerVariableCount < model.VariableCount)
        {
            return $"{Name} solves pure-integer models only; this model has {model.VariableCount - model.IntegerVariableCount} continuous variables (it would report a wrong optimum).";
        }

        if (!Capabilities.IntegerVariables && model.IsMixedInteger)
        {
            return $"{Name} solves LPs only; this model has {model.IntegerVariableCount} integer variables.";
        }

        return null;
    }

    /// <summary>Solves natively. Must honour the time limit and interrupt on cancellation where it can.</summary>
    protected abstract RawResult SolveNative(LinearModel model, SolveOptions options, TimeSpan? timeLimit, bool wantDuals, CancellationToken cancellationToken);

    /// <summary>Whether the native solver exists in this process.</summary>
    protected abstract bool ProbeAvailability();

    private RawResult SafeSolve(LinearModel model, SolveOptions options, TimeSpan? timeLimit, bool wantDuals, CancellationToken cancellationToken)
    {
        try
        {
            return SolveNative(model, options, timeLimit, wantDuals, cancellationToken);
        }
        catch (Exception e) when (IsNativeFailure(e))
        {
            return new RawResult(RawStatus.Failed, null, null, null, $"{Name} failed: {e.Message}");
        }
    }

    private static bool IsNativeFailure(Exception e) =>
        e is ApplicationException or InvalidOperationException or ArgumentException or SEHException or ExternalException;

    private Solution Accept(LinearModel model, RawResult raw, StopReason stop, SolveOptions options, CancellationToken cancellationToken)
    {
        double[] x = raw.Values!;
        double[] activities = model.ComputeRowActivities(x);
        SolutionCheck check = SolutionChecker.CheckPrimal(model, x, activities, options.FeasibilityTolerance);
        if (!check.PrimalFeasible)
        {
            return new Solution
            {
                Status = SolveStatus.Error,
                Backend = Name,
                Check = check,
                Message = string.Create(CultureInfo.InvariantCulture,
                    $"{Name} reported {raw.Status} but its point is not feasible: row violation {check.MaxRowViolation:G3}, bound violation {check.MaxBoundViolation:G3}, integrality violation {check.MaxIntegralityViolation:G3}."),
            };
        }

        double objective = model.EvaluateObjective(x);
        // A proven optimum stands even if the clock ran out while the backend returned it.
        bool optimal = raw.Status == RawStatus.Optimal;
        var solution = new Solution
        {
            Status = optimal ? SolveStatus.Optimal : SolveStatus.StoppedWithSolution,
            StopReason = optimal ? StopReason.None : stop,
            Backend = Name,
            ObjectiveValue = objective,
            BestBound = !model.IsMixedInteger ? (optimal ? objective : null) : Capabilities.ProvesBound ? raw.BestBound : null,
            Values = Wrap(x),
            RowActivities = Wrap(activities),
            Check = check,
            Message = raw.Message.Length > 0 ? raw.Message : null,
        };

        return optimal && options.ComputeDuals && !model.IsMixedInteger
            ? AttachDuals(model, solution, x, raw.Duals, options, cancellationToken)
            : solution;
    }

    private Solution AttachDuals(LinearModel model, Solution solution, double[] x, double[]? ownDuals, SolveOptions options, CancellationToken cancellationToken)
    {
        var rejected = new List<string>();
        if (Capabilities.CorrectDuals && ownDuals is not null && TryDuals(model, solution, x, ownDuals, Name, options, rejected) is { } own)
        {
            return own;
        }

        // Any optimal dual pairs with any optimal primal (strong duality), so a re-solve elsewhere gives correct duals
        // for this backend's point; the check below proves it.
        foreach (var provider in SolverBackends.DualProviders)
        {
            if (ReferenceEquals(provider, this) || !provider.IsAvailable)
            {
                continue;
            }

            var dualOptions = options with { ComputeDuals = true, TimeLimit = null };
            RawResult raw = ((OrToolsBackend)provider).SafeSolve(model, dualOptions, null, true, cancellationToken);
            if (raw.Status == RawStatus.Optimal && raw.Duals is not null
                && TryDuals(model, solution, x, raw.Duals, provider.Name, options, rejected) is { } borrowed)
            {
                return borrowed;
            }

            if (ProvenBetterOptimum(model, solution, raw, options) is { } proven)
            {
                return solution with
                {
                    Status = SolveStatus.Error,
                    Duals = null,
                    ReducedCosts = null,
                    Message = Join(solution.Message, string.Create(CultureInfo.InvariantCulture,
                        $"{Name} reported an optimum of {solution.ObjectiveValue:G10}, but {provider.Name}'s checked primal-dual pair proves the optimum is {proven:G10}.")),
                };
            }

            rejected.Add($"{provider.Name} re-solve: {raw.Status}");
        }

        return solution with { Message = Join(solution.Message, "No correct duals: " + string.Join("; ", rejected)) };
    }

    /// <summary>
    /// The optimum a provider proves (a feasible point and duals that close the gap on it), when it is strictly better
    /// than the solution's objective: then the solution claimed optimality wrongly.
    /// </summary>
    private static double? ProvenBetterOptimum(LinearModel model, Solution solution, RawResult provider, SolveOptions options)
    {
        if (provider.Status != RawStatus.Optimal || provider.Values is not { } y0 || provider.Duals is not { } duals || solution.ObjectiveValue is not { } claimed)
        {
            return null;
        }

        var primal = SolutionChecker.CheckPrimal(model, y0, model.ComputeRowActivities(y0), options.FeasibilityTolerance);
        var (_, violation, gap) = SolutionChecker.CheckDual(model, y0, duals);
        if (!primal.PrimalFeasible || violation > options.OptimalityTolerance || gap > options.OptimalityTolerance)
        {
            return null;
        }

        double optimum = model.EvaluateObjective(y0);
        double worse = model.Sense == ObjectiveSense.Minimize ? claimed - optimum : optimum - claimed;
        return worse > options.OptimalityTolerance * (1 + Math.Abs(optimum)) ? optimum : null;
    }

    private static Solution? TryDuals(LinearModel model, Solution solution, double[] x, double[] duals, string source, SolveOptions options, List<string> rejected)
    {
        var (reduced, violation, gap) = SolutionChecker.CheckDual(model, x, duals);
        bool ok = violation <= options.OptimalityTolerance && gap <= options.OptimalityTolerance;
        if (!ok)
        {
            rejected.Add(string.Create(CultureInfo.InvariantCulture, $"{source} duals failed the check (sign violation {violation:G3}, gap {gap:G3})"));
            return null;
        }

        return solution with
        {
            Duals = Wrap(duals),
            ReducedCosts = Wrap(reduced),
            DualsBackend = source,
            Check = solution.Check! with { MaxDualViolation = violation, RelativeDualityGap = gap, DualFeasible = true },
        };
    }

    /// <summary>
    /// The backend found no solution and gave a status that backends are known to get wrong. Decide from two
    /// auxiliary solves: the model with a zero objective (feasible or not?) and a bounded ray LP (does an
    /// improving direction exist?).
    /// </summary>
    private Solution Diagnose(LinearModel model, RawResult raw, SolveOptions options, CancellationToken cancellationToken)
    {
        var feasibility = model.Clone();
        for (int j = 0; j < feasibility.VariableCount; j++)
        {
            feasibility.SetObjectiveCoefficient(j, 0);
        }

        RawResult probe = SafeSolve(feasibility, options, options.TimeLimit, false, cancellationToken);
        string said = $"{Name} said {raw.Status}{(raw.Message.Length > 0 ? " (" + raw.Message + ")" : string.Empty)}";
        if (probe.Status is RawStatus.Infeasible or RawStatus.InfeasibleOrUnbounded)
        {
            // A backend that says INFEASIBLE to both questions is not its own witness: for an LP, an independent
            // backend must fail to find a feasible point too (a point, unlike a claim of infeasibility, can be checked).
            if (model.IsMixedInteger || IndependentFeasiblePoint(feasibility, options, cancellationToken) is not { } witness)
            {
                return new Solution { Status = SolveStatus.Infeasible, Backend = Name, Message = said + "; the model without its objective is infeasible too." };
            }

            said += $"; it said {probe.Status} without its objective too, but {witness.Message} found a feasible point";
            probe = witness;
        }

        if (probe.Status is not (RawStatus.Optimal or RawStatus.Feasible) || probe.Values is null)
        {
            return new Solution { Status = SolveStatus.InfeasibleOrUnbounded, Backend = Name, Message = said + $"; the feasibility check returned {probe.Status}." };
        }

        var check = SolutionChecker.CheckPrimal(model, probe.Values, model.ComputeRowActivities(probe.Values), options.FeasibilityTolerance);
        if (!check.PrimalFeasible)
        {
            return new Solution { Status = SolveStatus.InfeasibleOrUnbounded, Backend = Name, Message = said + "; the feasibility check returned a point that is not feasible." };
        }

        if (HasImprovingRay(model, cancellationToken))
        {
            return new Solution { Status = SolveStatus.Unbounded, Backend = Name, Message = said + "; the model is feasible and has an improving ray, so it is unbounded." };
        }

        return new Solution { Status = SolveStatus.Error, Backend = Name, Message = said + ", but the model is feasible and has no improving ray: the backend failed." };
    }

    /// <summary>
    /// A feasible point of an LP found by another backend than this one (GLOP, or CLP when this is GLOP), checked
    /// against the model; <see langword="null"/> if that backend finds none. The result's message is the referee's name.
    /// </summary>
    private RawResult? IndependentFeasiblePoint(LinearModel feasibility, SolveOptions options, CancellationToken cancellationToken)
    {
        var referee = (OrToolsBackend)(Name == SolverBackends.Glop.Name ? SolverBackends.Clp : SolverBackends.Glop);
        if (!referee.IsAvailable)
        {
            return null;
        }

        RawResult raw = referee.SafeSolve(feasibility, options, options.TimeLimit, false, cancellationToken);
        if (raw.Status is not (RawStatus.Optimal or RawStatus.Feasible) || raw.Values is null
            || !SolutionChecker.CheckPrimal(feasibility, raw.Values, feasibility.ComputeRowActivities(raw.Values), options.FeasibilityTolerance).PrimalFeasible)
        {
            return null;
        }

        return raw with { Message = referee.Name };
    }

    /// <summary>
    /// Solves <c>min c·d</c> over the recession cone of the LP relaxation, boxed to [-1, 1]. A negative optimum
    /// (positive for maximisation) is an improving ray; with a feasible point that makes the model unbounded.
    /// </summary>
    private static bool HasImprovingRay(LinearModel model, CancellationToken cancellationToken)
    {
        var ray = new LinearModel(model.Name + "_ray", model.VariableCount, model.RowCount, model.TermCount) { Sense = model.Sense };
        var lower = model.VariableLowerBounds;
        var upper = model.VariableUpperBounds;
        var c = model.ObjectiveCoefficients;
        double cNorm = 0;
        for (int j = 0; j < model.VariableCount; j++)
        {
            ray.AddVariable(double.IsFinite(lower[j]) ? 0 : -1, double.IsFinite(upper[j]) ? 0 : 1, c[j]);
            cNorm = Math.Max(cNorm, Math.Abs(c[j]));
        }

        var rows = model.GetRows();
        var rowLower = model.RowLowerBounds;
        var rowUpper = model.RowUpperBounds;
        for (int i = 0; i < model.RowCount; i++)
        {
            ray.AddRow(
                double.IsFinite(rowLower[i]) ? 0 : double.NegativeInfinity,
                double.IsFinite(rowUpper[i]) ? 0 : double.PositiveInfinity,
                rows.RowColumns(i),
                rows.RowValues(i));
        }

        var glop = (OrToolsBackend)SolverBackends.Glop;
        RawResult result = glop.SafeSolve(ray, SolveOptions.Default with { ComputeDuals = false }, null, false, cancellationToken);
        if (result.Status != RawStatus.Optimal || result.Values is null)
        {
            return false;
        }

        double value = ray.EvaluateObjective(result.Values);
        double threshold = 1e-7 * (1 + cNorm);
        return model.Sense == ObjectiveSense.Minimize ? value < -threshold : value > threshold;
    }

    private Solution Stopped(StopReason reason, string message) => new()
    {
        Status = SolveStatus.StoppedWithoutSolution,
        StopReason = reason,
        Backend = Name,
        Message = message.Length > 0 ? message : null,
    };

    private static Solution Finish(Solution solution, Stopwatch clock) => solution with { Elapsed = clock.Elapsed };

    private static ImmutableArray<double> Wrap(double[] values) => ImmutableCollectionsMarshal.AsImmutableArray(values);

    private static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : first + " " + second;
}

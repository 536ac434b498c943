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

    RawResult Solve(LinearModel model, SolveOptions options, Deadline deadline, bool wantDuals, CancellationToken cancellationToken);
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
        return Run(model, options, (o, deadline, duals, token) => SafeSolve(model, o, deadline, duals, token), cancellationToken);
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
    /// infeasible-versus-unbounded diagnosis, the MIP optimality check and checked duals. The time limit is one deadline
    /// for all of it: every auxiliary solve gets what is left.
    /// </summary>
    internal Solution Run(LinearModel model, SolveOptions? options, Func<SolveOptions, Deadline, bool, CancellationToken, RawResult> native, CancellationToken cancellationToken)
    {
        options ??= SolveOptions.Default;
        options.Validate();
        var clock = Stopwatch.StartNew();
        var deadline = Deadline.After(options.TimeLimit);

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
            raw = TrivialModels.IsTrivial(model) ? TrivialModels.Solve(model) : native(options, deadline, wantOwnDuals, cancellationToken);
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
            RawStatus.Optimal or RawStatus.Feasible when raw.Values is not null => Accept(model, raw, stop, options, deadline, cancellationToken),
            RawStatus.Failed when stop == StopReason.None => new Solution { Status = SolveStatus.Error, Backend = Name, Message = raw.Message },
            _ when stop != StopReason.None => Stopped(stop, raw.Message),
            _ => Diagnose(model, raw, options, deadline, cancellationToken),
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

        if (Capabilities.IntegerDataOnly && IntegerData.Refusal(model, Capabilities.MaxVariableMagnitude) is { } inexact)
        {
            return $"{Name} cannot solve this model exactly: {inexact}. Use SCIP, CBC or HiGHS.";
        }

        return null;
    }

    /// <summary>Solves natively. Must honour the time limit and interrupt on cancellation where it can.</summary>
    protected abstract RawResult SolveNative(LinearModel model, SolveOptions options, Deadline deadline, bool wantDuals, CancellationToken cancellationToken);

    /// <summary>Whether the native solver exists in this process.</summary>
    protected abstract bool ProbeAvailability();

    private RawResult SafeSolve(LinearModel model, SolveOptions options, Deadline deadline, bool wantDuals, CancellationToken cancellationToken)
    {
        if (TrivialModels.IsTrivial(model))
        {
            return TrivialModels.Solve(model);
        }

        if (deadline.Expired)
        {
            return new RawResult(RawStatus.NoSolution, null, null, null, "The time limit ran out before this solve started.");
        }

        try
        {
            return DetachedSolve.Run(Name, Capabilities.Interruptible, deadline, () => SolveNative(model, options, deadline, wantDuals, cancellationToken), null, out _, cancellationToken);
        }
        catch (Exception e) when (IsNativeFailure(e))
        {
            return new RawResult(RawStatus.Failed, null, null, null, $"{Name} failed: {e.Message}");
        }
    }

    private static bool IsNativeFailure(Exception e) =>
        e is ApplicationException or InvalidOperationException or ArgumentException or SEHException or ExternalException;

    private Solution Accept(LinearModel model, RawResult raw, StopReason stop, SolveOptions options, Deadline deadline, CancellationToken cancellationToken)
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

        if (optimal && model.IsMixedInteger)
        {
            return CheckMipOptimum(model, solution, x, options, deadline, cancellationToken);
        }

        return optimal && options.ComputeDuals
            ? AttachDuals(model, solution, x, raw.Duals, options, deadline, cancellationToken)
            : solution;
    }

    /// <summary>
    /// A claimed MIP optimum, checked the way an LP optimum is: with the integer variables fixed at the returned values,
    /// the LP left over the continuous variables is solved on CLP (or GLOP) with checked duals; if that proves a better
    /// objective, the claim was wrong (<see cref="SolveStatus.Error"/>). A pure-integer model has nothing left to check
    /// (its point is checked above; backends that cannot solve its data exactly refuse it). When the time limit or the
    /// token stops the check, the point stands but its optimality is not confirmed: <see cref="SolveStatus.StoppedWithSolution"/>.
    /// </summary>
    internal Solution CheckMipOptimum(LinearModel model, Solution solution, double[] x, SolveOptions options, Deadline deadline, CancellationToken cancellationToken)
    {
        if (model.IntegerVariableCount == model.VariableCount)
        {
            return solution;
        }

        var restricted = model.Clone();
        var integer = model.IsInteger;
        for (int j = 0; j < model.VariableCount; j++)
        {
            if (integer[j])
            {
                double value = Math.Round(x[j]);
                restricted.SetInteger(j, false);
                restricted.SetVariableBounds(j, value, value);
            }
        }

        var checkOptions = options with { ComputeDuals = true };
        var tried = new List<string>();
        foreach (var provider in SolverBackends.DualProviders)
        {
            if (!provider.IsAvailable)
            {
                continue;
            }

            if (deadline.Expired || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            RawResult raw = ((OrToolsBackend)provider).SafeSolve(restricted, checkOptions, deadline, true, cancellationToken);
            if (ProvenBetterOptimum(restricted, solution, raw, options) is { } better)
            {
                return solution with
                {
                    Status = SolveStatus.Error,
                    Message = Join(solution.Message, string.Create(CultureInfo.InvariantCulture,
                        $"{Name} reported a MIP optimum of {solution.ObjectiveValue:G10}, but with its integer values fixed {provider.Name}'s checked primal-dual pair proves {better:G10}.")),
                };
            }

            if (raw.Status == RawStatus.Optimal && raw.Values is { } y0 && raw.Duals is { } duals
                && SolutionChecker.CheckPrimal(restricted, y0, restricted.ComputeRowActivities(y0), options.FeasibilityTolerance).PrimalFeasible)
            {
                var (_, violation, gap) = SolutionChecker.CheckDual(restricted, y0, duals);
                if (violation <= options.OptimalityTolerance && gap <= options.OptimalityTolerance)
                {
                    return solution;
                }
            }

            tried.Add($"{provider.Name}: {raw.Status}");
        }

        if (deadline.Expired || cancellationToken.IsCancellationRequested)
        {
            return solution with
            {
                Status = SolveStatus.StoppedWithSolution,
                StopReason = cancellationToken.IsCancellationRequested ? StopReason.Cancelled : StopReason.TimeLimit,
                Message = Join(solution.Message, $"{Name} reported an optimum, but the {(cancellationToken.IsCancellationRequested ? "cancellation" : "time limit")} stopped the library's check of it (the LP over the continuous variables with the integers fixed)."),
            };
        }

        return solution with { Message = Join(solution.Message, "The optimum's continuous part could not be checked: " + string.Join("; ", tried) + ".") };
    }

    private Solution AttachDuals(LinearModel model, Solution solution, double[] x, double[]? ownDuals, SolveOptions options, Deadline deadline, CancellationToken cancellationToken)
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

            if (deadline.Expired)
            {
                rejected.Add($"the time limit ran out before a {provider.Name} re-solve for duals");
                break;
            }

            var dualOptions = options with { ComputeDuals = true };
            RawResult raw = ((OrToolsBackend)provider).SafeSolve(model, dualOptions, deadline, true, cancellationToken);
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
    private Solution Diagnose(LinearModel model, RawResult raw, SolveOptions options, Deadline deadline, CancellationToken cancellationToken)
    {
        string said = $"{Name} said {raw.Status}{(raw.Message.Length > 0 ? " (" + raw.Message + ")" : string.Empty)}";
        Solution? OutOfTime(string step) =>
            cancellationToken.IsCancellationRequested ? Stopped(StopReason.Cancelled, $"{said}; cancelled before {step}.")
            : deadline.Expired ? Stopped(StopReason.TimeLimit, $"{said}; the time limit ran out before {step}.")
            : null;

        var feasibility = model.Clone();
        for (int j = 0; j < feasibility.VariableCount; j++)
        {
            feasibility.SetObjectiveCoefficient(j, 0);
        }

        RawResult probe = SafeSolve(feasibility, options, deadline, false, cancellationToken);
        if (probe.Status is RawStatus.Infeasible or RawStatus.InfeasibleOrUnbounded)
        {
            // A backend that says INFEASIBLE to both questions is not its own witness: for an LP, an independent
            // backend must fail to find a feasible point too (a point, unlike a claim of infeasibility, can be checked).
            if (model.IsMixedInteger || IndependentFeasiblePoint(feasibility, options, deadline, cancellationToken) is not { } witness)
            {
                if (!model.IsMixedInteger && OutOfTime("the infeasibility could be confirmed") is { } stopped)
                {
                    return stopped;
                }

                return new Solution { Status = SolveStatus.Infeasible, Backend = Name, Message = said + "; the model without its objective is infeasible too." };
            }

            said += $"; it said {probe.Status} without its objective too, but {witness.Message} found a feasible point";
            probe = witness;
        }

        if (probe.Status is not (RawStatus.Optimal or RawStatus.Feasible) || probe.Values is null)
        {
            if (OutOfTime("its status could be checked") is { } stopped)
            {
                return stopped;
            }

            return new Solution { Status = SolveStatus.InfeasibleOrUnbounded, Backend = Name, Message = said + $"; the feasibility check returned {probe.Status}." };
        }

        var check = SolutionChecker.CheckPrimal(model, probe.Values, model.ComputeRowActivities(probe.Values), options.FeasibilityTolerance);
        if (!check.PrimalFeasible)
        {
            return new Solution { Status = SolveStatus.InfeasibleOrUnbounded, Backend = Name, Message = said + "; the feasibility check returned a point that is not feasible." };
        }

        bool? ray = HasImprovingRay(model, deadline, cancellationToken);
        if (ray is null)
        {
            return OutOfTime("its improving ray could be looked for") ?? new Solution { Status = SolveStatus.InfeasibleOrUnbounded, Backend = Name, Message = said + "; the model is feasible but the ray check failed." };
        }

        if (ray.Value)
        {
            return new Solution { Status = SolveStatus.Unbounded, Backend = Name, Message = said + "; the model is feasible and has an improving ray, so it is unbounded." };
        }

        return new Solution { Status = SolveStatus.Error, Backend = Name, Message = said + ", but the model is feasible and has no improving ray: the backend failed." };
    }

    /// <summary>
    /// A feasible point of an LP found by another backend than this one (GLOP, or CLP when this is GLOP), checked
    /// against the model; <see langword="null"/> if that backend finds none. The result's message is the referee's name.
    /// </summary>
    private RawResult? IndependentFeasiblePoint(LinearModel feasibility, SolveOptions options, Deadline deadline, CancellationToken cancellationToken)
    {
        var referee = (OrToolsBackend)(Name == SolverBackends.Glop.Name ? SolverBackends.Clp : SolverBackends.Glop);
        if (!referee.IsAvailable)
        {
            return null;
        }

        RawResult raw = referee.SafeSolve(feasibility, options, deadline, false, cancellationToken);
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
    /// <see langword="null"/> when the ray LP did not solve (out of time, cancelled, or a failure).
    /// </summary>
    private static bool? HasImprovingRay(LinearModel model, Deadline deadline, CancellationToken cancellationToken)
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
        RawResult result = glop.SafeSolve(ray, SolveOptions.Default with { ComputeDuals = false }, deadline, false, cancellationToken);
        if (result.Status != RawStatus.Optimal || result.Values is null)
        {
            return null;
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

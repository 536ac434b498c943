using System.Globalization;
using CriticalMinerals.Modeling;
using CriticalMinerals.Solving.Backends;

namespace CriticalMinerals.Solving;

/// <summary>
/// The backends OR-Tools 9.15 ships for .NET, each with the capabilities measured through it, and the
/// automatic choice among them.
/// </summary>
/// <remarks>
/// GLOP, CLP, CBC and SCIP go through MPSolver (the only route to CLP and CBC, the one that keeps state, and the one
/// where SCIP can be interrupted); HiGHS, PDLP and CP-SAT through ModelBuilder's index path, the fastest way to build.
/// Duals are declared correct only for GLOP and CLP: through OR-Tools 9.15 HiGHS returns row activities as
/// duals and zero reduced costs, SCIP zeros, and PDLP approximations.
/// </remarks>
public static class SolverBackends
{
    /// <summary>Google's primal/dual simplex. Correct duals; slow on very large LPs.</summary>
    public static ISolverBackend Glop { get; } = new MpSolverBackend("GLOP", "GLOP",
        new(ContinuousVariables: true, IntegerVariables: false, CorrectDuals: true, WarmResolve: true, MultiThreaded: false, TimeLimit: true, Interruptible: true, ProvesBound: false, ObjectiveTolerance: 1e-9));

    /// <summary>COIN-OR CLP simplex. Correct duals; the fastest LP backend measured here.</summary>
    public static ISolverBackend Clp { get; } = new MpSolverBackend("CLP", "CLP",
        new(ContinuousVariables: true, IntegerVariables: false, CorrectDuals: true, WarmResolve: true, MultiThreaded: false, TimeLimit: true, Interruptible: false, ProvesBound: false, ObjectiveTolerance: 1e-9));

    /// <summary>COIN-OR CBC branch and cut.</summary>
    public static ISolverBackend Cbc { get; } = new MpSolverBackend("CBC", "CBC",
        new(ContinuousVariables: true, IntegerVariables: true, CorrectDuals: false, WarmResolve: false, MultiThreaded: false, TimeLimit: true, Interruptible: false, ProvesBound: true, ObjectiveTolerance: 1e-9));

    /// <summary>HiGHS 1.12 (simplex, IPM, MIP). Its duals and MIP bound are not usable through OR-Tools 9.15.</summary>
    public static ISolverBackend Highs { get; } = new ModelBuilderBackend("HiGHS", "highs",
        new(ContinuousVariables: true, IntegerVariables: true, CorrectDuals: false, WarmResolve: false, MultiThreaded: false, TimeLimit: true, Interruptible: false, ProvesBound: false, ObjectiveTolerance: 1e-9),
        static (options, model) => "output_flag=false" + (options.RelativeGap is { } gap && model.IsMixedInteger ? Invariant($",mip_rel_gap={gap}") : string.Empty));

    /// <summary>
    /// SCIP branch and cut, single-threaded, through ModelBuilder. Through MPSolver it could be interrupted, but it called
    /// a feasible build-out plan (MSP lithium, 2024–2040, one project) infeasible in the cost stage (the library's check
    /// caught it); so it is not interrupted natively: a cancelled solve returns at once and is left to end (DetachedSolve).
    /// </summary>
    public static ISolverBackend Scip { get; } = new ModelBuilderBackend("SCIP", "scip",
        new(ContinuousVariables: true, IntegerVariables: true, CorrectDuals: false, WarmResolve: false, MultiThreaded: false, TimeLimit: true, Interruptible: false, ProvesBound: true, ObjectiveTolerance: 1e-9),
        static (options, model) => "misc/catchctrlc = FALSE" + (options.RelativeGap is { } gap && model.IsMixedInteger ? Invariant($"\nlimits/gap = {gap}") : string.Empty));

    /// <summary>PDLP, a first-order LP method for very large models; run here at tightened tolerances. Through ModelBuilder it ignores interruption (measured).</summary>
    public static ISolverBackend Pdlp { get; } = new ModelBuilderBackend("PDLP", "pdlp",
        new(ContinuousVariables: true, IntegerVariables: false, CorrectDuals: false, WarmResolve: false, MultiThreaded: true, TimeLimit: true, Interruptible: false, ProvesBound: false, ObjectiveTolerance: 1e-7),
        static (options, _) => Invariant($"num_threads: {options.Threads} termination_criteria {{ simple_optimality_criteria {{ eps_optimal_absolute: 1e-9 eps_optimal_relative: 1e-9 }} }}"));

    /// <summary>
    /// CP-SAT, for pure-integer models over integer data only: on continuous variables, fractional coefficients or
    /// domains beyond ±1e7 it reports wrong optima or wrong infeasibility through OR-Tools 9.15, so it refuses them.
    /// </summary>
    public static ISolverBackend CpSat { get; } = new ModelBuilderBackend("CP-SAT", "sat",
        new(ContinuousVariables: false, IntegerVariables: true, CorrectDuals: false, WarmResolve: false, MultiThreaded: true, TimeLimit: true, Interruptible: true, ProvesBound: true, ObjectiveTolerance: 1e-9)
        {
            IntegerDataOnly = true,
            MaxVariableMagnitude = 1e7,
        },
        static (options, model) => Invariant($"num_workers: {options.Threads} catch_sigint_signal: false") + (options.RelativeGap is { } gap ? Invariant($" relative_gap_limit: {gap}") : string.Empty));

    /// <summary>Every backend, available or not.</summary>
    public static IReadOnlyList<ISolverBackend> All { get; } = [Glop, Clp, Cbc, Highs, Scip, Pdlp, CpSat];

    /// <summary>Backends whose LP duals are correct, in the order they are asked to supply duals for others.</summary>
    internal static IReadOnlyList<ISolverBackend> DualProviders { get; } = [Clp, Glop];

    /// <summary>Finds a backend by name, ignoring case (<c>clp</c>, <c>HiGHS</c>, <c>cp-sat</c>).</summary>
    /// <exception cref="ArgumentException">No backend has that name; the message lists the names.</exception>
    public static ISolverBackend Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No backend named '{name}'. Known: {string.Join(", ", All.Select(b => b.Name))}.", nameof(name));
    }

    /// <summary>
    /// Chooses a backend for a model: CLP for LPs (fastest measured, correct duals), then GLOP; SCIP for MIPs
    /// (it proves a bound, so the gap is known), then CBC, then HiGHS.
    /// </summary>
    /// <exception cref="InvalidOperationException">No available backend can solve the model.</exception>
    public static ISolverBackend Choose(LinearModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IEnumerable<ISolverBackend> preference = model.IsMixedInteger ? [Scip, Cbc, Highs] : [Clp, Glop, Highs, Pdlp];
        return preference.FirstOrDefault(b => b.IsAvailable)
            ?? throw new InvalidOperationException($"No available backend solves {model}.");
    }

    /// <summary>Solves with the backend <see cref="Choose"/> picks.</summary>
    public static Solution Solve(LinearModel model, SolveOptions? options = null, CancellationToken cancellationToken = default) =>
        Choose(model).Solve(model, options, cancellationToken);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

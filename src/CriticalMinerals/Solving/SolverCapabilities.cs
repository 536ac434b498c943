namespace CriticalMinerals.Solving;

/// <summary>What a backend can do correctly, declared by the backend and used to choose one.</summary>
/// <param name="ContinuousVariables">Solves models with continuous variables (LPs and MIPs). CP-SAT cannot: it answers them wrongly.</param>
/// <param name="IntegerVariables">Solves models with integer variables.</param>
/// <param name="CorrectDuals">Returns correct row duals and reduced costs for LPs.</param>
/// <param name="WarmResolve">Keeps its state between solves, so a changed right-hand side re-solves from the last basis.</param>
/// <param name="MultiThreaded">Uses more than one thread when asked.</param>
/// <param name="TimeLimit">Honours a time limit.</param>
/// <param name="Interruptible">Stops a running solve when the <see cref="CancellationToken"/> is cancelled.</param>
/// <param name="ProvesBound">Reports a valid dual bound for MIPs, so the gap is known.</param>
/// <param name="ObjectiveTolerance">Relative accuracy of the objective it returns at default settings (simplex 1e-9; first-order methods less).</param>
public sealed record SolverCapabilities(
    bool ContinuousVariables,
    bool IntegerVariables,
    bool CorrectDuals,
    bool WarmResolve,
    bool MultiThreaded,
    bool TimeLimit,
    bool Interruptible,
    bool ProvesBound,
    double ObjectiveTolerance)
{
    /// <summary>
    /// Solves a model only when its data is exact for it: every row and objective coefficient an integer, every variable
    /// bound finite and within <see cref="MaxVariableMagnitude"/>, every row's largest activity below 2^53. CP-SAT
    /// declares it: OR-Tools truncates wider domains to ±1e7 (a feasible model then comes back infeasible) and rounds
    /// fractional coefficients (a small objective coefficient becomes 0 and the reported optimum is wrong).
    /// </summary>
    public bool IntegerDataOnly { get; init; }

    /// <summary>The largest variable bound, in absolute value, the backend solves exactly (∞ for no limit).</summary>
    public double MaxVariableMagnitude { get; init; } = double.PositiveInfinity;
}

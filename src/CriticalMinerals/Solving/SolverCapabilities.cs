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
    double ObjectiveTolerance);

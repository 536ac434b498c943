namespace CriticalMinerals.Solving;

/// <summary>
/// The outcome of a solve, normalised across backends. OR-Tools' backends disagree on the same model
/// (an unbounded LP comes back INFEASIBLE from GLOP, ABNORMAL from CLP and NOT_SOLVED from PDLP); the library
/// resolves such answers itself before it reports one of these.
/// </summary>
public enum SolveStatus
{
    /// <summary>An optimal solution was found and passed the library's feasibility check.</summary>
    Optimal,

    /// <summary>No point satisfies the constraints.</summary>
    Infeasible,

    /// <summary>The constraints can be met and the objective improves without limit.</summary>
    Unbounded,

    /// <summary>Either infeasible or unbounded; the backend could not tell which and the library could not either.</summary>
    InfeasibleOrUnbounded,

    /// <summary>Stopped by a time limit or cancellation with a feasible, possibly suboptimal solution (see <see cref="Solution.StopReason"/>).</summary>
    StoppedWithSolution,

    /// <summary>Stopped by a time limit or cancellation before any feasible solution was found.</summary>
    StoppedWithoutSolution,

    /// <summary>The backend refused the model because it cannot solve it correctly (for example CP-SAT and continuous variables).</summary>
    NotSupported,

    /// <summary>The backend failed, or its answer failed the library's check; <see cref="Solution.Message"/> says why.</summary>
    Error,
}

/// <summary>Why a solve stopped before proving optimality.</summary>
public enum StopReason
{
    /// <summary>The solve ran to completion.</summary>
    None,

    /// <summary>The time limit in <see cref="SolveOptions.TimeLimit"/> was reached.</summary>
    TimeLimit,

    /// <summary>The <see cref="CancellationToken"/> was cancelled.</summary>
    Cancelled,
}

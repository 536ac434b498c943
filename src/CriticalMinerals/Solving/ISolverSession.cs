using CriticalMinerals.Modeling;

namespace CriticalMinerals.Solving;

/// <summary>
/// A model kept loaded in one backend for a series of solves that differ only in bounds, right-hand sides or
/// objective coefficients. Backends that keep state (<see cref="SolverCapabilities.WarmResolve"/>: GLOP, CLP) re-solve
/// from the last basis; the others solve the changed model cold. Every solve goes through the same checks as
/// <see cref="ISolverBackend.Solve"/>. One caller at a time (one session per thread): a call that overlaps another
/// throws <see cref="InvalidOperationException"/> instead of entering the native solver twice.
/// </summary>
public interface ISolverSession : IDisposable
{
    /// <summary>The backend that solves.</summary>
    ISolverBackend Backend { get; }

    /// <summary>The session's own copy of the model, kept in step with every change (the original is never touched).</summary>
    LinearModel Model { get; }

    /// <summary>Whether re-solves start from the previous solve's state.</summary>
    bool IsWarm { get; }

    /// <summary>Changes a variable's bounds.</summary>
    void SetVariableBounds(int variable, double lowerBound, double upperBound);

    /// <summary>Changes a row's bounds (its right-hand side).</summary>
    void SetRowBounds(int row, double lowerBound, double upperBound);

    /// <summary>Changes a variable's objective coefficient.</summary>
    void SetObjectiveCoefficient(int variable, double coefficient);

    /// <summary>Solves the model as it now stands.</summary>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    /// <exception cref="InvalidOperationException">Another call on this session is running.</exception>
    Solution Solve(SolveOptions? options = null, CancellationToken cancellationToken = default);
}

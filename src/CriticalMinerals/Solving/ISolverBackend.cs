using CriticalMinerals.Modeling;

namespace CriticalMinerals.Solving;

/// <summary>
/// A solver that takes a <see cref="LinearModel"/>. Implementations declare what they can do correctly in
/// <see cref="Capabilities"/> and refuse (<see cref="SolveStatus.NotSupported"/>) a model they would answer wrongly.
/// </summary>
public interface ISolverBackend
{
    /// <summary>Short name, e.g. <c>CLP</c>.</summary>
    string Name { get; }

    /// <summary>What this backend does correctly.</summary>
    SolverCapabilities Capabilities { get; }

    /// <summary>Whether the backend's native solver is present in this process.</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// Solves the model. Never throws for solver trouble: the outcome is in <see cref="Solution.Status"/>.
    /// Each call uses its own native solver, so calls on different threads (with different models) are safe.
    /// </summary>
    /// <param name="model">The model; not changed.</param>
    /// <param name="options">Options; <see cref="SolveOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the solve; the result then has <see cref="StopReason.Cancelled"/>.</param>
    Solution Solve(LinearModel model, SolveOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads a copy of the model for repeated solves that change only bounds and objective coefficients; warm where
    /// <see cref="SolverCapabilities.WarmResolve"/> is declared. Dispose the session to free the native solver.
    /// </summary>
    ISolverSession CreateSession(LinearModel model);
}

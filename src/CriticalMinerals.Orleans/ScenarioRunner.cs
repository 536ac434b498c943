using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Orleans;

/// <summary>
/// Solves single scenarios through <see cref="ScenarioSweep.SolveScenario"/>, the step a local sweep runs for each of its
/// scenarios (same network, same solver, same result fields), on one warm <see cref="SupplySolver"/>. Not thread-safe:
/// one per worker.
/// </summary>
public sealed class ScenarioRunner : IDisposable
{
    private readonly ScenarioSweep _sweep;
    private readonly SupplySolver _solver;
    private readonly bool _keepOutcomes;

    /// <summary>Creates a runner.</summary>
    /// <param name="sweep">The dataset's sweep runner (for networks).</param>
    /// <param name="options">Sweep options (warm start, outcomes, solve options).</param>
    /// <param name="backend">Backend, or <see langword="null"/> for the automatic choice.</param>
    public ScenarioRunner(ScenarioSweep sweep, SweepOptions options, ISolverBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(options);
        _sweep = sweep;
        _keepOutcomes = options.KeepOutcomes;
        _solver = new SupplySolver(backend, options.WarmStart, options.Solve);
    }

    /// <summary>Model structures built so far.</summary>
    public int StructureCount => _solver.StructureCount;

    /// <summary>Solves one scenario; <see langword="null"/> when cancellation interrupted its solve.</summary>
    public SweepScenarioResult? Solve(int index, SweepScenario scenario, CancellationToken cancellationToken = default) =>
        _sweep.SolveScenario(index, scenario, _solver, _keepOutcomes, cancellationToken);

    /// <summary>Frees the solver's sessions.</summary>
    public void Dispose() => _solver.Dispose();
}

using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Orleans;

/// <summary>
/// Solves single scenarios the way <see cref="ScenarioSweep.Run(IReadOnlyList{SweepScenario}, SweepOptions?, IProgress{SweepProgress}?, CancellationToken)"/>
/// does for each of its scenarios (same network, same solver, same result fields), on one warm <see cref="SupplySolver"/>.
/// The core library keeps its per-scenario step private; this adapter repeats it on its public parts
/// (<see cref="ScenarioSweep.BuildNetwork"/>, <see cref="SupplySolver.Solve"/>). Not thread-safe: one per worker.
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
    public SweepScenarioResult? Solve(int index, SweepScenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        string unit;
        SupplyNetwork network;
        try
        {
            unit = _sweep.Dataset.GetCommodity(scenario.Question.Commodity).ModelUnit;
            network = _sweep.BuildNetwork(scenario);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return new SweepScenarioResult(index, scenario, string.Empty, SolveStatus.Error, double.NaN, double.NaN, double.NaN, double.NaN, false, null, e.Message);
        }

        var (outcome, warm) = _solver.Solve(network, cancellationToken);
        var solution = outcome.Solution;
        if (solution.StopReason == StopReason.Cancelled)
        {
            return null;
        }

        double demand = network.DemandKt;
        double shortfall = outcome.ShortfallKt;
        double supplied = demand - shortfall;
        return new SweepScenarioResult(
            index,
            scenario,
            unit,
            solution.Status,
            demand,
            supplied,
            shortfall,
            demand > 0 ? supplied / demand : (double.IsNaN(shortfall) ? double.NaN : 1),
            warm,
            _keepOutcomes ? outcome : null,
            solution.HasSolution ? null : solution.Message ?? solution.Status.ToString());
    }

    /// <summary>Frees the solver's sessions.</summary>
    public void Dispose() => _solver.Dispose();
}

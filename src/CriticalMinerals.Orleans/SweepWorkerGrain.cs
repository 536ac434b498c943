using System.Collections.Immutable;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Orleans.Wire;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Orleans;

/// <summary>
/// A worker slot of a cluster sweep: solves the work items sent to it one at a time (non-reentrant), keeping one warm
/// <see cref="SupplySolver"/> across the items of its sweep, on the dataset its silo holds (<see cref="SiloDatasetCache"/>).
/// The coordinator places a fixed number of these per silo, which bounds the work in flight on each silo.
/// </summary>
[Alias("cm.sweep.ISweepWorkerGrain")]
public interface ISweepWorkerGrain : IGrainWithStringKey
{
    /// <summary>Whether this worker's silo holds a dataset.</summary>
    [Alias("HasDataset")]
    Task<bool> HasDatasetAsync(string datasetKey);

    /// <summary>Registers a user dataset on this worker's silo (kept for every later sweep on the silo).</summary>
    [Alias("RegisterDataset")]
    Task RegisterDatasetAsync(DatasetPayload payload);

    /// <summary>
    /// Solves a work item. Cancellation is observed between scenarios and inside a solve; the result then holds the
    /// scenarios finished before, with <see cref="WorkStatus.Cancelled"/>.
    /// </summary>
    [Alias("Solve")]
    Task<WorkResult> SolveAsync(WorkItem item, CancellationToken cancellationToken = default);

    /// <summary>Identity of the silo hosting this worker.</summary>
    [Alias("GetSilo")]
    Task<string> GetSiloAsync();

    /// <summary>Frees the worker's solver sessions and lets the activation go.</summary>
    [Alias("Complete")]
    Task CompleteAsync();
}

/// <summary>The worker grain: see <see cref="ISweepWorkerGrain"/>.</summary>
internal sealed class SweepWorkerGrain(SiloDatasetCache cache) : Grain, ISweepWorkerGrain, IDisposable
{
    private ScenarioRunner? _runner;
    private (string DatasetKey, SweepSettingsDto Settings)? _runnerFor;

    public Task<bool> HasDatasetAsync(string datasetKey) => Task.FromResult(cache.Contains(datasetKey));

    public Task RegisterDatasetAsync(DatasetPayload payload)
    {
        cache.Register(payload);
        return Task.CompletedTask;
    }

    public Task<string> GetSiloAsync() => Task.FromResult(RuntimeIdentity);

    public async Task<WorkResult> SolveAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var sweep = cache.Get(item.DatasetKey);
        if (sweep is null)
        {
            return new WorkResult(WorkStatus.DatasetMissing, [], 0, RuntimeIdentity);
        }

        if (_runner is null || _runnerFor != (item.DatasetKey, item.Settings))
        {
            _runner?.Dispose();
            var s = item.Settings;
            var options = new SweepOptions { WarmStart = s.WarmStart, KeepOutcomes = s.KeepOutcomes, Solve = s.ToSolveOptions() };
            _runner = new ScenarioRunner(sweep, options, s.Backend is null ? null : SolverBackends.Get(s.Backend));
            _runnerFor = (item.DatasetKey, item.Settings);
        }

        var runner = _runner;
        string silo = RuntimeIdentity;

        // The solves are CPU-bound: run them off the grain's turn, one item at a time (the grain is not reentrant).
        return await Task.Run(
            () =>
            {
                int before = runner.StructureCount;
                var results = ImmutableArray.CreateBuilder<ScenarioResultDto>(item.Indices.Length);
                for (int i = 0; i < item.Indices.Length; i++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return new WorkResult(WorkStatus.Cancelled, results.ToImmutable(), runner.StructureCount - before, silo);
                    }

                    var scenario = ScenarioWire.FromDto(item.Scenarios[i], sweep.Dataset);
                    var result = runner.Solve(item.Indices[i], scenario, cancellationToken);
                    if (result is null)
                    {
                        return new WorkResult(WorkStatus.Cancelled, results.ToImmutable(), runner.StructureCount - before, silo);
                    }

                    results.Add(ResultWire.ToDto(result));
                }

                return new WorkResult(WorkStatus.Done, results.MoveToImmutable(), runner.StructureCount - before, silo);
            },
            CancellationToken.None).ConfigureAwait(true);
    }

    public Task CompleteAsync()
    {
        _runner?.Dispose();
        _runner = null;
        _runnerFor = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _runner?.Dispose();
        _runner = null;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _runner?.Dispose();
        _runner = null;
        return base.OnDeactivateAsync(reason, cancellationToken);
    }
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Orleans.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace CriticalMinerals.Orleans;

/// <summary>How a cluster sweep spreads its work.</summary>
public sealed record ClusterSweepOptions
{
    /// <summary>The defaults.</summary>
    public static ClusterSweepOptions Default { get; } = new();

    /// <summary>Work items in flight on each silo at once (worker grains per silo); 2 by default. Set it to the silo's cores.</summary>
    public int MaxInFlightPerSilo { get; init; } = 2;

    /// <summary>Scenarios per work item; automatic (about four items per worker, at most 32 scenarios) when <see langword="null"/>.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Times a work item is tried before the sweep fails; 10 by default.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>How often the coordinator re-reads the cluster's membership (to add workers on new silos); 2 s by default.</summary>
    public TimeSpan MembershipRefresh { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a silo whose workers failed is left alone before workers are placed there again; 10 s by default.</summary>
    public TimeSpan SuspectSiloCooldown { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Solver backend by name (<see cref="Solving.SolverBackends.Get"/>), or <see langword="null"/> for the automatic choice.</summary>
    public string? Backend { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlightPerSilo, 1, nameof(MaxInFlightPerSilo));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        if (BatchSize is { } b)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(b, 1, nameof(BatchSize));
        }
    }
}

/// <summary>What happened on the cluster during a sweep.</summary>
/// <param name="WorkItems">Work items the sweep was cut into.</param>
/// <param name="Dispatches">Work-item calls made (retries included).</param>
/// <param name="Retries">Work items sent again after a failure (a lost silo, a timeout).</param>
/// <param name="DuplicatesDropped">Results that arrived for a scenario already counted, and were dropped.</param>
/// <param name="Silos">Distinct silos that returned results.</param>
/// <param name="DatasetTransfers">Times the dataset's bytes were sent to a silo (0 for the embedded dataset).</param>
public sealed record ClusterSweepStatistics(int WorkItems, int Dispatches, int Retries, int DuplicatesDropped, int Silos, int DatasetTransfers);

/// <summary>A cluster sweep's result with what happened on the cluster.</summary>
/// <param name="Result">The same result a local <see cref="ScenarioSweep"/> gives.</param>
/// <param name="Statistics">Work items, retries, duplicates, silos.</param>
public sealed record ClusterSweepResult(SweepResult Result, ClusterSweepStatistics Statistics);

/// <summary>
/// Runs a sweep on an Orleans cluster: the same input as <see cref="ScenarioSweep.Run(IReadOnlyList{SweepScenario}, SweepOptions?, IProgress{SweepProgress}?, CancellationToken)"/>
/// and the same <see cref="SweepResult"/> (results in input order, <see cref="SweepResult.ToTable"/>), with results also
/// streamed as they finish (<see cref="StreamAsync"/>).
/// </summary>
/// <remarks>
/// The coordinator runs here, in the caller's process (a client or a silo), so losing a silo never loses the sweep's
/// bookkeeping. It cuts the scenarios, ordered by model structure, into work items; places
/// <see cref="ClusterSweepOptions.MaxInFlightPerSilo"/> worker grains on each active silo (a placement hint per silo),
/// each taking one item at a time from a shared queue, which bounds the work in flight per silo; sends a user dataset's
/// bytes once per silo; puts an item whose call failed back on the queue for another worker; and counts each scenario
/// once, by its index, dropping results that arrive again. Cancellation stops the queue, cancels the calls in flight
/// (their workers observe it between and inside solves) and returns the finished results with
/// <see cref="SweepResult.Cancelled"/> set; it never throws for cancellation.
/// </remarks>
public sealed partial class ClusterSweep
{
    /// <summary>
    /// The name of the cluster sweep's <see cref="Meter"/> and <see cref="ActivitySource"/>: the counters
    /// <c>criticalminerals.cluster.dispatches</c>, <c>.retries</c> (tagged with the reason), <c>.duplicates_dropped</c>,
    /// <c>.dataset_transfers</c>, and an activity <c>cluster-sweep</c> per run. The scenarios themselves are counted by the
    /// silos' sweeps (<see cref="SweepTelemetry"/>).
    /// </summary>
    public const string TelemetryName = "CriticalMinerals.Orleans";

    private static readonly ActivitySource Source = new(TelemetryName);
    private static readonly Meter Meter = new(TelemetryName);
    private static readonly Counter<long> DispatchCounter = Meter.CreateCounter<long>("criticalminerals.cluster.dispatches", "{call}", "Work-item calls made, retries included.");
    private static readonly Counter<long> RetryCounter = Meter.CreateCounter<long>("criticalminerals.cluster.retries", "{work item}", "Work items sent again after a failure.");
    private static readonly Counter<long> DuplicateCounter = Meter.CreateCounter<long>("criticalminerals.cluster.duplicates_dropped", "{result}", "Results that arrived twice and were dropped.");
    private static readonly Counter<long> TransferCounter = Meter.CreateCounter<long>("criticalminerals.cluster.dataset_transfers", "{transfer}", "User datasets sent to a silo.");

    private readonly IGrainFactory _grains;
    private readonly ClusterSweepOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a cluster sweep runner.</summary>
    /// <param name="grainFactory">The cluster client (<c>IClusterClient</c>) or a silo's grain factory.</param>
    /// <param name="dataset">The data; <see cref="ClusterDataset.Embedded"/> when <see langword="null"/>.</param>
    /// <param name="options">How work is spread; <see cref="ClusterSweepOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where retries, suspected silos and failures are logged (warnings) and runs (information); none when <see langword="null"/>.</param>
    public ClusterSweep(IGrainFactory grainFactory, ClusterDataset? dataset = null, ClusterSweepOptions? options = null, ILogger<ClusterSweep>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        _grains = grainFactory;
        Dataset = dataset ?? ClusterDataset.Embedded;
        _options = options ?? ClusterSweepOptions.Default;
        _options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The dataset the sweeps solve against.</summary>
    public ClusterDataset Dataset { get; }

    /// <summary>Runs the scenarios of a grid on the cluster.</summary>
    public Task<SweepResult> RunAsync(SweepGrid grid, SweepOptions? options = null, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return RunAsync(grid.Expand(), options, progress, cancellationToken);
    }

    /// <summary>Runs scenarios on the cluster; see <see cref="ClusterSweep"/>. <see cref="SweepOptions.MaxDegreeOfParallelism"/> is not used (see <see cref="ClusterSweepOptions.MaxInFlightPerSilo"/>).</summary>
    /// <exception cref="InvalidOperationException">No silo is active, or a work item failed <see cref="ClusterSweepOptions.MaxAttempts"/> times.</exception>
    public async Task<SweepResult> RunAsync(IReadOnlyList<SweepScenario> scenarios, SweepOptions? options = null, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default) =>
        (await RunDetailedAsync(scenarios, options, progress, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>Runs scenarios on the cluster and reports what happened there (retries, duplicates dropped, silos).</summary>
    /// <exception cref="InvalidOperationException">No silo is active, or a work item failed <see cref="ClusterSweepOptions.MaxAttempts"/> times.</exception>
    public Task<ClusterSweepResult> RunDetailedAsync(IReadOnlyList<SweepScenario> scenarios, SweepOptions? options = null, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        return new Execution(this, scenarios, options ?? SweepOptions.Default, progress, null).RunAsync(cancellationToken);
    }

    /// <summary>
    /// Runs scenarios on the cluster and yields each result as it arrives (in completion order, each scenario once).
    /// Cancellation ends the stream after the results already received; stopping the enumeration cancels the sweep.
    /// </summary>
    /// <exception cref="InvalidOperationException">No silo is active, or a work item failed <see cref="ClusterSweepOptions.MaxAttempts"/> times.</exception>
    public async IAsyncEnumerable<SweepScenarioResult> StreamAsync(
        IReadOnlyList<SweepScenario> scenarios,
        SweepOptions? options = null,
        IProgress<SweepProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var channel = Channel.CreateUnbounded<SweepScenarioResult>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var execution = new Execution(this, scenarios, options ?? SweepOptions.Default, progress, r => channel.Writer.TryWrite(r));
        var run = Task.Run(async () =>
        {
            try
            {
                await execution.RunAsync(stop.Token).ConfigureAwait(false);
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var result in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await run.ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster sweep: a work item of {Scenarios} scenarios on silo {Silo} is sent again: {Reason}")]
    private static partial void LogRetry(ILogger logger, int scenarios, string silo, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster sweep: silo {Silo} failed twice in a row; no work is placed there for {Seconds} s")]
    private static partial void LogSuspect(ILogger logger, string silo, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cluster sweep: a work item of {Scenarios} scenarios failed {Attempts} times; the sweep stops")]
    private static partial void LogGaveUp(ILogger logger, Exception error, int scenarios, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster sweep: {Done} of {Total} scenarios in {Seconds:0.0} s on {Silos} silos; {Retries} retries, {Duplicates} duplicates dropped, cancelled: {Cancelled}")]
    private static partial void LogFinished(ILogger logger, int done, int total, double seconds, int silos, int retries, int duplicates, bool cancelled);

    /// <summary>One run of a sweep: the queue, the workers, the results.</summary>
    private sealed class Execution
    {
        private readonly ClusterSweep _owner;
        private readonly IReadOnlyList<SweepScenario> _scenarios;
        private readonly SweepOptions _sweepOptions;
        private readonly IProgress<SweepProgress>? _progress;
        private readonly Action<SweepScenarioResult>? _onResult;
        private readonly ClusterSweepOptions _options;
        private readonly Guid _sweepId = Guid.NewGuid();
        private readonly Stopwatch _stopwatch = new();
        private readonly SweepScenarioResult?[] _results;
        private readonly Channel<Batch> _queue = Channel.CreateUnbounded<Batch>();
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<SiloAddress, Lazy<Task>> _datasetOnSilo = new();
        private readonly ConcurrentDictionary<SiloAddress, DateTime> _suspects = new();
        private readonly ConcurrentDictionary<string, byte> _silos = new(StringComparer.Ordinal);
        private readonly ConcurrentBag<ISweepWorkerGrain> _workers = [];
        private int _done;
        private int _remaining;
        private int _structures;
        private int _dispatches;
        private int _retries;
        private int _duplicates;
        private int _transfers;
        private int _generation;
        private int _workItems;

        public Execution(ClusterSweep owner, IReadOnlyList<SweepScenario> scenarios, SweepOptions sweepOptions, IProgress<SweepProgress>? progress, Action<SweepScenarioResult>? onResult)
        {
            _owner = owner;
            _scenarios = scenarios;
            _sweepOptions = sweepOptions;
            _progress = progress;
            _onResult = onResult;
            _options = owner._options;
            _results = new SweepScenarioResult?[scenarios.Count];
            sweepOptions.Solve.Validate();
        }

        public async Task<ClusterSweepResult> RunAsync(CancellationToken cancellationToken)
        {
            _stopwatch.Start();
            int total = _scenarios.Count;
            using var activity = Source.StartActivity("cluster-sweep");
            activity?.SetTag("criticalminerals.scenarios", total);
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var slots = new List<Slot>();
            try
            {
                if (total > 0 && !cancellationToken.IsCancellationRequested)
                {
                    var hosts = await ActiveSilosAsync().ConfigureAwait(false);
                    if (hosts.Count == 0)
                    {
                        throw new InvalidOperationException("No active silo in the cluster.");
                    }

                    Enqueue(hosts.Count);
                    await SuperviseAsync(slots, hosts, run.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                await run.CancelAsync().ConfigureAwait(false);
                _queue.Writer.TryComplete();
                try
                {
                    await Task.WhenAll(slots.Select(s => s.Task)).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    foreach (var slot in slots)
                    {
                        slot.Stop.Dispose();
                    }
                }

                ReleaseWorkers();
            }

            _stopwatch.Stop();
            var finished = _results.Where(r => r is not null).Select(r => r!).ToArray();
            var result = new SweepResult(finished, total, finished.Length < total, _stopwatch.Elapsed, Volatile.Read(ref _structures));
            activity?.SetTag("criticalminerals.finished", finished.Length);
            activity?.SetTag("criticalminerals.retries", _retries);
            activity?.SetTag("criticalminerals.silos", _silos.Count);
            LogFinished(_owner._logger, finished.Length, total, _stopwatch.Elapsed.TotalSeconds, _silos.Count, _retries, _duplicates, result.Cancelled);
            return new ClusterSweepResult(result, new ClusterSweepStatistics(_workItems, _dispatches, _retries, _duplicates, _silos.Count, _transfers));
        }

        /// <summary>Cuts the scenarios, ordered by model structure as the local sweep does, into work items.</summary>
        private void Enqueue(int silos)
        {
            int total = _scenarios.Count;
            int[] order = ScenarioSweep.OrderByStructure(_scenarios);
            int size = _options.BatchSize ?? Math.Clamp(total / (silos * _options.MaxInFlightPerSilo * 4), 1, 32);
            var settings = SweepSettingsDto.From(_sweepOptions, _options.Backend);
            var batches = order.Chunk(size)
                .Select(chunk => new Batch(new WorkItem(
                    _sweepId,
                    _owner.Dataset.Key,
                    settings,
                    [.. chunk],
                    chunk.Select(i => ScenarioWire.ToDto(_scenarios[i])).ToImmutableArray())))
                .ToArray();
            _workItems = batches.Length;
            _remaining = batches.Length;
            foreach (var batch in batches)
            {
                _queue.Writer.TryWrite(batch);
            }
        }

        /// <summary>Keeps workers on every active silo until every item is done, the sweep fails or it is cancelled.</summary>
        private async Task SuperviseAsync(List<Slot> slots, IReadOnlyList<SiloAddress> hosts, CancellationToken cancellationToken)
        {
            while (!_completion.Task.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                var now = DateTime.UtcNow;
                foreach (var silo in hosts)
                {
                    if (_suspects.TryGetValue(silo, out var since) && now - since < _options.SuspectSiloCooldown)
                    {
                        continue;
                    }

                    int running = slots.Count(s => s.Silo.Equals(silo) && !s.Task.IsCompleted);
                    for (int k = running; k < _options.MaxInFlightPerSilo; k++)
                    {
                        string key = $"{_sweepId:N}/{silo.ToParsableString()}/{Interlocked.Increment(ref _generation)}";
                        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        slots.Add(new Slot(silo, stop, WorkerAsync(silo, key, stop.Token, cancellationToken)));
                    }
                }

                var waits = slots.Where(s => !s.Task.IsCompleted).Select(s => s.Task).ToList();
                waits.Add(_completion.Task);
                waits.Add(Task.Delay(_options.MembershipRefresh, cancellationToken));
                await Task.WhenAny(waits).ConfigureAwait(false);
                if (_completion.Task.IsCompleted || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                try
                {
                    hosts = await ActiveSilosAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The management grain may be moving off a lost silo: keep the last view and try again.
                }

                if (hosts.Count == 0)
                {
                    throw new InvalidOperationException("No active silo left in the cluster.");
                }

                // A silo that left the membership will not answer: cancel the calls in flight there, so that their items
                // go back on the queue now rather than after the response timeout.
                foreach (var slot in slots.Where(s => !s.Task.IsCompleted && !hosts.Contains(s.Silo)))
                {
                    await slot.Stop.CancelAsync().ConfigureAwait(false);
                }
            }

            if (_completion.Task.IsCompleted)
            {
                await _completion.Task.ConfigureAwait(false);
            }
        }

        private async Task<IReadOnlyList<SiloAddress>> ActiveSilosAsync()
        {
            var hosts = await _owner._grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false);
            return hosts.Keys.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        }

        /// <summary>One worker slot on one silo: takes items from the queue one at a time until none is left.</summary>
        /// <param name="silo">The silo the worker is placed on.</param>
        /// <param name="key">The worker grain's key.</param>
        /// <param name="cancellationToken">Stops this worker (its silo left) or the sweep.</param>
        /// <param name="sweepCancellation">Stops the sweep.</param>
        private async Task WorkerAsync(SiloAddress silo, string key, CancellationToken cancellationToken, CancellationToken sweepCancellation)
        {
            var worker = _owner._grains.GetGrain<ISweepWorkerGrain>(key);
            _workers.Add(worker);
            int failures = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                Batch batch;
                try
                {
                    batch = await _queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
                {
                    return;
                }

                try
                {
                    RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
                    await EnsureDatasetAsync(silo, worker).WaitAsync(cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _dispatches);
                    DispatchCounter.Add(1);
                    var result = await worker.SolveAsync(batch.Item, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
                    if (result.Status == WorkStatus.DatasetMissing)
                    {
                        // The worker was placed on a silo the dataset has not reached (its own silo was lost): send it there.
                        await SendDatasetAsync(worker).WaitAsync(cancellationToken).ConfigureAwait(false);
                        Interlocked.Increment(ref _dispatches);
                        DispatchCounter.Add(1);
                        result = await worker.SolveAsync(batch.Item, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
                    }

                    Accept(batch, result);
                    failures = 0;
                }
                catch (OperationCanceledException) when (sweepCancellation.IsCancellationRequested)
                {
                    return;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The silo left the cluster with this item in flight: another worker redoes it.
                    Interlocked.Increment(ref _retries);
                    RetryCounter.Add(1, new KeyValuePair<string, object?>("reason", "silo left"));
                    LogRetry(_owner._logger, batch.Item.Indices.Length, silo.ToString(), "its silo left the cluster");
                    _queue.Writer.TryWrite(batch);
                    return;
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref batch.Attempts) >= _options.MaxAttempts)
                    {
                        LogGaveUp(_owner._logger, e, batch.Item.Indices.Length, batch.Attempts);
                        _completion.TrySetException(new InvalidOperationException(
                            $"A work item of {batch.Item.Indices.Length} scenarios failed {batch.Attempts} times; last error: {e.Message}", e));
                        return;
                    }

                    Interlocked.Increment(ref _retries);
                    RetryCounter.Add(1, new KeyValuePair<string, object?>("reason", e.GetType().Name));
                    LogRetry(_owner._logger, batch.Item.Indices.Length, silo.ToString(), e.Message);
                    _queue.Writer.TryWrite(batch);
                    if (++failures >= 2)
                    {
                        // This silo is probably gone: leave it; the supervisor places workers again while it stays active.
                        LogSuspect(_owner._logger, silo.ToString(), _options.SuspectSiloCooldown.TotalSeconds);
                        _suspects[silo] = DateTime.UtcNow;
                        return;
                    }
                }
                finally
                {
                    RequestContext.Remove(IPlacementDirector.PlacementHintKey);
                }
            }
        }

        /// <summary>Sends a user dataset to a silo once (all the silo's workers wait for the same transfer).</summary>
        private Task EnsureDatasetAsync(SiloAddress silo, ISweepWorkerGrain worker)
        {
            if (_owner.Dataset.Payload is null)
            {
                return Task.CompletedTask;
            }

            var transfer = _datasetOnSilo.GetOrAdd(silo, _ => new Lazy<Task>(async () =>
            {
                if (!await worker.HasDatasetAsync(_owner.Dataset.Key).ConfigureAwait(false))
                {
                    await SendDatasetAsync(worker).ConfigureAwait(false);
                }
            }));
            var task = transfer.Value;
            if (task.IsFaulted)
            {
                _datasetOnSilo.TryRemove(new KeyValuePair<SiloAddress, Lazy<Task>>(silo, transfer));
            }

            return task;
        }

        private async Task SendDatasetAsync(ISweepWorkerGrain worker)
        {
            var payload = _owner.Dataset.Payload ?? throw new InvalidOperationException("A silo lacks the embedded dataset.");
            await worker.RegisterDatasetAsync(payload).ConfigureAwait(false);
            Interlocked.Increment(ref _transfers);
            TransferCounter.Add(1);
        }

        /// <summary>Counts each scenario once; an item cut short by cancellation goes back on the queue unless the sweep is cancelled.</summary>
        private void Accept(Batch batch, WorkResult result)
        {
            _silos.TryAdd(result.Silo, 0);
            Interlocked.Add(ref _structures, result.NewStructures);
            foreach (var dto in result.Results)
            {
                int index = dto.Index;
                if ((uint)index >= (uint)_results.Length)
                {
                    continue;
                }

                var value = ResultWire.FromDto(dto, _scenarios[index]);
                if (Interlocked.CompareExchange(ref _results[index], value, null) is not null)
                {
                    Interlocked.Increment(ref _duplicates);
                    DuplicateCounter.Add(1);
                    continue;
                }

                int done = Interlocked.Increment(ref _done);
                _progress?.Report(new SweepProgress(done, _results.Length, _stopwatch.Elapsed));
                _onResult?.Invoke(value);
            }

            if (result.Status != WorkStatus.Done)
            {
                _queue.Writer.TryWrite(batch);
                return;
            }

            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _queue.Writer.TryComplete();
                _completion.TrySetResult();
            }
        }

        /// <summary>Lets the workers free their solver sessions (best effort, not awaited).</summary>
        private void ReleaseWorkers()
        {
            foreach (var worker in _workers.Distinct())
            {
                _ = worker.CompleteAsync().WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(
                    t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
    }

    /// <summary>A worker slot: its silo, what stops it, its loop.</summary>
    private sealed record Slot(SiloAddress Silo, CancellationTokenSource Stop, Task Task);

    /// <summary>A work item and how often it was tried.</summary>
    private sealed class Batch(WorkItem item)
    {
        public WorkItem Item { get; } = item;

        public int Attempts;
    }
}

using System.Diagnostics;
using CriticalMinerals.Analysis.Deposits;
using CriticalMinerals.Data;

namespace CriticalMinerals.Orleans.Deposits;

/// <summary>A deposit grid run on a cluster: the tidy rows a local grid gives, and where the runs went.</summary>
/// <param name="Runs">Finished cells, in cell order (as the local <see cref="DepositGridResult.Runs"/>).</param>
/// <param name="Total">How many cells there were.</param>
/// <param name="Cancelled">Whether cancellation stopped the grid before every cell ran.</param>
/// <param name="Elapsed">Wall-clock time of the whole grid.</param>
public sealed record ClusterDepositGridResult(IReadOnlyList<DepositCellResult> Runs, int Total, bool Cancelled, TimeSpan Elapsed)
{
    /// <summary>One row per run and year, the same rows <see cref="DepositGridResult.Rows"/> gives locally.</summary>
    /// <returns>Tidy rows.</returns>
    public IReadOnlyList<DepositGridRow> Rows() => Runs.SelectMany(r => r.ToRows()).ToArray();

    /// <summary>Distinct silos that ran cells.</summary>
    public int Silos => Runs.Select(r => r.Silo).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>
/// Runs the deposit grid of <see cref="DepositGrid"/> on an Orleans cluster, unchanged: the same cells
/// (<see cref="DepositGrid.Cells"/>), each run by <see cref="DepositGrid.RunCell"/> in a grain (<see cref="IDepositGridGrain"/>)
/// on the silos' embedded data, at most <paramref name="maxInFlight"/> at once. Silos must be built with
/// <see cref="SweepHostingExtensions.AddCriticalMineralsSweeps"/> (the grain is found in this assembly).
/// </summary>
/// <remarks>
/// Only the embedded data: a user dataset would have to travel as the sweeps' does (<see cref="ClusterDataset"/>), which the
/// deposit grain does not do yet. A failed call fails the grid (no retry on another silo, unlike <see cref="ClusterSweep"/>).
/// </remarks>
/// <param name="grainFactory">The cluster client or a silo's grain factory.</param>
/// <param name="maxInFlight">Cells running at once over the whole cluster (about the cluster's cores: each run is single-threaded).</param>
public sealed class ClusterDepositGrid(IGrainFactory grainFactory, int maxInFlight)
{
    /// <summary>Runs the grid; see <see cref="ClusterDepositGrid"/>.</summary>
    /// <param name="options">Cells and run parameters (<see cref="DepositGridOptions.Batch"/> is not used: see the constructor); the paper's full grid when <see langword="null"/>.</param>
    /// <param name="progress">Receives the number of cells finished after each.</param>
    /// <param name="cancellationToken">Stops starting cells and cancels those running; finished cells are kept, cut-short ones dropped.</param>
    /// <returns>The finished cells.</returns>
    /// <exception cref="ArgumentException">An unknown variant or scenario, or options that cannot cross the wire.</exception>
    public async Task<ClusterDepositGridResult> RunAsync(DepositGridOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        options ??= new DepositGridOptions();
        var cells = DepositGrid.Cells(MineralDataset.Default.Busch2025, options);
        var requests = cells.Select(c => DepositCellRequest.From(c, options.Run)).ToArray();
        var results = new DepositCellResult?[cells.Count];
        var sweepId = Guid.NewGuid();
        long started = Stopwatch.GetTimestamp();
        int done = 0;
        try
        {
            await Parallel.ForAsync(0, cells.Count, new ParallelOptions { MaxDegreeOfParallelism = maxInFlight, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var grain = grainFactory.GetGrain<IDepositGridGrain>($"{sweepId:N}/{i}");
                var result = await grain.RunAsync(requests[i], ct).ConfigureAwait(false);
                if (!result.Cancelled)
                {
                    results[i] = result;
                }

                progress?.Report(Interlocked.Increment(ref done));
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cells not started stay empty; finished ones are in the array.
        }

        var finished = results.Where(r => r is not null).Select(r => r!).ToArray();
        return new ClusterDepositGridResult(finished, cells.Count, finished.Length < cells.Count, Stopwatch.GetElapsedTime(started));
    }
}

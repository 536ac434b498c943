using System.Diagnostics;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Deposits;

/// <summary>One cell of the deposit grid: a supply variant under a demand scenario.</summary>
/// <param name="SupplyVariant">Supply variant (<see cref="DepositProblem.BaseVariant"/>, <see cref="DepositProblem.NoClayVariant"/> or a <c>deposit_scenarios</c> file name).</param>
/// <param name="Scenario">Demand scenario of <c>busch2025/Demand.csv</c>.</param>
public sealed record DepositGridCell(string SupplyVariant, string Scenario);

/// <summary>What the deposit grid runs and how.</summary>
public sealed record DepositGridOptions
{
    /// <summary>Supply variants; <see langword="null"/> for all 14 of the paper's Figure 5 (<see cref="DepositGrid.SupplyVariants"/>).</summary>
    public IReadOnlyList<string>? SupplyVariants { get; init; }

    /// <summary>Demand scenarios; <see langword="null"/> for all 11 of <c>Demand.csv</c>.</summary>
    public IReadOnlyList<string>? Scenarios { get; init; }

    /// <summary>
    /// Every run's parameters; <see cref="DepositOptions.Scenario"/> and <see cref="DepositOptions.SupplyVariant"/> are replaced per
    /// cell. The default is the paper's Figure 5 run (<c>runOptimization(…, 0.1)</c>: cost, then ease of doing business within
    /// 10 %), without duals (the figure reports none).
    /// </summary>
    public DepositOptions Run { get; init; } = new() { ComputeDuals = false };

    /// <summary>How many runs solve at once (each on its own solver sessions); <see cref="BatchOptions.Default"/> when <see langword="null"/>.</summary>
    public BatchOptions? Batch { get; init; }

    /// <summary>
    /// Whether a run's second stage starts from the LP basis a finished run of the same supply variant left (only demand and
    /// budget differ, so the dual simplex re-solves warm); otherwise each run switches its own cost relaxation to the second
    /// objective. Both give plans within the gap asked for; the warm start is faster.
    /// </summary>
    public bool WarmSecondStage { get; init; } = true;
}

/// <summary>One finished run of the grid.</summary>
/// <param name="Cell">Supply variant and demand scenario.</param>
/// <param name="Result">The run's plan.</param>
/// <param name="Elapsed">Wall-clock time of the run (both stages and, if asked for, the dual LP).</param>
public sealed record DepositGridRun(DepositGridCell Cell, DepositResult Result, TimeSpan Elapsed);

/// <summary>One tidy row of the grid: a run's year (units kt Li; objective in million USD discounted to 2022).</summary>
/// <param name="SupplyVariant">Supply variant.</param>
/// <param name="Scenario">Demand scenario.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="DemandKt">Primary demand of the year.</param>
/// <param name="ExtractionKt">Extraction of the year over all deposits.</param>
/// <param name="UnmetKt">Unmet demand carried at the end of the year (the paper's backlog, <c>Data_Fig5_slack.csv</c>'s <c>demand_unmet</c>).</param>
/// <param name="DiscountedCostMillionUsd">The run's cost objective (unmet-demand penalty included); <see langword="null"/> without a plan.</param>
/// <param name="SecondObjectiveValue">The run's Σ score · capacity added, when it has a second stage.</param>
/// <param name="RelativeGap">Proven relative gap of the run's last MIP stage (the second when there is one), where a bound is known.</param>
/// <param name="Status">Status of the run's last stage.</param>
/// <param name="ElapsedSeconds">Wall-clock seconds of the whole run.</param>
public sealed record DepositGridRow(
    string SupplyVariant,
    string Scenario,
    int Year,
    double DemandKt,
    double ExtractionKt,
    double UnmetKt,
    double? DiscountedCostMillionUsd,
    double? SecondObjectiveValue,
    double? RelativeGap,
    SolveStatus Status,
    double ElapsedSeconds)
{
    /// <summary>Wall-clock seconds of the cost stage (rounded relaxation, then the MIP backend if it ran).</summary>
    public double? CostStageSeconds { get; init; }

    /// <summary>Wall-clock seconds of the second stage; <see langword="null"/> for a cost-only run.</summary>
    public double? SecondStageSeconds { get; init; }

    /// <summary>Wall-clock seconds in the MIP backend over both stages; 0 when the rounded relaxation proved every gap.</summary>
    public double? MipSeconds { get; init; }
}

/// <summary>The grid's finished runs, in cell order, and whether cancellation stopped it.</summary>
/// <param name="Runs">Finished runs.</param>
/// <param name="Total">How many cells there were.</param>
/// <param name="Cancelled">Whether cancellation stopped the grid before every cell ran.</param>
/// <param name="Elapsed">Wall-clock time of the whole grid.</param>
public sealed record DepositGridResult(IReadOnlyList<DepositGridRun> Runs, int Total, bool Cancelled, TimeSpan Elapsed)
{
    /// <summary>Whether every cell ran.</summary>
    public bool IsComplete => !Cancelled && Runs.Count == Total;

    /// <summary>One row per run and year, runs in cell order.</summary>
    /// <returns>Tidy rows.</returns>
    public IReadOnlyList<DepositGridRow> Rows() =>
        Runs.SelectMany(run =>
        {
            var last = run.Result.SecondStage ?? run.Result.CostStage;
            return run.Result.Years.Select(y => new DepositGridRow(
                run.Cell.SupplyVariant, run.Cell.Scenario, y.Year, y.DemandKt, y.ExtractionKt, y.UnmetKt,
                run.Result.DiscountedCostMillionUsd, run.Result.SecondObjectiveValue, last.RelativeGap, last.Status, run.Elapsed.TotalSeconds)
            {
                CostStageSeconds = run.Result.CostStage.Elapsed.TotalSeconds,
                SecondStageSeconds = run.Result.SecondStage?.Elapsed.TotalSeconds,
                MipSeconds = (run.Result.CostStage.MipElapsed ?? TimeSpan.Zero).TotalSeconds + (run.Result.SecondStage?.MipElapsed ?? TimeSpan.Zero).TotalSeconds,
            });
        }).ToArray();

    /// <summary>Cumulative extraction by country over a span of years, per run, kt Li (the paper's extraction-by-country view).</summary>
    /// <param name="fromYear">First year counted.</param>
    /// <param name="toYear">Last year counted.</param>
    /// <returns>Rows (cell, Iso3, kt) with nonzero extraction, cells in grid order, countries ordinal.</returns>
    public IReadOnlyList<(DepositGridCell Cell, string Iso3, double ExtractionKt)> ExtractionByCountry(int fromYear, int toYear) =>
        Runs.SelectMany(run => run.Result.Deposits
            .Where(r => r.Year >= fromYear && r.Year <= toYear)
            .GroupBy(r => r.Iso3, StringComparer.Ordinal)
            .Select(g => (run.Cell, Iso3: g.Key, ExtractionKt: g.Sum(r => r.ExtractionKt)))
            .Where(r => r.ExtractionKt > 0)
            .OrderBy(r => r.Iso3, StringComparer.Ordinal))
            .ToArray();
}

/// <summary>
/// The grid of the paper's Figure 5 (Busch et al. 2025, <c>02-DepositScenarios.jl</c> and <c>01-DemandScenarios.jl</c>):
/// 14 supply variants × 11 demand scenarios = 154 runs of the deposit model, solved in parallel through <see cref="Batch"/>,
/// each run on its own solver sessions.
/// </summary>
public static class DepositGrid
{
    /// <summary>The paper's 14 supply variants: Base, No Clay, then the <c>deposit_scenarios</c> files in ordinal order.</summary>
    /// <param name="data">The Busch et al. (2025) inputs.</param>
    /// <returns>Variant names as <see cref="DepositOptions.SupplyVariant"/> takes them.</returns>
    public static IReadOnlyList<string> SupplyVariants(Busch2025Data data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return [DepositProblem.BaseVariant, DepositProblem.NoClayVariant, .. data.DepositScenarios.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The cells a grid runs: every supply variant under every demand scenario, variant-major.</summary>
    /// <param name="data">The Busch et al. (2025) inputs.</param>
    /// <param name="options">Which variants and scenarios; all when <see langword="null"/>.</param>
    /// <returns>The cells.</returns>
    /// <exception cref="ArgumentException">An unknown variant or scenario; all are named at once.</exception>
    public static IReadOnlyList<DepositGridCell> Cells(Busch2025Data data, DepositGridOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new DepositGridOptions();
        var allVariants = SupplyVariants(data);
        var variants = options.SupplyVariants ?? allVariants;
        var scenarios = options.Scenarios ?? data.Scenarios;
        var problems = variants.Where(v => !allVariants.Contains(v, StringComparer.Ordinal)).Select(v => $"supply variant '{v}'")
            .Concat(scenarios.Where(s => !data.Scenarios.Contains(s, StringComparer.Ordinal)).Select(s => $"demand scenario '{s}'"))
            .ToArray();
        if (problems.Length > 0)
        {
            throw new ArgumentException(
                $"Unknown {string.Join(", ", problems)}; expected supply variants {string.Join(", ", allVariants)} and demand scenarios of busch2025/Demand.csv: {string.Join(", ", data.Scenarios)}.",
                nameof(options));
        }

        return variants.SelectMany(v => scenarios.Select(s => new DepositGridCell(v, s))).ToArray();
    }

    /// <summary>Runs the grid; see <see cref="DepositGrid"/>.</summary>
    /// <param name="data">The Busch et al. (2025) inputs (<see cref="MineralDataset.Busch2025"/>).</param>
    /// <param name="options">Cells, run parameters and parallelism; the paper's full Figure 5 grid when <see langword="null"/>.</param>
    /// <param name="progress">Receives the number of runs finished after each.</param>
    /// <param name="cancellationToken">Stops starting runs and stops those running; finished runs are kept, cut-short ones dropped.</param>
    /// <returns>The finished runs.</returns>
    public static DepositGridResult Run(Busch2025Data data, DepositGridOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new DepositGridOptions();
        var cells = Cells(data, options);
        long started = Stopwatch.GetTimestamp();
        var parallel = options.Batch ?? BatchOptions.Default;
        using var pool = options.WarmSecondStage && options.Run.Degradation > 0 ? new DepositSessionPool(parallel.MaxDegreeOfParallelism) : null;
        var batch = Batch.Run(
            cells,
            (cell, ct) => RunCell(data, cell, options.Run, pool, ct),
            run => run.Result.CostStage.StopReason != StopReason.Cancelled && run.Result.SecondStage?.StopReason != StopReason.Cancelled,
            options.Batch,
            progress,
            cancellationToken);
        return new DepositGridResult(batch.Results, batch.Total, batch.Cancelled, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>One cell of the grid, as <see cref="Run"/> solves it (for callers that distribute cells themselves, e.g. a cluster).</summary>
    /// <param name="data">The Busch et al. (2025) inputs.</param>
    /// <param name="cell">Supply variant and demand scenario.</param>
    /// <param name="run">The run's parameters (scenario and variant replaced by the cell's).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The finished run.</returns>
    public static DepositGridRun RunCell(Busch2025Data data, DepositGridCell cell, DepositOptions run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(run);
        return RunCell(data, cell, run, null, cancellationToken);
    }

    private static DepositGridRun RunCell(Busch2025Data data, DepositGridCell cell, DepositOptions run, DepositSessionPool? pool, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        var result = DepositSolver.Run(data, run with { Scenario = cell.Scenario, SupplyVariant = cell.SupplyVariant }, pool, cancellationToken);
        return new DepositGridRun(cell, result, Stopwatch.GetElapsedTime(started));
    }
}

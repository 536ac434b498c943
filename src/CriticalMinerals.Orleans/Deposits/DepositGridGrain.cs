using System.Collections.Immutable;
using CriticalMinerals.Analysis.Deposits;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Orleans.Deposits;

/// <summary>
/// One cell of the deposit grid as it travels to a silo: the cell and the run parameters a <see cref="DepositOptions"/> holds
/// that can cross the wire (a deposit predicate or an explicit demand series cannot; see <see cref="ClusterDepositGrid"/>).
/// </summary>
/// <param name="SupplyVariant">Supply variant.</param>
/// <param name="Scenario">Demand scenario.</param>
/// <param name="Degradation">Relative cost degradation of the second stage.</param>
/// <param name="Score">Second objective.</param>
/// <param name="DiscountRate">Discount rate.</param>
/// <param name="Discounting">Exponential or hyperbolic.</param>
/// <param name="UnmetDemandCostUsdPerTonneLi">Penalty per t Li of unmet demand and year.</param>
/// <param name="TimeLimitTicks">Wall-clock limit of the run, ticks; <see langword="null"/> for none.</param>
/// <param name="RelativeGap">Relative MIP gap of each stage.</param>
/// <param name="Backend">MIP backend by name (<see cref="SolverBackends.Get"/>); <see langword="null"/> for the library's default.</param>
/// <param name="RoundRelaxationFirst">Whether each stage rounds its relaxation first.</param>
[GenerateSerializer, Immutable, Alias("cm.deposits.CellRequest")]
public sealed record DepositCellRequest(
    string SupplyVariant,
    string Scenario,
    double Degradation,
    DepositScore Score,
    double DiscountRate,
    Discounting Discounting,
    double UnmetDemandCostUsdPerTonneLi,
    long? TimeLimitTicks,
    double? RelativeGap,
    string? Backend,
    bool RoundRelaxationFirst)
{
    /// <summary>The wire form of a cell run with the given options.</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="run">The run parameters (<see cref="DepositOptions.Scenario"/> and <see cref="DepositOptions.SupplyVariant"/> are the cell's).</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">The options hold a deposit predicate or an explicit demand series, which cannot cross the wire.</exception>
    public static DepositCellRequest From(DepositGridCell cell, DepositOptions run)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(run);
        if (run.MayServe is not null || run.DemandKt is not null)
        {
            throw new ArgumentException("A cluster deposit grid runs the paper's cells: DepositOptions.MayServe and DemandKt must be null (a predicate or a series does not cross the wire).", nameof(run));
        }

        return new DepositCellRequest(
            cell.SupplyVariant, cell.Scenario, run.Degradation, run.Score, run.DiscountRate, run.Discounting, run.UnmetDemandCostUsdPerTonneLi,
            run.TimeLimit?.Ticks, run.RelativeGap, run.Backend?.Name, run.RoundRelaxationFirst);
    }

    /// <summary>The run parameters described (duals off: the grid reports none).</summary>
    /// <returns>Options for <see cref="DepositGrid.RunCell"/>.</returns>
    public DepositOptions ToOptions() => new()
    {
        Scenario = Scenario,
        SupplyVariant = SupplyVariant,
        Degradation = Degradation,
        Score = Score,
        DiscountRate = DiscountRate,
        Discounting = Discounting,
        UnmetDemandCostUsdPerTonneLi = UnmetDemandCostUsdPerTonneLi,
        TimeLimit = TimeLimitTicks is { } t ? TimeSpan.FromTicks(t) : null,
        RelativeGap = RelativeGap,
        Backend = Backend is null ? null : SolverBackends.Get(Backend),
        RoundRelaxationFirst = RoundRelaxationFirst,
        ComputeDuals = false,
    };
}

/// <summary>One year of a cell's run as it travels back (the fields of <see cref="DepositGridRow"/> that vary by year).</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="DemandKt">Primary demand, kt Li.</param>
/// <param name="ExtractionKt">Extraction, kt Li.</param>
/// <param name="UnmetKt">Unmet demand carried at the end of the year, kt Li.</param>
[GenerateSerializer, Immutable, Alias("cm.deposits.Year")]
public sealed record DepositYearDto(int Year, double DemandKt, double ExtractionKt, double UnmetKt);

/// <summary>Cumulative extraction of one country over the horizon, kt Li.</summary>
/// <param name="Iso3">Country.</param>
/// <param name="ExtractionKt">Extraction 2022–2070, kt Li.</param>
[GenerateSerializer, Immutable, Alias("cm.deposits.Country")]
public sealed record DepositCountryDto(string Iso3, double ExtractionKt);

/// <summary>A finished cell as it travels back from a silo.</summary>
/// <param name="SupplyVariant">Supply variant.</param>
/// <param name="Scenario">Demand scenario.</param>
/// <param name="Years">Demand, extraction and unmet demand per year.</param>
/// <param name="Countries">Cumulative extraction by country (nonzero, ordinal).</param>
/// <param name="DiscountedCostMillionUsd">Cost objective of the plan.</param>
/// <param name="SecondObjectiveValue">Σ score · capacity added.</param>
/// <param name="RelativeGap">Gap of the last stage.</param>
/// <param name="Status">Status of the last stage.</param>
/// <param name="Cancelled">Whether cancellation cut the run short (then it is not a result).</param>
/// <param name="ElapsedSeconds">Wall-clock seconds of the run on the silo.</param>
/// <param name="Silo">Identity of the silo that ran it.</param>
[GenerateSerializer, Immutable, Alias("cm.deposits.CellResult")]
public sealed record DepositCellResult(
    string SupplyVariant,
    string Scenario,
    ImmutableArray<DepositYearDto> Years,
    ImmutableArray<DepositCountryDto> Countries,
    double? DiscountedCostMillionUsd,
    double? SecondObjectiveValue,
    double? RelativeGap,
    SolveStatus Status,
    bool Cancelled,
    double ElapsedSeconds,
    string Silo)
{
    /// <summary>The wire form of a finished run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="silo">Where it ran.</param>
    /// <returns>The result.</returns>
    public static DepositCellResult From(DepositGridRun run, string silo)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = run.Result;
        var last = result.SecondStage ?? result.CostStage;
        bool cancelled = result.CostStage.StopReason == StopReason.Cancelled || result.SecondStage?.StopReason == StopReason.Cancelled;
        var countries = result.Deposits.GroupBy(r => r.Iso3, StringComparer.Ordinal)
            .Select(g => new DepositCountryDto(g.Key, g.Sum(r => r.ExtractionKt)))
            .Where(c => c.ExtractionKt > 0)
            .OrderBy(c => c.Iso3, StringComparer.Ordinal);
        return new DepositCellResult(
            run.Cell.SupplyVariant, run.Cell.Scenario,
            [.. result.Years.Select(y => new DepositYearDto(y.Year, y.DemandKt, y.ExtractionKt, y.UnmetKt))],
            [.. countries],
            result.DiscountedCostMillionUsd, result.SecondObjectiveValue, last.RelativeGap, last.Status, cancelled, run.Elapsed.TotalSeconds, silo);
    }

    /// <summary>The tidy rows <see cref="DepositGridResult.Rows"/> gives for the same run.</summary>
    /// <returns>One row per year.</returns>
    public IReadOnlyList<DepositGridRow> ToRows() =>
        Years.Select(y => new DepositGridRow(
            SupplyVariant, Scenario, y.Year, y.DemandKt, y.ExtractionKt, y.UnmetKt, DiscountedCostMillionUsd, SecondObjectiveValue, RelativeGap, Status, ElapsedSeconds))
            .ToArray();
}

/// <summary>
/// Runs one cell of the deposit grid (<see cref="DepositGrid.RunCell"/>, the same call a local grid makes) on the silo's
/// embedded Busch et al. (2025) data. Keyed by anything unique per cell; the activation goes when the run returns.
/// </summary>
[Alias("cm.deposits.IDepositGridGrain")]
public interface IDepositGridGrain : IGrainWithStringKey
{
    /// <summary>Runs a cell; cancellation stops its solves (the result then says <see cref="DepositCellResult.Cancelled"/>).</summary>
    /// <param name="request">The cell and run parameters.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The finished run.</returns>
    /// <remarks>
    /// A run is seconds (cost stage) to many minutes (the ease-of-doing-business stage by CBC on a loaded machine), far past
    /// Orleans' default 30 s response timeout; a silo that dies still fails the call at once (membership), so the long timeout
    /// only stops a run that hangs.
    /// </remarks>
    [Alias("Run")]
    [ResponseTimeout("02:00:00")]
    Task<DepositCellResult> RunAsync(DepositCellRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The grain: see <see cref="IDepositGridGrain"/>.</summary>
internal sealed class DepositGridGrain : Grain, IDepositGridGrain
{
    public async Task<DepositCellResult> RunAsync(DepositCellRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string silo = RuntimeIdentity;

        // A run is minutes of CPU: off the grain's turn, as the sweep workers do.
        var result = await Task.Run(
            () =>
            {
                var cell = new DepositGridCell(request.SupplyVariant, request.Scenario);
                var run = DepositGrid.RunCell(MineralDataset.Default.Busch2025, cell, request.ToOptions(), cancellationToken);
                return DepositCellResult.From(run, silo);
            },
            CancellationToken.None).ConfigureAwait(true);
        DeactivateOnIdle();
        return result;
    }
}

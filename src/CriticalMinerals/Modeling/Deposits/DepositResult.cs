using CriticalMinerals.Data;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Modeling.Deposits;

/// <summary>One deposit in one year of a plan (kt Li, kt Li per year for capacities).</summary>
/// <param name="DepositId">Deposit id (<see cref="LithiumDeposit.Id"/>).</param>
/// <param name="DepositName">Deposit name.</param>
/// <param name="Iso3">Country of the deposit.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="ReserveKt">Extracted from reserves.</param>
/// <param name="DemonstratedKt">Extracted from demonstrated resources.</param>
/// <param name="InferredKt">Extracted from inferred resources.</param>
/// <param name="CapacityAddedKt">Capacity added in the year, kt/yr.</param>
/// <param name="CapacityKt">Capacity available in the year (planned plus added so far), kt/yr.</param>
/// <param name="OpensThisYear">Whether the mine opens in this year (the paper's <c>mine_opened</c>).</param>
/// <param name="IsOpen">Whether the mine has opened by this year.</param>
public sealed record DepositYear(
    int DepositId,
    string DepositName,
    string Iso3,
    int Year,
    double ReserveKt,
    double DemonstratedKt,
    double InferredKt,
    double CapacityAddedKt,
    double CapacityKt,
    bool OpensThisYear,
    bool IsOpen)
{
    /// <summary>Extraction over the three tiers, kt Li.</summary>
    public double ExtractionKt => ReserveKt + DemonstratedKt + InferredKt;
}

/// <summary>When a deposit opens in a plan.</summary>
/// <param name="DepositId">Deposit id.</param>
/// <param name="DepositName">Deposit name.</param>
/// <param name="Iso3">Country.</param>
/// <param name="OpenAtStart">Whether the data marks the mine open at the start (<see cref="LithiumDeposit.OpenMine"/>).</param>
/// <param name="OpenedYear">Year the model opens it, or <see langword="null"/> when it stays closed.</param>
/// <param name="ExtractionKt">Extraction over the horizon, kt Li.</param>
public sealed record DepositOpening(int DepositId, string DepositName, string Iso3, bool OpenAtStart, int? OpenedYear, double ExtractionKt);

/// <summary>Demand, supply and unmet demand of one year, with the marginal cost of demand where duals were computed.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="DemandKt">Primary demand, kt Li.</param>
/// <param name="ExtractionKt">Extraction over all deposits, kt Li.</param>
/// <param name="UnmetKt">Unmet demand carried at the end of the year (the paper's backlog <c>z</c>), kt Li.</param>
/// <param name="PresentValueUsdPerTonneLi">
/// Dual of the year's demand row in the LP with the openings fixed: the discounted (first-year) cost of one more t Li of
/// demand in this year, USD per t Li; <see langword="null"/> without duals.
/// </param>
/// <param name="DiscountFactor">The year's discounter (the value a cost of the year is divided by).</param>
public sealed record DemandYear(int Year, double DemandKt, double ExtractionKt, double UnmetKt, double? PresentValueUsdPerTonneLi, double DiscountFactor)
{
    /// <summary>The same marginal cost in the year's own money (dual × discounter), USD per t Li.</summary>
    public double? MarginalCostUsdPerTonneLi => PresentValueUsdPerTonneLi * DiscountFactor;

    /// <summary>The marginal cost in the year's own money per t of lithium carbonate equivalent (÷ 5.323).</summary>
    public double? MarginalCostUsdPerTonneLce => MarginalCostUsdPerTonneLi / LithiumUnits.LcePerLi;
}

/// <summary>One solve of the run.</summary>
/// <param name="Status">Normalised status.</param>
/// <param name="ObjectiveValue">Objective of the solution found (million USD discounted for cost; score × kt/yr for the second objective).</param>
/// <param name="BestBound">Proven bound where the backend proves one (SCIP, CBC), else <see langword="null"/>.</param>
/// <param name="RelativeGap">Relative gap where a bound is known.</param>
/// <param name="StopReason">Why it stopped early, if it did.</param>
/// <param name="Elapsed">Wall-clock time of the solve.</param>
/// <param name="Message">The solver's or library's message.</param>
public sealed record DepositStage(SolveStatus Status, double? ObjectiveValue, double? BestBound, double? RelativeGap, StopReason StopReason, TimeSpan Elapsed, string? Message)
{
    /// <summary>Wall-clock time of the MIP backend within <see cref="Elapsed"/>; <see langword="null"/> when the stage needed none (the rounded relaxation proved the gap).</summary>
    public TimeSpan? MipElapsed { get; init; }
}

/// <summary>
/// The plan of one run of the deposit model: per deposit and year extraction by tier, capacity added and openings; unmet
/// demand and marginal costs per year; objectives and how each solve ended.
/// </summary>
/// <param name="Label">What was solved (scenario and supply variant).</param>
/// <param name="Backend">MIP backend.</param>
/// <param name="CostStage">Stage 1: minimise discounted cost.</param>
/// <param name="SecondStage">Stage 2: minimise the score of added capacity with cost within the degradation; <see langword="null"/> when cost only.</param>
/// <param name="DualStage">The LP with the openings fixed, solved for duals; <see langword="null"/> when not asked for or without a plan.</param>
/// <param name="DiscountedCostMillionUsd">Cost objective of the reported plan (its unmet-demand penalty included), million USD discounted to the first year; <see langword="null"/> without a plan.</param>
/// <param name="UnmetDemandPenaltyMillionUsd">The part of <paramref name="DiscountedCostMillionUsd"/> that prices unmet demand.</param>
/// <param name="SecondObjectiveValue">Σ score · capacity added of the reported plan.</param>
/// <param name="Deposits">One row per deposit and year, deposits in input order.</param>
/// <param name="Openings">One row per deposit.</param>
/// <param name="Years">One row per year.</param>
/// <param name="Notes">What a reader must know to use the numbers (assumptions, stops, missing duals).</param>
public sealed record DepositResult(
    string Label,
    string Backend,
    DepositStage CostStage,
    DepositStage? SecondStage,
    DepositStage? DualStage,
    double? DiscountedCostMillionUsd,
    double? UnmetDemandPenaltyMillionUsd,
    double? SecondObjectiveValue,
    IReadOnlyList<DepositYear> Deposits,
    IReadOnlyList<DepositOpening> Openings,
    IReadOnlyList<DemandYear> Years,
    IReadOnlyList<string> Notes)
{
    /// <summary>Whether the run produced a plan.</summary>
    public bool HasPlan => Deposits.Count > 0;

    /// <summary>Extraction by country and year, kt Li, countries ordinal.</summary>
    /// <returns>Rows (Iso3, Year, kt) with nonzero extraction.</returns>
    public IReadOnlyList<(string Iso3, int Year, double ExtractionKt)> ExtractionByCountry() =>
        Deposits.GroupBy(r => (r.Iso3, r.Year))
            .Select(g => (g.Key.Iso3, g.Key.Year, g.Sum(r => r.ExtractionKt)))
            .Where(r => r.Item3 > 0)
            .OrderBy(r => r.Iso3, StringComparer.Ordinal).ThenBy(r => r.Year)
            .ToArray();

    /// <summary>Ids of the deposits open by a year (opened in or before it).</summary>
    /// <param name="year">Calendar year.</param>
    /// <returns>Deposit ids, ascending.</returns>
    public IReadOnlyList<int> OpenBy(int year) =>
        Openings.Where(o => o.OpenedYear is { } y && y <= year).Select(o => o.DepositId).Order().ToArray();
}

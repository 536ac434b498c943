using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;

namespace CriticalMinerals.Analysis.Deposits;

/// <summary>One year of a friendshoring comparison (kt Li; marginal costs in the year's own USD per t Li).</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="DemandKt">The demand both cases serve (the coalition's own).</param>
/// <param name="OpenWorldExtractionKt">Extraction in the open-world case (all deposits may serve).</param>
/// <param name="FriendshoredExtractionKt">Extraction in the friendshored case.</param>
/// <param name="OpenWorldUnmetKt">Unmet demand carried at the end of the year (the model's backlog: cumulative undelivered demand), open world.</param>
/// <param name="FriendshoredUnmetKt">The same, friendshored.</param>
/// <param name="OpenWorldMarginalUsdPerTonneLi">Marginal cost of one more t Li of the year's demand, open world (dual with openings fixed), or <see langword="null"/>.</param>
/// <param name="FriendshoredMarginalUsdPerTonneLi">The same, friendshored.</param>
/// <param name="WorldMarketMarginalUsdPerTonneLi">The same for world demand on all deposits (the open market), or <see langword="null"/> when not run.</param>
public sealed record FriendshoringYear(
    int Year,
    double DemandKt,
    double OpenWorldExtractionKt,
    double FriendshoredExtractionKt,
    double OpenWorldUnmetKt,
    double FriendshoredUnmetKt,
    double? OpenWorldMarginalUsdPerTonneLi,
    double? FriendshoredMarginalUsdPerTonneLi,
    double? WorldMarketMarginalUsdPerTonneLi)
{
    /// <summary>Backlog the restriction adds (friendshored − open world), kt Li.</summary>
    public double ExtraUnmetKt => FriendshoredUnmetKt - OpenWorldUnmetKt;

    /// <summary>The year's demand the friendshored case does not deliver in the year (max(0, demand − extraction)), kt Li.</summary>
    public double FriendshoredShortfallKt => Math.Max(0, DemandKt - FriendshoredExtractionKt);

    /// <summary>Friendshored marginal cost per t LCE (÷ 5.323).</summary>
    public double? FriendshoredMarginalUsdPerTonneLce => FriendshoredMarginalUsdPerTonneLi / LithiumUnits.LcePerLi;

    /// <summary>Open-world marginal cost per t LCE.</summary>
    public double? OpenWorldMarginalUsdPerTonneLce => OpenWorldMarginalUsdPerTonneLi / LithiumUnits.LcePerLi;

    /// <summary>Open-market (world demand, all deposits) marginal cost per t LCE.</summary>
    public double? WorldMarketMarginalUsdPerTonneLce => WorldMarketMarginalUsdPerTonneLi / LithiumUnits.LcePerLi;
}

/// <summary>A deposit the friendshored case opens that the open-world case does not, or opens earlier.</summary>
/// <param name="DepositId">Deposit id.</param>
/// <param name="DepositName">Deposit name.</param>
/// <param name="Iso3">Country.</param>
/// <param name="OpenWorldYear">Year the open-world case opens it, or <see langword="null"/> when it stays closed there.</param>
/// <param name="FriendshoredYear">Year the friendshored case opens it.</param>
/// <param name="FriendshoredExtractionKt">Its extraction over the horizon in the friendshored case, kt Li.</param>
public sealed record FriendshoringOpening(int DepositId, string DepositName, string Iso3, int? OpenWorldYear, int FriendshoredYear, double FriendshoredExtractionKt)
{
    /// <summary>Years earlier than in the open world, or <see langword="null"/> when only the friendshored case opens it.</summary>
    public int? YearsEarlier => OpenWorldYear - FriendshoredYear;
}

/// <summary>
/// What restricting the deposits costs a coalition serving its own lithium demand: the open-world case (all deposits may
/// serve) against the friendshored case (only <see cref="Restriction"/>), both cost-only runs of the deposit model of Busch et
/// al. (2025) on the same demand. Every figure is from source B25 through the model; <see cref="Notes"/> carries the assumptions.
/// </summary>
/// <param name="Coalition">Coalition name (or the instance's label).</param>
/// <param name="Scenario">Busch demand scenario (or the instance's label).</param>
/// <param name="Restriction">Which deposits serve in the friendshored case.</param>
/// <param name="Demand">The coalition's own demand series, or <see langword="null"/> for a custom instance.</param>
/// <param name="OpenWorld">The open-world run.</param>
/// <param name="Friendshored">The friendshored run.</param>
/// <param name="WorldMarket">World demand on all deposits (the open market's marginal cost), or <see langword="null"/>.</param>
/// <param name="Years">One row per year.</param>
/// <param name="ExtraOpenings">Deposits the friendshored case opens that the open world does not, or opens earlier, by year.</param>
/// <param name="SelfSufficientFromYear">First year from which the friendshored case carries no unmet demand to the end of the horizon (the coalition's demand met from the restricted deposits), or <see langword="null"/> if never.</param>
/// <param name="SourceIds">Source ids of every figure (<c>B25</c>).</param>
/// <param name="Notes">Assumptions and solver caveats to print with the numbers.</param>
public sealed record FriendshoringResult(
    string Coalition,
    string Scenario,
    DepositRestriction Restriction,
    CoalitionLithiumDemand? Demand,
    DepositResult OpenWorld,
    DepositResult Friendshored,
    DepositResult? WorldMarket,
    IReadOnlyList<FriendshoringYear> Years,
    IReadOnlyList<FriendshoringOpening> ExtraOpenings,
    int? SelfSufficientFromYear,
    IReadOnlyList<string> SourceIds,
    IReadOnlyList<string> Notes)
{
    /// <summary>Discounted cost of the open-world plan (unmet-demand penalty included), million USD of the first year.</summary>
    public double? OpenWorldCostMillionUsd => OpenWorld.DiscountedCostMillionUsd;

    /// <summary>Discounted cost of the friendshored plan, million USD.</summary>
    public double? FriendshoredCostMillionUsd => Friendshored.DiscountedCostMillionUsd;

    /// <summary>What friendshoring costs: friendshored − open-world discounted cost, million USD.</summary>
    public double? ExtraCostMillionUsd => FriendshoredCostMillionUsd - OpenWorldCostMillionUsd;

    /// <summary>
    /// Proven lower bound on the extra cost of the two optima: max(0, friendshored bound − open-world plan), since restricting
    /// the deposits cannot lower the optimum; million USD.
    /// </summary>
    public double? ExtraCostLowerBoundMillionUsd =>
        FriendshoredCostMillionUsd is null || OpenWorldCostMillionUsd is null
            ? null
            : Math.Max(0, (Friendshored.CostStage.BestBound ?? FriendshoredCostMillionUsd.Value) - OpenWorldCostMillionUsd.Value);

    /// <summary>Proven upper bound on the extra cost of the two optima: friendshored plan − open-world bound, million USD.</summary>
    public double? ExtraCostUpperBoundMillionUsd => FriendshoredCostMillionUsd - (OpenWorld.CostStage.BestBound ?? OpenWorldCostMillionUsd);

    /// <summary>
    /// The extra cost spread over the demand served: extra cost ÷ discounted demand (Σ demand / discounter), USD per t Li of
    /// own demand, in first-year money; a levelised premium.
    /// </summary>
    public double? ExtraCostUsdPerTonneLi
    {
        get
        {
            double discountedTonnes = OpenWorld.Years.Sum(y => y.DemandKt * 1e3 / y.DiscountFactor);
            return discountedTonnes > 0 ? ExtraCostMillionUsd * 1e6 / discountedTonnes : null;
        }
    }

    /// <summary>The part of <see cref="ExtraCostMillionUsd"/> spent on mines (opening, expansion, extraction): the difference without the unmet-demand penalties; negative when the restricted deposits extract less than the open world would.</summary>
    public double? ExtraMineCostMillionUsd => (FriendshoredCostMillionUsd - Friendshored.UnmetDemandPenaltyMillionUsd) - (OpenWorldCostMillionUsd - OpenWorld.UnmetDemandPenaltyMillionUsd);

    /// <summary>The part of <see cref="ExtraCostMillionUsd"/> that prices demand left unmet (friendshored − open-world penalty), million USD.</summary>
    public double? ExtraPenaltyMillionUsd => Friendshored.UnmetDemandPenaltyMillionUsd - OpenWorld.UnmetDemandPenaltyMillionUsd;

    /// <summary>Discounted unmet-demand penalty of the friendshored plan, million USD (0 when all demand is met in its year).</summary>
    public double? FriendshoredPenaltyMillionUsd => Friendshored.UnmetDemandPenaltyMillionUsd;

    /// <summary>Unmet demand still carried at the end of the horizon in the friendshored case, kt Li.</summary>
    public double FinalUnmetKt => Years.Count == 0 ? 0 : Years[^1].FriendshoredUnmetKt;

    /// <summary>
    /// First year from which the friendshored case extracts each year's own demand in that year to the end of the horizon
    /// (a past backlog may still be being caught up; <see cref="SelfSufficientFromYear"/> is when it is cleared), or
    /// <see langword="null"/> if never; tolerance 1 t.
    /// </summary>
    public int? MeetsYearlyDemandFromYear
    {
        get
        {
            int? from = null;
            for (int t = Years.Count - 1; t >= 0 && Years[t].FriendshoredExtractionKt >= Years[t].DemandKt - 1e-3; t--)
            {
                from = Years[t].Year;
            }

            return from;
        }
    }

    /// <summary>Largest backlog of the friendshored case, kt Li.</summary>
    public double PeakUnmetKt => Years.Count == 0 ? 0 : Years.Max(y => y.FriendshoredUnmetKt);

    /// <summary>Σ over years of the friendshored backlog (kt Li · years of delay; 0 when every year's demand is met in the year).</summary>
    public double UnmetKtYears => Years.Sum(y => y.FriendshoredUnmetKt);

    /// <summary>Σ over years of the open-world backlog.</summary>
    public double OpenWorldUnmetKtYears => Years.Sum(y => y.OpenWorldUnmetKt);

    /// <summary>A year's row.</summary>
    /// <param name="year">Calendar year.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside the horizon.</exception>
    public FriendshoringYear In(int year) => Years.FirstOrDefault(y => y.Year == year) ?? throw new ArgumentOutOfRangeException(nameof(year), year, "Outside the horizon of the comparison.");
}

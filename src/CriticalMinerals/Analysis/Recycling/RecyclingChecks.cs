using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Recycling;

namespace CriticalMinerals.Analysis.Recycling;

/// <summary>Recycled lithium of a region and year: Busch et al.'s published figure beside this library's.</summary>
/// <param name="Region">Busch region.</param>
/// <param name="Year">Year.</param>
/// <param name="PublishedKt">Busch et al. <c>Recycling.csv</c>, kt Li.</param>
/// <param name="LibraryKt">This library's stock-and-flow, kt Li.</param>
public sealed record RecyclingComparisonRow(string Region, int Year, double PublishedKt, double LibraryKt)
{
    /// <summary>Library minus published, kt.</summary>
    public double DifferenceKt => LibraryKt - PublishedKt;
}

/// <summary>Recycling's share of a mineral's world demand in a year (the IEA's "cut in new mine needs").</summary>
/// <param name="Mineral">Mineral (Busch spelling).</param>
/// <param name="Year">Year.</param>
/// <param name="RecoveryCase">Name of the recovery-rate case.</param>
/// <param name="BatteryDemandKt">Battery demand (deployment × intensity).</param>
/// <param name="TotalDemandKt">Battery demand plus IEA non-battery demand.</param>
/// <param name="RecycledKt">Secondary supply from end-of-life batteries and scrap.</param>
/// <param name="IeaBatteryDemandKt">The IEA's own EV + grid-storage demand of the year (S48).</param>
/// <param name="IeaTotalDemandKt">The IEA's total demand of the year (S48).</param>
/// <param name="IeaConsistentRecycledKt">
/// Secondary supply when each year's batteries carry the IEA's own battery demand of the mineral (instead of the 2022
/// chemistry mix's): the same lifetime, collection, recovery and delay. The figure to set beside the IEA's totals.
/// </param>
public sealed record RecyclingShareRow(string Mineral, int Year, string RecoveryCase, double BatteryDemandKt, double TotalDemandKt, double RecycledKt, double IeaBatteryDemandKt, double IeaTotalDemandKt, double IeaConsistentRecycledKt)
{
    /// <summary>Recycled supply over total demand, both from the library's battery chemistry mix: the share of mine supply recycling replaces.</summary>
    public double ShareOfTotalDemand => TotalDemandKt > 0 ? RecycledKt / TotalDemandKt : 0;

    /// <summary>
    /// Recycled supply of the IEA's own battery demand over the IEA's total demand: numerator and denominator on one
    /// basis (the library's 2022 chemistry mix put over the IEA's total overstates nickel and cobalt several times).
    /// </summary>
    public double ShareOfIeaTotalDemand => IeaTotalDemandKt > 0 ? IeaConsistentRecycledKt / IeaTotalDemandKt : 0;
}

/// <summary>The stock-and-flow model set beside published recycling figures.</summary>
public static class RecyclingChecks
{
    /// <summary>The options that reproduce Busch et al.'s baseline: car battery lifetime, their recovery rates, 1-year delay, 4 % cathode scrap.</summary>
    /// <param name="firstYear">First year.</param>
    /// <param name="lastYear">Last year.</param>
    /// <returns>The options.</returns>
    public static BatteryRecyclingOptions BuschOptions(int firstYear = 2022, int lastYear = 2070) =>
        new(firstYear, lastYear) { ScrapShare = BatteryDeployments.BuschCathodeScrapShare, Minerals = [BatteryMinerals.Lithium] };

    /// <summary>The projection behind <see cref="CompareWithBusch"/>: Busch-implied battery GWh (<see cref="BatteryDeployments.FromBuschLithium"/>) through <paramref name="options"/>.</summary>
    /// <param name="busch">Busch et al. (2025) data.</param>
    /// <param name="options">Options (default <see cref="BuschOptions"/>).</param>
    /// <param name="scenario">Busch scenario.</param>
    /// <returns>The projection.</returns>
    public static BatteryRecyclingProjection BuschProjection(Busch2025Data busch, BatteryRecyclingOptions? options = null, string scenario = Busch2025Data.ReferenceScenario)
    {
        ArgumentNullException.ThrowIfNull(busch);
        var deployments = BatteryDeployments.FromBuschLithium(busch, busch.MineralIntensities, scenario);
        return BatteryRecyclingProjection.Run(deployments, busch.MineralIntensities, options ?? BuschOptions(busch.Years[0], busch.Years[^1]));
    }

    /// <summary>Busch et al.'s recycled lithium by region (<c>Recycling.csv</c>) beside this library's reproduction of it.</summary>
    /// <param name="busch">Busch et al. (2025) data.</param>
    /// <param name="options">Options (default <see cref="BuschOptions"/>).</param>
    /// <param name="scenario">Busch scenario.</param>
    /// <returns>One row per region and year of <c>Recycling.csv</c>.</returns>
    public static IReadOnlyList<RecyclingComparisonRow> CompareWithBusch(Busch2025Data busch, BatteryRecyclingOptions? options = null, string scenario = Busch2025Data.ReferenceScenario)
    {
        var projection = BuschProjection(busch, options, scenario);
        var library = projection.SecondarySupply(BatteryMinerals.Lithium).ToDictionary(r => (r.Region, r.Year), r => r.RecycledKt);
        return busch.Recycling.Where(r => r.Scenario == scenario)
            .Select(r => new RecyclingComparisonRow(r.Region, r.Year, r.RecyclingKt, library.GetValueOrDefault((r.Region, r.Year))))
            .ToArray();
    }

    /// <summary>
    /// Recycling's share of world demand under an IEA scenario: world battery GWh implied by IEA battery lithium
    /// (<see cref="BatteryDeployments.FromIeaLithium"/>), through the stock-and-flow with <paramref name="options"/>
    /// (region <c>World</c>: only the recovery-rate default applies), over battery demand plus IEA non-battery demand.
    /// Only batteries are recycled here: the IEA's recycling figures also count end-of-life copper and nickel from wires,
    /// alloys and other products, which the library has no data for.
    /// </summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="scenario">IEA scenario.</param>
    /// <param name="options">Options for region <c>World</c>.</param>
    /// <param name="recoveryCase">Label of the options' recovery rates.</param>
    /// <param name="shifts">Chemistry shifts applied to the implied GWh (none by default: the 2022 world mix).</param>
    /// <returns>One row per mineral and IEA year.</returns>
    public static IReadOnlyList<RecyclingShareRow> ShareOfWorldDemand(MineralDataset dataset, DemandScenario scenario, BatteryRecyclingOptions options, string recoveryCase, IReadOnlyList<ChemistryShift>? shifts = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        var deployments = BatteryDeployments.FromIeaLithium(dataset, scenario);
        foreach (var shift in shifts ?? [])
        {
            deployments = shift.Apply(deployments);
        }

        var minerals = options.Minerals.Where(m => m != BatteryMinerals.Manganese).ToArray();
        var projection = BatteryRecyclingProjection.Run(deployments, dataset.Busch2025.MineralIntensities, options with { Minerals = minerals });
        var split = BatteryMineralDemand.WithIeaRest(dataset, deployments, scenario, minerals);
        string region = deployments.Select(d => d.Region).FirstOrDefault() ?? "World";
        var annual = BatteryMineralDemand.Compute(deployments, dataset.Busch2025.MineralIntensities, minerals)
            .GroupBy(r => (r.Mineral, r.Year)).ToDictionary(g => g.Key, g => g.Sum(r => r.Kt));
        var ieaConsistent = minerals.ToDictionary(
            m => m,
            m => RecycledFrom(IeaCalibrated(annual, m, BatteryDeployments.IeaBatteryDemand(dataset, m, scenario)), options, region, m),
            StringComparer.Ordinal);
        return split.Select(s => new RecyclingShareRow(
            s.Mineral, s.Year, recoveryCase, s.BatteryKt, s.TotalKt, projection.RecycledKt(s.Mineral, s.Year), s.IeaBatteryKt, s.IeaBatteryKt + s.NonBatteryKt,
            ieaConsistent[s.Mineral].TryGetValue(s.Year, out double kt) ? kt : 0)).ToArray();
    }

    /// <summary>
    /// The library's annual battery demand of a mineral scaled, year by year, to the IEA's: the ratio IEA / library at the
    /// IEA's years, linear between them and held outside, so each year's batteries carry the IEA's mineral content while
    /// the deployment keeps its yearly shape (lithium, the series the deployment is derived from, keeps a ratio of 1).
    /// </summary>
    private static YearAmount[] IeaCalibrated(Dictionary<(string Mineral, int Year), double> annual, string mineral, IReadOnlyList<(int Year, double Kt, string SourceId)> iea)
    {
        var ratio = IeaRatio(annual, mineral, iea);
        return ratio is null ? []
            : annual.Where(kv => kv.Key.Mineral == mineral).Select(kv => new YearAmount(kv.Key.Year, kv.Value * ratio(kv.Key.Year))).OrderBy(a => a.Year).ToArray();
    }

    /// <summary>
    /// IEA battery demand of a mineral over the library's world battery demand of it, by year: the ratio at the IEA's years,
    /// linear between them and held outside; <see langword="null"/> when no IEA year has library demand.
    /// </summary>
    internal static Func<int, double>? IeaRatio(IReadOnlyDictionary<(string Mineral, int Year), double> annual, string mineral, IReadOnlyList<(int Year, double Kt, string SourceId)> iea)
    {
        var ratios = iea.Where(p => annual.TryGetValue((mineral, p.Year), out double kt) && kt > 0)
            .Select(p => (p.Year, Ratio: p.Kt / annual[(mineral, p.Year)])).OrderBy(p => p.Year).ToArray();
        if (ratios.Length == 0)
        {
            return null;
        }

        return year =>
        {
            if (year <= ratios[0].Year)
            {
                return ratios[0].Ratio;
            }

            for (int k = 1; k < ratios.Length; k++)
            {
                if (year <= ratios[k].Year)
                {
                    double w = (double)(year - ratios[k - 1].Year) / (ratios[k].Year - ratios[k - 1].Year);
                    return ratios[k - 1].Ratio + (w * (ratios[k].Ratio - ratios[k - 1].Ratio));
                }
            }

            return ratios[^1].Ratio;
        };
    }

    /// <summary>
    /// Recycled kt of one mineral by year from its own inflow series (kt put into use each year), with the options'
    /// lifetime, collection, recovery and delay; no scrap and no capacity limit (the IEA's totals carry neither).
    /// </summary>
    private static Dictionary<int, double> RecycledFrom(IReadOnlyList<YearAmount> inflows, BatteryRecyclingOptions options, string region, string mineral)
    {
        var flows = StockFlowModel.Retirements(inflows, options.Lifetime, options.FirstYear, options.LastYear);
        var recycled = new Dictionary<int, double>();
        var recovery = options.Recovery.For(region, mineral);
        for (int i = 0; i < flows.Years.Count; i++)
        {
            int year = flows.Years[i];
            recycled[year + options.RecyclingDelayYears] = flows.Retired[i] * options.CollectionRate.At(year) * recovery.At(year);
        }

        return recycled;
    }
}

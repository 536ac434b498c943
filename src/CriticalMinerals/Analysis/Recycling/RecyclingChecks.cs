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
public sealed record RecyclingShareRow(string Mineral, int Year, string RecoveryCase, double BatteryDemandKt, double TotalDemandKt, double RecycledKt, double IeaBatteryDemandKt, double IeaTotalDemandKt)
{
    /// <summary>Recycled supply over total demand: the share of mine supply recycling replaces.</summary>
    public double ShareOfTotalDemand => TotalDemandKt > 0 ? RecycledKt / TotalDemandKt : 0;

    /// <summary>Recycled supply over the IEA's total demand.</summary>
    public double ShareOfIeaTotalDemand => IeaTotalDemandKt > 0 ? RecycledKt / IeaTotalDemandKt : 0;
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
        return split.Select(s => new RecyclingShareRow(s.Mineral, s.Year, recoveryCase, s.BatteryKt, s.TotalKt, projection.RecycledKt(s.Mineral, s.Year), s.IeaBatteryKt, s.IeaBatteryKt + s.NonBatteryKt)).ToArray();
    }
}

using System.Globalization;
using CriticalMinerals.Data;

namespace CriticalMinerals.Modeling.Recycling;

/// <summary>Mineral put into batteries in a region and year.</summary>
/// <param name="Mineral">Mineral (Busch spelling, e.g. <c>Lithium</c>).</param>
/// <param name="Region">Region.</param>
/// <param name="Year">Year.</param>
/// <param name="Kt">kt of the mineral (GWh × kg/kWh).</param>
/// <param name="Provenance">Method and source ids.</param>
public sealed record BatteryMineralDemandRow(string Mineral, string Region, int Year, double Kt, string Provenance);

/// <summary>
/// A mineral's world demand split into batteries (from deployment × intensity) and the rest (IEA total less IEA battery
/// demand), at the IEA years.
/// </summary>
/// <param name="Mineral">Mineral (Busch spelling).</param>
/// <param name="Scenario">IEA scenario.</param>
/// <param name="Year">IEA year.</param>
/// <param name="BatteryKt">Battery demand from deployment × intensity.</param>
/// <param name="IeaBatteryKt">IEA EV + grid-storage demand of the same year, for comparison.</param>
/// <param name="NonBatteryKt">IEA total demand less IEA EV + grid-storage demand.</param>
/// <param name="Provenance">Method and both source ids.</param>
public sealed record MineralDemandSplit(string Mineral, DemandScenario Scenario, int Year, double BatteryKt, double IeaBatteryKt, double NonBatteryKt, string Provenance)
{
    /// <summary>Battery plus non-battery demand.</summary>
    public double TotalKt => BatteryKt + NonBatteryKt;
}

/// <summary>Battery mineral demand from battery deployment and chemistry intensities.</summary>
public static class BatteryMineralDemand
{
    /// <summary>Intensities by (mineral, chemistry).</summary>
    /// <param name="intensities">Rows of <c>mineral_intensity.csv</c>.</param>
    /// <returns>The lookup.</returns>
    public static IReadOnlyDictionary<(string Mineral, string Chemistry), MineralIntensity> IntensityTable(IReadOnlyList<MineralIntensity> intensities)
    {
        ArgumentNullException.ThrowIfNull(intensities);
        return intensities.ToDictionary(i => (i.Mineral, i.Chemistry));
    }

    /// <summary>The intensity table, refused with every missing (mineral, chemistry) pair named.</summary>
    internal static IReadOnlyDictionary<(string Mineral, string Chemistry), MineralIntensity> CheckedIntensityTable(IReadOnlyList<MineralIntensity> intensities, IReadOnlyList<string> minerals, IEnumerable<string> chemistries, string parameter)
    {
        var table = IntensityTable(intensities);
        var distinct = chemistries.Distinct().ToArray();
        var missing = minerals.SelectMany(m => distinct.Where(c => !table.ContainsKey((m, c))).Select(c => $"{m}/{c}")).ToArray();
        return missing.Length > 0
            ? throw new ArgumentException($"mineral_intensity.csv has no row for (mineral/chemistry) {string.Join(", ", missing)}.", parameter)
            : table;
    }

    /// <summary>kt of each mineral put into batteries: Σ over chemistries of GWh × kg/kWh (1 GWh × 1 kg/kWh = 1 kt).</summary>
    /// <param name="deployments">Battery deployment.</param>
    /// <param name="intensities">Mineral intensities.</param>
    /// <param name="minerals">Minerals wanted (default <see cref="BatteryMinerals.Default"/>).</param>
    /// <returns>One row per mineral, region and year.</returns>
    /// <exception cref="ArgumentException">Chemistries without an intensity row for a wanted mineral (all listed).</exception>
    public static IReadOnlyList<BatteryMineralDemandRow> Compute(IReadOnlyList<BatteryDeployment> deployments, IReadOnlyList<MineralIntensity> intensities, IReadOnlyList<string>? minerals = null)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        minerals ??= BatteryMinerals.Default;
        var table = CheckedIntensityTable(intensities, minerals, deployments.Select(d => d.Chemistry), nameof(deployments));

        var rows = new List<BatteryMineralDemandRow>();
        foreach (var mineral in minerals)
        {
            foreach (var group in deployments.GroupBy(d => (d.Region, d.Year)))
            {
                double kt = group.Sum(d => d.Gwh * table[(mineral, d.Chemistry)].KgPerKwh);
                var sources = group.Select(d => table[(mineral, d.Chemistry)]).Select(i => $"{i.SourceId} {i.File} row {i.Row}").Distinct();
                rows.Add(new BatteryMineralDemandRow(mineral, group.Key.Region, group.Key.Year, kt,
                    $"GWh x kg/kWh ({string.Join("; ", sources)}); GWh: {group.First().Provenance}"));
            }
        }

        return rows;
    }

    /// <summary>
    /// World demand of each mineral at the IEA years: battery demand from <paramref name="worldDeployments"/> × intensity,
    /// plus the IEA's non-battery demand (<c>total_demand</c> − <c>clean_tech:Electric vehicles</c> − <c>clean_tech:Grid battery
    /// storage</c>, S48). The IEA EV component also holds non-battery EV uses (wiring copper, motor magnets), so it is only
    /// a clean battery split for lithium, nickel, cobalt and graphite; manganese has no IEA total and is skipped.
    /// </summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="worldDeployments">World deployments (region <c>World</c>, or all regions added up).</param>
    /// <param name="scenario">IEA scenario.</param>
    /// <param name="minerals">Minerals (default lithium, nickel, cobalt, graphite).</param>
    /// <returns>One row per mineral and IEA year covered by the deployments.</returns>
    public static IReadOnlyList<MineralDemandSplit> WithIeaRest(MineralDataset dataset, IReadOnlyList<BatteryDeployment> worldDeployments, DemandScenario scenario, IReadOnlyList<string>? minerals = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(worldDeployments);
        minerals ??= [BatteryMinerals.Lithium, BatteryMinerals.Nickel, BatteryMinerals.Cobalt, BatteryMinerals.Graphite];
        var battery = Compute(worldDeployments, dataset.Busch2025.MineralIntensities, minerals)
            .GroupBy(r => (r.Mineral, r.Year)).ToDictionary(g => g.Key, g => g.Sum(r => r.Kt));
        var result = new List<MineralDemandSplit>();
        foreach (var mineral in minerals)
        {
            foreach (var (year, ieaBattery, source) in BatteryDeployments.IeaBatteryDemand(dataset, mineral, scenario))
            {
                if (!battery.TryGetValue((mineral, year), out double kt))
                {
                    continue;
                }

                var total = dataset.DemandRecords.Single(d => d.Mineral == BatteryMinerals.IeaName(mineral) && d.Year == year
                    && (d.Scenario == scenario || d.Scenario == DemandScenario.Observed) && d.Component == "total_demand");
                result.Add(new MineralDemandSplit(mineral, year == 2024 ? DemandScenario.Observed : scenario, year, kt, ieaBattery, total.Value - ieaBattery,
                    string.Create(CultureInfo.InvariantCulture, $"battery: deployment x {dataset.Busch2025.SourceId} mineral_intensity.csv; rest: {total.SourceId} total_demand row {total.Row} - EV - grid storage")));
            }
        }

        return result;
    }
}

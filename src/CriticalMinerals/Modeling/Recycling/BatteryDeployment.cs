using System.Globalization;
using CriticalMinerals.Data;

namespace CriticalMinerals.Modeling.Recycling;

/// <summary>Battery capacity put into use in a region, year and chemistry.</summary>
/// <param name="Region">Region (a Busch region name, or <c>World</c>).</param>
/// <param name="Chemistry">Chemistry as named in <c>mineral_intensity.csv</c>, e.g. <c>LFP</c>, <c>NMC 811</c>.</param>
/// <param name="Year">Year.</param>
/// <param name="Gwh">GWh of battery capacity.</param>
/// <param name="Provenance">Source ids and, for derived figures, the method.</param>
public sealed record BatteryDeployment(string Region, string Chemistry, int Year, double Gwh, string Provenance);

/// <summary>
/// A chemistry scenario: the named chemistry's share of each region-year is multiplied by <paramref name="Factor"/> and all
/// shares re-normalised, so the GWh of a region-year stay the same and every battery mineral moves at once. "Double LFP"
/// is factor 2 (an LFP share of 41 % becomes 0.82 / 1.41 = 58 %).
/// </summary>
/// <param name="Chemistry">Chemistry whose share is scaled.</param>
/// <param name="Factor">Factor, 0 or more.</param>
public sealed record ChemistryShift(string Chemistry, double Factor)
{
    /// <summary>Applies the shift.</summary>
    /// <param name="deployments">Deployments.</param>
    /// <returns>The shifted deployments (same regions, years, totals); provenance notes the shift.</returns>
    /// <exception cref="ArgumentException">Negative or non-finite factor, or a chemistry none of the deployments uses.</exception>
    public IReadOnlyList<BatteryDeployment> Apply(IReadOnlyList<BatteryDeployment> deployments)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        if (!double.IsFinite(Factor) || Factor < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Chemistry shift of {Chemistry}: factor {Factor}, expected a finite number of 0 or more."), nameof(deployments));
        }

        if (!deployments.Any(d => d.Chemistry == Chemistry))
        {
            throw new ArgumentException($"Chemistry shift: no deployment uses '{Chemistry}'; chemistries present: {string.Join(", ", deployments.Select(d => d.Chemistry).Distinct().Order(StringComparer.Ordinal))}.", nameof(deployments));
        }

        string note = string.Create(CultureInfo.InvariantCulture, $"; share of {Chemistry} x{Factor}, re-normalised within region-year");
        var result = new List<BatteryDeployment>(deployments.Count);
        foreach (var group in deployments.GroupBy(d => (d.Region, d.Year)))
        {
            double total = group.Sum(d => d.Gwh);
            double weighted = group.Sum(d => d.Chemistry == Chemistry ? d.Gwh * Factor : d.Gwh);
            if (!(weighted > 0))
            {
                result.AddRange(group); // nothing left to re-normalise (e.g. factor 0 on a single-chemistry year): keep it
                continue;
            }

            double scale = total / weighted;
            result.AddRange(group.Select(d => d with { Gwh = (d.Chemistry == Chemistry ? d.Gwh * Factor : d.Gwh) * scale, Provenance = d.Provenance + note }));
        }

        return result;
    }
}

/// <summary>Battery deployment series built from the data.</summary>
public static class BatteryDeployments
{
    /// <summary>
    /// Share of gross battery-material demand lost as cathode scrap in manufacturing (4 %, <c>cathode_scrap</c> in
    /// <c>Scripts/Demand Model/01-ParametersDemand.R</c>, B25): Busch divide demand by 0.96 and recycle the scrap.
    /// </summary>
    public const double BuschCathodeScrapShare = 0.04;

    /// <summary>The 2022 EV battery deliveries of <c>battery_region.csv</c> (MWh → GWh, BEV and PHEV added).</summary>
    /// <param name="busch">Busch et al. (2025) data.</param>
    /// <returns>One deployment per region and chemistry, year 2022.</returns>
    public static IReadOnlyList<BatteryDeployment> Busch2022(Busch2025Data busch)
    {
        ArgumentNullException.ThrowIfNull(busch);
        return busch.BatteryDemand
            .GroupBy(b => (b.Region, b.Chemistry, b.Year))
            .Select(g => new BatteryDeployment(g.Key.Region, g.Key.Chemistry, g.Key.Year, g.Sum(b => b.MWh) / 1000.0,
                $"{busch.SourceId} battery_region.csv rows {string.Join("+", g.Select(b => b.Row))}"))
            .ToArray();
    }

    /// <summary>2022 chemistry shares of a region's EV battery GWh (<c>battery_region.csv</c>), or of the world when <paramref name="region"/> is <see langword="null"/>.</summary>
    /// <param name="busch">Busch et al. (2025) data.</param>
    /// <param name="region">Region name, or <see langword="null"/> for all regions together.</param>
    /// <returns>Chemistry → share, summing to 1.</returns>
    public static IReadOnlyDictionary<string, double> ChemistryShares2022(Busch2025Data busch, string? region)
    {
        ArgumentNullException.ThrowIfNull(busch);
        var rows = busch.BatteryDemand.Where(b => region is null || b.Region == region).ToArray();
        double total = rows.Sum(b => b.MWh);
        return total > 0
            ? rows.GroupBy(b => b.Chemistry).ToDictionary(g => g.Key, g => g.Sum(b => b.MWh) / total, StringComparer.Ordinal)
            : throw new ArgumentException($"battery_region.csv has no battery MWh for region '{region}'.", nameof(region));
    }

    /// <summary>
    /// Battery GWh implied by Busch et al.'s regional lithium demand, 2022–2070: gross lithium demand (<c>Demand_Region.csv</c>,
    /// net of recycling, plus <c>Recycling.csv</c>), less the 4 % cathode scrap, divided by the lithium intensity of the region's
    /// 2022 chemistry mix (<c>battery_region.csv</c> × <c>mineral_intensity.csv</c>), split by that mix. Approximations,
    /// stated in every row's provenance: the mix is held at 2022; the gross demand includes Busch's non-battery
    /// ("Other Sectors") lithium, which their shipped regional files do not separate (26 % of world gross demand in 2022,
    /// about 2 % in 2050 by their <c>Demand_Detail.csv</c>).
    /// </summary>
    /// <param name="busch">Busch et al. (2025) data.</param>
    /// <param name="intensities">Mineral intensities (<see cref="Busch2025Data.MineralIntensities"/>).</param>
    /// <param name="scenario">Busch scenario string.</param>
    /// <returns>Deployments by region, chemistry and year.</returns>
    public static IReadOnlyList<BatteryDeployment> FromBuschLithium(Busch2025Data busch, IReadOnlyList<MineralIntensity> intensities, string scenario = Busch2025Data.ReferenceScenario)
    {
        ArgumentNullException.ThrowIfNull(busch);
        ArgumentNullException.ThrowIfNull(intensities);
        var recycled = busch.Recycling.Where(r => r.Scenario == scenario).ToDictionary(r => (r.Region, r.Year), r => r.RecyclingKt);
        var result = new List<BatteryDeployment>();
        foreach (int year in busch.Years)
        {
            foreach (var demand in busch.RegionalDemandIn(scenario, year))
            {
                var mix = ChemistryShares2022(busch, demand.Region);
                double lithiumPerGwh = MixIntensity(mix, intensities, BatteryMinerals.Lithium);
                double grossKt = demand.DemandKt + recycled.GetValueOrDefault((demand.Region, year));
                double gwh = grossKt * (1 - BuschCathodeScrapShare) / lithiumPerGwh;
                string provenance = string.Create(CultureInfo.InvariantCulture,
                    $"derived: ({busch.SourceId} Demand_Region.csv row {demand.Row} + Recycling.csv) x (1 - cathode scrap 0.04) / Li kg/kWh of the {demand.Region} 2022 mix ({busch.SourceId} battery_region.csv x mineral_intensity.csv); includes Busch 'Other Sectors' lithium; 2022 mix held");
                result.AddRange(mix.Select(m => new BatteryDeployment(demand.Region, m.Key, year, gwh * m.Value, provenance)));
            }
        }

        return result;
    }

    /// <summary>
    /// World battery GWh implied by IEA battery lithium demand (<c>clean_tech:Electric vehicles</c> + <c>clean_tech:Grid battery
    /// storage</c>, S48) divided by the lithium intensity of the 2022 world EV chemistry mix (B25 <c>battery_region.csv</c> ×
    /// <c>mineral_intensity.csv</c>), linear between the IEA years (2024 observed, then the scenario's 2030–2050), split by that mix.
    /// </summary>
    /// <param name="dataset">The dataset (IEA demand and Busch data).</param>
    /// <param name="scenario">IEA scenario (STEPS, APS or NZE).</param>
    /// <returns>Deployments of region <c>World</c>, 2024 to the last IEA year.</returns>
    public static IReadOnlyList<BatteryDeployment> FromIeaLithium(MineralDataset dataset, DemandScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var busch = dataset.Busch2025;
        var mix = ChemistryShares2022(busch, null);
        double lithiumPerGwh = MixIntensity(mix, busch.MineralIntensities, BatteryMinerals.Lithium);
        var points = IeaBatteryDemand(dataset, BatteryMinerals.Lithium, scenario);
        var result = new List<BatteryDeployment>();
        for (int year = points[0].Year; year <= points[^1].Year; year++)
        {
            double lithiumKt = Interpolate(points, year);
            string provenance = $"derived: IEA battery lithium (EV + grid storage, {string.Join("/", points.Select(p => p.SourceId).Distinct())}, linear between {string.Join(", ", points.Select(p => p.Year))}) / Li kg/kWh of the 2022 world EV mix ({busch.SourceId} battery_region.csv x mineral_intensity.csv); 2022 mix held";
            result.AddRange(mix.Select(m => new BatteryDeployment("World", m.Key, year, lithiumKt / lithiumPerGwh * m.Value, provenance)));
        }

        return result;
    }

    /// <summary>IEA demand of a battery mineral for EVs plus grid storage (S48), per IEA year: 2024 observed and the scenario's years.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="mineral">Mineral in Busch spelling (<see cref="BatteryMinerals"/>).</param>
    /// <param name="scenario">IEA scenario.</param>
    /// <returns>(year, kt, source id) ascending by year.</returns>
    /// <exception cref="ArgumentException">The IEA data has no EV/grid-storage split for the mineral (e.g. manganese).</exception>
    public static IReadOnlyList<(int Year, double Kt, string SourceId)> IeaBatteryDemand(MineralDataset dataset, string mineral, DemandScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        string iea = BatteryMinerals.IeaName(mineral);
        var rows = dataset.DemandRecords
            .Where(d => d.Mineral == iea && (d.Scenario == scenario || d.Scenario == DemandScenario.Observed)
                && d.Component is "clean_tech:Electric vehicles" or "clean_tech:Grid battery storage")
            .GroupBy(d => d.Year)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Sum(d => d.Value), g.First().SourceId))
            .ToArray();
        return rows.Length >= 2
            ? rows
            : throw new ArgumentException($"The IEA demand table has no 'Electric vehicles' / 'Grid battery storage' rows for {iea} ({scenario}).", nameof(mineral));
    }

    /// <summary>kg per kWh (= kt per GWh) of a mineral in a chemistry mix.</summary>
    /// <param name="mix">Chemistry → share.</param>
    /// <param name="intensities">Intensities.</param>
    /// <param name="mineral">Mineral in Busch spelling.</param>
    /// <returns>The share-weighted intensity.</returns>
    /// <exception cref="ArgumentException">A chemistry of the mix without an intensity row for the mineral.</exception>
    public static double MixIntensity(IReadOnlyDictionary<string, double> mix, IReadOnlyList<MineralIntensity> intensities, string mineral)
    {
        ArgumentNullException.ThrowIfNull(mix);
        var table = BatteryMineralDemand.CheckedIntensityTable(intensities, [mineral], mix.Keys, nameof(mix));
        return mix.Sum(m => m.Value * table[(mineral, m.Key)].KgPerKwh);
    }

    private static double Interpolate(IReadOnlyList<(int Year, double Kt, string SourceId)> points, int year)
    {
        for (int i = 1; i < points.Count; i++)
        {
            if (year <= points[i].Year)
            {
                var a = points[i - 1];
                var b = points[i];
                return a.Kt + ((b.Kt - a.Kt) * (year - a.Year) / (b.Year - a.Year));
            }
        }

        return points[^1].Kt;
    }
}

/// <summary>The battery minerals in the spelling of <c>mineral_intensity.csv</c>, and their IEA names.</summary>
public static class BatteryMinerals
{
    /// <summary>Lithium.</summary>
    public const string Lithium = "Lithium";

    /// <summary>Nickel.</summary>
    public const string Nickel = "Nickel";

    /// <summary>Cobalt.</summary>
    public const string Cobalt = "Cobalt";

    /// <summary>Manganese.</summary>
    public const string Manganese = "Manganese";

    /// <summary>Graphite (all grades in IEA terms).</summary>
    public const string Graphite = "Graphite";

    /// <summary>Copper (battery copper only: current collectors).</summary>
    public const string Copper = "Copper";

    /// <summary>The five minerals issue 15 asks for, in this order.</summary>
    public static IReadOnlyList<string> Default { get; } = [Lithium, Nickel, Cobalt, Manganese, Graphite];

    /// <summary>The IEA demand-table name of a mineral.</summary>
    /// <param name="mineral">Busch spelling.</param>
    /// <returns>e.g. <c>lithium</c>, <c>graphite_all_grades</c>.</returns>
    public static string IeaName(string mineral)
    {
        ArgumentNullException.ThrowIfNull(mineral);
        return mineral == Graphite ? "graphite_all_grades" : mineral.ToLowerInvariant();
    }
}

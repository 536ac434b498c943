using System.Globalization;

namespace CriticalMinerals.Data;

/// <summary>
/// The inputs of Busch et al. (2025), "Effects of demand and recycling on the when and where of lithium extraction",
/// Nature Sustainability, doi 10.1038/s41893-025-01561-5: 160 lithium deposits and 12 supply variants, world and regional
/// lithium demand of 11 scenarios (2022–2070), recycling, 2022 EV battery deliveries by region and chemistry, battery
/// mineral intensities and the 18 regions as country lists. Every record keeps its source id, file and row. These are one
/// paper's figures, kept apart from the IEA/USGS tables; <c>MineralDataset.CoalitionDemand</c> is the one place that joins them with the IEA figures.
/// </summary>
public sealed class Busch2025Data
{
    /// <summary>The paper's reference scenario.</summary>
    public const string ReferenceScenario = "Ambitious-Baseline-Baseline-Baseline-Baseline";

    /// <summary>Folder of the files inside a dataset directory and inside the embedded default dataset.</summary>
    public const string Folder = "busch2025";

    private readonly Dictionary<(string Scenario, int Year), BuschWorldDemand> _world;
    private readonly Dictionary<(string Scenario, int Year), IReadOnlyList<BuschRegionalDemand>> _regional;
    private readonly Dictionary<string, BuschRegion> _regionByName;
    private readonly Dictionary<string, BuschRegion> _regionByIso3;
    private readonly ILookup<string, LithiumDeposit> _depositsByIso3;

    internal Busch2025Data(
        string sourceId,
        IReadOnlyList<LithiumDeposit> deposits,
        IReadOnlyDictionary<string, IReadOnlyList<LithiumDeposit>> depositScenarios,
        IReadOnlyList<BuschWorldDemand> worldDemand,
        IReadOnlyList<BuschRegionalDemand> regionalDemand,
        IReadOnlyList<BuschRecycling> recycling,
        IReadOnlyList<BatteryDemandRecord> batteryDemand,
        IReadOnlyList<MineralIntensity> mineralIntensities,
        IReadOnlyList<BuschRegion> regions)
    {
        SourceId = sourceId;
        Deposits = deposits;
        DepositScenarios = depositScenarios;
        WorldDemand = worldDemand;
        RegionalDemand = regionalDemand;
        Recycling = recycling;
        BatteryDemand = batteryDemand;
        MineralIntensities = mineralIntensities;
        Regions = regions;
        _world = worldDemand.ToDictionary(d => (d.Scenario, d.Year));
        _regional = regionalDemand.GroupBy(d => (d.Scenario, d.Year)).ToDictionary(g => g.Key, g => (IReadOnlyList<BuschRegionalDemand>)g.ToArray());
        _regionByName = regions.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _regionByIso3 = regions.SelectMany(r => r.Countries.Select(c => (c.Iso3, r))).ToDictionary(x => x.Iso3, x => x.r, StringComparer.Ordinal);
        _depositsByIso3 = deposits.ToLookup(d => d.Iso3, StringComparer.Ordinal);
        Scenarios = worldDemand.Select(d => d.Scenario).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Years = worldDemand.Select(d => d.Year).Distinct().Order().ToArray();
    }

    /// <summary>Id of these figures in <see cref="MineralDataset.Sources"/> (<c>B25</c>, from <c>library_sources.csv</c>).</summary>
    public string SourceId { get; }

    /// <summary>The 160 deposits of <c>Deposit.csv</c>, in file order.</summary>
    public IReadOnlyList<LithiumDeposit> Deposits { get; }

    /// <summary>The supply variants of <c>deposit_scenarios/</c> by file name without extension (e.g. <c>NoTax</c>), same schema as <see cref="Deposits"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LithiumDeposit>> DepositScenarios { get; }

    /// <summary>World primary lithium demand (<c>Demand.csv</c>, kt Li per year).</summary>
    public IReadOnlyList<BuschWorldDemand> WorldDemand { get; }

    /// <summary>Regional primary lithium demand (<c>Demand_Region.csv</c>, t Li per year as published; see <see cref="BuschRegionalDemand.DemandKt"/>).</summary>
    public IReadOnlyList<BuschRegionalDemand> RegionalDemand { get; }

    /// <summary>Recycled lithium by region (<c>Recycling.csv</c>, kt Li per year).</summary>
    public IReadOnlyList<BuschRecycling> Recycling { get; }

    /// <summary>2022 EV battery deliveries by region, powertrain and chemistry (<c>battery_region.csv</c>, MWh).</summary>
    public IReadOnlyList<BatteryDemandRecord> BatteryDemand { get; }

    /// <summary>Battery mineral intensities (<c>mineral_intensity.csv</c>, kg per kWh).</summary>
    public IReadOnlyList<MineralIntensity> MineralIntensities { get; }

    /// <summary>The 18 regions in order of first appearance in <c>region_countries.csv</c>.</summary>
    public IReadOnlyList<BuschRegion> Regions { get; }

    /// <summary>The demand scenarios, ordinal order.</summary>
    public IReadOnlyList<string> Scenarios { get; }

    /// <summary>The demand years, ascending (2022–2070).</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>Deposits of <see cref="Deposits"/> in a country.</summary>
    /// <param name="iso3">ISO 3166-1 alpha-3 code.</param>
    /// <returns>The deposits in file order (empty if none).</returns>
    public IReadOnlyList<LithiumDeposit> DepositsIn(string iso3)
    {
        ArgumentNullException.ThrowIfNull(iso3);
        return _depositsByIso3[iso3.ToUpperInvariant()].ToArray();
    }

    /// <summary>The region that lists a code, or <see langword="null"/>.</summary>
    /// <param name="iso3">ISO 3166-1 alpha-3 code.</param>
    /// <returns>The region, or <see langword="null"/> when no region lists the code.</returns>
    public BuschRegion? RegionOf(string iso3)
    {
        ArgumentNullException.ThrowIfNull(iso3);
        return _regionByIso3.GetValueOrDefault(iso3.ToUpperInvariant());
    }

    /// <summary>A region by name.</summary>
    /// <param name="name">Region name, e.g. <c>European Union</c>.</param>
    /// <returns>The region.</returns>
    /// <exception cref="ArgumentException">Unknown region.</exception>
    public BuschRegion GetRegion(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _regionByName.TryGetValue(name, out var r)
            ? r
            : throw new ArgumentException($"Unknown Busch region '{name}'; known: {string.Join(", ", _regionByName.Keys)}.", nameof(name));
    }

    /// <summary>World primary lithium demand of a scenario and year (kt Li).</summary>
    /// <param name="scenario">Scenario string, e.g. <see cref="ReferenceScenario"/>.</param>
    /// <param name="year">Year, 2022–2070.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentException">Unknown scenario or year (the message lists the known ones).</exception>
    public BuschWorldDemand WorldDemandIn(string scenario, int year)
    {
        CheckScenarioAndYear(scenario, year);
        return _world[(scenario, year)];
    }

    /// <summary>Regional primary lithium demand of a scenario and year, one row per region (t Li, and kt through <see cref="BuschRegionalDemand.DemandKt"/>).</summary>
    /// <param name="scenario">Scenario string.</param>
    /// <param name="year">Year, 2022–2070.</param>
    /// <returns>The rows in file order.</returns>
    /// <exception cref="ArgumentException">Unknown scenario or year.</exception>
    public IReadOnlyList<BuschRegionalDemand> RegionalDemandIn(string scenario, int year)
    {
        CheckScenarioAndYear(scenario, year);
        return _regional[(scenario, year)];
    }

    private void CheckScenarioAndYear(string scenario, int year)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!Scenarios.Contains(scenario, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown Busch scenario '{scenario}'; known: {string.Join(", ", Scenarios)}.", nameof(scenario));
        }

        if (!_world.ContainsKey((scenario, year)))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Busch et al. (2025) demand covers {Years[0]}–{Years[^1]}; {year} is outside it."),
                nameof(year));
        }
    }
}

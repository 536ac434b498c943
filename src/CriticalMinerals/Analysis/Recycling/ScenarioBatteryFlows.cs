using System.Collections.Concurrent;
using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Recycling;

namespace CriticalMinerals.Analysis.Recycling;

/// <summary>Where the world and deposit models take recycled supply from.</summary>
public enum RecyclingBasis
{
    /// <summary>No recycled supply: the basis before the stock model, kept for comparison.</summary>
    None,

    /// <summary>
    /// The library's battery stock model: on the IEA scenario in the world model (<see cref="ScenarioBatteryFlows"/>), on the Busch
    /// scenario's own regional demand in the deposit model (<see cref="RecyclingChecks.BuschProjection"/>). The default.
    /// </summary>
    StockModel,

    /// <summary>Busch et al.'s own recycled lithium (<c>Recycling.csv</c>, reference scenario): the paper's reproduction basis; lithium only.</summary>
    Busch2025,
}

/// <summary>
/// Battery stocks and flows by Busch region on the basis of an IEA scenario, for the world and deposit models: each region's
/// battery mineral put into use is Busch et al.'s regional shape (their reference lithium demand by region, the 2022 regional
/// chemistry mix, <see cref="BatteryDeployments.FromBuschLithium"/>) scaled, year by year, so the world total matches the IEA
/// scenario's battery demand of that mineral (EV + grid storage, S48; linear between the IEA years, held outside). Chemistry
/// shifts move the deployment after that scaling, so a shift changes every mineral's battery demand and secondary supply at
/// once. No manufacturing scrap (the IEA totals carry none); no capacity limit (no source gives one: cap it per bloc).
/// </summary>
public sealed class ScenarioBatteryFlows
{
    private readonly Busch2025Data _busch;
    private readonly Dictionary<(string Mineral, int Year), double> _unshifted;
    private readonly Dictionary<(string Mineral, int Year), double> _shifted;

    private ScenarioBatteryFlows(Busch2025Data busch, DemandScenario scenario, IReadOnlyList<ChemistryShift> shifts, BatteryRecyclingProjection projection, Dictionary<(string, int), double> unshifted)
    {
        _busch = busch;
        Scenario = scenario;
        Shifts = shifts;
        Projection = projection;
        _unshifted = unshifted;
        _shifted = projection.Rows.GroupBy(r => (r.Mineral, r.Year)).ToDictionary(g => g.Key, g => g.Sum(r => r.DemandKt));
    }

    /// <summary>The minerals with an IEA battery split that the stock model covers (manganese has none, copper and magnet rare earths are mostly not in batteries).</summary>
    public static IReadOnlyList<string> Minerals { get; } = [BatteryMinerals.Lithium, BatteryMinerals.Nickel, BatteryMinerals.Cobalt, BatteryMinerals.Graphite];

    /// <summary>The default assumptions: Busch et al.'s car battery lifetime, baseline recovery, all collected, 1-year delay, no scrap, 2022–2050.</summary>
    public static BatteryRecyclingOptions DefaultOptions { get; } = new(2022, 2050) { Minerals = Minerals };

    /// <summary>The IEA scenario the flows are scaled to (STEPS stands for the 2024 observed year: only its path reaches back to 2024).</summary>
    public DemandScenario Scenario { get; }

    /// <summary>Chemistry shifts applied.</summary>
    public IReadOnlyList<ChemistryShift> Shifts { get; }

    /// <summary>Stock in use, retirements, collected, recycled and primary demand per mineral, Busch region and year (kt).</summary>
    public BatteryRecyclingProjection Projection { get; }

    /// <summary>The assumption notes every answer using these flows prints.</summary>
    public IReadOnlyList<string> Assumptions => Projection.Assumptions;

    /// <summary>Builds the flows of a scenario.</summary>
    /// <param name="dataset">The dataset (IEA demand, Busch data).</param>
    /// <param name="scenario">IEA scenario; <see cref="DemandScenario.Observed"/> uses the STEPS path (the same observed 2024 point).</param>
    /// <param name="options">Lifetime, collection, recovery, delay, years, minerals (default <see cref="DefaultOptions"/>); capacity is refused (cap it per bloc in kt).</param>
    /// <param name="shifts">Chemistry shifts (none by default).</param>
    /// <returns>The flows.</returns>
    /// <exception cref="ArgumentException">A mineral without an IEA battery split, a GWh capacity, or a shift of a chemistry not in the mix.</exception>
    public static ScenarioBatteryFlows Create(MineralDataset dataset, DemandScenario scenario, BatteryRecyclingOptions? options = null, IReadOnlyList<ChemistryShift>? shifts = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= DefaultOptions;
        shifts ??= [];
        var problems = options.Minerals.Where(m => !Minerals.Contains(m)).Select(m => $"mineral '{m}' has no IEA battery split (expected one of {string.Join(", ", Minerals)})").ToList();
        if (options.CapacityGwhPerYear is { Count: > 0 })
        {
            problems.Add("CapacityGwhPerYear is set; the scenario flows are in kt of each mineral, so cap recycling per bloc in kt instead");
        }

        if (options.ScrapShare != 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"ScrapShare is {options.ScrapShare}; expected 0 (the IEA totals carry no manufacturing scrap)"));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Scenario battery flows: " + string.Join("; ", problems) + ".", nameof(options));
        }

        var busch = dataset.Busch2025;
        var ieaScenario = scenario == DemandScenario.Observed ? DemandScenario.Steps : scenario;
        var baseDeployments = BatteryDeployments.FromBuschLithium(busch, busch.MineralIntensities);
        var deployments = shifts.Aggregate(baseDeployments, (d, s) => s.Apply(d));
        var unshiftedRows = BatteryMineralDemand.Compute(baseDeployments, busch.MineralIntensities, options.Minerals);
        var worldUnshifted = unshiftedRows.GroupBy(r => (r.Mineral, r.Year)).ToDictionary(g => g.Key, g => g.Sum(r => r.Kt));
        var shiftedRows = BatteryMineralDemand.Compute(deployments, busch.MineralIntensities, options.Minerals);

        var rows = new List<RecyclingRow>();
        var calibrated = new Dictionary<(string, int), double>();
        foreach (var mineral in options.Minerals)
        {
            var ratio = RecyclingChecks.IeaRatio(worldUnshifted, mineral, BatteryDeployments.IeaBatteryDemand(dataset, mineral, ieaScenario))
                ?? throw new ArgumentException($"No IEA year of {ieaScenario} lies within Busch's years for {mineral}.", nameof(scenario));
            foreach (var (key, kt) in worldUnshifted.Where(kv => kv.Key.Mineral == mineral))
            {
                calibrated[key] = kt * ratio(key.Year);
            }

            foreach (var region in shiftedRows.Where(r => r.Mineral == mineral).GroupBy(r => r.Region).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var inflows = region.Select(r => new YearAmount(r.Year, r.Kt * ratio(r.Year))).ToArray();
                var run = StockFlowModel.Run(new StockFlowInput(inflows, options.Lifetime, options.CollectionRate, options.Recovery.For(region.Key, mineral), options.FirstYear, options.LastYear, options.RecyclingDelayYears));
                rows.AddRange(run.Select(y => new RecyclingRow(mineral, region.Key, y.Year, y.Inflow, y.StockInUse, y.Retired, y.Collected, y.Processed, y.Backlog, y.Recycled, y.PrimaryDemand)));
            }
        }

        var notes = new List<string>
        {
            $"recycled supply from the battery stock model: batteries put into use by Busch region = Busch et al. reference regional lithium demand with each region's 2022 EV chemistry mix ({busch.SourceId}), scaled each year so the world matches IEA {ieaScenario.ToString().ToUpperInvariant()} battery demand of the mineral (EV + grid storage, S48)"
                + (shifts.Count > 0 ? "; chemistry shifts " + string.Join(", ", shifts.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Chemistry} x{s.Factor}"))) + " applied after the scaling" : string.Empty),
            "no stock before 2022: batteries sold earlier are missing, so secondary supply before about 2045 is a lower bound (docs/recycling.md); no manufacturing scrap",
        };
        notes.AddRange(options.AssumptionNotes().Where(n => !n.StartsWith("manufacturing scrap", StringComparison.Ordinal) && !n.StartsWith("recycling capacity", StringComparison.Ordinal)));
        notes.Add("recycling capacity: no source gives it by country or bloc, so unlimited unless a cap in kt is given per bloc");
        return new ScenarioBatteryFlows(busch, ieaScenario, shifts, new BatteryRecyclingProjection(rows, notes), calibrated);
    }

    /// <summary>World battery demand of a mineral in a year after the chemistry shifts, kt.</summary>
    /// <param name="mineral">Mineral (Busch spelling).</param>
    /// <param name="year">Year.</param>
    /// <returns>kt (0 outside the years).</returns>
    public double BatteryDemandKt(string mineral, int year) => _shifted.GetValueOrDefault((mineral, year));

    /// <summary>
    /// World battery demand of a mineral in a year before the chemistry shifts: the IEA scenario's battery demand at its years
    /// (the scaling makes them equal), kt.
    /// </summary>
    /// <param name="mineral">Mineral (Busch spelling).</param>
    /// <param name="year">Year.</param>
    /// <returns>kt (0 outside the years).</returns>
    public double UnshiftedBatteryDemandKt(string mineral, int year) => _unshifted.GetValueOrDefault((mineral, year));

    /// <summary>Secondary supply of a group of countries (see <see cref="BlocSecondarySupply.For"/>: a lower bound when regions are only partly covered).</summary>
    /// <param name="iso3">The group's ISO3 codes.</param>
    /// <param name="mineral">Mineral (Busch spelling).</param>
    /// <param name="year">Year.</param>
    /// <returns>The supply and the regions it counts.</returns>
    public BlocSecondarySupply SecondarySupply(IReadOnlyCollection<string> iso3, string mineral, int year) =>
        BlocSecondarySupply.For(Projection, _busch, iso3, mineral, year);

    /// <summary>The Busch mineral a catalogue commodity stands for in the stock model, or <see langword="null"/> (copper, magnet rare earths).</summary>
    /// <param name="commodity">The commodity.</param>
    /// <returns>The mineral or <see langword="null"/>.</returns>
    public static string? MineralOf(Commodity commodity)
    {
        ArgumentNullException.ThrowIfNull(commodity);
        return Minerals.FirstOrDefault(m => BatteryMinerals.IeaName(m) == commodity.IeaDemandMineral);
    }
}

/// <summary>Scenario flows built once per dataset user for each scenario, set of options and shifts (thread-safe).</summary>
internal sealed class ScenarioBatteryFlowsCache(MineralDataset dataset)
{
    private readonly ConcurrentDictionary<(DemandScenario, BatteryRecyclingOptions?, string), Lazy<ScenarioBatteryFlows>> _flows = new();

    /// <summary>The flows of a scenario (<see cref="DemandScenario.Observed"/> shares STEPS's).</summary>
    public ScenarioBatteryFlows Get(DemandScenario scenario, BatteryRecyclingOptions? options, IReadOnlyList<ChemistryShift> shifts)
    {
        var key = (scenario == DemandScenario.Observed ? DemandScenario.Steps : scenario, options, string.Join(";", shifts.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Chemistry}={s.Factor:R}"))));
        return _flows.GetOrAdd(key, k => new Lazy<ScenarioBatteryFlows>(() => ScenarioBatteryFlows.Create(dataset, k.Item1, options, shifts))).Value;
    }
}

namespace CriticalMinerals.Data;

/// <summary>How a part of world demand that no dataset gives by country is split among countries.</summary>
public enum DemandSplitKey
{
    /// <summary>
    /// The coalition's share of Busch et al. (2025) regional primary lithium demand in the same year and the chosen Busch
    /// scenario (EV, storage and other lithium uses of each region). The default.
    /// </summary>
    LithiumRegional,

    /// <summary>
    /// The coalition's share of the mineral in 2022 EV batteries: <c>battery_region.csv</c> MWh by region and chemistry times
    /// <c>mineral_intensity.csv</c> kg/kWh of that mineral (not available for magnet rare earths, which have no intensity).
    /// </summary>
    BatteryMineral,

    /// <summary>Shares given by the caller in <see cref="CoalitionDemandOptions.ExplicitShares"/>.</summary>
    Explicit,
}

/// <summary>Options of <see cref="MineralDataset.CoalitionDemand"/>.</summary>
public sealed record CoalitionDemandOptions
{
    /// <summary>The Busch scenario of the lithium regional key (default the paper's reference, <see cref="Busch2025Data.ReferenceScenario"/>).</summary>
    public string BuschScenario { get; init; } = Busch2025Data.ReferenceScenario;

    /// <summary>
    /// Key for the demand no dataset gives by country: the non-battery rest of nickel, cobalt, manganese and graphite, and all
    /// of copper and magnet rare earths. Default <see cref="DemandSplitKey.LithiumRegional"/> (year-specific and wider than EV
    /// batteries); whichever key is used, the answer's <see cref="CoalitionDemandEstimate.Assumptions"/> says so.
    /// </summary>
    public DemandSplitKey RestKey { get; init; } = DemandSplitKey.LithiumRegional;

    /// <summary>
    /// For <see cref="DemandSplitKey.Explicit"/>: shares of world demand by Busch region name (e.g. <c>ASEAN</c>) or by ISO3
    /// code, non-negative and summing to 1 (within 1e-6). A region counts with the coalition's weight in it; a code counts when
    /// it is a member.
    /// </summary>
    public IReadOnlyDictionary<string, double>? ExplicitShares { get; init; }

    /// <summary>
    /// Weights of countries within their Busch region (e.g. population or GDP, which the dataset does not hold), by ISO3 code.
    /// When given, a region counts with Σ weights of its member codes / Σ weights of all its codes, and every code of a region
    /// that holds a member needs a weight. When <see langword="null"/> (default), a region counts with the number of its
    /// sovereign (non-territory) countries that are members over the number of its sovereign countries.
    /// </summary>
    public IReadOnlyDictionary<string, double>? CountryWeights { get; init; }
}

/// <summary>One part of a coalition demand estimate.</summary>
/// <param name="Name">Part name: <c>battery</c>, <c>rest</c> or <c>all</c>.</param>
/// <param name="Components">The IEA demand components the part is made of (e.g. <c>clean_tech:Electric vehicles</c>), or how it was derived.</param>
/// <param name="WorldKt">World demand of the part, kt.</param>
/// <param name="Share">The coalition's share of the part, 0..1.</param>
/// <param name="CoalitionKt">The coalition's demand of the part, kt (<paramref name="WorldKt"/> × <paramref name="Share"/>).</param>
/// <param name="Key">The key that split it, in words.</param>
public sealed record CoalitionDemandPart(string Name, IReadOnlyList<string> Components, double WorldKt, double Share, double CoalitionKt, string Key);

/// <summary>
/// A coalition's demand for a mineral: IEA world demand split by keys from Busch et al. (2025) or the caller. An estimate
/// resting on stated assumptions: print <see cref="Assumptions"/> with every figure.
/// </summary>
/// <param name="Commodity">Catalogue code or raw IEA demand mineral asked for.</param>
/// <param name="DemandMineral">IEA demand mineral used, e.g. <c>graphite_all_grades</c>.</param>
/// <param name="Coalition">Coalition name.</param>
/// <param name="Scenario">IEA scenario.</param>
/// <param name="Year">Year.</param>
/// <param name="Unit">Unit of the IEA rows, e.g. <c>kt Li content (NOT LCE)</c>.</param>
/// <param name="WorldKt">IEA world demand: <c>total_demand</c>, or <c>clean_tech_demand</c> for minerals with only that row (manganese).</param>
/// <param name="CoalitionKt">The coalition's demand, Σ of the parts.</param>
/// <param name="Share">CoalitionKt / WorldKt.</param>
/// <param name="Parts">The parts and their keys.</param>
/// <param name="Method">How the figure was computed, naming both sources and the rows.</param>
/// <param name="SourceIds">Ids in <see cref="MineralDataset.Sources"/> of every figure used.</param>
/// <param name="Assumptions">Assumptions every answer using this estimate must print.</param>
public sealed record CoalitionDemandEstimate(
    string Commodity,
    string DemandMineral,
    string Coalition,
    DemandScenario Scenario,
    int Year,
    string Unit,
    double WorldKt,
    double CoalitionKt,
    double Share,
    IReadOnlyList<CoalitionDemandPart> Parts,
    string Method,
    IReadOnlyList<string> SourceIds,
    IReadOnlyList<string> Assumptions);

/// <summary>A coalition's weight in each Busch et al. (2025) region (<see cref="MineralDataset.BuschRegionWeights"/>).</summary>
/// <param name="Coalition">Coalition name.</param>
/// <param name="Weights">Weight 0..1 by region name, every one of the 18 regions.</param>
/// <param name="Assumptions">How partial regions, territories, members outside every region and <c>EUU</c> were counted.</param>
/// <param name="SourceId">Source id of the region lists (<c>B25</c>).</param>
public sealed record CoalitionRegionWeights(string Coalition, IReadOnlyDictionary<string, double> Weights, IReadOnlyList<string> Assumptions, string SourceId)
{
    /// <summary>Regions with a weight strictly between 0 and 1.</summary>
    public IReadOnlyList<string> PartialRegions => Weights.Where(w => w.Value is > 0 and < 1).Select(w => w.Key).ToArray();
}

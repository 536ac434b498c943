namespace CriticalMinerals.Analysis.Planning;

/// <summary>
/// A site the user names as a greenfield mine: it may build new mining capacity although the data show no resource there,
/// within the limits stated here (the user's figures, carried into the plan's notes with the reason).
/// </summary>
/// <param name="Iso3">Member country.</param>
/// <param name="MaxCapacityKt">Largest new mining capacity over the horizon (kt per year, ≥ 0). The growth limit does not apply to it (the size is the user's); the lead time does.</param>
/// <param name="CumulativeLimitKt">Extraction the site may add over the horizon (kt, ≥ 0), on top of what the data allow it (0 where it has no resource).</param>
/// <param name="Reason">Why the site is named (a deposit, a study), shown in the notes.</param>
public sealed record GreenfieldSite(string Iso3, double MaxCapacityKt, double CumulativeLimitKt, string Reason)
{
    /// <summary>Source ids of the figures, carried into the problem's source ids.</summary>
    public IReadOnlyList<string> SourceIds { get; init; } = [];
}

/// <summary>
/// A resource known from a deposit table (e.g. lithium deposits with reserves and resources), beyond USGS reserves: it counts as
/// a resource for the geology rule and is added to the site's cumulative extraction limit.
/// </summary>
/// <param name="Iso3">Country.</param>
/// <param name="ResourceKt">Resource in the commodity's model unit (kt, ≥ 0).</param>
/// <param name="Basis">Where it comes from, in words (e.g. <c>Busch et al. 2025: 3 deposits</c>).</param>
public sealed record KnownResource(string Iso3, double ResourceKt, string Basis)
{
    /// <summary>Source ids of the figure, carried into the problem's source ids.</summary>
    public IReadOnlyList<string> SourceIds { get; init; } = [];
}

/// <summary>
/// What geology allows a plan built from the data: where new mines may open and how much each site may extract. On by default.
/// </summary>
/// <remarks>
/// New mining capacity (continuous build and mining projects) goes only to a member where the data show a resource: USGS
/// reserves &gt; 0, 2024 mine output &gt; 0 (every named producer, <see cref="Data.MineralDataset.CountrySupply"/>), a
/// <see cref="KnownResources"/> entry, or a <see cref="GreenfieldSites"/> entry. Cumulative extraction of every member stays
/// within reserves plus known resources; where only production is known (no reserve figure, or one withheld), within
/// <see cref="YearsOfCurrentOutputWithoutReserves"/> years of its 2024 output. A missing figure never means "no bound".
/// </remarks>
public sealed record GeologyOptions
{
    /// <summary>The rules off: new build anywhere, reserves bound where USGS publishes them and nothing bounds the rest (the behaviour before the geology rule; for comparison only).</summary>
    public static GeologyOptions Off { get; } = new() { Enabled = false };

    /// <summary>Whether the geology rules apply. Default <see langword="true"/>.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Cumulative extraction limit of a member with mine output but no reserve figure (missing or withheld), in years of its 2024
    /// output. Default 30: an assumption without source (it holds 2024 output over the 21 years to 2045 and leaves about nine
    /// years of it for growth). Every plan that uses it says so and names the sites.
    /// </summary>
    public double YearsOfCurrentOutputWithoutReserves { get; init; } = 30;

    /// <summary>
    /// Start allowance of the growth limit at each stage where the question's build options set none, as a share of the 2024
    /// world output of the stage per year (so a site with a resource but no mine, or a member without a refinery, can start).
    /// Default 0.005 (0.5 % of world output a year): an assumption without source.
    /// </summary>
    public double StartShareOfWorldOutputPerYear { get; init; } = 0.005;

    /// <summary>Resources known from deposit tables, by country (empty by default; several entries of a country add up).</summary>
    public IReadOnlyList<KnownResource> KnownResources { get; init; } = [];

    /// <summary>
    /// Whether the dataset's deposit table adds known resources where it has one (lithium: Busch et al. 2025, source <c>B25</c>):
    /// beside USGS reserves its demonstrated and inferred resources count; where USGS has no reserve figure, every tier counts.
    /// Default <see langword="true"/>.
    /// </summary>
    public bool UseDepositTable { get; init; } = true;

    /// <summary>Greenfield sites named by the user (empty by default).</summary>
    public IReadOnlyList<GreenfieldSite> GreenfieldSites { get; init; } = [];
}

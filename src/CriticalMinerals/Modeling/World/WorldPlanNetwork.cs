using System.Globalization;
using CriticalMinerals.Data;

namespace CriticalMinerals.Modeling.World;

/// <summary>One period of the multi-period world model: flows are kt per year held over <paramref name="LengthYears"/> years.</summary>
/// <param name="Year">First year of the period.</param>
/// <param name="LengthYears">Length in years (&gt; 0): weights flows into cumulative extraction, stocks and costs.</param>
public sealed record WorldPeriod(int Year, double LengthYears);

/// <summary>
/// New capacity a site may build at one stage: from period <paramref name="FirstPeriod"/> on (the lead time), within a growth
/// limit, at a capital cost per kt per year of capacity.
/// </summary>
/// <param name="FirstPeriod">Index of the first period with new capacity (≥ 1: the first period is the observed one).</param>
public sealed record CapacityBuild(int FirstPeriod)
{
    /// <summary>Largest new build per year as a share of the previous period's capacity; <see langword="null"/> for none.</summary>
    public double? MaxGrowthRatePerYear { get; init; }

    /// <summary>New build per year allowed on top of the growth limit, so a site without capacity can start (kt per year). Default 0.</summary>
    public double StartKtPerYear { get; init; }

    /// <summary>Capital cost per kt per year of new capacity. Default 0 (no source gives costs).</summary>
    public double CapitalCostPerKt { get; init; }
}

/// <summary>A site of the multi-period world model: its capacities per period (kt per year) and what it may build.</summary>
/// <param name="Iso3">ISO3 code or an aggregate code.</param>
/// <param name="MiningKt">Mine capacity per period (existing plus announced pipeline).</param>
/// <param name="RefiningKt">Refinery capacity per period.</param>
public sealed record WorldSitePlan(string Iso3, IReadOnlyList<double> MiningKt, IReadOnlyList<double> RefiningKt)
{
    /// <summary>Other-route output (synthetic graphite) per period; empty (the default) for none.</summary>
    public IReadOnlyList<double> OtherRouteKt { get; init; } = [];

    /// <summary>Cost of mining one kt (user input; default 0).</summary>
    public double MiningCostPerKt { get; init; }

    /// <summary>Cost of refining one kt (user input; default 0).</summary>
    public double RefiningCostPerKt { get; init; }

    /// <summary>Whether the site gets mine, refinery and other-route variables even where every capacity is zero (see <see cref="WorldSite.PricesNewCapacity"/>).</summary>
    public bool PricesNewCapacity { get; init; }

    /// <summary>New mines, or <see langword="null"/> where none may open (e.g. no known geology).</summary>
    public CapacityBuild? MiningBuild { get; init; }

    /// <summary>New refineries, or <see langword="null"/> for none.</summary>
    public CapacityBuild? RefiningBuild { get; init; }

    /// <summary>Cumulative extraction limit over the horizon (kt: reserves, known resources); <see langword="null"/> for none.</summary>
    public double? ExtractionLimitKt { get; init; }

    /// <summary>Largest new mining capacity over the horizon (kt per year); <see langword="null"/> for none.</summary>
    public double? MaxNewMiningKt { get; init; }

    /// <summary>
    /// Whether capacity is stated as rows <c>capacity[site,stage,t]</c> even without build, so that a view can add capacity terms
    /// of its own (lumpy projects, join decisions). Default <see langword="false"/> (variable bounds where nothing is built).
    /// </summary>
    public bool CapacityInRows { get; init; }

    /// <summary>Capacity of a stage in period <paramref name="t"/>.</summary>
    /// <param name="stage">Mining or refining.</param>
    /// <param name="t">Period index.</param>
    /// <returns>kt per year.</returns>
    public double CapacityKt(SupplyStage stage, int t) => (stage == SupplyStage.Mining ? MiningKt : RefiningKt)[t];

    /// <summary>The build of a stage.</summary>
    /// <param name="stage">Mining or refining.</param>
    /// <returns>The build, or <see langword="null"/>.</returns>
    public CapacityBuild? BuildOf(SupplyStage stage) => stage == SupplyStage.Mining ? MiningBuild : RefiningBuild;

    /// <summary>Other-route capacity in period <paramref name="t"/> (0 where none is given).</summary>
    /// <param name="t">Period index.</param>
    /// <returns>kt per year.</returns>
    public double OtherRouteKtAt(int t) => t < OtherRouteKt.Count ? OtherRouteKt[t] : 0;
}

/// <summary>
/// A bloc's recycling plants: recycled supply in a period is at most the capacity in place plus what the bloc has built, whatever
/// material there is to recycle (<see cref="BlocPlan.RecycledKt"/> bounds that).
/// </summary>
/// <param name="CapacityKt">Recycled-output capacity in place per period, kt per year; missing periods keep the last value (empty: none in place).</param>
public sealed record RecyclingPlants(IReadOnlyList<double> CapacityKt)
{
    /// <summary>New recycling capacity (lead time as the first period, growth limit, capital cost), or <see langword="null"/> for none.</summary>
    public CapacityBuild? Build { get; init; }

    /// <summary>Capacity in place in period <paramref name="t"/>.</summary>
    /// <param name="t">Period index.</param>
    /// <returns>kt per year.</returns>
    public double CapacityKtAt(int t) => CapacityKt.Count == 0 ? 0 : CapacityKt[Math.Min(t, CapacityKt.Count - 1)];
}

/// <summary>A bloc's strategic stock of refined material.</summary>
public sealed record BlocStockpile
{
    /// <summary>Stock before the first period (kt). Default 0.</summary>
    public double InitialKt { get; init; }

    /// <summary>Largest stock (kt). Default unlimited.</summary>
    public double MaxKt { get; init; } = double.PositiveInfinity;

    /// <summary>Largest release, kt per year. Default unlimited.</summary>
    public double MaxReleasePerYearKt { get; init; } = double.PositiveInfinity;

    /// <summary>Cost of holding 1 kt for one year. Default 0.</summary>
    public double HoldingCostPerKtYear { get; init; }
}

/// <summary>A bloc of the multi-period world model: its members and demand per period, recycling and stock.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Members">ISO3 codes of its sites; blocs partition the sites.</param>
/// <param name="DemandKt">Demand per period, kt per year.</param>
public sealed record BlocPlan(string Name, IReadOnlyList<string> Members, IReadOnlyList<double> DemandKt)
{
    /// <summary>Recycled supply available per period regardless of past use, kt per year; empty (the default) for none.</summary>
    public IReadOnlyList<double> RecycledKt { get; init; } = [];

    /// <summary>Own other-route supply per period, kt per year; empty (the default) for none.</summary>
    public IReadOnlyList<double> OtherRouteKt { get; init; } = [];

    /// <summary>Share of the supply served <see cref="RecyclingLagPeriods"/> periods earlier that comes back as recycled material. Default 0.</summary>
    public double RecyclingCollectionRate { get; init; }

    /// <summary>Lag between use and recycling, in periods (≥ 1). Default 1.</summary>
    public int RecyclingLagPeriods { get; init; } = 1;

    /// <summary>The bloc's stock, or <see langword="null"/> for none (the default).</summary>
    public BlocStockpile? Stockpile { get; init; }

    /// <summary>The bloc's recycling plants, or <see langword="null"/> (the default) for no limit on recycling capacity.</summary>
    public RecyclingPlants? RecyclingPlants { get; init; }

    /// <summary>Priority weight of its shortfall (default 1).</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Exogenous recycled supply in period <paramref name="t"/>.</summary>
    /// <param name="t">Period index.</param>
    /// <returns>kt per year.</returns>
    public double RecycledKtAt(int t) => t < RecycledKt.Count ? RecycledKt[t] : 0;

    /// <summary>Own other-route supply in period <paramref name="t"/>.</summary>
    /// <param name="t">Period index.</param>
    /// <returns>kt per year.</returns>
    public double OtherRouteKtAt(int t) => t < OtherRouteKt.Count ? OtherRouteKt[t] : 0;
}

/// <summary>
/// One commodity over several periods as the world model sees it: every site's mines and refineries with capacity per period and
/// what each may build, blocs with demand, recycling and stock, trade and intake rules. Mass balance holds at every node in
/// every period. A <see cref="WorldNetwork"/> is the special case of one period of one year without build or stock.
/// </summary>
/// <param name="Commodity">Commodity code.</param>
/// <param name="Periods">Periods in time order.</param>
/// <param name="Sites">Every country and aggregate with capacity.</param>
/// <param name="Blocs">Blocs partitioning the sites.</param>
public sealed record WorldPlanNetwork(string Commodity, IReadOnlyList<WorldPeriod> Periods, IReadOnlyList<WorldSitePlan> Sites, IReadOnlyList<BlocPlan> Blocs)
{
    /// <summary>Share of a refinery's capacity that secondary (scrap) feed may supply, in [0, 1]. Default 0.</summary>
    public double SecondaryFeedShare { get; init; }

    /// <summary>Supplier-side trade rules, in force in every period.</summary>
    public IReadOnlyList<TradeRule> TradeRules { get; init; } = [];

    /// <summary>Consumer-side intake rules, in force in every period.</summary>
    public IReadOnlyList<IntakeRule> IntakeRules { get; init; } = [];

    /// <summary>The multi-period network of a one-period <see cref="WorldNetwork"/>: one period of one year.</summary>
    /// <param name="network">The network.</param>
    /// <returns>The same question over one period.</returns>
    public static WorldPlanNetwork OfYear(WorldNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new WorldPlanNetwork(
            network.Commodity,
            [new WorldPeriod(network.Year, 1)],
            network.Sites.Select(s => new WorldSitePlan(s.Iso3, [s.MiningKt], [s.RefiningKt])
            {
                OtherRouteKt = [s.OtherRouteKt],
                MiningCostPerKt = s.MiningCostPerKt,
                RefiningCostPerKt = s.RefiningCostPerKt,
                PricesNewCapacity = s.PricesNewCapacity,
            }).ToArray(),
            network.Blocs.Select(b => new BlocPlan(b.Name, b.Members, [b.DemandKt]) { RecycledKt = [b.RecycledKt], OtherRouteKt = [b.OtherRouteKt], Weight = b.Weight }).ToArray())
        {
            SecondaryFeedShare = network.SecondaryFeedShare,
            TradeRules = network.TradeRules,
            IntakeRules = network.IntakeRules,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every field out of range.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        void Require(bool condition, string field, object value, string expected)
        {
            if (!condition)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{field} is {value}; expected {expected}"));
            }
        }

        static bool Amount(double v) => double.IsFinite(v) && v >= 0;
        int n = Periods.Count;
        Require(n > 0, "Periods", n, "at least one period");
        for (int t = 0; t < n; t++)
        {
            Require(double.IsFinite(Periods[t].LengthYears) && Periods[t].LengthYears > 0, $"Periods[{t}].LengthYears", Periods[t].LengthYears, "a finite number > 0");
            Require(t == 0 || Periods[t].Year > Periods[t - 1].Year, $"Periods[{t}].Year", Periods[t].Year, "increasing years");
        }

        var sites = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Sites)
        {
            Require(sites.Add(s.Iso3), $"Sites[{s.Iso3}]", s.Iso3, "each site once");
            foreach (var (field, values) in new[] { ("MiningKt", s.MiningKt), ("RefiningKt", s.RefiningKt) })
            {
                Require(values.Count == n, $"Sites[{s.Iso3}].{field}", values.Count, $"{n} values (one per period)");
                Require(values.All(Amount), $"Sites[{s.Iso3}].{field}", string.Join(" ", values), "finite numbers ≥ 0");
            }

            Require(s.OtherRouteKt.Count <= n && s.OtherRouteKt.All(Amount), $"Sites[{s.Iso3}].OtherRouteKt", string.Join(" ", s.OtherRouteKt), $"at most {n} finite numbers ≥ 0");
            Require(Amount(s.MiningCostPerKt) && Amount(s.RefiningCostPerKt), $"Sites[{s.Iso3}].costs", s.MiningCostPerKt + s.RefiningCostPerKt, "finite numbers ≥ 0");
            Require(s.ExtractionLimitKt is null || s.ExtractionLimitKt >= 0, $"Sites[{s.Iso3}].ExtractionLimitKt", s.ExtractionLimitKt ?? 0, "≥ 0");
            Require(s.MaxNewMiningKt is null || s.MaxNewMiningKt >= 0, $"Sites[{s.Iso3}].MaxNewMiningKt", s.MaxNewMiningKt ?? 0, "≥ 0");
            foreach (var (stage, build) in new[] { ("MiningBuild", s.MiningBuild), ("RefiningBuild", s.RefiningBuild) })
            {
                if (build is not null)
                {
                    Require(build.FirstPeriod >= 1, $"Sites[{s.Iso3}].{stage}.FirstPeriod", build.FirstPeriod, "≥ 1");
                    Require(build.MaxGrowthRatePerYear is null || Amount(build.MaxGrowthRatePerYear.Value), $"Sites[{s.Iso3}].{stage}.MaxGrowthRatePerYear", build.MaxGrowthRatePerYear ?? 0, "a finite number ≥ 0");
                    Require(Amount(build.StartKtPerYear) && Amount(build.CapitalCostPerKt), $"Sites[{s.Iso3}].{stage}", build.StartKtPerYear, "start allowance and capital cost finite and ≥ 0");
                }
            }
        }

        var blocs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in Blocs)
        {
            Require(!string.IsNullOrWhiteSpace(b.Name) && b.Name != TradeRule.AnyOutsider && blocs.Add(b.Name), "Blocs.Name", b.Name, "a unique, non-empty name other than '*'");
            Require(b.DemandKt.Count == n, $"Blocs[{b.Name}].DemandKt", b.DemandKt.Count, $"{n} values (one per period)");
            Require(b.DemandKt.All(Amount), $"Blocs[{b.Name}].DemandKt", string.Join(" ", b.DemandKt), "finite numbers ≥ 0");
            Require(b.RecycledKt.Count <= n && b.RecycledKt.All(Amount), $"Blocs[{b.Name}].RecycledKt", string.Join(" ", b.RecycledKt), $"at most {n} finite numbers ≥ 0");
            Require(b.OtherRouteKt.Count <= n && b.OtherRouteKt.All(Amount), $"Blocs[{b.Name}].OtherRouteKt", string.Join(" ", b.OtherRouteKt), $"at most {n} finite numbers ≥ 0");
            Require(b.RecyclingCollectionRate is >= 0 and <= 1, $"Blocs[{b.Name}].RecyclingCollectionRate", b.RecyclingCollectionRate, "a share in [0, 1]");
            Require(b.RecyclingLagPeriods >= 1, $"Blocs[{b.Name}].RecyclingLagPeriods", b.RecyclingLagPeriods, "≥ 1");
            Require(double.IsFinite(b.Weight) && b.Weight > 0, $"Blocs[{b.Name}].Weight", b.Weight, "a finite number > 0");
            if (b.RecyclingPlants is { } plants)
            {
                Require(plants.CapacityKt.Count <= n && plants.CapacityKt.All(Amount), $"Blocs[{b.Name}].RecyclingPlants.CapacityKt", string.Join(" ", plants.CapacityKt), $"at most {n} finite numbers ≥ 0");
                if (plants.Build is { } build)
                {
                    Require(build.FirstPeriod >= 1 && build.FirstPeriod < n, $"Blocs[{b.Name}].RecyclingPlants.Build.FirstPeriod", build.FirstPeriod, $"a period index in [1, {n - 1}]");
                    Require(Amount(build.CapitalCostPerKt) && Amount(build.StartKtPerYear) && build.MaxGrowthRatePerYear is null or >= 0, $"Blocs[{b.Name}].RecyclingPlants.Build", build.CapitalCostPerKt, "capital cost, start allowance and growth rate ≥ 0");
                }
            }

            if (b.Stockpile is { } stock)
            {
                Require(Amount(stock.InitialKt) && stock.MaxKt >= stock.InitialKt, $"Blocs[{b.Name}].Stockpile", stock.InitialKt, "a finite initial stock ≥ 0 within the largest stock");
                Require(stock.MaxReleasePerYearKt >= 0 && Amount(stock.HoldingCostPerKtYear), $"Blocs[{b.Name}].Stockpile", stock.MaxReleasePerYearKt, "release limit and holding cost ≥ 0");
            }

        }

        WorldRuleChecks.CheckPartition(Blocs.Select(b => (b.Name, b.Members)), Sites.Select(s => s.Iso3), Require);
        Require(SecondaryFeedShare is >= 0 and <= 1, nameof(SecondaryFeedShare), SecondaryFeedShare, "a share in [0, 1]");
        WorldRuleChecks.Check(TradeRules, IntakeRules, sites, blocs, Require);

        if (problems.Count > 0)
        {
            throw new ArgumentException("World plan network: " + string.Join("; ", problems) + ".");
        }
    }
}

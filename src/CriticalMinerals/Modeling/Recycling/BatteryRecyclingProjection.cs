using System.Globalization;
using CriticalMinerals.Data;

namespace CriticalMinerals.Modeling.Recycling;

/// <summary>Recovery rates (share of the processed mass of a mineral recovered) by region and mineral.</summary>
/// <param name="Default">Rate of a mineral in regions without their own entry; minerals missing here recover nothing.</param>
/// <param name="ByRegion">Rates of (region, mineral) that differ from <paramref name="Default"/>.</param>
public sealed record RecoveryRates(IReadOnlyDictionary<string, RateSchedule> Default, IReadOnlyDictionary<(string Region, string Mineral), RateSchedule> ByRegion)
{
    private const string BuschFile = "B25 Scripts/Demand Model/01-ParametersDemand.R";

    /// <summary>The rate schedule of a region and mineral.</summary>
    /// <param name="region">Region.</param>
    /// <param name="mineral">Mineral (Busch spelling).</param>
    /// <returns>The schedule (constant 0 when none is given).</returns>
    public RateSchedule For(string region, string mineral) =>
        ByRegion.TryGetValue((region, mineral), out var r) ? r
        : Default.TryGetValue(mineral, out var d) ? d
        : RateSchedule.Constant(0, "no recovery rate given for " + mineral);

    /// <summary>One rate for every region and the given minerals.</summary>
    /// <param name="rate">The schedule.</param>
    /// <param name="minerals">Minerals.</param>
    /// <returns>The rates.</returns>
    public static RecoveryRates Uniform(RateSchedule rate, IEnumerable<string> minerals) =>
        new(minerals.ToDictionary(m => m, _ => rate), new Dictionary<(string, string), RateSchedule>());

    /// <summary>
    /// Busch et al.'s baseline (<c>mat_recovery_recycling</c>, <c>recycling_scenarios == "Baseline"</c>): 5 % for every mineral
    /// and region, except the European Union on the EU Battery Regulation path (lithium 0 in 2021 → 50 % in 2028, 62 % in 2029,
    /// +6 points a year to 80 % from 2032; nickel and cobalt 0 → 90 % in 2028, 92 % in 2029, to 95 % from 2032; manganese 0)
    /// and China at its reported levels (lithium 85 %, nickel, cobalt, manganese 98 %). Graphite is not in their table: 0.
    /// </summary>
    public static RecoveryRates BuschBaseline { get; } = Busch(euEverywhere: false);

    /// <summary>Busch et al.'s "Enhanced recycling" scenario: the EU path in every region except China (same source as <see cref="BuschBaseline"/>).</summary>
    public static RecoveryRates BuschEnhanced { get; } = Busch(euEverywhere: true);

    /// <summary>What the rates are, in one line for an answer's assumptions.</summary>
    public string Summary =>
        ReferenceEquals(this, BuschBaseline)
            ? "Busch et al. baseline (" + BuschFile + "): China Li 85 %, Ni/Co/Mn 98 %; European Union on the EU Battery Regulation path (Li 50 % in 2028 to 80 % from 2032, Ni/Co 90 % to 95 %); 5 % in every other region; graphite 0 (no rate given)"
            : ReferenceEquals(this, BuschEnhanced)
                ? "Busch et al. enhanced (" + BuschFile + "): the EU Battery Regulation path everywhere but China, China at its reported levels; graphite 0"
                : "user rates: " + string.Join(", ", Default.Select(d => d.Key + " " + d.Value.Source).Concat(ByRegion.Select(r => $"{r.Key.Region} {r.Key.Mineral} {r.Value.Source}")));

    /// <summary>The EU Battery Regulation path of a mineral as Busch et al. encode it (linear adoption from 2021).</summary>
    /// <param name="mineral">Mineral.</param>
    /// <returns>The schedule.</returns>
    public static RateSchedule EuTargetPath(string mineral) => mineral switch
    {
        BatteryMinerals.Lithium => RateSchedule.Create([(2021, 0), (2028, 0.5), (2029, 0.62), (2032, 0.8)], BuschFile + " EU_targets Lithium (0.5 by 2027, 0.8 by 2031)"),
        BatteryMinerals.Nickel or BatteryMinerals.Cobalt => RateSchedule.Create([(2021, 0), (2028, 0.9), (2029, 0.92), (2032, 0.95)], BuschFile + $" EU_targets {mineral} (0.9 by 2027, 0.95 by 2031)"),
        _ => RateSchedule.Constant(0, BuschFile + $" EU_targets: {mineral} 0 or not listed"),
    };

    private static RecoveryRates Busch(bool euEverywhere)
    {
        string[] listed = [BatteryMinerals.Lithium, BatteryMinerals.Nickel, BatteryMinerals.Cobalt, BatteryMinerals.Manganese];
        var defaults = listed.ToDictionary(m => m, m => euEverywhere ? EuTargetPath(m) : RateSchedule.Constant(0.05, BuschFile + " mat_recov_recyc Baseline 0.05"));
        var byRegion = new Dictionary<(string, string), RateSchedule>();
        foreach (var m in listed)
        {
            byRegion[("European Union", m)] = EuTargetPath(m);
            byRegion[("China", m)] = RateSchedule.Constant(m == BatteryMinerals.Lithium ? 0.85 : 0.98, BuschFile + $" China_targets {m}");
        }

        return new RecoveryRates(defaults, byRegion);
    }
}

/// <summary>The assumptions of a battery recycling projection; defaults follow Busch et al. (2025) where they give one.</summary>
/// <param name="FirstYear">First year reported (deployments before it build the stock).</param>
/// <param name="LastYear">Last year reported.</param>
public sealed record BatteryRecyclingOptions(int FirstYear, int LastYear)
{
    /// <summary>Battery lifetime (default <see cref="LifetimeDistribution.BuschCarBattery"/>).</summary>
    public LifetimeDistribution Lifetime { get; init; } = LifetimeDistribution.BuschCarBattery;

    /// <summary>
    /// Share of retired batteries collected (default 1: in Busch et al. every failed or surplus battery goes to recycling,
    /// except those reused in stationary storage, which this model does not separate; an assumption, flagged).
    /// </summary>
    public RateSchedule CollectionRate { get; init; } = RateSchedule.Constant(1.0, "assumption: all retired batteries collected (B25 sends every failed battery to recycling; its second-life reuse is not modelled)");

    /// <summary>Recovery rates (default <see cref="RecoveryRates.BuschBaseline"/>).</summary>
    public RecoveryRates Recovery { get; init; } = RecoveryRates.BuschBaseline;

    /// <summary>Years from processing to secondary supply (default 1, <c>delay_recycling_year</c> of B25 <c>01-ParametersDemand.R</c>).</summary>
    public int RecyclingDelayYears { get; init; } = 1;

    /// <summary>
    /// Share of gross material demand that becomes manufacturing scrap, collected and recycled (default 0; Busch et al. use
    /// <see cref="BatteryDeployments.BuschCathodeScrapShare"/>).
    /// </summary>
    public double ScrapShare { get; init; }

    /// <summary>
    /// Recycling capacity, GWh of batteries (and scrap) processed per year, by region; regions or years not listed are
    /// unlimited. No source gives recycling capacity by country (data README), so the default is unlimited and flagged.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<YearAmount>>? CapacityGwhPerYear { get; init; }

    /// <summary>Minerals reported (default <see cref="BatteryMinerals.Default"/>).</summary>
    public IReadOnlyList<string> Minerals { get; init; } = BatteryMinerals.Default;

    /// <summary>The assumption notes every answer using these options carries.</summary>
    /// <returns>One note per assumption.</returns>
    public IReadOnlyList<string> AssumptionNotes()
    {
        var notes = new List<string>
        {
            $"lifetime: {Lifetime.Summary} ({Lifetime.Source})",
            $"collection: {CollectionRate.Source}",
            $"recovery: {Recovery.Summary}",
            string.Create(CultureInfo.InvariantCulture, $"recovered material counts as supply {RecyclingDelayYears} year(s) after processing"),
            string.Create(CultureInfo.InvariantCulture, $"manufacturing scrap share {ScrapShare}"),
            CapacityGwhPerYear is null or { Count: 0 }
                ? "recycling capacity: unlimited (user input; no source gives recycling capacity by region)"
                : "recycling capacity: user input for " + string.Join(", ", CapacityGwhPerYear.Keys.Order(StringComparer.Ordinal)) + "; other regions unlimited",
        };
        return notes;
    }
}

/// <summary>One mineral, region and year of a recycling projection (kt of the mineral).</summary>
/// <param name="Mineral">Mineral (Busch spelling).</param>
/// <param name="Region">Region.</param>
/// <param name="Year">Year.</param>
/// <param name="DemandKt">Gross demand: put into use plus manufacturing scrap.</param>
/// <param name="StockInUseKt">In batteries in use at the end of the year.</param>
/// <param name="RetiredKt">In batteries that left use this year.</param>
/// <param name="CollectedKt">Collected this year (retired batteries collected, plus scrap).</param>
/// <param name="ProcessedKt">Collected material processed this year (capacity-limited).</param>
/// <param name="BacklogKt">Collected, waiting for capacity, at the end of the year.</param>
/// <param name="RecycledKt">Secondary supply available this year.</param>
/// <param name="PrimaryDemandKt">Demand not met by secondary supply: <c>max(0, Demand - Recycled)</c>.</param>
public sealed record RecyclingRow(string Mineral, string Region, int Year, double DemandKt, double StockInUseKt, double RetiredKt, double CollectedKt, double ProcessedKt, double BacklogKt, double RecycledKt, double PrimaryDemandKt);

/// <summary>Recycled supply of one mineral in a region and year: what a bloc's <c>RecycledKt</c> can be built from.</summary>
/// <param name="Region">Region.</param>
/// <param name="Year">Year.</param>
/// <param name="Mineral">Mineral (Busch spelling).</param>
/// <param name="RecycledKt">kt of secondary supply.</param>
public sealed record RegionalSecondarySupply(string Region, int Year, string Mineral, double RecycledKt);

/// <summary>A recycling projection: tidy rows and the assumptions behind them.</summary>
/// <param name="Rows">One row per mineral, region and year.</param>
/// <param name="Assumptions">Assumption notes (defaults without a source are flagged here).</param>
public sealed record BatteryRecyclingProjection(IReadOnlyList<RecyclingRow> Rows, IReadOnlyList<string> Assumptions)
{
    /// <summary>Secondary supply of a mineral by region and year.</summary>
    /// <param name="mineral">Mineral (Busch spelling).</param>
    /// <returns>Rows in region, year order.</returns>
    public IReadOnlyList<RegionalSecondarySupply> SecondarySupply(string mineral) =>
        Rows.Where(r => r.Mineral == mineral).Select(r => new RegionalSecondarySupply(r.Region, r.Year, r.Mineral, r.RecycledKt)).ToArray();

    /// <summary>Secondary supply of a mineral in a year summed over regions.</summary>
    /// <param name="mineral">Mineral.</param>
    /// <param name="year">Year.</param>
    /// <param name="regions">Regions to add (all when <see langword="null"/>).</param>
    /// <returns>kt.</returns>
    public double RecycledKt(string mineral, int year, IReadOnlyCollection<string>? regions = null)
    {
        // On every coalition answer's path: one pass, the cheap year test first, regions as a set.
        var set = regions is null ? null : new HashSet<string>(regions, StringComparer.Ordinal);
        double sum = 0;
        foreach (var r in Rows)
        {
            if (r.Year == year && r.Mineral == mineral && (set is null || set.Contains(r.Region)))
            {
                sum += r.RecycledKt;
            }
        }

        return sum;
    }

    /// <summary>Runs the stock-and-flow per region and chemistry and turns GWh into minerals.</summary>
    /// <param name="deployments">Battery deployment (GWh by region, chemistry, year).</param>
    /// <param name="intensities">Mineral intensities (kg/kWh by chemistry).</param>
    /// <param name="options">Assumptions.</param>
    /// <returns>The projection.</returns>
    /// <exception cref="ArgumentException">Negative or non-finite GWh, a scrap share outside [0, 1), missing intensities (all listed).</exception>
    public static BatteryRecyclingProjection Run(IReadOnlyList<BatteryDeployment> deployments, IReadOnlyList<MineralIntensity> intensities, BatteryRecyclingOptions options)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        ArgumentNullException.ThrowIfNull(options);
        var problems = deployments.Where(d => !double.IsFinite(d.Gwh) || d.Gwh < 0)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Region} {d.Chemistry} {d.Year}: {d.Gwh} GWh, expected a finite amount of 0 or more")).ToList();
        if (!(options.ScrapShare >= 0 && options.ScrapShare < 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"scrap share {options.ScrapShare}, expected [0, 1)"));
        }

        if (options.LastYear < options.FirstYear)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"last year {options.LastYear} before first year {options.FirstYear}"));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Battery recycling projection: {string.Join("; ", problems)}.", nameof(deployments));
        }

        var table = BatteryMineralDemand.CheckedIntensityTable(intensities, options.Minerals, deployments.Select(d => d.Chemistry), nameof(intensities));

        var rows = new List<RecyclingRow>();
        foreach (var region in deployments.GroupBy(d => d.Region).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows.AddRange(RunRegion(region.Key, region.ToArray(), table, options));
        }

        return new BatteryRecyclingProjection(rows, options.AssumptionNotes());
    }

    private static IEnumerable<RecyclingRow> RunRegion(string region, IReadOnlyList<BatteryDeployment> deployments, IReadOnlyDictionary<(string, string), MineralIntensity> table, BatteryRecyclingOptions options)
    {
        var chemistries = deployments.Select(d => d.Chemistry).Distinct().Order(StringComparer.Ordinal).ToArray();
        int start = Math.Min(options.FirstYear, deployments.Min(d => d.Year));
        var years = Enumerable.Range(start, options.LastYear - start + 1).ToArray();
        var flows = chemistries.Select(c => StockFlowModel.Retirements(
            deployments.Where(d => d.Chemistry == c).Select(d => new YearAmount(d.Year, d.Gwh)).ToArray(), options.Lifetime, start, options.LastYear)).ToArray();

        // Streams 0..n-1: retired batteries collected; n..2n-1: manufacturing scrap (always collected). GWh throughout.
        double s = options.ScrapShare;
        var collected = new List<double[]>();
        collected.AddRange(flows.Select(f => years.Select((y, i) => f.Retired[i] * options.CollectionRate.At(y)).ToArray()));
        collected.AddRange(flows.Select(f => f.Inflow.Select(x => x / (1 - s) * s).ToArray()));
        var capacity = options.CapacityGwhPerYear?.GetValueOrDefault(region)?.ToDictionary(c => c.Year, c => c.Amount) ?? [];
        var (processed, backlog) = RecyclingQueue.Process(years, collected, y => capacity.TryGetValue(y, out var c) ? c : double.PositiveInfinity);

        foreach (var mineral in options.Minerals)
        {
            var perChemistry = chemistries.Select(c => table[(mineral, c)].KgPerKwh).ToArray();
            double Sum(Func<int, double> gwhOfChemistry) => perChemistry.Select((k, ci) => k * gwhOfChemistry(ci)).Sum();
            var recovered = new Dictionary<int, double>();
            for (int i = 0; i < years.Length; i++)
            {
                double rate = options.Recovery.For(region, mineral).At(years[i]);
                recovered[years[i] + options.RecyclingDelayYears] = rate * Sum(ci => processed[ci][i] + processed[chemistries.Length + ci][i]);
            }

            for (int i = 0; i < years.Length; i++)
            {
                if (years[i] < options.FirstYear)
                {
                    continue;
                }

                int at = i;
                double demand = Sum(ci => flows[ci].Inflow[at]) / (1 - s);
                double recycled = recovered.GetValueOrDefault(years[i]);
                yield return new RecyclingRow(mineral, region, years[i], demand,
                    Sum(ci => flows[ci].Stock[at]), Sum(ci => flows[ci].Retired[at]),
                    Sum(ci => collected[ci][at] + collected[chemistries.Length + ci][at]),
                    Sum(ci => processed[ci][at] + processed[chemistries.Length + ci][at]),
                    Sum(ci => backlog[ci][at] + backlog[chemistries.Length + ci][at]),
                    recycled, Math.Max(0, demand - recycled));
            }
        }
    }
}

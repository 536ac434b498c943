using System.Globalization;
using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Recycling;

namespace CriticalMinerals.Analysis.Deposits;

/// <summary>
/// A coalition's own primary lithium demand, 2022–2070, in one Busch et al. (2025) demand scenario: Σ over the 18 regions of
/// the coalition's weight in the region (<see cref="MineralDataset.BuschRegionWeights"/>) × the region's demand
/// (<c>Demand_Region.csv</c>, net of the region's recycling). No IEA figure enters: the series is the paper's own.
/// </summary>
/// <param name="Coalition">Coalition name.</param>
/// <param name="Scenario">Busch demand scenario.</param>
/// <param name="Years">Years, ascending (2022–2070).</param>
/// <param name="DemandKt">The coalition's demand per year, kt Li.</param>
/// <param name="WorldDemandKt">World demand of the scenario per year (<c>Demand.csv</c>), kt Li.</param>
/// <param name="Weights">The coalition's weight per region.</param>
/// <param name="Method">How the series was computed, naming the file.</param>
/// <param name="SourceIds">Source ids (<c>B25</c>).</param>
/// <param name="Assumptions">Assumptions every answer using the series must print (partial regions, EUU, territories).</param>
public sealed record CoalitionLithiumDemand(
    string Coalition,
    string Scenario,
    IReadOnlyList<int> Years,
    IReadOnlyList<double> DemandKt,
    IReadOnlyList<double> WorldDemandKt,
    CoalitionRegionWeights Weights,
    string Method,
    IReadOnlyList<string> SourceIds,
    IReadOnlyList<string> Assumptions)
{
    /// <summary>The coalition's demand in a year, kt Li.</summary>
    /// <param name="year">Calendar year.</param>
    /// <returns>Demand, kt Li.</returns>
    public double In(int year) => DemandKt[Index(year)];

    /// <summary>The coalition's share of world demand in a year.</summary>
    /// <param name="year">Calendar year.</param>
    /// <returns>Share 0..1 (0 when world demand is 0).</returns>
    public double ShareIn(int year) => WorldDemandKt[Index(year)] == 0 ? 0 : DemandKt[Index(year)] / WorldDemandKt[Index(year)];

    /// <summary>Builds the series from the data.</summary>
    /// <param name="dataset">The dataset (its <see cref="MineralDataset.Busch2025"/>).</param>
    /// <param name="coalition">The coalition.</param>
    /// <param name="scenario">Busch demand scenario, e.g. <see cref="Busch2025Data.ReferenceScenario"/>.</param>
    /// <param name="options">Country weights within regions, or <see langword="null"/> for the sovereign-country count (only <see cref="CoalitionDemandOptions.CountryWeights"/> is read).</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentException">Unknown scenario (the message lists the known ones).</exception>
    public static CoalitionLithiumDemand From(MineralDataset dataset, Coalition coalition, string scenario, CoalitionDemandOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(coalition);
        var busch = dataset.Busch2025;
        var weights = dataset.BuschRegionWeights(coalition, options);
        var years = busch.Years;
        var demand = new double[years.Count];
        var world = new double[years.Count];
        for (int t = 0; t < years.Count; t++)
        {
            // Regional rows are t Li, the world file kt (the loader checks Σ regions / 1000 = world).
            demand[t] = busch.RegionalDemandIn(scenario, years[t]).Sum(r => weights.Weights[r.Region] * r.DemandKt);
            world[t] = busch.WorldDemandIn(scenario, years[t]).DemandKt;
        }

        var counted = weights.Weights.Where(w => w.Value > 0).OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => w.Value == 1 ? w.Key : string.Create(CultureInfo.InvariantCulture, $"{w.Value:0.###} × {w.Key}"));
        string method = $"Σ over Busch regions of weight × primary lithium demand (busch2025/Demand_Region.csv, t Li ÷ 1000, scenario {scenario}): {string.Join(" + ", counted.DefaultIfEmpty("no region"))}";
        return new CoalitionLithiumDemand(coalition.Name, scenario, years, demand, world, weights, method, [busch.SourceId], weights.Assumptions);
    }

    /// <summary>
    /// The coalition's primary lithium demand with its own secondary supply from the library's stock model instead of Busch et
    /// al.'s: Σ over regions of weight × (<c>Demand_Region.csv</c> + <c>Recycling.csv</c>, i.e. gross) − weight × the stock
    /// model's recycled lithium of the region (<see cref="RecyclingChecks.BuschProjection"/> on the same scenario), at least 0.
    /// A partly covered region counts its recycling with the weight of its demand, so both rest on one basis.
    /// </summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="coalition">The coalition.</param>
    /// <param name="scenario">Busch demand scenario.</param>
    /// <param name="options">Country weights within regions (as <see cref="From"/>).</param>
    /// <param name="recycling">Stock-model assumptions (default <see cref="RecyclingChecks.BuschOptions"/>: Busch's lifetime, recovery, delay and scrap).</param>
    /// <returns>The series; its assumptions carry the stock model's.</returns>
    /// <exception cref="ArgumentException">Unknown scenario.</exception>
    public static CoalitionLithiumDemand FromStockModel(MineralDataset dataset, Coalition coalition, string scenario, CoalitionDemandOptions? options = null, BatteryRecyclingOptions? recycling = null)
    {
        var net = From(dataset, coalition, scenario, options);
        var busch = dataset.Busch2025;
        var projection = RecyclingChecks.BuschProjection(busch, recycling, scenario);
        var published = busch.Recycling.Where(r => r.Scenario == scenario).ToDictionary(r => (r.Region, r.Year), r => r.RecyclingKt);
        var library = projection.SecondarySupply(BatteryMinerals.Lithium).ToDictionary(r => (r.Region, r.Year), r => r.RecycledKt);
        var demand = new double[net.Years.Count];
        for (int t = 0; t < demand.Length; t++)
        {
            int year = net.Years[t];
            double change = net.Weights.Weights.Sum(w => w.Value * (published.GetValueOrDefault((w.Key, year)) - library.GetValueOrDefault((w.Key, year))));
            demand[t] = Math.Max(0, net.DemandKt[t] + change);
        }

        string method = net.Method.Replace("primary lithium demand (busch2025/Demand_Region.csv", "(primary lithium demand + Busch's recycled lithium − the library's stock-model recycled lithium) (busch2025/Demand_Region.csv + Recycling.csv", StringComparison.Ordinal);
        return net with
        {
            DemandKt = demand,
            Method = method,
            Assumptions = [.. net.Assumptions, .. projection.Assumptions.Select(a => "stock model: " + a)],
        };
    }

    private int Index(int year)
    {
        int t = year - Years[0];
        return t >= 0 && t < Years.Count
            ? t
            : throw new ArgumentOutOfRangeException(nameof(year), year, string.Create(CultureInfo.InvariantCulture, $"The series covers {Years[0]}–{Years[^1]}."));
    }
}

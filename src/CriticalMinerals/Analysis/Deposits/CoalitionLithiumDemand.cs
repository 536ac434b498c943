using System.Globalization;
using CriticalMinerals.Data;

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

    private int Index(int year)
    {
        int t = year - Years[0];
        return t >= 0 && t < Years.Count
            ? t
            : throw new ArgumentOutOfRangeException(nameof(year), year, string.Create(CultureInfo.InvariantCulture, $"The series covers {Years[0]}–{Years[^1]}."));
    }
}

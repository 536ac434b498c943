using System.Globalization;
using CriticalMinerals.Modeling.Recycling;
using ScottPlot;

namespace CriticalMinerals.Charts;

/// <summary>Charts of battery stocks and flows (<see cref="RecyclingRow"/>s): one figure per mineral.</summary>
public static class RecyclingCharts
{
    private static readonly Color Demand = Colors.Black;
    private static readonly Color Primary = new("#d62728");
    private static readonly Color Retired = new("#ff7f0e");
    private static readonly Color Collected = new("#8c564b");
    private static readonly Color Recycled = new("#2ca02c");
    private static readonly Color Stock = new("#1f77b4");

    /// <summary>
    /// One mineral's stocks and flows by year: a panel for all regions together and one for each of the regions with the largest
    /// demand in the last year; in each, put into use (demand), primary demand, retired, collected (when it differs from retired)
    /// and recycled on the left axis, stock in use dashed on the right axis (it is an order of magnitude larger).
    /// </summary>
    /// <param name="rows">Rows of one or more minerals (only <paramref name="mineral"/> is drawn).</param>
    /// <param name="mineral">Mineral (Busch spelling).</param>
    /// <param name="subtitle">The assumptions a reader needs: basis, lifetime, recovery.</param>
    /// <param name="regionPanels">How many single-region panels beside the total (default 5).</param>
    /// <returns>The figure.</returns>
    /// <exception cref="ArgumentException">No row of the mineral.</exception>
    public static PanelChart StocksAndFlows(IReadOnlyList<RecyclingRow> rows, string mineral, string subtitle, int regionPanels = 5)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var own = rows.Where(r => r.Mineral == mineral).ToArray();
        if (own.Length == 0)
        {
            throw new ArgumentException($"No stock-and-flow row of {mineral}; minerals present: {string.Join(", ", rows.Select(r => r.Mineral).Distinct())}.", nameof(rows));
        }

        int last = own.Max(r => r.Year);
        var regions = own.Select(r => r.Region).Distinct().ToArray();
        var total = own.GroupBy(r => r.Year).OrderBy(g => g.Key).Select(g => new RecyclingRow(mineral, "All regions", g.Key,
            g.Sum(r => r.DemandKt), g.Sum(r => r.StockInUseKt), g.Sum(r => r.RetiredKt), g.Sum(r => r.CollectedKt), g.Sum(r => r.ProcessedKt),
            g.Sum(r => r.BacklogKt), g.Sum(r => r.RecycledKt), g.Sum(r => r.PrimaryDemandKt))).ToArray();
        var largest = own.Where(r => r.Year == last).OrderByDescending(r => r.DemandKt).ThenBy(r => r.Region, StringComparer.Ordinal)
            .Take(regionPanels).Select(r => r.Region).ToArray();
        bool showCollected = own.Any(r => Math.Abs(r.CollectedKt - r.RetiredKt) > 1e-9 * (1 + r.RetiredKt));
        var panels = new List<Plot> { Panel(regions.Length == 1 ? regions[0] : $"All {regions.Length} regions", total, showCollected) };
        if (regions.Length > 1)
        {
            panels.AddRange(largest.Select(region => Panel(region, own.Where(r => r.Region == region).OrderBy(r => r.Year).ToArray(), showCollected)));
        }

        var legend = new List<LegendEntry> { new("put into use (demand)", Demand), new("primary demand", Primary), new("retired", Retired) };
        if (showCollected)
        {
            legend.Add(new LegendEntry("collected", Collected));
        }

        legend.Add(new LegendEntry("recycled", Recycled));
        legend.Add(new LegendEntry("- - stock in use (right axis)", Stock));
        return new PanelChart($"{mineral} in batteries: stock, retirements and recycled supply (kt per year)", subtitle + (showCollected ? string.Empty : "; collected = retired (all collected)"), panels, legend);
    }

    private static Plot Panel(string title, RecyclingRow[] rows, bool showCollected)
    {
        var plot = new Plot();
        double[] years = rows.Select(r => (double)r.Year).ToArray();
        void Line(Func<RecyclingRow, double> value, Color color, float width)
        {
            var line = plot.Add.Scatter(years, rows.Select(value).ToArray());
            line.Color = color;
            line.LineWidth = width;
            line.MarkerSize = 0;
        }

        Line(r => r.DemandKt, Demand, 2);
        Line(r => r.PrimaryDemandKt, Primary, 2);
        Line(r => r.RetiredKt, Retired, 2);
        if (showCollected)
        {
            Line(r => r.CollectedKt, Collected, 1.5f);
        }

        Line(r => r.RecycledKt, Recycled, 2.5f);
        var stock = plot.Add.Scatter(years, rows.Select(r => r.StockInUseKt).ToArray());
        stock.Color = Stock;
        stock.LinePattern = LinePattern.Dashed;
        stock.LineWidth = 2;
        stock.MarkerSize = 0;
        stock.Axes.YAxis = plot.Axes.Right;

        double top = Math.Max(1e-6, rows.Max(r => Math.Max(r.DemandKt, Math.Max(r.RetiredKt, r.RecycledKt))));
        plot.Axes.Left.Min = 0;
        plot.Axes.SetLimitsY(0, 1.08 * top, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, 1.08 * Math.Max(1e-6, rows.Max(r => r.StockInUseKt)), plot.Axes.Right);
        plot.Axes.Left.Label.Text = "kt per year";
        plot.Axes.Right.Label.Text = "stock in use (kt)";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = value => value.ToString("0", CultureInfo.InvariantCulture),
        };
        plot.Axes.SetLimitsX(rows[0].Year - 0.5, rows[^1].Year + 0.5);
        plot.Title(title);
        return plot;
    }
}

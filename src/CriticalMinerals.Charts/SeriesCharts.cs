using System.Globalization;
using ScottPlot;

namespace CriticalMinerals.Charts;

/// <summary>One line of a capacity build-out chart: a label and capacity by year.</summary>
/// <param name="Label">E.g. "lithium refining AUS".</param>
/// <param name="Points">Capacity (kt) by year, in year order.</param>
public sealed record CapacitySeries(string Label, IReadOnlyList<(int Year, double CapacityKt)> Points);

/// <summary>Charts of plain year series: Monte Carlo bands and capacity build-out. They take records, not analysis types, so any feature can feed them.</summary>
public static class SeriesCharts
{
    /// <summary>
    /// A Monte Carlo band over time: the 5–95 % band shaded, the median as a line, and optionally a reference line
    /// (e.g. demand).
    /// </summary>
    /// <param name="bands">Percentiles by year, in year order.</param>
    /// <param name="title">Title.</param>
    /// <param name="yLabel">Y-axis label with its unit, e.g. "coverage (%)" or "shortfall (kt Li)".</param>
    /// <param name="reference">An optional reference series drawn dashed.</param>
    /// <param name="referenceLabel">Legend text of the reference series.</param>
    /// <returns>The chart.</returns>
    public static Plot MonteCarloBands(
        IReadOnlyList<(int Year, double P5, double P50, double P95)> bands,
        string title,
        string yLabel,
        IReadOnlyList<(int Year, double Value)>? reference = null,
        string referenceLabel = "reference")
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0)
        {
            throw new ArgumentException("No points to draw.", nameof(bands));
        }

        var plot = new Plot();
        double[] years = bands.Select(b => (double)b.Year).ToArray();
        var band = plot.Add.FillY(years, bands.Select(b => b.P5).ToArray(), bands.Select(b => b.P95).ToArray());
        band.FillColor = Colors.SteelBlue.WithAlpha(0.3);
        band.LegendText = "5–95 % band";
        var median = plot.Add.Scatter(years, bands.Select(b => b.P50).ToArray());
        median.Color = Colors.SteelBlue;
        median.LineWidth = 2;
        median.LegendText = "median";
        if (reference is { Count: > 0 })
        {
            var line = plot.Add.Scatter(reference.Select(p => (double)p.Year).ToArray(), reference.Select(p => p.Value).ToArray());
            line.Color = Colors.Black;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = referenceLabel;
        }

        plot.Title(title);
        YearAxis(plot, bands.Min(b => b.Year), bands.Max(b => b.Year));
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Capacity build-out over time: one stepped line per capacity (new capacity comes online in a year and stays).</summary>
    /// <param name="series">The capacities.</param>
    /// <param name="title">Title.</param>
    /// <param name="yLabel">Y-axis label with its unit, e.g. "capacity (kt Li)".</param>
    /// <returns>The chart.</returns>
    public static Plot CapacityBuildOut(IReadOnlyList<CapacitySeries> series, string title, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int i = 0;
        foreach (var s in series.Where(s => s.Points.Count > 0))
        {
            var line = plot.Add.Scatter(s.Points.Select(p => (double)p.Year).ToArray(), s.Points.Select(p => p.CapacityKt).ToArray());
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.Color = palette.GetColor(i++);
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = s.Label;
        }

        var points = series.SelectMany(s => s.Points).ToArray();
        if (points.Length > 0)
        {
            // Zero stays in view with a little room, so a series that starts at 0 is not drawn on the axis line.
            double top = Math.Max(1, points.Max(p => p.CapacityKt));
            plot.Axes.SetLimitsY(-0.03 * top, 1.1 * top);
            YearAxis(plot, points.Min(p => p.Year), points.Max(p => p.Year));
        }

        plot.Title(title);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Years as years ("2030", not "2,030"), whole years only, half a year of room at each end so end points are not clipped.</summary>
    private static void YearAxis(Plot plot, int first, int last)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = value => value.ToString("0", CultureInfo.InvariantCulture),
        };
        plot.Axes.SetLimitsX(first - 0.5, last + 0.5);
        plot.XLabel("year");
    }
}

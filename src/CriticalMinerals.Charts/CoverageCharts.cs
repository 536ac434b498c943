using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Results;
using ScottPlot;

namespace CriticalMinerals.Charts;

/// <summary>What a concentration chart measures.</summary>
public enum ConcentrationMeasure
{
    /// <summary>The largest single country's share (percent).</summary>
    LargestShare,

    /// <summary>The Herfindahl–Hirschman index (0–10,000).</summary>
    Hhi,
}

/// <summary>Charts of <see cref="CoverageResult"/>s: coverage by coalition and scenario, and supply concentration by stage.</summary>
public static class CoverageCharts
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// Coverage of demand (what the coalition's chain supplies, percent) as grouped bars: one group per commodity and
    /// scenario-year, one bar per coalition, with the 100 % line.
    /// </summary>
    /// <param name="results">Answers, e.g. of <c>CoalitionAnalysis.MainQuestions</c>.</param>
    /// <param name="title">Title; a default one when <see langword="null"/>.</param>
    /// <returns>The chart, to save with <see cref="ChartExport"/> or to style further.</returns>
    public static Plot CoverageByCoalition(IReadOnlyList<CoverageResult> results, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var groups = results.Select(r => (r.Commodity, r.Scenario, r.Year)).Distinct().ToArray();
        var coalitions = results.Select(r => r.Coalition).Distinct(StringComparer.Ordinal).ToArray();
        var series = coalitions.Select(c => (c, (IReadOnlyList<double>)groups
            .Select(g => results.FirstOrDefault(r => r.Coalition == c && (r.Commodity, r.Scenario, r.Year) == g) is { } r ? 100 * r.TotalCoverage : double.NaN)
            .ToArray())).ToArray();
        var plot = GroupedBars(
            groups.Select(g => string.Create(C, $"{g.Commodity} {Label(g.Scenario)} {g.Year}")).ToArray(),
            series,
            title ?? "Coverage of demand by coalition and scenario",
            "demand covered by the coalition's chain (%)");
        var line = plot.Add.HorizontalLine(100);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Black;
        line.LegendText = "100 % of demand";
        double top = results.Select(r => 100 * r.TotalCoverage).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, Math.Max(105, top * 1.05));
        return plot;
    }

    /// <summary>
    /// Supply concentration by stage: for each commodity and coalition, the members' mining, the members' refining and
    /// the refined supply the LP uses, as largest share (percent) or HHI. Pass answers of one scenario-year; the first
    /// answer per commodity and coalition is drawn.
    /// </summary>
    /// <param name="results">Answers.</param>
    /// <param name="measure">Largest share or HHI.</param>
    /// <param name="title">Title; a default one when <see langword="null"/>.</param>
    /// <returns>The chart.</returns>
    public static Plot SupplyConcentration(IReadOnlyList<CoverageResult> results, ConcentrationMeasure measure = ConcentrationMeasure.LargestShare, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var firsts = results.GroupBy(r => (r.Commodity, r.Coalition)).Select(g => g.First()).ToArray();
        bool several = firsts.Select(r => r.Coalition).Distinct(StringComparer.Ordinal).Count() > 1;
        double Of(double share, double hhi) => measure == ConcentrationMeasure.Hhi ? hhi : 100 * share;
        var series = new (string, IReadOnlyList<double>)[]
        {
            ("mining (members)", firsts.Select(r => Of(r.Mining.LargestMemberShare, r.Mining.Hhi)).ToArray()),
            ("refining (members)", firsts.Select(r => Of(r.Refining.LargestMemberShare, r.Refining.Hhi)).ToArray()),
            ("refined supply used (LP)", firsts.Select(r => Of(r.SourcingLargestShare, r.SourcingHhi)).ToArray()),
        };
        var plot = GroupedBars(
            firsts.Select(r => several ? $"{r.Commodity} {r.Coalition}" : r.Commodity).ToArray(),
            series,
            title ?? (measure == ConcentrationMeasure.Hhi ? "Supply concentration by stage (HHI)" : "Supply concentration by stage (largest country's share)"),
            measure == ConcentrationMeasure.Hhi ? "Herfindahl-Hirschman index (0-10,000)" : "largest country's share (%)");
        if (measure == ConcentrationMeasure.Hhi)
        {
            // The US merger guidelines' threshold of a highly concentrated market.
            var line = plot.Add.HorizontalLine(2500);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Black;
            line.LegendText = "HHI 2,500: highly concentrated";
            plot.Axes.SetLimitsY(0, 10_500);
        }
        else
        {
            plot.Axes.SetLimitsY(0, 105);
        }

        return plot;
    }

    /// <summary>Grouped bars: one tick per group, one coloured bar per series, a legend of the series.</summary>
    internal static Plot GroupedBars(IReadOnlyList<string> groups, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string title, string yLabel)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double width = 0.8 / Math.Max(1, series.Count);
        var bars = new List<Bar>();
        for (int s = 0; s < series.Count; s++)
        {
            var color = palette.GetColor(s);
            for (int g = 0; g < groups.Count; g++)
            {
                double value = series[s].Values[g];
                if (double.IsFinite(value))
                {
                    bars.Add(new Bar { Position = g + ((s + 0.5) * width) - 0.4, Value = value, Size = width * 0.95, FillColor = color, LineWidth = 0 });
                }
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = color });
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, groups.Count).Select(i => (double)i).ToArray(), [.. groups]);
        if (groups.Count > 6)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 6 * groups.Max(g => g.Length);
            plot.Axes.Right.MinimumSize = 8 * groups[^1].Length / 2;
        }

        double top = series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsX(-0.6, groups.Count - 0.4);
        plot.Axes.SetLimitsY(0, Math.Max(1, top) * 1.1);
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    internal static string Label(DemandScenario scenario) => scenario.Label();
}

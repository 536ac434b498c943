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
    /// Coverage of demand (what the coalition's chain supplies, percent): one panel per commodity, in each one group per
    /// scenario-year and one bar per coalition, with the 100 % line; coalitions and commodities by their display names,
    /// a zero drawn as "0" so a coalition without supply is seen, not missing.
    /// </summary>
    /// <param name="results">Answers, e.g. of <c>CoalitionAnalysis.MainQuestions</c>.</param>
    /// <param name="title">Title; a default one when <see langword="null"/>.</param>
    /// <param name="rules">What the answers assumed, for the subtitle (e.g. "sourcing: coalition only"); omitted when <see langword="null"/>.</param>
    /// <returns>The figure, to save with <see cref="ChartExport"/>.</returns>
    public static PanelChart CoverageByCoalition(IReadOnlyList<CoverageResult> results, string? title = null, string? rules = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var coalitions = results.Select(r => r.Coalition).Distinct(StringComparer.Ordinal).ToArray();
        var panels = new List<Plot>();
        double top = Math.Max(105, results.Select(r => 100 * r.TotalCoverage).Where(double.IsFinite).DefaultIfEmpty(0).Max() * 1.08);
        foreach (var commodity in results.GroupBy(r => r.Commodity, StringComparer.Ordinal))
        {
            var groups = commodity.Select(r => (r.Scenario, r.Year)).Distinct().OrderBy(g => g.Year).ThenBy(g => g.Scenario).ToArray();
            var series = coalitions.Select(c => (DisplayNames.Coalition(c), (IReadOnlyList<double>)groups
                .Select(g => commodity.FirstOrDefault(r => r.Coalition == c && (r.Scenario, r.Year) == g) is { } r ? 100 * r.TotalCoverage : double.NaN)
                .ToArray())).ToArray();
            var plot = GroupedBars(groups.Select(g => ScenarioYear(g.Scenario, g.Year)).ToArray(), series, DisplayNames.Commodity(commodity.Key) + $" ({commodity.First().Unit})", "demand covered (%)", legend: false);
            var line = plot.Add.HorizontalLine(100);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Black;
            plot.Axes.SetLimitsY(0, top);
            panels.Add(plot);
        }

        var legend = coalitions.Select((c, i) => new LegendEntry(DisplayNames.Coalition(c), Palette.GetColor(i)))
            .Append(new LegendEntry("- - 100 % of demand", Colors.Black)).ToArray();
        return new PanelChart(
            title ?? "Coverage of demand by the coalition's own supply chain",
            Subtitle(results, rules, "Coverage = what members' mines and refineries (and the sources the rules allow) supply, over world demand"),
            panels,
            legend);
    }

    /// <summary>
    /// Supply concentration by stage: one panel per commodity, in each one group per coalition with the members' mining,
    /// the members' refining and the refined supply the LP uses, as largest share (percent) or HHI. Pass answers of one
    /// scenario-year; the first answer per commodity and coalition is drawn.
    /// </summary>
    /// <param name="results">Answers.</param>
    /// <param name="measure">Largest share or HHI.</param>
    /// <param name="title">Title; a default one when <see langword="null"/>.</param>
    /// <param name="rules">What the answers assumed, for the subtitle; omitted when <see langword="null"/>.</param>
    /// <returns>The figure.</returns>
    public static PanelChart SupplyConcentration(IReadOnlyList<CoverageResult> results, ConcentrationMeasure measure = ConcentrationMeasure.LargestShare, string? title = null, string? rules = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        double Of(double share, double hhi) => measure == ConcentrationMeasure.Hhi ? hhi : 100 * share;
        string[] stages = ["mining (members)", "refining (members)", "refined supply used (LP)"];
        var panels = new List<Plot>();
        foreach (var commodity in results.GroupBy(r => r.Commodity, StringComparer.Ordinal))
        {
            var firsts = commodity.GroupBy(r => r.Coalition, StringComparer.Ordinal).Select(g => g.First()).ToArray();
            var series = new (string, IReadOnlyList<double>)[]
            {
                (stages[0], firsts.Select(r => Of(r.Mining.LargestMemberShare, r.Mining.Hhi)).ToArray()),
                (stages[1], firsts.Select(r => Of(r.Refining.LargestMemberShare, r.Refining.Hhi)).ToArray()),
                (stages[2], firsts.Select(r => Of(r.SourcingLargestShare, r.SourcingHhi)).ToArray()),
            };
            var plot = GroupedBars(
                firsts.Select(r => DisplayNames.Coalition(r.Coalition)).ToArray(),
                series,
                DisplayNames.Commodity(commodity.Key),
                measure == ConcentrationMeasure.Hhi ? "HHI (0-10,000)" : "largest country's share (%)",
                legend: false);
            if (measure == ConcentrationMeasure.Hhi)
            {
                // The US merger guidelines' threshold of a highly concentrated market.
                var line = plot.Add.HorizontalLine(2500);
                line.LinePattern = LinePattern.Dashed;
                line.Color = Colors.Black;
                plot.Axes.SetLimitsY(0, 10_500);
            }
            else
            {
                plot.Axes.SetLimitsY(0, 105);
            }

            panels.Add(plot);
        }

        var legend = stages.Select((s, i) => new LegendEntry(s, Palette.GetColor(i))).ToList();
        if (measure == ConcentrationMeasure.Hhi)
        {
            legend.Add(new LegendEntry("- - HHI 2,500: highly concentrated", Colors.Black));
        }

        return new PanelChart(
            title ?? (measure == ConcentrationMeasure.Hhi ? "Supply concentration by stage (HHI)" : "Supply concentration by stage (largest country's share)"),
            Subtitle(results, rules, "Shares of the members' output at each stage and of the refined supply the coalition's LP uses"),
            panels,
            legend);
    }

    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>"2024" for the observed base year, "NZE 2030" for a scenario.</summary>
    private static string ScenarioYear(DemandScenario scenario, int year) =>
        scenario == DemandScenario.Observed ? string.Create(C, $"{year} observed") : string.Create(C, $"{scenario.Label()} {year}");

    /// <summary>Years and scenarios drawn, the rules, what the measure is, and the publications behind the figures.</summary>
    private static string Subtitle(IReadOnlyList<CoverageResult> results, string? rules, string measure)
    {
        string years = string.Join(", ", results.Select(r => (r.Scenario, r.Year)).Distinct().OrderBy(g => g.Year).ThenBy(g => g.Scenario).Select(g => ScenarioYear(g.Scenario, g.Year)));
        var sources = MineralDataset.Default.Sources;
        // Membership lists cite official pages; the figures' publications are what a reader of a chart needs.
        var membership = MineralDataset.Default.Coalitions.SelectMany(c => c.SourceIds).ToHashSet(StringComparer.Ordinal);
        string publications = string.Join("; ", results.SelectMany(r => r.SourceIds).Distinct(StringComparer.Ordinal).Where(id => !membership.Contains(id))
            .Select(id => sources.TryGetValue(id, out var source) ? Publication(source.Title) : id)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return $"{years}. {(rules is null ? string.Empty : rules + ". ")}{measure}.\nSources: {publications}; coalition members as published (docs/data.md).";
    }

    /// <summary>The publication a source row cites: its text up to the first comma ("USGS Mineral Commodity Summaries 2024").</summary>
    private static string Publication(string text)
    {
        int comma = text.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 ? text[..comma] : text;
    }

    /// <summary>Grouped bars: one tick per group, one coloured bar per series, a legend of the series.</summary>
    internal static Plot GroupedBars(IReadOnlyList<string> groups, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string title, string yLabel, bool legend = true)
    {
        var plot = new Plot();
        var palette = Palette;
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
                    // A zero bar has no height: its label says it is there.
                    bars.Add(new Bar { Position = g + ((s + 0.5) * width) - 0.4, Value = value, Size = width * 0.95, FillColor = color, LineWidth = 0, Label = value == 0 ? "0" : string.Empty });
                }
            }

            if (legend)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = color });
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
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
        if (legend)
        {
            plot.ShowLegend(Edge.Right);
        }

        return plot;
    }
}

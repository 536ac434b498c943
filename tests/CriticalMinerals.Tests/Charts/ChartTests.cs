using System.Buffers.Binary;
using System.Xml.Linq;
using CriticalMinerals.Analysis;
using CriticalMinerals.Charts;
using CriticalMinerals.Data;
using CriticalMinerals.Results;
using ScottPlot;
using SkiaSharp;

namespace CriticalMinerals.Tests.Charts;

/// <summary>Every chart renders to a real PNG (signature, size, not blank) and to an SVG with its title and labels.</summary>
public sealed class ChartTests
{
    private static readonly Lazy<IReadOnlyList<CoverageResult>> s_results = new(() =>
    {
        var analysis = new CoalitionAnalysis(MineralDataset.Default);
        var questions = analysis.MainQuestions(2030)
            .Where(q => q.Commodity is "lithium" or "nickel" && q.Coalition.Name is "G7" or "IPEF" or "MSP_Minerals_Security_Partnership")
            .Select(q => q with { InvestmentTargetCount = 0 })
            .ToArray();
        return analysis.AnswerAll(questions);
    });

    public static TheoryData<string> Charts => ["coverage", "concentration", "hhi", "bands", "buildout"];

    /// <summary>A chart as its two renderings, with the title and labels a reader must find in it.</summary>
    private sealed record Rendered(Func<ChartSize?, byte[]> Png, Func<string> Svg, string Title, string[] Labels);

    private static Rendered Of(Plot plot, string title, string[] labels) => new(size => ChartExport.ToPng(plot, size), () => ChartExport.ToSvg(plot), title, labels);

    private static Rendered Of(PanelChart chart, string[] labels) => new(size => ChartExport.ToPng(chart, size), () => ChartExport.ToSvg(chart), chart.Title, labels);

    private static Rendered Make(string name) => name switch
    {
        "coverage" => Of(CoverageCharts.CoverageByCoalition(s_results.Value, rules: "Sourcing: coalition only"),
            ["Lithium (kt Li)", "Nickel (kt Ni)", "NZE 2030", "2024 observed", "IPEF", "MSP", "100 % of demand", "Sourcing: coalition only", "USGS Mineral Commodity Summaries"]),
        "concentration" => Of(CoverageCharts.SupplyConcentration(s_results.Value.Where(r => r.Scenario == DemandScenario.Nze).ToArray()),
            ["Supply concentration by stage (largest country's share)", "Lithium", "G7", "MSP", "mining (members)", "refined supply used (LP)", "NZE 2030"]),
        "hhi" => Of(CoverageCharts.SupplyConcentration(s_results.Value.Where(r => r.Coalition == "IPEF" && r.Scenario == DemandScenario.Nze).ToArray(), ConcentrationMeasure.Hhi, "IPEF concentration"),
            ["IPEF concentration", "Lithium", "Nickel", "HHI 2,500: highly concentrated"]),
        "bands" => Of(SeriesCharts.MonteCarloBands(
            [(2030, 40, 55, 70), (2035, 45, 65, 85), (2040, 50, 72, 95)],
            "Lithium coverage under uncertainty",
            "coverage (%)",
            [(2030, 100), (2040, 100)],
            "demand"), "Lithium coverage under uncertainty", ["median", "5–95 % band", "demand", "coverage (%)", "2030", "2040"]),
        _ => Of(SeriesCharts.CapacityBuildOut(
            [new CapacitySeries("refining AUS", [(2025, 5), (2028, 25), (2030, 40)]), new CapacitySeries("mining CAN", [(2025, 0), (2029, 12)])],
            "Capacity build-out",
            "capacity (kt Li)"), "Capacity build-out", ["refining AUS", "mining CAN", "capacity (kt Li)", "2025", "2030"]),
    };

    [Theory]
    [MemberData(nameof(Charts))]
    public void Png_has_the_signature_the_size_and_is_not_blank(string name)
    {
        byte[] png = Make(name).Png(new ChartSize(900, 500));
        // CRITICALMINERALS_CHART_DIR keeps the images for a person to look at (every chart is reviewed that way).
        if (Environment.GetEnvironmentVariable("CRITICALMINERALS_CHART_DIR") is { Length: > 0 } keep)
        {
            File.WriteAllBytes(Path.Combine(keep, name + ".png"), Make(name).Png(null));
        }

        png.AsSpan(0, 8).ToArray().Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).Should().Be(900, "IHDR width");
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)).Should().Be(500, "IHDR height");

        using var bitmap = SKBitmap.Decode(png);
        bitmap.Width.Should().Be(900);
        var colours = new HashSet<uint>();
        double sum = 0, sumSquares = 0;
        int n = 0;
        for (int y = 0; y < bitmap.Height; y += 3)
        {
            for (int x = 0; x < bitmap.Width; x += 3)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                double luminance = (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue);
                sum += luminance;
                sumSquares += luminance * luminance;
                n++;
            }
        }

        double variance = (sumSquares / n) - ((sum / n) * (sum / n));
        colours.Count.Should().BeGreaterThan(10, "a chart has bars, lines, text and a background");
        variance.Should().BeGreaterThan(50, "a blank image has no variance");
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public void Svg_parses_and_carries_title_and_labels(string name)
    {
        var chart = Make(name);
        var svg = XDocument.Parse(chart.Svg());
        svg.Root!.Name.LocalName.Should().Be("svg");
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
        texts.Should().Contain(chart.Title);
        foreach (string label in chart.Labels)
        {
            texts.Should().Contain(t => t.Contains(label, StringComparison.Ordinal), $"the chart shows '{label}'");
        }

        texts.Should().NotContain(t => System.Text.RegularExpressions.Regex.IsMatch(t, @"\b2,0[2-5]\d\b"), "years read 2030, not 2,030");
        texts.Should().NotContain(t => t.Contains("MSP_Minerals", StringComparison.Ordinal) || t.Contains("magnet_rare", StringComparison.Ordinal), "readers see names, not codes");
    }

    [Fact]
    public void A_coalition_with_no_supply_shows_a_zero_instead_of_nothing()
    {
        var analysis = new CoalitionAnalysis(MineralDataset.Default);
        // No EU27 member mines or refines magnet rare earths in the data, and they have no stock model: its chain covers nothing.
        var results = analysis.AnswerAll(analysis.MainQuestions(2030)
            .Where(q => q.Commodity == "magnet_rare_earths" && q.Coalition.Name is "IPEF" or "EU27" && q.Scenario == DemandScenario.Nze)
            .Select(q => q with { InvestmentTargetCount = 0 }).ToArray());
        var zero = results.Where(r => r.TotalCoverage == 0).ToArray();
        zero.Should().NotBeEmpty("the case needs a coalition whose chain supplies nothing");

        var svg = XDocument.Parse(ChartExport.ToSvg(CoverageCharts.CoverageByCoalition(results)));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
        texts.Should().Contain("0", "a bar of height 0 is labelled so the coalition is seen");
        texts.Should().Contain(DisplayNames.Coalition(zero[0].Coalition));
    }

    [Fact]
    public void The_recycling_figure_has_a_total_panel_and_the_largest_regions_and_names_its_series()
    {
        var flows = CriticalMinerals.Analysis.Recycling.ScenarioBatteryFlows.Create(CriticalMinerals.Data.MineralDataset.Default, CriticalMinerals.Data.DemandScenario.Steps);
        var chart = RecyclingCharts.StocksAndFlows(flows.Projection.Rows, "Cobalt", "test");
        chart.Panels.Should().HaveCount(6, "all regions and the five largest");
        chart.Legend.Select(l => l.Label).Should().Equal("put into use (demand)", "primary demand", "retired", "recycled", "- - stock in use (right axis)");
        chart.Subtitle.Should().EndWith("collected = retired (all collected)");
        var act = () => RecyclingCharts.StocksAndFlows(flows.Projection.Rows, "Copper", "test");
        act.Should().Throw<ArgumentException>().WithMessage("*No stock-and-flow row of Copper*");
    }

    [Fact]
    public void Save_follows_the_extension()
    {
        string dir = Directory.CreateTempSubdirectory("cm-chart-").FullName;
        try
        {
            var plot = SeriesCharts.MonteCarloBands([(2030, 40, 55, 70), (2035, 45, 65, 85)], "bands", "coverage (%)");
            ChartExport.Save(plot, Path.Combine(dir, "a.png"));
            ChartExport.Save(plot, Path.Combine(dir, "a.SVG"));
            File.ReadAllBytes(Path.Combine(dir, "a.png"))[1..4].Should().Equal("PNG"u8.ToArray());
            XDocument.Load(Path.Combine(dir, "a.SVG")).Root!.Name.LocalName.Should().Be("svg");
            FluentActions.Invoking(() => ChartExport.Save(plot, Path.Combine(dir, "a.jpg"))).Should().Throw<ArgumentException>().WithMessage("*.png or .svg*");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Display_names_are_the_catalogue_names_and_the_study_short_names()
    {
        DisplayNames.Commodity("magnet_rare_earths").Should().Be("Magnet rare earths");
        DisplayNames.Commodity("lithium").Should().Be("Lithium");
        DisplayNames.Commodity("not_in_catalogue").Should().Be("Not in catalogue");
        DisplayNames.Coalition("MSP_Minerals_Security_Partnership").Should().Be("MSP");
        DisplayNames.Coalition("US_FTA_partners_20").Should().Be("US + FTA partners");
        DisplayNames.Coalition("China_plus").Should().Be("China plus");
    }
}

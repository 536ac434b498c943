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

    private static (Plot Plot, string Title, string[] Labels) Make(string name) => name switch
    {
        "coverage" => (CoverageCharts.CoverageByCoalition(s_results.Value), "Coverage of demand by coalition and scenario", ["lithium NZE 2030", "nickel observed 2024", "IPEF", "100 % of demand"]),
        "concentration" => (CoverageCharts.SupplyConcentration(s_results.Value.Where(r => r.Scenario == DemandScenario.Nze).ToArray()), "Supply concentration by stage (largest country's share)", ["lithium G7", "mining (members)", "refined supply used (LP)"]),
        "hhi" => (CoverageCharts.SupplyConcentration(s_results.Value.Where(r => r.Coalition == "IPEF" && r.Scenario == DemandScenario.Nze).ToArray(), ConcentrationMeasure.Hhi, "IPEF concentration"), "IPEF concentration", ["lithium", "nickel", "HHI 2,500: highly concentrated"]),
        "bands" => (SeriesCharts.MonteCarloBands(
            [(2030, 40, 55, 70), (2035, 45, 65, 85), (2040, 50, 72, 95)],
            "Lithium coverage under uncertainty",
            "coverage (%)",
            [(2030, 100), (2040, 100)],
            "demand"), "Lithium coverage under uncertainty", ["median", "5–95 % band", "demand", "coverage (%)"]),
        _ => (SeriesCharts.CapacityBuildOut(
            [new CapacitySeries("refining AUS", [(2025, 5), (2028, 25), (2030, 40)]), new CapacitySeries("mining CAN", [(2025, 2), (2029, 12)])],
            "Capacity build-out",
            "capacity (kt Li)"), "Capacity build-out", ["refining AUS", "mining CAN", "capacity (kt Li)"]),
    };

    [Theory]
    [MemberData(nameof(Charts))]
    public void Png_has_the_signature_the_size_and_is_not_blank(string name)
    {
        var (plot, _, _) = Make(name);
        byte[] png = ChartExport.ToPng(plot, new ChartSize(900, 500));
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
        var (plot, title, labels) = Make(name);
        var svg = XDocument.Parse(ChartExport.ToSvg(plot));
        svg.Root!.Name.LocalName.Should().Be("svg");
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
        texts.Should().Contain(title);
        foreach (string label in labels)
        {
            texts.Should().Contain(t => t.Contains(label, StringComparison.Ordinal), $"the chart shows '{label}'");
        }
    }

    [Fact]
    public void Save_follows_the_extension()
    {
        string dir = Directory.CreateTempSubdirectory("cm-chart-").FullName;
        try
        {
            var plot = Make("bands").Plot;
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
}

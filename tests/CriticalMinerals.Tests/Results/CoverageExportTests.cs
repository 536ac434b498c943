using System.Text.Json;
using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Results;

namespace CriticalMinerals.Tests.Results;

public sealed class CoverageExportTests
{
    private static readonly CoverageResult[] Results = new CoalitionAnalysis(MineralDataset.Default).AnswerAll(
    [
        new CoalitionQuestion { Commodity = "lithium", Coalition = MineralDataset.Default.GetCoalition("US_FTA_partners_20"), Scenario = DemandScenario.Observed, Year = 2024 },
        new CoalitionQuestion { Commodity = "magnet_rare_earths", Coalition = MineralDataset.Default.GetCoalition("G7"), Scenario = DemandScenario.Nze, Year = 2030 },
    ]).ToArray();

    [Fact]
    public void Csv_has_a_header_and_one_row_per_result_with_invariant_round_trip_numbers()
    {
        using var writer = new StringWriter();
        CoverageExport.WriteCsv(Results, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.Should().HaveCount(3);
        lines[0].TrimEnd('\r').Split(',').Should().Equal(CoverageExport.CsvColumns);
        var first = lines[1].Split(',');
        first[0].Should().Be("lithium");
        first[Array.IndexOf(CoverageExport.CsvColumns.ToArray(), "demand_kt")].Should().Be("205");
        double.Parse(first[Array.IndexOf(CoverageExport.CsvColumns.ToArray(), "mining_coalition_kt")], System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(Results[0].Mining.CoalitionKt, "round-trip format");
        first[Array.IndexOf(CoverageExport.CsvColumns.ToArray(), "scenario")].Should().Be("observed");
        lines[2].Split(',')[Array.IndexOf(CoverageExport.CsvColumns.ToArray(), "scenario")].Should().Be("NZE", "a pandas filter on \"NZE\" finds the row");
    }

    [Theory]
    [InlineData(DemandScenario.Observed, "observed")]
    [InlineData(DemandScenario.Steps, "STEPS")]
    [InlineData(DemandScenario.Aps, "APS")]
    [InlineData(DemandScenario.Nze, "NZE")]
    public void Every_scenario_has_the_label_of_the_data_files_and_json_writes_the_same(DemandScenario scenario, string label)
    {
        scenario.Label().Should().Be(label);
        JsonSerializer.Serialize(scenario, CoverageExport.JsonOptions).Should().Be($"\"{label}\"");
        JsonSerializer.Deserialize<DemandScenario>($"\"{label}\"", CoverageExport.JsonOptions).Should().Be(scenario);
    }

    [Fact]
    public void Json_reads_back_with_the_same_figures()
    {
        using var stream = new MemoryStream();
        CoverageExport.WriteJson(Results, stream);
        using var document = JsonDocument.Parse(stream.ToArray());

        var array = document.RootElement;
        array.GetArrayLength().Should().Be(2);
        array[0].GetProperty("commodity").GetString().Should().Be("lithium");
        array[0].GetProperty("scenario").GetString().Should().Be("observed", "labels as the data files write them");
        array[1].GetProperty("scenario").GetString().Should().Be("NZE");
        array[1].GetProperty("supplyCase").GetString().Should().Be("base_case_projection");
        array[0].GetProperty("shortfallKt").GetDouble().Should().Be(Results[0].ShortfallKt);
        array[1].GetProperty("reserves").ValueKind.Should().Be(JsonValueKind.Null);
    }
}

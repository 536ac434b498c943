using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Data;

/// <summary>Data files given as JSON (an array of objects named by the CSV columns) meet the same checks as CSV.</summary>
public sealed class JsonInputTests : IDisposable
{
    private const string SupplyJson = "iea_supply_by_country.json";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cm-json-tests-" + Guid.NewGuid().ToString("N"));

    public JsonInputTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Row(string iso3, string country, string value, string unit = "kt Li content") =>
        $$"""{"mineral": "lithium", "country": "{{country}}", "iso3": "{{iso3}}", "stage": "mining", "year": 2024, "case": "observed", "value": {{value}}, "unit": "{{unit}}", "share_of_world": null, "note": null, "source_id": "S48"}""";

    [Fact]
    public void Supply_rows_given_as_JSON_replace_the_CSV()
    {
        File.WriteAllText(Path.Combine(_dir, SupplyJson), $"[{Row("AUS", "Australia", "100.5")}, {Row("WLD", "World", "300")}]");
        var data = MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });

        var supply = data.Supply("lithium", SupplyStage.Mining, 2024, SupplyCase.Observed);
        supply.Countries.Should().ContainSingle().Which.Value.Should().Be(100.5);
        supply.World!.Value.Should().Be(300);
        data.SupplyRecords.Should().HaveCount(2, "the JSON file replaces the embedded CSV, it does not extend it");
    }

    [Fact]
    public void A_bad_JSON_row_is_named_by_file_object_number_and_field()
    {
        File.WriteAllText(Path.Combine(_dir, SupplyJson), $"[{Row("AUS", "Australia", "100.5")}, {Row("CHL", "Chile", "-4", "kt LCE")}]");
        var act = () => MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });

        var problems = act.Should().Throw<DatasetException>().Which.Problems;
        problems.Should().OnlyContain(p => p.File == SupplyJson && p.Row == 2);
        problems.Select(p => p.Field).Should().Contain(["unit", "value"]);
    }

    [Fact]
    public void Broken_JSON_is_a_data_problem_not_a_crash()
    {
        File.WriteAllText(Path.Combine(_dir, SupplyJson), "[{\"mineral\": \"lithium\",");
        var act = () => MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });
        act.Should().Throw<DatasetException>().Which.Problems.Should().ContainSingle()
            .Which.Should().Match<DataProblem>(p => p.File == SupplyJson && p.Field == "(json)");
    }
}

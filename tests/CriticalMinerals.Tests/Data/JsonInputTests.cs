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

    private IReadOnlyList<DataProblem> Problems()
    {
        var act = () => MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });
        return act.Should().Throw<DatasetException>().Which.Problems;
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_accepted()
    {
        File.WriteAllBytes(Path.Combine(_dir, SupplyJson), [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes($"[{Row("AUS", "Australia", "100.5")}]")]);
        MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true }).SupplyRecords.Should().ContainSingle();
    }

    [Fact]
    public void Latin1_JSON_is_a_problem_naming_the_byte_offset()
    {
        var text = $"[{Row("AUS", "Australia", "100.5").Replace("\"note\": null", "\"note\": \"caf\u00e9\"", StringComparison.Ordinal)}]";
        var bytes = System.Text.Encoding.Latin1.GetBytes(text);
        File.WriteAllBytes(Path.Combine(_dir, SupplyJson), bytes);
        var p = Problems().Should().ContainSingle().Subject;
        (p.File, p.Row, p.Field, p.Value).Should().Be((SupplyJson, 0, "(json)", "(not UTF-8)"));
        p.Expected.Should().Contain($"byte {Array.IndexOf(bytes, (byte)0xE9)} is 0xE9");
    }

    [Fact]
    public void A_problem_after_a_value_with_line_breaks_names_the_right_object()
    {
        var first = Row("AUS", "Australia", "100.5").Replace("\"note\": null", "\"note\": \"line one\\nline two\\nline three\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_dir, SupplyJson), $"[{first}, {Row("CHL", "Chile", "-4")}]");
        var p = Problems().Should().ContainSingle().Subject;
        (p.File, p.Row, p.Field).Should().Be((SupplyJson, 2, "value"));
    }

    [Fact]
    public void A_syntax_error_names_the_object_being_read_and_the_line()
    {
        File.WriteAllText(Path.Combine(_dir, SupplyJson), $"[{Row("AUS", "Australia", "100.5")},\n{Row("CHL", "Chile", "4")[..40]} oops]");
        var p = Problems().Should().ContainSingle().Subject;
        (p.File, p.Row, p.Field).Should().Be((SupplyJson, 2, "(json)"));
        p.Value.Should().StartWith("line 2,");
    }

    [Fact]
    public void Nested_values_and_repeated_properties_are_problems()
    {
        File.WriteAllText(Path.Combine(_dir, SupplyJson), """[{"mineral": "lithium", "mineral": "nickel"}]""");
        Problems().Should().ContainSingle().Which.Expected.Should().Be("each property once per object");
        File.WriteAllText(Path.Combine(_dir, SupplyJson), """[{"mineral": {"a": 1}}]""");
        Problems().Should().ContainSingle().Which.Expected.Should().Be("a string, number, true, false or null");
    }
}

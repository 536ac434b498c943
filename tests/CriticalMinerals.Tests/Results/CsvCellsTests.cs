using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Data;
using CriticalMinerals.Results;

namespace CriticalMinerals.Tests.Results;

/// <summary>Formula injection (OWASP CSV Injection): every CSV the library writes neutralises text a spreadsheet would run.</summary>
public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("-", "'-")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("+2", "+2")]
    [InlineData("-1E-05", "-1E-05")]
    [InlineData("lithium", "lithium")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("", "")]
    public void Text_cells_that_start_like_a_formula_get_a_single_quote_and_plain_numbers_stay(string text, string cell) =>
        CsvCells.Text(text).Should().Be(cell);

    [Fact]
    public void Numbers_are_invariant_round_trip_and_never_neutralised()
    {
        CsvCells.Number(-3.5).Should().Be("-3.5");
        CsvCells.Number(0.1 + 0.2).Should().Be("0.30000000000000004");
        CsvCells.Number(double.NegativeInfinity).Should().Be("-Infinity");
    }

    [Fact]
    public void Quote_alone_does_not_neutralise_for_CSV_that_a_program_reads_back() =>
        CsvCells.Quote("=1,2").Should().Be("\"=1,2\"");

    [Fact]
    public void Coverage_csv_neutralises_a_coalition_named_like_a_formula()
    {
        var data = MineralDataset.Default;
        var result = new CoalitionAnalysis(data).Answer(new CoalitionQuestion
        {
            Commodity = "lithium",
            Coalition = Coalition.Create("=cmd|' /C calc'!A0", ["USA", "AUS"]),
            Scenario = DemandScenario.Nze,
            Year = 2030,
        });
        using var writer = new StringWriter();
        CoverageExport.WriteCsv([result], writer);

        var row = writer.ToString().Split('\n')[1];
        row.Should().Contain(",'=cmd|' /C calc'!A0,").And.NotContain(",=cmd");
    }

    [Fact]
    public void Sweep_csv_neutralises_text_keys_and_keeps_negative_numbers()
    {
        var data = MineralDataset.Default;
        var sweep = new ScenarioSweep(data).Run(new SweepGrid
        {
            Commodities = ["lithium"],
            Coalitions = [Coalition.Create("@SUM(1)", ["USA", "AUS"])],
            Scenarios = [DemandScenario.Nze],
            Years = [2030],
            DemandShares = [1],
            Rules = [CriticalMinerals.Modeling.Supply.SourcingRules.CoalitionOnly],
        });
        using var writer = new StringWriter();
        sweep.ToTable().WriteCsv(writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Skip(1).Should().OnlyContain(l => l.Contains(",'@SUM(1),", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains(",@", StringComparison.Ordinal));
    }
}

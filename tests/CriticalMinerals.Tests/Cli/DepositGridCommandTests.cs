using System.Globalization;
using CriticalMinerals.Analysis.Deposits;
using CriticalMinerals.Cli.Infrastructure;

namespace CriticalMinerals.Tests.Cli;

/// <summary>The <c>deposit-grid</c> command: input handling, and one cheap cell as CSV into --output.</summary>
public sealed class DepositGridCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-dgrid-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Unknown_variants_and_scenarios_are_bad_input_all_named_at_once()
    {
        var (code, output, error) = CliRunner.Run("deposit-grid", "--variant", "Nope", "--demand", "Nowhere");
        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain("'Nope'").And.Contain("'Nowhere'").And.Contain("NoTax");
        output.Should().BeEmpty();
    }

    /// <summary>NoInferredResources × High Capacity on the cost stage: a physical shortage, 9.15 kt unmet in 2024 as published (Data_Fig5_slack.csv).</summary>
    [Fact]
    public void One_cell_as_csv_has_a_row_a_year_with_its_unmet_demand()
    {
        string file = Path.Combine(_dir, "grid.csv");
        var (code, output, error) = CliRunner.Run(
            "deposit-grid", "--variant", "NoInferredResources", "--demand", "Ambitious-Baseline-High Capacity-Baseline-Baseline", "--degradation", "0", "--format", "csv", "--output", file);
        code.Should().Be(ExitCodes.Ok, error);
        output.Should().BeEmpty("--output takes the rows");
        var lines = File.ReadAllLines(file).Where(l => l.Length > 0).ToArray();
        lines[0].Should().Be(string.Join(",", DepositGridExport.Columns));
        lines.Should().HaveCount(1 + 49);
        int year = DepositGridExport.Columns.ToList().IndexOf("year");
        int unmet = DepositGridExport.Columns.ToList().IndexOf("unmet_kt");
        var row2024 = lines.Skip(1).Select(l => l.Split(',')).Single(r => r[year] == "2024");
        double.Parse(row2024[unmet], CultureInfo.InvariantCulture).Should().BeApproximately(9.15, 0.01);
    }
}

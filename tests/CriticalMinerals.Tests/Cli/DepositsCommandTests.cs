using CriticalMinerals.Cli.Infrastructure;

namespace CriticalMinerals.Tests.Cli;

/// <summary>The <c>deposits</c> command's input handling and recycling basis (the cost stage alone solves in seconds; the full run: docs/deposits.md and the benchmark).</summary>
public sealed class DepositsCommandTests
{
    [Fact]
    public void Unknown_supply_variant_or_demand_scenario_is_bad_input_naming_the_value_and_the_known_ones()
    {
        var (code, output, error) = CliRunner.Run("deposits", "--variant", "NoSuchVariant", "--demand", "NoSuchScenario");
        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain("NoSuchVariant").And.Contain("NoTax").And.Contain("No Clay").And.Contain("NoSuchScenario").And.Contain("Ambitious-Baseline-Baseline-Baseline-Baseline");
        output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("deposits", "--discount-rate", "7", "0.07 is 7 %")] // a percentage typed as a number: 700 % a year was accepted
    [InlineData("deposits", "--gap", "-1", "a relative gap")]
    [InlineData("deposits", "--time-limit", "0", "seconds")] // was a failed solve (exit 3), not bad input
    [InlineData("deposits", "--degradation", "-0.5", "relative cost degradation")]
    [InlineData("deposit-grid", "--gap", "2", "a relative gap")]
    public void Out_of_range_numbers_are_bad_input_naming_the_option_before_anything_is_solved(string command, string option, string value, string meaning)
    {
        var (code, output, error) = CliRunner.Run(command, option, value);
        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain($"{option} {value}").And.Contain(meaning);
        output.Should().BeEmpty();
    }

    /// <summary>
    /// World demand of 2030 under each recycling basis, from the rows: Busch's (default) is <c>Demand.csv</c> (already primary);
    /// none adds back every region's <c>Recycling.csv</c> (gross demand); the stock model lies between (its recycled lithium is
    /// positive but below Busch's before 2050, docs/recycling.md section 3).
    /// </summary>
    [Fact]
    public void Recycling_basis_sets_the_world_demand_the_deposits_serve()
    {
        var busch = CriticalMinerals.Data.MineralDataset.Default.Busch2025;
        string reference = CriticalMinerals.Data.Busch2025Data.ReferenceScenario;
        double primary = busch.WorldDemand.Single(d => d.Scenario == reference && d.Year == 2030).DemandKt;
        double recycled = busch.Recycling.Where(r => r.Scenario == reference && r.Year == 2030).Sum(r => r.RecyclingKt);

        double Demand2030(string basis)
        {
            var (code, output, error) = CliRunner.Run("deposits", "--degradation", "0", "--format", "csv", "--recycling", basis);
            code.Should().Be(ExitCodes.Ok, error);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var header = lines[0].Split(',');
            int year = Array.IndexOf(header, "year"), demand = Array.IndexOf(header, "demand_kt");
            var row = lines.Skip(1).Select(l => l.Split(',')).First(c => c[year] == "2030");
            return double.Parse(row[demand], System.Globalization.CultureInfo.InvariantCulture);
        }

        Demand2030("busch").Should().BeApproximately(primary, 1e-6);
        Demand2030("none").Should().BeApproximately(primary + recycled, 1e-6);
        Demand2030("stock").Should().BeInRange(primary + 1e-3, primary + recycled - 1e-3);
    }

    [Fact]
    public void The_command_is_listed_in_help()
    {
        var (code, output, _) = CliRunner.Run("--help");
        code.Should().Be(ExitCodes.Ok);
        output.Should().Contain("deposits");
    }
}

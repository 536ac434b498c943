using CriticalMinerals.Cli.Infrastructure;

namespace CriticalMinerals.Tests.Cli;

/// <summary>The <c>deposits</c> command's input handling (a full run is a MIP of minutes: see docs/deposits.md and the benchmark).</summary>
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

    [Fact]
    public void The_command_is_listed_in_help()
    {
        var (code, output, _) = CliRunner.Run("--help");
        code.Should().Be(ExitCodes.Ok);
        output.Should().Contain("deposits");
    }
}

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

    [Fact]
    public void The_command_is_listed_in_help()
    {
        var (code, output, _) = CliRunner.Run("--help");
        code.Should().Be(ExitCodes.Ok);
        output.Should().Contain("deposits");
    }
}

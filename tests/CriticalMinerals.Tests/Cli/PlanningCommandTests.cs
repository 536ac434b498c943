using System.Text.Json;
using CriticalMinerals.Cli.Infrastructure;

namespace CriticalMinerals.Tests.Cli;

/// <summary>The sweep, stress and design commands, each against figures a person can check.</summary>
public sealed class PlanningCommandTests
{
    [Fact]
    public void Sweep_writes_one_tidy_row_per_scenario_and_quantity()
    {
        var (code, output, error) = CliRunner.Run("sweep", "--commodities", "lithium", "--coalition", "G7", "--scenarios", "NZE", "--format", "csv");
        code.Should().Be(ExitCodes.Ok, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.Should().BeGreaterThan(2);
        // No G7 member mines or refines lithium in the IEA rows: the whole NZE 2030 demand, 701.476 kt, is short.
        lines.Should().Contain(l => l.Contains("shortfall_kt", StringComparison.Ordinal) && l.Contains("701.476", StringComparison.Ordinal));
        error.Should().Contain("1 of 1 scenarios");
    }

    [Fact]
    public void Stress_of_the_graphite_ban_reports_the_gap_it_adds()
    {
        var (code, output, error) = CliRunner.Run("stress", "--commodity", "graphite", "--coalition", "MSP_Minerals_Security_Partnership", "--scenario", "STEPS", "--format", "json");
        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("country").GetString().Should().Be("CHN", "China is the largest 2024 refiner (1,794.824 kt)");
        json.RootElement.GetProperty("disruptedYears")[0].GetInt32().Should().Be(2030, "2027 is equidistant from 2024 and 2030; ties go to the later period");
        json.RootElement.GetProperty("gapAddedByShockKt").GetDouble().Should().BeGreaterThan(0);
    }

    [Fact]
    public void Design_ranks_candidates_by_contribution_and_meets_the_target()
    {
        var (code, output, error) = CliRunner.Run("design", "--commodity", "lithium", "--coalition", "G7", "--scenario", "NZE", "--target", "0.3", "--format", "json");
        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("coverageWithSelected").GetDouble().Should().BeGreaterThanOrEqualTo(0.3 - 1e-9);
        var ranks = json.RootElement.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("marginalContribution").GetDouble()).ToArray();
        ranks.Should().BeInDescendingOrder();
    }

    [Fact]
    public void Unknown_commodity_is_bad_input_with_the_known_ones_named()
    {
        var (code, _, error) = CliRunner.Run("stress", "--commodity", "unobtainium", "--coalition", "G7");
        code.Should().Be(ExitCodes.BadInput);
        error.Should().Contain("unobtainium").And.Contain("lithium");
    }
}

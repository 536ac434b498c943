using CriticalMinerals.Cli.Commands;
using CriticalMinerals.Cli.Infrastructure;

namespace CriticalMinerals.Tests.Cli;

/// <summary>The <c>lithium-friendshoring</c> command: input handling, and one small run as CSV.</summary>
public sealed class LithiumFriendshoringCommandTests
{
    [Fact]
    public void Bad_restriction_or_scenario_is_bad_input_naming_the_value()
    {
        var (code, output, error) = CliRunner.Run("lithium-friendshoring", "--restriction", "friends-only");
        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain("friends-only").And.Contain("without:ISO3");
        output.Should().BeEmpty();

        (code, _, error) = CliRunner.Run("lithium-friendshoring", "--demand", "NoSuchScenario");
        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain("NoSuchScenario").And.Contain(CriticalMinerals.Data.Busch2025Data.ReferenceScenario);

        (code, _, error) = CliRunner.Run("lithium-friendshoring", "--restriction", "without-region:Atlantis");
        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain("Atlantis").And.Contain("European Union");
    }

    /// <summary>Japan has no deposit: its friendshored backlog grows every year and it is never self-sufficient.</summary>
    [Fact]
    public void Csv_has_one_row_a_year_and_a_coalition_without_deposits_is_never_self_sufficient()
    {
        var (code, output, error) = CliRunner.Run("lithium-friendshoring", "--coalition", "Japan=JPN", "--format", "csv");
        code.Should().Be(ExitCodes.Ok, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().Be(string.Join(",", LithiumFriendshoringCommand.CsvColumns));
        lines.Should().HaveCount(1 + 49);
        int unmet = Array.IndexOf(LithiumFriendshoringCommand.CsvColumns, "friendshored_unmet_kt");
        int self = Array.IndexOf(LithiumFriendshoringCommand.CsvColumns, "self_sufficient_from");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        rows.Select(r => double.Parse(r[unmet], System.Globalization.CultureInfo.InvariantCulture)).Should().BeInAscendingOrder().And.OnlyContain(v => v > 0);
        rows.All(r => r[self].Length == 0).Should().BeTrue();
    }
}

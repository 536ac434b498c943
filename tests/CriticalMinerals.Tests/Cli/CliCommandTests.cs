using System.Text.Json;
using System.Xml.Linq;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Results;

namespace CriticalMinerals.Tests.Cli;

public sealed class CliCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_commands_of_this_build_are_found_and_listed_in_help()
    {
        CliApp.Commands.Select(c => c.Create(new CliEnvironment(TextWriter.Null, TextWriter.Null, false)).Name)
            .Should().Equal("coverage", "blocs", "solve", "export", "sweep", "stress", "design", "recycling", "deposits", "lithium-friendshoring", "deposit-grid");
        var (code, output, _) = CliRunner.Run("--help");
        code.Should().Be(0);
        output.Should().Contain("coverage").And.Contain("solve").And.Contain("export").And.Contain("--format");
    }

    [Fact]
    public void Bare_command_runs_the_main_job_as_a_table()
    {
        var (code, output, error) = CliRunner.Run();
        code.Should().Be(ExitCodes.Ok, error);
        output.Should().StartWith("CriticalMinerals: coalition supply against IEA demand");
        output.Should().Contain("Lithium (kt Li)").And.Contain("MSP_Minerals_Security_Partnership").And.Contain("NZE 2030");
        output.Should().Contain("+1 kt of lithium refining capacity in AUS in 2030 cuts the shortfall by 1 kt");
        error.Should().BeEmpty("progress goes to stderr only on a terminal");
    }

    [Fact]
    public void Coverage_as_csv_has_the_library_columns_and_one_row_per_question()
    {
        var (code, output, error) = CliRunner.Run("coverage", "--format", "csv", "--coalition", "China+=CHN,RUS");
        code.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().Be(string.Join(",", CoverageExport.CsvColumns));
        // 6 commodities × (5 built-in coalitions + China+) × (baseline + 3 scenarios)
        lines.Should().HaveCount(1 + (6 * 6 * 4));
        lines.Should().Contain(l => l.StartsWith("nickel,kt Ni,China+,", StringComparison.Ordinal));
    }

    [Fact]
    public void Solve_as_json_is_one_parsable_answer()
    {
        var (code, output, error) = CliRunner.Run("solve", "--commodity", "lithium", "--coalition", "MSP_Minerals_Security_Partnership", "--scenario", "NZE", "--year", "2030", "--format", "json");
        code.Should().Be(0, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetArrayLength().Should().Be(1);
        json.RootElement[0].ToString().Should().Contain("MSP_Minerals_Security_Partnership");
    }

    [Fact]
    public void Solve_as_a_table_names_the_investment_targets()
    {
        var (code, output, error) = CliRunner.Run("solve", "--commodity", "lithium", "--coalition", "MSP_Minerals_Security_Partnership");
        code.Should().Be(0, error);
        output.Should().Contain("Lithium, MSP_Minerals_Security_Partnership, NZE 2030 (kt Li)");
        output.Should().Contain("investment targets").And.Contain("+1 kt of lithium refining capacity in AUS in 2030 cuts the shortfall by 1 kt");
        output.Should().Contain("676.7", "the MSP's NZE 2030 lithium shortfall on the embedded data: 701.5 − 24.4 refined − 0.4 recycled");
    }

    [Fact]
    public void Solve_observed_takes_the_base_year_and_rules_accept_shares()
    {
        var (code, output, error) = CliRunner.Run("solve", "--commodity", "copper", "--coalition", "G7", "--scenario", "observed", "--rules", "0.5,0.5", "--format", "csv");
        code.Should().Be(0, error);
        output.Should().Contain("copper,kt Cu,G7,observed,2024,");
    }

    [Theory]
    [InlineData("--commodity 'unobtanium': unknown commodity", "solve", "--commodity", "unobtanium")]
    [InlineData("Year 2031 has no IEA supply figures", "solve", "--commodity", "lithium", "--year", "2031")]
    [InlineData("--rules 'half'", "solve", "--commodity", "lithium", "--rules", "half")]
    [InlineData("--coalition 'Nobody='", "solve", "--commodity", "lithium", "--coalition", "Nobody=")]
    [InlineData("expected a .png or .svg file", "coverage", "--chart", "out.gif")]
    [InlineData("give a .mps or .lp file", "export", "--commodity", "lithium", "--output", "model.txt")]
    public void Bad_input_exits_2_with_a_message_on_stderr(string message, params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);
        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain(message);
        output.Should().BeEmpty();
    }

    [Fact]
    public void Unknown_option_or_choice_is_bad_input()
    {
        var (code, _, error) = CliRunner.Run("solve", "--commodity", "lithium", "--colour", "red");
        code.Should().Be(ExitCodes.BadInput);
        error.Should().Contain("--colour");
        (code, _, error) = CliRunner.Run("--format", "xml");
        code.Should().Be(ExitCodes.BadInput);
        error.Should().Contain("xml");
    }

    [Fact]
    public void A_cancelled_run_exits_130()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var (code, _, error) = CliRunner.Run(cancelled.Token, "coverage", "--format", "csv");
        code.Should().Be(ExitCodes.Cancelled);
        error.Should().Contain("Cancelled");
    }

    [Theory]
    [InlineData("model.mps", "ROWS")]
    [InlineData("model.lp", "Subject To")]
    public void Export_writes_the_model_file_by_extension(string name, string marker)
    {
        string path = Path.Combine(_dir, name);
        var (code, output, error) = CliRunner.Run("export", "--commodity", "cobalt", "--coalition", "G7", "--output", path);
        code.Should().Be(0, error);
        output.Should().BeEmpty();
        File.ReadAllText(path).Should().Contain(marker).And.Contain("world_cobalt_2030", "the coalition LP is a view of the world model");
    }

    [Fact]
    public void Export_to_stdout_defaults_to_mps()
    {
        var (code, output, error) = CliRunner.Run("export", "--commodity", "nickel");
        code.Should().Be(0, error);
        output.Should().Contain("ROWS").And.Contain("COLUMNS").And.Contain("ENDATA");
    }

    [Fact]
    public void Coverage_draws_a_chart_beside_machine_readable_output()
    {
        string svg = Path.Combine(_dir, "coverage.svg");
        var (code, output, error) = CliRunner.Run("--format", "json", "--chart", svg, "--year", "2035");
        code.Should().Be(0, error);
        using (JsonDocument.Parse(output))
        {
        }

        var doc = XDocument.Load(svg);
        doc.Root!.Name.LocalName.Should().Be("svg");
        string text = string.Concat(doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        text.Should().Contain("Coverage of demand by the coalition's own supply chain").And.Contain("Lithium (kt Li)").And.Contain("NZE 2035").And.Contain("IPEF").And.Contain("Sourcing: coalition only");
        error.Should().Contain("chart: " + svg);
    }

    [Fact]
    public void Output_sends_the_results_to_a_file_and_a_missing_folder_is_refused_before_solving()
    {
        string file = Path.Combine(_dir, "solve.csv");
        var (code, output, error) = CliRunner.Run("solve", "--commodity", "lithium", "--format", "csv", "--output", file);
        code.Should().Be(0, error);
        output.Should().BeEmpty("the results went to the file");
        var (_, reference, _) = CliRunner.Run("solve", "--commodity", "lithium", "--format", "csv");
        File.ReadAllText(file).Should().Be(reference);

        (code, output, error) = CliRunner.Run("--format", "csv", "--output", Path.Combine(_dir, "missing", "x.csv"));
        code.Should().Be(ExitCodes.BadInput);
        output.Should().BeEmpty();
        error.Should().Contain("--output").And.Contain("does not exist");

        (code, output, error) = CliRunner.Run("blocs", "--format", "csv", "--flows", Path.Combine(_dir, "missing", "flows.csv"));
        code.Should().Be(ExitCodes.BadInput);
        output.Should().BeEmpty("a missing folder is found before anything is solved or printed");
        error.Should().Contain("--flows").And.Contain("does not exist");
    }

    [Fact]
    public void Blocs_writes_one_tidy_row_per_bloc_and_the_flows()
    {
        string flows = Path.Combine(_dir, "flows.csv");
        var (code, output, error) = CliRunner.Run("blocs", "--format", "csv", "--rule", "home", "--flows", flows);
        code.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].TrimEnd('\r').Should().Be(string.Join(',', WorldAllocationExport.BlocColumns));
        // 6 minerals × 4 scenario-years × (5 setups of 2 blocs + 1 of 3 blocs) = 24 × 13 rows.
        lines.Length.Should().Be(1 + (24 * 13));
        File.ReadLines(flows).First().Should().Be(string.Join(',', WorldAllocationExport.FlowColumns));
        File.ReadLines(flows).Skip(1).Should().Contain(l => l.Contains(",ore,", StringComparison.Ordinal)).And.Contain(l => l.Contains(",refined,", StringComparison.Ordinal));
    }
}

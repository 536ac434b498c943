using System.CommandLine;
using System.Globalization;
using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.Deposits;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Modeling.Deposits;
using Spectre.Console;

namespace CriticalMinerals.Cli.Commands;

/// <summary>
/// <c>deposit-grid</c>: the paper's Figure 5 grid of the deposit model (14 supply variants × 11 demand scenarios), runs in
/// parallel, one tidy row per run and year (docs/deposits.md).
/// </summary>
internal sealed class DepositGridCommand : ICliCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public int Order => 62;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("deposit-grid", "Lithium deposits of Busch et al. (2025), the paper's Figure 5 grid: every supply variant under every demand scenario (154 runs), in parallel; unmet demand, objective, gap and time per run and year (docs/deposits.md).");
        var format = CommonOptions.Format();
        var data = CommonOptions.Data();
        var backend = CommonOptions.Backend();
        var variants = new Option<string[]>("--variant") { Description = "Supply variant to run (Base, \"No Clay\", or a busch2025/deposit_scenarios file name); repeatable; default all 14" };
        var scenarios = new Option<string[]>("--demand") { Description = "Demand scenario of busch2025/Demand.csv; repeatable; default all 11" };
        var degradation = new Option<double>("--degradation") { Description = "Relative cost degradation the second objective may spend (0: cost only; the paper's Figure 5: 0.1)", DefaultValueFactory = _ => DepositProblem.DefaultDegradation };
        var score = DepositsCommand.ScoreOption();
        var timeLimit = new Option<double?>("--time-limit") { Description = "Seconds for each run" };
        var gap = new Option<double>("--gap") { Description = "Relative MIP gap of each stage", DefaultValueFactory = _ => 1e-3 };
        var parallel = new Option<int>("--parallel") { Description = "Runs solved at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var countries = new Option<FileInfo?>("--countries") { Description = "Also write extraction by country, run and year as tidy CSV to this file" };
        foreach (var option in new Option[] { format, data, backend, variants, scenarios, degradation, score, timeLimit, gap, parallel, countries })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, token) => CommandRunner.Run(environment, async ct =>
        {
            CliInput.RequireFolder("--countries", parse.GetValue(countries));
            var dataset = CommonOptions.LoadDataset(parse.GetValue(data), environment.Error);
            var options = new DepositGridOptions
            {
                SupplyVariants = parse.GetValue(variants) is { Length: > 0 } v ? v : null,
                Scenarios = parse.GetValue(scenarios) is { Length: > 0 } s ? s : null,
                Run = new DepositOptions
                {
                    Degradation = CliInput.InRange("--degradation", parse.GetValue(degradation), 0, 10, "a relative cost degradation (0.1 is 10 %)"),
                    Score = DepositsCommand.ParseScore(parse.GetValue(score)),
                    TimeLimit = parse.GetValue(timeLimit) is { } seconds ? TimeSpan.FromSeconds(CliInput.InRange("--time-limit", seconds, 1, 86_400, "seconds")) : null,
                    RelativeGap = CliInput.InRange("--gap", parse.GetValue(gap), 0, 1, "a relative gap"),
                    Backend = CommonOptions.ResolveBackend(parse.GetValue(backend)),
                    ComputeDuals = false,
                },
                Batch = new BatchOptions { MaxDegreeOfParallelism = Math.Max(1, parse.GetValue(parallel)) },
            };
            var cells = DepositGrid.Cells(dataset.Busch2025, options);
            var result = await ProgressDisplay.RunAsync(environment, string.Create(C, $"solving {cells.Count} deposit runs"), cells.Count,
                report => DepositGrid.Run(dataset.Busch2025, options, new SynchronousProgress<int>(report), ct)).ConfigureAwait(false);
            Write(environment, result, parse.GetValue(format)!);
            if (parse.GetValue(countries) is { } file)
            {
                using var writer = new StreamWriter(file.FullName);
                DepositGridExport.WriteCountryCsv(result, writer);
                await environment.Error.WriteLineAsync($"extraction by country: {file.FullName}").ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync(string.Create(C, $"{result.Runs.Count} of {result.Total} runs in {result.Elapsed.TotalSeconds:N0} s")).ConfigureAwait(false);
            return result.Cancelled ? PartialBatch.ReportCancelled(environment, result.Runs.Count, result.Total, "deposit runs")
                : result.Runs.All(r => r.Result.HasPlan) ? ExitCodes.Ok : ExitCodes.SolveFailed;
        }, token));
        return command;
    }

    private static void Write(CliEnvironment environment, DepositGridResult result, string format)
    {
        if (format == "csv")
        {
            DepositGridExport.WriteCsv(result, environment.Out);
        }
        else if (format == "json")
        {
            using var buffer = new MemoryStream();
            DepositGridExport.WriteJson(result, buffer);
            environment.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            environment.Out.WriteLine();
        }
        else
        {
            var console = environment.CreateOutputConsole();
            var table = new Table { Border = TableBorder.Simple };
            foreach (string column in new[] { "supply variant", "demand scenario", "unmet 2030 kt", "unmet 2050 kt", "unmet 2070 kt", "cost M USD", "gap", "s" })
            {
                table.AddColumn(new TableColumn(column));
            }

            foreach (var run in result.Runs)
            {
                string Unmet(int year) => run.Result.Years.FirstOrDefault(y => y.Year == year) is { } y ? y.UnmetKt.ToString("N1", C) : "-";
                var last = run.Result.SecondStage ?? run.Result.CostStage;
                table.AddRow(
                    Markup.Escape(run.Cell.SupplyVariant), Markup.Escape(run.Cell.Scenario), Unmet(2030), Unmet(2050), Unmet(2070),
                    run.Result.DiscountedCostMillionUsd is { } cost ? cost.ToString("N0", C) : "-",
                    last.RelativeGap is { } g ? g.ToString("P3", C) : "-",
                    run.Elapsed.TotalSeconds.ToString("N0", C));
            }

            console.Write(table);
        }

        environment.Out.Flush();
    }
}

using System.CommandLine;
using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.World;
using CriticalMinerals.Charts;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Cli.Output;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;
using Spectre.Console;

namespace CriticalMinerals.Cli.Commands;

/// <summary>
/// <c>coverage</c>, the main job (also the action of the bare command): every mineral × built-in coalition × the 2024
/// baseline and the IEA STEPS/APS/NZE scenarios of one year.
/// </summary>
internal sealed class CoverageCommand : ICliCommand
{
    public int Order => 0;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("coverage", "The main job: every mineral × built-in coalition × the 2024 baseline and the IEA STEPS/APS/NZE scenarios of one year (the default command).");
        Configure(command, environment);
        return command;
    }

    /// <summary>Adds the options and the action to <paramref name="command"/> (the root command gets them too).</summary>
    public static void Configure(Command command, CliEnvironment environment)
    {
        var format = CommonOptions.Format();
        var year = CommonOptions.Year();
        var coalition = new Option<string[]>("--coalition") { Description = "Extra coalition as NAME=ISO3,ISO3,... (e.g. China+=CHN,RUS); repeatable", AllowMultipleArgumentsPerToken = false };
        var data = CommonOptions.Data();
        var backend = CommonOptions.Backend();
        var open = new Option<bool>("--open-market") { Description = "Let non-members supply without limit (default: coalition-only sourcing)" };
        var chart = new Option<FileInfo?>("--chart") { Description = "Also draw coverage by coalition and scenario, grouped per commodity, to a .png or .svg file" };
        var recycling = CommonOptions.Recycling();
        var shift = CommonOptions.Shift();
        foreach (var option in new Option[] { format, year, coalition, data, backend, open, chart, recycling, shift })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, token) => CommandRunner.Run(environment, async ct =>
        {
            var dataset = CommonOptions.LoadDataset(parse.GetValue(data), environment.Error);
            var analysis = new CoalitionAnalysis(dataset, CommonOptions.ResolveBackend(parse.GetValue(backend)));
            var rules = parse.GetValue(open) ? SourcingRules.OpenMarket : SourcingRules.CoalitionOnly;
            int y = parse.GetValue(year);
            var questions = analysis.MainQuestions(y).ToList();
            foreach (string spec in parse.GetValue(coalition) ?? [])
            {
                if (!spec.Contains('=', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"--coalition '{spec}': expected NAME=ISO3,ISO3,...");
                }

                var custom = CommonOptions.ParseCoalition(spec, dataset);
                questions.AddRange(analysis.MainQuestions(y)
                    .Where(q => q.Coalition.Name == CoalitionAnalysis.BuiltInCoalitions[0])
                    .Select(q => q with { Coalition = custom }));
            }

            var recyclingBasis = CommonOptions.ParseRecycling(parse.GetValue(recycling)!);
            questions = questions.Select(q => q with { Rules = rules, Recycling = recyclingBasis }).ToList();
            var chartFile = parse.GetValue(chart);
            if (chartFile is not null)
            {
                // Fail on a bad extension or a missing folder before solving.
                ChartExport.FormatOf(chartFile.FullName);
                CliInput.RequireFolder("--chart", chartFile);
            }

            var outcome = await SolveWithProgress(environment, analysis, questions, ct).ConfigureAwait(false);
            var results = outcome.Results;
            string f = parse.GetValue(format)!;
            if (f == "table")
            {
                CoverageTable.Write(environment.CreateOutputConsole(), results, dataset, rules);

                // The same minerals as one world shared by blocs: each coalition against the rest, and a two-bloc split.
                if (!outcome.Cancelled)
                {
                    var world = new WorldAnalysis(dataset, CommonOptions.ResolveBackend(parse.GetValue(backend)));
                    var blocs = await Task.Run(() => world.AllocateBatch(BlocsCommand.Questions(world, y, "fair", recyclingBasis, CommonOptions.ParseShift(parse.GetValue(shift))), null, null, ct), CancellationToken.None).ConfigureAwait(false);
                    environment.Out.WriteLine();
                    BlocTable.Write(environment.CreateOutputConsole(), blocs.Results, dataset);
                    if (blocs.Cancelled)
                    {
                        return PartialBatch.ReportCancelled(environment, results.Count + blocs.Results.Count, results.Count + blocs.Total, "results (coverage rows and bloc allocations)");
                    }
                }
            }
            else
            {
                ResultWriter.WriteMachineReadable(f, results, environment.Out);
            }

            if (outcome.Cancelled)
            {
                return PartialBatch.ReportCancelled(environment, results.Count, outcome.Total, "coverage results");
            }

            if (chartFile is not null)
            {
                var chart = CoverageCharts.CoverageByCoalition(results, rules: parse.GetValue(open) ? "Sourcing: open market (non-members may supply)" : "Sourcing: coalition only (members' mines feed members' refineries)");
                ChartExport.Save(chart, chartFile.FullName);
                await environment.Error.WriteLineAsync($"chart: {chartFile.FullName}").ConfigureAwait(false);
            }

            return Report(environment, results);
        }, token));
    }

    /// <summary>Answers the questions in parallel, with a progress bar on stderr when it is a terminal; on Ctrl+C, what finished.</summary>
    public static Task<BatchResult<CoverageResult>> SolveWithProgress(CliEnvironment environment, CoalitionAnalysis analysis, IReadOnlyList<CoalitionQuestion> questions, CancellationToken cancellationToken) =>
        ProgressDisplay.RunAsync(environment, "solving " + questions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " LPs", questions.Count,
            report => analysis.AnswerBatch(questions, null, new SynchronousProgress<int>(report), cancellationToken));

    /// <summary>Exit code of a batch: <see cref="ExitCodes.SolveFailed"/> with the failures named on stderr if any LP did not solve.</summary>
    public static int Report(CliEnvironment environment, IReadOnlyList<CoverageResult> results)
    {
        var failed = results.Where(r => r.Status != SolveStatus.Optimal).ToArray();
        foreach (var r in failed)
        {
            environment.Error.WriteLine($"not solved: {r.Commodity}, {r.Coalition}, {CommonOptions.Label(r.Scenario)} {r.Year}: {r.Status}");
        }

        return failed.Length > 0 ? ExitCodes.SolveFailed : ExitCodes.Ok;
    }
}

using System.CommandLine;
using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Analysis.World;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Cli.Output;
using CriticalMinerals.Modeling.Recycling;
using CriticalMinerals.Modeling.World;
using CriticalMinerals.Results;
using Spectre.Console;

namespace CriticalMinerals.Cli.Commands;

/// <summary>
/// <c>blocs</c>: one world's supply allocated across blocs, for every mineral: each built-in coalition against the rest of the
/// world, and the MSP against a China-centred bloc with the rest non-aligned, for 2024 and STEPS/APS/NZE in one year.
/// </summary>
internal sealed class BlocsCommand : ICliCommand
{
    public int Order => 5;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("blocs", "Allocate one world's supply across blocs for every mineral: each built-in coalition against the rest of the world, and the MSP against a China-centred bloc (the rest non-aligned), 2024 and STEPS/APS/NZE of one year; coverage of own and world demand, price and premium.");
        var format = CommonOptions.Format();
        var year = CommonOptions.Year();
        var data = CommonOptions.Data();
        var backend = CommonOptions.Backend();
        var rule = new Option<string>("--rule") { Description = "Allocation rule: fair (max-min coverage, default), market (least shortfall), home (each named bloc sources only from its members, fair otherwise)", DefaultValueFactory = _ => "fair" };
        rule.AcceptOnlyFromAmong("fair", "market", "home");
        var flows = new Option<FileInfo?>("--flows") { Description = "Also write every flow (who gets what from where) as tidy CSV to this file" };
        var recycling = CommonOptions.Recycling();
        var shift = CommonOptions.Shift();
        foreach (var option in new Option[] { format, year, data, backend, rule, flows, recycling, shift })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, token) => CommandRunner.Run(environment, async ct =>
        {
            CliInput.RequireFolder("--flows", parse.GetValue(flows));
            var dataset = CommonOptions.LoadDataset(parse.GetValue(data), environment.Error);
            var analysis = new WorldAnalysis(dataset, CommonOptions.ResolveBackend(parse.GetValue(backend)));
            var questions = Questions(analysis, parse.GetValue(year), parse.GetValue(rule)!, CommonOptions.ParseRecycling(parse.GetValue(recycling)!), CommonOptions.ParseShift(parse.GetValue(shift)));
            var outcome = await ProgressDisplay.RunAsync(environment, $"allocating {questions.Count} worlds", questions.Count,
                report => analysis.AllocateBatch(questions, null, new SynchronousProgress<int>(report), ct)).ConfigureAwait(false);
            var results = outcome.Results;
            Write(environment, dataset, results, parse.GetValue(format)!);
            if (parse.GetValue(flows) is { } file)
            {
                using var writer = new StreamWriter(file.FullName);
                WorldAllocationExport.WriteFlowCsv(results, writer);
                await environment.Error.WriteLineAsync($"flows: {file.FullName}").ConfigureAwait(false);
            }

            return outcome.Cancelled ? PartialBatch.ReportCancelled(environment, results.Count, outcome.Total, "bloc allocations") : ExitCodes.Ok;
        }, token));
        return command;
    }

    /// <summary>The grid of the main job under a rule name of the command line.</summary>
    public static IReadOnlyList<WorldQuestion> Questions(WorldAnalysis analysis, int year, string rule, RecyclingBasis recycling, IReadOnlyList<ChemistryShift> shifts)
    {
        var allocation = rule == "market" ? AllocationRule.CostMinimal : AllocationRule.MaxMinFairness;
        return [.. analysis.MainQuestions(year, allocation).Select(q => q with { NamedBlocsSourceAtHome = rule == "home", Recycling = recycling, ChemistryShifts = shifts })];
    }

    public static void Write(CliEnvironment environment, CriticalMinerals.Data.MineralDataset dataset, IReadOnlyList<WorldAllocationResult> results, string format)
    {
        if (format == "table")
        {
            BlocTable.Write(environment.CreateOutputConsole(), results, dataset);
        }
        else if (format == "json")
        {
            using var buffer = new MemoryStream();
            WorldAllocationExport.WriteJson(results, buffer);
            environment.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            environment.Out.WriteLine();
        }
        else
        {
            WorldAllocationExport.WriteBlocCsv(results, environment.Out);
        }

        environment.Out.Flush();
    }
}

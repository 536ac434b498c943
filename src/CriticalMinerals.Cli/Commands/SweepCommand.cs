using System.CommandLine;
using System.Globalization;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Cli.Output;

namespace CriticalMinerals.Cli.Commands;

/// <summary><c>sweep</c>: a grid of commodities × coalitions × scenarios × years, in parallel on warm sessions, as one tidy table.</summary>
internal sealed class SweepCommand : ICliCommand
{
    public int Order => 30;

    public Command Create(CliEnvironment environment)
    {
        var command = new Command("sweep", "Solve a grid of commodities × coalitions × scenarios × years × demand shares and write one tidy table (a row per scenario and quantity).");
        var commodities = new Option<string>("--commodities") { Description = "Comma-separated commodity codes, or 'all'", DefaultValueFactory = _ => "all" };
        var coalitions = new Option<string[]>("--coalition") { Description = "Coalition name or NAME=ISO3,...; repeatable (default: the built-in coalitions)" };
        var scenarios = new Option<string>("--scenarios") { Description = "Comma-separated scenarios: STEPS, APS, NZE, observed", DefaultValueFactory = _ => "STEPS,APS,NZE" };
        var years = new Option<string>("--years") { Description = "Comma-separated years (2030, 2035, 2040; 2024 with observed)", DefaultValueFactory = _ => "2030" };
        var shares = new Option<string>("--demand-shares") { Description = "Comma-separated shares of world demand to serve", DefaultValueFactory = _ => "1" };
        var rules = CommonOptions.Rules();
        var format = CommonOptions.Format();
        var data = CommonOptions.Data();
        var backend = CommonOptions.Backend();
        foreach (var option in new Option[] { commodities, coalitions, scenarios, years, shares, rules, format, data, backend })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, token) => CommandRunner.Run(environment, async ct =>
        {
            var dataset = CommonOptions.LoadDataset(parse.GetValue(data), environment.Error);
            string commodityList = parse.GetValue(commodities)!;
            var grid = new SweepGrid
            {
                Commodities = commodityList == "all" ? dataset.Commodities.Select(c => c.Code).ToArray()
                    : CliInput.Items("--commodities", commodityList).Select(c => CliInput.Commodity("--commodities", c, dataset)).ToArray(),
                Coalitions = (parse.GetValue(coalitions) is { Length: > 0 } given ? given : Analysis.CoalitionAnalysis.BuiltInCoalitions.ToArray())
                    .Select(spec => CommonOptions.ParseCoalition(spec, dataset)).ToArray(),
                Scenarios = CliInput.Items("--scenarios", parse.GetValue(scenarios)).Select(CommonOptions.ParseScenario).ToArray(),
                Years = CliInput.Years("--years", parse.GetValue(years)),
                DemandShares = CliInput.DemandShares("--demand-shares", parse.GetValue(shares)),
                Rules = [CommonOptions.ParseRules(parse.GetValue(rules)!)],
            };
            var sweep = new ScenarioSweep(dataset, CommonOptions.ResolveBackend(parse.GetValue(backend)));
            var expanded = grid.Expand();
            var result = await ProgressDisplay.RunAsync(environment, string.Create(CultureInfo.InvariantCulture, $"solving {expanded.Count} scenarios"), expanded.Count,
                report => sweep.Run(expanded, progress: new SynchronousProgress<SweepProgress>(p => report(p.Done)), cancellationToken: ct)).ConfigureAwait(false);
            var table = result.ToTable();
            switch (parse.GetValue(format))
            {
                case "csv":
                    table.WriteCsv(environment.Out);
                    break;
                case "json":
                    using (var stream = new MemoryStream())
                    {
                        table.WriteJson(stream);
                        await environment.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray())).ConfigureAwait(false);
                    }

                    break;
                default:
                    WriteSummary(environment, result);
                    break;
            }

            await environment.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{result.Results.Count} of {result.Total} scenarios in {result.Elapsed.TotalSeconds:0.0} s on {result.Structures} model structures{(result.Cancelled ? " (cancelled)" : string.Empty)}")).ConfigureAwait(false);
            return result.Cancelled ? PartialBatch.ReportCancelled(environment, result.Results.Count, result.Total, "scenarios")
                : result.Results.Any(r => r.Status != Solving.SolveStatus.Optimal) ? ExitCodes.SolveFailed
                : ExitCodes.Ok;
        }, token));
        return command;
    }

    private static void WriteSummary(CliEnvironment environment, SweepResult result)
    {
        var c = CultureInfo.InvariantCulture;
        TextTable.Write(
            environment,
            ["commodity", "coalition", "scenario", "year", "demand share", "demand (kt)", "shortfall (kt)", "coverage", "note"],
            result.Results.Select(r =>
            {
                var q = r.Scenario.Question;
                return (IReadOnlyList<string>)[q.Commodity, q.Coalition.Name, CommonOptions.Label(q.Scenario), q.Year.ToString(c), q.DemandShare.ToString("0.##", c),
                    r.DemandKt.ToString("N1", c), r.ShortfallKt.ToString("N1", c), r.Coverage.ToString("P0", c), r.Message ?? string.Empty];
            }),
            new HashSet<int> { 3, 4, 5, 6, 7 });
    }
}

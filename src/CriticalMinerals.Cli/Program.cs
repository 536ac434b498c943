using System.CommandLine;
using System.Globalization;
using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;

// The main job: what each built-in coalition could mine, refine and supply of each mineral against IEA demand,
// on the embedded data (or a directory of the same CSV files).
var format = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
format.AcceptOnlyFromAmong("table", "csv", "json");
var year = new Option<int>("--year") { Description = "Scenario year (2030, 2035, 2040); the 2024 baseline is always included", DefaultValueFactory = _ => 2030 };
var coalition = new Option<string[]>("--coalition") { Description = "Extra coalition as NAME=ISO3,ISO3,... (e.g. China+=CHN,RUS); repeatable", AllowMultipleArgumentsPerToken = false };
var data = new Option<DirectoryInfo?>("--data") { Description = "Directory of CSV files replacing the embedded data (missing files fall back to it)" };
var backendName = new Option<string?>("--backend") { Description = "Backend: " + string.Join(", ", SolverBackends.All.Select(b => b.Name)) + " (default: automatic)" };
var open = new Option<bool>("--open-market") { Description = "Let non-members supply without limit (default: coalition-only sourcing)" };

var root = new RootCommand("CriticalMinerals: could a coalition of partner countries mine, refine and recycle enough critical minerals for a climate scenario?")
{
    format, year, coalition, data, backendName, open,
};

root.SetAction(parse =>
{
    try
    {
        var dataset = parse.GetValue(data) is { } directory
            ? MineralDataset.Load(directory.FullName, new DatasetLoadOptions { FallBackToDefaults = true })
            : MineralDataset.Default;
        var backend = parse.GetValue(backendName) is { } name ? SolverBackends.Get(name) : null;
        var analysis = new CoalitionAnalysis(dataset, backend);
        var rules = parse.GetValue(open) ? SourcingRules.OpenMarket : SourcingRules.CoalitionOnly;
        var questions = analysis.MainQuestions(parse.GetValue(year)).ToList();
        foreach (string spec in parse.GetValue(coalition) ?? [])
        {
            var parts = spec.Split('=', 2);
            if (parts.Length != 2)
            {
                Console.Error.WriteLine($"--coalition '{spec}': expected NAME=ISO3,ISO3,...");
                return 2;
            }

            var custom = Coalition.Create(parts[0], parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            questions.AddRange(analysis.MainQuestions(parse.GetValue(year))
                .Where(q => q.Coalition.Name == CoalitionAnalysis.BuiltInCoalitions[0])
                .Select(q => q with { Coalition = custom }));
        }

        questions = questions.Select(q => q with { Rules = rules }).ToList();
        var results = analysis.AnswerAll(questions);
        switch (parse.GetValue(format))
        {
            case "json":
                using (var stdout = Console.OpenStandardOutput())
                {
                    CoverageExport.WriteJson(results, stdout);
                }

                break;
            case "csv":
                CoverageExport.WriteCsv(results, Console.Out);
                break;
            default:
                TableReport.Write(results, dataset, rules, Console.Out);
                break;
        }

        return results.Any(r => r.Status != SolveStatus.Optimal) ? 3 : 0;
    }
    catch (DatasetException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
});

return root.Parse(args).Invoke();

/// <summary>The human-readable table of the main job.</summary>
internal static class TableReport
{
    public static void Write(IReadOnlyList<CoverageResult> results, MineralDataset dataset, SourcingRules rules, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("CriticalMinerals: coalition supply against IEA demand");
        output.WriteLine(rules == SourcingRules.CoalitionOnly
            ? "Sourcing: coalition-only at every stage (members' mines feed members' refineries)."
            : "Sourcing: open market (non-members may supply without limit).");
        output.WriteLine("Demand: world total demand of the scenario. Mining and refining: sum of members' IEA rows; 'chain' is what the LP delivers through the members' own chain.");
        output.WriteLine();
        foreach (var group in results.GroupBy(r => r.Commodity))
        {
            var first = group.First();
            var commodity = dataset.GetCommodity(first.Commodity);
            output.WriteLine($"== {commodity.Name} ({first.Unit}) ==");
            output.WriteLine(string.Format(c, "{0,-36} {1,-10} {2,10} {3,10} {4,6} {5,10} {6,6} {7,6} {8,10} {9,8}  {10}",
                "coalition", "scenario", "demand", "mining", "cov", "refining", "cov", "chain", "shortfall", "reserves", "top investment target"));
            foreach (var r in group)
            {
                string reserves = r.Reserves is { } res ? res.Coverage.ToString("P0", c) : "n/a";
                string target = r.InvestmentTargets.Count > 0 ? r.InvestmentTargets[0].Description : "-";
                output.WriteLine(string.Format(c, "{0,-36} {1,-10} {2,10:N1} {3,10:N1} {4,6:P0} {5,10:N1} {6,6:P0} {7,6:P0} {8,10:N1} {9,8}  {10}",
                    r.Coalition, $"{Label(r.Scenario)} {r.Year}", r.DemandKt, r.Mining.CoalitionKt, r.Mining.Coverage, r.Refining.CoalitionKt, r.Refining.Coverage, r.TotalCoverage, r.ShortfallKt, reserves, target));
            }

            foreach (string note in group.SelectMany(r => r.Notes).Distinct())
            {
                output.WriteLine("  note: " + note);
            }

            output.WriteLine(string.Format(c, "  world {0} {1}: mining {2:N1}, refining {3:N1} ({4})", Label(first.Scenario), first.Year, first.Mining.WorldKt, first.Refining.WorldKt, first.Unit));
            output.WriteLine("  sources: " + string.Join("; ", group.SelectMany(r => r.SourceIds).Distinct().Order(StringComparer.Ordinal)
                .Select(id => id + " " + dataset.Sources[id].Title).Take(4)) + (group.SelectMany(r => r.SourceIds).Distinct().Count() > 4 ? "; …" : string.Empty));
            output.WriteLine();
        }

        output.WriteLine("Reserves: coalition reserves (USGS " + dataset.UsgsEdition + ") over cumulative scenario demand from the year to 2050.");
    }

    private static string Label(DemandScenario scenario) => scenario switch
    {
        DemandScenario.Observed => "observed",
        DemandScenario.Steps => "STEPS",
        DemandScenario.Aps => "APS",
        _ => "NZE",
    };
}

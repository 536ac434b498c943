#:package CriticalMinerals@0.1.0
#:property RuntimeIdentifier=$(NETCoreSdkRuntimeIdentifier)
// # Reserves against cumulative demand to 2050
//
// The study's claim that partners *could* supply rests on reserves. Here: each coalition's USGS reserves over the
// cumulative demand of each IEA scenario from 2030 to 2050 (trapezoid rule over the scenario's years). Above 100 %
// the members hold, in the ground and economic today, at least what the world would use in those twenty years.
// Graphite and magnet rare earths: see the notes printed below (USGS reserves do not match the IEA definitions).
//
// Run: `dotnet run reserves-vs-demand.cs` wherever the file is (it restores the CriticalMinerals package); in the clone,
// `samples/scripts/run-all.sh reserves-vs-demand.cs` runs it against the clone's own build.
using System.Globalization;
using CriticalMinerals.Analysis;
using CriticalMinerals.Data;

var c = CultureInfo.InvariantCulture;
var data = MineralDataset.Default;
var analysis = new CoalitionAnalysis(data);
DemandScenario[] scenarios = [DemandScenario.Steps, DemandScenario.Aps, DemandScenario.Nze];

// ## 1. One question per mineral, coalition and scenario (the LP is solved too, but only reserves are read here)
var questions = (from commodity in data.Commodities
                 from name in CoalitionAnalysis.BuiltInCoalitions
                 from scenario in scenarios
                 select new CoalitionQuestion { Commodity = commodity.Code, Coalition = data.GetCoalition(name), Scenario = scenario, Year = 2030, InvestmentTargetCount = 0 }).ToArray();
var answers = analysis.AnswerAll(questions);
Console.WriteLine("USGS edition: " + data.UsgsEdition);
Console.WriteLine();

// ## 2. Cumulative demand 2030–2050 by scenario (model units)
Console.WriteLine("| mineral | unit | STEPS | APS | NZE |");
Console.WriteLine("|---|---|---:|---:|---:|");
foreach (var group in answers.Where(a => a.Reserves is not null).GroupBy(a => a.Commodity))
{
    var cumulative = scenarios.Select(s => group.First(a => a.Scenario == s).Reserves!.CumulativeDemandKt.ToString("N0", c));
    Console.WriteLine($"| {group.Key} | {group.First().Unit} | " + string.Join(" | ", cumulative) + " |");
}

Console.WriteLine();

// ## 3. Reserve coverage: coalition reserves / cumulative demand (STEPS / APS / NZE)
Console.WriteLine("| mineral | " + string.Join(" | ", CoalitionAnalysis.BuiltInCoalitions) + " |");
Console.WriteLine("|---|" + string.Concat(CoalitionAnalysis.BuiltInCoalitions.Select(_ => "---:|")));
foreach (var commodity in data.Commodities)
{
    var cells = CoalitionAnalysis.BuiltInCoalitions.Select(name =>
    {
        var rows = scenarios.Select(s => answers.Single(a => a.Commodity == commodity.Code && a.Coalition == name && a.Scenario == s)).ToArray();
        return rows[0].Reserves is null ? "n/a" : string.Join(" / ", rows.Select(r => r.Reserves!.Coverage.ToString("P0", c)));
    });
    Console.WriteLine($"| {commodity.Name} | " + string.Join(" | ", cells) + " |");
}

Console.WriteLine();

// ## 4. Caveats: why some cells are n/a, and whose reserves USGS withholds
foreach (string note in answers.Select(a => a.ReservesNote).OfType<string>().Distinct())
{
    Console.WriteLine("- " + note);
}

foreach (var a in answers.Where(a => a.Reserves is { WithheldMembers.Count: > 0 } && a.Scenario == DemandScenario.Nze))
{
    Console.WriteLine($"- {a.Commodity}, {a.Coalition}: reserves withheld or not numeric for {string.Join(", ", a.Reserves!.WithheldMembers)} (counted as 0)");
}

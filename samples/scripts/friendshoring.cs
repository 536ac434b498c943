#:package CriticalMinerals@0.1.0
#:property RuntimeIdentifier=$(NETCoreSdkRuntimeIdentifier)
// # Friendshoring critical minerals: what could the partners supply in 2030?
//
// The study's question (Johns Hopkins NZIPL / Carnegie, May 2023): under the IEA Net Zero scenario, how much of the
// world's 2030 demand for each mineral could each partner coalition supply
//
// * **coalition-only** — members' mines feed members' refineries, nothing from outside (the friendshoring case), and
// * **open market** — non-members may supply ore and refined metal without limit?
//
// Run: `dotnet run friendshoring.cs` wherever the file is (it restores the CriticalMinerals package); in the clone,
// `samples/scripts/run-all.sh friendshoring.cs` runs it against the clone's own build.
using System.Globalization;
using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;

var c = CultureInfo.InvariantCulture;
var data = MineralDataset.Default;
var analysis = new CoalitionAnalysis(data);

// ## 1. The questions: every mineral × built-in coalition, NZE 2030, under both sourcing rules
var questions = (from commodity in data.Commodities
                 from coalition in CoalitionAnalysis.BuiltInCoalitions
                 from rules in new[] { SourcingRules.CoalitionOnly, SourcingRules.OpenMarket }
                 select new CoalitionQuestion
                 {
                     Commodity = commodity.Code,
                     Coalition = data.GetCoalition(coalition),
                     Scenario = DemandScenario.Nze,
                     Year = 2030,
                     Rules = rules,
                     InvestmentTargetCount = 0,
                 }).ToArray();
// Answers come back in question order: pair each with its sourcing rules.
var answers = analysis.AnswerAll(questions).Zip(questions, (a, q) => (Answer: a, OpenMarket: q.Rules == SourcingRules.OpenMarket)).ToArray();
Console.WriteLine(string.Create(c, $"Solved {answers.Length} LPs ({answers.Count(a => a.Answer.Status == CriticalMinerals.Solving.SolveStatus.Optimal)} optimal)."));
Console.WriteLine();

// ## 2. Coverage of NZE 2030 demand: coalition-only / open market
// The open-market figure is bounded by the world's output: below 100 % there the world itself falls short of NZE.
Console.WriteLine("| mineral | " + string.Join(" | ", CoalitionAnalysis.BuiltInCoalitions) + " |");
Console.WriteLine("|---|" + string.Concat(CoalitionAnalysis.BuiltInCoalitions.Select(_ => "---:|")));
foreach (var commodity in data.Commodities)
{
    var cells = CoalitionAnalysis.BuiltInCoalitions.Select(name =>
    {
        var only = answers.Single(a => a.Answer.Commodity == commodity.Code && a.Answer.Coalition == name && !a.OpenMarket).Answer;
        var open = answers.Single(a => a.Answer.Commodity == commodity.Code && a.Answer.Coalition == name && a.OpenMarket).Answer;
        return string.Create(c, $"{only.TotalCoverage,4:P0} / {open.TotalCoverage,4:P0}");
    });
    Console.WriteLine($"| {commodity.Name} | " + string.Join(" | ", cells) + " |");
}

Console.WriteLine();

// ## 3. The largest friendshoring gap per mineral, in the model unit
Console.WriteLine("| mineral | unit | NZE 2030 demand | best coalition (coalition-only) | its shortfall |");
Console.WriteLine("|---|---|---:|---|---:|");
foreach (var commodity in data.Commodities)
{
    var best = answers.Where(a => a.Answer.Commodity == commodity.Code && !a.OpenMarket).Select(a => a.Answer)
        .OrderByDescending(a => a.TotalCoverage).First();
    Console.WriteLine(string.Create(c, $"| {commodity.Name} | {best.Unit} | {best.DemandKt:N1} | {best.Coalition} ({best.TotalCoverage:P0}) | {best.ShortfallKt:N1} |"));
}


#:package CriticalMinerals@0.1.0
#:property RuntimeIdentifier=$(NETCoreSdkRuntimeIdentifier)
// # A coalition around China, next to the partners' coalitions
//
// The same question asked of the other side: what share of NZE 2030 demand could a China-centred group supply through
// its own chain, and how concentrated would that supply be? Two groups are defined here from ISO codes (any group can
// be): China alone, and BRICS as enlarged in 2024–2025. They are compared with the US + FTA partners and the MSP.
//
// Run: `dotnet run china-coalition.cs` wherever the file is (it restores the CriticalMinerals package); in the clone,
// `samples/scripts/run-all.sh china-coalition.cs` runs it against the clone's own build.
using System.Globalization;
using CriticalMinerals.Analysis;
using CriticalMinerals.Data;

var c = CultureInfo.InvariantCulture;
var data = MineralDataset.Default;
var analysis = new CoalitionAnalysis(data);

// ## 1. The coalitions
Coalition[] coalitions =
[
    Coalition.Create("China", ["CHN"]),
    Coalition.Create("BRICS", ["BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"]),
    data.GetCoalition("US_FTA_partners_20"),
    data.GetCoalition("MSP_Minerals_Security_Partnership"),
];
foreach (var coalition in coalitions)
{
    Console.WriteLine($"- {coalition.Name}: {coalition.Members.Count} members");
}

Console.WriteLine();

// ## 2. Solve every mineral for every coalition (coalition-only sourcing, NZE 2030)
var questions = (from commodity in data.Commodities
                 from coalition in coalitions
                 select new CoalitionQuestion { Commodity = commodity.Code, Coalition = coalition, Scenario = DemandScenario.Nze, Year = 2030, InvestmentTargetCount = 1 }).ToArray();
var answers = analysis.AnswerAll(questions);

// ## 3. Coverage through the coalition's own chain, and the refining stage behind it
// "refining" is the members' refinery output over demand; the chain can deliver no more than its refineries do.
Console.WriteLine("| mineral | " + string.Join(" | ", coalitions.Select(x => x.Name + " chain (refining)")) + " |");
Console.WriteLine("|---|" + string.Concat(coalitions.Select(_ => "---:|")));
foreach (var commodity in data.Commodities)
{
    var cells = coalitions.Select(x => answers.Single(a => a.Commodity == commodity.Code && a.Coalition == x.Name))
        .Select(a => string.Create(c, $"{a.TotalCoverage:P0} ({a.Refining.Coverage:P0})"));
    Console.WriteLine($"| {commodity.Name} | " + string.Join(" | ", cells) + " |");
}

Console.WriteLine();

// ## 4. How concentrated each group's refined supply is
// HHI of the refined supply the LP uses, by refinery country (0–10,000; above 2,500 is highly concentrated), and the
// largest refiner's share.
Console.WriteLine("| mineral | coalition | largest refiner | its share | sourcing HHI | top investment target |");
Console.WriteLine("|---|---|---|---:|---:|---|");
foreach (var a in answers)
{
    string target = a.InvestmentTargets.Count > 0 ? a.InvestmentTargets[0].Description : "-";
    Console.WriteLine(string.Create(c, $"| {a.Commodity} | {a.Coalition} | {a.Refining.LargestMember ?? "-"} | {a.SourcingLargestShare:P0} | {a.SourcingHhi:N0} | {target} |"));
}

#:package CriticalMinerals@0.1.0
#:package CriticalMinerals.Charts@0.1.0
#:property RuntimeIdentifier=$(NETCoreSdkRuntimeIdentifier)
// # Busch et al. (2025), Figure 5: unmet lithium demand per demand scenario, library against published
//
// The paper's Figure 5 shows, for each demand scenario and supply variant, the demand its deposits cannot serve (the
// backlog `demand_unmet`, kt Li, carried year to year). This script runs the Base deposits under every demand scenario with
// the library's `DepositGrid` and draws one panel per scenario: the library's unmet demand against the published one
// (`Results/Data_Fig5_slack.csv` of github.com/pmbusch/Lithium-Supply).
//
// Each run is the paper's: the cost stage, then ease of doing business within 10 % of it (DEGRADATION=0.1, the default), at a
// 0.2 % gap so that both stages take the library's rounded LP relaxation (about 30–60 s a run on a 2-core machine; at 0.1 %
// the second stage needs CBC for minutes). DEGRADATION=0 solves the cost stage only (seconds a run): it meets all Base demand,
// so the published line is then what the second objective leaves unmet to score better. PUBLISHED=path reads a local copy of
// the CSV instead of downloading it.
//
// Run: `dotnet run lithium-unmet-demand.cs` (writes lithium-unmet-demand.png); in the clone,
// `samples/scripts/run-all.sh lithium-unmet-demand.cs`.
using System.Globalization;
using CriticalMinerals.Analysis.Deposits;
using CriticalMinerals.Charts;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;

var c = CultureInfo.InvariantCulture;
var busch = MineralDataset.Default.Busch2025;
double degradation = double.Parse(Environment.GetEnvironmentVariable("DEGRADATION") ?? "0.1", c);

// ## 1. The published unmet demand (Base deposits), by scenario and year
string csv = Environment.GetEnvironmentVariable("PUBLISHED") is { Length: > 0 } path
    ? File.ReadAllText(path)
    : await new HttpClient().GetStringAsync("https://raw.githubusercontent.com/pmbusch/Lithium-Supply/main/Results/Data_Fig5_slack.csv");
var published = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
    .Select(line => line.Split(',').Select(cell => cell.Trim().Trim('"')).ToArray())
    .Where(f => f.Length >= 5 && f[4] == DepositProblem.BaseVariant)
    .ToLookup(f => f[3], f => (Year: int.Parse(f[1], c), Kt: double.Parse(f[2], c)));

// ## 2. The library's runs: Base deposits × the 11 demand scenarios, two at a time
var grid = DepositGrid.Run(busch, new DepositGridOptions
{
    SupplyVariants = [DepositProblem.BaseVariant],
    Run = new DepositOptions { Degradation = degradation, RelativeGap = 2e-3, ComputeDuals = false },
});
Console.WriteLine(string.Create(c, $"{grid.Runs.Count} runs in {grid.Elapsed.TotalSeconds:N0} s (degradation {degradation:P0})."));

// ## 3. Unmet demand in 2050 and 2070, kt Li: library / published
Console.WriteLine("| demand scenario | 2050 | 2070 |");
Console.WriteLine("|---|---:|---:|");
foreach (var run in grid.Runs)
{
    var pub = published[run.Cell.Scenario].ToDictionary(p => p.Year, p => p.Kt);
    string Cell(int year) => string.Create(c, $"{run.Result.Years.Single(y => y.Year == year).UnmetKt:N1} / {pub.GetValueOrDefault(year):N1}");
    Console.WriteLine($"| {run.Cell.Scenario} | {Cell(2050)} | {Cell(2070)} |");
}

// ## 4. The figure: a panel per scenario, library (blue) and published (orange)
var library = new ScottPlot.Color(31, 119, 180);
var paper = new ScottPlot.Color(255, 127, 14);
var panels = grid.Runs.Select(run =>
{
    var plot = new ScottPlot.Plot();
    var mine = plot.Add.Scatter(run.Result.Years.Select(y => (double)y.Year).ToArray(), run.Result.Years.Select(y => y.UnmetKt).ToArray());
    mine.Color = library;
    mine.MarkerSize = 0;
    var pub = published[run.Cell.Scenario].OrderBy(p => p.Year).ToArray();
    var theirs = plot.Add.Scatter(pub.Select(p => (double)p.Year).ToArray(), pub.Select(p => p.Kt).ToArray());
    theirs.Color = paper;
    theirs.MarkerSize = 0;
    theirs.LinePattern = ScottPlot.LinePattern.Dashed;
    plot.Title(run.Cell.Scenario.Replace("Ambitious-", "", StringComparison.Ordinal), size: 12);
    plot.YLabel("unmet demand, kt Li");
    return plot;
}).ToArray();
var chart = new PanelChart(
    "Unmet lithium demand by demand scenario, Base deposits (Busch et al. 2025, Figure 5)",
    string.Create(c, $"Backlog at the end of each year, kt Li. Library: deposit MIP, {(degradation == 0 ? "cost stage only" : $"EDB within {degradation:P0} of cost")}, 0.2 % gap. Published: Data_Fig5_slack.csv (cost, then EDB within 10 %). Source B25."),
    panels,
    [new LegendEntry("library", library), new LegendEntry("published (Busch et al. 2025)", paper)],
    Columns: 4);
ChartExport.Save(chart, "lithium-unmet-demand.png", chart.SuggestedSize);
Console.WriteLine("Wrote lithium-unmet-demand.png");

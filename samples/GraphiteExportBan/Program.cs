// If the largest refiner of graphite stops exports in 2027 (nearest modelled period), how large is the MSP's shortfall
// and how long do stocks last?
using System.Globalization;
using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling.Policy;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var data = MineralDataset.Default;
var msp = data.GetCoalition("MSP_Minerals_Security_Partnership");
const string Commodity = "graphite";
var scenario = DemandScenario.Steps;

// The largest refiner, from the data: the biggest 2024 observed refining row.
var refining2024 = data.Supply(Commodity, SupplyStage.Refining, 2024, SupplyCase.Observed);
var largest = refining2024.Countries.MaxBy(r => r.Value)!;

// ASSUMPTIONS (none of these figures is in the data):
const double DemandShare = 1.0;     // the MSP serves world demand, as in the JHU/Carnegie study (MSP consumption is not in the data)
const double ReserveMonths = 3;     // strategic stock: 3 months of 2024 demand held by the end of the 2024 period (illustrative)
var question = new PlanningQuestion
{
    Commodity = Commodity,
    Coalition = msp,
    Scenario = scenario,
    DemandShare = DemandShare,
    Friendshoring = null,                                       // open market: non-members other than the banned one may sell
    Build = new BuildOptions { AllowContinuousBuild = false },  // existing + IEA pipeline only: the shock, not a build-out
    Rules = [new StrategicReserveRule(ReserveMonths) { ToYear = 2024 }],
};
var result = new PlanningAnalysis(data).StressTest(question, new StressScenario { Iso3 = largest.Country.Iso3, FromYear = 2027, CoreMembers = ["USA"] });

Console.WriteLine("Question: if the largest refiner of graphite stops exports in 2027, how large is the MSP's shortfall and how long do stocks last?");
Console.WriteLine();
Console.WriteLine("Assumptions:");
Console.WriteLine($"- Largest refiner (IEA 2024 observed refining): {largest.Country.Name} ({largest.Country.Iso3}), {largest.Value:N0} {largest.Unit.Split(' ')[0]} {largest.Unit.Split(' ')[1]} [{largest.SourceId}].");
Console.WriteLine($"- Its exports to the MSP stop at both stages from 2027; modelled from the period starting {result.DisruptedYears[0]} (2027 is equidistant from 2024 and 2030; ties go to the later period) to the end of the horizon.");
Console.WriteLine($"- Demand: IEA {scenario} total graphite demand (all grades, incl. synthetic) x {DemandShare:0.##} (MSP consumption is not in the data; the study's convention is world demand).");
Console.WriteLine("- Open market: every other non-member may sell the MSP its whole IEA capacity; no new build beyond the IEA base-case pipeline.");
Console.WriteLine($"- Strategic stock: {ReserveMonths} months of 2024 demand held at the end of the 2024 period (illustrative; no source gives stocks). The shock is a surprise.");
Console.WriteLine("- 'Without partners': only the USA supplies as a member; the other MSP members keep their output; demand unchanged.");
Console.WriteLine("- Synthetic graphite has no supply route in the data (other route 0): graphite shortfalls include that definitional gap.");
Console.WriteLine();
Console.WriteLine($"{"variant",-34}{"year",6}{"demand",10}{"shortfall",11}{"release",9}{"stock end",11}");
foreach (var row in result.Rows)
{
    Console.WriteLine($"{row.Variant,-34}{row.Year,6}{row.DemandKt,10:N0}{row.ShortfallKt,11:N0}{row.ReleaseKt,9:N0}{row.StockEndKt,11:N0}{(row.Disrupted ? "  ban" : string.Empty)}");
}

Console.WriteLine();
double baseline = result.Baseline.Period(result.DisruptedYears[0]).ShortfallKt;
double gap = result.GapWithoutStocksKt;
Console.WriteLine($"Shortfall {result.DisruptedYears[0]} without the ban: {baseline:N0} kt/yr; with the ban, no stocks: {gap:N0} kt/yr (+{gap - baseline:N0}).");
Console.WriteLine($"Over the horizon: {result.WithoutStocksWithPartners.TotalShortfallKt:N0} kt short with partners, {result.WithoutStocksWithoutPartners.TotalShortfallKt:N0} kt without (no stocks); {result.WithStocksWithPartners.TotalShortfallKt:N0} kt with stocks and partners.");
Console.WriteLine(result.StocksLastYears is { } years
    ? $"Stock at the ban: {result.StockAtShockKt:N0} kt; it covers the whole gap for {years:N2} years ({years * 12:N1} months, {result.StocksLastPeriods:N2} of a {result.WithStocksWithPartners.Period(result.DisruptedYears[0]).LengthYears:0}-year period)"
      + $", or the gap the ban adds for {result.StocksLastYearsAgainstAddedGap:N2} years ({result.StocksLastYearsAgainstAddedGap * 12:N1} months)."
    : "No gap: the stock is not needed.");
Console.WriteLine();
Console.WriteLine("Notes:");
foreach (string note in result.Notes.Concat(result.WithStocksWithPartners.Notes).Distinct())
{
    Console.WriteLine($"- {note}");
}

Console.WriteLine();
Console.WriteLine("Sources:");
foreach (string id in result.Baseline.SourceIds)
{
    Console.WriteLine($"  {id}: {data.Sources[id].Title}");
}

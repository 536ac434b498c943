// Can the EU meet the CRMA 65 % single-third-country cap for refined lithium and magnet rare earths by 2030,
// and what build-out would it take?
using System.Globalization;
using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling.Policy;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var data = MineralDataset.Default;
var eu = data.GetCoalition("EU27");
var analysis = new PlanningAnalysis(data);

// ASSUMPTION (not in the data): EU consumption as a share of IEA world demand. The IEA demand table is world demand only,
// so the share is a scenario input; pass your own on the command line (e.g. `dotnet run -- 0.08`). The defaults are a
// sensitivity range, not estimates.
double[] shares = args.Length > 0 ? args.Select(a => double.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [0.05, 0.10, 0.20];
var scenario = DemandScenario.Steps;

Console.WriteLine("Question: can the EU meet the CRMA cap (at most 65 % of consumption from one third country at each stage) for");
Console.WriteLine("lithium and magnet rare earths by 2030, and what build-out would it take?");
Console.WriteLine();
Console.WriteLine("Assumptions:");
Console.WriteLine($"- EU consumption = s x IEA world total demand ({scenario}); s is NOT in the data. Shares tried: {string.Join(", ", shares.Select(s => s.ToString("P0", CultureInfo.InvariantCulture)))}.");
Console.WriteLine("- Proportional market: each third country sells the EU at most s x its IEA capacity (the EU's share of the world");
Console.WriteLine("  market); EU27 members' IEA capacity counts as EU supply; Rest of world is not one country (no cap applies to it).");
Console.WriteLine("- Capacity = 2024 observed + IEA base-case pipeline (never negative); new EU build is continuous, unlimited, 1 cost unit");
Console.WriteLine("  per kt/yr (no source gives costs, so the plan minimises capacity built); buying abroad costs nothing.");
Console.WriteLine("- Recycled supply: the EU's own per period from the library's battery stock model (the plans' default; lithium only");
Console.WriteLine("  here, a few hundred tonnes in 2030 since little has retired yet; magnet rare earths have no stock model).");
Console.WriteLine("- Step 1: cap soft (how far it is missed without new build). Step 2: cap hard with build (what diversification and build it takes).");
Console.WriteLine();

foreach (string commodity in new[] { "lithium", "magnet_rare_earths" })
{
    var unit = data.GetCommodity(commodity).ModelUnit;
    Console.WriteLine($"== {data.GetCommodity(commodity).Name} ({unit}) ==");
    foreach (double share in shares)
    {
        var (cap, capSources) = EuCrma.Rules(data, share, CrmaBenchmarks.SingleCountryCap, RuleMode.Soft);
        var baseQuestion = new PlanningQuestion
        {
            Commodity = commodity,
            Coalition = eu,
            Scenario = scenario,
            DemandShare = share,
            Friendshoring = null,
            NonMemberCapacityShare = share,
            RuleSourceIds = capSources,
            Assumptions = [$"EU consumption = {share:P0} of world demand (assumption)."],
        };

        var soft = analysis.Plan(baseQuestion with { Build = new BuildOptions { AllowContinuousBuild = false }, Rules = cap });
        var hardCap = cap.Cast<SingleCountryCapRule>().Select(r => r with { Mode = RuleMode.Hard }).ToArray();
        var build = analysis.Plan(baseQuestion with { Rules = hardCap });
        var p2030 = soft.Period(2030);
        var b2030 = build.Period(2030);
        double capKt = 0.65 * p2030.DemandKt;
        Console.WriteLine($"s = {share:P0}: EU consumption 2030 = {p2030.DemandKt:N1}, cap per third country = {capKt:N1} kt/yr");
        foreach (var v in soft.Violations.Where(v => v.Year == 2030).OrderByDescending(v => v.ViolationKt))
        {
            Console.WriteLine($"   without new build, 2030: {v.Detail} exceeds the cap by {v.ViolationKt:N1} kt/yr");
        }

        if (!soft.Violations.Any(v => v.Year == 2030))
        {
            Console.WriteLine("   without new build, 2030: the cap is met (other suppliers and EU capacity suffice)");
        }

        Console.WriteLine($"   shortfall 2030 without new build (cap soft): {p2030.ShortfallKt:N1} kt/yr; EU refined output {p2030.MemberRefinedKt:N1}");
        var suppliers = build.Capacities.Where(c => c.Year == 2030 && !c.IsMember && c.Stage == SupplyStage.Refining && c.OutputKt > 1e-6)
            .OrderByDescending(c => c.OutputKt).Select(c => $"{c.Iso3} {c.OutputKt:N1}");
        Console.WriteLine($"   cap hard, with build: 2030 shortfall {b2030.ShortfallKt:N1}; refined bought 2030: {string.Join(", ", suppliers)}");
        double euRefining = build.Capacities.Where(c => c.Year == 2030 && c.IsMember && c.Stage == SupplyStage.Refining).Sum(c => c.NewBuildKt);
        double euMining = build.Capacities.Where(c => c.Year == 2030 && c.IsMember && c.Stage == SupplyStage.Mining).Sum(c => c.NewBuildKt);
        double existing = build.Capacities.Where(c => c.Year == 2030 && c.IsMember && c.Stage == SupplyStage.Refining).Sum(c => c.ExistingKt + c.PipelineKt);
        Console.WriteLine($"   EU refining 2030: {existing:N1} existing+pipeline, new build needed {euRefining:N1}; new EU mining {euMining:N1} kt/yr (status {build.Status})");
        foreach (string note in build.Notes.Where(n => n.Contains("binds", StringComparison.Ordinal) || n.StartsWith("No member has known", StringComparison.Ordinal)))
        {
            Console.WriteLine($"   {note}");  // growth limits, lead times and geology (defaults: assumptions without source)
        }
    }

    Console.WriteLine();
}

Console.WriteLine("Sources: IEA Critical Minerals Dataset (supply by country, demand) and EU CRMA targets; source ids:");
var ids = new SortedSet<string>(StringComparer.Ordinal);
foreach (string commodity in new[] { "lithium", "magnet_rare_earths" })
{
    var (_, capSources) = EuCrma.Rules(data, shares[0], CrmaBenchmarks.SingleCountryCap);
    ids.UnionWith(capSources);
    ids.UnionWith(analysis.BuildProblem(new PlanningQuestion { Commodity = commodity, Coalition = eu, Scenario = scenario, Friendshoring = null }).SourceIds);
}

foreach (string id in ids)
{
    Console.WriteLine($"  {id}: {data.Sources[id].Title}");
}

using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling.Policy;
using static CriticalMinerals.Tests.Modeling.Planning.PlanTestProblems;

namespace CriticalMinerals.Tests.Analysis.Planning;

/// <summary>Stress tests on the world model: a cut mine country starves the refineries it fed, member or not.</summary>
public sealed class StressTestTests
{
    private static readonly MineralDataset Data = MineralDataset.Default;
    private static readonly PlanningAnalysis Analysis = new(Data);

    /// <summary>Member USA (demand 10, no capacity), non-member COD (mines 8), non-member CHN (mines 1, refines up to 10); 2024 and 2030; open market, no build.</summary>
    private static PlanningProblem MineAndRefinery() => new()
    {
        Commodity = "test",
        Periods = Periods((2024, 6, 10), (2030, 5, 10)),
        Sites = [Site("USA", true, 0, 0, 2), Site("COD", false, 8, 0, 2), Site("CHN", false, 1, 10, 2)],
        Build = new BuildOptions { AllowContinuousBuild = false },
    };

    /// <summary>
    /// Member USA has demand 10 and no capacity; non-member COD mines 8, non-member CHN mines 1 and refines up to 10; open
    /// market, no build. Before the cut the world has 9 of ore, so CHN refines 9 and the coalition is 1 short. COD's cut from
    /// 2030 leaves CHN 1 of ore: it refines 1, the coalition is 9 short, the cut adds 8 (COD's ore). A pooled model, where a
    /// non-member's refinery needs no ore, would let CHN sell 10 and show no gap at all.
    /// </summary>
    [Fact]
    public void Cutting_a_non_member_mine_starves_the_non_member_refinery_it_fed()
    {
        var result = Analysis.StressTest(MineAndRefinery(), new StressScenario { Iso3 = "COD", FromYear = 2030 });

        result.DisruptedYears.Should().Equal(2030);
        result.Baseline.Period(2024).ShortfallKt.Should().BeApproximately(1, 1e-6);
        result.Baseline.Period(2030).ShortfallKt.Should().BeApproximately(1, 1e-6);
        result.Baseline.Period(2030).NonMemberRefinedKt.Should().BeApproximately(9, 1e-6);
        result.Baseline.Period(2030).NonMemberOreKt.Should().BeApproximately(0, 1e-6, "the coalition has no refinery to take ore into");
        var cut = result.WithoutStocksWithPartners;
        cut.Period(2024).ShortfallKt.Should().BeApproximately(1, 1e-6, "the shock starts in 2030");
        cut.Period(2030).ShortfallKt.Should().BeApproximately(9, 1e-6);
        cut.Period(2030).NonMemberRefinedKt.Should().BeApproximately(1, 1e-6, "CHN refines only its own ore");
        result.GapWithoutStocksKt.Should().BeApproximately(9, 1e-6);
        result.GapAddedByShockKt.Should().BeApproximately(8, 1e-6);
    }

    /// <summary>
    /// Cutting the refinery country instead: COD's ore has nowhere to go, the coalition gets nothing in 2030 (10 short, 9 more
    /// than before).
    /// </summary>
    [Fact]
    public void Cutting_the_refinery_country_strands_the_ore_it_would_refine()
    {
        var result = Analysis.StressTest(MineAndRefinery(), new StressScenario { Iso3 = "CHN", FromYear = 2030 });

        result.GapWithoutStocksKt.Should().BeApproximately(10, 1e-6);
        result.GapAddedByShockKt.Should().BeApproximately(9, 1e-6);
    }

    /// <summary>
    /// Member A mines and refines 5, non-member C 100 of each, demand 20, and C's mining cut from 2030. As an export ban
    /// (C sells the coalition no ore) C still refines its own ore and sells 15: nothing short. As a supply shock (C's mines
    /// stop) the world has only A's 5 of ore: 15 short a year in 2030, 75 kt.
    /// </summary>
    [Fact]
    public void A_supply_shock_stops_the_mines_an_export_ban_only_their_sales()
    {
        var ban = new ExportDisruptionRule("C", 0) { FromYear = 2030, Stages = [SupplyStage.Mining] };
        PlanResult Solve(ExportDisruptionRule rule) => PlanSolver.Solve(PlanModel.Create(OpenMarket() with { Rules = [rule] }), CriticalMinerals.Solving.SolverBackends.Clp);

        Solve(ban).TotalShortfallKt.Should().BeApproximately(0, 1e-6);
        var shock = Solve(ban with { WholeOutput = true });
        shock.Period(2024).ShortfallKt.Should().BeApproximately(0, 1e-6);
        shock.Period(2030).ShortfallKt.Should().BeApproximately(15, 1e-6);
        shock.TotalShortfallKt.Should().BeApproximately(75, 1e-6);
    }

    /// <summary>
    /// MSP cobalt, STEPS, open market, no build: the coalition's demand is world demand (share 1), so its 2030 supply is what
    /// the world's refineries can make from the ore left. Cutting COD (about 62 % of mined cobalt in 2030) leaves world ore of
    /// Σ mined − COD, and no cobalt scrap share (world mining exceeds world refining in 2024): the gap is demand minus that ore.
    /// Cutting CHN leaves the refineries outside China, fed by the ore outside China: the gap is demand minus the smaller.
    /// Both are computed from the data rows.
    /// </summary>
    [Fact]
    public void Cobalt_cut_of_the_congo_raises_the_gap_by_its_ore()
    {
        var question = new PlanningQuestion
        {
            Commodity = "cobalt",
            Coalition = Data.GetCoalition("MSP_Minerals_Security_Partnership"),
            Scenario = DemandScenario.Steps,
            Friendshoring = null,
            Build = new BuildOptions { AllowContinuousBuild = false },
            Rules = [new StrategicReserveRule(3) { ToYear = 2024 }],
        };
        var problem = Analysis.BuildProblem(question);
        problem.SecondaryFeedShare.Should().Be(0);
        var mining = Data.CountrySupply("cobalt", SupplyStage.Mining, 2030, SupplyCase.BaseCaseProjection).AllRows;
        var refining = Data.CountrySupply("cobalt", SupplyStage.Refining, 2030, SupplyCase.BaseCaseProjection).AllRows;
        double demand = Data.TotalDemand("cobalt", DemandScenario.Steps, 2030).Value;
        double Mined(string? except) => mining.Where(r => r.Country.Iso3 != except).Sum(r => r.ValueKt);
        double Refinable(string? except) => refining.Where(r => r.Country.Iso3 != except).Sum(r => r.ValueKt);
        double congo = mining.Single(r => r.Country.Iso3 == "COD").ValueKt;
        (congo / Mined(null)).Should().BeGreaterThan(0.6);

        // The MSP's own recycled cobalt (stock model, STEPS 2030: the Busch regions it holds whole) serves beside the chain.
        double recycled = CriticalMinerals.Analysis.Recycling.ScenarioBatteryFlows.Create(Data, DemandScenario.Steps).Projection
            .RecycledKt("Cobalt", 2030, ["European Union", "Canada", "India", "Japan", "South Korea", "United Kingdom", "United States"]);
        problem.Recycling.RecycledKt[problem.Periods.ToList().FindIndex(p => p.Year == 2030)].Should().BeApproximately(recycled, 1e-12);
        recycled.Should().BeGreaterThan(0.1);

        var cod = Analysis.StressTest(problem, new StressScenario { Iso3 = "COD", FromYear = 2030 });
        var chn = Analysis.StressTest(problem, new StressScenario { Iso3 = "CHN", FromYear = 2030 });

        double before = Math.Max(0, demand - recycled - Math.Min(Mined(null), Refinable(null)));
        cod.Baseline.Period(2030).ShortfallKt.Should().BeApproximately(before, 1e-6 * demand);
        cod.GapWithoutStocksKt.Should().BeApproximately(demand - recycled - Math.Min(Mined("COD"), Refinable(null)), 1e-6 * demand);
        chn.GapWithoutStocksKt.Should().BeApproximately(demand - recycled - Math.Min(Mined("CHN"), Refinable("CHN")), 1e-6 * demand);
        cod.GapAddedByShockKt.Should().BeGreaterThan(0.9 * congo - (Mined(null) - demand), "the Congo's ore fed the refineries that serve the coalition");
    }
}

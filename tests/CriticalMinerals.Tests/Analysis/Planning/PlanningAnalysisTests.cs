using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling.Policy;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Analysis.Planning;

/// <summary>Problems built from the embedded data, checked against the data rows, and the runners on them.</summary>
public sealed class PlanningAnalysisTests
{
    private static readonly MineralDataset Data = MineralDataset.Default;
    private static readonly PlanningAnalysis Analysis = new(Data);

    private static PlanningQuestion Question(string commodity, string coalition) => new()
    {
        Commodity = commodity,
        Coalition = Data.GetCoalition(coalition),
        Scenario = DemandScenario.Steps,
    };

    [Fact]
    public void Periods_and_demand_come_from_the_data()
    {
        var problem = Analysis.BuildProblem(Question("lithium", "MSP_Minerals_Security_Partnership"));
        problem.Periods.Select(p => p.Year).Should().Equal(2024, 2030, 2035, 2040);
        problem.Periods.Select(p => p.LengthYears).Should().Equal(6, 5, 5, 5);
        problem.Periods[0].DemandKt.Should().Be(Data.TotalDemand("lithium", DemandScenario.Observed, 2024).Value);
        problem.Periods[1].DemandKt.Should().Be(Data.TotalDemand("lithium", DemandScenario.Steps, 2030).Value);
    }

    /// <summary>
    /// China's graphite refining: 1794.824 kt observed in 2024, 3854.369 in the 2030 base case: existing 1794.824, pipeline
    /// 2059.545. China's graphite mining declines (1580 → 1260.521): existing falls to 1260.521, pipeline 0.
    /// </summary>
    [Fact]
    public void The_coalitions_own_recycled_supply_per_period_comes_from_the_stock_model_by_default()
    {
        // EU27 nickel, STEPS: the EU27 is Busch's region 'European Union' exactly; each period takes that region's row of the year.
        var question = Question("nickel", "EU27") with { IncludeDemandOnlyYears = true };
        var problem = Analysis.BuildProblem(question);
        var flows = CriticalMinerals.Analysis.Recycling.ScenarioBatteryFlows.Create(Data, DemandScenario.Steps);
        var expected = problem.Periods.Select(p => flows.Projection.Rows.Single(r => r.Mineral == "Nickel" && r.Region == "European Union" && r.Year == p.Year).RecycledKt).ToArray();
        problem.Recycling.RecycledKt.Should().Equal(expected);
        expected[^1].Should().BeGreaterThan(expected[1], "what retires grows with the stock sold years before");
        problem.Notes.Should().Contain(n => n.StartsWith("Recycled supply of the coalition's own per period (stock model, STEPS", StringComparison.Ordinal) && n.Contains("regions: European Union", StringComparison.Ordinal));

        // The plan serves it: recycled supply in each period is what the stock model gives (the chain is short, so all of it is used).
        var plan = Analysis.Plan(question);
        plan.Periods.Select(p => p.RecycledKt).Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-6);

        // A user series replaces it; RecyclingBasis.None and minerals without a stock model get none.
        Analysis.BuildProblem(question with { Recycling = new RecyclingOptions { RecycledKt = [1, 2] } }).Recycling.RecycledKt.Should().Equal(1, 2);
        Analysis.BuildProblem(question with { RecycledSupply = CriticalMinerals.Analysis.Recycling.RecyclingBasis.None }).Recycling.RecycledKt.Should().BeEmpty();
        var copper = Analysis.BuildProblem(Question("copper", "EU27"));
        copper.Recycling.RecycledKt.Should().BeEmpty();
        copper.Notes.Should().Contain(n => n.StartsWith("Recycled supply: none [ASSUMPTION]", StringComparison.Ordinal));

        // With no recycling plants in place, the plan builds them from 2030 (lead time 6 years) up to what retires: the EU's
        // recycled nickel then follows the stock model from 2030 on, and what it built in all is the last period's figure
        // (the material grows every period).
        var withPlants = question with { Recycling = new RecyclingOptions { Plants = new RecyclingPlantOptions { CapacityKt = 0, Build = StageBuildLimits.None with { LeadTimeYears = 6 } } } };
        var built = Analysis.Plan(withPlants);
        built.Periods[0].RecycledKt.Should().Be(0, "no plants in 2024");
        // Tolerance 1e-6 relative: the cost stage keeps the shortfall optimum within the lexicographic slack, and trims build in it.
        built.Periods.Skip(1).Select(p => p.RecycledKt).Should().Equal(expected.Skip(1), (a, b) => Math.Abs(a - b) < 1e-6 * Math.Max(1, b));
        built.Periods.Sum(p => p.RecyclingCapacityBuiltKt).Should().BeApproximately(expected[^1], 1e-6 * expected[^1]);
        Analysis.BuildProblem(withPlants).Notes.Should().Contain(n => n.StartsWith("[ASSUMPTION] recycling plants", StringComparison.Ordinal) && n.Contains("new capacity from 2030", StringComparison.Ordinal));
    }

    [Fact]
    public void Capacity_is_existing_plus_a_pipeline_that_is_never_negative()
    {
        var problem = Analysis.BuildProblem(Question("graphite", "MSP_Minerals_Security_Partnership"));
        var china = problem.Sites.Single(s => s.Iso3 == "CHN");
        china.IsMember.Should().BeFalse();
        china.Refining.ExistingKt[1].Should().BeApproximately(1794.824, 1e-9);
        china.Refining.PipelineKt[1].Should().BeApproximately(3854.369 - 1794.824, 1e-9);
        china.Mining.ExistingKt[0].Should().BeApproximately(1580, 1e-9);
        china.Mining.ExistingKt[1].Should().BeApproximately(1260.521, 1e-9);
        china.Mining.PipelineKt[1].Should().Be(0);
        problem.Sites.Should().OnlyContain(s => s.Mining.PipelineKt.All(v => v >= 0) && s.Refining.PipelineKt.All(v => v >= 0));
        problem.Sites.Single(s => s.Iso3 == "ROW").IsAggregate.Should().BeTrue();
        problem.SourceIds.Should().Contain("S48");
    }

    [Fact]
    public void Demand_only_years_hold_capacity_at_2040()
    {
        var problem = Analysis.BuildProblem(Question("graphite", "G7") with { IncludeDemandOnlyYears = true });
        problem.Periods.Select(p => p.Year).Should().Equal(2024, 2030, 2035, 2040, 2045, 2050);
        problem.Periods.Select(p => p.HasSupplyData).Should().Equal(true, true, true, true, false, false);
        var china = problem.Sites.Single(s => s.Iso3 == "CHN");
        china.Refining.BaseKt(5).Should().BeApproximately(3810.946, 1e-9);
    }

    /// <summary>
    /// Magnet rare earths have no USGS reserves: extraction limits rest on production (30 years of 2024 output) and members
    /// without output open no mine. Changed with the geology rule: before it, no member had any bound.
    /// </summary>
    [Fact]
    public void Magnet_rare_earths_bound_extraction_by_production_and_say_so()
    {
        var problem = Analysis.BuildProblem(Question("magnet_rare_earths", "G7"));
        problem.Notes.Should().Contain(n => n.StartsWith("No USGS reserves", StringComparison.Ordinal));
        problem.Sites.Where(s => !s.IsMember).Should().OnlyContain(s => s.ReservesKt == null);
        foreach (var member in problem.Sites.Where(s => s.IsMember))
        {
            member.ReservesKt.Should().BeApproximately(30 * member.Mining.ExistingKt[0], 1e-9, member.Iso3);
            member.NewMiningAllowed.Should().Be(member.Mining.ExistingKt[0] > 0, member.Iso3);
        }
    }

    [Fact]
    public void Lithium_members_get_usgs_reserves()
    {
        var problem = Analysis.BuildProblem(Question("lithium", "MSP_Minerals_Security_Partnership") with { Geology = new GeologyOptions { UseDepositTable = false } });
        var australia = Data.Reserves("lithium").Countries.Single(a => a.Record.Country.Iso3 == "AUS").ValueInModelUnit;
        problem.Sites.Single(s => s.Iso3 == "AUS").ReservesKt.Should().Be(australia);
        problem.Sites.Where(s => !s.IsMember).Should().OnlyContain(s => s.ReservesKt == null);
    }

    /// <summary>
    /// Without growth limits or lead times the MSP's members with reserves (Australia, the US, Canada) close the 2030 gap, then
    /// exhaust their USGS reserves (6200 + 1100 + 930 kt) and fall short, saying so; with the default build limits (growth,
    /// 7-year mine lead time) 2030 is short too, and the notes say which limit binds. Changed with the geology rule and the
    /// build defaults: before them, unlimited build closed every gap (the US and Canada had no reserve bound in effect).
    /// </summary>
    [Fact]
    public void Unlimited_build_closes_the_2030_gap_until_reserves_run_out_and_the_defaults_do_not()
    {
        // USGS reserves only: the deposit table's resources beyond reserves would postpone exhaustion past the horizon.
        var unlimited = Analysis.Plan(Question("lithium", "MSP_Minerals_Security_Partnership") with { Build = BuildOptions.Unlimited, Geology = new GeologyOptions { UseDepositTable = false } });
        unlimited.Status.Should().Be(SolveStatus.Optimal);
        unlimited.Period(2030).ShortfallKt.Should().BeLessThan(1e-6);
        unlimited.TotalNewCapacityKt.Should().BeGreaterThan(0);
        var exhausted = unlimited.Reserves.Where(r => r.Binding && r.CumulativeExtractionKt > 0).Select(r => r.Iso3).ToArray();
        exhausted.Should().Contain("AUS");
        unlimited.Period(2040).ShortfallKt.Should().BeGreaterThan(1);
        unlimited.Notes.Should().Contain(n => n.StartsWith("Cumulative extraction reaches its limit", StringComparison.Ordinal) && n.Contains("AUS", StringComparison.Ordinal));

        var limited = Analysis.Plan(Question("lithium", "MSP_Minerals_Security_Partnership"));
        limited.Status.Should().Be(SolveStatus.Optimal);
        limited.TotalShortfallKt.Should().BeGreaterThan(unlimited.TotalShortfallKt + 1);
        limited.Notes.Should().Contain(n => n.StartsWith("Growth limit binds", StringComparison.Ordinal) || n.StartsWith("Lead time binds", StringComparison.Ordinal));
        limited.Notes.Should().Contain(n => n.StartsWith("New mining capacity:", StringComparison.Ordinal) && n.Contains("assumptions without source", StringComparison.Ordinal));
    }

    /// <summary>
    /// MSP graphite, open market, China's exports stop from 2027 (nearest period 2030), a 3-month reserve of 2024 demand held
    /// at the end of the 2024 period: the stock at the shock is 0.25·D2024; it lasts stock / gap years; stocks and partners
    /// never make things worse.
    /// </summary>
    [Fact]
    public void Stress_test_graphite_ban()
    {
        var question = Question("graphite", "MSP_Minerals_Security_Partnership") with
        {
            Friendshoring = null,
            Build = new BuildOptions { AllowContinuousBuild = false },
            Rules = [new StrategicReserveRule(3) { ToYear = 2024 }],
        };
        var result = Analysis.StressTest(question, new StressScenario { Iso3 = "CHN", FromYear = 2027, CoreMembers = ["USA"] });

        result.DisruptedYears.Should().Equal(2030, 2035, 2040);
        double d2024 = Data.TotalDemand("graphite", DemandScenario.Observed, 2024).Value;
        result.StockAtShockKt.Should().BeApproximately(0.25 * d2024, 1e-6 * d2024);
        result.GapWithoutStocksKt.Should().BeGreaterThan(0);
        result.StocksLastYears.Should().BeApproximately(result.StockAtShockKt / result.GapWithoutStocksKt, 1e-9);
        result.StocksLastPeriods.Should().BeApproximately(result.StocksLastYears!.Value / 5, 1e-9);
        result.WithStocksWithPartners.TotalShortfallKt.Should().BeLessThanOrEqualTo(result.WithoutStocksWithPartners.TotalShortfallKt + 1e-6);
        result.WithoutStocksWithPartners.TotalShortfallKt.Should().BeLessThanOrEqualTo(result.WithoutStocksWithoutPartners.TotalShortfallKt + 1e-6);
        result.Baseline.Period(2030).ShortfallKt.Should().BeLessThan(result.WithoutStocksWithPartners.Period(2030).ShortfallKt);
        result.Rows.Should().Contain(r => r.Variant == "with stocks, with partners" && r.Year == 2030 && r.Disrupted);
    }

    [Fact]
    public void Nearest_period_ties_go_to_the_later_one()
    {
        var problem = Analysis.BuildProblem(Question("graphite", "G7"));
        PlanningAnalysis.NearestPeriodYear(problem, 2027).Should().Be(2030);
        PlanningAnalysis.NearestPeriodYear(problem, 2026).Should().Be(2024);
        PlanningAnalysis.NearestPeriodYear(problem, 2033).Should().Be(2035);
    }

    /// <summary>
    /// US alone for lithium; candidates Australia, Chile, Argentina. The target is just below the coverage of the best single
    /// candidate, so the design admits exactly one partner, that one.
    /// </summary>
    [Fact]
    public void Coalition_design_admits_the_fewest_partners()
    {
        var baseQuestion = new PlanningQuestion { Commodity = "lithium", Coalition = Coalition.Create("US", ["USA"]), Scenario = DemandScenario.Steps };
        var probe = Analysis.DesignCoalition(new DesignQuestion { Base = baseQuestion, Candidates = ["AUS", "CHL", "ARG"], TargetCoverage = 0 });
        probe.Candidates.Should().HaveCount(3);
        probe.Candidates.Select(c => c.Rank).Should().Equal(1, 2, 3);
        probe.Candidates.Should().BeInDescendingOrder(c => c.MarginalContribution);
        probe.ObjectiveValue.Should().Be(0);
        var best = probe.Candidates[0];
        best.MarginalContribution.Should().BeGreaterThan(1e-6);
        probe.Candidates[1].MarginalContribution.Should().BeLessThan(best.MarginalContribution - 1e-6);

        var design = Analysis.DesignCoalition(new DesignQuestion { Base = baseQuestion, Candidates = ["AUS", "CHL", "ARG"], TargetCoverage = best.CoverageAlone - 1e-6 });
        design.Status.Should().Be(SolveStatus.Optimal);
        design.ObjectiveValue.Should().BeApproximately(1, 1e-9);
        design.Selected.Should().Equal(best.Iso3);
        design.CoverageWithSelected.Should().BeGreaterThanOrEqualTo(design.TargetCoverage - 1e-9);
        design.BestBound.Should().NotBeNull("SCIP proves a bound");
    }

    [Fact]
    public void Coalition_design_reports_an_unreachable_target()
    {
        var baseQuestion = new PlanningQuestion { Commodity = "lithium", Coalition = Coalition.Create("US", ["USA"]), Scenario = DemandScenario.Nze };
        var design = Analysis.DesignCoalition(new DesignQuestion { Base = baseQuestion, Candidates = ["AUS"], TargetCoverage = 1 });
        design.Status.Should().Be(SolveStatus.Infeasible);
        design.Selected.Should().BeEmpty();
    }

    /// <summary>The MIP build-out on the data: one lumpy refining project for Australia, decided 2024 with a 6-year lead.</summary>
    [Theory]
    [InlineData("SCIP")]
    [InlineData("CBC")]
    [InlineData("HiGHS")]
    public void Mip_build_out_on_the_data(string backend)
    {
        var question = Question("lithium", "MSP_Minerals_Security_Partnership") with
        {
            Build = new BuildOptions { AllowContinuousBuild = false },
            Projects = [new ProjectCandidate("AUS", SupplyStage.Refining, 2024, 10, 50, 6)],
        };
        var result = new PlanningAnalysis(Data, SolverBackends.Get(backend)).Plan(question);
        result.IsMixedInteger.Should().BeTrue();
        result.Status.Should().Be(SolveStatus.Optimal);
        result.Projects.Single().FirstOutputYear.Should().Be(2030);
    }
}

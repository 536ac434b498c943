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

    [Fact]
    public void Magnet_rare_earths_have_no_reserve_bound_and_say_so()
    {
        var problem = Analysis.BuildProblem(Question("magnet_rare_earths", "G7"));
        problem.Sites.Should().OnlyContain(s => s.ReservesKt == null);
        problem.Notes.Should().Contain(n => n.StartsWith("No reserve constraint", StringComparison.Ordinal));
    }

    [Fact]
    public void Lithium_members_get_usgs_reserves()
    {
        var problem = Analysis.BuildProblem(Question("lithium", "MSP_Minerals_Security_Partnership"));
        var australia = Data.Reserves("lithium").Countries.Single(a => a.Record.Country.Iso3 == "AUS").ValueInModelUnit;
        problem.Sites.Single(s => s.Iso3 == "AUS").ReservesKt.Should().Be(australia);
        problem.Sites.Where(s => !s.IsMember).Should().OnlyContain(s => s.ReservesKt == null);
    }

    /// <summary>The LP plan with unlimited build closes every gap of the coalition (the build-out is what it takes).</summary>
    [Fact]
    public void Unlimited_build_closes_the_gap_after_2024()
    {
        var result = Analysis.Plan(Question("lithium", "MSP_Minerals_Security_Partnership"));
        result.Status.Should().Be(SolveStatus.Optimal);
        result.Periods.Skip(1).Should().OnlyContain(p => p.ShortfallKt < 1e-6);
        result.TotalNewCapacityKt.Should().BeGreaterThan(0);
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

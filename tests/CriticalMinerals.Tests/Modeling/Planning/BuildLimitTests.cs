using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Planning.PlanTestProblems;

namespace CriticalMinerals.Tests.Modeling.Planning;

/// <summary>Growth limits, lead times and the geology fields of a site, on instances whose optimum is worked out by hand.</summary>
public sealed class BuildLimitTests
{
    private static PlanResult Solve(PlanningProblem problem) => PlanSolver.Solve(PlanModel.Create(problem), SolverBackends.Get("CLP"));

    /// <summary>Member A mines and refines 10/yr; 2024 (6 years, demand 10), 2030 (5 years, demand <paramref name="demand2030"/>); mining grows ≤ 10 %/yr, refining free, no lead time.</summary>
    private static PlanningProblem Growth(double demand2030, double startKtPerYear = 0) => new()
    {
        Commodity = "test",
        Periods = Periods((2024, 6, 10), (2030, 5, demand2030)),
        Sites = [Site("A", true, 10, 10, 2)],
        Build = BuildOptions.Unlimited with { Mining = new StageBuildLimits { MaxGrowthRatePerYear = 0.1, StartKtPerYear = startKtPerYear } },
    };

    /// <summary>
    /// Demand 20 in 2030: mining may add 0.1·6·10 = 6, so 2030 is 4 kt/yr short (20 kt over 5 years); refining builds only the 6
    /// that ore can feed; cost 12. The note names the binding row.
    /// </summary>
    [Fact]
    public void Mining_growth_limit_binds()
    {
        var result = Solve(Growth(20));
        result.Period(2030).ShortfallKt.Should().BeApproximately(4, 1e-6);
        result.TotalShortfallKt.Should().BeApproximately(20, 1e-6);
        Capacity(result, "A", SupplyStage.Mining, 2030).NewBuildKt.Should().BeApproximately(6, 1e-6);
        Capacity(result, "A", SupplyStage.Refining, 2030).NewBuildKt.Should().BeApproximately(6, 1e-6);
        result.Cost!.ObjectiveValue.Should().BeApproximately(12, 1e-6);
        result.Notes.Should().Contain(n => n.StartsWith("Growth limit binds (mining", StringComparison.Ordinal) && n.Contains("A 2030", StringComparison.Ordinal));
    }

    /// <summary>Demand 15 in 2030: 5 ≤ 6, so the limit does not bind: no shortfall after 2024, 5 built at each stage (cost 10), no note.</summary>
    [Fact]
    public void Mining_growth_limit_that_does_not_bind()
    {
        var result = Solve(Growth(15));
        result.Period(2030).ShortfallKt.Should().BeApproximately(0, 1e-6);
        Capacity(result, "A", SupplyStage.Mining, 2030).NewBuildKt.Should().BeApproximately(5, 1e-6);
        result.Cost!.ObjectiveValue.Should().BeApproximately(10, 1e-6);
        result.Notes.Should().NotContain(n => n.StartsWith("Growth limit binds", StringComparison.Ordinal));
    }

    /// <summary>A start allowance of 0.5 kt/yr a year adds 0.5·6 = 3 to the limit: mining adds 9, 2030 is 1 kt/yr short.</summary>
    [Fact]
    public void Start_allowance_adds_to_the_growth_limit()
    {
        var result = Solve(Growth(20, startKtPerYear: 0.5));
        Capacity(result, "A", SupplyStage.Mining, 2030).NewBuildKt.Should().BeApproximately(9, 1e-6);
        result.Period(2030).ShortfallKt.Should().BeApproximately(1, 1e-6);
    }

    /// <summary>
    /// Member A (10/10); 2024 (6 years, demand 10), 2030 and 2035 (5 years each, demand 20); no growth limit; new mines take
    /// <paramref name="leadYears"/> years from 2024, refineries none.
    /// </summary>
    private static PlanningProblem Lead(double leadYears) => new()
    {
        Commodity = "test",
        Periods = Periods((2024, 6, 10), (2030, 5, 20), (2035, 5, 20)),
        Sites = [Site("A", true, 10, 10, 3)],
        Build = BuildOptions.Unlimited with { Mining = new StageBuildLimits { LeadTimeYears = leadYears } },
    };

    /// <summary>
    /// Lead 7: 2024 + 7 = 2031, so new mining first counts in 2035: 2030 is 10 kt/yr short (50 kt), 2035 is served by 10 of
    /// new mining (and 10 of refining built in 2035, not earlier: ore limits it). The note says the lead time binds.
    /// </summary>
    [Fact]
    public void Lead_time_binds()
    {
        var problem = Lead(7);
        var plan = PlanModel.Create(problem);
        plan.FirstBuildPeriod(SupplyStage.Mining).Should().Be(2);
        plan.FirstBuildPeriod(SupplyStage.Refining).Should().Be(1);
        plan.BuildVariable("A", SupplyStage.Mining, 1).Should().Be(-1);
        var result = PlanSolver.Solve(plan, SolverBackends.Get("CLP"));
        result.Period(2030).ShortfallKt.Should().BeApproximately(10, 1e-6);
        result.Period(2035).ShortfallKt.Should().BeApproximately(0, 1e-6);
        result.TotalShortfallKt.Should().BeApproximately(50, 1e-6);
        Capacity(result, "A", SupplyStage.Mining, 2035).BuiltThisPeriodKt.Should().BeApproximately(10, 1e-6);
        result.Notes.Should().Contain(n => n.StartsWith("Lead time binds: new mining capacity first produces in 2035", StringComparison.Ordinal));
    }

    /// <summary>Lead 6: 2024 + 6 = 2030, so the mine counts in 2030 and nothing is short after 2024; no note.</summary>
    [Fact]
    public void Lead_time_that_does_not_bind()
    {
        var result = Solve(Lead(6));
        result.Period(2030).ShortfallKt.Should().BeApproximately(0, 1e-6);
        result.TotalShortfallKt.Should().BeApproximately(0, 1e-6);
        result.Notes.Should().NotContain(n => n.StartsWith("Lead time binds", StringComparison.Ordinal));
    }

    /// <summary>The defaults: mines 10 %/yr and 7 years, refineries 15 %/yr and 3 years; Unlimited has neither.</summary>
    [Fact]
    public void Build_defaults_are_on()
    {
        var build = new BuildOptions();
        build.GrowthRate(SupplyStage.Mining).Should().Be(0.10);
        build.Mining.LeadTimeYears.Should().Be(7);
        build.GrowthRate(SupplyStage.Refining).Should().Be(0.15);
        build.Refining.LeadTimeYears.Should().Be(3);
        BuildOptions.Unlimited.GrowthRate(SupplyStage.Mining).Should().BeNull();
        BuildOptions.Unlimited.Refining.LeadTimeYears.Should().Be(0);
        (build with { MaxGrowthRatePerYear = 0.3 }).GrowthRate(SupplyStage.Refining).Should().Be(0.3);
    }

    /// <summary>
    /// Member A (no mine, refinery 100, no new mining allowed) and member G (no mine, refinery 0, new mining ≤ 4); demand 10 in
    /// 2030: only G's 4 kt/yr of ore reach A's refinery, 6 kt/yr short; A gets no mining build variable and a mining project in A
    /// is refused.
    /// </summary>
    [Fact]
    public void Sites_without_a_resource_open_no_mine_and_stated_limits_hold()
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2024, 6, 0), (2030, 5, 10)),
            Sites =
            [
                Site("A", true, 0, 100, 2) with { NewMiningAllowed = false, ReservesKt = 0 },
                Site("G", true, 0, 0, 2) with { MaxNewMiningKt = 4, ReservesKt = 1000 },
            ],
            Build = BuildOptions.Unlimited,
        };
        var plan = PlanModel.Create(problem);
        plan.BuildVariable("A", SupplyStage.Mining, 1).Should().Be(-1);
        var result = PlanSolver.Solve(plan, SolverBackends.Get("CLP"));
        result.Period(2030).ShortfallKt.Should().BeApproximately(6, 1e-6);
        Capacity(result, "G", SupplyStage.Mining, 2030).NewBuildKt.Should().BeApproximately(4, 1e-6);
        result.Notes.Should().Contain(n => n.StartsWith("New mining reaches the limit stated", StringComparison.Ordinal) && n.Contains('G'));
        result.Builds.Should().ContainSingle(b => b.Stage == SupplyStage.Mining).Which.Iso3.Should().Be("G");

        var withProject = problem with { Projects = [new ProjectCandidate("A", SupplyStage.Mining, 2024, 1, 5, 0)] };
        FluentActions.Invoking(() => PlanModel.Create(withProject)).Should().Throw<ArgumentException>().WithMessage("*NewMiningAllowed*");
    }

    /// <summary>
    /// Members A (reserves 100) and Z (reserves 1000), neither with a mine, one refinery of 10 in A; demand 5 in 2030. Building
    /// 5 of mining costs the same anywhere: the plan builds where the extraction limit is largest (Z), not at the first code.
    /// </summary>
    [Fact]
    public void Equal_cost_builds_go_to_the_largest_resource_not_the_first_code()
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2024, 6, 0), (2030, 5, 5)),
            Sites = [Site("A", true, 0, 10, 2, reserves: 100), Site("Z", true, 0, 0, 2, reserves: 1000)],
            Build = BuildOptions.Unlimited,
        };
        var result = Solve(problem);
        result.TotalShortfallKt.Should().BeApproximately(0, 1e-6);
        Capacity(result, "Z", SupplyStage.Mining, 2030).NewBuildKt.Should().BeApproximately(5, 1e-6);
        Capacity(result, "A", SupplyStage.Mining, 2030).NewBuildKt.Should().BeApproximately(0, 1e-6);
    }
}

using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Planning.PlanTestProblems;

namespace CriticalMinerals.Tests.Modeling.Planning;

/// <summary>The multi-period LP on instances whose optimum is worked out by hand in each summary.</summary>
public sealed class PlanModelTests
{
    private static PlanResult Solve(PlanningProblem problem, string backend = "CLP") =>
        PlanSolver.Solve(PlanModel.Create(problem), SolverBackends.Get(backend));

    /// <summary>
    /// The plan is a view of the world model: non-member C refines up to 100 but mines 4, and no one else mines, so C can
    /// sell the coalition (A, no capacity, demand 20) only 4 a year: 16 short per year, 176 over 11 years. An
    /// unattributed synthetic route (ROW, 3 a year, no ore needed) adds 3: 13 short, 143 in all.
    /// </summary>
    [Fact]
    public void A_non_member_refinery_sells_only_what_it_has_ore_for()
    {
        var problem = OpenMarket() with { Sites = [Site("A", true, 0, 0, 2), Site("C", false, 4, 100, 2)] };
        var result = Solve(problem);
        result.Period(2030).NonMemberRefinedKt.Should().BeApproximately(4, 1e-6);
        result.TotalShortfallKt.Should().BeApproximately(176, 1e-6);

        var synthetic = problem with { Sites = [.. problem.Sites, Site("ROW", false, 0, 0, 2)], UnattributedOtherRouteKt = [3, 3] };
        var withRoute = Solve(synthetic);
        withRoute.Period(2030).NonMemberRefinedKt.Should().BeApproximately(7, 1e-6);
        withRoute.TotalShortfallKt.Should().BeApproximately(143, 1e-6);
    }

    /// <summary>
    /// Member A: 10 kt mine and refinery; demand 10 (2024) then 20 (2030). Unlimited continuous build: no shortfall, and
    /// the cost stage (1 per kt built) builds exactly 10 of mining and 10 of refining in 2030: cost 20.
    /// </summary>
    [Fact]
    public void Continuous_build_closes_the_gap_at_least_capacity()
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2024, 6, 10), (2030, 5, 20)),
            Sites = [Site("A", true, 10, 10, 2)],
            Build = BuildOptions.Unlimited,
        };
        var result = Solve(problem);

        result.Status.Should().Be(SolveStatus.Optimal);
        result.TotalShortfallKt.Should().BeApproximately(0, 1e-6);
        result.Cost!.ObjectiveValue.Should().BeApproximately(20, 1e-6);
        Capacity(result, "A", SupplyStage.Mining, 2030).BuiltThisPeriodKt.Should().BeApproximately(10, 1e-6);
        Capacity(result, "A", SupplyStage.Refining, 2030).CapacityKt.Should().BeApproximately(20, 1e-6);
        result.Period(2030).NewCapacityBuiltKt.Should().BeApproximately(20, 1e-6);
    }

    /// <summary>Same, with growth ≤ 10 %/year: over the 6 years 2024→2030 each stage grows by at most 0.1·6·10 = 6, so 2030 is 4 kt/yr short (20 kt over 5 years).</summary>
    [Fact]
    public void Growth_rate_limits_the_build()
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2024, 6, 10), (2030, 5, 20)),
            Sites = [Site("A", true, 10, 10, 2)],
            Build = BuildOptions.Unlimited with { MaxGrowthRatePerYear = 0.1 },
        };
        var result = Solve(problem);

        result.Period(2030).ShortfallKt.Should().BeApproximately(4, 1e-6);
        result.TotalShortfallKt.Should().BeApproximately(20, 1e-6);
        Capacity(result, "A", SupplyStage.Refining, 2030).NewBuildKt.Should().BeApproximately(6, 1e-6);
    }

    /// <summary>
    /// Member A mines and refines 10/yr, demand 10 in both periods (6 + 5 years = 110 kt), reserves 80 kt, no build: only
    /// 80 kt can be mined, so 30 kt are short over the horizon and the reserve row binds.
    /// </summary>
    [Fact]
    public void Reserves_bind_cumulative_extraction()
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2024, 6, 10), (2030, 5, 10)),
            Sites = [Site("A", true, 10, 10, 2, reserves: 80)],
            Build = new BuildOptions { AllowContinuousBuild = false },
        };
        var result = Solve(problem);

        result.TotalShortfallKt.Should().BeApproximately(30, 1e-6);
        var use = result.Reserves.Single(r => r.Iso3 == "A");
        use.CumulativeExtractionKt.Should().BeApproximately(80, 1e-6);
        use.Binding.Should().BeTrue();
    }

    /// <summary>Without reserves (withheld), the same instance has no shortfall and no binding reserve.</summary>
    [Fact]
    public void Unknown_reserves_do_not_constrain()
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2024, 6, 10), (2030, 5, 10)),
            Sites = [Site("A", true, 10, 10, 2)],
            Build = new BuildOptions { AllowContinuousBuild = false },
        };
        var result = Solve(problem);

        result.TotalShortfallKt.Should().BeApproximately(0, 1e-6);
        result.Reserves.Single().Binding.Should().BeFalse();
    }

    /// <summary>
    /// A has 12/yr; demand 10 (2024, 6 years) then 15 (2030, 5 years); no build. Without a stockpile 2030 is 3/yr short
    /// (15 kt). With one, the 2/yr surplus of 2024 stores 12 kt, released at 2.4/yr in 2030: 0.6/yr short (3 kt). With
    /// releases capped at 1/yr: 2/yr short (10 kt).
    /// </summary>
    [Theory]
    [InlineData(false, double.PositiveInfinity, 15)]
    [InlineData(true, double.PositiveInfinity, 3)]
    [InlineData(true, 1, 10)]
    public void Stockpile_is_carried_and_released(bool enabled, double maxRelease, double shortfall)
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2024, 6, 10), (2030, 5, 15)),
            Sites = [Site("A", true, 12, 12, 2)],
            Build = new BuildOptions { AllowContinuousBuild = false },
            Stockpile = new StockpileOptions { Enabled = enabled, MaxReleasePerYearKt = maxRelease },
        };
        var result = Solve(problem);

        result.TotalShortfallKt.Should().BeApproximately(shortfall, 1e-6);
        if (enabled && double.IsPositiveInfinity(maxRelease))
        {
            result.Period(2024).StockEndKt.Should().BeApproximately(12, 1e-6);
            result.Period(2030).ReleaseKt.Should().BeApproximately(2.4, 1e-6);
        }
    }

    /// <summary>An initial stock of 10 kt covers 2 kt/yr of a 5-year gap: shortfall 15 − 10 = 5 kt.</summary>
    [Fact]
    public void Initial_stock_is_released()
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2030, 5, 13)),
            Sites = [Site("A", true, 10, 10, 1)],
            Build = new BuildOptions { AllowContinuousBuild = false },
            Stockpile = new StockpileOptions { Enabled = true, InitialStockKt = 10 },
        };
        Solve(problem).TotalShortfallKt.Should().BeApproximately(5, 1e-6);
    }

    /// <summary>
    /// Three 5-year periods, demand 10; A refines 10 only in the first. Collection 50 %, lag 1 period: period 2 recycles
    /// 0.5·10 = 5 (5 short), period 3 recycles 0.5·(10 − 5) = 2.5 (7.5 short); 62.5 kt over the horizon. Period 1 gets nothing
    /// (no end-of-life material before the horizon).
    /// </summary>
    [Fact]
    public void Recycling_follows_supply_with_a_lag()
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2030, 5, 10), (2035, 5, 10), (2040, 5, 10)),
            Sites = [Site("A", true, [10, 0, 0], [10, 0, 0])],
            Build = new BuildOptions { AllowContinuousBuild = false },
            Recycling = new RecyclingOptions { CollectionRate = 0.5, LagPeriods = 1 },
        };
        var result = Solve(problem);

        result.Period(2030).RecycledKt.Should().BeApproximately(0, 1e-6);
        result.Period(2035).RecycledKt.Should().BeApproximately(5, 1e-6);
        result.Period(2040).RecycledKt.Should().BeApproximately(2.5, 1e-6);
        result.TotalShortfallKt.Should().BeApproximately(62.5, 1e-6);
    }

    /// <summary>
    /// Recycling plants: demand 10 in three 5-year periods, no mines or refineries; end-of-life material for 4, 6 and 8 kt a
    /// year, plants for 2 in place. Lead time 10 years: nothing new before 2040, so 2030 and 2035 recycle 2 (8 short each), and
    /// 2040 builds 6 (the cost stage builds no more than the material needs) and recycles 8 (2 short): 5·(8 + 8 + 2) = 90 kt.
    /// Lead time 0: at least 4 built for 2035 and 6 in all (undiscounted capital cost does not care when), 5·(8 + 4 + 2) = 70.
    /// No build: 2 a year, 120. No plants: all the material, 5·(6 + 4 + 2) = 60.
    /// </summary>
    [Theory]
    [InlineData(10.0, true, 90.0, 0.0, 6.0)]
    [InlineData(0.0, true, 70.0, 4.0, 6.0)]
    [InlineData(0.0, false, 120.0, 0.0, 0.0)]
    public void Recycling_plants_bound_recycled_supply_and_are_built_after_their_lead_time(double leadTime, bool allowBuild, double shortfall, double builtBy2035, double builtInAll)
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2030, 5, 10), (2035, 5, 10), (2040, 5, 10)),
            Sites = [Site("A", true, 0, 0, 3)],
            Build = new BuildOptions { AllowContinuousBuild = false },
            Recycling = new RecyclingOptions
            {
                RecycledKt = [4, 6, 8],
                Plants = new RecyclingPlantOptions { CapacityKt = 2, AllowBuild = allowBuild, Build = StageBuildLimits.None with { LeadTimeYears = leadTime } },
            },
        };
        var result = Solve(problem);

        result.TotalShortfallKt.Should().BeApproximately(shortfall, 1e-6);
        result.Period(2030).RecycledKt.Should().BeApproximately(2, 1e-6, "the plants in place bind, not the material");
        result.Period(2030).RecyclingCapacityBuiltKt.Should().Be(0, "nothing is built in the observed period");
        result.Period(2035).RecyclingCapacityBuiltKt.Should().BeGreaterThanOrEqualTo(builtBy2035 - 1e-6).And.BeLessThanOrEqualTo(builtInAll + 1e-6);
        (result.Period(2035).RecyclingCapacityBuiltKt + result.Period(2040).RecyclingCapacityBuiltKt).Should().BeApproximately(builtInAll, 1e-6);
        result.Period(2040).RecycledKt.Should().BeApproximately(allowBuild ? 8 : 2, 1e-6, allowBuild ? "the material binds once plants are built" : "the plants in place bind");

        Solve(problem with { Recycling = problem.Recycling with { Plants = null } }).TotalShortfallKt.Should().BeApproximately(60, 1e-6, "without plants the material alone bounds recycling");
    }

    [Fact]
    public void Recycling_plants_with_a_negative_capacity_are_refused_naming_the_field()
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2030, 5, 10)),
            Sites = [Site("A", true, 0, 0, 1)],
            Recycling = new RecyclingOptions { Plants = new RecyclingPlantOptions { CapacityKt = -1 } },
        };
        var act = () => PlanModel.Create(problem);
        act.Should().Throw<ArgumentException>().WithMessage("*Recycling.Plants.CapacityKt is -1; expected a finite number ≥ 0*");
    }

    /// <summary>Scrap feed: a refinery of 10 with 20 % secondary feed needs only 8 of ore; with 8 of ore nothing is short.</summary>
    [Fact]
    public void Secondary_feed_covers_part_of_refining()
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2030, 5, 10)),
            Sites = [Site("A", true, 8, 10, 1)],
            Build = new BuildOptions { AllowContinuousBuild = false },
            SecondaryFeedShare = 0.2,
        };
        var result = Solve(problem);
        result.TotalShortfallKt.Should().BeApproximately(0, 1e-6);
        result.Period(2030).SecondaryFeedKt.Should().BeApproximately(2, 1e-6);
    }

    [Fact]
    public void Invalid_problem_names_the_field()
    {
        var problem = OpenMarket() with { NonMemberCapacityShare = 2 };
        var act = () => PlanModel.Create(problem);
        act.Should().Throw<ArgumentException>().WithMessage("*NonMemberCapacityShare*");
    }
}

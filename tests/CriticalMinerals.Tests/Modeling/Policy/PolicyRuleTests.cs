using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling.Policy;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Planning.PlanTestProblems;

namespace CriticalMinerals.Tests.Modeling.Policy;

/// <summary>
/// Each rule pinned once where it binds and once where it does not, on <see cref="PlanTestProblems.OpenMarket"/>:
/// member A mines and refines 5, non-member C 100 of each, demand 20 in 2024 (6 years) and 2030 (5 years), no build.
/// Without rules C supplies the missing 15 and nothing is short.
/// </summary>
public sealed class PolicyRuleTests
{
    private static PlanResult Solve(PlanningProblem problem) => PlanSolver.Solve(PlanModel.Create(problem), SolverBackends.Clp);

    private static PlanningProblem With(params IPolicyRule[] rules) => OpenMarket() with { Rules = rules };

    [Fact]
    public void Without_rules_the_market_fills_the_gap()
    {
        var result = Solve(OpenMarket());
        result.TotalShortfallKt.Should().BeApproximately(0, 1e-6);
        result.Period(2030).NonMemberRefinedKt.Should().BeApproximately(15, 1e-6);
    }

    /// <summary>Coalition-only (hard): only A's 5 reach demand, 15/yr short over 11 years = 165 kt.</summary>
    [Fact]
    public void Friendshoring_binds_when_coalition_only()
    {
        var result = Solve(With(FriendshoringShareRule.CoalitionOnly));
        result.TotalShortfallKt.Should().BeApproximately(165, 1e-6);
    }

    /// <summary>Non-members may serve up to 80 % of demand (16 ≥ 15): the rule does not bind.</summary>
    [Fact]
    public void Friendshoring_does_not_bind_when_loose()
    {
        Solve(With(new FriendshoringShareRule(1, 0.8))).TotalShortfallKt.Should().BeApproximately(0, 1e-6);
    }

    /// <summary>Soft coalition-only: nothing short, and the rule is reported missed by 15 kt/yr in each period.</summary>
    [Fact]
    public void Soft_friendshoring_reports_the_violation_instead_of_a_shortfall()
    {
        var result = Solve(With(FriendshoringShareRule.CoalitionOnly with { Mode = RuleMode.Soft }));
        result.TotalShortfallKt.Should().BeApproximately(0, 1e-6);
        var refined = result.Violations.Where(v => v.RowGroup == "friendshoring" && v.Detail.StartsWith("refined", StringComparison.Ordinal)).ToArray();
        refined.Should().HaveCount(2);
        refined.Should().OnlyContain(v => Math.Abs(v.ViolationKt - 15) < 1e-6);
    }

    /// <summary>At most 65 % of consumption (world demand here, share 1) from C: 13 of 15; 2/yr short (22 kt). Hard.</summary>
    [Fact]
    public void Single_country_cap_binds()
    {
        var result = Solve(With(new SingleCountryCapRule(0.65, 1)));
        result.Period(2030).ShortfallKt.Should().BeApproximately(2, 1e-6);
        result.TotalShortfallKt.Should().BeApproximately(22, 1e-6);
    }

    /// <summary>A cap of 90 % (18 ≥ 15) does not bind.</summary>
    [Fact]
    public void Single_country_cap_does_not_bind_when_loose()
    {
        Solve(With(new SingleCountryCapRule(0.9, 1))).TotalShortfallKt.Should().BeApproximately(0, 1e-6);
    }

    /// <summary>Consumption is an explicit share of world demand: with world demand 40 and share 0.5, the cap is 0.65·20 = 13.</summary>
    [Fact]
    public void Single_country_cap_measures_consumption_as_a_share_of_world_demand()
    {
        var problem = With(new SingleCountryCapRule(0.65, 0.5) { FromYear = 2030 }) with
        {
            Periods = [new PlanPeriod(2024, 6, 20) { WorldDemandKt = 40 }, new PlanPeriod(2030, 5, 20) { WorldDemandKt = 40 }],
        };
        var result = Solve(problem);
        result.Period(2024).ShortfallKt.Should().BeApproximately(0, 1e-6, "the rule applies from 2030");
        result.Period(2030).ShortfallKt.Should().BeApproximately(2, 1e-6);
    }

    /// <summary>
    /// Processing ≥ 40 % of consumption (8 ≥ A's 5) from 2030, with continuous build allowed: the plan builds 3 of refining
    /// in A in 2030 rather than buy all from C (cost 3).
    /// </summary>
    [Fact]
    public void Processing_minimum_binds_and_forces_build()
    {
        var problem = With(new MinimumShareRule("processing", "processing", QualifyingSupply.MemberRefining, 0.4, 1) { FromYear = 2030 }) with
        {
            Build = BuildOptions.Unlimited,
        };
        var result = Solve(problem);
        result.TotalShortfallKt.Should().BeApproximately(0, 1e-6);
        Capacity(result, "A", SupplyStage.Refining, 2030).BuiltThisPeriodKt.Should().BeApproximately(3, 1e-6);
        result.Cost!.ObjectiveValue.Should().BeApproximately(3, 1e-6);
    }

    /// <summary>Processing ≥ 20 % (4 ≤ 5) needs no build.</summary>
    [Fact]
    public void Processing_minimum_does_not_bind_when_met()
    {
        var problem = With(new MinimumShareRule("processing", "processing", QualifyingSupply.MemberRefining, 0.2, 1) { FromYear = 2030 }) with { Build = BuildOptions.Unlimited };
        var result = Solve(problem);
        result.TotalNewCapacityKt.Should().BeApproximately(0, 1e-6);
    }

    /// <summary>Hard processing minimum without build is infeasible; the row is named after its group.</summary>
    [Fact]
    public void Hard_rule_that_cannot_be_met_is_infeasible_and_named()
    {
        var plan = PlanModel.Create(With(new MinimumShareRule("processing", "eu_processing", QualifyingSupply.MemberRefining, 0.4, 1) { FromYear = 2030 }));
        plan.Model.RowName(plan.RuleRows.Single().Row).Should().Be("eu_processing:2030");
        PlanSolver.Solve(plan, SolverBackends.Clp).Shortfall.Status.Should().Be(SolveStatus.Infeasible);
    }

    /// <summary>The same rule soft: missed by 3 kt/yr in 2030, reported.</summary>
    [Fact]
    public void Soft_minimum_reports_the_miss()
    {
        var result = Solve(With(new MinimumShareRule("processing", "eu_processing", QualifyingSupply.MemberRefining, 0.4, 1) { FromYear = 2030, Mode = RuleMode.Soft }));
        result.Violations.Single().ViolationKt.Should().BeApproximately(3, 1e-6);
        result.Violations.Single().Year.Should().Be(2030);
    }

    /// <summary>C's exports cut to 0 in 2030: 15/yr short in 2030 (75 kt), nothing in 2024.</summary>
    [Fact]
    public void Export_ban_binds_in_its_periods()
    {
        var result = Solve(With(new ExportDisruptionRule("C", 0) { FromYear = 2030 }));
        result.Period(2024).ShortfallKt.Should().BeApproximately(0, 1e-6);
        result.Period(2030).ShortfallKt.Should().BeApproximately(15, 1e-6);
    }

    /// <summary>C cut to half (50 ≥ 15): no effect.</summary>
    [Fact]
    public void Partial_disruption_does_not_bind_with_spare_capacity()
    {
        Solve(With(new ExportDisruptionRule("C", 0.5))).TotalShortfallKt.Should().BeApproximately(0, 1e-6);
    }

    /// <summary>
    /// Tariff 10/kt on C's refined output, build allowed: buying 15/yr over 5 years costs 750, building 15 of refining in A
    /// (fed by C's untaxed ore) costs 15, so 2030 is built and nothing refined is bought.
    /// </summary>
    [Fact]
    public void Tariff_shifts_supply_to_new_member_capacity()
    {
        var result = Solve(With(new TariffRule(10, SupplyStage.Refining)) with { Build = BuildOptions.Unlimited });
        Capacity(result, "A", SupplyStage.Refining, 2030).BuiltThisPeriodKt.Should().BeApproximately(15, 1e-6);
        result.Period(2030).NonMemberRefinedKt.Should().BeApproximately(0, 1e-6);
    }

    /// <summary>A tariff of 0.1/kt (7.5 over the period &lt; 15 of build) leaves the purchases in place.</summary>
    [Fact]
    public void Small_tariff_does_not_change_the_plan()
    {
        var result = Solve(With(new TariffRule(0.1, SupplyStage.Refining)) with { Build = BuildOptions.Unlimited });
        result.TotalNewCapacityKt.Should().BeApproximately(0, 1e-6);
        result.Period(2030).NonMemberRefinedKt.Should().BeApproximately(15, 1e-6);
    }

    /// <summary>
    /// Coalition-only, A has 12/yr, demand 10: a 3-month reserve at the end of 2024 (2.5 kt) is stocked from the surplus
    /// with nothing short; a 36-month reserve (30 kt) needs 5/yr stocked over 6 years, so 2024 is 3/yr short (18 kt).
    /// </summary>
    [Theory]
    [InlineData(3, 0)]
    [InlineData(36, 18)]
    public void Strategic_reserve(double months, double shortfall)
    {
        var problem = new PlanningProblem
        {
            Commodity = "test",
            Periods = Periods((2024, 6, 10), (2030, 5, 10)),
            Sites = [Site("A", true, 12, 12, 2)],
            Build = new BuildOptions { AllowContinuousBuild = false },
            Stockpile = new StockpileOptions { Enabled = true },
            Rules = [new StrategicReserveRule(months) { ToYear = 2024 }],
        };
        var result = Solve(problem);
        result.Period(2024).ShortfallKt.Should().BeApproximately(shortfall / 6, 1e-6);
        result.Period(2024).StockEndKt.Should().BeGreaterThanOrEqualTo((months / 12 * 10) - 1e-6);
    }

    /// <summary>
    /// IRA §30D from the data (2024: 50 %; 2027+: 80 %), processed stage: A's 5 kt refined must be ≥ 50 % of what is served,
    /// so 10 is served and 10/yr short in 2024. 2030 is after the credit ended: not applied (noted) unless asked for as a
    /// scenario, when 5 ≥ 80 % of served leaves 6.25 served, 13.75/yr short.
    /// </summary>
    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 13.75)]
    public void Ira_processed_thresholds_by_year(bool afterTermination, double shortfall2030)
    {
        var rule = Ira30DRule.FromDataset(MineralDataset.Default, CreditStage.Processed, afterTermination, RuleMode.Hard);
        rule.ThresholdFor(2024).Should().Be(0.5);
        rule.ThresholdFor(2030).Should().Be(0.8);
        var plan = PlanModel.Create(With(rule));
        var result = PlanSolver.Solve(plan, SolverBackends.Clp);
        result.Period(2024).ShortfallKt.Should().BeApproximately(10, 1e-6);
        result.Period(2030).ShortfallKt.Should().BeApproximately(shortfall2030, 1e-6);
        result.Notes.Should().Contain(n => n.Contains("30 Sep 2025", StringComparison.Ordinal));
        rule.SourceIds.Should().Contain("S64").And.Contain("S66");
    }

    /// <summary>
    /// The stage switch: A mines 2 and refines 10 (fed with C's ore). Processed: 10 ≥ 50 % of 20 served, no shortfall.
    /// Extracted: only A's 2 kt of ore qualify, so at most 4 is served in 2024: 16/yr short.
    /// </summary>
    [Theory]
    [InlineData(CreditStage.Processed, 0)]
    [InlineData(CreditStage.Extracted, 16)]
    public void Ira_credit_stage_switch(CreditStage stage, double shortfall2024)
    {
        var problem = With(Ira30DRule.FromDataset(MineralDataset.Default, stage, false, RuleMode.Hard)) with
        {
            Sites = [Site("A", true, 2, 10, 2), Site("C", false, 100, 100, 2)],
        };
        Solve(problem).Period(2024).ShortfallKt.Should().BeApproximately(shortfall2024, 1e-6);
    }

    /// <summary>EU recycling ≥ 25 % of consumption (soft) with no recycling credit (collection 0): missed by 0.25·20 = 5 kt/yr.</summary>
    [Fact]
    public void Recycling_minimum_is_missed_without_a_collection_rate()
    {
        var result = Solve(With(new MinimumShareRule("recycling", "eu_recycling", QualifyingSupply.Recycling, 0.25, 1) { FromYear = 2030, Mode = RuleMode.Soft }));
        result.Violations.Single().ViolationKt.Should().BeApproximately(5, 1e-6);
    }

    /// <summary>Recycling ≥ 25 % met by collection 50 % with a one-period lag: 0.5·20 = 10 ≥ 5, nothing missed.</summary>
    [Fact]
    public void Recycling_minimum_is_met_with_collection()
    {
        var result = Solve(With(new MinimumShareRule("recycling", "eu_recycling", QualifyingSupply.Recycling, 0.25, 1) { FromYear = 2030, Mode = RuleMode.Soft }) with
        {
            Recycling = new RecyclingOptions { CollectionRate = 0.5 },
        });
        result.Violations.Should().BeEmpty();
        result.Period(2030).RecycledKt.Should().BeGreaterThanOrEqualTo(5 - 1e-6);
    }

    /// <summary>Extraction ≥ 10 % of a world demand of 100 (10 &gt; A's 5), hard, with build: 5 of mining built in A in 2030.</summary>
    [Fact]
    public void Extraction_minimum_forces_mining_build()
    {
        var problem = With(new MinimumShareRule("extraction", "eu_extraction", QualifyingSupply.MemberMining, 0.1, 1) { FromYear = 2030 }) with
        {
            Build = BuildOptions.Unlimited,
            Periods = [new PlanPeriod(2024, 6, 20) { WorldDemandKt = 100 }, new PlanPeriod(2030, 5, 20) { WorldDemandKt = 100 }],
        };
        var result = Solve(problem);
        Capacity(result, "A", SupplyStage.Mining, 2030).BuiltThisPeriodKt.Should().BeApproximately(5, 1e-6);
    }

    [Fact]
    public void Eu_crma_rules_come_from_the_data_and_need_an_explicit_consumption_share()
    {
        var (rules, sources) = EuCrma.Rules(MineralDataset.Default, 0.1);
        rules.Should().HaveCount(4);
        sources.Should().Equal("S63");
        rules.OfType<SingleCountryCapRule>().Single().MaxShare.Should().Be(0.65);
        rules.OfType<MinimumShareRule>().Select(r => r.Share).Should().Equal(0.1, 0.4, 0.25);
        var act = () => EuCrma.Rules(MineralDataset.Default, 0);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Two_rules_with_one_row_group_are_refused()
    {
        var act = () => PlanModel.Create(With(new SingleCountryCapRule(0.65, 1), new SingleCountryCapRule(0.5, 1)));
        act.Should().Throw<ArgumentException>().WithMessage("*single_country_cap*");
    }
}

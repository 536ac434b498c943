using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Deposits.DepositTestProblems;

namespace CriticalMinerals.Tests.Modeling.Deposits;

/// <summary>The deposit MIP of Busch et al. (2025) on instances whose optimum is worked out by hand in each summary.</summary>
public sealed class DepositModelTests
{
    private const double R1 = 1.1, R2 = 1.21, R3 = 1.331; // (1 + 10 %)^k

    /// <summary>A: 10, 10, 12, 12 kt at 5 million USD per kt, discounted (it has 2 kt/yr spare in 2022 and 2023).</summary>
    private const double CostA = 50 + (50 / R1) + (60 / R2) + (60 / R3);

    /// <summary>
    /// B opens in 2024 (50 million USD), adds 8 kt/yr in 2024 and 10 in 2025 (1 million USD per kt/yr), extracts 8 kt of reserve
    /// in 2024 (6 per kt) and 7 of reserve + 11 demonstrated (8 per kt) in 2025: the cheaper tier goes to the earlier year.
    /// </summary>
    private const double CostB = (50 / R2) + (8 / R2) + (10 / R3) + (8 * 6 / R2) + (((7 * 6) + (11 * 8)) / R3);

    /// <summary>C instead: opens 2024 (10), adds 8 then 10 (3.5 per kt/yr), extracts 8 then 18 at 7.</summary>
    private const double CostC = (10 / R2) + (8 * 3.5 / R2) + (10 * 3.5 / R3) + (8 * 7 / R2) + (18 * 7 / R3);

    private static DepositResult Solve(DepositProblem problem, string backend = "CBC", bool duals = true, bool round = true) =>
        DepositSolver.Solve(problem, SolverBackends.Get(backend), new SolveOptions { RelativeGap = 0, ComputeDuals = duals }, round);

    [Theory]
    [InlineData("CBC")]
    [InlineData("SCIP")]
    [InlineData("HiGHS")]
    public void Three_deposits_B_opens_in_2024_and_C_stays_closed(string backend)
    {
        var result = Solve(ThreeDeposits(), backend, round: false);

        result.CostStage.Status.Should().Be(SolveStatus.Optimal, result.CostStage.Message);
        result.CostStage.ObjectiveValue.Should().BeApproximately(CostA + CostB, 1e-6);
        result.DiscountedCostMillionUsd.Should().BeApproximately(CostA + CostB, 1e-6);
        result.UnmetDemandPenaltyMillionUsd.Should().BeApproximately(0, 1e-9);
        (CostA + CostC).Should().BeGreaterThan(CostA + CostB, "C is the dearer way to serve the growth");
        result.Openings.Select(o => (o.DepositId, o.OpenedYear)).Should().Equal((1, 2022), (2, 2024), (3, null));
        var b = result.Deposits.Where(r => r.DepositId == 2).ToArray();
        b.Select(r => r.CapacityAddedKt).Should().Equal([0, 0, 8, 10], (x, y) => Math.Abs(x - y) < 1e-6);
        b.Select(r => r.ReserveKt).Should().Equal([0, 0, 8, 7], (x, y) => Math.Abs(x - y) < 1e-6);
        b.Select(r => r.DemonstratedKt).Should().Equal([0, 0, 0, 11], (x, y) => Math.Abs(x - y) < 1e-6);
        b.All(r => r.InferredKt == 0).Should().BeTrue();
        b[3].CapacityKt.Should().BeApproximately(18, 1e-6);
        result.Years.Select(y => y.ExtractionKt).Should().Equal([10, 10, 20, 30], (x, y) => Math.Abs(x - y) < 1e-6);
        result.Years.All(y => y.UnmetKt == 0).Should().BeTrue();
        result.OpenBy(2023).Should().Equal(1);
        result.OpenBy(2025).Should().Equal(1, 2);
    }

    [Fact]
    public void The_rounded_relaxation_is_a_feasible_plan_between_the_bound_and_the_MIP_answer()
    {
        // At a 50 % gap the rounded relaxation is accepted without a MIP solve: its cost is at least the optimum, its bound at most.
        var rounded = DepositSolver.Solve(ThreeDeposits(), SolverBackends.Cbc, new SolveOptions { RelativeGap = 0.5, ComputeDuals = false });
        rounded.CostStage.Message.Should().Contain("rounded up").And.NotContain("CBC");
        rounded.CostStage.BestBound!.Value.Should().BeLessThanOrEqualTo(CostA + CostB + 1e-6);
        rounded.CostStage.ObjectiveValue!.Value.Should().BeGreaterThanOrEqualTo(CostA + CostB - 1e-6);
        rounded.CostStage.RelativeGap!.Value.Should().BeLessThanOrEqualTo(0.5);
        rounded.Deposits.All(r => r.OpensThisYear == (r.Year == rounded.Openings.Single(o => o.DepositId == r.DepositId).OpenedYear)).Should().BeTrue("openings are integral");

        // At gap 0 the MIP decides, and the answer is the optimum whichever way it was found.
        var exact = Solve(ThreeDeposits(), duals: false);
        exact.CostStage.ObjectiveValue.Should().BeApproximately(CostA + CostB, 1e-6);
        exact.CostStage.RelativeGap!.Value.Should().BeLessThanOrEqualTo(1e-9);
    }

    /// <summary>
    /// Duals of the LP with A open from 2022, B from 2024, C closed (no row degenerate): in 2022 and 2023 A has spare capacity,
    /// so 5 and 5 / 1.1 million USD per kt; in 2024 one more kt/yr of B capacity in 2024 and one less in 2025 (1/1.21 − 1/1.331)
    /// and one more kt of reserve in 2024 whose loss in 2025 is made up by demonstrated resource (6/1.21 + 2/1.331); in 2025
    /// one more kt/yr of B capacity and one kt of demonstrated resource, 9 / 1.331.
    /// </summary>
    [Fact]
    public void Demand_duals_with_the_openings_fixed()
    {
        var result = Solve(ThreeDeposits());
        double d2024 = (7 / R2) + (1 / R3);
        double[] expected = [5, 5 / R1, d2024, 9 / R3];

        result.DualStage!.Status.Should().Be(SolveStatus.Optimal);
        result.DualStage.ObjectiveValue.Should().BeApproximately(CostA + CostB, 1e-6, "fixing the optimal openings keeps the optimum");
        result.Years.Select(y => y.PresentValueUsdPerTonneLi!.Value).Should().Equal(expected.Select(e => e * 1e3), (x, y) => Math.Abs(x - y) < 1e-3);
        var y2024 = result.Years[2];
        y2024.MarginalCostUsdPerTonneLi!.Value.Should().BeApproximately(d2024 * 1e3 * R2, 1e-3, "in 2024 money: the dual times 1.21");
        y2024.MarginalCostUsdPerTonneLce!.Value.Should().BeApproximately(d2024 * 1e3 * R2 / 5.323, 1e-3);
    }

    [Fact]
    public void The_backlog_of_unmet_demand_is_priced_every_year_it_is_carried()
    {
        // Demand 0, 5, 5, 5; the deposit may expand only from 2024 (delay 2): 2023's 5 kt is carried into 2024, when 10 kt
        // are extracted. Cost (r = 10 %): unmet 5 × 532.3 / 1.1; open 1 and capacity 10 × 1 in 2024; extraction 10 then 5 at 5.
        var result = Solve(OneDeposit([0, 5, 5, 5], delay: 2, discountRate: 0.1));

        result.Years.Select(y => y.UnmetKt).Should().Equal([0, 5, 0, 0], (x, y) => Math.Abs(x - y) < 1e-6);
        result.Years.Select(y => y.ExtractionKt).Should().Equal([0, 0, 10, 5], (x, y) => Math.Abs(x - y) < 1e-6);
        result.UnmetDemandPenaltyMillionUsd.Should().BeApproximately(5 * 532.3 / R1, 1e-6);
        result.DiscountedCostMillionUsd.Should().BeApproximately((5 * 532.3 / R1) + ((1 + 10 + 50) / R2) + (25 / R3), 1e-6);
        result.Openings.Single().OpenedYear.Should().Be(2024, "opening earlier buys nothing while expansion waits");
    }

    [Fact]
    public void The_delay_binds_only_in_its_years()
    {
        // Delay 1: capacity may be added from 2023, so 2023's demand is met and nothing is carried. Cost: (1 + 5) / 1.1 + 25 a year.
        var result = Solve(OneDeposit([0, 5, 5, 5], delay: 1, discountRate: 0.1));

        result.Years.All(y => y.UnmetKt == 0).Should().BeTrue();
        result.Openings.Single().OpenedYear.Should().Be(2023);
        result.DiscountedCostMillionUsd.Should().BeApproximately((6 / R1) + (25 * ((1 / R1) + (1 / R2) + (1 / R3))), 1e-6);
    }

    [Fact]
    public void The_ramp_up_limit_spreads_expansion_over_years_where_it_binds()
    {
        // 12 kt needed in 2025 only. Ramp-up 6 kt/yr: 6 added in 2024 and 6 in 2025, open from 2024; unlimited (20): all 12 in 2025.
        var limited = Solve(OneDeposit([0, 0, 0, 12], rampUp: 6, discountRate: 0.1));
        var free = Solve(OneDeposit([0, 0, 0, 12], rampUp: 20, discountRate: 0.1));

        limited.Deposits.Select(r => r.CapacityAddedKt).Should().Equal([0, 0, 6, 6], (x, y) => Math.Abs(x - y) < 1e-6);
        limited.Openings.Single().OpenedYear.Should().Be(2024);
        free.Deposits.Select(r => r.CapacityAddedKt).Should().Equal([0, 0, 0, 12], (x, y) => Math.Abs(x - y) < 1e-6);
        free.Openings.Single().OpenedYear.Should().Be(2025);
        free.DiscountedCostMillionUsd.Should().BeApproximately((1 + 12 + 60) / R3, 1e-6);
        limited.DiscountedCostMillionUsd.Should().BeApproximately(((1 + 6) / R2) + ((6 + 60) / R3), 1e-6);
    }

    [Fact]
    public void A_tier_is_used_only_when_the_cheaper_one_is_exhausted()
    {
        // 5 kt reserve at 5,000, 10 demonstrated at 6,000, 10 inferred at 9,000; demand 4 a year for 4 years (16 kt):
        // 5 reserve, 10 demonstrated, 1 inferred; with r = 0 the order in time is free, the totals are not.
        var deposit = Deposit(9, "USA", reserve: 5, cost1: 5_000, demonstrated: 10, cost2: 6_000, inferred: 10, cost3: 9_000, maxRate: 4, rampUp: 4, planned: 4);
        var result = Solve(new DepositProblem([deposit], 2022, [4, 4, 4, 4], DiscountRate: 0, Degradation: 0));

        result.Deposits.Sum(r => r.ReserveKt).Should().BeApproximately(5, 1e-6);
        result.Deposits.Sum(r => r.DemonstratedKt).Should().BeApproximately(10, 1e-6);
        result.Deposits.Sum(r => r.InferredKt).Should().BeApproximately(1, 1e-6);
        result.DiscountedCostMillionUsd.Should().BeApproximately((5 * 5) + (10 * 6) + (1 * 9), 1e-6);

        // With 20 kt of reserve no other tier is touched.
        var rich = Solve(new DepositProblem([deposit with { ReserveKt = 20 }], 2022, [4, 4, 4, 4], DiscountRate: 0, Degradation: 0));
        rich.Deposits.Sum(r => r.DemonstratedKt + r.InferredKt).Should().BeApproximately(0, 1e-9);
    }

    [Fact]
    public void Planned_capacity_is_interpolated_towards_2030_as_the_paper_code()
    {
        var d = Deposit(1, "CHL", reserve: 1, cost1: 1, maxRate: 10, rampUp: 0, plannedByYear: (1, 2, 4, 9));
        Enumerable.Range(2022, 10).Select(y => DepositProblem.PlannedCapacityKt(d, y))
            .Should().Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 9], (x, y) => Math.Abs(x - y) < 1e-12);
    }

    [Fact]
    public void A_mine_with_planned_capacity_must_open_and_a_closed_one_produces_nothing()
    {
        // A open with 10 planned; B closed with 5 planned from 2025 (2.5 in 2024, the mean of 2023 and 2025): B must open by
        // 2024 and pays its opening though A alone could serve; the max-rate row holds its capacity to 0 until then.
        // r = 10 %: A extracts 5, 5, 2.5, 0 at 5; B opens in 2024 (2) and extracts 2.5 then 5 at 1.
        var a = Deposit(1, "CHL", reserve: 100, cost1: 5_000, maxRate: 10, rampUp: 0, planned: 10);
        var b = Deposit(2, "ARG", reserve: 100, cost1: 1_000, maxRate: 10, rampUp: 0, openingCost: 2e6, plannedByYear: (0, 0, 5, 5));
        var result = Solve(new DepositProblem([a, b], 2022, [5, 5, 5, 5], DiscountRate: 0.1, Degradation: 0));

        result.Openings.Select(o => o.OpenedYear).Should().Equal(2022, 2024);
        result.Deposits.Where(r => r.DepositId == 2 && r.Year < 2024).All(r => r.ExtractionKt == 0).Should().BeTrue();
        result.DiscountedCostMillionUsd.Should().BeApproximately(25 + (25 / R1) + (12.5 / R2) + (2 / R2) + (2.5 / R2) + (5 / R3), 1e-6);
    }

    [Theory]
    [InlineData(Discounting.Exponential, 1.331)]
    [InlineData(Discounting.Hyperbolic, 1.3)]
    public void Discounting_divides_every_cost_of_a_year(Discounting discounting, double divisor)
    {
        var problem = OneDeposit([0, 0, 0, 12], discountRate: 0.1, discounting: discounting);
        problem.Discounter(3).Should().BeApproximately(divisor, 1e-12);
        problem.Discounter(0).Should().Be(1);

        var result = Solve(problem);
        result.DiscountedCostMillionUsd.Should().BeApproximately((1 + 12 + 60) / divisor, 1e-6);
    }

    [Fact]
    public void Units_kt_li_usd_per_tonne_and_lce()
    {
        var built = DepositModel.Build(OneDeposit([1, 1, 1, 1], discountRate: 0.1));
        int extract = built.ExtractVariable(0, ResourceTier.Reserve, 0);
        built.Model.VariableName(extract).Should().Be("extract[CAN-7,reserve,2022]");
        built.CostObjective[extract].Should().Be(5, "5,000 USD per t Li = 5 million USD per kt");
        built.CostObjective[built.UnmetVariable(0)].Should().BeApproximately(532.3, 1e-9, "100,000 USD per t LCE × 5.323 per kt Li");
        built.CostObjective[built.OpenVariable(0, 0)].Should().Be(1, "1e6 USD");
        built.CostObjective[built.AddedVariable(0, 1)].Should().BeApproximately(1 / 1.1, 1e-12, "1,000 USD per t/yr in 2023, discounted once");
        built.Model.RowName(built.DemandRow(3)).Should().Be("demand[2025]");
        built.Model.VariableName(built.OpenVariable(0, 2)).Should().Be("open[CAN-7,2024]");
        DepositProblem.DefaultUnmetDemandCostUsdPerTonneLi.Should().BeApproximately(532_300, 1e-9);
    }

    [Fact]
    public void Degradation_trades_cost_for_the_second_objective_only_where_the_budget_allows()
    {
        // C costs about 1.5 % more than B; its EDB is 10 against B's 80, 18 kt/yr added either way. Within the budget the
        // second stage also leaves some 2025 demand unmet (532.3 / 1.331 per kt) to add less capacity, as the paper's model may:
        // each kt saves the dearest capacity and extraction of that year (B: 1 + 8, C: 3.5 + 7).
        double c1 = CostA + CostB;
        double extra = ((CostA + CostC) / c1) - 1;
        extra.Should().BeInRange(0.01, 0.02);

        var tight = Solve(ThreeDeposits(degradation: 0.01), duals: false);
        tight.Openings.Select(o => o.OpenedYear).Should().Equal(2022, 2024, null);
        tight.SecondObjectiveValue.Should().BeApproximately((80 * 18) - (80 * 0.01 * c1 / ((532.3 - 9) / R3)), 1e-6);
        tight.DiscountedCostMillionUsd.Should().BeApproximately(c1 * 1.01, 1e-6, "the budget binds");
        tight.Years[3].UnmetKt.Should().BeApproximately(0.01 * c1 / ((532.3 - 9) / R3), 1e-6);

        var loose = Solve(ThreeDeposits(degradation: 0.02), duals: false);
        loose.SecondStage!.Status.Should().Be(SolveStatus.Optimal);
        loose.CostStage.ObjectiveValue.Should().BeApproximately(c1, 1e-6, "stage 1 is the cost optimum");
        loose.Openings.Select(o => o.OpenedYear).Should().Equal(2022, null, 2024);
        double unmet = ((c1 * 1.02) - (CostA + CostC)) / ((532.3 - 10.5) / R3);
        loose.SecondObjectiveValue.Should().BeApproximately((10 * 18) - (10 * unmet), 1e-6);
        loose.DiscountedCostMillionUsd.Should().BeApproximately(c1 * 1.02, 1e-6);
        loose.Years[3].UnmetKt.Should().BeApproximately(unmet, 1e-6);
    }

    [Fact]
    public void A_ramp_up_limit_that_does_not_bind_leaves_the_optimum()
    {
        // With B's ramp-up at 10 the plan above is unchanged (it adds 8 then 10): the limit holds without binding the cost.
        Solve(ThreeDeposits(rampB: 10), duals: false).DiscountedCostMillionUsd.Should().BeApproximately(CostA + CostB, 1e-6);
    }

    [Fact]
    public void A_published_plan_maps_onto_the_model_and_its_cost_is_recomputed()
    {
        var problem = ThreeDeposits();
        var result = Solve(problem, duals: false);
        var built = DepositModel.Build(problem);
        var x = built.ToVariables(result.Deposits);

        built.Model.EvaluateObjective(x).Should().BeApproximately(CostA + CostB, 1e-6);
        var activity = built.Model.ComputeRowActivities(x);
        for (int r = 0; r < built.Model.RowCount; r++)
        {
            activity[r].Should().BeInRange(built.Model.RowLowerBounds[r] - 1e-6, built.Model.RowUpperBounds[r] + 1e-6, built.Model.RowName(r));
        }
    }

    [Fact]
    public void Bad_instances_are_refused_with_every_problem_named()
    {
        var d = Deposit(1, "CHL", reserve: -1, cost1: 1, maxRate: 5, rampUp: 0, planned: 8);
        var act = () => DepositModel.Build(new DepositProblem([d, d], 2022, [1, double.NaN]));
        act.Should().Throw<ArgumentException>()
            .Where(e => e.Message.Contains("reserve is -1") && e.Message.Contains("exceeds max_prod_rate 5")
                && e.Message.Contains("DemandKt[1]") && e.Message.Contains("Deposit id 1 appears 2 times"));
    }
}

using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Deposits.DepositTestProblems;

namespace CriticalMinerals.Tests.Modeling.Deposits;

/// <summary>
/// The rules added for speed: the tighter coefficient of <c>opened</c> in <c>max_rate</c>, and the start plan (a neighbouring
/// run's openings) that each stage evaluates and keeps only when it is a feasible, better plan.
/// </summary>
public sealed class DepositSpeedTests
{
    private const double R1 = 1.1, R2 = 1.21, R3 = 1.331;
    private const double CostA = 50 + (50 / R1) + (60 / R2) + (60 / R3);
    private const double CostB = (50 / R2) + (8 / R2) + (10 / R3) + (8 * 6 / R2) + (((7 * 6) + (11 * 8)) / R3);
    private const double CostC = (10 / R2) + (8 * 3.5 / R2) + (10 * 3.5 / R3) + (8 * 7 / R2) + (18 * 7 / R3);

    private static DepositOpening Opens(int id, int? year) => new(id, $"Deposit {id}", "XXX", false, year, 0);

    private static DepositResult Solve(IReadOnlyList<DepositOpening>? start, double gap = 0.5, bool round = true) =>
        DepositSolver.SolveCore(ThreeDeposits(), SolverBackends.Cbc, new SolveOptions { RelativeGap = gap, ComputeDuals = false }, round, start, default);

    /// <summary>
    /// B (delay 1, ramp-up 15, max rate 20, nothing planned) can have 0 kt/yr in 2022, 15 in 2023 and 20 (its max rate, below
    /// 30) from 2024; A (12 planned, max 12, no ramp-up) 12 every year. Row activity with opened = 1 and capacity = 0 is −reach.
    /// </summary>
    [Fact]
    public void Max_rate_holds_opened_to_the_capacity_the_deposit_can_reach_by_the_year()
    {
        var built = DepositModel.Build(ThreeDeposits());
        var x = new double[built.Model.VariableCount];
        for (int i = 0; i < 3; i++)
        {
            for (int t = 0; t < 4; t++)
            {
                x[built.OpenedVariable(i, t)] = 1;
            }
        }

        var activity = built.Model.ComputeRowActivities(x);
        double Reach(string key, int year) => -activity[Enumerable.Range(0, built.Model.RowCount).Single(r => built.Model.RowName(r) == $"max_rate[{key},{year}]")];
        new[] { Reach("AUS-2", 2022), Reach("AUS-2", 2023), Reach("AUS-2", 2024), Reach("AUS-2", 2025) }.Should().Equal(0, 15, 20, 20);
        new[] { Reach("CHL-1", 2022), Reach("CHL-1", 2025) }.Should().Equal(12, 12);
        new[] { Reach("ARG-3", 2022), Reach("ARG-3", 2023) }.Should().Equal(20, 20);
    }

    [Fact]
    public void The_tighter_rate_keeps_the_optimum()
    {
        var exact = DepositSolver.Solve(ThreeDeposits(), SolverBackends.Cbc, new SolveOptions { RelativeGap = 0, ComputeDuals = false }, roundRelaxationFirst: false);
        exact.CostStage.ObjectiveValue.Should().BeApproximately(CostA + CostB, 1e-6);
    }

    [Fact]
    public void A_start_plan_is_evaluated_with_its_openings_fixed()
    {
        // A from 2022 and C from 2024, B shut: the hand-computed cost of serving the growth from C.
        var result = Solve([Opens(1, 2022), Opens(3, 2024)]);

        result.CostStage.Message.Should().Contain(FormattableString.Invariant($"The start plan's openings give {CostA + CostC:F3}"));
        result.CostStage.ObjectiveValue!.Value.Should().BeLessThanOrEqualTo(CostA + CostC + 1e-6, "the better of the rounded and the start plan is kept");
        result.CostStage.ObjectiveValue!.Value.Should().BeGreaterThanOrEqualTo(CostA + CostB - 1e-6);
    }

    [Fact]
    public void The_optimal_start_is_kept_without_a_relaxation_or_with_one()
    {
        var start = new[] { Opens(1, 2022), Opens(2, 2024) };
        foreach (bool round in new[] { true, false })
        {
            var result = Solve(start, gap: 0.5, round);
            result.CostStage.ObjectiveValue.Should().BeApproximately(CostA + CostB, 1e-6);
            result.Openings.Select(o => (o.DepositId, o.OpenedYear)).Should().Equal((1, 2022), (2, 2024), (3, null));
        }
    }

    [Fact]
    public void A_start_from_another_instance_is_ignored_with_a_note_naming_what_is_wrong()
    {
        var baseline = Solve(null);
        var result = Solve([Opens(1, 2022), Opens(99, 2024), Opens(2, 2031)]);

        result.Notes.Should().Contain(n => n.StartsWith("Start plan ignored:", StringComparison.Ordinal) && n.Contains("deposit 99") && n.Contains("opens in 2031"));
        result.CostStage.ObjectiveValue.Should().Be(baseline.CostStage.ObjectiveValue);
        result.CostStage.Message.Should().NotContain("start plan");
    }

    [Fact]
    public void A_start_infeasible_for_the_stage_is_ignored_and_the_plan_stays_checked()
    {
        // A has 12 kt/yr planned from 2022, so it must be open: a start that leaves it shut is no plan.
        var result = Solve([Opens(2, 2024)], gap: 0);

        result.CostStage.Message.Should().Contain("The start plan's openings give no plan of this stage");
        result.CostStage.Status.Should().Be(SolveStatus.Optimal);
        result.CostStage.ObjectiveValue.Should().BeApproximately(CostA + CostB, 1e-6);
    }

    [Fact]
    public void The_second_stage_evaluates_the_start_within_its_budget()
    {
        // 10 % degradation: both stages see the start; its plan is feasible in the cost stage and every stage is checked.
        var result = DepositSolver.SolveCore(ThreeDeposits(degradation: 0.1), SolverBackends.Cbc, new SolveOptions { RelativeGap = 0, ComputeDuals = false }, true, [Opens(1, 2022), Opens(2, 2024)], default);

        result.CostStage.Message.Should().Contain("The start plan's openings give");
        result.SecondStage!.Message.Should().Contain("The start plan's openings give");
        result.SecondStage.Status.Should().Be(SolveStatus.Optimal);
        result.DiscountedCostMillionUsd!.Value.Should().BeLessThanOrEqualTo((CostA + CostB) * 1.1 + 1e-6);
    }
}

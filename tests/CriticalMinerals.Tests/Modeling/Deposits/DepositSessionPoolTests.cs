using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Deposits.DepositTestProblems;

namespace CriticalMinerals.Tests.Modeling.Deposits;

/// <summary>
/// The grid's warm second stage: a run's second-stage LP session is kept and the next run of the same instance but for demand
/// and budget re-solves from its basis. The plans must be those of a cold run; an instance that differs otherwise gets none.
/// </summary>
public sealed class DepositSessionPoolTests
{
    private static readonly SolveOptions Options = new() { RelativeGap = 1e-6, ComputeDuals = false };

    private static DepositResult Solve(DepositProblem problem, DepositSessionPool? pool) =>
        DepositSolver.SolveCore(problem, SolverBackends.Cbc, Options, roundRelaxationFirst: true, start: null, default, pool);

    [Fact]
    public void A_kept_session_gives_the_cold_runs_plans_under_another_budget_and_demand()
    {
        using var pool = new DepositSessionPool(1);
        Solve(ThreeDeposits(degradation: 0.02), pool);
        pool.Reused.Should().Be(0, "nothing was kept before the first run");

        // The hand-computed plan of DepositModelTests (budget 1 %): A from the start, B in 2024, C shut.
        var tight = ThreeDeposits(degradation: 0.01);
        var warm = Solve(tight, pool);
        pool.Reused.Should().Be(1, "the same three deposits with another budget fit the kept session");
        var cold = Solve(tight, null);
        warm.Openings.Select(o => o.OpenedYear).Should().Equal(2022, 2024, null);
        warm.SecondObjectiveValue.Should().BeApproximately(cold.SecondObjectiveValue!.Value, 1e-6);
        warm.DiscountedCostMillionUsd.Should().BeApproximately(cold.DiscountedCostMillionUsd!.Value, 1e-6);
        warm.SecondStage!.Status.Should().Be(SolveStatus.Optimal);

        // Another demand series: only the demand rows' bounds differ, so the session is rebound to them.
        var lessIn2025 = tight with { DemandKt = [10, 10, 20, 25] };
        var warmLess = Solve(lessIn2025, pool);
        var coldLess = Solve(lessIn2025, null);
        pool.Reused.Should().Be(2);
        warmLess.SecondObjectiveValue.Should().BeApproximately(coldLess.SecondObjectiveValue!.Value, 1e-6);
        warmLess.Years.Select(y => y.UnmetKt).Should().Equal(coldLess.Years.Select(y => y.UnmetKt), (a, b) => Math.Abs(a - b) <= 1e-6);
    }

    [Fact]
    public void A_session_is_not_reused_for_an_instance_with_other_deposits_or_scores()
    {
        using var pool = new DepositSessionPool(2);
        Solve(ThreeDeposits(degradation: 0.01), pool);

        var cheaperB = ThreeDeposits(degradation: 0.01) with
        {
            Deposits = [.. ThreeDeposits().Deposits.Select(d => d.Id == 2 ? d with { Cost1UsdPerTonneLi = 5_500 } : d)],
        };
        Solve(cheaperB, pool);
        pool.Reused.Should().Be(0, "a changed extraction cost changes the cost objective and the budget row");

        var otherScore = ThreeDeposits(degradation: 0.01) with
        {
            Deposits = [.. ThreeDeposits().Deposits.Select(d => d.Id == 3 ? d with { Edb = 90 } : d)],
        };
        var result = Solve(otherScore, pool);
        pool.Reused.Should().Be(0, "a changed score changes the second objective");
        result.SecondObjectiveValue.Should().BeApproximately(Solve(otherScore, null).SecondObjectiveValue!.Value, 1e-6);
    }
}

using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Solving;

/// <summary>Sessions: repeated solves after bound and cost changes, warm where the backend keeps state, on every backend.</summary>
public sealed class SolverSessionTests
{
    public static TheoryData<string> Backends => new(SolverBackends.All.Select(b => b.Name));

    [Theory]
    [MemberData(nameof(Backends))]
    public void Changed_right_hand_sides_costs_and_bounds_re_solve_to_the_hand_computed_optima(string name)
    {
        var backend = SolverBackends.Get(name);
        var original = ConformanceModels.Wyndor();
        using var session = backend.CreateSession(original);

        if (!backend.Capabilities.ContinuousVariables)
        {
            session.Solve().Status.Should().Be(SolveStatus.NotSupported);
            session.IsWarm.Should().BeFalse();
            return;
        }

        session.IsWarm.Should().Be(backend.Capabilities.WarmResolve);
        double tol = Math.Max(1e-7, backend.Capabilities.ObjectiveTolerance * 10);
        session.Solve().ObjectiveValue.Should().BeApproximately(36, tol * 37);

        // 3x + 2y ≤ 20: y = 6, x = 8/3, z = 8 + 30 = 38 (= 36 + 2 × the row's dual 1).
        session.SetRowBounds(2, double.NegativeInfinity, 20);
        var second = session.Solve();
        second.Status.Should().Be(SolveStatus.Optimal, second.Message);
        second.ObjectiveValue.Should().BeApproximately(38, tol * 39);
        second.Values[0].Should().BeApproximately(8.0 / 3, tol * 100);
        second.Duals.Should().Equal([0, 1.5, 1], (a, b) => Math.Abs(a - b) < tol * 100);

        // Cost of x from 3 to 1: z = 8/3 + 30; duals y3 = 1/3, y2 = 13/6.
        session.SetObjectiveCoefficient(0, 1);
        var third = session.Solve();
        third.ObjectiveValue.Should().BeApproximately((8.0 / 3) + 30, tol * 33);
        third.Duals.Should().Equal([0, 13.0 / 6, 1.0 / 3], (a, b) => Math.Abs(a - b) < tol * 100);

        // x ≤ 1 as a bound: z = 1 + 30.
        session.SetVariableBounds(0, 0, 1);
        session.Solve().ObjectiveValue.Should().BeApproximately(31, tol * 32);

        original.RowUpperBounds[2].Should().Be(18, "the session works on its own copy");
        original.ObjectiveCoefficients[0].Should().Be(3);
    }

    [Fact]
    public void A_session_solve_equals_a_cold_solve_of_the_same_changed_model()
    {
        var model = ConformanceModels.Transportation(30, 30, seed: 5);
        using var session = SolverBackends.Glop.CreateSession(model);
        session.Solve().Status.Should().Be(SolveStatus.Optimal);
        for (int row = 0; row < 30; row++)
        {
            session.SetRowBounds(row, double.NegativeInfinity, model.RowUpperBounds[row] * 0.95);
        }

        var warm = session.Solve();
        var cold = SolverBackends.Clp.Solve(session.Model);
        warm.Status.Should().Be(SolveStatus.Optimal);
        warm.ObjectiveValue.Should().BeApproximately(cold.ObjectiveValue!.Value, 1e-7 * Math.Abs(cold.ObjectiveValue.Value));
    }

    public static TheoryData<string> WarmBackends => new(SolverBackends.All.Where(b => b.Capabilities.WarmResolve).Select(b => b.Name));

    /// <summary>
    /// Re-solves start from the kept basis with dual simplex after bound-only changes and primal simplex after
    /// cost-only changes: every kind of change, and a mix of both, must still give the cold optimum.
    /// </summary>
    [Theory]
    [MemberData(nameof(WarmBackends))]
    public void Bound_only_cost_only_and_mixed_changes_all_re_solve_to_the_cold_optimum(string name)
    {
        var model = ConformanceModels.Transportation(20, 25, seed: 13);
        using var session = SolverBackends.Get(name).CreateSession(model);
        session.Solve().Status.Should().Be(SolveStatus.Optimal);
        var random = new Random(7);
        for (int round = 0; round < 9; round++)
        {
            bool bounds = round % 3 != 1;
            bool costs = round % 3 != 0;
            if (bounds)
            {
                int row = random.Next(20);
                session.SetRowBounds(row, double.NegativeInfinity, session.Model.RowUpperBounds[row] * (0.9 + (0.2 * random.NextDouble())));
            }

            if (costs)
            {
                int variable = random.Next(session.Model.VariableCount);
                session.SetObjectiveCoefficient(variable, session.Model.ObjectiveCoefficients[variable] * (0.5 + random.NextDouble()));
            }

            var warm = session.Solve();
            var cold = SolverBackends.Clp.Solve(session.Model);
            warm.Status.Should().Be(SolveStatus.Optimal, $"round {round}: {warm.Message}");
            warm.ObjectiveValue.Should().BeApproximately(cold.ObjectiveValue!.Value, 1e-7 * Math.Abs(cold.ObjectiveValue.Value), $"round {round}");
        }
    }

    [Fact]
    public void A_disposed_session_refuses_to_solve_or_change()
    {
        var session = SolverBackends.Clp.CreateSession(ConformanceModels.Diet());
        session.Dispose();
        session.Dispose();
        ((Action)(() => session.Solve())).Should().Throw<ObjectDisposedException>();

        // The warm instance holds raw pointers into the disposed native solver: no change may reach them.
        ((Action)(() => session.SetRowBounds(0, 1, 2))).Should().Throw<ObjectDisposedException>();
        ((Action)(() => session.SetVariableBounds(0, 0, 1))).Should().Throw<ObjectDisposedException>();
        ((Action)(() => session.SetObjectiveCoefficient(0, 1))).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void An_infeasible_change_is_diagnosed_and_a_later_change_recovers()
    {
        using var session = SolverBackends.Glop.CreateSession(ConformanceModels.Diet());
        session.SetVariableBounds(0, 0, 0);
        session.SetVariableBounds(1, 0, 0);
        session.SetVariableBounds(2, 0, 0);
        session.Solve().Status.Should().Be(SolveStatus.Infeasible);

        session.SetVariableBounds(0, 0, double.PositiveInfinity);
        session.SetVariableBounds(1, 0, double.PositiveInfinity);
        session.SetVariableBounds(2, 0, double.PositiveInfinity);
        session.Solve().ObjectiveValue.Should().BeApproximately(9, 1e-9);
    }
}

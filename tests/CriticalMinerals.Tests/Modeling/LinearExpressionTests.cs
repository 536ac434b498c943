using CriticalMinerals.Modeling;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Modeling;

/// <summary>The expression API states the same models as the index path.</summary>
public sealed class LinearExpressionTests
{
    /// <summary>Wyndor Glass by expressions: max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18; optimum 36 at (2, 6).</summary>
    [Fact]
    public void Wyndor_written_with_expressions_solves_to_36()
    {
        var m = new LinearModel("wyndor");
        var x = m.NewVariable(0, double.PositiveInfinity, name: "x");
        var y = m.NewVariable(0, double.PositiveInfinity, name: "y");
        m.AddConstraint(x <= 4, "plant1");
        m.AddConstraint(2 * y <= 12, "plant2");
        m.AddConstraint((3 * x) + (2 * y) <= 18, "plant3");
        m.SetObjective((3 * x) + (5 * y), ObjectiveSense.Maximize);

        var solution = SolverBackends.Clp.Solve(m);
        solution.ObjectiveValue.Should().BeApproximately(36, 1e-9);
        solution.Values.Should().Equal([2.0, 6.0], (a, b) => Math.Abs(a - b) < 1e-9);
        solution.Dual(2).Should().BeApproximately(1, 1e-9);
    }

    [Fact]
    public void Constants_move_into_the_bounds_and_repeated_variables_are_summed()
    {
        var m = new LinearModel();
        var x = m.NewVariable(0, 10);
        // x + 2 + x ≥ 6  ⇔  2x ≥ 4
        int row = m.AddConstraint((x + 2.0) + x >= 6);
        m.RowLowerBounds[row].Should().Be(4);
        m.GetRows().RowValues(row).ToArray().Should().Equal([2.0]);

        // 1 ≤ x − 3 ≤ 5  ⇔  4 ≤ x ≤ 8;  x = 7 as an equality.
        int ranged = m.AddConstraint((x - 3.0).Between(1, 5));
        (m.RowLowerBounds[ranged], m.RowUpperBounds[ranged]).Should().Be((4.0, 8.0));
        int equal = m.AddConstraint(((LinearExpression)x).EqualTo(7));
        (m.RowLowerBounds[equal], m.RowUpperBounds[equal]).Should().Be((7.0, 7.0));
    }

    [Fact]
    public void Expression_on_both_sides_becomes_a_difference()
    {
        var m = new LinearModel();
        var x = m.NewVariable(0, 10);
        var y = m.NewVariable(0, 10);
        int row = m.AddConstraint((2 * x) <= (y + 1.0));   // 2x − y ≤ 1
        m.RowUpperBounds[row].Should().Be(1);
        m.GetRows().RowValues(row).ToArray().Should().Equal([2.0, -1.0]);
    }

    [Fact]
    public void A_long_sum_is_built_in_one_pass_and_solves()
    {
        var m = new LinearModel();
        var xs = Enumerable.Range(0, 20_000).Select(_ => m.NewVariable(0, 1)).ToArray();
        m.AddConstraint(LinearExpression.Sum(xs.Select(v => (LinearExpression)v)) <= 100);
        m.SetObjective(LinearExpression.WeightedSum(xs, Enumerable.Repeat(1.0, xs.Length)), ObjectiveSense.Maximize);
        SolverBackends.Clp.Solve(m, new SolveOptions { ComputeDuals = false }).ObjectiveValue.Should().BeApproximately(100, 1e-7);
    }

    [Fact]
    public void A_bad_term_leaves_no_half_added_row()
    {
        var m = new LinearModel();
        var x = m.NewVariable(0, 1);
        var ghost = new Variable(5);
        var act = () => m.AddConstraint(x + ghost <= 1);
        act.Should().Throw<ArgumentException>().WithMessage("*variable 5*");
        m.RowCount.Should().Be(0);
        ((Action)(() => m.SetObjective(ghost, ObjectiveSense.Minimize))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = x * double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
    }
}

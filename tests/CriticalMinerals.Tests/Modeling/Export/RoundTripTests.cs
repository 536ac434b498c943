using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Export;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Export.ExportTestModels;

namespace CriticalMinerals.Tests.Modeling.Export;

public class RoundTripTests
{
    [Fact]
    public void Tiny_model_comes_back_identical_except_for_fallback_names()
    {
        LinearModel original = Tiny();
        LinearModel read = ReadMps(WriteMps(original));
        read.ShouldEqual(original, compareNames: false);
        Enumerable.Range(0, 3).Select(read.VariableName).Should().Equal("x", "y", "x2");
        Enumerable.Range(0, 3).Select(read.RowName).Should().Equal("cap", "r1", "r2");
    }

    [Fact]
    public void Every_bound_and_row_shape_comes_back_bit_for_bit()
    {
        var model = new LinearModel("shapes") { ObjectiveOffset = -0.1234567890123 };
        double inf = double.PositiveInfinity;
        int a = model.AddVariable(0, inf, 0.1234567890123, name: "a");
        int b = model.AddVariable(-inf, inf, -1e-300, name: "b");
        int c = model.AddVariable(-inf, -2.5, 1e300, name: "c");
        int d = model.AddVariable(-3, 3, 0, isInteger: true, name: "d");
        int e = model.AddVariable(7.25, 7.25, 1, name: "e");
        int f = model.AddVariable(-0.0, 5, 1, name: "f");
        int g = model.AddVariable(1, inf, 0, name: "g"); // appears in no row and not in the objective
        model.AddRow(-inf, inf, [a, b], [1, 2], "free_row");
        model.AddRow(-inf, 0.1, [a, c], [0.1234567890123, -3], "le");
        model.AddRow(-2, inf, [b, d], [1, 1], "ge");
        model.AddRow(0, 0, [c, d, e], [1, 1, 1], "eq");
        model.AddRow(-1e-9, 1e9, [e, f], [Math.E, Math.PI], "range");
        model.AddRow(-5, -5, name: "empty_row");
        _ = g;
        ReadMps(WriteMps(model)).ShouldEqual(model);
        model.Sense = ObjectiveSense.Maximize;
        ReadMps(WriteMps(model)).ShouldEqual(model);
    }

    [Fact]
    public void A_coefficient_with_thirteen_digits_survives_exactly()
    {
        var model = new LinearModel("precision");
        int x = model.AddVariable(0, 1, 0.1234567890123);
        model.AddRow(0.1234567890123, double.PositiveInfinity, [x], [0.1234567890123]);
        LinearModel read = ReadMps(WriteMps(model));
        read.ObjectiveCoefficients[0].Should().Be(0.1234567890123);
        read.GetRows().Values[0].Should().Be(0.1234567890123);
        read.RowLowerBounds[0].Should().Be(0.1234567890123);
    }

    [Fact]
    public void A_random_2000_variable_transportation_LP_solves_to_the_same_optimum_after_a_round_trip()
    {
        LinearModel original = Transport(suppliers: 40, markets: 50, seed: 20261123);
        original.VariableCount.Should().Be(2000);

        using var buffer = new MemoryStream();
        MpsWriter.Write(original, buffer);
        buffer.Position = 0;
        LinearModel read = MpsReader.Read(buffer);
        read.ShouldEqual(original);

        Solution before = SolverBackends.Clp.Solve(original);
        Solution after = SolverBackends.Clp.Solve(read);
        before.Status.Should().Be(SolveStatus.Optimal, before.Message);
        after.Status.Should().Be(SolveStatus.Optimal, after.Message);
        double expected = before.ObjectiveValue!.Value;
        after.ObjectiveValue!.Value.Should().BeApproximately(expected, 1e-9 * Math.Abs(expected));
    }

    [Fact]
    public void The_tiny_MIP_reread_solves_to_its_hand_computed_optimum()
    {
        LinearModel read = ReadMps(WriteMps(Tiny()));
        Solution solution = SolverBackends.Cbc.Solve(read);
        solution.Status.Should().Be(SolveStatus.Optimal, solution.Message);
        solution.ObjectiveValue!.Value.Should().BeApproximately(TinyOptimum, 1e-9);
    }
}

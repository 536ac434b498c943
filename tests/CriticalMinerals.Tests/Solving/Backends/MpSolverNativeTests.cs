using CriticalMinerals.Modeling;
using CriticalMinerals.Solving.Backends;
using Google.OrTools.LinearSolver;

namespace CriticalMinerals.Tests.Solving.Backends;

public class MpSolverNativeTests
{
    public static TheoryData<string> Models => new(NativeTestModels.Catalogue.Keys);

    [Fact]
    public void The_direct_calls_are_proven_on_the_pinned_OR_Tools_version()
    {
        // If an OR-Tools upgrade renames the entry points, the library falls back to the wrapper; this says so.
        MpSolverNative.Available.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Direct_calls_build_exactly_the_model_the_public_wrapper_builds(string name)
    {
        var model = NativeTestModels.Catalogue[name]();
        using var direct = Solver.CreateSolver("CBC")!;
        using var wrapper = Solver.CreateSolver("CBC")!;
        MpSolverModel.Copy(direct, model, direct: true);
        MpSolverModel.Copy(wrapper, model, direct: false);

        direct.NumVariables().Should().Be(model.VariableCount);
        direct.NumConstraints().Should().Be(model.RowCount);
        Snapshot(direct).Should().Equal(Snapshot(wrapper));
        direct.ExportModelAsLpFormat(false).Should().Be(wrapper.ExportModelAsLpFormat(false), "integrality has no getter; the export shows it");
    }

    [Theory]
    [InlineData("GLOP")]
    [InlineData("CLP")]
    public void Direct_and_wrapper_read_back_the_same_values_and_duals(string solverId)
    {
        var model = ConformanceModels.Transportation(12, 15, seed: 8);
        using var direct = Solver.CreateSolver(solverId)!;
        using var wrapper = Solver.CreateSolver(solverId)!;
        var directModel = MpSolverModel.Copy(direct, model, direct: true);
        var wrapperModel = MpSolverModel.Copy(wrapper, model, direct: false);

        direct.Solve().Should().Be(Solver.ResultStatus.OPTIMAL);
        wrapper.Solve().Should().Be(Solver.ResultStatus.OPTIMAL);

        directModel.ReadValues().Should().Equal(wrapperModel.ReadValues());
        directModel.ReadDuals().Should().Equal(wrapperModel.ReadDuals());
    }

    [Fact]
    public void Changes_in_place_reach_the_native_model()
    {
        // Wyndor: max 3x + 5y; x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18. Lifting row 3 to 24 and pricing x at 4 moves the
        // optimum from (2, 6) to (4, 6), worth 46.
        var model = ConformanceModels.Wyndor();
        using var solver = Solver.CreateSolver("GLOP")!;
        using var objective = solver.Objective();
        objective.SetMaximization();
        var copied = MpSolverModel.Copy(solver, model);
        solver.Solve();
        copied.ReadValues().Should().Equal([2, 6], (a, b) => Math.Abs(a - b) < 1e-9);

        copied.SetRowBounds(2, double.NegativeInfinity, 24);
        copied.SetObjectiveCoefficient(0, 4);
        solver.Solve();

        copied.ReadValues().Should().Equal([4, 6], (a, b) => Math.Abs(a - b) < 1e-9);
        objective.Value().Should().BeApproximately(46, 1e-9);

        copied.SetVariableBounds(0, 0, 1);
        solver.Solve();
        copied.ReadValues()[0].Should().BeApproximately(1, 1e-9);
    }

    private static List<string> Snapshot(Solver solver)
    {
        var lines = new List<string>();
        using var objective = solver.Objective();
        var variables = Enumerable.Range(0, solver.NumVariables()).Select(solver.Variable).ToArray();
        for (int j = 0; j < variables.Length; j++)
        {
            lines.Add(FormattableString.Invariant($"v{j} [{variables[j].Lb():R}, {variables[j].Ub():R}] c={objective.GetCoefficient(variables[j]):R}"));
        }

        for (int i = 0; i < solver.NumConstraints(); i++)
        {
            using var row = solver.Constraint(i);
            var terms = variables.Select(v => row.GetCoefficient(v)).Select((a, j) => FormattableString.Invariant($"{a:R}·v{j}"));
            lines.Add(FormattableString.Invariant($"r{i} [{row.Lb():R}, {row.Ub():R}] {string.Join(" ", terms)}"));
        }

        foreach (var v in variables)
        {
            v.Dispose();
        }

        return lines;
    }
}

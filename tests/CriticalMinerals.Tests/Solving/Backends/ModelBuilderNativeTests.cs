using CriticalMinerals.Modeling;
using CriticalMinerals.Solving.Backends;
using Google.OrTools.ModelBuilder;

namespace CriticalMinerals.Tests.Solving.Backends;

public class ModelBuilderNativeTests
{
    public static TheoryData<string> Models => new(Catalogue.Keys);

    private static readonly Dictionary<string, Func<LinearModel>> Catalogue = new()
    {
        ["Wyndor"] = ConformanceModels.Wyndor,
        ["Diet"] = ConformanceModels.Diet,
        ["EqualityAndRange"] = ConformanceModels.EqualityAndRange,
        ["FreeVariables"] = ConformanceModels.FreeVariables,
        ["Knapsack"] = ConformanceModels.Knapsack,
        ["FixedCharge"] = ConformanceModels.FixedCharge,
        ["Empty"] = ConformanceModels.Empty,
        ["Transportation"] = () => ConformanceModels.Transportation(30, 40, seed: 5),
        ["MarketSplit"] = () => ConformanceModels.MarketSplit(rows: 4, columns: 30, seed: 2),
        ["UnorderedDuplicates"] = UnorderedDuplicates,
    };

    [Fact]
    public void The_direct_calls_are_proven_on_the_pinned_OR_Tools_version()
    {
        // If an OR-Tools upgrade renames the entry points, the library falls back to the wrapper; this says so.
        ModelBuilderNative.Available.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Direct_calls_build_exactly_the_model_the_public_wrapper_builds(string name)
    {
        var model = Catalogue[name]();
        using var direct = new ModelBuilderHelper();
        using var wrapper = new ModelBuilderHelper();
        ModelBuilderBackend.Build(model, direct, direct: true);
        ModelBuilderBackend.Build(model, wrapper, direct: false);

        direct.VariablesCount().Should().Be(model.VariableCount);
        direct.ConstraintsCount().Should().Be(model.RowCount);
        Snapshot(direct).Should().Equal(Snapshot(wrapper));
        direct.Maximize().Should().Be(wrapper.Maximize());
        direct.ObjectiveOffset().Should().Be(wrapper.ObjectiveOffset());
    }

    [Fact]
    public void Every_field_reaches_the_native_model_exactly()
    {
        var model = UnorderedDuplicates();
        using var builder = new ModelBuilderHelper();
        ModelBuilderBackend.Build(model, builder);

        builder.VarLowerBound(0).Should().Be(-2.5);
        builder.VarUpperBound(0).Should().Be(0.1);
        builder.VarIsIntegral(1).Should().BeTrue();
        builder.VarObjectiveCoefficient(1).Should().Be(-1.0 / 3);
        builder.VarLowerBound(2).Should().Be(double.NegativeInfinity);
        builder.ConstraintLowerBound(0).Should().Be(-1e-9);
        builder.ConstraintUpperBound(1).Should().Be(double.PositiveInfinity);
        builder.ConstraintVarIndices(0).Should().Equal(0, 1, 2);
        builder.ConstraintCoefficients(0).Should().Equal(4.0, 1e-7, -6.0);
        builder.Maximize().Should().BeTrue();
        builder.ObjectiveOffset().Should().Be(12.75);
    }

    /// <summary>Terms appended out of row order with a duplicate pair (summed), a maximised objective and an offset.</summary>
    private static LinearModel UnorderedDuplicates()
    {
        var model = new LinearModel("unordered") { Sense = ObjectiveSense.Maximize, ObjectiveOffset = 12.75 };
        int x = model.AddVariable(-2.5, 0.1, objective: 2);
        int y = model.AddVariable(0, 7, objective: -1.0 / 3, isInteger: true);
        int z = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity);
        int r0 = model.AddRow(-1e-9, 5);
        int r1 = model.AddRow(3, double.PositiveInfinity);
        model.AddTerm(r1, z, 2);
        model.AddTerm(r0, z, -6);
        model.AddTerm(r0, x, 1.5);
        model.AddTerm(r1, x, -1);
        model.AddTerm(r0, y, 1e-7);
        model.AddTerm(r0, x, 2.5);
        return model;
    }

    private static List<string> Snapshot(ModelBuilderHelper builder)
    {
        var lines = new List<string>();
        for (int j = 0; j < builder.VariablesCount(); j++)
        {
            lines.Add(FormattableString.Invariant(
                $"v{j} [{builder.VarLowerBound(j):R}, {builder.VarUpperBound(j):R}] c={builder.VarObjectiveCoefficient(j):R} int={builder.VarIsIntegral(j)}"));
        }

        for (int i = 0; i < builder.ConstraintsCount(); i++)
        {
            var terms = builder.ConstraintVarIndices(i).Zip(builder.ConstraintCoefficients(i), (v, a) => FormattableString.Invariant($"{a:R}·v{v}"));
            lines.Add(FormattableString.Invariant(
                $"r{i} [{builder.ConstraintLowerBound(i):R}, {builder.ConstraintUpperBound(i):R}] {string.Join(" ", terms)}"));
        }

        return lines;
    }
}

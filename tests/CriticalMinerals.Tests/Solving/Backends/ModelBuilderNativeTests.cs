using CriticalMinerals.Modeling;
using CriticalMinerals.Solving.Backends;
using Google.OrTools.ModelBuilder;

namespace CriticalMinerals.Tests.Solving.Backends;

public class ModelBuilderNativeTests
{
    public static TheoryData<string> Models => new(NativeTestModels.Catalogue.Keys);

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
        var model = NativeTestModels.Catalogue[name]();
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
        var model = NativeTestModels.UnorderedDuplicates();
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

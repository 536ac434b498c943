using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Export;
using static CriticalMinerals.Tests.Modeling.Export.ExportTestModels;

namespace CriticalMinerals.Tests.Modeling.Export;

public class MpsWriterTests
{
    [Fact]
    public void Tiny_model_gives_the_golden_file()
    {
        const string expected = """
            NAME tiny
            OBJSENSE
                MAX
            ROWS
             N  obj
             L  cap
             G  r1
             E  r2
            COLUMNS
                x obj 3
                x cap 1
                x r2 1
                MARKER0 'MARKER' 'INTORG'
                y obj 2
                y cap 1
                y r1 1
                MARKER1 'MARKER' 'INTEND'
                x2 obj -1
                x2 r1 -1
                x2 r2 1
            RHS
                RHS obj -2.5
                RHS cap 10
                RHS r1 1
                RHS r2 3
            RANGES
                RNG r1 4
            BOUNDS
             UP BND x 4
             LO BND y 0
             PL BND y
             FR BND x2
            ENDATA

            """;
        WriteMps(Tiny()).Should().Be(expected.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Negated_minimize_style_flips_costs_and_offset_and_omits_OBJSENSE()
    {
        string text = WriteMps(Tiny(), new MpsWriterOptions { SenseStyle = MpsObjectiveSenseStyle.NegatedMinimize });
        text.Should().NotContain("OBJSENSE");
        text.Should().Contain("    x obj -3\n").And.Contain("    x2 obj 1\n").And.Contain("    RHS obj 2.5\n");
        LinearModel read = ReadMps(text);
        read.Sense.Should().Be(ObjectiveSense.Minimize);
        read.ObjectiveOffset.Should().Be(-2.5);
    }

    [Fact]
    public void Fixed_variable_offset_style_adds_a_fixed_column()
    {
        string text = WriteMps(Tiny(), new MpsWriterOptions { OffsetStyle = ObjectiveOffsetStyle.FixedVariable });
        text.Should().Contain("    objective_offset obj 2.5\n").And.Contain(" FX BND objective_offset 1\n").And.NotContain("RHS obj");
        LinearModel read = ReadMps(text);
        read.VariableCount.Should().Be(4);
        read.ObjectiveOffset.Should().Be(0);
    }

    [Fact]
    public void Invalid_duplicate_and_colliding_names_fall_back_to_unique_indices()
    {
        var model = new LinearModel("names with spaces");
        model.AddVariable(0, 1, name: "has space");
        model.AddVariable(0, 1, name: "x0");            // a user name equal to variable 0's fallback
        model.AddVariable(0, 1, name: "x0");            // duplicate
        model.AddVariable(0, 1, name: new string('a', 256));
        model.AddVariable(0, 1, name: "*comment");
        model.AddRow(0, 1, name: "obj");                // reserved for the objective
        model.AddRow(0, 1, name: "twin");
        model.AddRow(0, 1, name: "twin");
        model.AddRow(0, 1, name: "r0");

        string text = WriteMps(model);
        text.Should().StartWith("NAME names_with_spaces\n");
        LinearModel read = ReadMps(text);
        Enumerable.Range(0, 5).Select(read.VariableName).Should().Equal("x0_1", "x0", "x2", "x3", "x4");
        Enumerable.Range(0, 4).Select(read.RowName).Should().Equal("r0_1", "twin", "r2", "r0");
    }

    [Fact]
    public void Integer_variables_always_get_explicit_bounds()
    {
        var model = new LinearModel("ints");
        model.AddVariable(0, double.PositiveInfinity, 1, isInteger: true, name: "a");
        model.AddVariable(0, 1, 1, isInteger: true, name: "b");
        model.AddVariable(double.NegativeInfinity, 7, 1, isInteger: true, name: "c");
        model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, 1, isInteger: true, name: "d");
        string text = WriteMps(model);
        text.Should().Contain(" LO BND a 0\n PL BND a\n")
            .And.Contain(" LO BND b 0\n UP BND b 1\n")
            .And.Contain(" MI BND c\n UP BND c 7\n")
            .And.Contain(" FR BND d\n");
        ReadMps(text).ShouldEqual(model);
    }

    [Theory]
    [InlineData(0.1, 0.3)]
    [InlineData(-1e-17, 1e17)]
    [InlineData(1e16, 1e16 + 2)]
    [InlineData(-0.7, -0.1)]
    [InlineData(0.1234567890123, 98765.4321098765)]
    public void Ranged_rows_come_back_bit_for_bit(double lower, double upper)
    {
        var model = new LinearModel("ranged");
        int x = model.AddVariable(0, 1);
        model.AddRow(lower, upper, [x], [1]);
        LinearModel read = ReadMps(WriteMps(model));
        read.RowLowerBounds[0].Should().Be(lower);
        read.RowUpperBounds[0].Should().Be(upper);
    }

    [Fact]
    public void Numbers_keep_all_their_digits()
    {
        var model = new LinearModel("digits");
        int x = model.AddVariable(0.1234567890123, Math.PI, 0.1234567890123);
        model.AddRow(double.NegativeInfinity, 1.0 / 3, [x], [0.1234567890123]);
        string text = WriteMps(model);
        text.Should().Contain("0.1234567890123").And.Contain("3.141592653589793").And.Contain("0.3333333333333333");
        ReadMps(text).ShouldEqual(model);
    }

    [Fact]
    public void Streams_and_files_hold_the_same_text()
    {
        LinearModel model = Tiny();
        string path = Path.Combine(Path.GetTempPath(), $"cm-export-{Guid.NewGuid():N}.mps");
        try
        {
            ModelFile.WriteMps(model, path);
            File.ReadAllText(path).Should().Be(WriteMps(model));
            ModelFile.ReadMps(path).ShouldEqual(ReadMps(WriteMps(model)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

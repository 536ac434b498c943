using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Export;
using static CriticalMinerals.Tests.Modeling.Export.ExportTestModels;

namespace CriticalMinerals.Tests.Modeling.Export;

public class LpWriterTests
{
    [Fact]
    public void Tiny_model_gives_the_golden_file()
    {
        const string expected = """
            \ tiny
            Maximize
             obj: + 3 x + 2 y - 1 x2 + 2.5 objective_offset
            Subject To
             cap: + 1 x + 1 y <= 10
             r1_lo: + 1 y - 1 x2 >= 1
             r1_hi: + 1 y - 1 x2 <= 5
             r2: + 1 x + 1 x2 = 3
            Bounds
             0 <= x <= 4
             x2 free
             objective_offset = 1
            General
             y
            End

            """;
        WriteLp(Tiny()).Should().Be(expected.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Native_offset_style_writes_a_constant()
    {
        string text = WriteLp(Tiny(), new LpWriterOptions { OffsetStyle = ObjectiveOffsetStyle.Native });
        text.Should().Contain(" obj: + 3 x + 2 y - 1 x2 + 2.5\n").And.NotContain("objective_offset");
    }

    [Fact]
    public void Long_rows_are_wrapped_below_the_CPLEX_line_limit_without_splitting_terms()
    {
        var model = new LinearModel("long");
        var variables = new int[500];
        var coefficients = new double[500];
        for (int j = 0; j < variables.Length; j++)
        {
            variables[j] = model.AddVariable(double.NegativeInfinity, j, 0.1234567890123 * (j + 1), name: "shipment_" + j);
            coefficients[j] = -1.0 / (j + 3);
        }

        model.AddRow(-5, double.PositiveInfinity, variables, coefficients, "a_really_long_row_" + new string('z', 230));
        string text = WriteLp(model);
        string[] lines = text.Split('\n');
        lines.Should().OnlyContain(line => line.Length <= 510);
        lines.Count(line => line.Length > 255).Should().Be(0);
        text.Replace("\n", " ", StringComparison.Ordinal).Should().Contain("- 0.3333333333333333 shipment_0 - 0.25 shipment_1");
        text.Should().Contain(" -inf <= shipment_7 <= 7\n").And.Contain(" -inf <= shipment_0 <= 0\n");
        lines.Should().Contain(line => line.StartsWith(" a_really_long_row_", StringComparison.Ordinal) && line.EndsWith(':'));
    }

    [Fact]
    public void Invalid_LP_names_fall_back_and_free_rows_are_left_out()
    {
        var model = new LinearModel("lpnames");
        model.AddVariable(0, 1, 1, name: "2start");
        model.AddVariable(0, 1, 1, name: "e5");
        model.AddVariable(0, 1, 1, name: "ship[a,b]");
        model.AddVariable(0, 1, 1, name: "free");
        model.AddVariable(-3, double.PositiveInfinity, 1, name: "ok_name");
        model.AddRow(double.NegativeInfinity, double.PositiveInfinity, [0], [1], "loose");
        model.AddRow(1, double.PositiveInfinity, [4], [1], "st");
        string text = WriteLp(model);
        text.Should().Contain(" obj: + 1 x0 + 1 x1 + 1 x2 + 1 x3 + 1 ok_name\n")
            .And.Contain("\\ free row loose left out")
            .And.Contain(" r1: + 1 ok_name >= 1\n")
            .And.Contain(" ok_name >= -3\n");
    }

    [Fact]
    public void Rows_without_variables_are_refused()
    {
        var model = new LinearModel("empty");
        model.AddRow(0, 1);
        FluentActions.Invoking(() => WriteLp(model)).Should().Throw<ArgumentException>().WithMessage("*no variables*");
    }
}

using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Export;
using static CriticalMinerals.Tests.Modeling.Export.ExportTestModels;

namespace CriticalMinerals.Tests.Modeling.Export;

public class MpsReaderTests
{
    private const string Valid = """
        NAME demo
        ROWS
         N cost
         L lim
        COLUMNS
            x cost 1 lim 1
        RHS
            RHS lim 4
        ENDATA
        """;

    public static TheoryData<string, int, string> Malformed => new()
    {
        { "NAME t\nROWS\n N obj\nFOO\nENDATA\n", 4, "unknown section 'FOO'" },
        { "NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1\n    x zz 2\nENDATA\n", 6, "unknown row 'zz' in COLUMNS" },
        { "NAME t\nROWS\n N obj\n L c\n G c\nENDATA\n", 5, "duplicate row 'c'" },
        { "NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1\n    y obj 1\n    x obj 2\nENDATA\n", 7, "duplicate column 'x'" },
        { "NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1.5.2\nENDATA\n", 5, "'1.5.2' is not a number" },
        { "NAME t\nROWS\n N obj\n L c\nCOLUMNS\n    x c 1\nRHS\n    RHS c abc\nENDATA\n", 8, "'abc' is not a number: expected the RHS value of row 'c'" },
        { "NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1\n", 6, "missing ENDATA" },
        { "", 1, "empty file" },
        { "* only a comment\n\n", 1, "empty file" },
        { "NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1\nBOUNDS\n XX BND x 3\nENDATA\n", 7, "unknown bound type 'XX'" },
        { "NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1\nBOUNDS\n UP BND y 3\nENDATA\n", 7, "unknown column 'y' in BOUNDS" },
        { "NAME t\nROWS\n N obj\n Q c\nENDATA\n", 4, "unknown row type 'Q'" },
        { "NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1\nBOUNDS\n LO BND x 5\n UP BND x 4\nENDATA\n", 8, "bounds of column 'x' are [5, 4]" },
        { "NAME t\nROWS\n N obj\nCOLUMNS\n    x obj 1e999\nENDATA\n", 5, "is not finite" },
        { "NAME t\nOBJSENSE\n    SIDEWAYS\nROWS\n N obj\nENDATA\n", 3, "unknown objective sense 'SIDEWAYS'" },
        { "NAME t\n    stray data\nROWS\n N obj\nENDATA\n", 2, "data line outside any section" },
        { "NAME t\nROWS\n N obj\nCOLUMNS\n    x obj\nENDATA\n", 5, "expected a column name followed by" },
        { "NAME t\nROWS\n N obj\n L c\nCOLUMNS\n    x c 1\n    x c 2\nENDATA\n", 7, "duplicate entry for column 'x' in row 'c'" },
        { "NAME t\nROWS\n N obj\nCOLUMNS\n    M 'MARKER' 'INTWHAT'\nENDATA\n", 5, "unknown marker" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_names_the_line_and_what_was_expected(string text, int line, string message)
    {
        MpsFormatException error = FluentActions.Invoking(() => ReadMps(text)).Should().Throw<MpsFormatException>().Which;
        error.FileName.Should().Be("<stream>");
        error.LineNumber.Should().Be(line);
        error.Problems[0].Message.Should().Contain(message);
        error.Message.Should().Contain(message).And.Contain("<stream>:line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (line <= text.Split('\n').Length && text.Length > 0 && !message.StartsWith("missing", StringComparison.Ordinal) && !message.StartsWith("empty", StringComparison.Ordinal))
        {
            error.LineText.Should().Be(text.Split('\n')[line - 1]);
        }
    }

    [Fact]
    public void All_problems_of_a_file_are_reported_at_once()
    {
        const string text = "NAME t\nROWS\n N obj\n L c\nCOLUMNS\n    x c one\n    y nowhere 1\nBOUNDS\n ZZ BND x 1\n";
        MpsFormatException error = FluentActions.Invoking(() => ReadMps(text)).Should().Throw<MpsFormatException>().Which;
        error.Problems.Select(p => p.LineNumber).Should().Equal(6, 7, 9, 10);
        error.Problems[^1].Message.Should().Contain("missing ENDATA");
    }

    [Fact]
    public void Errors_from_a_file_name_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cm-bad-{Guid.NewGuid():N}.mps");
        File.WriteAllText(path, "NAME t\nROWS\n N obj\nWHAT\nENDATA\n");
        try
        {
            MpsFormatException error = FluentActions.Invoking(() => ModelFile.ReadMps(path)).Should().Throw<MpsFormatException>().Which;
            error.FileName.Should().Be(path);
            error.Message.Should().Contain(path + ":line 4").And.Contain("WHAT");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_valid_file_is_read_with_its_names()
    {
        LinearModel model = ReadMps(Valid);
        model.Name.Should().Be("demo");
        model.VariableName(0).Should().Be("x");
        model.RowName(0).Should().Be("lim");
        model.RowUpperBounds[0].Should().Be(4);
        model.RowLowerBounds[0].Should().Be(double.NegativeInfinity);
        model.ObjectiveCoefficients[0].Should().Be(1);
    }

    [Theory]
    [InlineData("OBJSENSE MAX\n")]
    [InlineData("OBJSENSE\n    MAX\n")]
    [InlineData("OBJSENSE\n    MAXIMIZE\n")]
    [InlineData("OBJSEN\n  max\n")]
    public void Both_OBJSENSE_forms_are_understood(string sense)
    {
        ReadMps(Valid.Replace("ROWS\n", sense + "ROWS\n", StringComparison.Ordinal)).Sense.Should().Be(ObjectiveSense.Maximize);
    }

    [Fact]
    public void Ranges_follow_the_MPS_sign_rules_and_the_objective_RHS_is_the_negated_offset()
    {
        const string text = """
            NAME ranges
            ROWS
             N obj
             E e_pos
             E e_neg
             L l
             G g
             N spare
            COLUMNS
                x obj 1 e_pos 1
                x e_neg 1 l 1
                x g 1 spare 1
            RHS
                RHS obj 12.5 e_pos 10
                RHS e_neg 10 l 10
                RHS g 10 spare 99
            RANGES
                RNG e_pos 4 e_neg -4
                RNG l -3 g -3
                RNG spare 1
            ENDATA
            """;
        LinearModel model = ReadMps(text);
        model.ObjectiveOffset.Should().Be(-12.5);
        model.RowLowerBounds.ToArray().Should().Equal(10, 6, 7, 10, double.NegativeInfinity);
        model.RowUpperBounds.ToArray().Should().Equal(14, 10, 10, 13, double.PositiveInfinity);
        model.RowName(4).Should().Be("spare");
    }

    [Fact]
    public void Every_bound_type_is_understood()
    {
        const string text = """
            NAME bounds
            ROWS
             N obj
            COLUMNS
                up obj 1
                neg obj 1
                lo obj 1
                fx obj 1
                fr obj 1
                mi obj 1
                pl obj 1
                bv obj 1
                li obj 1
                ui obj 1
                MARKER 'MARKER' 'INTORG'
                int obj 1
                MARKER 'MARKER' 'INTEND'
            BOUNDS
             UP BND up 4
             UP BND neg -2
             LO BND lo -1
             FX BND fx 2.5
             FR BND fr
             UP BND mi 3
             MI BND mi
             UP BND pl 3
             PL BND pl
             BV BND bv
             LI BND li 2
             UI BND ui 9
             UP BND int Infinity
            ENDATA
            """;
        LinearModel model = ReadMps(text);
        double inf = double.PositiveInfinity;
        model.VariableLowerBounds.ToArray().Should().Equal(0, -inf, -1, 2.5, -inf, -inf, 0, 0, 2, 0, 0);
        model.VariableUpperBounds.ToArray().Should().Equal(4, -2, inf, 2.5, inf, 3, inf, 1, inf, 9, inf);
        model.IsInteger.ToArray().Should().Equal(false, false, false, false, false, false, false, true, true, true, true);
    }

    [Fact]
    public void Fixed_format_files_with_plain_names_are_read()
    {
        const string text = """
            NAME          TESTPROB
            ROWS
             N  COST
             L  LIM1
             G  LIM2
             E  MYEQN
            COLUMNS
                XONE      COST         1   LIM1         1
                XONE      LIM2         1
                YTWO      COST         4   LIM1         1
                YTWO      MYEQN       -1
                ZTHREE    COST         9   LIM2         1
                ZTHREE    MYEQN        1
            RHS
                RHS1      LIM1         5   LIM2        10
                RHS1      MYEQN        7
            BOUNDS
             UP BND1      XONE         4
             LO BND1      YTWO        -1
             UP BND1      YTWO         1
            ENDATA
            """;
        LinearModel model = ReadMps(text);
        model.Name.Should().Be("TESTPROB");
        ExpectTestprobShape(model);
    }

    [Fact]
    public void Mangled_files_give_a_model_or_an_MpsFormatException_and_nothing_else()
    {
        string original = WriteMps(Tiny()) + WriteMps(Transport(3, 4, 1));
        var random = new Random(12345);
        const string alphabet = " \n\t*-+.eE019xyzobjRHS'MARKER'INTORGNDATA";
        for (int trial = 0; trial < 2000; trial++)
        {
            var text = new System.Text.StringBuilder(original);
            for (int edit = random.Next(1, 6); edit > 0 && text.Length > 0; edit--)
            {
                int at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0:
                        text.Remove(at, Math.Min(text.Length - at, random.Next(1, 30)));
                        break;
                    case 1:
                        text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    default:
                        text[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                }
            }

            string mangled = text.ToString();
            try
            {
                ReadMps(mangled);
            }
            catch (MpsFormatException)
            {
            }
            catch (Exception other)
            {
                throw new Xunit.Sdk.XunitException($"Trial {trial} threw {other}\nfor:\n{mangled}");
            }
        }
    }
}

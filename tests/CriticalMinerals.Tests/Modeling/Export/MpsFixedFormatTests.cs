using System.IO.Compression;
using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Export;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Modeling.Export;

/// <summary>
/// Real MPS as clp and cbc read it: fixed-format fields (names with spaces, as in NETLIB's forplan) and text after
/// ENDATA (MIPLIB 3 appends sections there), by hand-made files and by the published instances with their optima.
/// </summary>
public sealed class MpsFixedFormatTests
{
    // Columns: 2–3 type, 5–12 name, 15–22 name, 25–36 value, 40–47 name, 50–61 value.
    private const string SpacedNames = """
        NAME          SPACED (TEST 1)
        ROWS
         N  COST  1
         L  LIM  1R
         G  LIM  2R
         E  MY EQN
        COLUMNS
            X ONE     COST  1              1   LIM  1R              1
            X ONE     LIM  2R              1
            Y  2      COST  1              4   LIM  1R              1
            Y  2      MY EQN              -1
            Z 3       COST  1              9   LIM  2R              1
            Z 3       MY EQN               1
        RHS
                      LIM  1R              5   LIM  2R             10
            RHS 1     MY EQN               7
        BOUNDS
         UP BND 1     X ONE                4
         LO           Y  2                -1
         UP BND 1     Y  2                 1
        ENDATA
        """;

    [Fact]
    public void Fixed_format_names_with_spaces_are_read_by_their_columns()
    {
        foreach (var format in new[] { MpsFormat.Auto, MpsFormat.Fixed })
        {
            LinearModel model = MpsReader.Read(new StringReader(SpacedNames), "spaced.mps", format);
            model.Name.Should().Be("SPACED (TEST 1)");
            Enumerable.Range(0, model.VariableCount).Select(model.VariableName).Should().Equal("X ONE", "Y  2", "Z 3");
            Enumerable.Range(0, model.RowCount).Select(model.RowName).Should().Equal("LIM  1R", "LIM  2R", "MY EQN");
            model.ObjectiveCoefficients.ToArray().Should().Equal(1, 4, 9);
            ExportTestModels.ExpectTestprobShape(model);
        }
    }

    [Fact]
    public void Free_format_alone_refuses_names_with_spaces_and_says_where()
    {
        var act = () => MpsReader.Read(new StringReader(SpacedNames), "spaced.mps", MpsFormat.Free);
        act.Should().Throw<MpsFormatException>().Which.Problems[0].LineNumber.Should().Be(3, "row 'COST  1' splits into three fields");
    }

    [Fact]
    public void Fixed_format_markers_make_integer_columns()
    {
        const string text = """
            NAME          MARKED
            ROWS
             N  OBJ
             L  CAP
            COLUMNS
                MARKER                 'MARKER'                 'INTORG'
                B 1       OBJ                 -3   CAP                  2
                MARKER                 'MARKER'                 'INTEND'
                C 1       OBJ                 -1   CAP                  1
            RHS
                RHS       CAP                  5
            BOUNDS
             UP BND       B 1                  2
            ENDATA
            """;
        var model = MpsReader.Read(new StringReader(text), null, MpsFormat.Fixed);
        model.IsInteger.ToArray().Should().Equal(true, false);
        model.VariableName(0).Should().Be("B 1");
        SolverBackends.Scip.Solve(model).ObjectiveValue.Should().BeApproximately(-7, 1e-9, "b = 2 uses 4 of 5, c = 1");
    }

    [Theory]
    [InlineData(MpsFormat.Auto)]
    [InlineData(MpsFormat.Free)]
    public void Whatever_follows_ENDATA_is_ignored(MpsFormat format)
    {
        const string text = """
            NAME t
            ROWS
             N obj
             L c
            COLUMNS
                x obj -1 c 1
            RHS
                RHS c 4
            ENDATA
            IMPORTANCES
            G13           2
             L late 1
            this is not MPS at all
            """;
        var model = MpsReader.Read(new StringReader(text), null, format);
        model.VariableCount.Should().Be(1);
        model.RowCount.Should().Be(1);
        model.RowUpperBounds[0].Should().Be(4);
    }

    [Fact]
    public void Problems_of_a_file_that_is_neither_format_are_the_free_format_ones()
    {
        var act = () => MpsReader.Read(new StringReader("NAME t\nROWS\n N obj\nFOO\nENDATA\n"));
        act.Should().Throw<MpsFormatException>().Which.Problems.Should().ContainSingle(p => p.LineNumber == 4 && p.Message.Contains("unknown section 'FOO'"));
    }

    [Fact]
    public void NETLIB_forplan_reads_in_fixed_format_and_solves_to_its_published_optimum()
    {
        var model = ReadPublished("forplan.mps.gz");
        model.RowCount.Should().Be(161, "NETLIB: 162 rows including the objective");
        model.VariableCount.Should().Be(421);
        Enumerable.Range(0, model.RowCount).Select(model.RowName).Should().Contain("DEDO3 1R");

        var solution = SolverBackends.Clp.Solve(model);
        solution.Status.Should().Be(SolveStatus.Optimal, solution.Message);
        solution.ObjectiveValue!.Value.Should().BeApproximately(-664.21890, 664.2189 * 1e-7);
    }

    [Fact]
    public void MIPLIB_dcmulti_with_sections_after_ENDATA_solves_to_its_published_optimum()
    {
        var model = ReadPublished("dcmulti.mps.gz");
        model.RowCount.Should().Be(290);
        model.VariableCount.Should().Be(548);
        model.IntegerVariableCount.Should().Be(75);

        var solution = SolverBackends.Scip.Solve(model, new SolveOptions { RelativeGap = 0, TimeLimit = TimeSpan.FromMinutes(5) });
        solution.Status.Should().Be(SolveStatus.Optimal, solution.Message);
        solution.ObjectiveValue!.Value.Should().BeApproximately(188182, 1e-6 * 188182);
    }

    private static LinearModel ReadPublished(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Modeling", "Export", "Data", file);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return MpsReader.Read(reader, file);
    }
}

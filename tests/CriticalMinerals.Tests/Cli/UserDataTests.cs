using System.Globalization;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Data;
using CriticalMinerals.Data.Loading;
using CriticalMinerals.Tests.Data;
using CriticalMinerals.Tests.Reliability;
using MiniExcelLibs;

namespace CriticalMinerals.Tests.Cli;

/// <summary>The tool on the user's own data: a directory of CSV files and an Excel workbook, good and broken.</summary>
[Collection(nameof(MemoryHeavyGroup))]
public sealed class UserDataTests : IDisposable
{
    private const string Demand = "iea_demand_projections";
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The embedded demand file as rows of cells (header first).</summary>
    private static List<string[]> DemandRows()
    {
        string text = File.ReadAllText(Path.Combine(TestPaths.EmbeddedDefaultFolder, Demand + ".csv"));
        return CsvTable.Parse(Demand + ".csv", text, new ProblemLog()).Select(r => r.Fields).ToList();
    }

    /// <summary>Writes rows as a one-sheet workbook; numbers become number cells, as a user's Excel file has them.</summary>
    private string Workbook(List<string[]> rows, string sheet = Demand)
    {
        string path = Path.Combine(_dir, "mydata.xlsx");
        string[] header = rows[0];
        var records = rows.Skip(1).Select(r => (IDictionary<string, object?>)header.Select((h, i) => (h, (object?)(double.TryParse(r[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : r[i])))
            .ToDictionary(p => p.h, p => p.Item2)).ToList();
        MiniExcel.SaveAs(path, new Dictionary<string, object> { [sheet] = records });
        return path;
    }

    [Fact]
    public void A_workbook_with_the_default_figures_gives_the_default_answer()
    {
        string book = Workbook(DemandRows());
        CriticalMinerals.Data.Loading.WorkbookDataset.SheetNames.Should().Contain([Demand, "iea_supply_by_country", "usgs_mcs_production_reserves"]);
        var (code, output, error) = CliRunner.Run("solve", "--commodity", "lithium", "--data", book, "--format", "csv");
        code.Should().Be(0, error);
        var (_, reference, _) = CliRunner.Run("solve", "--commodity", "lithium", "--format", "csv");
        output.Should().Be(reference);
    }

    [Fact]
    public void A_workbook_with_changed_demand_changes_the_answer()
    {
        var rows = DemandRows();
        int v = Array.IndexOf(rows[0], "value");
        foreach (var row in rows.Skip(1).Where(r => r[0] == "lithium" && r[1] == "NZE" && r[2] == "2030" && r[3] == "total_demand"))
        {
            row[v] = "1000";
        }

        var (code, output, error) = CliRunner.Run("solve", "--commodity", "lithium", "--data", Workbook(rows), "--format", "csv");
        code.Should().Be(0, error);
        output.Should().Contain("lithium,kt Li,MSP_Minerals_Security_Partnership,NZE,2030,base_case_projection,1000,");
    }

    [Fact]
    public void Workbook_problems_name_the_workbook_sheet_row_and_column()
    {
        var rows = DemandRows();
        int v = Array.IndexOf(rows[0], "value");
        rows[6][v] = "lots"; // sheet row 7 (row 1 is the header)
        var (code, output, error) = CliRunner.Run("solve", "--commodity", "lithium", "--data", Workbook(rows));
        code.Should().Be(ExitCodes.BadInput);
        output.Should().BeEmpty();
        string column = ((char)('A' + v)).ToString();
        error.Should().Contain($"mydata.xlsx, sheet '{Demand}', row 7, field 'value (column {column})': found 'lots'");
    }

    [Fact]
    public void A_sheet_that_is_no_data_file_is_named()
    {
        var (code, _, error) = CliRunner.Run("solve", "--commodity", "lithium", "--data", Workbook(DemandRows(), "Sheet1"));
        code.Should().Be(ExitCodes.BadInput);
        error.Should().Contain("mydata.xlsx").And.Contain("sheet name").And.Contain("'Sheet1'");
    }

    [Fact]
    public void A_file_that_is_no_workbook_is_bad_input()
    {
        string path = Path.Combine(_dir, "fake.xlsx");
        File.WriteAllText(path, "not a zip");
        var (code, _, error) = CliRunner.Run("solve", "--commodity", "lithium", "--data", path);
        code.Should().Be(ExitCodes.BadInput);
        error.Should().Contain("fake.xlsx");
    }

    [Fact]
    public void A_csv_directory_problem_names_file_row_and_field()
    {
        var rows = DemandRows();
        int v = Array.IndexOf(rows[0], "value");
        rows[3][v] = "n/a";
        File.WriteAllLines(Path.Combine(_dir, Demand + ".csv"), rows.Select(r => string.Join(",", r.Select(c => c.Contains(',', StringComparison.Ordinal) ? "\"" + c + "\"" : c))));
        var (code, _, error) = CliRunner.Run("coverage", "--data", _dir);
        code.Should().Be(ExitCodes.BadInput);
        error.Should().Contain($"{Demand}.csv, row 4, field 'value': found 'n/a'");
    }

    [Fact]
    public void A_missing_data_directory_is_bad_input()
    {
        var (code, _, error) = CliRunner.Run("coverage", "--data", Path.Combine(_dir, "nope"));
        code.Should().Be(ExitCodes.BadInput);
        error.Should().Contain("no such directory");
    }

    /// <summary>The demand workbook with its worksheet XML rewritten.</summary>
    private string WorkbookWithSheetXml(Func<string, string> change)
    {
        string book = Workbook(DemandRows());
        using var zip = System.IO.Compression.ZipFile.Open(book, System.IO.Compression.ZipArchiveMode.Update);
        var entry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        string xml;
        using (var reader = new StreamReader(entry.Open()))
        {
            xml = reader.ReadToEnd();
        }

        string name = entry.FullName;
        entry.Delete();
        using (var writer = new StreamWriter(zip.CreateEntry(name).Open()))
        {
            writer.Write(change(xml));
        }

        return book;
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("doctype")]
    public void A_broken_worksheet_is_bad_input_naming_the_sheet(string how)
    {
        string book = WorkbookWithSheetXml(xml => how == "truncated"
            ? xml[..(xml.Length / 2)]
            : xml.Insert(xml.IndexOf("?>", StringComparison.Ordinal) + 2, "<!DOCTYPE worksheet [<!ENTITY e \"eeeeeeeeee\">]>"));
        var (code, output, error) = CliRunner.Run("solve", "--commodity", "lithium", "--data", book);
        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain($"mydata.xlsx, sheet '{Demand}'");
        (output + error).Should().NotContain("   at ");
    }

    [Fact]
    public void A_cell_beyond_the_cap_is_a_problem_shown_shortened()
    {
        var rows = DemandRows();
        rows[2][Array.IndexOf(rows[0], "note")] = new string('n', CriticalMinerals.Data.Loading.WorkbookDataset.MaxCellChars + 1);
        var (code, _, error) = CliRunner.Run("solve", "--commodity", "lithium", "--data", Workbook(rows));
        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain($"sheet '{Demand}', row 3").And.Contain("at most 32767 characters").And.Contain("(32768 characters)");
    }

    [Fact]
    public void A_part_that_unpacks_beyond_the_cap_is_refused_before_parsing()
    {
        string book = WorkbookWithSheetXml(xml => xml + new string(' ', 65 * 1024 * 1024));
        var (code, _, error) = CliRunner.Run("solve", "--commodity", "lithium", "--data", book);
        code.Should().Be(ExitCodes.BadInput, error);
        error.Should().Contain("field '(part)'").And.Contain("bytes unpacked").And.Contain("MaxFileBytes");
    }
}

using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace CriticalMinerals.Data.Loading;

/// <summary>
/// Loads a dataset from an Excel workbook: one sheet per data file, named like the CSV file without its extension
/// (<c>iea_supply_by_country</c>, <c>iea_demand_projections</c>, ...), first row the CSV header. Each sheet is turned
/// into the CSV layout in memory and loaded as the CSV files are, so every check of the CSV loader applies; problems
/// are reported against the workbook, sheet, row and column.
/// </summary>
internal static class WorkbookDataset
{
    private const string ResourcePrefix = "CriticalMinerals.Data.Default.";

    /// <summary>The sheet names a workbook may hold: the files of the embedded dataset without extension.</summary>
    public static IReadOnlyList<string> SheetNames { get; } = typeof(MineralDataset).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".csv".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Loads the workbook at <paramref name="path"/>.</summary>
    /// <exception cref="DatasetException">Problems of the workbook or its data, by sheet, row and column.</exception>
    public static MineralDataset Load(string path, DatasetLoadOptions options)
    {
        string workbook = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new DatasetException([new DataProblem(workbook, 0, "(file)", path, "an existing .xlsx workbook")]);
        }

        if (DataFileAccess.KindOf(path) is { } kind)
        {
            throw new DatasetException([new DataProblem(workbook, 0, "(file)", path, "a regular .xlsx file, not " + kind)]);
        }

        var (bytes, problem) = DataFileAccess.Read(workbook, path, options.MaxFileBytes);
        return problem is not null ? throw new DatasetException([problem]) : Load(workbook, bytes!, options);
    }

    /// <summary>Loads a workbook from a stream (read once from its position, capped like a file); <paramref name="workbook"/> names it in problems.</summary>
    /// <exception cref="DatasetException">Problems of the workbook or its data, by sheet, row and column.</exception>
    public static MineralDataset Load(string workbook, Stream stream, DatasetLoadOptions options)
    {
        var (bytes, problem) = DataFileAccess.ReadCapped(workbook, stream, options.MaxFileBytes);
        return problem is not null ? throw new DatasetException([problem]) : Load(workbook, bytes!, options);
    }

    private static MineralDataset Load(string workbook, byte[] bytes, DatasetLoadOptions options)
    {
        CheckPackage(workbook, bytes, options.MaxFileBytes);
        List<string> sheets;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            sheets = MiniExcel.GetSheetNames(stream);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw new DatasetException([new DataProblem(workbook, 0, "(file)", ProblemText.Shorten(e.Message), "an .xlsx workbook (Office Open XML)")]);
        }

        var unknown = sheets.Where(s => !SheetNames.Contains(s, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            throw new DatasetException(unknown.Select(s => new DataProblem(workbook, 0, "sheet name", s, "one of " + string.Join(", ", SheetNames))).ToArray());
        }

        var maps = new Dictionary<string, SheetMap>(StringComparer.Ordinal);
        var csv = new Dictionary<string, Stream>(StringComparer.Ordinal);
        var problems = new List<DataProblem>();
        try
        {
            foreach (string sheet in sheets)
            {
                try
                {
                    var (text, map) = ToCsv(bytes, sheet, problems, $"{workbook}, sheet '{sheet}'");
                    maps[sheet + ".csv"] = map;
                    csv[sheet + ".csv"] = new MemoryStream(text, writable: false);
                }
                catch (Exception e) when (IsUnreadable(e))
                {
                    // A truncated worksheet, a DOCTYPE, a part the package lacks: the sheet is named, never a stack trace.
                    problems.Add(new DataProblem($"{workbook}, sheet '{sheet}'", 0, "(sheet)", ProblemText.Shorten(e.Message), "a well-formed worksheet (Office Open XML, no DOCTYPE)"));
                }
            }

            if (problems.Count > 0)
            {
                throw new DatasetException(problems);
            }

            try
            {
                return MineralDataset.Load(csv, options);
            }
            catch (DatasetException e)
            {
                throw new DatasetException(e.Problems.Select(p => maps.TryGetValue(p.File, out var map) ? map.Map(workbook, p) : p).ToArray());
            }
        }
        finally
        {
            foreach (var stream in csv.Values)
            {
                stream.Dispose();
            }
        }
    }

    /// <summary>The longest cell text read (Excel's own limit); a longer cell is a problem, shown shortened.</summary>
    public const int MaxCellChars = 32_767;

    private static bool IsUnreadable(Exception e) =>
        e is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or NotSupportedException or FormatException or ArgumentException;

    /// <summary>
    /// Refuses before parsing what would exhaust memory or is no workbook: a file beyond the cap, a part whose unpacked
    /// size is beyond it (a small zip can unpack to gigabytes), a zip without <c>xl/workbook.xml</c>.
    /// </summary>
    private static void CheckPackage(string workbook, byte[] bytes, long maxBytes)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read);
            var problems = zip.Entries.Where(e => e.Length > maxBytes)
                .Select(e => new DataProblem(workbook, 0, "(part)", string.Create(CultureInfo.InvariantCulture, $"{e.FullName}: {e.Length} bytes unpacked"), string.Create(CultureInfo.InvariantCulture, $"at most {maxBytes} bytes per part (DatasetLoadOptions.MaxFileBytes)")))
                .ToList();
            if (!zip.Entries.Any(e => string.Equals(e.FullName, "xl/workbook.xml", StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new DataProblem(workbook, 0, "(file)", "a zip without xl/workbook.xml", "an .xlsx workbook (Office Open XML)"));
            }

            if (problems.Count > 0)
            {
                throw new DatasetException(problems);
            }
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException([new DataProblem(workbook, 0, "(file)", ProblemText.Shorten(e.Message), "an .xlsx workbook (Office Open XML, a zip package)")]);
        }
    }

    /// <summary>One sheet as CSV bytes, and how CSV lines and columns map back to sheet rows and column letters.</summary>
    private static (byte[] Csv, SheetMap Map) ToCsv(byte[] workbook, string sheet, List<DataProblem> problems, string where)
    {
        using var stream = new MemoryStream(workbook, writable: false);
        var lineToRow = new List<int> { 0 }; // index = CSV line (1-based)
        var headerColumns = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string>? columns = null;
        var text = new StringBuilder();
        int sheetRow = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet))
        {
            sheetRow++;
            if (columns is null)
            {
                columns = row.Where(kv => !string.IsNullOrWhiteSpace(Cell(kv.Value))).Select(kv => kv.Key).ToList();
                foreach (string column in columns)
                {
                    headerColumns[Cell(row[column]).Trim()] = column;
                }
            }

            var cells = columns.Select(c => row.TryGetValue(c, out var v) ? Cell(v) : string.Empty).ToArray();
            for (int k = 0; k < cells.Length; k++)
            {
                if (cells[k].Length > MaxCellChars)
                {
                    problems.Add(new DataProblem(where, sheetRow, $"(column {columns[k]})", ProblemText.Shorten(cells[k]), string.Create(CultureInfo.InvariantCulture, $"a cell of at most {MaxCellChars} characters (found {cells[k].Length})")));
                    cells[k] = string.Empty;
                }
            }

            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue; // a blank row of the sheet is no record
            }

            // Read back by the loader, never opened in a spreadsheet: quoted, not neutralised.
            string line = string.Join(",", cells.Select(CsvQuoting.Quote));
            text.Append(line).Append('\n');
            int lines = 1 + line.Count(ch => ch == '\n');
            for (int k = 0; k < lines; k++)
            {
                lineToRow.Add(sheetRow);
            }
        }

        return (new UTF8Encoding(false).GetBytes(text.ToString()), new SheetMap(sheet, lineToRow, headerColumns));
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed record SheetMap(string Sheet, IReadOnlyList<int> LineToRow, IReadOnlyDictionary<string, string> HeaderColumns)
    {
        public DataProblem Map(string workbook, DataProblem problem)
        {
            int row = problem.Row > 0 && problem.Row < LineToRow.Count ? LineToRow[problem.Row] : problem.Row;
            string field = HeaderColumns.TryGetValue(problem.Field, out var letter) ? $"{problem.Field} (column {letter})" : problem.Field;
            return new DataProblem($"{workbook}, sheet '{Sheet}'", row, field, problem.Value, problem.Expected);
        }
    }
}

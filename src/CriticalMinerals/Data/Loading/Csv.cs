using System.Globalization;
using System.Text;

namespace CriticalMinerals.Data.Loading;

/// <summary>Collects problems in the order they are found.</summary>
internal sealed class ProblemLog
{
    private readonly List<DataProblem> _problems = [];

    public IReadOnlyList<DataProblem> Problems => _problems;

    public int Count => _problems.Count;

    public void Add(string file, int row, string field, string value, string expected) =>
        _problems.Add(new DataProblem(file, row, field, ProblemText.Shorten(value), expected));
}

/// <summary>Keeps values in problems readable: a long value (a 200 MB cell, a runaway quoted field) is cut.</summary>
internal static class ProblemText
{
    /// <summary>The longest value shown in a problem.</summary>
    public const int MaxValueChars = 80;

    /// <summary>What is expected of a file that is not UTF-8, naming the first bad byte and its offset.</summary>
    public static string NotUtf8(int offset, byte value) =>
        string.Create(CultureInfo.InvariantCulture, $"UTF-8 text (byte {offset} is 0x{value:X2}, not UTF-8: save the file as UTF-8, e.g. not Latin-1)");

    /// <summary>The value, or its first characters followed by <c>...</c> and its length.</summary>
    public static string Shorten(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= MaxValueChars
            ? value
            : string.Create(CultureInfo.InvariantCulture, $"{value[..(MaxValueChars - 3)]}... ({value.Length} characters)");
    }
}

/// <summary>One data row of a CSV file: its line number and its fields by column name.</summary>
internal sealed class CsvRow(int line, IReadOnlyDictionary<string, int> columns, string[] fields)
{
    public int Line { get; } = line;

    public string this[string column] => fields[columns[column]];
}

/// <summary>A validated CSV table: header checked against the expected columns, rows with the right field count.</summary>
internal sealed class CsvTable
{
    private CsvTable(string file, IReadOnlyList<CsvRow> rows)
    {
        File = file;
        Rows = rows;
    }

    public string File { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>
    /// Reads a CSV file. Returns <see langword="null"/> (with problems logged) if the file is missing, empty,
    /// not UTF-8, or its header lacks expected columns; rows with broken quoting or a wrong field count are
    /// logged and left out.
    /// </summary>
    public static CsvTable? Read(string file, byte[]? bytes, IReadOnlyList<string> columns, ProblemLog log)
    {
        var expectedHeader = string.Join(',', columns);
        if (bytes is null)
        {
            log.Add(file, 0, "(file)", "(missing)", "the file to exist");
            return null;
        }

        if (JsonRows.InvalidUtf8At(bytes) is { } offset)
        {
            log.Add(file, 0, "(file)", "(not UTF-8)", ProblemText.NotUtf8(offset, bytes[offset]));
            return null;
        }

        string text = Encoding.UTF8.GetString(bytes);

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            log.Add(file, 1, "(file)", "(empty)", "header: " + expectedHeader);
            return null;
        }

        var records = Parse(file, text, log);
        if (records.Count == 0)
        {
            log.Add(file, 1, "(header)", "(unreadable)", "header: " + expectedHeader);
            return null;
        }

        var (headerLine, header, headerOk) = records[0];
        if (!headerOk)
        {
            return null;
        }

        var names = header.Select(h => h.Trim()).ToArray();
        var joined = string.Join(',', header);
        if (names.Length == 1 && columns.Count > 1)
        {
            foreach (var delimiter in new[] { ';', '\t', '|' })
            {
                if (joined.Contains(delimiter, StringComparison.Ordinal))
                {
                    var shown = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
                    log.Add(file, headerLine, "(header)", Shorten(joined), $"comma-separated header '{expectedHeader}' (the file seems to use {shown} as delimiter)");
                    return null;
                }
            }
        }

        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < names.Length; i++)
        {
            if (!columns.Contains(names[i]))
            {
                log.Add(file, headerLine, names[i].Length == 0 ? "(header)" : names[i], names[i], "only the columns " + expectedHeader);
                ok = false;
            }
            else if (!map.TryAdd(names[i], i))
            {
                log.Add(file, headerLine, names[i], names[i], "each column once");
                ok = false;
            }
        }

        foreach (var column in columns)
        {
            if (!map.ContainsKey(column))
            {
                log.Add(file, headerLine, column, "(missing column)", $"column '{column}' in header '{expectedHeader}'");
                ok = false;
            }
        }

        if (!ok)
        {
            return null;
        }

        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var (line, fields, recordOk) in records.Skip(1))
        {
            if (!recordOk)
            {
                continue;
            }

            if (fields.Length != names.Length)
            {
                log.Add(file, line, "(row)", string.Create(CultureInfo.InvariantCulture, $"{fields.Length} fields"), string.Create(CultureInfo.InvariantCulture, $"{names.Length} comma-separated fields as in the header"));
                continue;
            }

            rows.Add(new CsvRow(line, map, fields));
        }

        return new CsvTable(file, rows);
    }

    private static string Shorten(string s) => ProblemText.Shorten(s);

    /// <summary>RFC 4180 parser that reports broken quoting as problems instead of throwing. Blank lines are skipped.</summary>
    internal static List<(int Line, string[] Fields, bool Ok)> Parse(string file, string text, ProblemLog log)
    {
        var records = new List<(int, string[], bool)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var recordOk = true;
        var i = 0;
        var n = text.Length;
        string FieldName() => records.Count == 0
            ? "(header)"
            : fields.Count < records[0].Item2.Length && records[0].Item2[fields.Count].Trim() is { Length: > 0 } name
                ? name
                : string.Create(CultureInfo.InvariantCulture, $"(column {fields.Count + 1})");

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            var blank = fields.Count == 1 && fields[0].Length == 0;
            if (!blank || !recordOk)
            {
                records.Add((recordLine, fields.ToArray(), recordOk));
            }

            fields.Clear();
            recordOk = true;
        }

        while (i < n)
        {
            // Start of a field.
            if (text[i] == '"')
            {
                var quoteLine = line;
                i++;
                var closed = false;
                while (i < n)
                {
                    var c = text[i];
                    if (c == '"')
                    {
                        if (i + 1 < n && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        closed = true;
                        break;
                    }

                    if (c == '\n' || (c == '\r' && (i + 1 >= n || text[i + 1] != '\n')))
                    {
                        line++;
                    }

                    field.Append(c);
                    i++;
                }

                if (!closed)
                {
                    log.Add(file, quoteLine, FieldName(), Shorten(field.ToString()), "a closing quote (\") for the quote opened on this line");
                    recordOk = false;
                    recordLine = quoteLine < recordLine ? quoteLine : recordLine;
                    EndRecord();
                    return records;
                }

                if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                {
                    var start = i;
                    while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    {
                        i++;
                    }

                    log.Add(file, line, FieldName(), Shorten(field + text[start..i]), "a comma or line end right after a closing quote");
                    recordOk = false;
                }
            }
            else
            {
                var start = i;
                while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }

                var raw = text[start..i];
                if (raw.Contains('"', StringComparison.Ordinal))
                {
                    log.Add(file, line, FieldName(), Shorten(raw), "a quote only around a whole field (write \"\" for a quote inside a quoted field)");
                    recordOk = false;
                }

                field.Append(raw);
            }

            if (i >= n)
            {
                break;
            }

            if (text[i] == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
                if (i >= n)
                {
                    break;
                }

                continue;
            }

            // Line end.
            i += text[i] == '\r' && i + 1 < n && text[i + 1] == '\n' ? 2 : 1;
            EndRecord();
            line++;
            recordLine = line;
            if (i >= n)
            {
                return records;
            }
        }

        EndRecord();
        return records;
    }
}

/// <summary>RFC 4180 quoting, where CSV is written to be read back (the loader's own input; the exports build on it).</summary>
internal static class CsvQuoting
{
    /// <summary>A cell with a comma, quote or line break is quoted, quotes doubled; any other is left as it is.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

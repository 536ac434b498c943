using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CriticalMinerals.Data.Loading;

/// <summary>
/// Reads a data file given as JSON (an array of objects whose property names are the CSV columns) into the CSV
/// layout, so that it passes through the same row checks as a CSV file. The rendering keeps, for each CSV line, the
/// object it came from (a value with line breaks spans several lines), and <see cref="MapProblem"/> maps problems back
/// to object numbers. Read in one pass with a forward-only reader: time and memory linear in the file.
/// </summary>
internal static class JsonRows
{
    /// <summary>The most distinct property names a file may use (a dataset file has at most 14 columns).</summary>
    public const int MaxProperties = 64;

    private const string Expected = "a JSON array of objects whose property names are the CSV columns";

    /// <summary>The JSON name of a data file: <c>x.csv</c> → <c>x.json</c>.</summary>
    public static string JsonName(string csvFile) => Path.ChangeExtension(csvFile, ".json");

    /// <summary>
    /// Converts JSON rows to CSV bytes with the object of each CSV line (index = line, header line 1 → 0), or returns the
    /// problem that makes the file unreadable (the row is the object being read, 0 before the first).
    /// </summary>
    public static (byte[]? Csv, IReadOnlyList<int> LineToObject, DataProblem? Problem) ToCsv(string jsonFile, byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        if (InvalidUtf8At(span) is { } offset)
        {
            return Fail(jsonFile, 0, "(not UTF-8)", ProblemText.NotUtf8(offset + (bytes.Length - span.Length), span[offset]));
        }

        var columns = new List<string>();
        var columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<string[]>();
        int index = 0;
        var reader = new Utf8JsonReader(span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return Fail(jsonFile, 0, reader.TokenType.ToString(), "a JSON array of objects");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                index++;
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return Fail(jsonFile, index, reader.TokenType.ToString(), "an object per row");
                }

                var row = new List<(int Column, string Value)>();
                var seen = new HashSet<int>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    if (!columnIndex.TryGetValue(name, out int column))
                    {
                        if (columns.Count == MaxProperties)
                        {
                            return Fail(jsonFile, index, ProblemText.Shorten(name), string.Create(CultureInfo.InvariantCulture, $"at most {MaxProperties} distinct property names in the file (the CSV columns)"));
                        }

                        column = columns.Count;
                        columnIndex[name] = column;
                        columns.Add(name);
                    }

                    reader.Read();
                    if (!seen.Add(column))
                    {
                        return Fail(jsonFile, index, ProblemText.Shorten(name), "each property once per object");
                    }

                    string? value = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString() ?? string.Empty,
                        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                        JsonTokenType.True => "true",
                        JsonTokenType.False => "false",
                        JsonTokenType.Null => string.Empty,
                        _ => null,
                    };
                    if (value is null)
                    {
                        return Fail(jsonFile, index, $"{ProblemText.Shorten(name)}: {reader.TokenType}", "a string, number, true, false or null");
                    }

                    row.Add((column, value));
                }

                var cells = row.Count == 0 ? [] : new string[row.Max(x => x.Column) + 1];
                foreach (var (column, value) in row)
                {
                    cells[column] = value;
                }

                rows.Add(cells);
            }

            // Anything after the array (a second array, stray text) is an error of the reader.
            reader.Read();
        }
        catch (JsonException e)
        {
            return Fail(jsonFile, index, string.Create(CultureInfo.InvariantCulture, $"line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1} of the line: {ProblemText.Shorten(e.Message)}"), Expected);
        }

        var csv = new StringBuilder();
        var lineToObject = new List<int> { 0, 0 };
        csv.Append(string.Join(',', columns.Select(Quote))).Append('\n');
        for (int k = 0; k < rows.Count; k++)
        {
            string line = string.Join(',', Enumerable.Range(0, columns.Count).Select(c => Quote(c < rows[k].Length ? rows[k][c] ?? string.Empty : string.Empty)));
            csv.Append(line).Append('\n');
            for (int breaks = LineBreaks(line); breaks >= 0; breaks--)
            {
                lineToObject.Add(k + 1);
            }
        }

        return (Encoding.UTF8.GetBytes(csv.ToString()), lineToObject, null);
    }

    /// <summary>Names the JSON file and the object number in a problem found in its CSV rendering.</summary>
    public static DataProblem MapProblem(DataProblem problem, string jsonFile, IReadOnlyList<int> lineToObject) =>
        problem with
        {
            File = jsonFile,
            Row = problem.Row >= 0 && problem.Row < lineToObject.Count ? lineToObject[problem.Row] : Math.Max(0, problem.Row - 1),
            Field = problem.Row == 1 ? "(property names) " + problem.Field : problem.Field,
        };

    /// <summary>The offset of the first byte that is not valid UTF-8, or <see langword="null"/>.</summary>
    public static int? InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        int offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return null;
    }

    private static (byte[]? Csv, IReadOnlyList<int> LineToObject, DataProblem? Problem) Fail(string jsonFile, int row, string value, string expected) =>
        (null, [], new DataProblem(jsonFile, row, "(json)", value, expected));

    /// <summary>Line breaks as the CSV parser counts them: LF, and CR not followed by LF.</summary>
    private static int LineBreaks(string text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    private static string Quote(string value) => CsvQuoting.Quote(value);
}

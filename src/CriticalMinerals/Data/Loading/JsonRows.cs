using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CriticalMinerals.Data.Loading;

/// <summary>
/// Reads a data file given as JSON (an array of objects whose property names are the CSV columns) into the CSV
/// layout, so that it passes through the same row checks as a CSV file. Object <c>k</c> (1-based) becomes line
/// <c>k + 1</c>, and problems are mapped back to object numbers by <see cref="MapProblem"/>.
/// </summary>
internal static class JsonRows
{
    /// <summary>The JSON name of a data file: <c>x.csv</c> → <c>x.json</c>.</summary>
    public static string JsonName(string csvFile) => Path.ChangeExtension(csvFile, ".json");

    /// <summary>Converts JSON rows to CSV bytes, or returns the problem that makes the file unreadable.</summary>
    public static (byte[]? Csv, DataProblem? Problem) ToCsv(string jsonFile, byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            return (null, new DataProblem(jsonFile, (int)(e.LineNumber ?? 0) + 1, "(json)", e.Message, "a JSON array of objects whose property names are the CSV columns"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return (null, new DataProblem(jsonFile, 0, "(json)", document.RootElement.ValueKind.ToString(), "a JSON array of objects"));
            }

            var columns = new List<string>();
            var rows = new List<Dictionary<string, string>>();
            int index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                index++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return (null, new DataProblem(jsonFile, index, "(json)", element.ValueKind.ToString(), "an object per row"));
                }

                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!columns.Contains(property.Name))
                    {
                        columns.Add(property.Name);
                    }

                    row[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString() ?? string.Empty,
                        JsonValueKind.Number => property.Value.GetRawText(),
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        JsonValueKind.Null => string.Empty,
                        _ => property.Value.GetRawText(),
                    };
                }

                rows.Add(row);
            }

            var csv = new StringBuilder();
            csv.AppendLine(string.Join(',', columns.Select(Quote)));
            foreach (var row in rows)
            {
                csv.AppendLine(string.Join(',', columns.Select(c => Quote(row.GetValueOrDefault(c, string.Empty)))));
            }

            return (Encoding.UTF8.GetBytes(csv.ToString()), null);
        }
    }

    /// <summary>Names the JSON file and the object number in a problem found in its CSV rendering.</summary>
    public static DataProblem MapProblem(DataProblem problem, string jsonFile) =>
        problem with { File = jsonFile, Row = Math.Max(0, problem.Row - 1), Field = problem.Row == 1 ? "(property names) " + problem.Field : problem.Field };

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json;
using CriticalMinerals.Data;

namespace CriticalMinerals.Analysis.Sweeps;

/// <summary>One row of a tidy sweep table: a scenario's keys, one quantity, its value and unit.</summary>
/// <param name="Keys">Scenario keys, aligned with <see cref="SweepTable.KeyColumns"/> (empty string where a parameter is not set).</param>
/// <param name="Quantity">Quantity name, e.g. <c>shortfall_kt</c> or <c>refined_kt[CHL]</c>.</param>
/// <param name="Value">The value (NaN without a solution).</param>
/// <param name="Unit">Unit of the value, e.g. <c>kt Li</c> or <c>share</c>.</param>
public sealed record SweepTableRow(IReadOnlyList<string> Keys, string Quantity, double Value, string Unit);

/// <summary>
/// A sweep's results as one tidy table: a row per scenario and quantity, scenario keys as columns (the question's
/// fields, then one column per parameter set anywhere in the sweep), then quantity, value and unit.
/// </summary>
/// <param name="KeyColumns">Names of the key columns.</param>
/// <param name="Rows">The rows, scenario by scenario in input order.</param>
public sealed record SweepTable(IReadOnlyList<string> KeyColumns, IReadOnlyList<SweepTableRow> Rows)
{
    /// <summary>The key columns every table starts with.</summary>
    public static IReadOnlyList<string> QuestionColumns { get; } =
    [
        "scenario_index", "commodity", "coalition", "scenario", "year", "max_non_member_mined_share", "max_non_member_refined_share",
        "demand_share", "recycling_share", "other_route_kt", "secondary_feed_share", "secondary_feed_derived", "status",
    ];

    /// <summary>Key columns that hold text; <c>secondary_feed_derived</c> holds true/false; every other key column a number (empty where not set).</summary>
    private static readonly HashSet<string> TextColumns = new(StringComparer.Ordinal) { "commodity", "coalition", "scenario", "status" };

    private const string BooleanColumn = "secondary_feed_derived";

    /// <summary>Suffix of a parameter column whose name is also a question column (the question's value and the setting that overrides it on the network differ).</summary>
    public const string SettingSuffix = "_setting";

    /// <summary>Builds the table of sweep results.</summary>
    public static SweepTable From(IReadOnlyList<SweepScenarioResult> results, bool countryDetail = false)
    {
        ArgumentNullException.ThrowIfNull(results);
        var parameterNames = results.SelectMany(r => r.Scenario.Settings).Select(s => s.Parameter.Name).Distinct(StringComparer.Ordinal).ToArray();
        var parameterColumns = parameterNames.Select(n => QuestionColumns.Contains(n) ? n + SettingSuffix : n).ToArray();
        var columns = QuestionColumns.Concat(parameterColumns).ToArray();
        var rows = new List<SweepTableRow>();
        foreach (var r in results)
        {
            var q = r.Scenario.Question;
            var keys = new string[columns.Length];
            keys[0] = r.Index.ToString(CultureInfo.InvariantCulture);
            keys[1] = q.Commodity;
            keys[2] = q.Coalition.Name;
            keys[3] = q.Scenario.Label();
            keys[4] = q.Year.ToString(CultureInfo.InvariantCulture);
            keys[5] = Results.CsvCells.Number(q.Rules.MaxNonMemberShareOfMinedFeed);
            keys[6] = Results.CsvCells.Number(q.Rules.MaxNonMemberShareOfRefinedSupply);
            keys[7] = Results.CsvCells.Number(q.DemandShare);
            keys[8] = Results.CsvCells.NumberOrEmpty(q.RecyclingShareOfDemand); // empty: the question's recycling basis
            keys[9] = Results.CsvCells.Number(q.OtherRouteKt);
            // Derived from the data (1 − world mining / world refining) unless the question gives it: the number is then left empty.
            keys[10] = Results.CsvCells.NumberOrEmpty(q.SecondaryFeedShare);
            keys[11] = q.SecondaryFeedShare is null ? "true" : "false";
            keys[12] = r.Status.ToString();
            for (int c = QuestionColumns.Count; c < columns.Length; c++)
            {
                // The last setting of a parameter wins, as when the settings are applied in order.
                string name = parameterNames[c - QuestionColumns.Count];
                var setting = r.Scenario.Settings.LastOrDefault(x => x.Parameter.Name == name);
                keys[c] = setting is null ? string.Empty : Results.CsvCells.Number(setting.Value);
            }

            void Add(string quantity, double value, string unit) => rows.Add(new SweepTableRow(keys, quantity, value, unit));
            Add("demand_kt", r.DemandKt, r.Unit);
            Add("supplied_kt", r.SuppliedKt, r.Unit);
            Add("shortfall_kt", r.ShortfallKt, r.Unit);
            Add("coverage", r.Coverage, "share");
            if (r.Outcome is { } outcome && outcome.Solution.HasSolution)
            {
                var network = outcome.Network;
                var members = network.Refineries.Where(c => c.IsMember).Select(c => c.Iso3).Concat(network.OtherMembers).ToHashSet(StringComparer.Ordinal);
                double memberRefined = outcome.RefinedByCountry.Where(kv => members.Contains(kv.Key)).Sum(kv => kv.Value);
                double otherRefined = outcome.RefinedByCountry.Where(kv => !members.Contains(kv.Key)).Sum(kv => kv.Value);
                Add("member_refined_kt", memberRefined, r.Unit);
                Add("non_member_refined_kt", otherRefined, r.Unit);
                Add("recycling_available_kt", network.RecyclingKt, r.Unit);
                if (countryDetail)
                {
                    foreach (var (iso3, value) in outcome.RefinedByCountry)
                    {
                        Add($"refined_kt[{iso3}]", value, r.Unit);
                    }

                    foreach (var (iso3, value) in outcome.MinedFeedByCountry)
                    {
                        Add($"mined_feed_kt[{iso3}]", value, r.Unit);
                    }
                }
            }
        }

        return new SweepTable(columns, rows);
    }

    /// <summary>The value of one quantity of one scenario, or <see langword="null"/> if the table has none.</summary>
    public double? Value(int scenarioIndex, string quantity)
    {
        string index = scenarioIndex.ToString(CultureInfo.InvariantCulture);
        return Rows.FirstOrDefault(r => r.Keys[0] == index && r.Quantity == quantity)?.Value;
    }

    /// <summary>Writes the table as RFC 4180 CSV: invariant culture, numbers at round-trip precision, text that a spreadsheet would run as a formula neutralised (<see cref="Results.CsvCells"/>).</summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Results.CsvCells.WriteLine(writer, KeyColumns.Concat(["quantity", "value", "unit"]).Select(Results.CsvCells.Text));
        foreach (var row in Rows)
        {
            Results.CsvCells.WriteLine(writer, row.Keys.Select(Results.CsvCells.Text).Concat([Results.CsvCells.Text(row.Quantity), Results.CsvCells.Number(row.Value), Results.CsvCells.Text(row.Unit)]));
        }
    }

    /// <summary>
    /// Writes the table as a JSON array of objects, one per row, typed as a notebook reads them: text keys as strings,
    /// numeric keys and the value as numbers (<see langword="null"/> where empty, NaN or infinite), <c>secondary_feed_derived</c> as a boolean.
    /// </summary>
    public void WriteJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartArray();
        foreach (var row in Rows)
        {
            writer.WriteStartObject();
            for (int c = 0; c < KeyColumns.Count; c++)
            {
                string column = KeyColumns[c];
                string key = row.Keys[c];
                if (TextColumns.Contains(column))
                {
                    writer.WriteString(column, key);
                }
                else if (column == BooleanColumn)
                {
                    writer.WriteBoolean(column, key == "true");
                }
                else
                {
                    WriteNumber(writer, column, key.Length == 0 ? double.NaN : double.Parse(key, CultureInfo.InvariantCulture));
                }
            }

            writer.WriteString("quantity", row.Quantity);
            WriteNumber(writer, "value", row.Value);

            writer.WriteString("unit", row.Unit);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

}

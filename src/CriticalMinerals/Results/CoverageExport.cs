using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CriticalMinerals.Data;

namespace CriticalMinerals.Results;

/// <summary>Writes <see cref="CoverageResult"/>s for machines: JSON (the records as they are) and tidy CSV (one row per result).</summary>
public static class CoverageExport
{
    /// <summary>The one JSON style of the library's exports: indented, camelCase, enums by name, non-finite numbers as strings.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The CSV header, in column order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "commodity", "unit", "coalition", "scenario", "year", "supply_case", "demand_kt",
        "mining_coalition_kt", "mining_world_kt", "mining_coverage", "mining_largest_member", "mining_largest_share", "mining_hhi",
        "refining_coalition_kt", "refining_world_kt", "refining_coverage", "refining_largest_member", "refining_largest_share", "refining_hhi",
        "supplied_kt", "shortfall_kt", "total_coverage", "sourcing_largest_share", "sourcing_hhi",
        "reserves_edition", "reserves_coalition_kt", "cumulative_demand_kt", "reserve_coverage",
        "top_investment", "status", "backend", "source_ids", "own_demand_kt", "own_demand_share", "own_shortfall_kt", "own_coverage", "recycled_kt",
    ];

    /// <summary>Writes the results as an indented JSON array (camelCase, enums as names, non-finite numbers as strings).</summary>
    public static void WriteJson(IEnumerable<CoverageResult> results, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, results.ToArray(), JsonOptions);
    }

    /// <summary>Writes the results as RFC 4180 CSV with invariant-culture numbers at round-trip precision; text that a spreadsheet would run as a formula is neutralised (<see cref="CsvCells"/>).</summary>
    public static void WriteCsv(IEnumerable<CoverageResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        CsvCells.WriteLine(writer, CsvColumns.Select(CsvCells.Text));
        foreach (var r in results)
        {
            object?[] fields =
            [
                r.Commodity, r.Unit, r.Coalition, r.Scenario.Label(), r.Year, r.SupplyCase.Label(), r.DemandKt,
                r.Mining.CoalitionKt, r.Mining.WorldKt, r.Mining.Coverage, r.Mining.LargestMember, r.Mining.LargestMemberShare, r.Mining.Hhi,
                r.Refining.CoalitionKt, r.Refining.WorldKt, r.Refining.Coverage, r.Refining.LargestMember, r.Refining.LargestMemberShare, r.Refining.Hhi,
                r.SuppliedKt, r.ShortfallKt, r.TotalCoverage, r.SourcingLargestShare, r.SourcingHhi,
                r.Reserves?.Edition, r.Reserves?.CoalitionReservesKt, r.Reserves?.CumulativeDemandKt, r.Reserves?.Coverage,
                r.InvestmentTargets.Count > 0 ? r.InvestmentTargets[0].Description : null, r.Status, r.Backend, string.Join(' ', r.SourceIds),
                r.OwnDemand?.CoalitionKt, r.OwnDemand?.Share, r.OwnShortfallKt, r.OwnCoverage, r.RecycledKt,
            ];
            CsvCells.WriteLine(writer, fields.Select(Field));
        }
    }

    /// <summary>One CSV field: invariant numbers at round-trip precision, text quoted where RFC 4180 needs it.</summary>
    internal static string Field(object? value) => value switch
    {
        null => string.Empty,
        double d => CsvCells.Number(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => CsvCells.Text(s),
        _ => CsvCells.Text(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}

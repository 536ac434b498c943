using System.Text.Json;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.World;

namespace CriticalMinerals.Results;

/// <summary>Writes world allocations for machines: tidy CSV of blocs (one row per bloc and allocation) or of flows, and JSON.</summary>
public static class WorldAllocationExport
{
    /// <summary>The CSV header of the bloc table, in column order.</summary>
    public static IReadOnlyList<string> BlocColumns { get; } =
    [
        "commodity", "unit", "scenario", "year", "setup", "rule", "bloc", "world_demand_kt", "demand_kt", "supplied_kt", "shortfall_kt",
        "recycled_available_kt", "recycled_used_kt", "coverage", "share_of_world_demand_served", "from_outside_kt", "price", "open_world_price", "premium", "largest_supplier",
        "largest_supplier_share", "hhi", "status", "source_ids",
    ];

    /// <summary>The CSV header of the flow table.</summary>
    public static IReadOnlyList<string> FlowColumns { get; } = ["commodity", "unit", "scenario", "year", "setup", "stage", "from", "to", "kt", "other_route"];

    /// <summary>Writes one row per bloc of every allocation.</summary>
    /// <param name="results">The allocations.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteBlocCsv(IEnumerable<WorldAllocationResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        CsvCells.WriteLine(writer, BlocColumns.Select(CsvCells.Text));
        foreach (var r in results)
        {
            foreach (var b in r.Blocs)
            {
                object?[] fields =
                [
                    r.Commodity, r.Unit, Label(r.Scenario), r.Year, r.Setup, r.Rule, b.Bloc, r.WorldDemandKt, b.DemandKt, b.SuppliedKt, b.ShortfallKt,
                    b.RecycledAvailableKt, b.RecycledKt, b.Coverage, r.WorldDemandKt is > 0 ? b.SuppliedKt / r.WorldDemandKt : null, b.FromOutsideKt, b.Price, r.OpenWorldPrice, b.Premium,
                    b.LargestSupplier, b.LargestSupplierShare, b.Hhi, r.Status, string.Join(' ', r.SourceIds),
                ];
                CsvCells.WriteLine(writer, fields.Select(CoverageExport.Field));
            }
        }
    }

    /// <summary>Writes one row per flow of every allocation: who gets what from where.</summary>
    /// <param name="results">The allocations.</param>
    /// <param name="writer">Where to write.</param>
    public static void WriteFlowCsv(IEnumerable<WorldAllocationResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        CsvCells.WriteLine(writer, FlowColumns.Select(CsvCells.Text));
        foreach (var r in results)
        {
            foreach (var f in r.Flows)
            {
                object?[] fields = [r.Commodity, r.Unit, Label(r.Scenario), r.Year, r.Setup, f.Stage == TradeStage.Ore ? "ore" : "refined", f.From, f.To, f.Kt, f.IsOtherRoute ? "yes" : "no"];
                CsvCells.WriteLine(writer, fields.Select(CoverageExport.Field));
            }
        }
    }

    private static string? Label(DemandScenario? scenario) => scenario?.Label();

    /// <summary>Writes the allocations as an indented JSON array (camelCase, enums as names, non-finite numbers as strings).</summary>
    /// <param name="results">The allocations.</param>
    /// <param name="stream">Where to write.</param>
    public static void WriteJson(IEnumerable<WorldAllocationResult> results, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, results.ToArray(), CoverageExport.JsonOptions);
    }
}

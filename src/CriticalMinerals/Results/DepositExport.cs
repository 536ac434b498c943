using System.Text.Json;
using CriticalMinerals.Modeling.Deposits;

namespace CriticalMinerals.Results;

/// <summary>Writes a <see cref="DepositResult"/> as tidy rows: one per deposit and year, with the year's demand and unmet demand.</summary>
public static class DepositExport
{
    /// <summary>The CSV header, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "deposit_id", "deposit", "iso3", "year", "reserve_kt", "demonstrated_kt", "inferred_kt", "extraction_kt",
        "capacity_added_kt", "capacity_kt", "opens", "open", "demand_kt", "unmet_kt",
    ];

    /// <summary>Writes the CSV (kt Li; capacities kt Li per year; <c>opens</c> 1 in the year the mine opens).</summary>
    /// <param name="result">The plan.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteCsv(DepositResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        CsvCells.WriteLine(writer, Columns);
        var years = result.Years.ToDictionary(y => y.Year);
        foreach (var r in result.Deposits)
        {
            var y = years[r.Year];
            CsvCells.WriteLine(writer,
            [
                CsvCells.Number(r.DepositId), CsvCells.Text(r.DepositName), CsvCells.Text(r.Iso3), CsvCells.Number(r.Year),
                CsvCells.Number(r.ReserveKt), CsvCells.Number(r.DemonstratedKt), CsvCells.Number(r.InferredKt), CsvCells.Number(r.ExtractionKt),
                CsvCells.Number(r.CapacityAddedKt), CsvCells.Number(r.CapacityKt), r.OpensThisYear ? "1" : "0", r.IsOpen ? "1" : "0",
                CsvCells.Number(y.DemandKt), CsvCells.Number(y.UnmetKt),
            ]);
        }
    }

    /// <summary>Writes the whole result as JSON (stages, objectives, years, openings, deposit-year rows, notes).</summary>
    /// <param name="result">The plan.</param>
    /// <param name="stream">Destination.</param>
    public static void WriteJson(DepositResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, result, CoverageExport.JsonOptions);
    }
}

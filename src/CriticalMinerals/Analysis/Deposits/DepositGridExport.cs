using System.Text.Json;
using CriticalMinerals.Results;

namespace CriticalMinerals.Analysis.Deposits;

/// <summary>Writes a <see cref="DepositGridResult"/> as tidy rows (one per run and year) or per country, run and year.</summary>
public static class DepositGridExport
{
    /// <summary>The CSV header of <see cref="WriteCsv"/>, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "supply_variant", "scenario", "year", "demand_kt", "extraction_kt", "unmet_kt", "discounted_cost_musd", "second_objective",
        "relative_gap", "status", "elapsed_s", "cost_stage_s", "second_stage_s", "mip_s",
    ];

    /// <summary>Writes one row per run and year (kt Li; objective million USD discounted to 2022; empty cells where a figure is unknown).</summary>
    /// <param name="result">The grid.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteCsv(DepositGridResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        CsvCells.WriteLine(writer, Columns);
        foreach (var r in result.Rows())
        {
            CsvCells.WriteLine(writer,
            [
                CsvCells.Text(r.SupplyVariant), CsvCells.Text(r.Scenario), CsvCells.Number(r.Year), CsvCells.Number(r.DemandKt),
                CsvCells.Number(r.ExtractionKt), CsvCells.Number(r.UnmetKt), CsvCells.NumberOrEmpty(r.DiscountedCostMillionUsd), CsvCells.NumberOrEmpty(r.SecondObjectiveValue),
                CsvCells.NumberOrEmpty(r.RelativeGap), r.Status.ToString(), CsvCells.Number(r.ElapsedSeconds), CsvCells.NumberOrEmpty(r.CostStageSeconds),
                CsvCells.NumberOrEmpty(r.SecondStageSeconds), CsvCells.NumberOrEmpty(r.MipSeconds),
            ]);
        }
    }

    /// <summary>Writes extraction by country, run and year (<c>supply_variant, scenario, iso3, year, extraction_kt</c>; nonzero rows only).</summary>
    /// <param name="result">The grid.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteCountryCsv(DepositGridResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        CsvCells.WriteLine(writer, ["supply_variant", "scenario", "iso3", "year", "extraction_kt"]);
        foreach (var run in result.Runs)
        {
            foreach (var (iso3, year, kt) in run.Result.ExtractionByCountry())
            {
                CsvCells.WriteLine(writer, [CsvCells.Text(run.Cell.SupplyVariant), CsvCells.Text(run.Cell.Scenario), CsvCells.Text(iso3), CsvCells.Number(year), CsvCells.Number(kt)]);
            }
        }
    }

    /// <summary>Writes the tidy rows as a JSON array (the same fields as <see cref="WriteCsv"/>, camelCase).</summary>
    /// <param name="result">The grid.</param>
    /// <param name="stream">Destination.</param>
    public static void WriteJson(DepositGridResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, result.Rows(), CoverageExport.JsonOptions);
    }
}

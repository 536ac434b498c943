using System.Globalization;
using CriticalMinerals.Results;
using System.Text;
using CriticalMinerals.Modeling.Planning;

namespace CriticalMinerals.Analysis.Planning;

/// <summary>Tidy CSV tables of a plan (one row per period, or per site, stage and period), invariant culture, full precision.</summary>
public static class PlanExport
{
    /// <summary>The per-period table.</summary>
    /// <param name="result">The plan.</param>
    /// <returns>CSV text with a header line.</returns>
    public static string PeriodsCsv(PlanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("commodity,unit,year,length_years,demand_kt,member_mined_kt,member_refined_kt,non_member_ore_kt,non_member_refined_kt,secondary_feed_kt,recycled_kt,stock_in_kt,release_kt,stock_end_kt,shortfall_kt,new_capacity_built_kt,coverage,recycling_capacity_built_kt\n");
        foreach (var p in result.Periods)
        {
            Line(sb, result.Commodity, result.Unit, p.Year, p.LengthYears, p.DemandKt, p.MemberMinedKt, p.MemberRefinedKt, p.NonMemberOreKt, p.NonMemberRefinedKt,
                p.SecondaryFeedKt, p.RecycledKt, p.StockInKt, p.ReleaseKt, p.StockEndKt, p.ShortfallKt, p.NewCapacityBuiltKt, p.Coverage, p.RecyclingCapacityBuiltKt);
        }

        return sb.ToString();
    }

    /// <summary>The capacity table.</summary>
    /// <param name="result">The plan.</param>
    /// <returns>CSV text with a header line.</returns>
    public static string CapacitiesCsv(PlanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("commodity,unit,iso3,stage,year,is_member,existing_kt,pipeline_kt,new_build_kt,built_this_period_kt,capacity_kt,output_kt\n");
        foreach (var c in result.Capacities)
        {
            Line(sb, result.Commodity, result.Unit, c.Iso3, c.Stage.ToString().ToLowerInvariant(), c.Year, c.IsMember ? "true" : "false", c.ExistingKt, c.PipelineKt, c.NewBuildKt, c.BuiltThisPeriodKt, c.CapacityKt, c.OutputKt);
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, params object[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            // Numbers as numbers; text through the shared writer, which quotes and neutralises formula-like cells.
            sb.Append(fields[i] switch
            {
                double d => CsvCells.Number(d),
                IFormattable f and not Enum => f.ToString(null, CultureInfo.InvariantCulture),
                var o => CsvCells.Text(o.ToString()),
            });
        }

        sb.Append('\n');
    }
}

namespace CriticalMinerals.Data;

/// <summary>
/// A commodity the library models, read from the catalogue file <c>commodities.csv</c>: which mineral code
/// and which exact unit string each source uses for it, and how to convert USGS figures to the model unit.
/// </summary>
/// <param name="Code">Catalogue code, e.g. <c>lithium</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="ModelUnit">Unit of every figure the model uses, e.g. <c>kt Li</c>.</param>
/// <param name="IeaSupplyMineral">The <c>mineral</c> code in <c>iea_supply_by_country.csv</c>.</param>
/// <param name="IeaSupplyUnit">The exact unit string expected in <c>iea_supply_by_country.csv</c>.</param>
/// <param name="IeaDemandMineral">The <c>mineral</c> code in <c>iea_demand_projections.csv</c>.</param>
/// <param name="IeaDemandUnit">The exact unit string expected in <c>iea_demand_projections.csv</c>.</param>
/// <param name="UsgsMineral">The <c>mineral</c> code in the USGS file, or <see langword="null"/> where USGS has no matching commodity.</param>
/// <param name="UsgsMiningUnit">Exact USGS unit of mine production, or <see langword="null"/> if USGS has none.</param>
/// <param name="UsgsRefiningUnit">Exact USGS unit of refinery production, or <see langword="null"/> if USGS has none.</param>
/// <param name="UsgsReservesUnit">Exact USGS unit of reserves, or <see langword="null"/> if USGS has none.</param>
/// <param name="UsgsToModelFactor">Factor from the USGS unit to <paramref name="ModelUnit"/> (0.001 for t to kt), or <see langword="null"/> without USGS mapping.</param>
/// <param name="Trap">The unit or definition trap to keep in mind for this commodity.</param>
public sealed record Commodity(
    string Code,
    string Name,
    string ModelUnit,
    string IeaSupplyMineral,
    string IeaSupplyUnit,
    string IeaDemandMineral,
    string IeaDemandUnit,
    string? UsgsMineral,
    string? UsgsMiningUnit,
    string? UsgsRefiningUnit,
    string? UsgsReservesUnit,
    double? UsgsToModelFactor,
    string Trap)
{
    /// <summary>The exact USGS unit expected for a stage, or <see langword="null"/> if USGS has no data for it.</summary>
    /// <param name="stage">The USGS stage.</param>
    /// <returns>The unit string, or <see langword="null"/>.</returns>
    public string? UsgsUnit(UsgsStage stage) => stage switch
    {
        UsgsStage.Mining => UsgsMiningUnit,
        UsgsStage.Refining => UsgsRefiningUnit,
        UsgsStage.Reserves => UsgsReservesUnit,
        _ => null,
    };
}

/// <summary>A country or an aggregate row of a source table.</summary>
/// <param name="Iso3">ISO 3166-1 alpha-3 code, or an aggregate code (<c>WLD</c>, <c>ROW</c>, <c>OTHER</c>) or <c>EUU</c> (European Union).</param>
/// <param name="Name">Name as written in the source row (or in the ISO list).</param>
/// <param name="IsAggregate"><see langword="true"/> for World, Rest of world and Other countries: never add these to country rows.</param>
public sealed record Country(string Iso3, string Name, bool IsAggregate);

/// <summary>A publication behind a <c>source_id</c>.</summary>
/// <param name="Id">The id, e.g. <c>S48</c>.</param>
/// <param name="Title">The publication and where the value was read, as in <c>sources.csv</c>.</param>
/// <param name="Url">Where to find it, as in <c>sources.csv</c> (may hold several addresses separated by <c>;</c>).</param>
public sealed record Source(string Id, string Title, string Url);

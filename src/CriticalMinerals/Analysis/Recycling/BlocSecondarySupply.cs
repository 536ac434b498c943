using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Recycling;

namespace CriticalMinerals.Analysis.Recycling;

/// <summary>
/// Secondary supply of a group of countries (a bloc) from a regional recycling projection: the sum over the Busch regions
/// whose sovereign countries all belong to the group. Regions the group only partly covers are listed, not counted, so
/// the figure is a lower bound whenever <see cref="PartlyCoveredRegions"/> is not empty (no source splits a region's
/// recycling between its countries).
/// </summary>
/// <param name="Mineral">Mineral (Busch spelling).</param>
/// <param name="Year">Year.</param>
/// <param name="RecycledKt">kt from the fully covered regions.</param>
/// <param name="CoveredRegions">Regions counted.</param>
/// <param name="PartlyCoveredRegions">Regions with some but not all sovereign countries in the group (not counted).</param>
public sealed record BlocSecondarySupply(string Mineral, int Year, double RecycledKt, IReadOnlyList<string> CoveredRegions, IReadOnlyList<string> PartlyCoveredRegions)
{
    /// <summary>The regions counted, and those held in part that make the figure a lower bound, as every recycling note words them.</summary>
    /// <param name="holder">What holds the countries in the note ("bloc", "coalition").</param>
    internal string RegionsText(string holder) =>
        (CoveredRegions.Count == 0 ? "no Busch region wholly inside" : string.Join(", ", CoveredRegions))
        + (PartlyCoveredRegions.Count > 0 ? $"; lower bound: {string.Join(", ", PartlyCoveredRegions)} only partly in the {holder}, not counted" : string.Empty);

    /// <summary>The secondary supply of a group of countries, e.g. to set a world-model bloc's recycled supply.</summary>
    /// <param name="projection">A projection over Busch regions (e.g. <see cref="RecyclingChecks.BuschProjection"/>).</param>
    /// <param name="busch">Busch et al. (2025) data (the regions as country lists).</param>
    /// <param name="iso3">The group's ISO 3166-1 alpha-3 codes.</param>
    /// <param name="mineral">Mineral (Busch spelling).</param>
    /// <param name="year">Year.</param>
    /// <returns>The supply and which regions it counts.</returns>
    public static BlocSecondarySupply For(BatteryRecyclingProjection projection, Busch2025Data busch, IReadOnlyCollection<string> iso3, string mineral, int year)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(busch);
        ArgumentNullException.ThrowIfNull(iso3);
        var members = iso3.Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var covered = new List<string>();
        var partly = new List<string>();
        foreach (var region in busch.Regions)
        {
            var sovereign = region.SovereignCountries;
            int inside = sovereign.Count(c => members.Contains(c.Iso3));
            if (inside > 0 && inside == sovereign.Count)
            {
                covered.Add(region.Name);
            }
            else if (inside > 0)
            {
                partly.Add(region.Name);
            }
        }

        return new BlocSecondarySupply(mineral, year, projection.RecycledKt(mineral, year, covered), covered, partly);
    }
}

using CriticalMinerals.Data.Loading;

namespace CriticalMinerals.Data;

/// <summary>A member of a coalition.</summary>
/// <param name="Iso3">ISO 3166-1 alpha-3 code (or <c>EUU</c> for the European Union as such).</param>
/// <param name="CountryName">Name as in <c>country_groups.csv</c> (or the ISO list for user-defined coalitions).</param>
/// <param name="JoinedOn">First day of the published join month (or year, if only a year is published), or <see langword="null"/> if no date is given.</param>
/// <param name="JoinedAsPublished">The join date exactly as published (<c>2022-06</c>, <c>2023</c>), or <see langword="null"/>.</param>
/// <param name="Note">Note of the membership row, or <see langword="null"/>.</param>
/// <param name="SourceId">Id in <c>sources.csv</c>, or <see langword="null"/> for a user-defined coalition.</param>
public sealed record CoalitionMember(
    string Iso3,
    string CountryName,
    DateOnly? JoinedOn,
    string? JoinedAsPublished,
    string? Note,
    string? SourceId);

/// <summary>A set of partner countries: a built-in group of <c>country_groups.csv</c> or a user-defined one.</summary>
public sealed record Coalition
{
    private readonly HashSet<string> _codes;

    internal Coalition(string name, IReadOnlyList<CoalitionMember> members)
    {
        Name = name;
        Members = members;
        SourceIds = members.Select(m => m.SourceId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        _codes = new HashSet<string>(members.Select(m => m.Iso3), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Name of the coalition, e.g. <c>MSP_Minerals_Security_Partnership</c>.</summary>
    public string Name { get; }

    /// <summary>Members in file order.</summary>
    public IReadOnlyList<CoalitionMember> Members { get; }

    /// <summary>Distinct source ids of the membership rows (empty for a user-defined coalition).</summary>
    public IReadOnlyList<string> SourceIds { get; }

    /// <summary>Whether a country is a member.</summary>
    /// <param name="iso3">ISO 3166-1 alpha-3 code (case-insensitive).</param>
    /// <returns><see langword="true"/> if the country is a member.</returns>
    public bool Contains(string iso3) => iso3 is not null && _codes.Contains(iso3);

    /// <summary>
    /// Creates a user-defined coalition, e.g. <c>Create("China+Russia", ["CHN", "RUS"])</c>. Codes are checked against
    /// the ISO 3166-1 list and the codes of the shipped data; aggregates (WLD, ROW, OTHER) are not countries.
    /// </summary>
    /// <param name="name">Name of the coalition.</param>
    /// <param name="iso3s">Member codes.</param>
    /// <returns>The coalition.</returns>
    /// <exception cref="ArgumentException">The name is empty, no member is given, or a code is unknown, an aggregate or repeated (the message names it).</exception>
    public static Coalition Create(string name, IEnumerable<string> iso3s)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(iso3s);
        var known = KnownCountries.Shipped;
        var members = new List<CoalitionMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in iso3s)
        {
            var code = (raw ?? string.Empty).Trim().ToUpperInvariant();
            if (KnownCountries.Aggregates.ContainsKey(code))
            {
                throw new ArgumentException($"'{code}' is an aggregate row (World, Rest of world, Other countries), not a country.", nameof(iso3s));
            }

            if (!known.TryGetValue(code, out var countryName))
            {
                throw new ArgumentException($"Unknown ISO 3166-1 alpha-3 code '{raw}'.", nameof(iso3s));
            }

            if (!seen.Add(code))
            {
                throw new ArgumentException($"Code '{code}' is listed twice.", nameof(iso3s));
            }

            members.Add(new CoalitionMember(code, countryName, null, null, null, null));
        }

        if (members.Count == 0)
        {
            throw new ArgumentException("A coalition needs at least one member.", nameof(iso3s));
        }

        return new Coalition(name.Trim(), members);
    }
}

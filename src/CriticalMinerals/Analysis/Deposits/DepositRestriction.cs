using System.Globalization;
using CriticalMinerals.Data;

namespace CriticalMinerals.Analysis.Deposits;

/// <summary>
/// Which lithium deposits may serve in a friendshored case: those of a set of countries (members, members and partners), or
/// all but those of a set (the paper's N−1 runs, <c>03-N1 Countries.jl</c>, which drop one country's deposits).
/// </summary>
public sealed record DepositRestriction
{
    private readonly HashSet<string> _countries;

    private DepositRestriction(string name, string description, IEnumerable<string> countries, bool excludes, IReadOnlyList<string> assumptions)
    {
        Name = name;
        Description = description;
        _countries = new HashSet<string>(countries, StringComparer.OrdinalIgnoreCase);
        Countries = _countries.Order(StringComparer.Ordinal).ToArray();
        Excludes = excludes;
        Assumptions = assumptions;
    }

    /// <summary>Short name, e.g. <c>members</c> or <c>world without CHN</c>.</summary>
    public string Name { get; }

    /// <summary>What may serve, in words.</summary>
    public string Description { get; }

    /// <summary>The countries (ISO3) that may serve, or, when <see cref="Excludes"/>, that may not.</summary>
    public IReadOnlyList<string> Countries { get; }

    /// <summary>Whether <see cref="Countries"/> lists the countries left out (all others serve) rather than those that serve.</summary>
    public bool Excludes { get; }

    /// <summary>Assumptions of the restriction (e.g. how <c>EUU</c> is read), to print with every answer.</summary>
    public IReadOnlyList<string> Assumptions { get; }

    /// <summary>Whether a deposit may serve.</summary>
    /// <param name="deposit">The deposit.</param>
    /// <returns><see langword="true"/> when its country is allowed.</returns>
    public bool MayServe(LithiumDeposit deposit)
    {
        ArgumentNullException.ThrowIfNull(deposit);
        return _countries.Contains(deposit.Iso3) != Excludes;
    }

    /// <summary>
    /// The deposits of the coalition's members. A member <c>EUU</c> (the European Union as a party, as in the G7) brings the EU
    /// member states (the sovereign countries of the Busch region <c>European Union</c>, the same 27 as every other view counts),
    /// as <see cref="MineralDataset.CoalitionDemand"/> counts the whole region's demand for it (stated in <see cref="Assumptions"/>).
    /// </summary>
    /// <param name="coalition">The coalition.</param>
    /// <param name="data">The Busch et al. (2025) data (for the EU's countries).</param>
    /// <returns>The restriction.</returns>
    public static DepositRestriction MembersOf(Coalition coalition, Busch2025Data data)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        ArgumentNullException.ThrowIfNull(data);
        var (codes, assumptions) = Expand(coalition.Members.Select(m => m.Iso3), data);
        return new DepositRestriction("members", $"deposits in the {coalition.Members.Count} members of {coalition.Name}", codes, false, assumptions);
    }

    /// <summary>The deposits of the coalition's members and of partner countries (e.g. an offtake partner outside the coalition).</summary>
    /// <param name="coalition">The coalition.</param>
    /// <param name="data">The Busch et al. (2025) data.</param>
    /// <param name="partners">Partner codes (ISO3).</param>
    /// <returns>The restriction.</returns>
    public static DepositRestriction MembersAndPartners(Coalition coalition, Busch2025Data data, IEnumerable<string> partners)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        ArgumentNullException.ThrowIfNull(partners);
        var partnerCodes = partners.Select(p => p.Trim().ToUpperInvariant()).ToArray();
        var (codes, assumptions) = Expand(coalition.Members.Select(m => m.Iso3).Concat(partnerCodes), data);
        return new DepositRestriction("members + " + string.Join("+", partnerCodes), $"deposits in the members of {coalition.Name} and in {string.Join(", ", partnerCodes)}", codes, false, assumptions);
    }

    /// <summary>All deposits but those of some countries: the paper's N−1 runs (one country removed) and their like.</summary>
    /// <param name="iso3s">Countries whose deposits may not serve.</param>
    /// <returns>The restriction.</returns>
    public static DepositRestriction WorldWithout(IEnumerable<string> iso3s)
    {
        ArgumentNullException.ThrowIfNull(iso3s);
        var codes = iso3s.Select(c => c.Trim().ToUpperInvariant()).ToArray();
        if (codes.Length == 0)
        {
            throw new ArgumentException("WorldWithout needs at least one country.", nameof(iso3s));
        }

        return new DepositRestriction("world without " + string.Join("+", codes), $"all deposits except those in {string.Join(", ", codes)}", codes, true, []);
    }

    /// <summary>All deposits but those of the countries of one Busch region (e.g. <c>China</c>, <c>European Union</c>).</summary>
    /// <param name="data">The Busch et al. (2025) data.</param>
    /// <param name="region">Region name.</param>
    /// <returns>The restriction.</returns>
    /// <exception cref="ArgumentException">Unknown region.</exception>
    public static DepositRestriction WorldWithoutRegion(Busch2025Data data, string region)
    {
        ArgumentNullException.ThrowIfNull(data);
        var r = data.GetRegion(region);
        return new DepositRestriction("world without " + r.Name, $"all deposits except those in the {r.Countries.Count} countries of Busch region {r.Name}", r.Countries.Select(c => c.Iso3), true, []);
    }

    /// <summary>All deposits (the open-world case).</summary>
    public static DepositRestriction All { get; } = new("all deposits", "every deposit of the supply variant", [], true, []);

    private static (IReadOnlyList<string> Codes, IReadOnlyList<string> Assumptions) Expand(IEnumerable<string> codes, Busch2025Data data)
    {
        var list = codes.Select(c => c.ToUpperInvariant()).ToList();
        var assumptions = new List<string>();
        if (list.Contains("EUU"))
        {
            // The region's sovereign countries are the EU27, the member states MineralDataset.WithPartyMembers brings everywhere
            // else (a test pins the two lists); its territories (REU, CUW, BES, FRO) hold no deposit.
            var eu = data.GetRegion("European Union").SovereignCountries.Select(c => c.Iso3).ToArray();
            list.AddRange(eu);
            assumptions.Add(string.Create(CultureInfo.InvariantCulture, $"member EUU (the European Union as a party) brings the deposits of its {eu.Length} member states (the sovereign countries of the Busch region European Union, whose whole demand it also brings; B25 region_countries.csv)"));
        }

        return (list.Distinct(StringComparer.Ordinal).ToArray(), assumptions);
    }
}

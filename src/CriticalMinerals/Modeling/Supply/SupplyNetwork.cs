namespace CriticalMinerals.Modeling.Supply;

/// <summary>One country's (or aggregate's) capacity at one stage, in the commodity's model unit (kt).</summary>
/// <param name="Iso3">ISO 3166 alpha-3 code, or an aggregate code such as <c>ROW</c>.</param>
/// <param name="CapacityKt">Output the stage can deliver in the year (kt); zero for a member with none yet.</param>
/// <param name="IsMember">Whether the country belongs to the coalition. Aggregates never do.</param>
public sealed record StageCapacity(string Iso3, double CapacityKt, bool IsMember);

/// <summary>
/// Sourcing rules: how much a coalition may lean on non-members at each stage. Zero is coalition-only
/// (full friendshoring); one lets non-members supply everything.
/// </summary>
/// <param name="MaxNonMemberShareOfMinedFeed">Largest share of the mined feed of members' refineries that may come from non-member mines.</param>
/// <param name="MaxNonMemberShareOfRefinedSupply">Largest share of demand that refined output of non-member refineries may serve.</param>
public sealed record SourcingRules(double MaxNonMemberShareOfMinedFeed = 0, double MaxNonMemberShareOfRefinedSupply = 0)
{
    /// <summary>Coalition-only at every stage.</summary>
    public static SourcingRules CoalitionOnly { get; } = new();

    /// <summary>No restriction: the coalition may buy everything from non-members (the world market).</summary>
    public static SourcingRules OpenMarket { get; } = new(1, 1);
}

/// <summary>
/// The supply chain of one commodity in one year, as the coalition LP sees it: mines feed members' refineries
/// across borders; refined output, recycling and other routes serve demand; what is missing is shortfall.
/// </summary>
/// <param name="Commodity">Commodity code, e.g. <c>lithium</c>.</param>
/// <param name="Year">The year the capacities and demand refer to.</param>
/// <param name="DemandKt">Demand to serve (kt).</param>
/// <param name="Mines">Mining capacity by country, members and non-members (aggregates included as non-members).</param>
/// <param name="Refineries">Refining capacity by country, members and non-members.</param>
/// <param name="SecondaryFeedShare">
/// Share of a member refinery's capacity that may be fed by secondary (scrap) or other non-mined material. The library
/// defaults it to the part of world refinery output that world mine output cannot explain, computed from the data rows.
/// </param>
/// <param name="RecyclingKt">Recycled supply available to the coalition beyond refinery scrap feed (kt); user input, default 0.</param>
/// <param name="OtherRouteKt">Supply from a separate route the data lacks, e.g. synthetic graphite (kt); user input, default 0.</param>
/// <param name="Rules">Sourcing rules.</param>
public sealed record SupplyNetwork(
    string Commodity,
    int Year,
    double DemandKt,
    IReadOnlyList<StageCapacity> Mines,
    IReadOnlyList<StageCapacity> Refineries,
    double SecondaryFeedShare,
    double RecyclingKt,
    double OtherRouteKt,
    SourcingRules Rules)
{
    /// <summary>
    /// Members with no row at either stage. They get mining and refining capacity fixed at zero, so the model prices
    /// new capacity there too.
    /// </summary>
    public IReadOnlyList<string> OtherMembers { get; init; } = [];

    /// <summary>
    /// Supply of the other route from outside the coalition (kt), e.g. the world's synthetic graphite that no source attributes to
    /// a country. It serves demand under the refined-supply rule, like non-members' refineries. Default 0.
    /// </summary>
    public double NonMemberOtherRouteKt { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that is out of range.</summary>
    public void Validate()
    {
        Require(double.IsFinite(DemandKt) && DemandKt >= 0, nameof(DemandKt), DemandKt, "a finite number ≥ 0");
        Require(SecondaryFeedShare is >= 0 and <= 1, nameof(SecondaryFeedShare), SecondaryFeedShare, "a share in [0, 1]");
        Require(double.IsFinite(RecyclingKt) && RecyclingKt >= 0, nameof(RecyclingKt), RecyclingKt, "a finite number ≥ 0");
        Require(double.IsFinite(OtherRouteKt) && OtherRouteKt >= 0, nameof(OtherRouteKt), OtherRouteKt, "a finite number ≥ 0");
        Require(double.IsFinite(NonMemberOtherRouteKt) && NonMemberOtherRouteKt >= 0, nameof(NonMemberOtherRouteKt), NonMemberOtherRouteKt, "a finite number ≥ 0");
        Require(Rules.MaxNonMemberShareOfMinedFeed is >= 0 and <= 1, "Rules.MaxNonMemberShareOfMinedFeed", Rules.MaxNonMemberShareOfMinedFeed, "a share in [0, 1]");
        Require(Rules.MaxNonMemberShareOfRefinedSupply is >= 0 and <= 1, "Rules.MaxNonMemberShareOfRefinedSupply", Rules.MaxNonMemberShareOfRefinedSupply, "a share in [0, 1]");
        foreach (var (stage, list) in new[] { ("Mines", Mines), ("Refineries", Refineries) })
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var capacity in list)
            {
                Require(double.IsFinite(capacity.CapacityKt) && capacity.CapacityKt >= 0, $"{stage}[{capacity.Iso3}].CapacityKt", capacity.CapacityKt, "a finite number ≥ 0");
                Require(seen.Add(capacity.Iso3), $"{stage}[{capacity.Iso3}]", capacity.Iso3, "each country once");
            }
        }
    }

    private static void Require(bool condition, string field, object value, string expected)
    {
        if (!condition)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Supply network field {field} is {value}; expected {expected}."));
        }
    }
}

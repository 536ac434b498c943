using System.Globalization;
using CriticalMinerals.Modeling.Planning;

namespace CriticalMinerals.Modeling.World;

/// <summary>A country (or an unattributed aggregate) of the world model: its capacities in one year (kt per year).</summary>
/// <param name="Iso3">ISO 3166-1 alpha-3 code, or an aggregate code such as <c>ROW</c>.</param>
/// <param name="MiningKt">Mine output capacity.</param>
/// <param name="RefiningKt">Refinery output capacity.</param>
public sealed record WorldSite(string Iso3, double MiningKt, double RefiningKt)
{
    /// <summary>Output of a route that needs no ore and ships like refined material (synthetic graphite), kt per year. Default 0.</summary>
    public double OtherRouteKt { get; init; }

    /// <summary>Cost of mining one kt here (user input; default 0: no source gives costs).</summary>
    public double MiningCostPerKt { get; init; }

    /// <summary>Cost of refining one kt here (user input; default 0).</summary>
    public double RefiningCostPerKt { get; init; }

    /// <summary>
    /// Whether the site gets mine, refinery and other-route variables even where a capacity is zero, so that reduced costs price
    /// new capacity there (and a re-solve can raise it without a new model). Default <see langword="false"/>.
    /// </summary>
    public bool PricesNewCapacity { get; init; }
}

/// <summary>A bloc: countries that share one demand and one allocation, e.g. a coalition, a China-centred bloc, the non-aligned rest.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Members">ISO3 codes of its sites. Blocs partition the sites: every site belongs to exactly one bloc.</param>
/// <param name="DemandKt">Its demand, kt per year.</param>
public sealed record Bloc(string Name, IReadOnlyList<string> Members, double DemandKt)
{
    /// <summary>Recycled supply of its own, kt per year. Default 0.</summary>
    public double RecycledKt { get; init; }

    /// <summary>Its own supply from a route that needs no ore (synthetic graphite of its own), kt per year; outside every trade rule. Default 0.</summary>
    public double OtherRouteKt { get; init; }

    /// <summary>Priority weight of its shortfall under <see cref="AllocationRule.PriorityWeights"/> (default 1).</summary>
    public double Weight { get; init; } = 1;
}

/// <summary>The stage a trade rule applies to.</summary>
public enum TradeStage
{
    /// <summary>Ore (concentrate) from a mine country to a refinery country.</summary>
    Ore,

    /// <summary>Refined material (and other-route output) from its producing country to a bloc's demand.</summary>
    Refined,
}

/// <summary>
/// What one supplier may sell to one bloc at one stage: the largest share of its output the bloc may take (0 is a ban, an export
/// ban on ore or an export control on refined material), and a cost per kt (tariff, transport) on what it takes.
/// </summary>
/// <param name="Supplier">Supplier ISO3, or <c>*</c> for every site outside the bloc.</param>
/// <param name="Bloc">Bloc name.</param>
/// <param name="Stage">Ore or refined.</param>
/// <param name="MaxShareOfOutput">Largest share of the supplier's output at that stage the bloc may take, in [0, 1]. Default 1.</param>
/// <param name="CostPerKt">Tariff and transport cost per kt the bloc takes (≥ 0). Default 0.</param>
public sealed record TradeRule(string Supplier, string Bloc, TradeStage Stage, double MaxShareOfOutput = 1, double CostPerKt = 0)
{
    /// <summary>The supplier code that stands for every site outside the bloc.</summary>
    public const string AnyOutsider = "*";
}

/// <summary>
/// Friendshoring on the consumer side: the largest share of a bloc's intake at a stage that may come from outside it (ore of its
/// refineries; refined supply as a share of its demand), as the single-coalition sourcing rules state it.
/// </summary>
/// <param name="Bloc">Bloc name.</param>
/// <param name="Stage">Ore or refined.</param>
/// <param name="MaxShareFromOutside">Largest share, in [0, 1].</param>
public sealed record IntakeRule(string Bloc, TradeStage Stage, double MaxShareFromOutside);

/// <summary>
/// A bloc's own recycled supply as a least share of the consumption it is served, on the real flows of the model: recycled[b] ≥
/// share × (D_b − shortfall[b]). The EU CRMA recycling benchmark (25 % of annual consumption from domestic recycling) is one.
/// Hard, it is a row of the LP: with recycled supply fixed by the stock model it caps the bloc's consumption at recycled ÷ share.
/// Soft (the default), it is only checked and the answer's notes say whether it is met and by how much it is missed.
/// </summary>
/// <param name="Bloc">Bloc name.</param>
/// <param name="MinShare">Least share of consumption served, in [0, 1].</param>
/// <param name="Label">What the rule is, with its source, e.g. <c>EU CRMA 2030: recycling ≥ 25 % of EU consumption [S63]</c>.</param>
public sealed record RecyclingShareRule(string Bloc, double MinShare, string Label)
{
    /// <summary>Hard (a constraint) or soft (checked and reported). Default <see cref="RuleMode.Soft"/>.</summary>
    public RuleMode Mode { get; init; } = RuleMode.Soft;
}

/// <summary>How one world's supply is allocated across blocs.</summary>
public enum AllocationRule
{
    /// <summary>Minimise cost plus <see cref="WorldNetwork.ShortfallPenaltyPerKt"/> per kt of any bloc's shortfall (a market).</summary>
    CostMinimal,

    /// <summary>As <see cref="CostMinimal"/> with each bloc's penalty times its <see cref="Bloc.Weight"/>.</summary>
    PriorityWeights,

    /// <summary>
    /// Lexicographic max-min fairness of coverage: raise the lowest bloc coverage as far as it goes, fix the blocs that cannot go
    /// higher, repeat for the rest; then minimise cost and shortfall within those coverages.
    /// </summary>
    MaxMinFairness,
}

/// <summary>
/// One commodity in one year as the world allocation model sees it: every site's mines and refineries, blocs that partition the
/// sites, trade and intake rules. Mass balance holds at every node: a mine ships what it extracts, a refinery (member of any bloc)
/// refines only the ore it receives plus its secondary (scrap) feed, and ships what it refines.
/// </summary>
/// <param name="Commodity">Commodity code.</param>
/// <param name="Year">Year.</param>
/// <param name="Sites">Every country and unattributed aggregate with capacity.</param>
/// <param name="Blocs">Blocs partitioning the sites.</param>
public sealed record WorldNetwork(string Commodity, int Year, IReadOnlyList<WorldSite> Sites, IReadOnlyList<Bloc> Blocs)
{
    /// <summary>Share of a refinery's capacity that secondary (scrap) feed may supply, in [0, 1]. Default 0.</summary>
    public double SecondaryFeedShare { get; init; }

    /// <summary>Supplier-side trade rules (bans, share caps, tariffs).</summary>
    public IReadOnlyList<TradeRule> TradeRules { get; init; } = [];

    /// <summary>Consumer-side intake rules (friendshoring shares).</summary>
    public IReadOnlyList<IntakeRule> IntakeRules { get; init; } = [];

    /// <summary>The allocation rule. Default <see cref="AllocationRule.MaxMinFairness"/>, the one that needs no cost data to be unique in coverage.</summary>
    public AllocationRule Rule { get; init; } = AllocationRule.MaxMinFairness;

    /// <summary>Recycling-share rules (the EU CRMA recycling benchmark), at most one per bloc.</summary>
    public IReadOnlyList<RecyclingShareRule> RecyclingRules { get; init; } = [];

    /// <summary>Penalty per kt of shortfall in the objective's cost unit. Default 1 (no costs: the objective counts kt of shortfall).</summary>
    public double ShortfallPenaltyPerKt { get; init; } = 1;

    /// <summary>The bloc of each site.</summary>
    /// <returns>Site ISO3 → bloc name.</returns>
    public IReadOnlyDictionary<string, string> BlocOfSite()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var bloc in Blocs)
        {
            foreach (string member in bloc.Members)
            {
                map[member] = bloc.Name;
            }
        }

        return map;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every field out of range.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        void Require(bool condition, string field, object value, string expected)
        {
            if (!condition)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{field} is {value}; expected {expected}"));
            }
        }

        var sites = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Sites)
        {
            Require(sites.Add(s.Iso3), $"Sites[{s.Iso3}]", s.Iso3, "each site once");
            foreach (var (field, value) in new[] { ("MiningKt", s.MiningKt), ("RefiningKt", s.RefiningKt), ("OtherRouteKt", s.OtherRouteKt), ("MiningCostPerKt", s.MiningCostPerKt), ("RefiningCostPerKt", s.RefiningCostPerKt) })
            {
                Require(double.IsFinite(value) && value >= 0, $"Sites[{s.Iso3}].{field}", value, "a finite number ≥ 0");
            }
        }

        var blocs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in Blocs)
        {
            Require(!string.IsNullOrWhiteSpace(b.Name) && b.Name != TradeRule.AnyOutsider && blocs.Add(b.Name), "Blocs.Name", b.Name, "a unique, non-empty name other than '*'");
            Require(double.IsFinite(b.DemandKt) && b.DemandKt >= 0, $"Blocs[{b.Name}].DemandKt", b.DemandKt, "a finite number ≥ 0");
            Require(double.IsFinite(b.RecycledKt) && b.RecycledKt >= 0, $"Blocs[{b.Name}].RecycledKt", b.RecycledKt, "a finite number ≥ 0");
            Require(double.IsFinite(b.OtherRouteKt) && b.OtherRouteKt >= 0, $"Blocs[{b.Name}].OtherRouteKt", b.OtherRouteKt, "a finite number ≥ 0");
            Require(double.IsFinite(b.Weight) && b.Weight > 0, $"Blocs[{b.Name}].Weight", b.Weight, "a finite number > 0");
        }

        WorldRuleChecks.CheckPartition(Blocs.Select(b => (b.Name, b.Members)), Sites.Select(s => s.Iso3), Require);
        Require(SecondaryFeedShare is >= 0 and <= 1, nameof(SecondaryFeedShare), SecondaryFeedShare, "a share in [0, 1]");
        Require(double.IsFinite(ShortfallPenaltyPerKt) && ShortfallPenaltyPerKt > 0, nameof(ShortfallPenaltyPerKt), ShortfallPenaltyPerKt, "a finite number > 0");
        WorldRuleChecks.Check(TradeRules, IntakeRules, sites, blocs, Require);
        var recyclingBlocs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in RecyclingRules)
        {
            Require(blocs.Contains(r.Bloc), $"RecyclingRules[{r.Bloc}].Bloc", r.Bloc, "a bloc name");
            Require(recyclingBlocs.Add(r.Bloc), $"RecyclingRules[{r.Bloc}]", r.Bloc, "one rule per bloc");
            Require(r.MinShare is >= 0 and <= 1, $"RecyclingRules[{r.Bloc}].MinShare", r.MinShare, "a share in [0, 1]");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("World network: " + string.Join("; ", problems) + ".");
        }
    }
}

/// <summary>Checks of blocs, trade and intake rules shared by the one-period and the multi-period network.</summary>
internal static class WorldRuleChecks
{
    /// <summary>Reports every site in two blocs or in none, and an empty list of blocs, through <paramref name="require"/>.</summary>
    public static void CheckPartition(IEnumerable<(string Name, IReadOnlyList<string> Members)> blocs, IEnumerable<string> sites, Action<bool, string, object, string> require)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        int count = 0;
        foreach (var (name, members) in blocs)
        {
            count++;
            foreach (string m in members)
            {
                require(owner.TryAdd(m, name), $"Blocs[{name}].Members", m, $"a site in one bloc only (also in {owner.GetValueOrDefault(m)})");
            }
        }

        foreach (string site in sites)
        {
            require(owner.ContainsKey(site), $"Sites[{site}]", site, "a member of one bloc (blocs partition the world)");
        }

        require(count > 0, "Blocs", count, "at least one bloc");
    }

    /// <summary>Reports every trade or intake rule out of range through <paramref name="require"/>.</summary>
    public static void Check(IReadOnlyList<TradeRule> tradeRules, IReadOnlyList<IntakeRule> intakeRules, HashSet<string> sites, HashSet<string> blocs, Action<bool, string, object, string> require)
    {
        var tradeKeys = new HashSet<(string, string, TradeStage)>();
        foreach (var t in tradeRules)
        {
            require(blocs.Contains(t.Bloc), $"TradeRules[{t.Supplier}→{t.Bloc}].Bloc", t.Bloc, "a bloc name");
            require(t.Supplier == TradeRule.AnyOutsider || sites.Contains(t.Supplier), $"TradeRules[{t.Supplier}→{t.Bloc}].Supplier", t.Supplier, "a site or '*'");
            require(t.MaxShareOfOutput is >= 0 and <= 1, $"TradeRules[{t.Supplier}→{t.Bloc}].MaxShareOfOutput", t.MaxShareOfOutput, "a share in [0, 1]");
            require(double.IsFinite(t.CostPerKt) && t.CostPerKt >= 0, $"TradeRules[{t.Supplier}→{t.Bloc}].CostPerKt", t.CostPerKt, "a finite number ≥ 0");
            require(tradeKeys.Add((t.Supplier, t.Bloc, t.Stage)), $"TradeRules[{t.Supplier}→{t.Bloc},{t.Stage}]", t.Supplier, "one rule per supplier, bloc and stage");
        }

        var intakeKeys = new HashSet<(string, TradeStage)>();
        foreach (var i in intakeRules)
        {
            require(intakeKeys.Add((i.Bloc, i.Stage)), $"IntakeRules[{i.Bloc},{i.Stage}]", i.Bloc, "one rule per bloc and stage");
            require(blocs.Contains(i.Bloc), $"IntakeRules[{i.Bloc}].Bloc", i.Bloc, "a bloc name");
            require(i.MaxShareFromOutside is >= 0 and <= 1, $"IntakeRules[{i.Bloc},{i.Stage}].MaxShareFromOutside", i.MaxShareFromOutside, "a share in [0, 1]");
        }
    }
}

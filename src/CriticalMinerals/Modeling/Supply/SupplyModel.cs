using System.Globalization;

namespace CriticalMinerals.Modeling.Supply;

/// <summary>The role of a capacity whose marginal value the model reports.</summary>
public enum CapacityKind
{
    /// <summary>Mining capacity of a country.</summary>
    Mining,

    /// <summary>Refining capacity of a country.</summary>
    Refining,

    /// <summary>Recycled supply available to the coalition.</summary>
    Recycling,

    /// <summary>A separate supply route the data lacks (e.g. synthetic graphite).</summary>
    OtherRoute,
}

/// <summary>
/// The coalition supply LP of one <see cref="SupplyNetwork"/>, built once and solved on any backend.
/// </summary>
/// <remarks>
/// Variables (all in kt): <c>mine[p]</c> ≤ mining capacity of every mine <c>p</c>; <c>feed[p,q]</c> ≥ 0, concentrate from
/// mine <c>p</c> to member refinery <c>q</c>; <c>secondary[q]</c> ≤ share·capacity, non-mined feed of member refinery
/// <c>q</c>; <c>refined[q]</c> ≤ refining capacity of every refinery; <c>recycled</c>, <c>other</c>; <c>shortfall</c> ≥ 0.
/// Rows: <c>mine_balance[p]</c>: Σ_q feed[p,q] ≤ mine[p]; <c>refinery_balance[q]</c> (members): refined[q] = Σ_p feed[p,q] +
/// secondary[q]; <c>mined_feed_rule</c>: Σ_{p∉K} feed ≤ α_m·Σ_p feed; <c>refined_supply_rule</c>: Σ_{q∉K} refined[q] ≤ α_r·D;
/// <c>demand</c>: Σ_q refined[q] + recycled + other + other_outside + shortfall ≥ D, where <c>other_outside</c> ≤ the other
/// route's supply from outside the coalition also counts in <c>refined_supply_rule</c>. Objective: minimise shortfall.
/// Every coalition member gets a mining and a refining variable even where its capacity is zero, so the
/// reduced costs price new capacity in every member.
/// </remarks>
public sealed class SupplyModel
{
    private readonly Dictionary<CapacityKey, int> _capacityVariables = [];
    private readonly List<FeedVariable> _feeds = [];

    private SupplyModel(SupplyNetwork network)
    {
        network.Validate();
        Network = network;
        Model = Build(network);
    }

    /// <summary>The network this model states.</summary>
    public SupplyNetwork Network { get; }

    /// <summary>The LP, for export or for a caller's own solve.</summary>
    public LinearModel Model { get; }

    /// <summary>Index of the shortfall variable.</summary>
    public int ShortfallVariable { get; private set; }

    /// <summary>Index of the variable of the other route's supply from outside the coalition (bounded by <see cref="SupplyNetwork.NonMemberOtherRouteKt"/>).</summary>
    public int OtherRouteOutsideVariable { get; private set; }

    /// <summary>Index of the demand row.</summary>
    public int DemandRow { get; private set; }

    /// <summary>Builds the LP of a network.</summary>
    /// <exception cref="ArgumentException">A field of the network is out of range (the message names it).</exception>
    public static SupplyModel Create(SupplyNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new SupplyModel(network);
    }

    /// <summary>The variable of each capacity: every mine and refinery, plus the coalition's recycling and other route.</summary>
    public IReadOnlyDictionary<CapacityKey, int> CapacityVariables => _capacityVariables;

    /// <summary>The concentrate flow variables, mine to member refinery.</summary>
    public IReadOnlyList<FeedVariable> FeedVariables => _feeds;

    private LinearModel Build(SupplyNetwork n)
    {
        const double Inf = double.PositiveInfinity;
        var model = new LinearModel($"supply_{n.Commodity}_{n.Year.ToString(CultureInfo.InvariantCulture)}");
        var mines = n.Mines.ToDictionary(m => m.Iso3, StringComparer.Ordinal);
        var refineries = n.Refineries.ToDictionary(r => r.Iso3, StringComparer.Ordinal);

        var mineVariables = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var mine in n.Mines)
        {
            mineVariables[mine.Iso3] = model.AddVariable(0, mine.CapacityKt, 0, name: $"mine[{mine.Iso3}]");
        }

        var refinedVariables = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var refinery in n.Refineries)
        {
            refinedVariables[refinery.Iso3] = model.AddVariable(0, refinery.CapacityKt, 0, name: $"refined[{refinery.Iso3}]");
        }

        // Members with no capacity at a stage still get a variable fixed at zero, so new capacity there is priced.
        var members = n.Mines.Concat(n.Refineries).Where(c => c.IsMember).Select(c => c.Iso3).Concat(n.OtherMembers).Distinct().Order(StringComparer.Ordinal).ToArray();
        foreach (string iso3 in members)
        {
            if (!mines.ContainsKey(iso3))
            {
                mineVariables[iso3] = model.AddVariable(0, 0, 0, name: $"mine[{iso3}]");
                mines[iso3] = new StageCapacity(iso3, 0, true);
            }

            if (!refineries.ContainsKey(iso3))
            {
                refinedVariables[iso3] = model.AddVariable(0, 0, 0, name: $"refined[{iso3}]");
                refineries[iso3] = new StageCapacity(iso3, 0, true);
            }
        }

        foreach (var (iso3, variable) in mineVariables)
        {
            _capacityVariables[new(CapacityKind.Mining, iso3)] = variable;
        }

        foreach (var (iso3, variable) in refinedVariables)
        {
            _capacityVariables[new(CapacityKind.Refining, iso3)] = variable;
        }

        int recycled = model.AddVariable(0, n.RecyclingKt, 0, name: "recycled");
        int other = model.AddVariable(0, n.OtherRouteKt, 0, name: "other_route");
        _capacityVariables[new(CapacityKind.Recycling, CapacityKey.Coalition)] = recycled;
        _capacityVariables[new(CapacityKind.OtherRoute, CapacityKey.Coalition)] = other;
        ShortfallVariable = model.AddVariable(0, Inf, 1, name: "shortfall");

        // Concentrate flows into members' refineries, and each member refinery's feed balance.
        var memberRefineries = refineries.Values.Where(r => r.IsMember).Select(r => r.Iso3).Order(StringComparer.Ordinal).ToArray();
        var feedsFromMine = mineVariables.Keys.ToDictionary(p => p, _ => new List<int>(), StringComparer.Ordinal);
        int ruleRow = model.AddRow(double.NegativeInfinity, 0, "mined_feed_rule");
        double alphaMine = n.Rules.MaxNonMemberShareOfMinedFeed;
        foreach (string q in memberRefineries)
        {
            int balance = model.AddRow(0, 0, $"refinery_balance[{q}]");
            model.AddTerm(balance, refinedVariables[q], 1);
            foreach (var (p, mineVariable) in mineVariables.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                int feed = model.AddVariable(0, Inf, 0, name: $"feed[{p},{q}]");
                _feeds.Add(new FeedVariable(p, q, feed));
                feedsFromMine[p].Add(feed);
                model.AddTerm(balance, feed, -1);
                bool memberMine = mines[p].IsMember;
                model.AddTerm(ruleRow, feed, memberMine ? -alphaMine : 1 - alphaMine);
            }

            double secondaryCapacity = n.SecondaryFeedShare * refineries[q].CapacityKt;
            int secondary = model.AddVariable(0, secondaryCapacity, 0, name: $"secondary[{q}]");
            model.AddTerm(balance, secondary, -1);
        }

        foreach (var (p, mineVariable) in mineVariables.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            int row = model.AddRow(double.NegativeInfinity, 0, $"mine_balance[{p}]");
            model.AddTerm(row, mineVariable, -1);
            foreach (int feed in feedsFromMine[p])
            {
                model.AddTerm(row, feed, 1);
            }
        }

        double demand = n.DemandKt;
        int refinedRule = model.AddRow(double.NegativeInfinity, n.Rules.MaxNonMemberShareOfRefinedSupply * demand, "refined_supply_rule");
        DemandRow = model.AddRow(demand, Inf, "demand");
        foreach (var (q, variable) in refinedVariables)
        {
            model.AddTerm(DemandRow, variable, 1);
            if (!refineries[q].IsMember)
            {
                model.AddTerm(refinedRule, variable, 1);
            }
        }

        model.AddTerm(DemandRow, recycled, 1);
        model.AddTerm(DemandRow, other, 1);
        OtherRouteOutsideVariable = model.AddVariable(0, n.NonMemberOtherRouteKt, 0, name: "other_route_outside");
        model.AddTerm(DemandRow, OtherRouteOutsideVariable, 1);
        model.AddTerm(refinedRule, OtherRouteOutsideVariable, 1);

        model.AddTerm(DemandRow, ShortfallVariable, 1);
        return model;
    }
}

/// <summary>Identifies a capacity in the supply model.</summary>
/// <param name="Kind">Mining, refining, recycling or another route.</param>
/// <param name="Iso3">Country code, or <see cref="Coalition"/> for coalition-wide routes.</param>
public readonly record struct CapacityKey(CapacityKind Kind, string Iso3)
{
    /// <summary>The holder of coalition-wide capacities (recycling, other routes).</summary>
    public const string Coalition = "coalition";
}

/// <summary>A concentrate flow variable of the supply model.</summary>
/// <param name="Mine">Mine country.</param>
/// <param name="Refinery">Member refinery country.</param>
/// <param name="Variable">Variable index in <see cref="SupplyModel.Model"/>.</param>
public readonly record struct FeedVariable(string Mine, string Refinery, int Variable);

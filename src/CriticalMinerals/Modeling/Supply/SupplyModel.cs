using CriticalMinerals.Modeling.World;

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
/// The coalition supply LP of one <see cref="SupplyNetwork"/>: a view of the world model (<see cref="WorldModel"/>) with two
/// blocs, the coalition with its demand and the rest of the world, which sells to it under the sourcing rules and has no
/// demand of its own. Built once and solved on any backend.
/// </summary>
/// <remarks>
/// The world model's rows hold at every node: every mine ships what it extracts to any refinery, and every refinery, member or
/// not, refines only the ore it receives plus its scrap feed (≤ σ·capacity) and ships what it refines. The sourcing rules are
/// the coalition's intake rules: non-members' ore ≤ α_m of its refineries' ore (<c>intake[coalition,ore]</c>), non-members'
/// refined and other-route supply ≤ α_r·D (<c>intake[coalition,refined]</c>). Objective: minimise the coalition's shortfall.
/// Every coalition member gets a mining and a refining variable even where its capacity is zero, so the reduced costs price
/// new capacity in every member.
/// </remarks>
public sealed class SupplyModel
{
    /// <summary>Name of the coalition's bloc in the world model (rows read <c>demand[coalition]</c>).</summary>
    public const string CoalitionBloc = "coalition";

    /// <summary>Name of the bloc of everyone else.</summary>
    public const string RestBloc = "rest";

    /// <summary>Site that carries the other route's output outside the coalition, which no source attributes to a country.</summary>
    private const string UnattributedSite = "ROW";

    private readonly Dictionary<CapacityKey, int> _capacityVariables = [];
    private readonly List<FeedVariable> _feeds = [];

    private SupplyModel(SupplyNetwork network)
    {
        network.Validate();
        Network = network;
        World = WorldModel.Create(ToWorld(network));
        Model = World.Model;
        foreach (var (iso3, variable) in World.MineVariables)
        {
            _capacityVariables[new(CapacityKind.Mining, iso3)] = variable;
        }

        foreach (var (iso3, variable) in World.RefinedVariables)
        {
            _capacityVariables[new(CapacityKind.Refining, iso3)] = variable;
        }

        _capacityVariables[new(CapacityKind.Recycling, CapacityKey.Coalition)] = World.RecycledVariables[CoalitionBloc];
        _capacityVariables[new(CapacityKind.OtherRoute, CapacityKey.Coalition)] = World.OwnOtherRouteVariables[CoalitionBloc];
        var members = World.Network.Blocs.Single(b => b.Name == CoalitionBloc).Members.ToHashSet(StringComparer.Ordinal);
        foreach (var flow in World.Flows.Where(f => f.Stage == TradeStage.Ore && members.Contains(f.To)))
        {
            _feeds.Add(new FeedVariable(flow.From, flow.To, flow.Variable));
        }

        ShortfallVariable = World.ShortfallVariables[CoalitionBloc];
        DemandRow = World.DemandRows[CoalitionBloc];
        RefinedSupplyRuleRow = World.IntakeRows[$"{CoalitionBloc},refined"];
        OtherRouteOutsideVariable = World.Flows.Single(f => f.IsOtherRoute && f.From == UnattributedSite && f.To == CoalitionBloc).Variable;
        OtherRouteOutsideRow = World.OtherRouteRows[UnattributedSite];
        Model.SetObjectiveCoefficient(ShortfallVariable, 1);
    }

    /// <summary>The network this model states.</summary>
    public SupplyNetwork Network { get; }

    /// <summary>The world model this is a view of (two blocs: <see cref="CoalitionBloc"/> and <see cref="RestBloc"/>).</summary>
    public WorldModel World { get; }

    /// <summary>The LP, for export or for a caller's own solve.</summary>
    public LinearModel Model { get; }

    /// <summary>Index of the shortfall variable.</summary>
    public int ShortfallVariable { get; }

    /// <summary>Index of the variable of the other route's supply from outside the coalition (bounded by <see cref="SupplyNetwork.NonMemberOtherRouteKt"/>).</summary>
    public int OtherRouteOutsideVariable { get; }

    /// <summary>Index of the row bounding the other route's supply outside the coalition.</summary>
    public int OtherRouteOutsideRow { get; }

    /// <summary>Index of the demand row.</summary>
    public int DemandRow { get; }

    /// <summary>Index of the row bounding non-members' refined supply by α_r·D.</summary>
    public int RefinedSupplyRuleRow { get; }

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

    /// <summary>The world network of a coalition question: the coalition and a rest of the world that sells under the sourcing rules.</summary>
    /// <param name="n">The coalition network.</param>
    /// <returns>The world network.</returns>
    public static WorldNetwork ToWorld(SupplyNetwork n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var mines = n.Mines.ToDictionary(m => m.Iso3, StringComparer.Ordinal);
        var refineries = n.Refineries.ToDictionary(r => r.Iso3, StringComparer.Ordinal);
        var codes = n.Mines.Select(m => m.Iso3).Concat(n.Refineries.Select(r => r.Iso3)).Concat(n.OtherMembers).Append(UnattributedSite)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var members = n.Mines.Concat(n.Refineries).Where(c => c.IsMember).Select(c => c.Iso3).Concat(n.OtherMembers).ToHashSet(StringComparer.Ordinal);
        var sites = codes.Select(iso3 => new WorldSite(iso3, mines.GetValueOrDefault(iso3)?.CapacityKt ?? 0, refineries.GetValueOrDefault(iso3)?.CapacityKt ?? 0)
        {
            OtherRouteKt = iso3 == UnattributedSite ? n.NonMemberOtherRouteKt : 0,
            // Every listed site keeps its variables at zero capacity (new capacity is priced, re-solves change bounds only), and
            // the unattributed site always offers the other route.
            PricesNewCapacity = true,
        }).ToArray();

        return new WorldNetwork(
            n.Commodity,
            n.Year,
            sites,
            [
                new Bloc(CoalitionBloc, [.. codes.Where(members.Contains)], n.DemandKt) { RecycledKt = n.RecyclingKt, OtherRouteKt = n.OtherRouteKt },
                new Bloc(RestBloc, [.. codes.Where(c => !members.Contains(c))], 0),
            ])
        {
            SecondaryFeedShare = n.SecondaryFeedShare,
            IntakeRules =
            [
                new IntakeRule(CoalitionBloc, TradeStage.Ore, n.Rules.MaxNonMemberShareOfMinedFeed),
                new IntakeRule(CoalitionBloc, TradeStage.Refined, n.Rules.MaxNonMemberShareOfRefinedSupply),
            ],
            Rule = AllocationRule.CostMinimal,
        };
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

using CriticalMinerals.Modeling.World;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Results;

/// <summary>One flow of the world allocation: ore from a mine country to a refinery country, or refined (or other-route) output to a bloc.</summary>
/// <param name="From">Supplier country (or aggregate).</param>
/// <param name="To">Refinery country (ore) or bloc (refined).</param>
/// <param name="Stage">Ore or refined.</param>
/// <param name="Kt">kt per year.</param>
/// <param name="IsOtherRoute">Whether it is other-route output (synthetic graphite) rather than refinery output.</param>
public sealed record WorldFlow(string From, string To, TradeStage Stage, double Kt, bool IsOtherRoute);

/// <summary>What one bloc gets.</summary>
/// <param name="Bloc">Bloc name.</param>
/// <param name="DemandKt">Its demand (kt per year).</param>
/// <param name="SuppliedKt">Refined, other-route and recycled supply it receives.</param>
/// <param name="ShortfallKt">Demand left unserved.</param>
/// <param name="Coverage">Supplied over demand (1 where demand is 0).</param>
/// <param name="FromOutsideKt">Refined and other-route supply from sites outside the bloc.</param>
/// <param name="Price">
/// Marginal price of its demand: the dual of its demand row, ∂objective/∂demand, in the objective's unit per kt (kt of shortfall
/// per kt without costs, USD per kt with costs in USD); <see langword="null"/> without correct duals.
/// </param>
/// <param name="Premium">The price minus the open-world price (the same world with no trade or intake rules, one market); <see langword="null"/> without both.</param>
/// <param name="LargestSupplier">The country supplying the largest share of its intake, or <see langword="null"/> without intake.</param>
/// <param name="LargestSupplierShare">That share.</param>
/// <param name="Hhi">Herfindahl–Hirschman index (0–10,000) of its intake by supplier country.</param>
public sealed record BlocAllocation(
    string Bloc,
    double DemandKt,
    double SuppliedKt,
    double ShortfallKt,
    double Coverage,
    double FromOutsideKt,
    double? Price,
    double? Premium,
    string? LargestSupplier,
    double LargestSupplierShare,
    double Hhi)
{
    /// <summary>Recycled supply of its own it uses (kt per year; part of <see cref="SuppliedKt"/>).</summary>
    public double RecycledKt { get; init; }

    /// <summary>Recycled supply of its own available to it (kt per year): the most <see cref="RecycledKt"/> can be.</summary>
    public double RecycledAvailableKt { get; init; }
}

/// <summary>The allocation of one commodity and year across blocs.</summary>
/// <param name="Commodity">Commodity code.</param>
/// <param name="Year">Year.</param>
/// <param name="Rule">Allocation rule used.</param>
/// <param name="Status">Status of the last solve (the one flows and prices come from).</param>
/// <param name="Backend">Backend.</param>
/// <param name="Blocs">Per bloc, in network order.</param>
/// <param name="Flows">Every flow above 1e-9 kt.</param>
/// <param name="MinedKt">Mine output by country.</param>
/// <param name="RefinedKt">Refined output by country.</param>
/// <param name="SecondaryKt">Secondary (scrap) feed by refinery country.</param>
/// <param name="OpenWorldPrice">Price of demand in the open world (one market, no rules), or <see langword="null"/>.</param>
/// <param name="Solves">Number of LPs solved (the max-min rule solves several).</param>
/// <param name="Notes">What a reader must know.</param>
public sealed record WorldAllocationResult(
    string Commodity,
    int Year,
    AllocationRule Rule,
    SolveStatus Status,
    string Backend,
    IReadOnlyList<BlocAllocation> Blocs,
    IReadOnlyList<WorldFlow> Flows,
    IReadOnlyDictionary<string, double> MinedKt,
    IReadOnlyDictionary<string, double> RefinedKt,
    IReadOnlyDictionary<string, double> SecondaryKt,
    double? OpenWorldPrice,
    int Solves,
    IReadOnlyList<string> Notes)
{
    /// <summary>What the allocation answers, e.g. <c>MSP vs rest</c>; empty for a hand-built network.</summary>
    public string Setup { get; init; } = string.Empty;

    /// <summary>The demand scenario, or <see langword="null"/> for a hand-built network.</summary>
    public CriticalMinerals.Data.DemandScenario? Scenario { get; init; }

    /// <summary>World demand of the scenario and year (kt), or <see langword="null"/> for a hand-built network.</summary>
    public double? WorldDemandKt { get; init; }

    /// <summary>Unit of every kt figure, e.g. <c>kt Li</c>; empty for a hand-built network.</summary>
    public string Unit { get; init; } = string.Empty;

    /// <summary>Sources of the figures the network was built from (empty for a hand-built network).</summary>
    public IReadOnlyList<string> SourceIds { get; init; } = [];

    /// <summary>A bloc's allocation by name.</summary>
    /// <param name="name">Bloc name.</param>
    /// <returns>The allocation.</returns>
    public BlocAllocation Bloc(string name) => Blocs.First(b => b.Bloc == name);
}

namespace CriticalMinerals.Modeling.World;

/// <summary>A flow variable of the world model.</summary>
/// <param name="From">Supplier site (mine country for ore, refinery or other-route country for refined).</param>
/// <param name="To">Refinery country (ore) or bloc name (refined).</param>
/// <param name="Stage">Ore or refined.</param>
/// <param name="Variable">Variable index.</param>
/// <param name="IsOtherRoute">Whether it carries other-route output (synthetic graphite) rather than refinery output.</param>
public readonly record struct WorldFlowVariable(string From, string To, TradeStage Stage, int Variable, bool IsOtherRoute = false)
{
    /// <summary>Period index of the flow (0 in a one-period model).</summary>
    public int Period { get; init; }
}

/// <summary>
/// The world allocation LP of one <see cref="WorldNetwork"/>, without its objective (the allocation rule sets it, in stages
/// where the rule is lexicographic): the one-period case of <see cref="WorldPlanModel"/>, one period of one year with nothing
/// built and no stock, its names without the year.
/// </summary>
/// <remarks>
/// Variables (kt per year): <c>mine[c]</c> ≤ M_c; <c>ore[c,r]</c> ≥ 0 from every mine country to every refinery country;
/// <c>secondary[r]</c> ≤ σ·R_r; <c>refined[r]</c> ≤ R_r; <c>ship[r,b]</c> ≥ 0 refined flow to bloc b; <c>other[s,b]</c> ≥ 0
/// other-route flow; <c>recycled[b]</c> ≤ Rec_b; <c>shortfall[b]</c> ≥ 0.
/// Rows: <c>mine_balance[c]</c>: Σ_r ore[c,r] = mine[c]; <c>refinery_balance[r]</c>: refined[r] = Σ_c ore[c,r] + secondary[r]
/// (every refinery, whatever its bloc); <c>ship_balance[r]</c>: Σ_b ship[r,b] = refined[r]; <c>other_route[s]</c>:
/// Σ_b other[s,b] ≤ O_s; <c>demand[b]</c>: Σ_r ship[r,b] + Σ_s other[s,b] + recycled[b] + other_own[b] + shortfall[b] = D_b;
/// <c>trade_cap[s,b,stage]</c>: what bloc b takes from s ≤ share·output of s; <c>intake[b,stage]</c>: what b takes from outside
/// ≤ α·(its intake) — for refined, α·D_b; <c>recycling_share[b]</c> (hard recycling rules): recycled[b] + s·shortfall[b] ≥ s·D_b.
/// </remarks>
public sealed class WorldModel
{
    private WorldModel(WorldNetwork network)
    {
        network.Validate();
        Network = network;
        Periods = WorldPlanModel.CreateOneYear(WorldPlanNetwork.OfYear(network));
        Model = Periods.Model;
        MineVariables = Periods.PeriodMap("mine", 0);
        RefinedVariables = Periods.PeriodMap("refined", 0);
        SecondaryVariables = Periods.PeriodMap("secondary", 0);
        ShortfallVariables = Periods.PeriodMap("shortfall", 0);
        RecycledVariables = Periods.PeriodMap("recycled", 0);
        OwnOtherRouteVariables = Periods.PeriodMap("other_own", 0);
        OtherRouteRows = Periods.PeriodMap("other_route", 0);
        DemandRows = Periods.PeriodMap("demand", 0);
        IntakeRows = Periods.IntakeRowsOf(0);
        var recyclingRows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in network.RecyclingRules.Where(r => r.Mode == Planning.RuleMode.Hard))
        {
            // recycled[b] ≥ share·(D_b − shortfall[b])  ⇔  recycled[b] + share·shortfall[b] ≥ share·D_b.
            double demand = network.Blocs.First(b => b.Name == rule.Bloc).DemandKt;
            int row = Model.AddRow(rule.MinShare * demand, double.PositiveInfinity, $"recycling_share[{rule.Bloc}]");
            Model.AddTerm(row, RecycledVariables[rule.Bloc], 1);
            Model.AddTerm(row, ShortfallVariables[rule.Bloc], rule.MinShare);
            recyclingRows[rule.Bloc] = row;
        }

        RecyclingRuleRows = recyclingRows;
    }

    /// <summary>Row of each hard recycling-share rule, by bloc.</summary>
    public IReadOnlyDictionary<string, int> RecyclingRuleRows { get; }

    /// <summary>The network.</summary>
    public WorldNetwork Network { get; }

    /// <summary>The multi-period world model this is the one-period case of (one period of one year, nothing built, no stock).</summary>
    public WorldPlanModel Periods { get; }

    /// <summary>The LP (objective all zero; see <see cref="CostCoefficients"/>).</summary>
    public LinearModel Model { get; }

    /// <summary>Every flow variable: ore from mine to refinery country, refined and other-route output to blocs.</summary>
    public IReadOnlyList<WorldFlowVariable> Flows => Periods.Flows;

    /// <summary>Mine output variable of each mining site.</summary>
    public IReadOnlyDictionary<string, int> MineVariables { get; }

    /// <summary>Refined output variable of each refining site.</summary>
    public IReadOnlyDictionary<string, int> RefinedVariables { get; }

    /// <summary>Secondary (scrap) feed variable of each refining site (bounded by share × capacity).</summary>
    public IReadOnlyDictionary<string, int> SecondaryVariables { get; }

    /// <summary>Shortfall variable of each bloc.</summary>
    public IReadOnlyDictionary<string, int> ShortfallVariables { get; }

    /// <summary>Recycled-supply variable of each bloc.</summary>
    public IReadOnlyDictionary<string, int> RecycledVariables { get; }

    /// <summary>Variable of each bloc's own other-route supply (bounded by <see cref="Bloc.OtherRouteKt"/>).</summary>
    public IReadOnlyDictionary<string, int> OwnOtherRouteVariables { get; }

    /// <summary>Row bounding each site's other-route output.</summary>
    public IReadOnlyDictionary<string, int> OtherRouteRows { get; }

    /// <summary>Row of each intake rule, keyed <c>bloc,ore</c> or <c>bloc,refined</c>.</summary>
    public IReadOnlyDictionary<string, int> IntakeRows { get; }

    /// <summary>Demand row of each bloc.</summary>
    public IReadOnlyDictionary<string, int> DemandRows { get; }

    /// <summary>Cost per kt of each variable (mining, refining, tariffs and transport), indexed like the model's variables.</summary>
    public IReadOnlyList<double> CostCoefficients => Periods.CostCoefficients;

    /// <summary>Builds the LP of a network.</summary>
    /// <param name="network">The network.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The network is invalid (every problem named).</exception>
    public static WorldModel Create(WorldNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new WorldModel(network);
    }

    /// <summary>The trade rule that applies to what <paramref name="bloc"/> takes from <paramref name="supplier"/> at a stage: a rule naming the supplier, otherwise the bloc's rule for every outsider when the supplier is outside it.</summary>
    /// <param name="supplier">Supplier site.</param>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="stage">Stage.</param>
    /// <returns>The rule, or <see langword="null"/> for free trade.</returns>
    public TradeRule? RuleFor(string supplier, string bloc, TradeStage stage) => Periods.RuleFor(supplier, bloc, stage);
}

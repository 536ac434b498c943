using System.Globalization;

namespace CriticalMinerals.Modeling.World;

/// <summary>A flow variable of the world model.</summary>
/// <param name="From">Supplier site (mine country for ore, refinery or other-route country for refined).</param>
/// <param name="To">Refinery country (ore) or bloc name (refined).</param>
/// <param name="Stage">Ore or refined.</param>
/// <param name="Variable">Variable index.</param>
/// <param name="IsOtherRoute">Whether it carries other-route output (synthetic graphite) rather than refinery output.</param>
public readonly record struct WorldFlowVariable(string From, string To, TradeStage Stage, int Variable, bool IsOtherRoute = false);

/// <summary>
/// The world allocation LP of one <see cref="WorldNetwork"/>, without its objective (the allocation rule sets it, in stages
/// where the rule is lexicographic).
/// </summary>
/// <remarks>
/// Variables (kt per year): <c>mine[c]</c> ≤ M_c; <c>ore[c,r]</c> ≥ 0 from every mine country to every refinery country;
/// <c>secondary[r]</c> ≤ σ·R_r; <c>refined[r]</c> ≤ R_r; <c>ship[r,b]</c> ≥ 0 refined flow to bloc b; <c>other[s,b]</c> ≥ 0
/// other-route flow; <c>recycled[b]</c> ≤ Rec_b; <c>shortfall[b]</c> ≥ 0.
/// Rows: <c>mine_balance[c]</c>: Σ_r ore[c,r] = mine[c]; <c>refinery_balance[r]</c>: refined[r] = Σ_c ore[c,r] + secondary[r]
/// (every refinery, whatever its bloc); <c>ship_balance[r]</c>: Σ_b ship[r,b] = refined[r]; <c>other_route[s]</c>:
/// Σ_b other[s,b] ≤ O_s; <c>demand[b]</c>: Σ_r ship[r,b] + Σ_s other[s,b] + recycled[b] + other_own[b] + shortfall[b] = D_b;
/// <c>trade_cap[s,b,stage]</c>: what bloc b takes from s ≤ share·output of s; <c>intake[b,stage]</c>: what b takes from outside
/// ≤ α·(its intake) — for refined, α·D_b.
/// </remarks>
public sealed class WorldModel
{
    private readonly List<WorldFlowVariable> _flows = [];
    private readonly Dictionary<string, int> _mine = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _refined = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _secondary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _shortfall = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _recycled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ownOther = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _intakeRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _otherRouteRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _demandRows = new(StringComparer.Ordinal);
    private readonly double[] _cost;

    private readonly List<(int Index, double Cost)> _costs = [];
    private IReadOnlyDictionary<string, string> _blocOf = new Dictionary<string, string>();

    private WorldModel(WorldNetwork network)
    {
        network.Validate();
        Network = network;
        Model = Build(network);
        _cost = new double[Model.VariableCount];
        foreach (var (index, cost) in _costs)
        {
            _cost[index] += cost;
        }
    }

    /// <summary>The network.</summary>
    public WorldNetwork Network { get; }

    /// <summary>The LP (objective all zero; see <see cref="CostCoefficients"/>).</summary>
    public LinearModel Model { get; }

    /// <summary>Every flow variable: ore from mine to refinery country, refined and other-route output to blocs.</summary>
    public IReadOnlyList<WorldFlowVariable> Flows => _flows;

    /// <summary>Mine output variable of each mining site.</summary>
    public IReadOnlyDictionary<string, int> MineVariables => _mine;

    /// <summary>Refined output variable of each refining site.</summary>
    public IReadOnlyDictionary<string, int> RefinedVariables => _refined;

    /// <summary>Secondary (scrap) feed variable of each refining site (bounded by share × capacity).</summary>
    public IReadOnlyDictionary<string, int> SecondaryVariables => _secondary;

    /// <summary>Shortfall variable of each bloc.</summary>
    public IReadOnlyDictionary<string, int> ShortfallVariables => _shortfall;

    /// <summary>Recycled-supply variable of each bloc.</summary>
    public IReadOnlyDictionary<string, int> RecycledVariables => _recycled;

    /// <summary>Variable of each bloc's own other-route supply (bounded by <see cref="Bloc.OtherRouteKt"/>).</summary>
    public IReadOnlyDictionary<string, int> OwnOtherRouteVariables => _ownOther;

    /// <summary>Row bounding each site's other-route output.</summary>
    public IReadOnlyDictionary<string, int> OtherRouteRows => _otherRouteRows;

    /// <summary>Row of each intake rule, keyed <c>bloc,ore</c> or <c>bloc,refined</c>.</summary>
    public IReadOnlyDictionary<string, int> IntakeRows => _intakeRows;

    /// <summary>Demand row of each bloc.</summary>
    public IReadOnlyDictionary<string, int> DemandRows => _demandRows;

    /// <summary>Cost per kt of each variable (mining, refining, tariffs and transport), indexed like the model's variables.</summary>
    public IReadOnlyList<double> CostCoefficients => _cost;

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
    public TradeRule? RuleFor(string supplier, string bloc, TradeStage stage)
    {
        TradeRule? any = null;
        foreach (var rule in Network.TradeRules)
        {
            if (rule.Bloc != bloc || rule.Stage != stage)
            {
                continue;
            }

            if (rule.Supplier == supplier)
            {
                return rule;
            }

            if (rule.Supplier == TradeRule.AnyOutsider)
            {
                any = rule;
            }
        }

        return any is not null && _blocOf[supplier] != bloc ? any : null;
    }

    private LinearModel Build(WorldNetwork n)
    {
        const double Inf = double.PositiveInfinity;
        var c = CultureInfo.InvariantCulture;
        _blocOf = n.BlocOfSite();
        var model = new LinearModel(string.Create(c, $"world_{n.Commodity}_{n.Year}"));
        var mines = n.Sites.Where(s => s.MiningKt > 0 || s.PricesNewCapacity).ToArray();
        var refineries = n.Sites.Where(s => s.RefiningKt > 0 || s.PricesNewCapacity).ToArray();
        var others = n.Sites.Where(s => s.OtherRouteKt > 0 || s.PricesNewCapacity).ToArray();

        foreach (var s in mines)
        {
            _mine[s.Iso3] = model.AddVariable(0, s.MiningKt, 0, name: $"mine[{s.Iso3}]");
            _costs.Add((_mine[s.Iso3], s.MiningCostPerKt));
        }

        foreach (var s in refineries)
        {
            _refined[s.Iso3] = model.AddVariable(0, s.RefiningKt, 0, name: $"refined[{s.Iso3}]");
            _costs.Add((_refined[s.Iso3], s.RefiningCostPerKt));
            _secondary[s.Iso3] = model.AddVariable(0, n.SecondaryFeedShare * s.RefiningKt, 0, name: $"secondary[{s.Iso3}]");
        }

        // Ore: every mine to every refinery; mass balance at both ends.
        var oreInto = refineries.ToDictionary(r => r.Iso3, _ => new List<(string Mine, int Variable)>(), StringComparer.Ordinal);
        foreach (var m in mines)
        {
            int balance = model.AddRow(0, 0, $"mine_balance[{m.Iso3}]");
            model.AddTerm(balance, _mine[m.Iso3], -1);
            foreach (var r in refineries)
            {
                int v = model.AddVariable(0, Inf, 0, name: $"ore[{m.Iso3},{r.Iso3}]");
                model.AddTerm(balance, v, 1);
                _flows.Add(new WorldFlowVariable(m.Iso3, r.Iso3, TradeStage.Ore, v));
                oreInto[r.Iso3].Add((m.Iso3, v));
                if (RuleFor(m.Iso3, _blocOf[r.Iso3], TradeStage.Ore) is { CostPerKt: > 0 } rule)
                {
                    _costs.Add((v, rule.CostPerKt));
                }
            }
        }

        foreach (var r in refineries)
        {
            int balance = model.AddRow(0, 0, $"refinery_balance[{r.Iso3}]");
            model.AddTerm(balance, _refined[r.Iso3], 1);
            foreach (var (_, v) in oreInto[r.Iso3])
            {
                model.AddTerm(balance, v, -1);
            }

            model.AddTerm(balance, _secondary[r.Iso3], -1);
        }

        // Refined and other-route output to the blocs' demand.
        var intoBloc = n.Blocs.ToDictionary(b => b.Name, _ => new List<WorldFlowVariable>(), StringComparer.Ordinal);
        foreach (var r in refineries)
        {
            int balance = model.AddRow(0, 0, $"ship_balance[{r.Iso3}]");
            model.AddTerm(balance, _refined[r.Iso3], -1);
            foreach (var b in n.Blocs)
            {
                int v = model.AddVariable(0, Inf, 0, name: $"ship[{r.Iso3},{b.Name}]");
                model.AddTerm(balance, v, 1);
                var flow = new WorldFlowVariable(r.Iso3, b.Name, TradeStage.Refined, v);
                _flows.Add(flow);
                intoBloc[b.Name].Add(flow);
            }
        }

        foreach (var s in others)
        {
            int row = model.AddRow(double.NegativeInfinity, s.OtherRouteKt, $"other_route[{s.Iso3}]");
            _otherRouteRows[s.Iso3] = row;
            foreach (var b in n.Blocs)
            {
                int v = model.AddVariable(0, Inf, 0, name: $"other[{s.Iso3},{b.Name}]");
                model.AddTerm(row, v, 1);
                var flow = new WorldFlowVariable(s.Iso3, b.Name, TradeStage.Refined, v, IsOtherRoute: true);
                _flows.Add(flow);
                intoBloc[b.Name].Add(flow);
            }
        }

        foreach (var b in n.Blocs)
        {
            _recycled[b.Name] = model.AddVariable(0, b.RecycledKt, 0, name: $"recycled[{b.Name}]");
            _ownOther[b.Name] = model.AddVariable(0, b.OtherRouteKt, 0, name: $"other_own[{b.Name}]");
            _shortfall[b.Name] = model.AddVariable(0, Inf, 0, name: $"shortfall[{b.Name}]");
            int demand = model.AddRow(b.DemandKt, b.DemandKt, $"demand[{b.Name}]");
            _demandRows[b.Name] = demand;
            model.AddTerm(demand, _recycled[b.Name], 1);
            model.AddTerm(demand, _ownOther[b.Name], 1);
            model.AddTerm(demand, _shortfall[b.Name], 1);
            foreach (var flow in intoBloc[b.Name])
            {
                model.AddTerm(demand, flow.Variable, 1);
                if (RuleFor(flow.From, b.Name, TradeStage.Refined) is { CostPerKt: > 0 } rule)
                {
                    _costs.Add((flow.Variable, rule.CostPerKt));
                }
            }
        }

        AddTradeCaps(model, n, mines, intoBloc);
        AddIntakeRules(model, n, intoBloc);
        return model;
    }

    private void AddTradeCaps(LinearModel model, WorldNetwork n, WorldSite[] mines, Dictionary<string, List<WorldFlowVariable>> intoBloc)
    {
        foreach (var b in n.Blocs)
        {
            foreach (var m in mines)
            {
                if (RuleFor(m.Iso3, b.Name, TradeStage.Ore) is { MaxShareOfOutput: < 1 } rule)
                {
                    // Σ_{r ∈ b} ore[m,r] ≤ share·mine[m]
                    int row = model.AddRow(double.NegativeInfinity, 0, $"trade_cap[{m.Iso3},{b.Name},ore]");
                    model.AddTerm(row, _mine[m.Iso3], -rule.MaxShareOfOutput);
                    foreach (var flow in _flows.Where(f => f.Stage == TradeStage.Ore && f.From == m.Iso3 && _blocOf[f.To] == b.Name))
                    {
                        model.AddTerm(row, flow.Variable, 1);
                    }
                }
            }

            foreach (var flow in intoBloc[b.Name])
            {
                if (RuleFor(flow.From, b.Name, TradeStage.Refined) is not { MaxShareOfOutput: < 1 } rule)
                {
                    continue;
                }

                string suffix = flow.IsOtherRoute ? "other" : "refined";
                int row = model.AddRow(double.NegativeInfinity, flow.IsOtherRoute ? rule.MaxShareOfOutput * n.Sites.First(s => s.Iso3 == flow.From).OtherRouteKt : 0, $"trade_cap[{flow.From},{b.Name},{suffix}]");
                model.AddTerm(row, flow.Variable, 1);
                if (!flow.IsOtherRoute)
                {
                    model.AddTerm(row, _refined[flow.From], -rule.MaxShareOfOutput);
                }
            }
        }
    }

    private void AddIntakeRules(LinearModel model, WorldNetwork n, Dictionary<string, List<WorldFlowVariable>> intoBloc)
    {
        foreach (var rule in n.IntakeRules)
        {
            var bloc = n.Blocs.First(b => b.Name == rule.Bloc);
            if (rule.Stage == TradeStage.Refined)
            {
                // Σ_{r ∉ b} ship[r,b] ≤ α·D_b
                int row = model.AddRow(double.NegativeInfinity, rule.MaxShareFromOutside * bloc.DemandKt, $"intake[{bloc.Name},refined]");
                _intakeRows[$"{bloc.Name},refined"] = row;
                foreach (var flow in intoBloc[bloc.Name].Where(f => _blocOf[f.From] != bloc.Name))
                {
                    model.AddTerm(row, flow.Variable, 1);
                }
            }
            else
            {
                // Σ_{c ∉ b, r ∈ b} ore[c,r] ≤ α·Σ_{r ∈ b} ore[c,r]
                int row = model.AddRow(double.NegativeInfinity, 0, $"intake[{bloc.Name},ore]");
                _intakeRows[$"{bloc.Name},ore"] = row;
                foreach (var flow in _flows.Where(f => f.Stage == TradeStage.Ore && _blocOf[f.To] == bloc.Name))
                {
                    bool outside = _blocOf[flow.From] != bloc.Name;
                    model.AddTerm(row, flow.Variable, (outside ? 1 : 0) - rule.MaxShareFromOutside);
                }
            }
        }
    }
}

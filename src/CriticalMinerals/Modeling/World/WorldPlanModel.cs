using System.Globalization;
using CriticalMinerals.Data;

namespace CriticalMinerals.Modeling.World;

/// <summary>A growth row of new capacity: <c>build_t ≤ g·Δy·(capacity of t−1) + start·Δy</c>.</summary>
/// <param name="Iso3">Site.</param>
/// <param name="Stage">Stage.</param>
/// <param name="Period">Period index of the build.</param>
/// <param name="Row">Row index.</param>
/// <param name="BuildVariable">The build variable it limits.</param>
/// <param name="GrowthTimesYears">g·Δy, the coefficient of the previous period's capacity (a view adds its own capacity terms with it).</param>
public sealed record WorldGrowthRow(string Iso3, SupplyStage Stage, int Period, int Row, int BuildVariable, double GrowthTimesYears);

/// <summary>
/// The multi-period world LP of one <see cref="WorldPlanNetwork"/>, without its objective (a view or an allocation rule sets it;
/// <see cref="CostCoefficients"/> holds the costs). Every node balances in every period.
/// </summary>
/// <remarks>
/// Per period <c>t</c> (names end in the period's year; a one-period <see cref="WorldModel"/> leaves it out), kt per year:
/// <c>mine[c,t]</c> ≤ capacity; <c>ore[c,r,t]</c> from every mine country to every refinery country; <c>secondary[r,t]</c> ≤
/// σ·capacity; <c>refined[r,t]</c> ≤ capacity; <c>ship[r,b,t]</c>; <c>other[s,b,t]</c>; <c>recycled[b,t]</c>;
/// <c>other_own[b,t]</c>; <c>shortfall[b,t]</c>. Rows: <c>mine_balance[c,t]</c>: Σ_r ore = mine; <c>refinery_balance[r,t]</c>:
/// refined = Σ_c ore + secondary (every refinery, whatever its bloc); <c>ship_balance[r,t]</c>: Σ_b ship = refined;
/// <c>other_route[s,t]</c>; <c>demand[b,t]</c>: Σ ship + Σ other + recycled + other_own + release − stock_in + shortfall = D;
/// <c>trade_cap[s,b,stage,t]</c>; <c>intake[b,stage,t]</c>.
/// Across periods: <c>build[s,stage,t]</c> ≥ 0 from the build's first period, <c>capacity[s,stage,t]</c>: output ≤ capacity +
/// Σ_{k≤t} build_k, <c>secondary_cap[r,t]</c>: secondary ≤ σ·(capacity + Σ build), <c>growth[s,stage,t]</c>: build_t ≤
/// g·Δy·(capacity_{t−1} + Σ_{k&lt;t} build_k) + start·Δy; <c>reserves[c]</c>: Σ_t L_t·mine ≤ extraction limit;
/// <c>new_mining_limit[c]</c>: Σ_t build ≤ limit; <c>stock_balance[b,t]</c>: stock_t = stock_{t−1} + L_t·(stock_in − release);
/// <c>recycling[b,t]</c>: recycled_t ≤ Rec_t + ρ·(D_{t−lag} − shortfall_{t−lag}); <c>recycling_capacity[b,t]</c> (a bloc with
/// plants): recycled_t ≤ plants in place + Σ_{k≤t} build[b,recycling,k].
/// Costs: mining, refining, tariffs and holding per kt-year (times L_t), capital per kt per year of new capacity.
/// </remarks>
public sealed class WorldPlanModel
{
    private readonly bool _yearInNames;
    private readonly List<WorldFlowVariable> _flows = [];
    private readonly List<WorldGrowthRow> _growthRows = [];
    private readonly Dictionary<(string, int), int> _mine = [];
    private readonly Dictionary<(string, int), int> _refined = [];
    private readonly Dictionary<(string, int), int> _secondary = [];
    private readonly Dictionary<(string, int), int> _otherRouteRows = [];
    private readonly Dictionary<(string, int), int> _shortfall = [];
    private readonly Dictionary<(string, int), int> _recycled = [];
    private readonly Dictionary<(string, int), int> _ownOther = [];
    private readonly Dictionary<(string, int), int> _demandRows = [];
    private readonly Dictionary<(string, int), int> _stock = [];
    private readonly Dictionary<(string, int), int> _stockIn = [];
    private readonly Dictionary<(string, int), int> _release = [];
    private readonly Dictionary<(string, TradeStage, int), int> _intakeRows = [];
    private readonly Dictionary<(string, string, int), int> _ship = [];
    private readonly Dictionary<(string, string, int), int> _other = [];
    private readonly Dictionary<(string, int), List<WorldFlowVariable>> _oreFrom = [];
    private readonly Dictionary<(string, int), List<WorldFlowVariable>> _oreInto = [];
    private readonly List<List<WorldFlowVariable>> _periodOre = [];
    private readonly Dictionary<(string, SupplyStage, int), int> _build = [];
    private readonly Dictionary<(string, SupplyStage, int), int> _capacityRows = [];
    private readonly Dictionary<(string, int), int> _secondaryRows = [];
    private readonly Dictionary<string, int> _extractionRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _newMiningRows = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), int> _recyclingBuild = [];
    private readonly Dictionary<(string, int), int> _recyclingCapacityRows = [];
    private readonly List<(int Index, double Cost)> _costs = [];
    private readonly double[] _cost;
    private Dictionary<string, string> _blocOf = [];

    private WorldPlanModel(WorldPlanNetwork network, bool yearInNames)
    {
        network.Validate();
        Network = network;
        _yearInNames = yearInNames;
        Model = Build(network);
        _cost = new double[Model.VariableCount];
        foreach (var (index, cost) in _costs)
        {
            _cost[index] += cost;
        }
    }

    /// <summary>The network.</summary>
    public WorldPlanNetwork Network { get; }

    /// <summary>The LP (objective all zero).</summary>
    public LinearModel Model { get; }

    /// <summary>Every flow variable of every period (<see cref="WorldFlowVariable.Period"/>).</summary>
    public IReadOnlyList<WorldFlowVariable> Flows => _flows;

    /// <summary>Cost per unit of each variable, indexed like the model's variables (flows per kt-year, build per kt per year of capacity).</summary>
    public IReadOnlyList<double> CostCoefficients => _cost;

    /// <summary>Growth rows of new capacity.</summary>
    public IReadOnlyList<WorldGrowthRow> GrowthRows => _growthRows;

    /// <summary>Extraction-limit row of each site with a limit.</summary>
    public IReadOnlyDictionary<string, int> ExtractionRows => _extractionRows;

    /// <summary>New-mining-limit row of each site with a limit.</summary>
    public IReadOnlyDictionary<string, int> NewMiningRows => _newMiningRows;

    /// <summary>The bloc of each site.</summary>
    public IReadOnlyDictionary<string, string> BlocOfSite => _blocOf;

    /// <summary>Builds the LP of a network.</summary>
    /// <param name="network">The network.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The network is invalid (every problem named).</exception>
    public static WorldPlanModel Create(WorldPlanNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new WorldPlanModel(network, yearInNames: true);
    }

    /// <summary>The one-period model of <see cref="WorldModel"/>: names without the year.</summary>
    internal static WorldPlanModel CreateOneYear(WorldPlanNetwork network) => new(network, yearInNames: false);

    /// <summary>Mine output variable of a site in period <paramref name="t"/>, or -1.</summary>
    /// <param name="iso3">Site.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int Mine(string iso3, int t) => _mine.GetValueOrDefault((iso3, t), -1);

    /// <summary>Refined output variable of a site in period <paramref name="t"/>, or -1.</summary>
    /// <param name="iso3">Site.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int Refined(string iso3, int t) => _refined.GetValueOrDefault((iso3, t), -1);

    /// <summary>Output variable of a site at a stage in period <paramref name="t"/> (mine or refined), or -1.</summary>
    /// <param name="iso3">Site.</param>
    /// <param name="stage">Stage.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int Output(string iso3, SupplyStage stage, int t) => stage == SupplyStage.Mining ? Mine(iso3, t) : Refined(iso3, t);

    /// <summary>Secondary (scrap) feed variable of a refinery in period <paramref name="t"/>, or -1.</summary>
    /// <param name="iso3">Site.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int Secondary(string iso3, int t) => _secondary.GetValueOrDefault((iso3, t), -1);

    /// <summary>Shortfall variable of a bloc in period <paramref name="t"/>.</summary>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index.</returns>
    public int Shortfall(string bloc, int t) => _shortfall[(bloc, t)];

    /// <summary>Recycled-supply variable of a bloc in period <paramref name="t"/>.</summary>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index.</returns>
    public int Recycled(string bloc, int t) => _recycled[(bloc, t)];

    /// <summary>Demand row of a bloc in period <paramref name="t"/>.</summary>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Row index.</returns>
    public int DemandRow(string bloc, int t) => _demandRows[(bloc, t)];

    /// <summary>End-of-period stock of a bloc, or -1 without a stockpile.</summary>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int Stock(string bloc, int t) => _stock.GetValueOrDefault((bloc, t), -1);

    /// <summary>Stock added by a bloc (kt per year), or -1 without a stockpile.</summary>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int StockIn(string bloc, int t) => _stockIn.GetValueOrDefault((bloc, t), -1);

    /// <summary>Stock released by a bloc (kt per year), or -1 without a stockpile.</summary>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int Release(string bloc, int t) => _release.GetValueOrDefault((bloc, t), -1);

    /// <summary>Continuous build variable of a site, stage and period, or -1.</summary>
    /// <param name="iso3">Site.</param>
    /// <param name="stage">Stage.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int Build(string iso3, SupplyStage stage, int t) => _build.GetValueOrDefault((iso3, stage, t), -1);

    /// <summary>Recycling capacity built by a bloc in period <paramref name="t"/> (kt per year), or -1 where it may not build.</summary>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int RecyclingBuild(string bloc, int t) => _recyclingBuild.GetValueOrDefault((bloc, t), -1);

    /// <summary>Row <c>recycling_capacity[b,t]</c> of a bloc with recycling plants, or -1 without.</summary>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Row index or -1.</returns>
    public int RecyclingCapacityRow(string bloc, int t) => _recyclingCapacityRows.GetValueOrDefault((bloc, t), -1);

    /// <summary>Capacity row of a site, stage and period (where capacity is in rows), or -1 where it is a variable bound.</summary>
    /// <param name="iso3">Site.</param>
    /// <param name="stage">Stage.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Row index or -1.</returns>
    public int CapacityRow(string iso3, SupplyStage stage, int t) => _capacityRows.GetValueOrDefault((iso3, stage, t), -1);

    /// <summary>Row bounding a refinery's secondary feed by σ·capacity (where capacity is in rows and σ &gt; 0), or -1.</summary>
    /// <param name="iso3">Site.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Row index or -1.</returns>
    public int SecondaryCapacityRow(string iso3, int t) => _secondaryRows.GetValueOrDefault((iso3, t), -1);

    /// <summary>Ore flows into a refinery in period <paramref name="t"/>.</summary>
    /// <param name="refinery">Refinery site.</param>
    /// <param name="t">Period index.</param>
    /// <returns>The flows.</returns>
    public IReadOnlyList<WorldFlowVariable> OreInto(string refinery, int t) => _oreInto.TryGetValue((refinery, t), out var flows) ? flows : [];

    /// <summary>Ore flows out of a mine country in period <paramref name="t"/>.</summary>
    /// <param name="mine">Mine site.</param>
    /// <param name="t">Period index.</param>
    /// <returns>The flows.</returns>
    public IReadOnlyList<WorldFlowVariable> OreFrom(string mine, int t) => _oreFrom.TryGetValue((mine, t), out var flows) ? flows : [];

    /// <summary>The refined flow from a site to a bloc in period <paramref name="t"/>, or -1.</summary>
    /// <param name="iso3">Refinery site.</param>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int Ship(string iso3, string bloc, int t) => _ship.GetValueOrDefault((iso3, bloc, t), -1);

    /// <summary>The other-route flow from a site to a bloc in period <paramref name="t"/>, or -1.</summary>
    /// <param name="iso3">Site with other-route output.</param>
    /// <param name="bloc">Bloc name.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int OtherRoute(string iso3, string bloc, int t) => _other.GetValueOrDefault((iso3, bloc, t), -1);

    /// <summary>The trade rule that applies to what <paramref name="bloc"/> takes from <paramref name="supplier"/> at a stage (see <see cref="WorldModel.RuleFor"/>).</summary>
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

    internal IReadOnlyDictionary<string, int> PeriodMap(string kind, int t)
    {
        var source = kind switch
        {
            "mine" => _mine,
            "refined" => _refined,
            "secondary" => _secondary,
            "shortfall" => _shortfall,
            "recycled" => _recycled,
            "other_own" => _ownOther,
            "other_route" => _otherRouteRows,
            "demand" => _demandRows,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return source.Where(kv => kv.Key.Item2 == t).ToDictionary(kv => kv.Key.Item1, kv => kv.Value, StringComparer.Ordinal);
    }

    internal IReadOnlyDictionary<string, int> IntakeRowsOf(int t) =>
        _intakeRows.Where(kv => kv.Key.Item3 == t).ToDictionary(kv => $"{kv.Key.Item1},{(kv.Key.Item2 == TradeStage.Ore ? "ore" : "refined")}", kv => kv.Value, StringComparer.Ordinal);

    private string Key(string name, int t) => _yearInNames ? string.Create(CultureInfo.InvariantCulture, $"{name},{Network.Periods[t].Year}") : name;

    private static bool InRows(WorldSitePlan s, SupplyStage stage) => s.CapacityInRows || s.BuildOf(stage) is not null;

    private LinearModel Build(WorldPlanNetwork n)
    {
        var c = CultureInfo.InvariantCulture;
        _blocOf = n.Blocs.SelectMany(b => b.Members.Select(m => (m, b.Name))).ToDictionary(x => x.m, x => x.Name, StringComparer.Ordinal);
        string name = n.Periods.Count == 1 ? string.Create(c, $"world_{n.Commodity}_{n.Periods[0].Year}") : string.Create(c, $"world_{n.Commodity}_{n.Periods[0].Year}-{n.Periods[^1].Year}");
        int periods = n.Periods.Count;
        bool Has(WorldSitePlan s, SupplyStage stage) => (stage == SupplyStage.Mining ? s.MiningKt : s.RefiningKt).Any(v => v > 0) || s.PricesNewCapacity || InRows(s, stage);
        var mines = n.Sites.Where(s => Has(s, SupplyStage.Mining)).ToArray();
        var refineries = n.Sites.Where(s => Has(s, SupplyStage.Refining)).ToArray();
        var others = n.Sites.Where(s => s.OtherRouteKt.Any(v => v > 0) || s.PricesNewCapacity).ToArray();

        // Sized up front: the flows (every mine to every refinery, every refinery to every bloc) are most of the model, and
        // growing the arrays by doubling cost more than the build itself (measured: 9.9 MB allocated for a 24k-term plan).
        int blocs = n.Blocs.Count;
        int variablesPerPeriod = (mines.Length * refineries.Length) + ((refineries.Length + others.Length) * blocs) + (3 * (mines.Length + refineries.Length)) + (4 * blocs) + 4;
        int rowsPerPeriod = mines.Length + (4 * refineries.Length) + others.Length + (4 * blocs) + 4;
        var model = new LinearModel(name, variableCapacity: periods * variablesPerPeriod, rowCapacity: (periods * rowsPerPeriod) + (2 * mines.Length), termCapacity: 3 * periods * variablesPerPeriod);
        for (int t = 0; t < periods; t++)
        {
            BuildPeriod(model, n, t, mines, refineries, others);
        }

        BuildCapacity(model, n, mines, refineries);
        BuildBlocsOverTime(model, n);
        foreach (var s in mines.Where(s => s.ExtractionLimitKt is not null))
        {
            int row = model.AddRow(double.NegativeInfinity, s.ExtractionLimitKt!.Value, $"reserves[{s.Iso3}]");
            for (int t = 0; t < periods; t++)
            {
                model.AddTerm(row, _mine[(s.Iso3, t)], n.Periods[t].LengthYears);
            }

            _extractionRows[s.Iso3] = row;
        }

        foreach (var s in mines.Where(s => s.MaxNewMiningKt is not null))
        {
            int row = model.AddRow(double.NegativeInfinity, s.MaxNewMiningKt!.Value, $"new_mining_limit[{s.Iso3}]");
            for (int t = 0; t < periods; t++)
            {
                if (_build.TryGetValue((s.Iso3, SupplyStage.Mining, t), out int b))
                {
                    model.AddTerm(row, b, 1);
                }
            }

            _newMiningRows[s.Iso3] = row;
        }

        return model;
    }

    private void BuildPeriod(LinearModel model, WorldPlanNetwork n, int t, WorldSitePlan[] mines, WorldSitePlan[] refineries, WorldSitePlan[] others)
    {
        const double Inf = double.PositiveInfinity;
        double length = n.Periods[t].LengthYears;
        foreach (var s in mines)
        {
            int v = model.AddVariable(0, InRows(s, SupplyStage.Mining) ? Inf : s.MiningKt[t], 0, name: $"mine[{Key(s.Iso3, t)}]");
            _mine[(s.Iso3, t)] = v;
            _costs.Add((v, s.MiningCostPerKt * length));
        }

        foreach (var s in refineries)
        {
            bool rows = InRows(s, SupplyStage.Refining);
            int v = model.AddVariable(0, rows ? Inf : s.RefiningKt[t], 0, name: $"refined[{Key(s.Iso3, t)}]");
            _refined[(s.Iso3, t)] = v;
            _costs.Add((v, s.RefiningCostPerKt * length));
            _secondary[(s.Iso3, t)] = model.AddVariable(0, rows && n.SecondaryFeedShare > 0 ? Inf : n.SecondaryFeedShare * s.RefiningKt[t], 0, name: $"secondary[{Key(s.Iso3, t)}]");
        }

        // Ore: every mine to every refinery; mass balance at both ends.
        var periodOre = new List<WorldFlowVariable>();
        _periodOre.Add(periodOre);
        foreach (var r in refineries)
        {
            _oreInto[(r.Iso3, t)] = [];
        }

        foreach (var m in mines)
        {
            int balance = model.AddRow(0, 0, $"mine_balance[{Key(m.Iso3, t)}]");
            model.AddTerm(balance, _mine[(m.Iso3, t)], -1);
            var from = _oreFrom[(m.Iso3, t)] = [];
            foreach (var r in refineries)
            {
                int v = model.AddVariable(0, Inf, 0, name: $"ore[{Key($"{m.Iso3},{r.Iso3}", t)}]");
                model.AddTerm(balance, v, 1);
                var flow = new WorldFlowVariable(m.Iso3, r.Iso3, TradeStage.Ore, v) { Period = t };
                _flows.Add(flow);
                periodOre.Add(flow);
                from.Add(flow);
                _oreInto[(r.Iso3, t)].Add(flow);
                if (RuleFor(m.Iso3, _blocOf[r.Iso3], TradeStage.Ore) is { CostPerKt: > 0 } rule)
                {
                    _costs.Add((v, rule.CostPerKt * length));
                }
            }
        }

        foreach (var r in refineries)
        {
            int balance = model.AddRow(0, 0, $"refinery_balance[{Key(r.Iso3, t)}]");
            model.AddTerm(balance, _refined[(r.Iso3, t)], 1);
            foreach (var flow in _oreInto[(r.Iso3, t)])
            {
                model.AddTerm(balance, flow.Variable, -1);
            }

            model.AddTerm(balance, _secondary[(r.Iso3, t)], -1);
        }

        // Refined and other-route output to the blocs' demand.
        var intoBloc = n.Blocs.ToDictionary(b => b.Name, _ => new List<WorldFlowVariable>(), StringComparer.Ordinal);
        foreach (var r in refineries)
        {
            int balance = model.AddRow(0, 0, $"ship_balance[{Key(r.Iso3, t)}]");
            model.AddTerm(balance, _refined[(r.Iso3, t)], -1);
            foreach (var b in n.Blocs)
            {
                int v = model.AddVariable(0, Inf, 0, name: $"ship[{Key($"{r.Iso3},{b.Name}", t)}]");
                model.AddTerm(balance, v, 1);
                var flow = new WorldFlowVariable(r.Iso3, b.Name, TradeStage.Refined, v) { Period = t };
                _flows.Add(flow);
                _ship[(r.Iso3, b.Name, t)] = v;
                intoBloc[b.Name].Add(flow);
            }
        }

        foreach (var s in others)
        {
            int row = model.AddRow(double.NegativeInfinity, s.OtherRouteKtAt(t), $"other_route[{Key(s.Iso3, t)}]");
            _otherRouteRows[(s.Iso3, t)] = row;
            foreach (var b in n.Blocs)
            {
                int v = model.AddVariable(0, Inf, 0, name: $"other[{Key($"{s.Iso3},{b.Name}", t)}]");
                model.AddTerm(row, v, 1);
                var flow = new WorldFlowVariable(s.Iso3, b.Name, TradeStage.Refined, v, IsOtherRoute: true) { Period = t };
                _flows.Add(flow);
                _other[(s.Iso3, b.Name, t)] = v;
                intoBloc[b.Name].Add(flow);
            }
        }

        foreach (var b in n.Blocs)
        {
            bool lagged = b.RecyclingCollectionRate > 0 && t >= b.RecyclingLagPeriods;
            int recycled = model.AddVariable(0, lagged ? Inf : b.RecycledKtAt(t), 0, name: $"recycled[{Key(b.Name, t)}]");
            int ownOther = model.AddVariable(0, b.OtherRouteKtAt(t), 0, name: $"other_own[{Key(b.Name, t)}]");
            int shortfall = model.AddVariable(0, Inf, 0, name: $"shortfall[{Key(b.Name, t)}]");
            (_recycled[(b.Name, t)], _ownOther[(b.Name, t)], _shortfall[(b.Name, t)]) = (recycled, ownOther, shortfall);
            int demand = model.AddRow(b.DemandKt[t], b.DemandKt[t], $"demand[{Key(b.Name, t)}]");
            _demandRows[(b.Name, t)] = demand;
            model.AddTerm(demand, recycled, 1);
            model.AddTerm(demand, ownOther, 1);
            model.AddTerm(demand, shortfall, 1);
            foreach (var flow in intoBloc[b.Name])
            {
                model.AddTerm(demand, flow.Variable, 1);
                if (RuleFor(flow.From, b.Name, TradeStage.Refined) is { CostPerKt: > 0 } rule)
                {
                    _costs.Add((flow.Variable, rule.CostPerKt * length));
                }
            }
        }

        AddTradeCaps(model, n, t, mines, intoBloc);
        AddIntakeRules(model, n, t, intoBloc);
    }

    private void AddTradeCaps(LinearModel model, WorldPlanNetwork n, int t, WorldSitePlan[] mines, Dictionary<string, List<WorldFlowVariable>> intoBloc)
    {
        foreach (var b in n.Blocs)
        {
            foreach (var m in mines)
            {
                if (RuleFor(m.Iso3, b.Name, TradeStage.Ore) is { MaxShareOfOutput: < 1 } rule)
                {
                    // Σ_{r ∈ b} ore[m,r] ≤ share·mine[m]
                    int row = model.AddRow(double.NegativeInfinity, 0, $"trade_cap[{Key($"{m.Iso3},{b.Name},ore", t)}]");
                    model.AddTerm(row, _mine[(m.Iso3, t)], -rule.MaxShareOfOutput);
                    foreach (var flow in _oreFrom[(m.Iso3, t)].Where(f => _blocOf[f.To] == b.Name))
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
                double upper = flow.IsOtherRoute ? rule.MaxShareOfOutput * n.Sites.First(s => s.Iso3 == flow.From).OtherRouteKtAt(t) : 0;
                int row = model.AddRow(double.NegativeInfinity, upper, $"trade_cap[{Key($"{flow.From},{b.Name},{suffix}", t)}]");
                model.AddTerm(row, flow.Variable, 1);
                if (!flow.IsOtherRoute)
                {
                    model.AddTerm(row, _refined[(flow.From, t)], -rule.MaxShareOfOutput);
                }
            }
        }
    }

    private void AddIntakeRules(LinearModel model, WorldPlanNetwork n, int t, Dictionary<string, List<WorldFlowVariable>> intoBloc)
    {
        foreach (var rule in n.IntakeRules)
        {
            var bloc = n.Blocs.First(b => b.Name == rule.Bloc);
            if (rule.Stage == TradeStage.Refined)
            {
                // Σ_{r ∉ b} ship[r,b] ≤ α·D_b
                int row = model.AddRow(double.NegativeInfinity, rule.MaxShareFromOutside * bloc.DemandKt[t], $"intake[{Key($"{bloc.Name},refined", t)}]");
                _intakeRows[(bloc.Name, TradeStage.Refined, t)] = row;
                foreach (var flow in intoBloc[bloc.Name].Where(f => _blocOf[f.From] != bloc.Name))
                {
                    model.AddTerm(row, flow.Variable, 1);
                }
            }
            else
            {
                // Σ_{c ∉ b, r ∈ b} ore[c,r] ≤ α·Σ_{r ∈ b} ore[c,r]
                int row = model.AddRow(double.NegativeInfinity, 0, $"intake[{Key($"{bloc.Name},ore", t)}]");
                _intakeRows[(bloc.Name, TradeStage.Ore, t)] = row;
                foreach (var flow in _periodOre[t].Where(f => _blocOf[f.To] == bloc.Name))
                {
                    bool outside = _blocOf[flow.From] != bloc.Name;
                    model.AddTerm(row, flow.Variable, (outside ? 1 : 0) - rule.MaxShareFromOutside);
                }
            }
        }
    }

    private void BuildCapacity(LinearModel model, WorldPlanNetwork n, WorldSitePlan[] mines, WorldSitePlan[] refineries)
    {
        foreach (var (stage, sites) in new[] { (SupplyStage.Mining, mines), (SupplyStage.Refining, refineries) })
        {
            string stageName = stage == SupplyStage.Mining ? "mining" : "refining";
            foreach (var s in sites.Where(s => InRows(s, stage)))
            {
                var build = s.BuildOf(stage);
                var built = new List<int>();
                for (int t = 0; t < n.Periods.Count; t++)
                {
                    string key = Key($"{s.Iso3},{stageName}", t);
                    if (build is not null && t >= build.FirstPeriod)
                    {
                        var (b, growth) = AddBuild(model, n, build, key, t, s.CapacityKt(stage, t - 1), built);
                        _build[(s.Iso3, stage, t)] = b;
                        if (growth is { } row)
                        {
                            _growthRows.Add(new WorldGrowthRow(s.Iso3, stage, t, row, b, build.MaxGrowthRatePerYear!.Value * (n.Periods[t].Year - n.Periods[t - 1].Year)));
                        }
                    }

                    int capacity = model.AddRow(double.NegativeInfinity, s.CapacityKt(stage, t), $"capacity[{key}]");
                    model.AddTerm(capacity, Output(s.Iso3, stage, t), 1);
                    foreach (int b in built)
                    {
                        model.AddTerm(capacity, b, -1);
                    }

                    _capacityRows[(s.Iso3, stage, t)] = capacity;
                    if (stage == SupplyStage.Refining && n.SecondaryFeedShare > 0)
                    {
                        double sigma = n.SecondaryFeedShare;
                        int row = model.AddRow(double.NegativeInfinity, sigma * s.CapacityKt(stage, t), $"secondary_cap[{Key(s.Iso3, t)}]");
                        model.AddTerm(row, _secondary[(s.Iso3, t)], 1);
                        foreach (int b in built)
                        {
                            model.AddTerm(row, b, -sigma);
                        }

                        _secondaryRows[(s.Iso3, t)] = row;
                    }
                }
            }
        }
    }

    /// <summary>
    /// A build variable of period <paramref name="t"/> at its capital cost, with its growth row
    /// <c>build_t ≤ g·Δy·(capacity_{t−1} + Σ earlier builds) + start·Δy</c> where the build has a growth limit; added to <paramref name="built"/>.
    /// </summary>
    private (int Variable, int? GrowthRow) AddBuild(LinearModel model, WorldPlanNetwork n, CapacityBuild build, string key, int t, double previousCapacityKt, List<int> built)
    {
        int b = model.AddVariable(0, double.PositiveInfinity, 0, name: $"build[{key}]");
        _costs.Add((b, build.CapitalCostPerKt));
        int? growth = null;
        if (build.MaxGrowthRatePerYear is { } g)
        {
            double dy = n.Periods[t].Year - n.Periods[t - 1].Year;
            int row = model.AddRow(double.NegativeInfinity, (g * dy * previousCapacityKt) + (build.StartKtPerYear * dy), $"growth[{key}]");
            model.AddTerm(row, b, 1);
            foreach (int previous in built)
            {
                model.AddTerm(row, previous, -g * dy);
            }

            growth = row;
        }

        built.Add(b);
        return (b, growth);
    }

    private void BuildBlocsOverTime(LinearModel model, WorldPlanNetwork n)
    {
        foreach (var b in n.Blocs)
        {
            if (b.RecyclingPlants is { } plants)
            {
                // recycled_t ≤ plants in place_t + Σ_{k≤t} recycling build_k
                var built = new List<int>();
                for (int t = 0; t < n.Periods.Count; t++)
                {
                    string key = Key($"{b.Name},recycling", t);
                    if (plants.Build is { } build && t >= build.FirstPeriod)
                    {
                        _recyclingBuild[(b.Name, t)] = AddBuild(model, n, build, key, t, plants.CapacityKtAt(t - 1), built).Variable;
                    }

                    int row = model.AddRow(double.NegativeInfinity, plants.CapacityKtAt(t), $"recycling_capacity[{Key(b.Name, t)}]");
                    model.AddTerm(row, _recycled[(b.Name, t)], 1);
                    foreach (int v in built)
                    {
                        model.AddTerm(row, v, -1);
                    }

                    _recyclingCapacityRows[(b.Name, t)] = row;
                }
            }

            for (int t = b.RecyclingCollectionRate > 0 ? b.RecyclingLagPeriods : n.Periods.Count; t < n.Periods.Count; t++)
            {
                // recycled_t ≤ Rec_t + ρ·(D_{t−lag} − shortfall_{t−lag})
                int source = t - b.RecyclingLagPeriods;
                double rho = b.RecyclingCollectionRate;
                int row = model.AddRow(double.NegativeInfinity, b.RecycledKtAt(t) + (rho * b.DemandKt[source]), $"recycling[{Key(b.Name, t)}]");
                model.AddTerm(row, _recycled[(b.Name, t)], 1);
                model.AddTerm(row, _shortfall[(b.Name, source)], rho);
            }

            if (b.Stockpile is not { } stockpile)
            {
                continue;
            }

            for (int t = 0; t < n.Periods.Count; t++)
            {
                double length = n.Periods[t].LengthYears;
                int stock = model.AddVariable(0, stockpile.MaxKt, 0, name: $"stock[{Key(b.Name, t)}]");
                int stockIn = model.AddVariable(0, double.PositiveInfinity, 0, name: $"stock_in[{Key(b.Name, t)}]");
                int release = model.AddVariable(0, stockpile.MaxReleasePerYearKt, 0, name: $"release[{Key(b.Name, t)}]");
                (_stock[(b.Name, t)], _stockIn[(b.Name, t)], _release[(b.Name, t)]) = (stock, stockIn, release);
                _costs.Add((stock, stockpile.HoldingCostPerKtYear * length));
                double initial = t == 0 ? stockpile.InitialKt : 0;
                int balance = model.AddRow(initial, initial, $"stock_balance[{Key(b.Name, t)}]");
                model.AddTerm(balance, stock, 1);
                if (t > 0)
                {
                    model.AddTerm(balance, _stock[(b.Name, t - 1)], -1);
                }

                model.AddTerm(balance, stockIn, -length);
                model.AddTerm(balance, release, length);
                model.AddTerm(_demandRows[(b.Name, t)], release, 1);
                model.AddTerm(_demandRows[(b.Name, t)], stockIn, -1);
            }
        }
    }
}

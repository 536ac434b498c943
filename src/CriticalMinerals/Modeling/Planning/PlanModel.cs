using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.World;

namespace CriticalMinerals.Modeling.Planning;

/// <summary>
/// The multi-period build-out LP/MIP of a <see cref="PlanningProblem"/>: a view of the multi-period world model
/// (<see cref="WorldPlanModel"/>) with two blocs, the coalition (members and design candidates) with its demand, stock and
/// recycling, and the rest of the world, which sells to it and has no demand of its own. All flows are kt per year over a
/// period of <c>L_t</c> years; stocks are kt.
/// </summary>
/// <remarks>
/// <para>The world model's rows hold at every node in every period: each mine ships what it extracts (<c>mine_balance[c,t]</c>),
/// each refinery, member or not, refines only the ore it receives plus its scrap feed (<c>refinery_balance[r,t]</c>, scrap ≤ σ·capacity)
/// and ships what it refines (<c>ship_balance[r,t]</c>). So a non-member's refined sales need ore from somewhere: cutting a mine
/// country starves the refineries it fed, whoever they belong to. Members' capacity is in rows <c>capacity[s,stage,t]</c>:
/// output ≤ existing + pipeline + Σ_{k≤t} build + Σ online project sizes (candidates: ≤ join·capacity); <c>build[s,stage,t]</c>
/// from the first period the stage's lead time reaches (mining only where <see cref="PlanSite.NewMiningAllowed"/>) within
/// <c>growth[s,stage,t]</c>; <c>reserves[s]</c>: Σ_t L_t·mined ≤ the member's extraction limit; <c>new_mining_limit[s]</c>;
/// <c>stock_balance[coalition,t]</c>; <c>recycling[coalition,t]</c>: recycled_t ≤ ρ·(D_{t−lag} − shortfall_{t−lag});
/// <c>demand[coalition,t]</c>: refined shipped to it + recycled + release − stock_in + shortfall = D_t.</para>
/// <para>The plan's own variables: <c>out[s,stage,t]</c> of a non-member is what it sells the coalition (ore into members'
/// refineries, refined shipped to it; ≤ share·capacity, <c>sales[s,stage,t]</c> ties it to the world's flows); a member's output
/// is the world's <c>mine</c>/<c>refined</c> variable; per project <c>j</c> a binary <c>y_j</c> and a size <c>x_j</c> with
/// <c>min·y_j ≤ x_j ≤ max·y_j</c>, capacity from the first period starting at or after decision year + lead time;
/// <c>secondary[coalition,t]</c>, the members' scrap feed; and the rows of the policy rules, named <c>{RowGroup}:…</c>.</para>
/// <para>Objective, lexicographic (see <see cref="PlanSolver"/>): first minimise Σ_t L_t·shortfall_t (kt); then, with that
/// held within a tolerance, Σ penalty·violation of soft rules; then cost: capital per kt of build, project costs,
/// non-member purchases and tariffs (per kt-year), stock holding. A soft rule thus never costs supply: it is missed
/// (and reported) rather than met with a shortfall; a hard rule is met, with a shortfall if need be.</para>
/// <para>Coalition design: a candidate site gets a binary <c>join[s]</c>; its output at each stage is ≤ join·capacity.</para>
/// </remarks>
public sealed class PlanModel
{
    private readonly Dictionary<(string, SupplyStage, int), int> _output = [];
    private readonly Dictionary<(string, SupplyStage, int), int> _build = [];
    private readonly Dictionary<string, int> _join = new(StringComparer.Ordinal);
    private readonly List<ProjectVariables> _projects = [];
    private readonly List<RuleRow> _ruleRows = [];
    private readonly List<ViolationVariable> _violations = [];
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, int> _reserveRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _newMiningRows = new(StringComparer.Ordinal);
    private readonly List<GrowthRow> _growthRows = [];
    private double[] _shortfallObjective = [];
    private double[] _violationObjective = [];
    private double[] _costObjective = [];
    private double[] _tieBreak = [];

    /// <summary>
    /// Weight of the tie-breaks added to the cost stage: per kt-year bought from non-members, per kt-year held in stock, and
    /// ten times it per kt of continuous build per period left (earlier build weighs more than any purchase). Not a price (no source gives
    /// one): among plans of equal shortfall, violations and cost it prefers members' own supply, stocking no more than
    /// needed and building when needed (without discounting, building early costs the same). Reported costs exclude it.
    /// </summary>
    public const double TieBreakWeight = 1e-6;

    private PlanModel(PlanningProblem problem)
    {
        Problem = problem;
        World = WorldPlanModel.Create(ToWorld(problem));
        Model = World.Model;
        _notes.AddRange(problem.Notes);
    }

    /// <summary>Name of the coalition's bloc in the world model (members and design candidates).</summary>
    public const string CoalitionBloc = "coalition";

    /// <summary>Name of the bloc of every non-member: it sells to the coalition and has no demand of its own.</summary>
    public const string RestBloc = "rest";

    /// <summary>The multi-period world model this plan is a view of.</summary>
    public WorldPlanModel World { get; }

    /// <summary>The problem this model states.</summary>
    public PlanningProblem Problem { get; }

    /// <summary>The LP/MIP (objective left at zero: the two stages' objectives are <see cref="ShortfallObjective"/> and <see cref="CostObjective"/>).</summary>
    public LinearModel Model { get; }

    /// <summary>Coefficients of the first stage: kt-years of shortfall.</summary>
    public IReadOnlyList<double> ShortfallObjective => _shortfallObjective;

    /// <summary>Coefficients of the second stage: penalised violations of soft rules.</summary>
    public IReadOnlyList<double> ViolationObjective => _violationObjective;

    /// <summary>Coefficients of the second stage: cost.</summary>
    public IReadOnlyList<double> CostObjective => _costObjective;

    /// <summary>Tie-break coefficients added to <see cref="CostObjective"/> when the cost stage is solved (see <see cref="TieBreakWeight"/>).</summary>
    public IReadOnlyList<double> TieBreakObjective => _tieBreak;

    /// <summary>Shortfall variable per period.</summary>
    public IReadOnlyList<int> ShortfallVariables { get; private set; } = [];

    /// <summary>Recycled supply variable per period.</summary>
    public IReadOnlyList<int> RecycledVariables { get; private set; } = [];

    /// <summary>Secondary (scrap) feed variable per period.</summary>
    public IReadOnlyList<int> SecondaryVariables { get; private set; } = [];

    /// <summary>End-of-period stock per period (empty without a stockpile).</summary>
    public IReadOnlyList<int> StockVariables { get; private set; } = [];

    /// <summary>Stock additions per period, kt per year (empty without a stockpile).</summary>
    public IReadOnlyList<int> StockInVariables { get; private set; } = [];

    /// <summary>Stock releases per period, kt per year (empty without a stockpile).</summary>
    public IReadOnlyList<int> ReleaseVariables { get; private set; } = [];

    /// <summary>Demand row per period.</summary>
    public IReadOnlyList<int> DemandRows { get; private set; } = [];

    /// <summary>Reserve row per member with known reserves.</summary>
    public IReadOnlyDictionary<string, int> ReserveRows => _reserveRows;

    /// <summary>Row bounding the new mining of each member with <see cref="PlanSite.MaxNewMiningKt"/>.</summary>
    public IReadOnlyDictionary<string, int> NewMiningRows => _newMiningRows;

    /// <summary>Growth rows of continuous build (one per member, stage and period with a build variable and a growth limit).</summary>
    public IReadOnlyList<GrowthRow> GrowthRows => _growthRows;

    /// <summary>Project variables, in the order of <see cref="PlanningProblem.Projects"/>.</summary>
    public IReadOnlyList<ProjectVariables> Projects => _projects;

    /// <summary>Join decision per candidate site (coalition design).</summary>
    public IReadOnlyDictionary<string, int> JoinVariables => _join;

    /// <summary>Rows added by policy rules.</summary>
    public IReadOnlyList<RuleRow> RuleRows => _ruleRows;

    /// <summary>Violation variables of soft rules.</summary>
    public IReadOnlyList<ViolationVariable> Violations => _violations;

    /// <summary>Notes collected while building (data gaps, rules not applied).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Builds the model of a problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">A field of the problem is out of range (the message names it).</exception>
    public static PlanModel Create(PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        problem.Validate();
        var plan = new PlanModel(problem);
        plan.Build();
        return plan;
    }

    /// <summary>The output variable of a site, stage and period, or -1.</summary>
    /// <param name="iso3">Site code.</param>
    /// <param name="stage">Stage.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int OutputVariable(string iso3, SupplyStage stage, int t) => _output.TryGetValue((iso3, stage, t), out int v) ? v : -1;

    /// <summary>The continuous build variable of a member, stage and period, or -1.</summary>
    /// <param name="iso3">Site code.</param>
    /// <param name="stage">Stage.</param>
    /// <param name="t">Period index.</param>
    /// <returns>Variable index or -1.</returns>
    public int BuildVariable(string iso3, SupplyStage stage, int t) => _build.TryGetValue((iso3, stage, t), out int v) ? v : -1;

    /// <summary>Constant and new-build terms of the capacity available to the coalition at a site, stage and period.</summary>
    /// <param name="iso3">Site code.</param>
    /// <param name="stage">Stage.</param>
    /// <param name="t">Period index.</param>
    /// <returns>The expression.</returns>
    public (double Constant, IReadOnlyList<(int Variable, double Coefficient)> Terms) CapacityExpression(string iso3, SupplyStage stage, int t)
    {
        var site = Problem.Sites.FirstOrDefault(s => s.Iso3 == iso3) ?? throw new ArgumentException($"Unknown site '{iso3}'.", nameof(iso3));
        double baseKt = site.Path(stage).BaseKt(t);
        if (site.IsCandidate)
        {
            return (0, [(_join[iso3], baseKt)]);
        }

        if (!site.IsMember)
        {
            return (Problem.NonMemberCapacityShare * baseKt, []);
        }

        var terms = new List<(int, double)>();
        for (int k = 0; k <= t; k++)
        {
            if (_build.TryGetValue((iso3, stage, k), out int b))
            {
                terms.Add((b, 1));
            }
        }

        foreach (var p in _projects.Where(p => p.Project.Iso3 == iso3 && p.Project.Stage == stage && p.FirstPeriod is { } first && first <= t))
        {
            terms.Add((p.Size, 1));
        }

        return (baseKt, terms);
    }

    /// <summary>
    /// The first period in which continuous build of a stage may add capacity: the first period after the first whose year is
    /// at least the first period's year plus the stage's lead time; <see langword="null"/> without continuous build or when the
    /// lead time ends after the horizon.
    /// </summary>
    /// <param name="stage">Mining or refining.</param>
    /// <returns>Period index or <see langword="null"/>.</returns>
    public int? FirstBuildPeriod(SupplyStage stage) => FirstBuildPeriod(Problem, stage);

    private static int? FirstBuildPeriod(PlanningProblem p, SupplyStage stage)
    {
        if (!p.Build.AllowContinuousBuild)
        {
            return null;
        }

        return FirstPeriodOnline(p, p.Build.Limits(stage).LeadTimeYears);
    }

    /// <summary>The first period after the observed one that starts at or after the first year plus a lead time, or <see langword="null"/> beyond the horizon.</summary>
    private static int? FirstPeriodOnline(PlanningProblem p, double leadTimeYears)
    {
        double online = p.Periods[0].Year + leadTimeYears;
        for (int t = 1; t < p.Periods.Count; t++)
        {
            if (p.Periods[t].Year >= online - 1e-9)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>
    /// Tie-break factor in [0, 1) per member and stage: among builds of equal cost the plan prefers, for mining, the largest
    /// extraction limit, then the largest existing mine; for refining, the largest refinery, then the largest mine at home. Equal
    /// keys get equal factors (never the order of the codes).
    /// </summary>
    private static Dictionary<(string, SupplyStage), double> BuildPreferences(IReadOnlyList<PlanSite> members)
    {
        var result = new Dictionary<(string, SupplyStage), double>();
        foreach (var stage in new[] { SupplyStage.Mining, SupplyStage.Refining })
        {
            (double, double) Key(PlanSite s) => stage == SupplyStage.Mining
                ? (s.ReservesKt ?? double.MaxValue, s.Mining.BaseKt(0))
                : (s.Refining.BaseKt(0), s.Mining.BaseKt(0));
            var keys = members.Select(Key).Distinct().OrderByDescending(k => k.Item1).ThenByDescending(k => k.Item2).ToList();
            foreach (var site in members)
            {
                result[(site.Iso3, stage)] = keys.Count > 1 ? (double)keys.IndexOf(Key(site)) / keys.Count : 0;
            }
        }

        return result;
    }

    internal void RegisterRuleRow(int row, IPolicyRule rule, int period) => _ruleRows.Add(new RuleRow(row, rule.Name, rule.RowGroup, rule.Mode, period));

    internal void RegisterViolation(int variable, IPolicyRule rule, int period, string detail, double penalty)
    {
        _violations.Add(new ViolationVariable(variable, rule.Name, rule.RowGroup, period, detail));
        Grow();
        _violationObjective[variable] += penalty;
    }

    internal void AddCost(int variable, double cost)
    {
        Grow();
        _costObjective[variable] += cost;
    }

    internal void AddNote(string note) => _notes.Add(note);

    private void Grow()
    {
        if (_shortfallObjective.Length < Model.VariableCount)
        {
            int size = Math.Max(Model.VariableCount, 2 * _shortfallObjective.Length);
            Array.Resize(ref _shortfallObjective, size);
            Array.Resize(ref _violationObjective, size);
            Array.Resize(ref _costObjective, size);
            Array.Resize(ref _tieBreak, size);
        }
    }

    private void Build()
    {
        var p = Problem;
        var m = Model;
        int n = p.Periods.Count;
        var stages = new[] { SupplyStage.Mining, SupplyStage.Refining };
        var members = p.Sites.Where(s => s.IsMember).ToArray();
        string Y(int t) => p.Periods[t].Year.ToString(CultureInfo.InvariantCulture);

        // The world over the periods: every mine and refinery, member or not, balances ore in every period.
        var world = World;
        Grow();
        for (int v = 0; v < world.CostCoefficients.Count; v++)
        {
            _costObjective[v] += world.CostCoefficients[v];
        }

        foreach (var site in p.Sites.Where(s => s.IsCandidate))
        {
            _join[site.Iso3] = m.AddVariable(0, 1, 0, isInteger: true, name: $"join[{site.Iso3}]");
        }

        var preference = BuildPreferences(members);
        AddProjects();

        var secondary = new int[n];
        for (int t = 0; t < n; t++)
        {
            var period = p.Periods[t];
            foreach (var site in p.Sites)
            {
                foreach (var stage in stages)
                {
                    string key = $"{site.Iso3},{stage},{Y(t)}";
                    double baseKt = site.Path(stage).BaseKt(t);
                    if (site.IsMember || site.IsCandidate)
                    {
                        _output[(site.Iso3, stage, t)] = world.Output(site.Iso3, stage, t);
                        if (world.Build(site.Iso3, stage, t) is >= 0 and var b)
                        {
                            _build[(site.Iso3, stage, t)] = b;
                            Grow();
                            _tieBreak[b] = 10 * TieBreakWeight * (n - t) * (1 + preference[(site.Iso3, stage)]);
                        }

                        AddOwnCapacity(site, stage, t, baseKt);
                        continue;
                    }

                    // What a non-member sells the coalition: ore into members' refineries, refined (and other-route) output shipped to it.
                    double otherKt = stage == SupplyStage.Refining && site.Iso3 == PlanningProblem.UnattributedSite ? OtherRouteKt(t) : 0;
                    int v = m.AddVariable(0, p.NonMemberCapacityShare * (baseKt + otherKt), 0, name: $"out[{key}]");
                    _output[(site.Iso3, stage, t)] = v;
                    AddCost(v, p.NonMemberCostPerKt * period.LengthYears);
                    _tieBreak[v] = TieBreakWeight * period.LengthYears;
                    int sales = m.AddRow(0, 0, $"sales[{key}]");
                    m.AddTerm(sales, v, 1);
                    if (stage == SupplyStage.Refining)
                    {
                        foreach (int flow in new[] { world.Ship(site.Iso3, CoalitionBloc, t), world.OtherRoute(site.Iso3, CoalitionBloc, t) }.Where(f => f >= 0))
                        {
                            m.AddTerm(sales, flow, -1);
                        }
                    }
                    else
                    {
                        foreach (var flow in world.OreFrom(site.Iso3, t).Where(f => world.BlocOfSite[f.To] == CoalitionBloc))
                        {
                            m.AddTerm(sales, flow.Variable, -1);
                        }
                    }
                }
            }

            // The members' scrap feed, for reports and rules.
            secondary[t] = m.AddVariable(0, double.PositiveInfinity, 0, name: $"secondary[{CoalitionBloc},{Y(t)}]");
            int total = m.AddRow(0, 0, $"secondary_total[{CoalitionBloc},{Y(t)}]");
            m.AddTerm(total, secondary[t], 1);
            foreach (var site in p.Sites.Where(s => s.IsMember || s.IsCandidate))
            {
                if (world.Secondary(site.Iso3, t) is >= 0 and var feed)
                {
                    m.AddTerm(total, feed, -1);
                }
            }

            Grow();
            _shortfallObjective[world.Shortfall(CoalitionBloc, t)] = period.LengthYears;
        }

        ShortfallVariables = Enumerable.Range(0, n).Select(t => world.Shortfall(CoalitionBloc, t)).ToArray();
        RecycledVariables = Enumerable.Range(0, n).Select(t => world.Recycled(CoalitionBloc, t)).ToArray();
        SecondaryVariables = secondary;
        DemandRows = Enumerable.Range(0, n).Select(t => world.DemandRow(CoalitionBloc, t)).ToArray();
        if (p.Stockpile.Enabled)
        {
            StockVariables = Enumerable.Range(0, n).Select(t => world.Stock(CoalitionBloc, t)).ToArray();
            StockInVariables = Enumerable.Range(0, n).Select(t => world.StockIn(CoalitionBloc, t)).ToArray();
            ReleaseVariables = Enumerable.Range(0, n).Select(t => world.Release(CoalitionBloc, t)).ToArray();
            Grow();
            for (int t = 0; t < n; t++)
            {
                _tieBreak[StockVariables[t]] = TieBreakWeight * p.Periods[t].LengthYears;
            }
        }

        foreach (var (iso3, row) in world.ExtractionRows)
        {
            _reserveRows[iso3] = row;
        }

        foreach (var (iso3, row) in world.NewMiningRows)
        {
            _newMiningRows[iso3] = row;
            foreach (var project in _projects.Where(x => x.Project.Iso3 == iso3 && x.Project.Stage == SupplyStage.Mining && x.FirstPeriod is not null))
            {
                m.AddTerm(row, project.Size, 1);
            }
        }

        foreach (var growth in world.GrowthRows)
        {
            _growthRows.Add(new GrowthRow(growth.Iso3, growth.Stage, growth.Period, growth.Row, growth.BuildVariable));
            foreach (var project in OnlineProjects(growth.Iso3, growth.Stage, growth.Period - 1))
            {
                m.AddTerm(growth.Row, project.Size, -growth.GrowthTimesYears);
            }
        }

        foreach (var site in p.Sites.Where(s => s.IsCandidate))
        {
            AddCost(_join[site.Iso3], site.JoinCost);
        }

        var context = new PlanBuildContext(this);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in p.Rules)
        {
            if (!groups.Add(rule.RowGroup))
            {
                throw new ArgumentException($"Two rules share the row group '{rule.RowGroup}'; give each rule its own.");
            }

            rule.Apply(context);
        }

        Grow();
        Array.Resize(ref _shortfallObjective, m.VariableCount);
        Array.Resize(ref _violationObjective, m.VariableCount);
        Array.Resize(ref _costObjective, m.VariableCount);
        Array.Resize(ref _tieBreak, m.VariableCount);
    }

    private double OtherRouteKt(int t) => t < Problem.UnattributedOtherRouteKt.Count ? Problem.UnattributedOtherRouteKt[t] : 0;

    private IEnumerable<ProjectVariables> OnlineProjects(string iso3, SupplyStage stage, int t) =>
        _projects.Where(x => x.Project.Iso3 == iso3 && x.Project.Stage == stage && x.FirstPeriod is { } first && first <= t);

    /// <summary>Projects and join decisions in a member's (or candidate's) capacity rows: <c>output ≤ capacity + Σ build + Σ online size</c>, candidates <c>output ≤ join·capacity</c>.</summary>
    private void AddOwnCapacity(PlanSite site, SupplyStage stage, int t, double baseKt)
    {
        var m = Model;
        int capacity = World.CapacityRow(site.Iso3, stage, t);
        int scrap = stage == SupplyStage.Refining ? World.SecondaryCapacityRow(site.Iso3, t) : -1;
        double sigma = Problem.SecondaryFeedShare;
        if (site.IsCandidate)
        {
            m.SetRowBounds(capacity, double.NegativeInfinity, 0);
            m.AddTerm(capacity, _join[site.Iso3], -baseKt);
            if (scrap >= 0)
            {
                m.SetRowBounds(scrap, double.NegativeInfinity, 0);
                m.AddTerm(scrap, _join[site.Iso3], -sigma * baseKt);
            }

            return;
        }

        foreach (var project in OnlineProjects(site.Iso3, stage, t))
        {
            m.AddTerm(capacity, project.Size, -1);
            if (scrap >= 0)
            {
                m.AddTerm(scrap, project.Size, -sigma);
            }
        }
    }

    private void AddProjects()
    {
        const double Inf = double.PositiveInfinity;
        var p = Problem;
        var m = Model;
        foreach (var project in p.Projects)
        {
            int y = m.AddVariable(0, 1, 0, isInteger: true, name: $"build_{project.Name}");
            int x = m.AddVariable(0, project.MaxSizeKt, 0, name: $"size_{project.Name}");
            int lo = m.AddRow(0, Inf, $"project_min[{project.Name}]");
            m.AddTerm(lo, x, 1);
            m.AddTerm(lo, y, -project.MinSizeKt);
            int hi = m.AddRow(double.NegativeInfinity, 0, $"project_max[{project.Name}]");
            m.AddTerm(hi, x, 1);
            m.AddTerm(hi, y, -project.MaxSizeKt);
            double online = project.DecisionYear + project.LeadTimeYears;
            int? first = null;
            for (int t = 0; t < p.Periods.Count; t++)
            {
                if (p.Periods[t].Year >= online - 1e-9)
                {
                    first = t;
                    break;
                }
            }

            _projects.Add(new ProjectVariables(project, y, x, first));
            Grow();
            _costObjective[x] += project.CapitalCostPerKt;
            _costObjective[y] += project.FixedCost;
            if (first is null)
            {
                _notes.Add($"{project.Name} would produce from {online.ToString(CultureInfo.InvariantCulture)}, after the horizon: it adds no capacity.");
            }
        }
    }

    /// <summary>The coalition's recycling plants in the world network: capacity in place and new build from the lead time on.</summary>
    private static RecyclingPlants? RecyclingPlantsOf(PlanningProblem p)
    {
        if (p.Recycling.Plants is not { } plants)
        {
            return null;
        }

        var first = plants.AllowBuild ? FirstPeriodOnline(p, plants.Build.LeadTimeYears) : null;
        return new RecyclingPlants([plants.CapacityKt])
        {
            Build = first is { } f
                ? new CapacityBuild(f) { MaxGrowthRatePerYear = plants.Build.MaxGrowthRatePerYear, StartKtPerYear = plants.Build.StartKtPerYear ?? 0, CapitalCostPerKt = plants.CapitalCostPerKt }
                : null,
        };
    }

    /// <summary>
    /// The multi-period world network of a planning problem: the coalition (members and design candidates) with its demand,
    /// stock and recycling, and the rest of the world, which sells to it and has no demand of its own (as in the one-period
    /// coalition view). Members build under the problem's limits and extract within their limits; capacity of members and
    /// candidates is stated in rows so projects and join decisions can enter them.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The network.</returns>
    public static WorldPlanNetwork ToWorld(PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var p = problem;
        int n = p.Periods.Count;
        int? firstMining = FirstBuildPeriod(p, SupplyStage.Mining);
        int? firstRefining = FirstBuildPeriod(p, SupplyStage.Refining);
        CapacityBuild? BuildOf(PlanSite site, SupplyStage stage, int? first)
        {
            if (!site.IsMember || first is null || (stage == SupplyStage.Mining && !site.NewMiningAllowed))
            {
                return null;
            }

            double start = (stage == SupplyStage.Mining ? site.MiningStartKtPerYear : null) ?? p.Build.StartKtPerYear(stage);
            return new CapacityBuild(first.Value) { MaxGrowthRatePerYear = p.Build.GrowthRate(stage), StartKtPerYear = start, CapitalCostPerKt = p.Build.CapitalCostPerKt };
        }

        var sites = p.Sites.Select(site => new WorldSitePlan(
            site.Iso3,
            Enumerable.Range(0, n).Select(site.Mining.BaseKt).ToArray(),
            Enumerable.Range(0, n).Select(site.Refining.BaseKt).ToArray())
        {
            CapacityInRows = site.IsMember || site.IsCandidate,
            MiningBuild = BuildOf(site, SupplyStage.Mining, firstMining),
            RefiningBuild = BuildOf(site, SupplyStage.Refining, firstRefining),
            ExtractionLimitKt = site.IsMember ? site.ReservesKt : null,
            MaxNewMiningKt = site.IsMember ? site.MaxNewMiningKt : null,
        }).ToArray();
        if (p.UnattributedOtherRouteKt.Any(v => v > 0))
        {
            var other = Enumerable.Range(0, n).Select(t => t < p.UnattributedOtherRouteKt.Count ? p.UnattributedOtherRouteKt[t] : 0).ToArray();
            sites = sites.Any(s => s.Iso3 == PlanningProblem.UnattributedSite)
                ? sites.Select(s => s.Iso3 == PlanningProblem.UnattributedSite ? s with { OtherRouteKt = other } : s).ToArray()
                : [.. sites, new WorldSitePlan(PlanningProblem.UnattributedSite, new double[n], new double[n]) { OtherRouteKt = other }];
        }

        var stockpile = p.Stockpile.Enabled
            ? new BlocStockpile { InitialKt = p.Stockpile.InitialStockKt, MaxKt = p.Stockpile.MaxStockKt, MaxReleasePerYearKt = p.Stockpile.MaxReleasePerYearKt, HoldingCostPerKtYear = p.Stockpile.HoldingCostPerKtYear }
            : null;
        var coalition = new BlocPlan(CoalitionBloc, p.Sites.Where(s => s.IsMember || s.IsCandidate).Select(s => s.Iso3).ToArray(), p.Periods.Select(x => x.DemandKt).ToArray())
        {
            RecycledKt = p.Recycling.RecycledKt,
            RecyclingCollectionRate = p.Recycling.CollectionRate,
            RecyclingLagPeriods = p.Recycling.LagPeriods,
            RecyclingPlants = RecyclingPlantsOf(p),
            Stockpile = stockpile,
        };
        var rest = new BlocPlan(RestBloc, sites.Select(s => s.Iso3).Except(coalition.Members, StringComparer.Ordinal).ToArray(), new double[n]);
        return new WorldPlanNetwork(p.Commodity, p.Periods.Select(x => new WorldPeriod(x.Year, x.LengthYears)).ToArray(), sites, [coalition, rest])
        {
            SecondaryFeedShare = p.SecondaryFeedShare,
        };
    }
}

/// <summary>The variables of one candidate project.</summary>
/// <param name="Project">The candidate.</param>
/// <param name="Build">Binary build decision.</param>
/// <param name="Size">Capacity built (kt per year).</param>
/// <param name="FirstPeriod">First period with output, or <see langword="null"/> if after the horizon.</param>
public sealed record ProjectVariables(ProjectCandidate Project, int Build, int Size, int? FirstPeriod);

/// <summary>A growth row: <c>build ≤ g·Δy·capacity of the previous period + start·Δy</c>.</summary>
/// <param name="Iso3">Member.</param>
/// <param name="Stage">Stage.</param>
/// <param name="Period">Period index of the build.</param>
/// <param name="Row">Row index.</param>
/// <param name="BuildVariable">The build variable it limits.</param>
public sealed record GrowthRow(string Iso3, SupplyStage Stage, int Period, int Row, int BuildVariable);

/// <summary>A row added by a policy rule.</summary>
/// <param name="Row">Row index.</param>
/// <param name="Rule">Rule name.</param>
/// <param name="RowGroup">Row group of the rule.</param>
/// <param name="Mode">Hard or soft.</param>
/// <param name="Period">Period index, or -1.</param>
public sealed record RuleRow(int Row, string Rule, string RowGroup, RuleMode Mode, int Period);

/// <summary>A violation variable of a soft rule.</summary>
/// <param name="Variable">Variable index.</param>
/// <param name="Rule">Rule name.</param>
/// <param name="RowGroup">Row group.</param>
/// <param name="Period">Period index, or -1.</param>
/// <param name="Detail">What the row is about.</param>
public sealed record ViolationVariable(int Variable, string Rule, string RowGroup, int Period, string Detail);

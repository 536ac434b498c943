using System.Globalization;
using CriticalMinerals.Data;

namespace CriticalMinerals.Modeling.Planning;

/// <summary>
/// The multi-period build-out LP/MIP of a <see cref="PlanningProblem"/>. All flows are kt per year over a period of
/// <c>L_t</c> years; stocks are kt.
/// </summary>
/// <remarks>
/// <para>Variables, per period <c>t</c>: <c>out[s,stage,t]</c> ≥ 0, the output of member <c>s</c> or what non-member <c>s</c>
/// sells the coalition (≤ share·capacity); <c>build[s,stage,t]</c> ≥ 0, continuous new capacity of a member from period
/// <c>t</c> ≥ 1 on; per project <c>j</c> a binary <c>y_j</c> and a size <c>x_j</c> with <c>min·y_j ≤ x_j ≤ max·y_j</c>, capacity
/// from the first period starting at or after decision year + lead time; <c>secondary[t]</c>, scrap feed of members'
/// refineries; <c>recycled[t]</c>; <c>stock[t]</c> (end of period), <c>stock_in[t]</c>, <c>release[t]</c>; <c>shortfall[t]</c>.</para>
/// <para>Rows: <c>capacity[s,stage,t]</c>: out ≤ existing + pipeline + Σ_{k≤t} build + Σ online x (members);
/// <c>ore_balance[t]</c>: Σ member refined ≤ Σ_s mined (members' mines and non-members' ore sales) + secondary;
/// <c>secondary_share[t]</c>: secondary ≤ φ·Σ member refined; <c>demand[t]</c>: Σ_s refined + recycled + release − stock_in +
/// shortfall = D_t (supply beyond demand goes nowhere: it is not produced or bought); <c>stock_balance[t]</c>: stock_t = stock_{t−1} + L_t·(stock_in − release); <c>recycling[t]</c>:
/// recycled_t ≤ ρ·(D_{t−lag} − shortfall_{t−lag}); <c>reserves[s]</c>: Σ_t L_t·mined ≤ USGS reserves of member s (none where
/// withheld or unknown in a hand-built problem); <c>growth[s,stage,t]</c>: build_t ≤ g·Δy·(capacity of the previous period) + start·Δy;
/// <c>new_mining_limit[s]</c>: Σ new mining capacity ≤ the site's stated limit; build variables exist only from the first
/// period the stage's lead time reaches, and for mining only where <see cref="PlanSite.NewMiningAllowed"/>; and the
/// rows of the policy rules, named <c>{RowGroup}:…</c>.</para>
/// <para>Objective, lexicographic (see <see cref="PlanSolver"/>): first minimise Σ_t L_t·shortfall_t (kt); then, with that
/// held within a tolerance, Σ penalty·violation of soft rules; then cost: capital per kt of build, project costs,
/// non-member purchases and tariffs (per kt-year), stock holding. A soft rule thus never costs supply: it is missed
/// (and reported) rather than met with a shortfall; a hard rule is met, with a shortfall if need be.</para>
/// <para>Flows from mines to refineries are pooled (the data have no transport costs, so any routing that balances is
/// equivalent); non-member supply is what the coalition buys, limited by the policy rules.</para>
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
        Model = new LinearModel($"plan_{problem.Commodity}");
        _notes.AddRange(problem.Notes);
    }

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
    public int? FirstBuildPeriod(SupplyStage stage)
    {
        var p = Problem;
        if (!p.Build.AllowContinuousBuild)
        {
            return null;
        }

        double online = p.Periods[0].Year + p.Build.Limits(stage).LeadTimeYears;
        for (int t = 1; t < p.Periods.Count; t++)
        {
            if (p.Periods[t].Year >= online - 1e-9)
            {
                return t;
            }
        }

        return null;
    }

    private bool CanBuild(PlanSite site, SupplyStage stage, int t) =>
        site.IsMember && (stage != SupplyStage.Mining || site.NewMiningAllowed) && FirstBuildPeriod(stage) is { } first && t >= first;

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
        const double Inf = double.PositiveInfinity;
        var p = Problem;
        var m = Model;
        int n = p.Periods.Count;
        var stages = new[] { SupplyStage.Mining, SupplyStage.Refining };
        var members = p.Sites.Where(s => s.IsMember).ToArray();
        string Y(int t) => p.Periods[t].Year.ToString(CultureInfo.InvariantCulture);

        foreach (var site in p.Sites.Where(s => s.IsCandidate))
        {
            _join[site.Iso3] = m.AddVariable(0, 1, 0, isInteger: true, name: $"join[{site.Iso3}]");
        }

        var preference = BuildPreferences(members);

        // Projects first, so capacity expressions can refer to them.
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
            for (int t = 0; t < n; t++)
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

        var shortfall = new int[n];
        var recycled = new int[n];
        var secondary = new int[n];
        var demandRows = new int[n];
        for (int t = 0; t < n; t++)
        {
            var period = p.Periods[t];
            foreach (var site in p.Sites)
            {
                foreach (var stage in stages)
                {
                    double baseKt = site.Path(stage).BaseKt(t);
                    string key = $"{site.Iso3},{stage},{Y(t)}";
                    if (!site.IsMember)
                    {
                        double ub = site.IsCandidate ? baseKt : p.NonMemberCapacityShare * baseKt;
                        int v = m.AddVariable(0, ub, 0, name: $"out[{key}]");
                        _output[(site.Iso3, stage, t)] = v;
                        if (site.IsCandidate)
                        {
                            int row = m.AddRow(double.NegativeInfinity, 0, $"join_capacity[{key}]");
                            m.AddTerm(row, v, 1);
                            m.AddTerm(row, _join[site.Iso3], -baseKt);
                        }
                        else
                        {
                            AddCost(v, p.NonMemberCostPerKt * period.LengthYears);
                            _tieBreak[v] = TieBreakWeight * period.LengthYears;
                        }

                        continue;
                    }

                    int output = m.AddVariable(0, Inf, 0, name: $"out[{key}]");
                    _output[(site.Iso3, stage, t)] = output;
                    if (CanBuild(site, stage, t))
                    {
                        int b = m.AddVariable(0, Inf, 0, name: $"build[{key}]");
                        _build[(site.Iso3, stage, t)] = b;
                        AddCost(b, p.Build.CapitalCostPerKt);
                        _tieBreak[b] = 10 * TieBreakWeight * (n - t) * (1 + preference[(site.Iso3, stage)]);
                        if (p.Build.GrowthRate(stage) is { } g)
                        {
                            // build_t ≤ g·Δy·(capacity of t−1) + start·Δy
                            double dy = p.Periods[t].Year - p.Periods[t - 1].Year;
                            double start = (stage == SupplyStage.Mining ? site.MiningStartKtPerYear : null) ?? p.Build.StartKtPerYear(stage);
                            var (constant, terms) = CapacityExpression(site.Iso3, stage, t - 1);
                            int row = m.AddRow(double.NegativeInfinity, (g * dy * constant) + (start * dy), $"growth[{key}]");
                            m.AddTerm(row, b, 1);
                            foreach (var (variable, coefficient) in terms)
                            {
                                m.AddTerm(row, variable, -g * dy * coefficient);
                            }

                            _growthRows.Add(new GrowthRow(site.Iso3, stage, t, row, b));
                        }
                    }

                    var (c, capacityTerms) = CapacityExpression(site.Iso3, stage, t);
                    int capacityRow = m.AddRow(double.NegativeInfinity, c, $"capacity[{key}]");
                    m.AddTerm(capacityRow, output, 1);
                    foreach (var (variable, coefficient) in capacityTerms)
                    {
                        m.AddTerm(capacityRow, variable, -coefficient);
                    }
                }
            }

            secondary[t] = m.AddVariable(0, Inf, 0, name: $"secondary[{Y(t)}]");
            recycled[t] = m.AddVariable(0, Inf, 0, name: $"recycled[{Y(t)}]");
            shortfall[t] = m.AddVariable(0, Inf, 0, name: $"shortfall[{Y(t)}]");
            Grow();
            _shortfallObjective[shortfall[t]] = period.LengthYears;

            // Ore balance of the members' (and joined candidates') refineries; non-members' refined output is bought as such.
            int ore = m.AddRow(double.NegativeInfinity, 0, $"ore_balance[{Y(t)}]");
            int share = m.AddRow(double.NegativeInfinity, 0, $"secondary_share[{Y(t)}]");
            m.AddTerm(ore, secondary[t], -1);
            m.AddTerm(share, secondary[t], 1);
            foreach (var site in p.Sites)
            {
                m.AddTerm(ore, _output[(site.Iso3, SupplyStage.Mining, t)], -1);
                if (site.IsMember || site.IsCandidate)
                {
                    m.AddTerm(ore, _output[(site.Iso3, SupplyStage.Refining, t)], 1);
                    m.AddTerm(share, _output[(site.Iso3, SupplyStage.Refining, t)], -p.SecondaryFeedShare);
                }
            }

            demandRows[t] = m.AddRow(period.DemandKt, period.DemandKt, $"demand[{Y(t)}]");
            foreach (var site in p.Sites)
            {
                m.AddTerm(demandRows[t], _output[(site.Iso3, SupplyStage.Refining, t)], 1);
            }

            m.AddTerm(demandRows[t], recycled[t], 1);
            m.AddTerm(demandRows[t], shortfall[t], 1);
        }

        ShortfallVariables = shortfall;
        RecycledVariables = recycled;
        SecondaryVariables = secondary;
        DemandRows = demandRows;

        // Recycling: recycled_t ≤ ρ·(D_{t−lag} − shortfall_{t−lag}).
        double rho = p.Recycling.CollectionRate;
        for (int t = 0; t < n; t++)
        {
            int source = t - p.Recycling.LagPeriods;
            if (source < 0 || rho == 0)
            {
                m.SetVariableBounds(recycled[t], 0, 0);
                continue;
            }

            int row = m.AddRow(double.NegativeInfinity, rho * p.Periods[source].DemandKt, $"recycling[{Y(t)}]");
            m.AddTerm(row, recycled[t], 1);
            m.AddTerm(row, shortfall[source], rho);
        }

        // Stockpile.
        if (p.Stockpile.Enabled)
        {
            var stock = new int[n];
            var stockIn = new int[n];
            var release = new int[n];
            for (int t = 0; t < n; t++)
            {
                double length = p.Periods[t].LengthYears;
                stock[t] = m.AddVariable(0, p.Stockpile.MaxStockKt, 0, name: $"stock[{Y(t)}]");
                stockIn[t] = m.AddVariable(0, Inf, 0, name: $"stock_in[{Y(t)}]");
                release[t] = m.AddVariable(0, p.Stockpile.MaxReleasePerYearKt, 0, name: $"release[{Y(t)}]");
                Grow();
                _costObjective[stock[t]] += p.Stockpile.HoldingCostPerKtYear * length;
                _tieBreak[stock[t]] = TieBreakWeight * length;
                double initial = t == 0 ? p.Stockpile.InitialStockKt : 0;
                int balance = m.AddRow(initial, initial, $"stock_balance[{Y(t)}]");
                m.AddTerm(balance, stock[t], 1);
                if (t > 0)
                {
                    m.AddTerm(balance, stock[t - 1], -1);
                }

                m.AddTerm(balance, stockIn[t], -length);
                m.AddTerm(balance, release[t], length);
                m.AddTerm(demandRows[t], release[t], 1);
                m.AddTerm(demandRows[t], stockIn[t], -1);
            }

            StockVariables = stock;
            StockInVariables = stockIn;
            ReleaseVariables = release;
        }

        // Cumulative extraction within reserves.
        foreach (var site in members)
        {
            if (site.ReservesKt is not { } reserves)
            {
                continue;
            }

            int row = m.AddRow(double.NegativeInfinity, reserves, $"reserves[{site.Iso3}]");
            for (int t = 0; t < n; t++)
            {
                m.AddTerm(row, _output[(site.Iso3, SupplyStage.Mining, t)], p.Periods[t].LengthYears);
            }

            _reserveRows[site.Iso3] = row;
        }

        // New mining within a site's stated limit (a named greenfield site).
        foreach (var site in members.Where(s => s.MaxNewMiningKt is not null))
        {
            var (_, terms) = CapacityExpression(site.Iso3, SupplyStage.Mining, n - 1);
            int row = m.AddRow(double.NegativeInfinity, site.MaxNewMiningKt!.Value, $"new_mining_limit[{site.Iso3}]");
            foreach (var (variable, coefficient) in terms)
            {
                m.AddTerm(row, variable, coefficient);
            }

            _newMiningRows[site.Iso3] = row;
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

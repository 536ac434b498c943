using System.Globalization;
using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Recycling;
using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Deposits;

/// <summary>Settings of a friendshoring comparison; every default is the paper's reference value or stated in the notes.</summary>
public sealed record FriendshoringOptions
{
    /// <summary>Supply variant (default <see cref="DepositProblem.BaseVariant"/>).</summary>
    public string SupplyVariant { get; init; } = DepositProblem.BaseVariant;

    /// <summary>Discount rate (default the paper's 0.07).</summary>
    public double DiscountRate { get; init; } = DepositProblem.DefaultDiscountRate;

    /// <summary>Exponential (default) or hyperbolic discounting.</summary>
    public Discounting Discounting { get; init; } = Discounting.Exponential;

    /// <summary>Price of a t Li of unmet demand per year it is carried (default the paper's 532,300 USD: 100,000 USD per t LCE).</summary>
    public double UnmetDemandCostUsdPerTonneLi { get; init; } = DepositProblem.DefaultUnmetDemandCostUsdPerTonneLi;

    /// <summary>Relative gap of each cost stage (default 1e-3).</summary>
    public double RelativeGap { get; init; } = 1e-3;

    /// <summary>Wall-clock limit of each run (default 120 s; the rounded relaxation usually closes the gap in seconds).</summary>
    public TimeSpan? TimeLimitPerRun { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>MIP backend when the rounded relaxation does not close the gap; <see langword="null"/> for the deposit solver's default.</summary>
    public ISolverBackend? Backend { get; init; }

    /// <summary>Whether each run first rounds its LP relaxation (default true, <see cref="DepositSolver.Solve"/>).</summary>
    public bool RoundRelaxationFirst { get; init; } = true;

    /// <summary>Whether to run world demand on all deposits once per scenario for the open market's marginal cost (default true).</summary>
    public bool IncludeWorldMarket { get; init; } = true;

    /// <summary>Country weights within Busch regions for the coalition's demand (<see cref="CoalitionDemandOptions.CountryWeights"/>); <see langword="null"/> for the sovereign-country count.</summary>
    public CoalitionDemandOptions? DemandOptions { get; init; }

    /// <summary>
    /// Where recycled lithium comes from: <see cref="RecyclingBasis.StockModel"/> (default: the library's stock model on the Busch
    /// scenario lowers the coalition's and the world's primary demand), <see cref="RecyclingBasis.Busch2025"/> (Busch et al.'s
    /// <c>Recycling.csv</c>, the reproduction basis) or <see cref="RecyclingBasis.None"/> (gross demand: no recycling at all).
    /// </summary>
    public RecyclingBasis Recycling { get; init; } = RecyclingBasis.StockModel;

    /// <summary>Stock-model assumptions (default <see cref="RecyclingChecks.BuschOptions"/>).</summary>
    public BatteryRecyclingOptions? RecyclingOptions { get; init; }

    /// <summary>Backlog below which a year counts as fully served, kt Li (default 1e-3 kt = 1 t).</summary>
    public double UnmetToleranceKt { get; init; } = 1e-3;
}

/// <summary>
/// Friendshoring on lithium deposits: per coalition and Busch et al. (2025) demand scenario, the coalition's own demand
/// (<see cref="CoalitionLithiumDemand"/>) served (a) from every deposit and (b) only from a restricted set (its members', or
/// members' and partners', or the world but one country or region), both by the deposit model of the paper at cost only
/// (<see cref="DepositSolver"/>, degradation 0). Reports the discounted cost of each and the difference, unmet demand, the mines
/// that must open and when, the year from which the restricted deposits carry the demand, and marginal costs.
/// Thread-safe: every run builds its own model.
/// </summary>
public sealed class LithiumFriendshoring
{
    private readonly Dictionary<string, DepositResult> _worldMarket = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Creates the analysis.</summary>
    /// <param name="dataset">The data (its <see cref="MineralDataset.Busch2025"/>).</param>
    /// <param name="options">Settings, or <see langword="null"/> for the defaults.</param>
    public LithiumFriendshoring(MineralDataset dataset, FriendshoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Dataset = dataset;
        Options = options ?? new FriendshoringOptions();
    }

    /// <summary>The dataset.</summary>
    public MineralDataset Dataset { get; }

    /// <summary>The settings.</summary>
    public FriendshoringOptions Options { get; }

    /// <summary>The coalitions of the main table: the built-in ones (<see cref="CoalitionAnalysis.BuiltInCoalitions"/>) and the China-centred bloc.</summary>
    /// <returns>The coalitions.</returns>
    public IReadOnlyList<Coalition> MainCoalitions() =>
        CoalitionAnalysis.BuiltInCoalitions.Select(Dataset.GetCoalition).Append(World.WorldAnalysis.ChinaCentred()).ToArray();

    /// <summary>The coalition's own demand series in a scenario.</summary>
    /// <param name="coalition">The coalition.</param>
    /// <param name="scenario">Busch demand scenario.</param>
    /// <returns>The series.</returns>
    public CoalitionLithiumDemand OwnDemand(Coalition coalition, string scenario) => Options.Recycling switch
    {
        RecyclingBasis.StockModel => CoalitionLithiumDemand.FromStockModel(Dataset, coalition, scenario, Options.DemandOptions, Options.RecyclingOptions),
        RecyclingBasis.None => CoalitionLithiumDemand.FromStockModel(Dataset, coalition, scenario, Options.DemandOptions, NoRecovery(Options.RecyclingOptions)),
        _ => CoalitionLithiumDemand.From(Dataset, coalition, scenario, Options.DemandOptions),
    };

    /// <summary>The stock model with nothing recovered: gross demand.</summary>
    private static BatteryRecyclingOptions NoRecovery(BatteryRecyclingOptions? options) =>
        (options ?? RecyclingChecks.BuschOptions()) with { Recovery = RecoveryRates.Uniform(RateSchedule.Constant(0, "RecyclingBasis.None: nothing recovered"), [BatteryMinerals.Lithium]) };

    /// <summary>World secondary lithium per Busch year for <see cref="DepositOptions.RecycledKt"/>, or <see langword="null"/> to keep Busch's.</summary>
    private double[]? WorldRecycledKt(string scenario) => WorldRecycledKt(Dataset.Busch2025, Options.Recycling, scenario, Options.RecyclingOptions);

    /// <summary>
    /// The world's recycled lithium per year of the Busch horizon on a basis, for <see cref="DepositOptions.RecycledKt"/>: the
    /// library's stock model on the Busch scenario's regional demand (<see cref="RecyclingChecks.BuschProjection"/>), 0 every year
    /// for <see cref="RecyclingBasis.None"/>, or <see langword="null"/> for <see cref="RecyclingBasis.Busch2025"/> (the deposit model
    /// then keeps Busch et al.'s <c>Recycling.csv</c>).
    /// </summary>
    /// <param name="data">The Busch et al. (2025) inputs.</param>
    /// <param name="basis">The basis.</param>
    /// <param name="scenario">Busch demand scenario.</param>
    /// <param name="options">Stock-model options; Busch's (<see cref="RecyclingChecks.BuschOptions"/>) when <see langword="null"/>.</param>
    /// <returns>kt Li per year from the first Busch year, or <see langword="null"/>.</returns>
    public static double[]? WorldRecycledKt(Busch2025Data data, RecyclingBasis basis, string scenario, BatteryRecyclingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (basis == RecyclingBasis.Busch2025)
        {
            return null;
        }

        var projection = RecyclingChecks.BuschProjection(data, basis == RecyclingBasis.None ? NoRecovery(options) : options, scenario);
        return data.Years.Select(y => projection.RecycledKt(BatteryMinerals.Lithium, y)).ToArray();
    }

    /// <summary>World demand of a scenario on all deposits, cost only; run once per scenario and kept.</summary>
    /// <param name="scenario">Busch demand scenario.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The run.</returns>
    public DepositResult WorldMarket(string scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        lock (_lock)
        {
            if (_worldMarket.TryGetValue(scenario, out var kept))
            {
                return kept;
            }
        }

        var problem = DepositProblem.FromBusch(Dataset.Busch2025, BaseOptions(scenario, null) with { RecycledKt = WorldRecycledKt(scenario) });
        var result = SolveRun(problem, Options, cancellationToken);
        lock (_lock)
        {
            _worldMarket[scenario] = result;
        }

        return result;
    }

    /// <summary>Compares the open-world and friendshored cases of one coalition and scenario.</summary>
    /// <param name="coalition">The coalition; its own demand is served in both cases.</param>
    /// <param name="scenario">Busch demand scenario.</param>
    /// <param name="restriction">Deposits of the friendshored case; the members' (<see cref="DepositRestriction.MembersOf"/>) when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the runs.</param>
    /// <returns>The comparison.</returns>
    public FriendshoringResult Run(Coalition coalition, string scenario, DepositRestriction? restriction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        ArgumentNullException.ThrowIfNull(scenario);
        restriction ??= DepositRestriction.MembersOf(coalition, Dataset.Busch2025);
        var demand = OwnDemand(coalition, scenario);
        var openWorld = DepositProblem.FromBusch(Dataset.Busch2025, BaseOptions(scenario, demand.DemandKt)) with { Label = $"{coalition.Name} own demand, {scenario}, all deposits" };
        var world = Options.IncludeWorldMarket ? WorldMarket(scenario, cancellationToken) : null;
        var notes = new List<string>();
        notes.Add($"Demand: {coalition.Name}'s own primary lithium demand, {demand.Method}.");
        notes.Add(Options.Recycling switch
        {
            RecyclingBasis.StockModel => "Recycling: the library's battery stock model on the Busch scenario's regional demand lowers the coalition's and the world's primary demand (Busch's Recycling.csv replaced).",
            RecyclingBasis.None => "Recycling: none (RecyclingBasis.None): gross demand.",
            _ => "Recycling: Busch et al.'s Recycling.csv (the reproduction basis).",
        });
        notes.AddRange(demand.Assumptions.Select(a => "Assumption (demand): " + a + "."));
        return Compare(openWorld, restriction, Options, coalition.Name, scenario, demand, world, notes, cancellationToken);
    }

    /// <summary>Every coalition × scenario with the members' deposits, in order.</summary>
    /// <param name="coalitions">Coalitions.</param>
    /// <param name="scenarios">Busch demand scenarios.</param>
    /// <param name="progress">Receives each comparison when done.</param>
    /// <param name="cancellationToken">Stops between and within runs.</param>
    /// <returns>The comparisons, scenario-major.</returns>
    public IReadOnlyList<FriendshoringResult> RunAll(IEnumerable<Coalition> coalitions, IEnumerable<string> scenarios, IProgress<FriendshoringResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coalitions);
        ArgumentNullException.ThrowIfNull(scenarios);
        var list = coalitions.ToArray();
        var results = new List<FriendshoringResult>();
        foreach (var scenario in scenarios)
        {
            foreach (var coalition in list)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = Run(coalition, scenario, null, cancellationToken);
                results.Add(result);
                progress?.Report(result);
            }
        }

        return results;
    }

    /// <summary>
    /// Compares a custom instance served from all its deposits with the same instance served only from a restricted set
    /// (the law: the restricted optimum never costs less, nor leaves less demand unmet when unmet demand is dearer than any mine).
    /// </summary>
    /// <param name="openWorld">The instance with every deposit; its demand is served in both cases.</param>
    /// <param name="restriction">Which of its deposits serve in the friendshored case (none is allowed: all demand then goes unmet).</param>
    /// <param name="options">Gap, time limit, backend (the instance carries its own discounting and unmet-demand price).</param>
    /// <param name="cancellationToken">Stops the runs.</param>
    /// <returns>The comparison (no demand series, no world market).</returns>
    public static FriendshoringResult Compare(DepositProblem openWorld, DepositRestriction restriction, FriendshoringOptions? options = null, CancellationToken cancellationToken = default) =>
        Compare(openWorld, restriction, options ?? new FriendshoringOptions(), openWorld?.Label ?? string.Empty, openWorld?.Label ?? string.Empty, null, null, [], cancellationToken);

    private static FriendshoringResult Compare(DepositProblem openWorld, DepositRestriction restriction, FriendshoringOptions options, string coalition, string scenario, CoalitionLithiumDemand? demand, DepositResult? world, List<string> notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openWorld);
        ArgumentNullException.ThrowIfNull(restriction);
        // Cost only: the paper's second objective (ease of doing business within 10 %) is a preference among near-equal plans and would blur the cost difference.
        openWorld = openWorld with { Degradation = 0, Score = DepositScore.None };
        var restricted = openWorld with { Deposits = openWorld.Deposits.Where(restriction.MayServe).ToArray(), Label = $"{openWorld.Label} → {restriction.Name}" };
        var open = SolveRun(openWorld, options, cancellationToken);
        var friend = SolveRun(restricted, options, cancellationToken);

        var years = BuildYears(open, friend, world);
        var extra = ExtraOpenings(open, friend);
        int? selfSufficient = null;
        for (int t = years.Count - 1; t >= 0 && years[t].FriendshoredUnmetKt <= options.UnmetToleranceKt; t--)
        {
            selfSufficient = years[t].Year;
        }

        notes.AddRange(restriction.Assumptions.Select(a => "Assumption (supply): " + a + "."));
        notes.Add($"Open world: all {openWorld.Deposits.Count} deposits serve the same demand, as if no one else bought lithium (the coalition alone on the world market: a lower bound on what it pays). Friendshored: {restriction.Description}, {restricted.Deposits.Count} deposits ({restricted.Deposits.Count(d => d.OpenMine)} producing at the start).");
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"Model: Busch et al. (2025) deposit MIP ({string.Join(", ", openWorld.Deposits.Select(d => d.SourceId).Distinct(StringComparer.Ordinal))} deposits, planned capacities, costs), cost only (the paper's second objective, ease of doing business within 10 %, is not run); costs discounted at {openWorld.DiscountRate:P1} {openWorld.Discounting.ToString().ToLowerInvariant()} to {openWorld.FirstYear}, million USD."));
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"Assumption (unmet demand): each t Li not delivered costs {openWorld.UnmetDemandCostUsdPerTonneLi:N0} USD for every year it is carried (the paper's 100,000 USD per t LCE); discounted costs include it, and a year's marginal cost with a backlog is that price carried to when it is served, not a mine's cost."));
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"Marginal costs: duals of the demand rows of the LP with each plan's openings fixed (CLP), in the year's own USD per t Li; per t LCE ÷ {LithiumUnits.LcePerLi}. They price one more t with the mines of the plan, not a new mine."));
        foreach (var (name, run) in new[] { ("open world", open), ("friendshored", friend) })
        {
            if (run.CostStage.RelativeGap is { } gap)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: cost stage {run.CostStage.Status}, proven gap {gap:P3} (objective {run.CostStage.ObjectiveValue:F1}, bound {run.CostStage.BestBound:F1})."));
            }
            else
            {
                notes.Add($"{name}: cost stage {run.CostStage.Status}, no proven bound. {run.CostStage.Message}");
            }

            notes.AddRange(run.Notes.Select(n => $"{name}: {n}"));
        }

        if (open.DiscountedCostMillionUsd is { } o && friend.DiscountedCostMillionUsd is { } f && f < o)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"The friendshored plan ({f:F1}) is cheaper than the open-world plan ({o:F1}) by {o - f:F1} million USD: within the gaps the true difference is ≥ 0 (restricting deposits cannot lower the optimum); the open-world plan is {((o - f) / o):P3} off its optimum at most by this."));
        }

        if (world is not null)
        {
            notes.Add("Open market: world demand of the scenario on all deposits, cost only; its marginal cost is what the coalition would pay at the margin buying on an open world market.");
        }

        var sources = openWorld.Deposits.Select(d => d.SourceId).Concat(demand?.SourceIds ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new FriendshoringResult(coalition, scenario, restriction, demand, open, friend, world, years, extra, selfSufficient, sources, notes);
    }

    private DepositOptions BaseOptions(string scenario, IReadOnlyList<double>? demandKt) => new()
    {
        Scenario = scenario,
        SupplyVariant = Options.SupplyVariant,
        DemandKt = demandKt,
        DiscountRate = Options.DiscountRate,
        Discounting = Options.Discounting,
        Degradation = 0,
        Score = DepositScore.None,
        UnmetDemandCostUsdPerTonneLi = Options.UnmetDemandCostUsdPerTonneLi,
    };

    private static DepositResult SolveRun(DepositProblem problem, FriendshoringOptions options, CancellationToken cancellationToken) =>
        DepositSolver.Solve(problem, options.Backend, new SolveOptions { TimeLimit = options.TimeLimitPerRun, RelativeGap = options.RelativeGap, ComputeDuals = true }, options.RoundRelaxationFirst, cancellationToken);

    private static List<FriendshoringYear> BuildYears(DepositResult open, DepositResult friend, DepositResult? world)
    {
        var rows = new List<FriendshoringYear>();
        var worldByYear = world?.Years.ToDictionary(y => y.Year);
        var friendByYear = friend.Years.ToDictionary(y => y.Year);
        foreach (var o in open.Years)
        {
            var f = friendByYear.GetValueOrDefault(o.Year);
            rows.Add(new FriendshoringYear(
                o.Year, o.DemandKt, o.ExtractionKt, f?.ExtractionKt ?? 0, o.UnmetKt, f?.UnmetKt ?? o.DemandKt,
                o.MarginalCostUsdPerTonneLi, f?.MarginalCostUsdPerTonneLi, worldByYear?.GetValueOrDefault(o.Year)?.MarginalCostUsdPerTonneLi));
        }

        return rows;
    }

    private static List<FriendshoringOpening> ExtraOpenings(DepositResult open, DepositResult friend)
    {
        var openYear = open.Openings.ToDictionary(o => o.DepositId, o => o.OpenedYear);
        return friend.Openings
            .Where(f => f.OpenedYear is { } y && !f.OpenAtStart && (openYear.GetValueOrDefault(f.DepositId) is not { } oy || oy > y))
            .Select(f => new FriendshoringOpening(f.DepositId, f.DepositName, f.Iso3, openYear.GetValueOrDefault(f.DepositId), f.OpenedYear!.Value, f.ExtractionKt))
            .OrderBy(f => f.FriendshoredYear).ThenBy(f => f.Iso3, StringComparer.Ordinal).ThenBy(f => f.DepositId)
            .ToArray()
            .ToList();
    }
}

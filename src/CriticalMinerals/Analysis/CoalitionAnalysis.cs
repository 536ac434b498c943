using System.Globalization;
using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis;

/// <summary>One question to the coalition model: a commodity, a coalition, a demand scenario and a year, with assumptions.</summary>
public sealed record CoalitionQuestion
{
    /// <summary>Commodity code (e.g. <c>lithium</c>).</summary>
    public required string Commodity { get; init; }

    /// <summary>The coalition: a built-in one from the dataset or one made with <see cref="Data.Coalition.Create"/>.</summary>
    public required Coalition Coalition { get; init; }

    /// <summary>IEA demand scenario; <see cref="DemandScenario.Observed"/> goes with 2024.</summary>
    public DemandScenario Scenario { get; init; } = DemandScenario.Nze;

    /// <summary>Year: 2024 (observed) or a year of the IEA base-case supply (2030, 2035, 2040).</summary>
    public int Year { get; init; } = 2030;

    /// <summary>Sourcing rules; coalition-only by default (the friendshoring question).</summary>
    public SourcingRules Rules { get; init; } = SourcingRules.CoalitionOnly;

    /// <summary>Share of world demand the coalition must serve. 1 (the default) asks whether partners could supply what the world needs.</summary>
    public double DemandShare { get; init; } = 1;

    /// <summary>
    /// Recycled supply available to the coalition as a share of demand, a user figure that replaces <see cref="Recycling"/>;
    /// <see langword="null"/> (the default) takes the coalition's own recycled supply from <see cref="Recycling"/>.
    /// </summary>
    public double? RecyclingShareOfDemand { get; init; }

    /// <summary>
    /// Where the coalition's own recycled supply comes from when <see cref="RecyclingShareOfDemand"/> is not given. Default
    /// <see cref="RecyclingBasis.StockModel"/>, as in the world model: the battery stock model on the question's IEA scenario
    /// (lithium, nickel, cobalt, graphite), summed over the Busch regions the coalition holds whole, so a lower bound where it
    /// holds a region in part; copper and magnet rare earths have no stock model and get none. Every answer prints the figure,
    /// the regions and the assumptions. <see cref="RecyclingBasis.None"/>: no recycled supply.
    /// </summary>
    public RecyclingBasis Recycling { get; init; } = RecyclingBasis.StockModel;

    /// <summary>Supply from a route the data lacks, in kt (synthetic graphite for graphite). Default 0.</summary>
    public double OtherRouteKt { get; init; }

    /// <summary>
    /// Share of a member refinery's capacity that non-mined feed (scrap, other) may supply. <see langword="null"/> (the default)
    /// derives it from the data: max(0, 1 − world mining / world refining) of the same year and case.
    /// </summary>
    public double? SecondaryFeedShare { get; init; }

    /// <summary>How many investment targets to report.</summary>
    public int InvestmentTargetCount { get; init; } = 3;
}

/// <summary>
/// Answers <see cref="CoalitionQuestion"/>s on a <see cref="MineralDataset"/>: builds the supply network from the data
/// rows, solves the coalition LP, and reports coverage, concentration, reserves and investment targets.
/// Thread-safe: every answer builds and solves its own model.
/// </summary>
public sealed class CoalitionAnalysis
{
    /// <summary>The coalitions the main job reports: the groups of <c>country_groups.csv</c> that are coalitions in their own right.</summary>
    public static IReadOnlyList<string> BuiltInCoalitions { get; } = ["US_FTA_partners_20", "MSP_Minerals_Security_Partnership", "G7", "EU27", "IPEF"];

    /// <summary>Year of the observed baseline in the IEA dataset.</summary>
    public const int BaseYear = 2024;

    private const int HorizonYear = 2050;
    private const double MinimumTargetGain = 0.01;
    private readonly ISolverBackend? _backend;
    private readonly ScenarioBatteryFlowsCache _flows;

    /// <summary>Creates an analysis over a dataset.</summary>
    /// <param name="dataset">The data; <see cref="MineralDataset.Default"/> for the embedded one.</param>
    /// <param name="backend">Backend for every solve; the automatic choice when <see langword="null"/>.</param>
    public CoalitionAnalysis(MineralDataset dataset, ISolverBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Dataset = dataset;
        _flows = new ScenarioBatteryFlowsCache(dataset);
        _backend = backend;
    }

    /// <summary>The dataset answered from.</summary>
    public MineralDataset Dataset { get; }

    /// <summary>The supply case whose capacities stand for a year: observed for the base year, the IEA base case after it.</summary>
    public static SupplyCase CaseOf(int year) => year == BaseYear ? SupplyCase.Observed : SupplyCase.BaseCaseProjection;

    /// <summary>Builds the supply network of a question from the data rows.</summary>
    /// <exception cref="ArgumentException">The question does not fit the data (the message says what is available).</exception>
    public SupplyNetwork BuildNetwork(CoalitionQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        Validate(question);
        question = question with { Coalition = Dataset.WithPartyMembers(question.Coalition, out _) };
        var supplyCase = CaseOf(question.Year);
        var mining = Dataset.CountrySupply(question.Commodity, SupplyStage.Mining, question.Year, supplyCase);
        var refining = Dataset.CountrySupply(question.Commodity, SupplyStage.Refining, question.Year, supplyCase);
        double demand = Dataset.TotalDemand(question.Commodity, question.Scenario, question.Year).Value * question.DemandShare;
        var listed = mining.Countries.Concat(refining.Countries).Select(r => r.Country.Iso3).ToHashSet(StringComparer.Ordinal);
        double worldOtherRoute = Dataset.OtherRouteSupply(question.Commodity, question.Year)?.Value ?? 0;
        return new SupplyNetwork(
            question.Commodity,
            question.Year,
            demand,
            Capacities(mining, question.Coalition),
            Capacities(refining, question.Coalition),
            question.SecondaryFeedShare ?? Dataset.SecondaryFeedShare(question.Commodity, question.Year, supplyCase).Value,
            question.RecyclingShareOfDemand is { } share ? share * demand : OwnRecycledSupply(question)?.Supply.RecycledKt ?? 0,
            question.OtherRouteKt,
            question.Rules)
        {
            // The EU as such (EUU) is a party to some groups but not a site for a mine or refinery.
            OtherMembers = question.Coalition.Members.Select(m => m.Iso3)
                .Where(iso3 => !listed.Contains(iso3) && Dataset.Countries.TryGetValue(iso3, out var country) && !country.IsAggregate && iso3 != "EUU")
                .ToArray(),

            // No source attributes the world's other-route output (synthetic graphite) to countries: what the coalition does not
            // bring itself is outside it.
            NonMemberOtherRouteKt = Math.Max(0, worldOtherRoute - question.OtherRouteKt),
        };
    }

    /// <summary>
    /// The coalition's own recycled supply on the question's basis (its members, the EU27 for a member <c>EUU</c>: call it on a
    /// question whose coalition has its party members), or <see langword="null"/> when none applies (a user share,
    /// <see cref="RecyclingBasis.None"/>, a mineral without a stock model).
    /// </summary>
    private (BlocSecondarySupply Supply, RecycledSupplyBasis Basis)? OwnRecycledSupply(CoalitionQuestion q)
    {
        var mineral = ScenarioBatteryFlows.MineralOf(Dataset.GetCommodity(q.Commodity));
        if (q.RecyclingShareOfDemand is not null || q.Recycling == RecyclingBasis.None || mineral is null)
        {
            return null;
        }

        var basis = RecycledSupplyBasis.Resolve(Dataset, q.Recycling, mineral, _flows.Get(q.Scenario, null, []))!;
        return (basis.For(Dataset, q.Coalition.Members.Select(m => m.Iso3).ToArray(), mineral, q.Year), basis);
    }

    /// <summary>Answers one question.</summary>
    /// <exception cref="ArgumentException">The question does not fit the data.</exception>
    public CoverageResult Answer(CoalitionQuestion question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        question = question with { Coalition = Dataset.WithPartyMembers(question.Coalition, out string? partyNote) };
        var network = BuildNetwork(question);
        var model = SupplyModel.Create(network);
        var backend = _backend ?? SolverBackends.Choose(model.Model);
        var outcome = SupplyOutcome.From(model, backend.Solve(model.Model, SolveOptions.Default, cancellationToken));
        var result = WithOwnDemand(question, model, Report(question, network, outcome, cancellationToken), cancellationToken);
        return partyNote is null ? result : result with { Notes = [.. result.Notes, partyNote] };
    }

    /// <summary>The same chain measured against the coalition's own demand as well as the world's.</summary>
    private CoverageResult WithOwnDemand(CoalitionQuestion question, SupplyModel model, CoverageResult result, CancellationToken cancellationToken)
    {
        CoalitionDemandEstimate estimate;
        try
        {
            estimate = Dataset.CoalitionDemand(question.Commodity, question.Coalition, question.Scenario, question.Year);
        }
        catch (ArgumentException e)
        {
            return result with { Notes = [.. result.Notes, "No own-demand figure: " + e.Message] };
        }

        // Re-solved, not scaled: the refined-supply rule is a share of demand, so the chain's reach depends on it. Demand
        // enters only the demand row and that rule's bound, so the model is reused with those two bounds changed.
        double ownKt = estimate.CoalitionKt;
        var own = model.Model.Clone();
        own.SetRowBounds(model.DemandRow, ownKt, ownKt);
        own.SetRowBounds(model.RefinedSupplyRuleRow, double.NegativeInfinity, model.Network.Rules.MaxNonMemberShareOfRefinedSupply * ownKt);
        var backend = _backend ?? SolverBackends.Choose(own);
        var solution = backend.Solve(own, SolveOptions.Default with { ComputeDuals = false }, cancellationToken);
        double shortfall = solution.HasSolution ? solution.Values[model.ShortfallVariable] : double.NaN;
        var notes = result.Notes.ToList();
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"Own demand {estimate.CoalitionKt:0.#} of world {estimate.WorldKt:0.#} ({estimate.Share:P1}): {estimate.Method}"));
        notes.AddRange(estimate.Assumptions.Select(a => "[ASSUMPTION] " + a));
        return result with
        {
            OwnDemand = estimate,
            OwnShortfallKt = shortfall,
            OwnCoverage = estimate.CoalitionKt > 0 ? 1 - (shortfall / estimate.CoalitionKt) : 1,
            SourceIds = [.. result.SourceIds.Union(estimate.SourceIds).Order(StringComparer.Ordinal)],
            Notes = notes,
        };
    }

    /// <summary>
    /// Answers many questions in parallel (<see cref="Batch"/>): cancellation stops starting questions and keeps the
    /// answers that finished; an answer whose solve the cancellation stopped is not counted as finished.
    /// </summary>
    /// <param name="questions">The questions.</param>
    /// <param name="options">Parallelism; <see cref="BatchOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives the number of answers finished so far.</param>
    /// <param name="cancellationToken">Stops the batch, keeping finished answers; never throws for cancellation.</param>
    /// <returns>The finished answers in question order.</returns>
    public BatchResult<CoverageResult> AnswerBatch(IReadOnlyList<CoalitionQuestion> questions, BatchOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Batch.Run(questions, Answer, r => r.Status is not (SolveStatus.StoppedWithoutSolution or SolveStatus.StoppedWithSolution), options, progress, cancellationToken);

    /// <summary>Answers many questions in parallel, in the order given: <see cref="AnswerBatch"/> for a run that must be whole.</summary>
    /// <param name="questions">The questions.</param>
    /// <param name="progress">Receives the number of answers finished so far.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>Every answer, in question order.</returns>
    /// <exception cref="OperationCanceledException">Cancelled before every question was answered (<see cref="AnswerBatch"/> keeps what finished).</exception>
    public IReadOnlyList<CoverageResult> AnswerAll(IReadOnlyList<CoalitionQuestion> questions, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Whole(AnswerBatch(questions, null, progress, cancellationToken), cancellationToken);

    /// <summary>The answers of a batch that must be whole; cancellation is reported as the exception a caller of a whole run expects.</summary>
    internal static IReadOnlyList<TResult> Whole<TResult>(BatchResult<TResult> batch, CancellationToken cancellationToken) =>
        batch.IsComplete ? batch.Results : throw new OperationCanceledException($"Cancelled after {batch.Results.Count} of {batch.Total} answers.", cancellationToken);

    /// <summary>
    /// The main job's grid: every commodity × built-in coalition × (the 2024 baseline, and each IEA scenario in
    /// <paramref name="year"/>).
    /// </summary>
    public IReadOnlyList<CoalitionQuestion> MainQuestions(int year = 2030)
    {
        var questions = new List<CoalitionQuestion>();
        foreach (var commodity in Dataset.Commodities)
        {
            foreach (string name in BuiltInCoalitions)
            {
                var coalition = Dataset.GetCoalition(name);
                questions.Add(new CoalitionQuestion { Commodity = commodity.Code, Coalition = coalition, Scenario = DemandScenario.Observed, Year = BaseYear });
                foreach (var scenario in new[] { DemandScenario.Steps, DemandScenario.Aps, DemandScenario.Nze })
                {
                    questions.Add(new CoalitionQuestion { Commodity = commodity.Code, Coalition = coalition, Scenario = scenario, Year = year });
                }
            }
        }

        return questions;
    }

    private void Validate(CoalitionQuestion q)
    {
        Dataset.GetCommodity(q.Commodity);
        if ((q.Year == BaseYear) != (q.Scenario == DemandScenario.Observed))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Scenario {q.Scenario} with year {q.Year}: the observed scenario goes with {BaseYear} and only with it."));
        }

        if (!Dataset.SupplyYears.Contains(q.Year))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Year {q.Year} has no IEA supply figures; years with supply: {string.Join(", ", Dataset.SupplyYears)}."));
        }

        if (!(q.DemandShare is > 0 and <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"DemandShare is {q.DemandShare}; expected a share in (0, 1]."));
        }

        if (q.RecyclingShareOfDemand is { } recycling && !(recycling is >= 0 and <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"RecyclingShareOfDemand is {q.RecyclingShareOfDemand}; expected a share in [0, 1]."));
        }

        if (q.InvestmentTargetCount < 0)
        {
            throw new ArgumentException($"InvestmentTargetCount is {q.InvestmentTargetCount}; expected ≥ 0.");
        }
    }

    private static StageCapacity[] Capacities(CountrySupplyTable supply, Coalition coalition) =>
        // Rows the sources leave unattributed belong to no country, so never to the coalition.
        [.. supply.AllRows.Select(r => new StageCapacity(r.Country.Iso3, r.ValueKt, !r.Country.IsAggregate && coalition.Contains(r.Country.Iso3)))];

    private CoverageResult Report(CoalitionQuestion q, SupplyNetwork network, SupplyOutcome outcome, CancellationToken cancellationToken)
    {
        var commodity = Dataset.GetCommodity(q.Commodity);
        var supplyCase = CaseOf(q.Year);
        var mining = Dataset.CountrySupply(q.Commodity, SupplyStage.Mining, q.Year, supplyCase);
        var refining = Dataset.CountrySupply(q.Commodity, SupplyStage.Refining, q.Year, supplyCase);
        var demandRow = Dataset.TotalDemand(q.Commodity, q.Scenario, q.Year);
        double demand = network.DemandKt;
        var sources = new SortedSet<string>(StringComparer.Ordinal) { demandRow.SourceId };
        foreach (var row in mining.AllRows.Concat(refining.AllRows))
        {
            sources.UnionWith(row.SourceIds);
        }

        sources.UnionWith(q.Coalition.SourceIds);
        var notes = new List<string> { commodity.Trap };
        if (Dataset.FallbackFiles.Count > 0)
        {
            notes.Add("Partly the embedded data: the data directory lacked " + string.Join(", ", Dataset.FallbackFiles) + ", so the embedded copies were used.");
        }

        var derivedMembers = mining.MembersOf(q.Coalition).Concat(refining.MembersOf(q.Coalition)).Where(r => r.IsDerived).ToArray();
        if (derivedMembers.Length > 0)
        {
            notes.Add("Members the IEA lumps into 'Rest of world', counted from USGS shares (derived): " + string.Join("; ", derivedMembers.Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Country.Iso3} {(mining.Countries.Contains(r) ? "mining" : "refining")} {r.ValueKt:0.#} ({r.Method})"))) + ".");
        }

        foreach (var table in new[] { mining, refining }.Where(t => t.Unattributed is not null))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{table.Unattributed!.ValueKt:0.#} {commodity.ModelUnit} of {table.Stage.ToString().ToLowerInvariant()} no source attributes to a country; it counts for no coalition."));
        }

        foreach (var table in new[] { mining, refining })
        {
            notes.AddRange(ZeroStageNote(q.Coalition, commodity, table));
        }

        if (q.SecondaryFeedShare is null)
        {
            var secondary = Dataset.SecondaryFeedShare(q.Commodity, q.Year, supplyCase);
            sources.UnionWith(secondary.SourceIds);
            if (secondary.Value > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"Refineries may take {secondary.Value:P1} of their capacity as secondary (scrap) feed: {secondary.Method}."));
            }
        }

        if (Dataset.OtherRouteSupply(q.Commodity, q.Year) is { } otherRoute)
        {
            sources.UnionWith(otherRoute.SourceIds);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"World other-route supply {otherRoute.Value:0.#} {commodity.ModelUnit}: {otherRoute.Method}{(otherRoute.IsAssumption ? " [ASSUMPTION]" : string.Empty)}. No source attributes it to countries: the coalition's own is {q.OtherRouteKt:0.#} (OtherRouteKt, default 0 [ASSUMPTION]); the rest is outside it."));
        }

        if (q.Scenario == DemandScenario.Observed && q.Rules == SourcingRules.OpenMarket)
        {
            var gap = Dataset.ObservedDiscrepancy(q.Commodity, q.Year);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Data discrepancy {q.Year}: the world's supply falls short of IEA demand by {gap.Value:P1} {gap.Method}."));
        }

        notes.AddRange(RecyclingNotes(q, commodity, network.RecyclingKt, sources));

        var (reserves, reservesNote) = ReserveCoverageOf(q, commodity, sources);
        int notesBefore = notes.Count;
        var targets = InvestmentTargets(q, commodity, outcome, notes, cancellationToken);
        if (targets.Length == 0 && outcome.ShortfallKt > 1e-9 && notes.Count == notesBefore)
        {
            notes.Add("No single capacity addition cuts the shortfall: under these sourcing rules the coalition needs new mining and new refining together.");
        }

        bool solved = outcome.Solution.HasSolution;
        double shortfall = solved ? outcome.ShortfallKt : double.NaN;
        double supplied = demand - shortfall;
        var (largest, hhi) = Concentration(outcome.RefinedByCountry);
        return new CoverageResult(
            commodity.Code,
            commodity.ModelUnit,
            q.Coalition.Name,
            q.Scenario,
            q.Year,
            supplyCase,
            demand,
            StageOf(mining, q.Coalition, demand),
            StageOf(refining, q.Coalition, demand),
            supplied,
            shortfall,
            demand > 0 ? supplied / demand : 1,
            largest,
            hhi,
            reserves,
            reservesNote,
            targets,
            outcome.Solution.Status,
            outcome.Solution.Backend,
            [.. sources],
            notes)
        {
            RecycledKt = network.RecyclingKt,
        };
    }

    /// <summary>
    /// Why a coalition shows exactly 0 at a stage: the IEA names its members at 0; or output exists that no source attributes
    /// to a country (USGS "Other countries", IEA Rest of world without a country key), so 0 is a lower bound; or no source
    /// names a member at all, which is as far as the data can tell what the world holds.
    /// </summary>
    private static IEnumerable<string> ZeroStageNote(Coalition coalition, Commodity commodity, CountrySupplyTable table)
    {
        var members = table.MembersOf(coalition);
        if (members.Sum(r => r.ValueKt) > 0)
        {
            yield break;
        }

        string what = string.Create(CultureInfo.InvariantCulture, $"{coalition.Name} {commodity.Name.ToLowerInvariant()} {table.Stage.ToString().ToLowerInvariant()} {table.Year} is 0");
        if (members.Count > 0)
        {
            yield return $"{what}: the IEA reports {string.Join(", ", members.Select(r => r.Country.Iso3))} at 0.";
        }

        yield return table.Unattributed is { } rest
            ? string.Create(CultureInfo.InvariantCulture, $"{what} in the data, a lower bound: {rest.ValueKt:0.#} {commodity.ModelUnit} no source attributes to a country ({rest.Method}) and members may be among it.")
            : $"{what}: no IEA or USGS country row names a member, and the IEA Rest of world is fully attributed to other countries.";
    }

    /// <summary>Where the coalition's recycled supply comes from and what it assumes.</summary>
    private IEnumerable<string> RecyclingNotes(CoalitionQuestion q, Commodity commodity, double recycledKt, SortedSet<string> sources)
    {
        if (q.RecyclingShareOfDemand is { } share)
        {
            return [string.Create(CultureInfo.InvariantCulture, $"Recycled supply {recycledKt:0.##} {commodity.ModelUnit}: {share:P1} of demand, a user figure [ASSUMPTION].")];
        }

        if (q.Recycling == RecyclingBasis.None)
        {
            return ["Recycled supply: none (RecyclingBasis.None)."];
        }

        if (OwnRecycledSupply(q) is not var (supply, basis))
        {
            return [RecycledSupplyBasis.NoStockModelNote(commodity)];
        }

        sources.Add(Dataset.Busch2025.SourceId);
        return [
            string.Create(CultureInfo.InvariantCulture, $"Recycled supply {ScenarioLabel(q)} {q.Year}: {recycledKt:0.###} {commodity.ModelUnit} of the coalition's own ({basis.Label}; {supply.RegionsText("coalition")}); it counts as supply beside members' mines and refineries."),
            .. basis.Assumptions.Select(a => $"[ASSUMPTION] {basis.Label}: " + a)];
    }

    private static string ScenarioLabel(CoalitionQuestion q) => q.Scenario == DemandScenario.Observed ? "observed (STEPS path)" : q.Scenario.ToString().ToUpperInvariant();

    private static StageCoverage StageOf(CountrySupplyTable supply, Coalition coalition, double demand)
    {
        var members = supply.MembersOf(coalition);
        double total = members.Sum(r => r.ValueKt);
        var largest = members.MaxBy(r => r.ValueKt);
        double? world = supply.WorldKt;
        var (largestShare, hhi) = Concentration(members.ToDictionary(r => r.Country.Iso3, r => r.ValueKt));
        return new StageCoverage(
            total,
            world,
            demand > 0 ? total / demand : 1,
            world is { } w && demand > 0 ? w / demand : null,
            world is { } w2 && w2 > 0 ? total / w2 : null,
            total > 0 ? largest?.Country.Iso3 : null,
            largestShare,
            hhi);
    }

    /// <summary>Largest share and Herfindahl–Hirschman index (shares in percent, squared and summed).</summary>
    internal static (double LargestShare, double Hhi) Concentration(IReadOnlyDictionary<string, double> amounts)
    {
        double total = amounts.Values.Where(v => v > 0).Sum();
        if (total <= 0)
        {
            return (0, 0);
        }

        double largest = 0;
        double hhi = 0;
        foreach (double value in amounts.Values.Where(v => v > 0))
        {
            double share = value / total;
            largest = Math.Max(largest, share);
            hhi += (100 * share) * (100 * share);
        }

        return (largest, hhi);
    }

    private (ReserveCoverage? Coverage, string? Note) ReserveCoverageOf(CoalitionQuestion q, Commodity commodity, SortedSet<string> sources)
    {
        if (commodity.UsgsMineral is null)
        {
            return (null, $"No reserve coverage: {commodity.Trap}");
        }

        if (q.Scenario == DemandScenario.Observed)
        {
            return (null, "No reserve coverage for the observed year: cumulative demand to 2050 needs a scenario.");
        }

        var table = Dataset.Reserves(q.Commodity);
        var members = table.Countries.Where(a => q.Coalition.Contains(a.Record.Country.Iso3)).ToArray();
        var withheld = members.Where(a => a.ValueInModelUnit is null).Select(a => $"{a.Record.Country.Iso3} ({a.Record.ValueRaw})").ToArray();
        double reserves = members.Sum(a => a.ValueInModelUnit ?? 0);
        foreach (var amount in members)
        {
            sources.Add(amount.Record.SourceId);
        }

        double cumulative = CumulativeDemand(q.Commodity, q.Scenario, q.Year, sources);
        return (new ReserveCoverage(table.Edition, reserves, table.World?.ValueInModelUnit, cumulative, q.Year, cumulative > 0 ? reserves / cumulative : double.PositiveInfinity, withheld), null);
    }

    /// <summary>Total demand from <paramref name="fromYear"/> to 2050, integrating the scenario's points with the trapezoid rule.</summary>
    internal double CumulativeDemand(string commodity, DemandScenario scenario, int fromYear, ISet<string>? sources = null)
    {
        var points = Dataset.DemandYears.Where(y => y >= fromYear && y <= HorizonYear).Order()
            .Select(y => (Year: y, Row: Dataset.TotalDemand(commodity, scenario, y)))
            .ToArray();
        double sum = 0;
        for (int k = 0; k + 1 < points.Length; k++)
        {
            sum += (points[k + 1].Year - points[k].Year) * (points[k].Row.Value + points[k + 1].Row.Value) / 2;
        }

        foreach (var point in points)
        {
            sources?.Add(point.Row.SourceId);
        }

        return sum;
    }

    private InvestmentTarget[] InvestmentTargets(CoalitionQuestion q, Commodity commodity, SupplyOutcome outcome, List<string> notes, CancellationToken cancellationToken)
    {
        if (!(outcome.ShortfallKt > 1e-9) || q.InvestmentTargetCount == 0)
        {
            return [];
        }

        // A new mine needs known geology: USGS reserves above zero, current mine output, or (lithium) a deposit of Busch et al. 2025. Without cost data, ties in marginal
        // value go where expansion is most plausible: for mining, the most reserves, then the largest mines; for refining, the
        // largest refineries, then the most ore at home, then the most reserves. Candidates the data cannot tell apart are
        // reported together, never ranked by their codes.
        var reserves = ReservesByCountry(commodity);
        var mines = outcome.Network.Mines.ToDictionary(m => m.Iso3, m => m.CapacityKt, StringComparer.Ordinal);
        var valuable = outcome.MarginalValues.Where(v => v.ShortfallAvoidedPerKt > 1e-9 && IsCandidate(v, q)).ToArray();
        bool HasGeology(CapacityValue v) => reserves.GetValueOrDefault(v.Iso3) > 0 || mines.GetValueOrDefault(v.Iso3) > 0
            || (commodity.Code == "lithium" && Dataset.Busch2025.DepositsIn(v.Iso3).Count > 0);
        var withoutGeology = valuable.Where(v => v.Kind == CapacityKind.Mining && !HasGeology(v)).Select(v => v.Iso3).ToArray();
        (int Kind, double Value, double First, double Second, double Third) KeyOf(CapacityValue v) => (
            (int)v.Kind,
            Math.Round(v.ShortfallAvoidedPerKt, 9),
            v.Kind == CapacityKind.Mining ? reserves.GetValueOrDefault(v.Iso3) : v.CapacityKt,
            v.Kind == CapacityKind.Mining ? v.CapacityKt : mines.GetValueOrDefault(v.Iso3),
            reserves.GetValueOrDefault(v.Iso3));
        var groups = valuable
            .Where(v => v.Kind != CapacityKind.Mining || HasGeology(v))
            .GroupBy(KeyOf)
            .OrderByDescending(g => g.Key.Value)
            .ThenByDescending(g => g.Key.First)
            .ThenByDescending(g => g.Key.Second)
            .ThenByDescending(g => g.Key.Third)
            .ThenBy(g => g.Key.Kind)
            .ToArray();
        if (withoutGeology.Length > 0 && !valuable.Any(v => v.Kind == CapacityKind.Mining && HasGeology(v)))
        {
            notes.Add($"No member has known {commodity.Name.ToLowerInvariant()} resources (USGS reserves above zero, current mine output or a deposit in the data), so no new mine is proposed; members without: {withoutGeology.Length}.");
        }

        // A dual at a degenerate optimum can overstate what one more kt is worth (never understate it), so each
        // candidate is confirmed by re-solving with that capacity raised by 1 kt; the measured gain is reported.
        var targets = new List<InvestmentTarget>();
        foreach (var group in groups)
        {
            var candidate = group.First();
            double gain = outcome.ShortfallKt - ShortfallWithOneMoreKt(outcome.Network, candidate, cancellationToken);

            // A gain under 0.01 kt per kt (e.g. a refinery without ore, fed only by its scrap share) is no investment target.
            if (gain >= MinimumTargetGain)
            {
                var places = group.Select(v => v.Iso3 == CapacityKey.Coalition ? "the coalition" : v.Iso3).Order(StringComparer.Ordinal).ToArray();
                string where = places.Length switch
                {
                    1 => places[0],
                    <= 4 => $"any one of {string.Join(", ", places)} (the data do not tell them apart)",
                    _ => $"any one of {places.Length} members with the same data ({string.Join(", ", places.Take(3))}, …)",
                };
                targets.Add(new InvestmentTarget(candidate.Kind, candidate.Iso3, gain, string.Create(CultureInfo.InvariantCulture,
                    $"+1 kt of {commodity.Name.ToLowerInvariant()} {Stage(candidate.Kind)} capacity in {where} in {q.Year} cuts the shortfall by {gain:0.###} kt")));
            }

            if (targets.Count == q.InvestmentTargetCount)
            {
                break;
            }
        }

        return [.. targets.OrderByDescending(t => Math.Round(t.ShortfallAvoidedPerKt, 9))];
    }

    private double ShortfallWithOneMoreKt(SupplyNetwork network, CapacityValue capacity, CancellationToken cancellationToken)
    {
        static StageCapacity[] Raise(IReadOnlyList<StageCapacity> list, string iso3) =>
            list.Any(c => c.Iso3 == iso3)
                ? list.Select(c => c.Iso3 == iso3 ? c with { CapacityKt = c.CapacityKt + 1 } : c).ToArray()
                : [.. list, new StageCapacity(iso3, 1, true)];

        var raised = capacity.Kind switch
        {
            CapacityKind.Mining => network with { Mines = Raise(network.Mines, capacity.Iso3) },
            CapacityKind.Refining => network with { Refineries = Raise(network.Refineries, capacity.Iso3) },
            CapacityKind.Recycling => network with { RecyclingKt = network.RecyclingKt + 1 },
            _ => network with { OtherRouteKt = network.OtherRouteKt + 1 },
        };
        var model = SupplyModel.Create(raised);
        var backend = _backend ?? SolverBackends.Choose(model.Model);
        var solution = backend.Solve(model.Model, SolveOptions.Default with { ComputeDuals = false }, cancellationToken);
        return solution.HasSolution ? solution.Values[model.ShortfallVariable] : double.NaN;
    }

    /// <summary>
    /// Members' mines and refineries are candidates; coalition-wide routes (recycling, synthetic) only where the user
    /// gave them a capacity, since with the neutral default of zero they would top every list without information.
    /// </summary>
    // Recycled supply on a basis (the stock model) is bounded by what retires, not by plant capacity (unlimited there): one more
    // kt of recycling capacity recovers nothing, whatever the dual of its bound says.
    private static bool IsCandidate(CapacityValue value, CoalitionQuestion q) =>
        !(value.Kind == CapacityKind.Recycling && q.RecyclingShareOfDemand is null)
        && (value.Iso3 == CapacityKey.Coalition ? value.CapacityKt > 0 : q.Coalition.Contains(value.Iso3));

    private Dictionary<string, double> ReservesByCountry(Commodity commodity)
    {
        if (commodity.UsgsMineral is null)
        {
            return [];
        }

        return Dataset.Reserves(commodity.Code).Countries
            .Where(a => a.ValueInModelUnit is not null)
            .ToDictionary(a => a.Record.Country.Iso3, a => a.ValueInModelUnit!.Value, StringComparer.Ordinal);
    }

    private static string Stage(CapacityKind kind) => kind switch
    {
        CapacityKind.Mining => "mining",
        CapacityKind.Refining => "refining",
        CapacityKind.Recycling => "recycling",
        _ => "other-route",
    };
}

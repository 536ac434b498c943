using System.Globalization;
using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Recycling;
using CriticalMinerals.Modeling.World;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.World;

/// <summary>A question to the world allocation model: one commodity, scenario and year, blocs that share the world.</summary>
public sealed record WorldQuestion
{
    /// <summary>Commodity code.</summary>
    public required string Commodity { get; init; }

    /// <summary>
    /// The named blocs, e.g. a US-led and a China-centred one. A member <c>EUU</c> (the European Union as a party) brings the EU27
    /// member states. Blocs must not overlap; every country they leave out, and every output no source attributes to a country,
    /// forms the <see cref="RestName"/> bloc.
    /// </summary>
    public required IReadOnlyList<Coalition> Blocs { get; init; }

    /// <summary>Name of the bloc of everyone else. Default <c>Non-aligned</c>.</summary>
    public string RestName { get; init; } = "Non-aligned";

    /// <summary>IEA scenario; <see cref="DemandScenario.Observed"/> goes with 2024.</summary>
    public DemandScenario Scenario { get; init; } = DemandScenario.Nze;

    /// <summary>Year of supply and demand.</summary>
    public int Year { get; init; } = 2030;

    /// <summary>Allocation rule. Default max-min fairness of coverage.</summary>
    public AllocationRule Rule { get; init; } = AllocationRule.MaxMinFairness;

    /// <summary>
    /// Each named bloc's share of world demand (bloc name → share). Required: the rest bloc gets 1 minus their sum. Coalition
    /// demand from the data (regional lithium demand, battery chemistry) plugs in here.
    /// </summary>
    public required IReadOnlyDictionary<string, double> DemandShares { get; init; }

    /// <summary>Whether every named bloc sources only from its own members at both stages (friendshoring); the rest bloc buys anywhere. Default <see langword="false"/>.</summary>
    public bool NamedBlocsSourceAtHome { get; init; }

    /// <summary>Further supplier-side rules: export bans, share caps, tariffs.</summary>
    public IReadOnlyList<TradeRule> TradeRules { get; init; } = [];

    /// <summary>How the demand shares were obtained and what they assume (printed with the answer).</summary>
    public IReadOnlyList<string> DemandNotes { get; init; } = [];

    /// <summary>Sources of the demand shares.</summary>
    public IReadOnlyList<string> DemandSourceIds { get; init; } = [];

    /// <summary>A label for tables, e.g. <c>G7 vs rest</c>; default: the blocs' names joined by <c> vs </c>.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// Where each bloc's recycled supply comes from. Default <see cref="RecyclingBasis.StockModel"/>: the battery stock model on the
    /// question's IEA scenario (<see cref="ScenarioBatteryFlows"/>) for lithium, nickel, cobalt and graphite; copper and magnet
    /// rare earths have no stock model and keep no recycled supply (noted). <see cref="RecyclingBasis.None"/> is the old basis.
    /// </summary>
    public RecyclingBasis Recycling { get; init; } = RecyclingBasis.StockModel;

    /// <summary>Assumptions of the stock model (default <see cref="ScenarioBatteryFlows.DefaultOptions"/>).</summary>
    public BatteryRecyclingOptions? RecyclingOptions { get; init; }

    /// <summary>
    /// Most recycled supply each bloc may use, kt per year (bloc name → cap); blocs not listed are unlimited. No source gives
    /// recycling capacity by country, so none is set by default.
    /// </summary>
    public IReadOnlyDictionary<string, double> RecyclingCapacityKt { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Chemistry shifts (e.g. <c>new ChemistryShift("LFP", 2)</c>): battery demand of every battery mineral follows the shifted
    /// deployment × intensity, the rest of its demand stays the IEA's; recycled supply follows the same shifted stock.
    /// </summary>
    public IReadOnlyList<ChemistryShift> ChemistryShifts { get; init; } = [];

    /// <summary>Recycling-share rules of blocs (e.g. <see cref="Modeling.Policy.EuCrma.RecyclingRule"/>); the main grid checks the EU CRMA benchmark for the EU27 bloc.</summary>
    public IReadOnlyList<RecyclingShareRule> RecyclingRules { get; init; } = [];

    /// <summary>The label of the setup.</summary>
    public string Setup => Label ?? string.Join(" vs ", Blocs.Select(b => b.Name).Append(RestName));
}

/// <summary>Builds world networks from the dataset (every named producer, <see cref="MineralDataset.CountrySupply"/>) and allocates them.</summary>
public sealed class WorldAnalysis
{
    private readonly ISolverBackend? _backend;
    private readonly ScenarioBatteryFlowsCache _flows;

    /// <summary>Creates an analysis over a dataset.</summary>
    /// <param name="dataset">The data.</param>
    /// <param name="backend">LP backend; the automatic choice when <see langword="null"/>.</param>
    public WorldAnalysis(MineralDataset dataset, ISolverBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Dataset = dataset;
        _flows = new ScenarioBatteryFlowsCache(dataset);
        _backend = backend;
    }

    /// <summary>The dataset.</summary>
    public MineralDataset Dataset { get; }

    /// <summary>The network of a question: every site with output in the year, the blocs with their demand, the rules.</summary>
    /// <param name="question">The question.</param>
    /// <returns>The network and the notes and sources it rests on.</returns>
    /// <exception cref="ArgumentException">Overlapping blocs, shares out of range, or a year without data.</exception>
    public (WorldNetwork Network, IReadOnlyList<string> Notes, IReadOnlyList<string> SourceIds) BuildNetwork(WorldQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var commodity = Dataset.GetCommodity(question.Commodity);
        var supplyCase = CoalitionAnalysis.CaseOf(question.Year);
        var mining = Dataset.CountrySupply(commodity.Code, SupplyStage.Mining, question.Year, supplyCase);
        var refining = Dataset.CountrySupply(commodity.Code, SupplyStage.Refining, question.Year, supplyCase);
        var demandRow = Dataset.TotalDemand(commodity.Code, question.Scenario, question.Year);
        var notes = new List<string>();
        var sources = new SortedSet<string>(StringComparer.Ordinal) { demandRow.SourceId };

        // Sites: every country with output at either stage, and the output no source attributes to a country.
        var capacity = new Dictionary<string, (double Mining, double Refining)>(StringComparer.Ordinal);
        foreach (var (table, isMining) in new[] { (mining, true), (refining, false) })
        {
            foreach (var row in table.AllRows)
            {
                var (m, r) = capacity.GetValueOrDefault(row.Country.Iso3);
                capacity[row.Country.Iso3] = isMining ? (m + row.ValueKt, r) : (m, r + row.ValueKt);
                sources.UnionWith(row.SourceIds);
            }
        }

        const string Unattributed = "ROW";
        var otherRoute = Dataset.OtherRouteSupply(commodity.Code, question.Year);
        if (otherRoute is not null)
        {
            capacity.TryAdd(Unattributed, (0, 0));
            sources.UnionWith(otherRoute.SourceIds);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Other route {otherRoute.Value:0.#} {commodity.ModelUnit}: {otherRoute.Method}{(otherRoute.IsAssumption ? " [ASSUMPTION]" : string.Empty)}; no source attributes it to countries, so it sits with the unattributed output in {question.RestName}."));
        }

        var sites = capacity.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new WorldSite(kv.Key, kv.Value.Mining, kv.Value.Refining) { OtherRouteKt = kv.Key == Unattributed ? otherRoute?.Value ?? 0 : 0 })
            .ToArray();

        // Blocs: the named ones (EUU brings the EU27), then the rest.
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var defined in question.Blocs)
        {
            if (defined.Name == question.RestName)
            {
                throw new ArgumentException($"Bloc name '{defined.Name}' is the name of the rest bloc; choose another or set RestName.", nameof(question));
            }

            var coalition = Dataset.WithPartyMembers(defined, out string? partyNote);
            if (partyNote is not null)
            {
                notes.Add(partyNote);
            }

            var members = coalition.Members.Select(m => m.Iso3).Where(c => c != MineralDataset.EuropeanUnionParty).ToList();
            foreach (string iso3 in members.Distinct(StringComparer.Ordinal))
            {
                if (!owner.TryAdd(iso3, coalition.Name) && owner[iso3] != coalition.Name)
                {
                    throw new ArgumentException($"Blocs overlap: {iso3} is in {owner[iso3]} and {coalition.Name}; blocs must partition the world.", nameof(question));
                }
            }

            sources.UnionWith(coalition.SourceIds);
        }

        var mineral = ScenarioBatteryFlows.MineralOf(commodity);
        var flows = mineral is not null && (question.Recycling != RecyclingBasis.None || question.ChemistryShifts.Count > 0)
            ? FlowsOf(question.Scenario, question.RecyclingOptions, question.ChemistryShifts)
            : null;
        double worldDemand = demandRow.Value;
        if (flows is not null && question.ChemistryShifts.Count > 0)
        {
            double before = flows.UnshiftedBatteryDemandKt(mineral!, question.Year);
            double after = flows.BatteryDemandKt(mineral!, question.Year);
            worldDemand = Math.Max(0, demandRow.Value - before + after);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{ScenarioLabel(question.Scenario)} {question.Year}: chemistry shift {string.Join(", ", question.ChemistryShifts.Select(c => $"{c.Chemistry} x{c.Factor}"))}: battery demand {before:0.#} -> {after:0.#} {commodity.ModelUnit} (deployment x {Dataset.Busch2025.SourceId} mineral_intensity.csv), so world demand {demandRow.Value:0.#} -> {worldDemand:0.#}."));
        }

        double shareSum = 0;
        var blocs = new List<Bloc>();
        foreach (var coalition in question.Blocs)
        {
            if (!question.DemandShares.TryGetValue(coalition.Name, out double share) || !(share is >= 0 and <= 1))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"DemandShares[{coalition.Name}] is {(question.DemandShares.TryGetValue(coalition.Name, out double s) ? s : double.NaN)}; expected a share in [0, 1] for every named bloc."), nameof(question));
            }

            shareSum += share;
            blocs.Add(new Bloc(coalition.Name, sites.Where(s => owner.GetValueOrDefault(s.Iso3) == coalition.Name).Select(s => s.Iso3).ToArray(), worldDemand * share));
        }

        if (shareSum > 1 + 1e-12)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The named blocs' demand shares add up to {shareSum}; expected at most 1."), nameof(question));
        }

        blocs.Add(new Bloc(question.RestName, sites.Where(s => !owner.ContainsKey(s.Iso3)).Select(s => s.Iso3).ToArray(), worldDemand * Math.Max(0, 1 - shareSum)));
        blocs = WithRecycling(question, commodity, mineral, flows, owner, blocs, notes);
        var secondary = Dataset.SecondaryFeedShare(commodity.Code, question.Year, supplyCase);
        sources.UnionWith(secondary.SourceIds);
        var intake = question.NamedBlocsSourceAtHome
            ? question.Blocs.SelectMany(b => new[] { new IntakeRule(b.Name, TradeStage.Ore, 0), new IntakeRule(b.Name, TradeStage.Refined, 0) }).ToArray()
            : [];
        var network = new WorldNetwork(commodity.Code, question.Year, sites, blocs)
        {
            SecondaryFeedShare = secondary.Value,
            Rule = question.Rule,
            TradeRules = question.TradeRules,
            IntakeRules = intake,
            RecyclingRules = question.RecyclingRules,
        };
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"Demand: IEA {demandRow.Year} {demandRow.Scenario} world demand {demandRow.Value:0.#} {commodity.ModelUnit}, split by the blocs' shares; {question.RestName} takes the rest."));
        notes.AddRange(question.DemandNotes);
        sources.UnionWith(question.DemandSourceIds);
        if (flows is not null)
        {
            sources.Add(Dataset.Busch2025.SourceId);
        }

        return (network, notes, [.. sources]);
    }

    private static string ScenarioLabel(DemandScenario scenario) => scenario == DemandScenario.Observed ? "observed" : scenario.ToString().ToUpperInvariant();

    private ScenarioBatteryFlows FlowsOf(DemandScenario scenario, BatteryRecyclingOptions? options, IReadOnlyList<ChemistryShift> shifts) => _flows.Get(scenario, options, shifts);

    /// <summary>Each bloc's recycled supply on the question's basis, capped where the question gives a cap; the figures and assumptions go to the notes.</summary>
    private List<Bloc> WithRecycling(WorldQuestion question, Commodity commodity, string? mineral, ScenarioBatteryFlows? flows, Dictionary<string, string> owner, List<Bloc> blocs, List<string> notes)
    {
        if (question.Recycling == RecyclingBasis.None)
        {
            notes.Add("Recycled supply: none (RecyclingBasis.None, the basis before the stock model).");
            return blocs;
        }

        if (RecycledSupplyBasis.Resolve(Dataset, question.Recycling, mineral, flows) is not { } recycled)
        {
            notes.Add(RecycledSupplyBasis.NoStockModelNote(commodity));
            return blocs;
        }

        var rest = Dataset.Busch2025.Regions.SelectMany(r => r.SovereignCountries).Select(c => c.Iso3).Where(c => !owner.ContainsKey(c)).ToArray();
        var result = new List<Bloc>();
        var figures = new List<string>();
        foreach (var bloc in blocs)
        {
            var members = bloc.Name == question.RestName ? rest : owner.Where(kv => kv.Value == bloc.Name).Select(kv => kv.Key).ToArray();
            var supply = recycled.For(Dataset, members, mineral!, question.Year);
            double kt = supply.RecycledKt;
            string cap = string.Empty;
            if (question.RecyclingCapacityKt.TryGetValue(bloc.Name, out double limit))
            {
                cap = string.Create(CultureInfo.InvariantCulture, $", capped at {limit:0.#}");
                kt = Math.Min(kt, Math.Max(0, limit));
            }

            result.Add(bloc with { RecycledKt = kt });
            figures.Add(string.Create(CultureInfo.InvariantCulture, $"{bloc.Name} {kt:0.#}{cap} ({supply.RegionsText("bloc")})"));
        }

        double world = recycled.Projection.RecycledKt(mineral!, question.Year);
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"Recycled supply {ScenarioLabel(question.Scenario)} {question.Year} ({recycled.Label}, {commodity.ModelUnit}): {string.Join("; ", figures)}; world {world:0.#}. It lowers each bloc's need for mined and refined supply."));
        notes.AddRange(recycled.Assumptions.Select(a => $"[ASSUMPTION] {recycled.Label}: " + a));
        return result;
    }

    /// <summary>Allocates the world's supply of one question across its blocs.</summary>
    /// <param name="question">The question.</param>
    /// <param name="cancellationToken">Stops the solves.</param>
    /// <returns>The allocation, with the notes and sources of the network.</returns>
    public WorldAllocationResult Allocate(WorldQuestion question, CancellationToken cancellationToken = default)
    {
        var (network, notes, sources) = BuildNetwork(question);
        var result = WorldAllocation.Solve(network, _backend, cancellationToken);
        var commodity = Dataset.GetCommodity(question.Commodity);
        // The rule notes say which world they check: the same setup is asked under several scenarios.
        var labels = question.RecyclingRules.Select(r => r.Label).ToArray();
        var resultNotes = result.Notes.Select(n => labels.Any(l => n.StartsWith(l, StringComparison.Ordinal)) ? $"{ScenarioLabel(question.Scenario)} {question.Year}: {n}" : n);
        return result with
        {
            Notes = [.. notes, .. resultNotes],
            SourceIds = sources,
            Setup = question.Setup,
            Scenario = question.Scenario,
            WorldDemandKt = network.Blocs.Sum(b => b.DemandKt), // the blocs partition world demand
            Unit = commodity.ModelUnit,
        };
    }

    /// <summary>Allocates many questions in parallel (<see cref="Batch"/>): cancellation keeps the allocations that finished.</summary>
    /// <param name="questions">The questions.</param>
    /// <param name="options">Parallelism; <see cref="BatchOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives the number finished so far.</param>
    /// <param name="cancellationToken">Stops the batch, keeping finished allocations; never throws for cancellation.</param>
    /// <returns>The finished allocations in question order.</returns>
    public BatchResult<WorldAllocationResult> AllocateBatch(IReadOnlyList<WorldQuestion> questions, BatchOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Batch.Run(questions, Allocate, null, options, progress, cancellationToken);

    /// <summary>Allocates many questions in parallel, in the order given: <see cref="AllocateBatch"/> for a run that must be whole.</summary>
    /// <param name="questions">The questions.</param>
    /// <param name="progress">Receives the number finished so far.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>Every allocation, in question order.</returns>
    /// <exception cref="OperationCanceledException">Cancelled before every question was allocated.</exception>
    public IReadOnlyList<WorldAllocationResult> AllocateAll(IReadOnlyList<WorldQuestion> questions, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        CoalitionAnalysis.Whole(AllocateBatch(questions, null, progress, cancellationToken), cancellationToken);

    /// <summary>
    /// The question with each named bloc's share of world demand from the data (<see cref="MineralDataset.CoalitionDemand"/>:
    /// regional lithium demand, battery chemistry, and a documented key for the rest), its method and assumptions in the notes.
    /// </summary>
    /// <param name="question">The question (its <see cref="WorldQuestion.DemandShares"/> are replaced).</param>
    /// <param name="options">Estimation options; defaults when <see langword="null"/>.</param>
    /// <returns>The question with data shares.</returns>
    public WorldQuestion WithDataDemand(WorldQuestion question, CoalitionDemandOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        var notes = new List<string>();
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var bloc in question.Blocs)
        {
            var estimate = Dataset.CoalitionDemand(question.Commodity, bloc, question.Scenario, question.Year, options);
            shares[bloc.Name] = estimate.Share;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{bloc.Name} demand {estimate.CoalitionKt:0.#} of {estimate.WorldKt:0.#} ({estimate.Share:P1}): {estimate.Method}"));
            notes.AddRange(estimate.Assumptions.Select(a => "[ASSUMPTION] " + a));
            sources.UnionWith(estimate.SourceIds);
        }

        return question with { DemandShares = shares, DemandNotes = notes.Distinct().ToArray(), DemandSourceIds = [.. sources] };
    }

    /// <summary>
    /// The China-centred bloc of the two-bloc split: China and Russia. No source in the data defines such a bloc; this is the
    /// library's documented default, and any other is a <see cref="Coalition.Create"/> away.
    /// </summary>
    /// <returns>The bloc.</returns>
    public static Coalition ChinaCentred() => Coalition.Create("China-centred", ["CHN", "RUS"]);

    /// <summary>
    /// The main job's grid: for every commodity, each built-in coalition against the rest of the world, and the two-bloc split
    /// (the Minerals Security Partnership, US-led, against a China-centred bloc, the rest non-aligned), for the 2024 baseline and
    /// STEPS, APS and NZE in <paramref name="year"/>.
    /// </summary>
    /// <param name="year">Projection year.</param>
    /// <param name="rule">Allocation rule.</param>
    /// <param name="demandOptions">How coalition demand is estimated from the data (<see cref="MineralDataset.CoalitionDemand"/>); defaults when <see langword="null"/>.</param>
    /// <returns>The questions, each bloc's demand from the data.</returns>
    public IReadOnlyList<WorldQuestion> MainQuestions(int year, AllocationRule rule = AllocationRule.MaxMinFairness, CoalitionDemandOptions? demandOptions = null)
    {
        var setups = CoalitionAnalysis.BuiltInCoalitions.Select(name => (IReadOnlyList<Coalition>)[Dataset.GetCoalition(name)])
            .Append([Dataset.GetCoalition("MSP_Minerals_Security_Partnership"), ChinaCentred()])
            .ToArray();
        var questions = new List<WorldQuestion>();
        foreach (var commodity in Dataset.Commodities)
        {
            foreach (var (scenario, y) in new[] { (DemandScenario.Observed, CoalitionAnalysis.BaseYear), (DemandScenario.Steps, year), (DemandScenario.Aps, year), (DemandScenario.Nze, year) })
            {
                foreach (var blocs in setups)
                {
                    questions.Add(WithDataDemand(
                        new WorldQuestion
                        {
                            Commodity = commodity.Code,
                            Blocs = blocs,
                            RestName = blocs.Count == 1 ? "Rest of world" : "Non-aligned",
                            Scenario = scenario,
                            Year = y,
                            Rule = rule,
                            DemandShares = new Dictionary<string, double>(),
                            // The CRMA benchmarks are 2030 targets: checked in the projection years, not in the 2024 baseline.
                            RecyclingRules = blocs.Any(b => b.Name == "EU27") && y >= 2030 ? [Modeling.Policy.EuCrma.RecyclingRule(Dataset, "EU27")] : [],
                        },
                        demandOptions));
                }
            }
        }

        return questions;
    }
}

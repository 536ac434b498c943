using System.Globalization;
using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling.Policy;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Planning;

/// <summary>A build-out question: a commodity, a coalition and a demand scenario over the data's years, with assumptions.</summary>
public sealed record PlanningQuestion
{
    /// <summary>Commodity code (e.g. <c>lithium</c>).</summary>
    public required string Commodity { get; init; }

    /// <summary>The coalition.</summary>
    public required Coalition Coalition { get; init; }

    /// <summary>IEA scenario of the projected years (2024 always uses observed demand). Default NZE.</summary>
    public DemandScenario Scenario { get; init; } = DemandScenario.Nze;

    /// <summary>Share of world demand the coalition serves. Default 1 (what the world needs), as in <see cref="CoalitionQuestion.DemandShare"/>.</summary>
    public double DemandShare { get; init; } = 1;

    /// <summary>
    /// Whether to add the IEA demand-only years after the last supply year (2045, 2050): capacity is held at the last
    /// supply year (2040) and new build adds to it. Default <see langword="false"/>.
    /// </summary>
    public bool IncludeDemandOnlyYears { get; init; }

    /// <summary>Length of the last period in years. Default 5, the step of the IEA projections.</summary>
    public double LastPeriodLengthYears { get; init; } = 5;

    /// <summary>Friendshoring limits; coalition-only by default (hard). <see langword="null"/> is the open market (non-members sell up to <see cref="NonMemberCapacityShare"/> of capacity).</summary>
    public FriendshoringShareRule? Friendshoring { get; init; } = FriendshoringShareRule.CoalitionOnly;

    /// <summary>Share of a non-member's capacity the coalition may buy (open market). Default 1, which overstates access; see <see cref="PlanningProblem.NonMemberCapacityShare"/>.</summary>
    public double NonMemberCapacityShare { get; init; } = 1;

    /// <summary>Scrap share of member refining; <see langword="null"/> derives it from the 2024 world rows (1 − world mining / world refining).</summary>
    public double? SecondaryFeedShare { get; init; }

    /// <summary>Continuous new build.</summary>
    public BuildOptions Build { get; init; } = new();

    /// <summary>Lumpy projects (makes the plan a MIP).</summary>
    public IReadOnlyList<ProjectCandidate> Projects { get; init; } = [];

    /// <summary>Stockpile.</summary>
    public StockpileOptions Stockpile { get; init; } = new();

    /// <summary>Recycling: a collection rate on the plan's own past supply (0 by default), and an exogenous series that replaces <see cref="RecycledSupply"/> when given.</summary>
    public RecyclingOptions Recycling { get; init; } = new();

    /// <summary>
    /// Where the coalition's own recycled supply per period comes from when <see cref="RecyclingOptions.RecycledKt"/> is empty. Default
    /// <see cref="RecyclingBasis.StockModel"/>, as <see cref="CoalitionQuestion.Recycling"/> and the world model: the battery stock
    /// model on the question's scenario at each period's year, the Busch regions the coalition holds whole (a lower bound); copper
    /// and magnet rare earths get none. <see cref="RecyclingBasis.None"/>: none.
    /// </summary>
    public RecyclingBasis RecycledSupply { get; init; } = RecyclingBasis.StockModel;

    /// <summary>Where new mines may open and how much each member may extract (on by default; see <see cref="GeologyOptions"/>).</summary>
    public GeologyOptions Geology { get; init; } = new();

    /// <summary>Further policy rules (the friendshoring rule is added from <see cref="Friendshoring"/>).</summary>
    public IReadOnlyList<IPolicyRule> Rules { get; init; } = [];

    /// <summary>Source ids of rule inputs to carry into the report (e.g. from <see cref="EuCrma.Rules"/>).</summary>
    public IReadOnlyList<string> RuleSourceIds { get; init; } = [];

    /// <summary>Assumptions stated by the caller, carried into the report's notes.</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];
}

/// <summary>
/// Builds multi-period plans from the dataset and runs them: build-out, stress tests and coalition design.
/// Thread-safe: every call builds and solves its own models.
/// </summary>
public sealed partial class PlanningAnalysis
{
    private readonly ISolverBackend? _backend;
    private readonly ScenarioBatteryFlowsCache _flows;

    /// <summary>Creates an analysis over a dataset.</summary>
    /// <param name="dataset">The data.</param>
    /// <param name="backend">Backend for every solve; <see cref="SolverBackends.Choose"/> when <see langword="null"/> (CLP for LPs, SCIP for MIPs).</param>
    public PlanningAnalysis(MineralDataset dataset, ISolverBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Dataset = dataset;
        _flows = new ScenarioBatteryFlowsCache(dataset);
        _backend = backend;
    }

    /// <summary>The dataset.</summary>
    public MineralDataset Dataset { get; }

    /// <summary>
    /// The planning problem of a question. Periods: the IEA supply years (2024 observed, then the base case), and with
    /// <see cref="PlanningQuestion.IncludeDemandOnlyYears"/> the later demand years. Per country and stage: existing = the 2024
    /// observed output, lowered where the base case declines (a decline is a decline); pipeline = the base-case increase over
    /// 2024, never negative, for every named producer (<see cref="MineralDataset.CountrySupply"/>: IEA rows and the IEA Rest of
    /// world split by USGS output). Members get the geology of <see cref="PlanningQuestion.Geology"/>: new mines only where a
    /// resource is known, cumulative extraction within reserves (plus known resources) or, where only production is known,
    /// within a stated number of years of it; every assumption used is noted.
    /// </summary>
    /// <param name="question">The question.</param>
    /// <returns>The problem.</returns>
    /// <exception cref="ArgumentException">The question does not fit the data.</exception>
    public PlanningProblem BuildProblem(PlanningQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        question = question with { Coalition = Dataset.WithPartyMembers(question.Coalition, out string? partyNote) };
        var commodity = Dataset.GetCommodity(question.Commodity);
        if (question.Scenario == DemandScenario.Observed)
        {
            throw new ArgumentException("A plan needs a scenario for the projected years (STEPS, APS or NZE).", nameof(question));
        }

        if (!(question.DemandShare is > 0 and <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"DemandShare is {question.DemandShare}; expected a share in (0, 1]."), nameof(question));
        }

        var sources = new SortedSet<string>(StringComparer.Ordinal);
        var notes = new List<string> { commodity.Trap };
        if (partyNote is not null)
        {
            notes.Add(partyNote);
        }

        notes.AddRange(question.Assumptions);
        int baseYear = CoalitionAnalysis.BaseYear;
        var supplyYears = Dataset.SupplyYears.Where(y => y >= baseYear).ToArray();
        int lastSupply = supplyYears[^1];
        var years = supplyYears.ToList();
        if (question.IncludeDemandOnlyYears)
        {
            years.AddRange(Dataset.DemandYears.Where(y => y > lastSupply));
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Demand-only years after {lastSupply}: capacity held at {lastSupply} plus new build."));
        }

        var periods = new List<PlanPeriod>();
        for (int t = 0; t < years.Count; t++)
        {
            int year = years[t];
            var row = Dataset.TotalDemand(commodity.Code, year == baseYear ? DemandScenario.Observed : question.Scenario, year);
            sources.Add(row.SourceId);
            double length = t + 1 < years.Count ? years[t + 1] - year : question.LastPeriodLengthYears;
            periods.Add(new PlanPeriod(year, length, row.Value * question.DemandShare, year <= lastSupply) { WorldDemandKt = row.Value });
        }

        // Capacity paths per site and stage: every named producer (IEA rows, and the IEA Rest of world split over the
        // countries it hides by USGS output); what no source attributes stays an aggregate non-member row.
        var values = new Dictionary<(string Iso3, SupplyStage Stage, int Year), double>();
        var aggregates = new HashSet<string>(StringComparer.Ordinal);
        var stages = new[] { SupplyStage.Mining, SupplyStage.Refining };
        var derived = new List<string>();
        var worldOutput = new Dictionary<SupplyStage, double>();
        foreach (var stage in stages)
        {
            foreach (int year in supplyYears)
            {
                var supply = Dataset.CountrySupply(commodity.Code, stage, year, CoalitionAnalysis.CaseOf(year));
                if (year == baseYear)
                {
                    worldOutput[stage] = supply.WorldKt ?? supply.TotalKt;
                }

                foreach (var r in supply.AllRows)
                {
                    values[(r.Country.Iso3, stage, year)] = r.ValueKt;
                    sources.UnionWith(r.SourceIds);
                    if (r.Country.IsAggregate)
                    {
                        aggregates.Add(r.Country.Iso3);
                    }
                    else if (year == baseYear && r.Derivation == SupplyDerivation.RestOfWorldSplit && question.Coalition.Contains(r.Country.Iso3))
                    {
                        derived.Add(string.Create(CultureInfo.InvariantCulture, $"{r.Country.Iso3} {stage.ToString().ToLowerInvariant()} {r.ValueKt:0.###} ({r.Method})"));
                    }
                }
            }
        }

        if (derived.Count > 0)
        {
            notes.Add($"Members the IEA counts in Rest of world, credited with a share of it by their USGS output (derived figures, {baseYear}): {string.Join("; ", derived)}.");
        }

        if (aggregates.Count > 0)
        {
            notes.Add("The part of the IEA Rest of world that no source attributes to a country stays one aggregate non-member row (ROW).");
        }

        var siteCodes = values.Keys.Select(k => k.Iso3).ToHashSet(StringComparer.Ordinal);
        foreach (var member in question.Coalition.Members)
        {
            if (member.Iso3 != MineralDataset.EuropeanUnionParty && Dataset.Countries.TryGetValue(member.Iso3, out var country) && !country.IsAggregate)
            {
                siteCodes.Add(member.Iso3);
            }
        }

        var memberCodes = siteCodes.Where(c => question.Coalition.Contains(c) && !aggregates.Contains(c)).ToHashSet(StringComparer.Ordinal);
        var geology = SiteGeology(
            commodity,
            question,
            memberCodes,
            iso3 => values.GetValueOrDefault((iso3, SupplyStage.Mining, baseYear)),
            iso3 => supplyYears.Max(y => values.GetValueOrDefault((iso3, SupplyStage.Mining, y))),
            sources,
            notes);
        var sites = new List<PlanSite>();
        foreach (string iso3 in siteCodes.Order(StringComparer.Ordinal))
        {
            CapacityPath PathOf(SupplyStage stage)
            {
                double observed = values.GetValueOrDefault((iso3, stage, baseYear));
                var existing = new double[years.Count];
                var pipeline = new double[years.Count];
                for (int t = 0; t < years.Count; t++)
                {
                    int year = Math.Min(years[t], lastSupply);
                    double projected = values.GetValueOrDefault((iso3, stage, year));
                    existing[t] = t == 0 ? observed : Math.Min(observed, projected);
                    pipeline[t] = t == 0 ? 0 : Math.Max(0, projected - observed);
                }

                return new CapacityPath(existing, pipeline);
            }

            var site = new PlanSite(iso3, memberCodes.Contains(iso3), PathOf(SupplyStage.Mining), PathOf(SupplyStage.Refining)) { IsAggregate = aggregates.Contains(iso3) };
            sites.Add(geology.TryGetValue(iso3, out var g) ? g.Apply(site) : site);
        }

        // The route that needs no ore (synthetic graphite), as the world view states it: no source attributes it to countries,
        // so the aggregate non-member row sells it.
        var otherRoute = years.Select(y => Dataset.OtherRouteSupply(commodity.Code, Math.Min(y, lastSupply))).ToArray();
        if (otherRoute.Any(o => o is { Value: > 0 }))
        {
            if (sites.All(s => s.Iso3 != PlanningProblem.UnattributedSite))
            {
                sites.Add(new PlanSite(PlanningProblem.UnattributedSite, false, CapacityPath.None(years.Count), CapacityPath.None(years.Count)) { IsAggregate = true });
            }

            var first = otherRoute.First(o => o is not null)!;
            sources.UnionWith(first.SourceIds);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Other route {first.Value:0.#} {commodity.ModelUnit} per year: {otherRoute[^1]!.Method}{(otherRoute.Any(o => o?.IsAssumption == true) ? " [ASSUMPTION]" : string.Empty)}; no source attributes it to countries, so the aggregate non-member row ({PlanningProblem.UnattributedSite}) sells it like refined material."));
        }

        var build = WithStartAllowance(question, worldOutput, commodity.ModelUnit, notes);
        var projects = MinableProjects(question.Projects, sites, notes);
        double secondary = question.SecondaryFeedShare ?? Dataset.SecondaryFeedShare(commodity.Code, baseYear, SupplyCase.Observed).Value;
        if (question.SecondaryFeedShare is null && secondary > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Member refineries may take {secondary:P1} of their output as non-mined feed (scrap): 1 − world mining / world refining in {baseYear}."));
        }

        var rules = new List<IPolicyRule>();
        if (question.Friendshoring is { } friendshoring)
        {
            rules.Add(friendshoring);
        }
        else
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Open market: non-members may sell up to {question.NonMemberCapacityShare:P0} of their capacity to the coalition."));
        }

        rules.AddRange(question.Rules);
        sources.UnionWith(question.Coalition.SourceIds);
        sources.UnionWith(question.RuleSourceIds);
        foreach (var ira in question.Rules.OfType<Ira30DRule>())
        {
            sources.UnionWith(ira.SourceIds);
        }

        return new PlanningProblem
        {
            Commodity = commodity.Code,
            Unit = commodity.ModelUnit,
            Periods = periods,
            Sites = sites,
            SecondaryFeedShare = secondary,
            NonMemberCapacityShare = question.NonMemberCapacityShare,
            UnattributedOtherRouteKt = otherRoute.Select(o => o?.Value ?? 0).ToArray(),
            Build = build,
            Projects = projects,
            Stockpile = question.Stockpile,
            Recycling = WithRecycledSupply(question, commodity, years, sources, notes),
            Rules = rules,
            SourceIds = [.. sources],
            Notes = notes,
        };
    }

    /// <summary>The question's recycling with the coalition's own recycled supply per period on its basis; the figures and assumptions go to the notes.</summary>
    private RecyclingOptions WithRecycledSupply(PlanningQuestion question, Commodity commodity, List<int> years, SortedSet<string> sources, List<string> notes)
    {
        if (question.Recycling.Plants is { } plants)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"[ASSUMPTION] recycling plants (user inputs; no source gives recycling capacity by country): {plants.CapacityKt:0.###} {commodity.ModelUnit} per year in place")
                + (plants.AllowBuild ? string.Create(CultureInfo.InvariantCulture, $", new capacity from {years[0] + plants.Build.LeadTimeYears:0.#} at {plants.CapitalCostPerKt:0.###} per kt per year") : ", no new build")
                + "; recycled supply is at most what the plants can process and what retires.");
        }

        if (question.Recycling.RecycledKt.Count > 0)
        {
            notes.Add($"Recycled supply per period: {string.Join(", ", question.Recycling.RecycledKt.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)))} {commodity.ModelUnit}, a user figure [ASSUMPTION].");
            return question.Recycling;
        }

        var mineral = ScenarioBatteryFlows.MineralOf(commodity);
        if (question.RecycledSupply == RecyclingBasis.None)
        {
            notes.Add("Recycled supply: none (RecyclingBasis.None).");
            return question.Recycling;
        }

        var basis = RecycledSupplyBasis.Resolve(Dataset, question.RecycledSupply, mineral, mineral is null ? null : _flows.Get(question.Scenario, null, []));
        if (basis is null)
        {
            notes.Add(RecycledSupplyBasis.NoStockModelNote(commodity));
            return question.Recycling;
        }

        var members = question.Coalition.Members.Select(m => m.Iso3).ToArray();
        var supply = years.Select(y => basis.For(Dataset, members, mineral!, y)).ToArray();
        sources.Add(Dataset.Busch2025.SourceId);
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"Recycled supply of the coalition's own per period ({basis.Label}, {question.Scenario.ToString().ToUpperInvariant()}; 2024 on its path): {string.Join(", ", supply.Select(s => $"{s.Year} {s.RecycledKt:0.###}"))} {commodity.ModelUnit}; regions: {supply[^1].RegionsText("coalition")}."));
        notes.AddRange(basis.Assumptions.Select(a => $"[ASSUMPTION] {basis.Label}: " + a));
        return question.Recycling with { RecycledKt = [.. supply.Select(s => s.RecycledKt)] };
    }

    /// <summary>Plans the build-out of a question (LP, or MIP with projects) and reports it per period.</summary>
    /// <param name="question">The question.</param>
    /// <param name="options">Solve options per stage (a time limit returns the best plan found, with its bound and gap where the backend proves one).</param>
    /// <param name="cancellationToken">Stops the solve.</param>
    /// <returns>The plan.</returns>
    public PlanResult Plan(PlanningQuestion question, SolveOptions? options = null, CancellationToken cancellationToken = default) =>
        Solve(BuildProblem(question), options, cancellationToken);

    /// <summary>Solves a problem with this analysis's backend.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">Solve options per stage.</param>
    /// <param name="cancellationToken">Stops the solve.</param>
    /// <returns>The plan.</returns>
    public PlanResult Solve(PlanningProblem problem, SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        var plan = PlanModel.Create(problem);
        return PlanSolver.Solve(plan, _backend ?? SolverBackends.Choose(plan.Model), options, cancellationToken);
    }
}

using System.Globalization;
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

    /// <summary>Recycling.</summary>
    public RecyclingOptions Recycling { get; init; } = new();

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

    /// <summary>Creates an analysis over a dataset.</summary>
    /// <param name="dataset">The data.</param>
    /// <param name="backend">Backend for every solve; <see cref="SolverBackends.Choose"/> when <see langword="null"/> (CLP for LPs, SCIP for MIPs).</param>
    public PlanningAnalysis(MineralDataset dataset, ISolverBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Dataset = dataset;
        _backend = backend;
    }

    /// <summary>The dataset.</summary>
    public MineralDataset Dataset { get; }

    /// <summary>
    /// The planning problem of a question. Periods: the IEA supply years (2024 observed, then the base case), and with
    /// <see cref="PlanningQuestion.IncludeDemandOnlyYears"/> the later demand years. Per country and stage: existing = the 2024
    /// observed output, lowered where the base case declines (a decline is a decline); pipeline = the base-case increase over
    /// 2024, never negative. Members get USGS reserves where published; withheld or missing reserves put no bound and are noted.
    /// </summary>
    /// <param name="question">The question.</param>
    /// <returns>The problem.</returns>
    /// <exception cref="ArgumentException">The question does not fit the data.</exception>
    public PlanningProblem BuildProblem(PlanningQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
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

        // Capacity paths per site and stage.
        var values = new Dictionary<(string Iso3, SupplyStage Stage, int Year), double>();
        var aggregates = new HashSet<string>(StringComparer.Ordinal);
        var stages = new[] { SupplyStage.Mining, SupplyStage.Refining };
        var worlds = new Dictionary<SupplyStage, double?>();
        foreach (var stage in stages)
        {
            foreach (int year in supplyYears)
            {
                var supply = Dataset.Supply(commodity.Code, stage, year, CoalitionAnalysis.CaseOf(year));
                foreach (var r in supply.Countries.Concat(supply.RestOfWorld is { } rest ? [rest] : []))
                {
                    values[(r.Country.Iso3, stage, year)] = r.Value;
                    sources.Add(r.SourceId);
                    if (r.Country.IsAggregate)
                    {
                        aggregates.Add(r.Country.Iso3);
                    }
                }
            }
        }

        var siteCodes = values.Keys.Select(k => k.Iso3).ToHashSet(StringComparer.Ordinal);
        foreach (var member in question.Coalition.Members)
        {
            if (member.Iso3 != "EUU" && Dataset.Countries.TryGetValue(member.Iso3, out var country) && !country.IsAggregate)
            {
                siteCodes.Add(member.Iso3);
            }
        }

        var (reserves, reserveNotes) = MemberReserves(commodity, question.Coalition, sources);
        notes.AddRange(reserveNotes);
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

            bool member = question.Coalition.Contains(iso3) && !aggregates.Contains(iso3);
            sites.Add(new PlanSite(iso3, member, PathOf(SupplyStage.Mining), PathOf(SupplyStage.Refining), member ? reserves.GetValueOrDefault(iso3) : null)
            {
                IsAggregate = aggregates.Contains(iso3),
            });
        }

        if (aggregates.Count > 0)
        {
            notes.Add("IEA lumps small producers into 'Rest of world'; members among them are not credited, so coalition figures are lower bounds.");
        }

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
            Build = question.Build,
            Projects = question.Projects,
            Stockpile = question.Stockpile,
            Recycling = question.Recycling,
            Rules = rules,
            SourceIds = [.. sources],
            Notes = notes,
        };
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

    private (Dictionary<string, double?> Reserves, List<string> Notes) MemberReserves(Commodity commodity, Coalition coalition, SortedSet<string> sources)
    {
        var reserves = new Dictionary<string, double?>(StringComparer.Ordinal);
        var notes = new List<string>();
        if (commodity.UsgsMineral is null)
        {
            notes.Add($"No reserve constraint: {commodity.Name} has no USGS reserves ({commodity.Trap}).");
            return (reserves, notes);
        }

        var table = Dataset.Reserves(commodity.Code);
        var withheld = new List<string>();
        foreach (var amount in table.Countries.Where(a => coalition.Contains(a.Record.Country.Iso3)))
        {
            sources.Add(amount.Record.SourceId);
            reserves[amount.Record.Country.Iso3] = amount.ValueInModelUnit;
            if (amount.ValueInModelUnit is null)
            {
                withheld.Add($"{amount.Record.Country.Iso3} ({amount.Record.ValueRaw})");
            }
        }

        notes.Add($"Cumulative extraction of members is bounded by USGS {table.Edition} reserves where published; members without a published figure have no bound.");
        if (withheld.Count > 0)
        {
            notes.Add($"USGS reserves withheld, so no reserve bound: {string.Join(", ", withheld)}.");
        }

        return (reserves, notes);
    }
}

using CriticalMinerals.Data;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Modeling.Planning;

/// <summary>The outcome of one stage of the lexicographic solve.</summary>
/// <param name="Status">Normalised status.</param>
/// <param name="ObjectiveValue">Objective of the solution found, or <see langword="null"/>.</param>
/// <param name="BestBound">Best proven bound (MIP) where the backend proves one (SCIP, CBC), else <see langword="null"/> (HiGHS through OR-Tools).</param>
/// <param name="RelativeGap">Relative gap where a bound is known, else <see langword="null"/>.</param>
/// <param name="StopReason">Why the solve stopped early, if it did.</param>
/// <param name="Message">The solver's or the library's message, or <see langword="null"/>.</param>
public sealed record StageSolve(SolveStatus Status, double? ObjectiveValue, double? BestBound, double? RelativeGap, StopReason StopReason, string? Message);

/// <summary>Coalition totals of one period (kt per year unless stated).</summary>
/// <param name="Year">First year of the period.</param>
/// <param name="LengthYears">Length of the period.</param>
/// <param name="DemandKt">Demand.</param>
/// <param name="MemberMinedKt">Members' mine output.</param>
/// <param name="MemberRefinedKt">Members' refined output.</param>
/// <param name="NonMemberOreKt">Ore bought from non-members.</param>
/// <param name="NonMemberRefinedKt">Refined material bought from non-members.</param>
/// <param name="SecondaryFeedKt">Scrap feed of members' refineries.</param>
/// <param name="RecycledKt">Recycled supply.</param>
/// <param name="StockInKt">Added to the stockpile, kt per year.</param>
/// <param name="ReleaseKt">Released from the stockpile, kt per year.</param>
/// <param name="StockEndKt">Stock at the end of the period (kt).</param>
/// <param name="ShortfallKt">Demand not served.</param>
/// <param name="NewCapacityBuiltKt">Capacity added in this period at both stages (continuous build plus projects coming online).</param>
public sealed record PeriodPlan(
    int Year,
    double LengthYears,
    double DemandKt,
    double MemberMinedKt,
    double MemberRefinedKt,
    double NonMemberOreKt,
    double NonMemberRefinedKt,
    double SecondaryFeedKt,
    double RecycledKt,
    double StockInKt,
    double ReleaseKt,
    double StockEndKt,
    double ShortfallKt,
    double NewCapacityBuiltKt)
{
    /// <summary>Share of demand served (1 without demand).</summary>
    public double Coverage => DemandKt > 0 ? 1 - (ShortfallKt / DemandKt) : 1;

    /// <summary>Recycling capacity the coalition builds in this period (kt per year of recycled output; 0 without <see cref="RecyclingOptions.Plants"/>).</summary>
    public double RecyclingCapacityBuiltKt { get; init; }
}

/// <summary>Capacity, build and output of one site, stage and period (kt per year).</summary>
/// <param name="Iso3">Site code.</param>
/// <param name="Stage">Stage.</param>
/// <param name="Year">First year of the period.</param>
/// <param name="IsMember">Whether the site is a member (or a joined candidate).</param>
/// <param name="ExistingKt">Existing capacity.</param>
/// <param name="PipelineKt">Announced pipeline.</param>
/// <param name="NewBuildKt">Cumulative new build available in the period (continuous and projects).</param>
/// <param name="BuiltThisPeriodKt">New build first available in this period.</param>
/// <param name="OutputKt">Output (members) or sales to the coalition (non-members).</param>
public sealed record CapacityRow(string Iso3, SupplyStage Stage, int Year, bool IsMember, double ExistingKt, double PipelineKt, double NewBuildKt, double BuiltThisPeriodKt, double OutputKt)
{
    /// <summary>Existing + pipeline + new build.</summary>
    public double CapacityKt => ExistingKt + PipelineKt + NewBuildKt;
}

/// <summary>A lumpy project's decision.</summary>
/// <param name="Project">The candidate.</param>
/// <param name="Built">Whether it is built.</param>
/// <param name="SizeKt">Size built (kt per year).</param>
/// <param name="FirstOutputYear">Year of the first period with output, or <see langword="null"/> after the horizon.</param>
public sealed record ProjectDecision(ProjectCandidate Project, bool Built, double SizeKt, int? FirstOutputYear);

/// <summary>How much a soft rule is missed.</summary>
/// <param name="Rule">Rule name.</param>
/// <param name="RowGroup">Row group.</param>
/// <param name="Year">Year of the period, or <see langword="null"/>.</param>
/// <param name="Detail">What the row is about.</param>
/// <param name="ViolationKt">Amount by which the row is missed (kt, or kt per year for yearly rows).</param>
public sealed record RuleViolation(string Rule, string RowGroup, int? Year, string Detail, double ViolationKt);

/// <summary>Cumulative extraction of a member against its reserves.</summary>
/// <param name="Iso3">Member.</param>
/// <param name="ReservesKt">USGS reserves, or <see langword="null"/> where withheld or unknown (no constraint).</param>
/// <param name="CumulativeExtractionKt">Σ_t L_t·mined over the horizon.</param>
/// <param name="Binding">Whether extraction reaches the reserves (within 1e-6 relative).</param>
public sealed record ReserveUse(string Iso3, double? ReservesKt, double CumulativeExtractionKt, bool Binding)
{
    /// <summary>What the limit rests on (<see cref="PlanSite.ExtractionLimitBasis"/>), or <see langword="null"/>.</summary>
    public string? Basis { get; init; }
}

/// <summary>New capacity a plan builds at one member and stage over the horizon (continuous build and projects).</summary>
/// <param name="Iso3">Member.</param>
/// <param name="Stage">Stage.</param>
/// <param name="NewCapacityKt">New capacity available in the last period (kt per year).</param>
/// <param name="FirstYear">First year of the first period with new capacity.</param>
/// <param name="ExistingKt">Capacity in the first period (kt per year).</param>
/// <param name="ExtractionLimitKt">Cumulative extraction limit of the site (mining), or <see langword="null"/>.</param>
/// <param name="Basis">What the extraction limit rests on, or <see langword="null"/>.</param>
public sealed record SiteBuild(string Iso3, SupplyStage Stage, double NewCapacityKt, int FirstYear, double ExistingKt, double? ExtractionLimitKt, string? Basis);

/// <summary>A solved build-out plan, with per-period tables ready for export.</summary>
/// <param name="Commodity">Commodity code.</param>
/// <param name="Unit">Unit of every quantity.</param>
/// <param name="Backend">Backend that solved it.</param>
/// <param name="IsMixedInteger">Whether the model had integer variables.</param>
/// <param name="Shortfall">The first stage (kt of shortfall over the horizon).</param>
/// <param name="ViolationStage">The second stage (penalised soft-rule violations), or <see langword="null"/> where skipped (no soft rule, or no solution).</param>
/// <param name="Cost">The last stage (cost with the earlier stages held), or <see langword="null"/> where skipped. Its objective excludes the tie-breaks of <see cref="PlanModel.TieBreakWeight"/>; its bound and gap are those of the objective solved (with them).</param>
/// <param name="Periods">Coalition totals per period (empty without a solution).</param>
/// <param name="Capacities">Capacity table per site, stage and period.</param>
/// <param name="Projects">Project decisions.</param>
/// <param name="Violations">Soft rules missed (only nonzero violations).</param>
/// <param name="Reserves">Members' extraction against reserves.</param>
/// <param name="Notes">Assumptions, data gaps, rules not applied.</param>
/// <param name="SourceIds">Source ids of the figures used.</param>
public sealed record PlanResult(
    string Commodity,
    string Unit,
    string Backend,
    bool IsMixedInteger,
    StageSolve Shortfall,
    StageSolve? ViolationStage,
    StageSolve? Cost,
    IReadOnlyList<PeriodPlan> Periods,
    IReadOnlyList<CapacityRow> Capacities,
    IReadOnlyList<ProjectDecision> Projects,
    IReadOnlyList<RuleViolation> Violations,
    IReadOnlyList<ReserveUse> Reserves,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> SourceIds)
{
    /// <summary>
    /// The new capacity built per member and stage, largest first, then by the largest extraction limit and the largest
    /// existing capacity (the data decide the order, not the codes); empty without a solution or build.
    /// </summary>
    public IReadOnlyList<SiteBuild> Builds { get; init; } = [];

    /// <summary>Whether a feasible plan was found.</summary>
    public bool HasSolution => Periods.Count > 0;

    /// <summary>Status of the final stage that produced the plan.</summary>
    public SolveStatus Status => Cost?.Status ?? ViolationStage?.Status ?? Shortfall.Status;

    /// <summary>Total shortfall over the horizon, kt (Σ L_t·shortfall_t).</summary>
    public double TotalShortfallKt => Periods.Sum(p => p.LengthYears * p.ShortfallKt);

    /// <summary>Total new capacity built over the horizon at both stages (kt per year).</summary>
    public double TotalNewCapacityKt => Periods.Sum(p => p.NewCapacityBuiltKt);

    /// <summary>The period starting in <paramref name="year"/>.</summary>
    /// <param name="year">Year.</param>
    /// <returns>The period.</returns>
    /// <exception cref="InvalidOperationException">No such period.</exception>
    public PeriodPlan Period(int year) => Periods.First(p => p.Year == year);
}

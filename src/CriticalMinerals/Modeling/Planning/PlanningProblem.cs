using System.Globalization;
using CriticalMinerals.Data;

namespace CriticalMinerals.Modeling.Planning;

/// <summary>
/// One period of the plan. A period starts in <paramref name="Year"/> and lasts <paramref name="LengthYears"/> years; flows
/// (output, supply, shortfall) are yearly rates (kt per year) held over the period, stocks are kt at the end of it.
/// </summary>
/// <param name="Year">First year of the period, e.g. 2030.</param>
/// <param name="LengthYears">Length in years (&gt; 0); weights flows into cumulative extraction, stocks and the objective.</param>
/// <param name="DemandKt">Demand to serve, kt per year.</param>
/// <param name="HasSupplyData">Whether the data give capacities for this year; <see langword="false"/> for demand-only years (capacity held at the last data year).</param>
public sealed record PlanPeriod(int Year, double LengthYears, double DemandKt, bool HasSupplyData = true)
{
    /// <summary>
    /// World demand of the period (kt per year), against which rules stated as shares of a jurisdiction's consumption are
    /// measured; <see langword="null"/> means <see cref="DemandKt"/> is world demand.
    /// </summary>
    public double? WorldDemandKt { get; init; }

    /// <summary>World demand: <see cref="WorldDemandKt"/> or, when not given, <see cref="DemandKt"/>.</summary>
    public double WorldDemand => WorldDemandKt ?? DemandKt;
}

/// <summary>
/// Capacity of one country at one stage over the periods, before new build: existing (the observed base year, held, or
/// lowered where the IEA base case declines) plus the announced pipeline (the base-case increase over the base year, never negative).
/// </summary>
/// <param name="ExistingKt">Existing capacity per period, kt per year.</param>
/// <param name="PipelineKt">Announced pipeline per period, kt per year (≥ 0).</param>
public sealed record CapacityPath(IReadOnlyList<double> ExistingKt, IReadOnlyList<double> PipelineKt)
{
    /// <summary>A path of zeros over <paramref name="periods"/> periods.</summary>
    /// <param name="periods">Number of periods.</param>
    /// <returns>The path.</returns>
    public static CapacityPath None(int periods) => new(new double[periods], new double[periods]);

    /// <summary>A path holding <paramref name="kt"/> of existing capacity in every one of <paramref name="periods"/> periods.</summary>
    /// <param name="kt">Capacity, kt per year.</param>
    /// <param name="periods">Number of periods.</param>
    /// <returns>The path.</returns>
    public static CapacityPath Constant(double kt, int periods) => new(Enumerable.Repeat(kt, periods).ToArray(), new double[periods]);

    /// <summary>Existing plus pipeline capacity in period <paramref name="t"/>.</summary>
    /// <param name="t">Period index.</param>
    /// <returns>kt per year.</returns>
    public double BaseKt(int t) => ExistingKt[t] + PipelineKt[t];
}

/// <summary>A country (or an aggregate row such as Rest of world) in the plan.</summary>
/// <param name="Iso3">ISO 3166-1 alpha-3 code or an aggregate code.</param>
/// <param name="IsMember">Whether it belongs to the coalition (only members build and count as friendshored supply).</param>
/// <param name="Mining">Mining capacity path.</param>
/// <param name="Refining">Refining capacity path.</param>
/// <param name="ReservesKt">
/// Cumulative extraction limit of a member (kt over the horizon): USGS reserves, plus resources where known, or the limit that
/// <c>PlanningAnalysis</c> sets where only production is known (see <see cref="ExtractionLimitBasis"/>); <see langword="null"/>
/// puts no bound (hand-built problems only: a problem built from the data gives every member a limit).
/// </param>
public sealed record PlanSite(string Iso3, bool IsMember, CapacityPath Mining, CapacityPath Refining, double? ReservesKt = null)
{
    /// <summary>
    /// Whether a member may add mining capacity (continuous build and mining projects). Default <see langword="true"/>;
    /// <c>PlanningAnalysis</c> sets <see langword="false"/> where the data show no resource (no reserves, no output, no named
    /// greenfield site), so the plan opens no mine where no deposit is known.
    /// </summary>
    public bool NewMiningAllowed { get; init; } = true;

    /// <summary>Largest new mining capacity of the member over the horizon (continuous build plus projects, kt per year); <see langword="null"/> for none.</summary>
    public double? MaxNewMiningKt { get; init; }

    /// <summary>Start allowance of this site's mining growth row (kt per year of new capacity per year), replacing the stage's; <see langword="null"/> uses <see cref="BuildOptions.StartKtPerYear"/>.</summary>
    public double? MiningStartKtPerYear { get; init; }

    /// <summary>What <see cref="ReservesKt"/> rests on, in words (e.g. <c>USGS MCS2024 reserves</c>), for reports; <see langword="null"/> for a hand-built limit.</summary>
    public string? ExtractionLimitBasis { get; init; }

    /// <summary>Whether this is an aggregate row (Rest of world): never a single country, never a member.</summary>
    public bool IsAggregate { get; init; }

    /// <summary>
    /// Whether this non-member is a candidate of a coalition design: its capacity counts as a member's only if a binary
    /// join decision is 1. Used by <see cref="PlanModel"/> when built for coalition design.
    /// </summary>
    public bool IsCandidate { get; init; }

    /// <summary>Cost of admitting this candidate in a coalition design (default 1: the design minimises the number of partners).</summary>
    public double JoinCost { get; init; } = 1;

    /// <summary>The path of a stage.</summary>
    /// <param name="stage">Mining or refining.</param>
    /// <returns>The path.</returns>
    public CapacityPath Path(SupplyStage stage) => stage == SupplyStage.Mining ? Mining : Refining;
}

/// <summary>
/// A lumpy candidate project (MIP): a binary decision to build, in <paramref name="Iso3"/> at <paramref name="Stage"/>, between
/// <paramref name="MinSizeKt"/> and <paramref name="MaxSizeKt"/> kt per year of capacity, decided in <paramref name="DecisionYear"/>
/// and producing from the first period starting at or after <c>DecisionYear + LeadTimeYears</c>.
/// </summary>
/// <param name="Iso3">Member country.</param>
/// <param name="Stage">Mining or refining.</param>
/// <param name="DecisionYear">Year the decision is taken.</param>
/// <param name="MinSizeKt">Minimum size if built (kt per year).</param>
/// <param name="MaxSizeKt">Maximum size (kt per year, ≥ <paramref name="MinSizeKt"/>).</param>
/// <param name="LeadTimeYears">Years between decision and first output (≥ 0).</param>
/// <param name="CapitalCostPerKt">Capital cost per kt per year of capacity. Default 1: no source gives costs, so the MIP minimises capacity built.</param>
/// <param name="FixedCost">Cost of building at all, whatever the size. Default 0 (no source).</param>
public sealed record ProjectCandidate(
    string Iso3,
    SupplyStage Stage,
    int DecisionYear,
    double MinSizeKt,
    double MaxSizeKt,
    double LeadTimeYears,
    double CapitalCostPerKt = 1,
    double FixedCost = 0)
{
    /// <summary>Optional label making the name unique; default: the lead time and minimum size.</summary>
    public string? Label { get; init; }

    /// <summary>A stable name, e.g. <c>project[AUS,Refining,2030,lead 6,min 10]</c>; unique within a problem.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"project[{Iso3},{Stage},{DecisionYear},{Label ?? $"lead {LeadTimeYears},min {MinSizeKt}"}]");
}

/// <summary>
/// Growth limit and lead time of continuous new build at one stage. Defaults (<see cref="DefaultMining"/>,
/// <see cref="DefaultRefining"/>) are assumptions without source: no data in this repository give feasible growth rates or lead times.
/// </summary>
public sealed record StageBuildLimits
{
    /// <summary>
    /// Default of mines: growth ≤ 10 % per year of the previous period's capacity, first new capacity 7 years after the first
    /// period (2031, so from 2035 in the IEA periods: what comes earlier is the IEA's announced pipeline). Assumption without source.
    /// </summary>
    public static StageBuildLimits DefaultMining { get; } = new() { MaxGrowthRatePerYear = 0.10, LeadTimeYears = 7 };

    /// <summary>Default of refineries: growth ≤ 15 % per year, first new capacity 3 years after the first period (from 2030). Assumption without source.</summary>
    public static StageBuildLimits DefaultRefining { get; } = new() { MaxGrowthRatePerYear = 0.15, LeadTimeYears = 3 };

    /// <summary>No growth limit, no lead time.</summary>
    public static StageBuildLimits None { get; } = new();

    /// <summary>
    /// Largest new build per year as a share of the site-stage's capacity in the previous period (existing + pipeline + built),
    /// linear over the years between periods; <see langword="null"/> for no limit.
    /// </summary>
    public double? MaxGrowthRatePerYear { get; init; }

    /// <summary>Years from the first period's year to the first new capacity (≥ 0): continuous build first counts in the first period starting at or after it.</summary>
    public double LeadTimeYears { get; init; }

    /// <summary>New build per year allowed on top of the growth limit, so a site without capacity can start (kt per year); <see langword="null"/> uses <see cref="BuildOptions.GreenfieldKtPerYear"/>.</summary>
    public double? StartKtPerYear { get; init; }
}

/// <summary>Continuous new build (LP) of members' capacity.</summary>
public sealed record BuildOptions
{
    /// <summary>No growth limit and no lead time at either stage: every member may build any amount from the second period (what-if questions and hand-checked examples).</summary>
    public static BuildOptions Unlimited { get; } = new() { Mining = StageBuildLimits.None, Refining = StageBuildLimits.None };

    /// <summary>Whether members may add capacity continuously in every period after the first. Default <see langword="true"/>.</summary>
    public bool AllowContinuousBuild { get; init; } = true;

    /// <summary>Growth limit and lead time of new mines. Default <see cref="StageBuildLimits.DefaultMining"/> (an assumption without source).</summary>
    public StageBuildLimits Mining { get; init; } = StageBuildLimits.DefaultMining;

    /// <summary>Growth limit and lead time of new refineries. Default <see cref="StageBuildLimits.DefaultRefining"/> (an assumption without source).</summary>
    public StageBuildLimits Refining { get; init; } = StageBuildLimits.DefaultRefining;

    /// <summary>
    /// Largest new build per year as a share of the capacity at the start of the step, for both stages: when set it replaces
    /// the stages' own <see cref="StageBuildLimits.MaxGrowthRatePerYear"/>; <see langword="null"/> (the default) leaves them.
    /// </summary>
    public double? MaxGrowthRatePerYear { get; init; }

    /// <summary>New build per year allowed on top of the growth limit where a stage sets no <see cref="StageBuildLimits.StartKtPerYear"/> (kt per year). Default 0.</summary>
    public double GreenfieldKtPerYear { get; init; }

    /// <summary>Capital cost per kt per year of continuous new capacity. Default 1: no source gives costs, so the cost stage minimises capacity built.</summary>
    public double CapitalCostPerKt { get; init; } = 1;

    /// <summary>The limits of a stage.</summary>
    /// <param name="stage">Mining or refining.</param>
    /// <returns>The limits.</returns>
    public StageBuildLimits Limits(SupplyStage stage) => stage == SupplyStage.Mining ? Mining : Refining;

    /// <summary>The growth limit in force at a stage: <see cref="MaxGrowthRatePerYear"/> where set, else the stage's.</summary>
    /// <param name="stage">Mining or refining.</param>
    /// <returns>Share per year, or <see langword="null"/> for none.</returns>
    public double? GrowthRate(SupplyStage stage) => MaxGrowthRatePerYear ?? Limits(stage).MaxGrowthRatePerYear;

    /// <summary>The start allowance in force at a stage: the stage's, else <see cref="GreenfieldKtPerYear"/>.</summary>
    /// <param name="stage">Mining or refining.</param>
    /// <returns>kt per year of new capacity per year.</returns>
    public double StartKtPerYear(SupplyStage stage) => Limits(stage).StartKtPerYear ?? GreenfieldKtPerYear;
}

/// <summary>A coalition-wide strategic stockpile of refined material.</summary>
public sealed record StockpileOptions
{
    /// <summary>
    /// Whether the stockpile exists. Default <see langword="false"/>: no source gives strategic stocks, and an unlimited free
    /// stockpile under perfect foresight lets a plan buy ahead of any disruption it knows of. Enable it (with limits) to ask that.
    /// </summary>
    public bool Enabled { get; init; }

    /// <summary>Stock before the first period (kt). Default 0: no source gives strategic stocks.</summary>
    public double InitialStockKt { get; init; }

    /// <summary>Largest release, kt per year. Default unlimited.</summary>
    public double MaxReleasePerYearKt { get; init; } = double.PositiveInfinity;

    /// <summary>Largest stock (kt). Default unlimited.</summary>
    public double MaxStockKt { get; init; } = double.PositiveInfinity;

    /// <summary>Cost of holding 1 kt for one year. Default 0 (no source).</summary>
    public double HoldingCostPerKtYear { get; init; }
}

/// <summary>The coalition's recycling plants in a plan: capacity in place and continuous new build of it.</summary>
public sealed record RecyclingPlantOptions
{
    /// <summary>Recycled-output capacity in place, kt per year, held over the horizon. Default 0: no source gives recycling capacity by country, so state it.</summary>
    public double CapacityKt { get; init; }

    /// <summary>Whether the coalition may build recycling capacity. Default <see langword="true"/>.</summary>
    public bool AllowBuild { get; init; } = true;

    /// <summary>Lead time, growth limit and start allowance of new plants. Default <see cref="StageBuildLimits.None"/> (from the second period, no growth limit): no source gives them.</summary>
    public StageBuildLimits Build { get; init; } = StageBuildLimits.None;

    /// <summary>Capital cost per kt per year of recycling capacity. Default 1, as <see cref="BuildOptions.CapitalCostPerKt"/>: no source gives costs, so the cost stage minimises capacity built.</summary>
    public double CapitalCostPerKt { get; init; } = 1;
}

/// <summary>
/// Recycled supply of the coalition: an exogenous series per period (<see cref="RecycledKt"/>, e.g. the battery stock model's), plus
/// end-of-life material from the plan itself (supply served <see cref="LagPeriods"/> periods earlier, times a collection rate).
/// </summary>
public sealed record RecyclingOptions
{
    /// <summary>
    /// Recycled supply available per period whatever the plan served, kt per year, one value per period (missing periods 0); empty
    /// (the default) for none. <c>CriticalMinerals.Analysis.Planning.PlanningAnalysis.BuildProblem</c> fills it from the battery
    /// stock model unless the question says otherwise.
    /// </summary>
    public IReadOnlyList<double> RecycledKt { get; init; } = [];

    /// <summary>Share of the supply served <see cref="LagPeriods"/> periods earlier that comes back as recycled material. Default 0: no recycling credit (no source gives it).</summary>
    public double CollectionRate { get; init; }

    /// <summary>Lag between use and recycling, in periods (≥ 1). Default 1. Periods before the horizon contribute nothing.</summary>
    public int LagPeriods { get; init; } = 1;

    /// <summary>
    /// The coalition's recycling plants: recycled supply is then also bounded by the capacity in place plus what the plan builds
    /// (with its lead time and capital cost). <see langword="null"/> (the default): no limit, as no source gives recycling capacity.
    /// </summary>
    public RecyclingPlantOptions? Plants { get; init; }
}

/// <summary>Tolerances of the lexicographic objective: shortfall first, then cost.</summary>
public sealed record LexicographicOptions
{
    /// <summary>Relative slack on a stage optimum when it is held for the next stage. Default 1e-9.</summary>
    public double RelativeTolerance { get; init; } = 1e-9;

    /// <summary>Absolute slack on a stage optimum. Default 1e-7.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-7;
}

/// <summary>
/// The multi-period build-out problem of one commodity and coalition: periods with demand, sites with capacity paths,
/// build options, lumpy projects, stockpile, recycling and policy rules. Build it by hand (tests, own data) or from the
/// dataset with <c>CriticalMinerals.Analysis.Planning.PlanningAnalysis.BuildProblem</c>.
/// </summary>
public sealed record PlanningProblem
{
    /// <summary>Commodity code.</summary>
    public required string Commodity { get; init; }

    /// <summary>Unit of every quantity (e.g. <c>kt Li</c>).</summary>
    public string Unit { get; init; } = "kt";

    /// <summary>Periods in time order.</summary>
    public required IReadOnlyList<PlanPeriod> Periods { get; init; }

    /// <summary>Countries and aggregates with capacity paths of length <see cref="Periods"/>.</summary>
    public required IReadOnlyList<PlanSite> Sites { get; init; }

    /// <summary>Share of member refining that non-mined feed (scrap) may supply. Default 0.</summary>
    public double SecondaryFeedShare { get; init; }

    /// <summary>Share of a non-member's capacity the coalition may buy. Default 1 (all of it, which overstates access; set it to the coalition's demand share for a proportional market).</summary>
    public double NonMemberCapacityShare { get; init; } = 1;

    /// <summary>Cost per kt of supply bought from non-members at either stage. Default 0 (no source); tariffs add to it.</summary>
    public double NonMemberCostPerKt { get; init; }

    /// <summary>
    /// Output of a route that needs no ore (synthetic graphite) per period, kt per year, that no source attributes to a country:
    /// the aggregate non-member site <see cref="UnattributedSite"/> sells it like refined material. Empty (the default) for none.
    /// </summary>
    public IReadOnlyList<double> UnattributedOtherRouteKt { get; init; } = [];

    /// <summary>The aggregate site that carries output no source attributes to a country.</summary>
    public const string UnattributedSite = "ROW";

    /// <summary>Continuous new build.</summary>
    public BuildOptions Build { get; init; } = new();

    /// <summary>Lumpy candidate projects; any makes the plan a MIP.</summary>
    public IReadOnlyList<ProjectCandidate> Projects { get; init; } = [];

    /// <summary>Strategic stockpile.</summary>
    public StockpileOptions Stockpile { get; init; } = new();

    /// <summary>Recycling.</summary>
    public RecyclingOptions Recycling { get; init; } = new();

    /// <summary>Policy rules, applied in order.</summary>
    public IReadOnlyList<IPolicyRule> Rules { get; init; } = [];

    /// <summary>Tolerances of the lexicographic objective.</summary>
    public LexicographicOptions Lexicographic { get; init; } = new();

    /// <summary>Source ids of the figures the problem was built from (empty for a hand-built problem).</summary>
    public IReadOnlyList<string> SourceIds { get; init; } = [];

    /// <summary>Notes on assumptions and data gaps (e.g. withheld reserves), for reports.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Index of the period whose year is <paramref name="year"/>, or of the period containing it.</summary>
    /// <param name="year">A year.</param>
    /// <returns>The index, or -1 before the first period.</returns>
    public int PeriodOf(int year)
    {
        int found = -1;
        for (int t = 0; t < Periods.Count; t++)
        {
            if (Periods[t].Year <= year)
            {
                found = t;
            }
        }

        return found;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        int n = Periods.Count;
        Require(n > 0, "Periods", n, "at least one period");
        for (int t = 0; t < n; t++)
        {
            var p = Periods[t];
            Require(double.IsFinite(p.LengthYears) && p.LengthYears > 0, $"Periods[{t}].LengthYears", p.LengthYears, "> 0");
            Require(double.IsFinite(p.DemandKt) && p.DemandKt >= 0, $"Periods[{t}].DemandKt", p.DemandKt, "a finite number ≥ 0");
            Require(t == 0 || p.Year > Periods[t - 1].Year, $"Periods[{t}].Year", p.Year, "increasing years");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Sites)
        {
            Require(seen.Add(s.Iso3), $"Sites[{s.Iso3}]", s.Iso3, "each site once");
            Require(!(s.IsMember && s.IsCandidate), $"Sites[{s.Iso3}].IsCandidate", true, "a non-member");
            foreach (var stage in new[] { SupplyStage.Mining, SupplyStage.Refining })
            {
                var path = s.Path(stage);
                Require(path.ExistingKt.Count == n && path.PipelineKt.Count == n, $"Sites[{s.Iso3}].{stage}", path.ExistingKt.Count, $"{n} values per path");
                for (int t = 0; t < n; t++)
                {
                    Require(double.IsFinite(path.ExistingKt[t]) && path.ExistingKt[t] >= 0 && double.IsFinite(path.PipelineKt[t]) && path.PipelineKt[t] >= 0,
                        $"Sites[{s.Iso3}].{stage}[{t}]", path.BaseKt(t), "finite numbers ≥ 0");
                }
            }

            Require(s.ReservesKt is null || s.ReservesKt >= 0, $"Sites[{s.Iso3}].ReservesKt", s.ReservesKt ?? 0, "≥ 0");
            Require(s.MaxNewMiningKt is null || s.MaxNewMiningKt >= 0, $"Sites[{s.Iso3}].MaxNewMiningKt", s.MaxNewMiningKt ?? 0, "≥ 0");
            Require(s.MiningStartKtPerYear is null || (s.MiningStartKtPerYear >= 0 && double.IsFinite(s.MiningStartKtPerYear.Value)), $"Sites[{s.Iso3}].MiningStartKtPerYear", s.MiningStartKtPerYear ?? 0, "a finite number ≥ 0");
        }

        Require(SecondaryFeedShare is >= 0 and < 1, nameof(SecondaryFeedShare), SecondaryFeedShare, "a share in [0, 1)");
        Require(NonMemberCapacityShare is >= 0 and <= 1, nameof(NonMemberCapacityShare), NonMemberCapacityShare, "a share in [0, 1]");
        Require(UnattributedOtherRouteKt.Count <= n && UnattributedOtherRouteKt.All(v => double.IsFinite(v) && v >= 0), nameof(UnattributedOtherRouteKt), UnattributedOtherRouteKt.Count, $"at most {n} finite numbers ≥ 0");
        Require(UnattributedOtherRouteKt.All(v => v == 0) || Sites.Any(s => s.Iso3 == UnattributedSite && !s.IsMember && !s.IsCandidate), nameof(UnattributedOtherRouteKt), UnattributedSite, "a non-member site ROW in Sites where other-route output is given");
        Require(NonMemberCostPerKt >= 0 && double.IsFinite(NonMemberCostPerKt), nameof(NonMemberCostPerKt), NonMemberCostPerKt, "≥ 0");
        Require(Build.MaxGrowthRatePerYear is null or >= 0, "Build.MaxGrowthRatePerYear", Build.MaxGrowthRatePerYear ?? 0, "≥ 0");
        Require(Build.GreenfieldKtPerYear >= 0, "Build.GreenfieldKtPerYear", Build.GreenfieldKtPerYear, "≥ 0");
        foreach (var stage in new[] { SupplyStage.Mining, SupplyStage.Refining })
        {
            var limits = Build.Limits(stage);
            Require(limits.MaxGrowthRatePerYear is null or >= 0, $"Build.{stage}.MaxGrowthRatePerYear", limits.MaxGrowthRatePerYear ?? 0, "≥ 0");
            Require(limits.LeadTimeYears >= 0 && double.IsFinite(limits.LeadTimeYears), $"Build.{stage}.LeadTimeYears", limits.LeadTimeYears, "a finite number ≥ 0");
            Require(limits.StartKtPerYear is null || (limits.StartKtPerYear >= 0 && double.IsFinite(limits.StartKtPerYear.Value)), $"Build.{stage}.StartKtPerYear", limits.StartKtPerYear ?? 0, "a finite number ≥ 0");
        }

        Require(Build.CapitalCostPerKt >= 0, "Build.CapitalCostPerKt", Build.CapitalCostPerKt, "≥ 0");
        Require(Stockpile.InitialStockKt >= 0 && double.IsFinite(Stockpile.InitialStockKt), "Stockpile.InitialStockKt", Stockpile.InitialStockKt, "a finite number ≥ 0");
        Require(Stockpile.MaxReleasePerYearKt >= 0, "Stockpile.MaxReleasePerYearKt", Stockpile.MaxReleasePerYearKt, "≥ 0");
        Require(Stockpile.MaxStockKt >= Stockpile.InitialStockKt, "Stockpile.MaxStockKt", Stockpile.MaxStockKt, "≥ the initial stock");
        Require(Recycling.CollectionRate is >= 0 and <= 1, "Recycling.CollectionRate", Recycling.CollectionRate, "a share in [0, 1]");
        Require(Recycling.LagPeriods >= 1, "Recycling.LagPeriods", Recycling.LagPeriods, "≥ 1");
        if (Recycling.Plants is { } plants)
        {
            Require(plants.CapacityKt >= 0 && double.IsFinite(plants.CapacityKt), "Recycling.Plants.CapacityKt", plants.CapacityKt, "a finite number ≥ 0");
            Require(plants.CapitalCostPerKt >= 0 && double.IsFinite(plants.CapitalCostPerKt), "Recycling.Plants.CapitalCostPerKt", plants.CapitalCostPerKt, "a finite number ≥ 0");
            Require(plants.Build.LeadTimeYears >= 0 && double.IsFinite(plants.Build.LeadTimeYears), "Recycling.Plants.Build.LeadTimeYears", plants.Build.LeadTimeYears, "a finite number ≥ 0");
            Require(plants.Build.MaxGrowthRatePerYear is null or >= 0, "Recycling.Plants.Build.MaxGrowthRatePerYear", plants.Build.MaxGrowthRatePerYear ?? 0, "≥ 0");
            Require(plants.Build.StartKtPerYear is null || (plants.Build.StartKtPerYear >= 0 && double.IsFinite(plants.Build.StartKtPerYear.Value)), "Recycling.Plants.Build.StartKtPerYear", plants.Build.StartKtPerYear ?? 0, "a finite number ≥ 0");
        }

        Require(Recycling.RecycledKt.Count <= Periods.Count && Recycling.RecycledKt.All(v => v >= 0 && double.IsFinite(v)), "Recycling.RecycledKt", string.Join(" ", Recycling.RecycledKt), $"at most {Periods.Count} finite numbers ≥ 0");
        var members = Sites.Where(s => s.IsMember).Select(s => s.Iso3).ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in Projects)
        {
            Require(names.Add(p.Name), $"Projects[{p.Name}]", p.Name, "unique project names (set Label)");
            Require(members.Contains(p.Iso3), $"Projects[{p.Name}].Iso3", p.Iso3, "a member site");
            Require(p.Stage != SupplyStage.Mining || Sites.First(s => s.Iso3 == p.Iso3).NewMiningAllowed, $"Projects[{p.Name}].Iso3", p.Iso3, "a site where new mining is allowed (PlanSite.NewMiningAllowed)");
            Require(p.MinSizeKt >= 0 && p.MaxSizeKt >= p.MinSizeKt && double.IsFinite(p.MaxSizeKt) && p.MaxSizeKt > 0, $"Projects[{p.Name}].Size", p.MaxSizeKt, "0 ≤ min ≤ max, max finite and > 0");
            Require(p.LeadTimeYears >= 0, $"Projects[{p.Name}].LeadTimeYears", p.LeadTimeYears, "≥ 0");
            Require(p.CapitalCostPerKt >= 0 && p.FixedCost >= 0, $"Projects[{p.Name}].Cost", p.CapitalCostPerKt, "≥ 0");
        }
    }

    private static void Require(bool condition, string field, object value, string expected)
    {
        if (!condition)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Planning problem field {field} is {value}; expected {expected}."));
        }
    }
}

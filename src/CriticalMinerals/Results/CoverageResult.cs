using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Results;

/// <summary>What a coalition holds at one stage, against demand and against the world, from the data rows.</summary>
/// <param name="CoalitionKt">Sum of the members' rows (kt). Members hidden in "Rest of world" are not counted, so this is a lower bound.</param>
/// <param name="WorldKt">The World row (kt), or <see langword="null"/> if the data has none.</param>
/// <param name="Coverage">Coalition over demand (1 = 100 %).</param>
/// <param name="WorldCoverage">World over demand: below 1 flags a gap in the data's definitions (e.g. synthetic graphite), not only a deficit.</param>
/// <param name="ShareOfWorld">Coalition over world.</param>
/// <param name="LargestMember">The member with the largest row, or <see langword="null"/> if the coalition has none.</param>
/// <param name="LargestMemberShare">That member's share of the coalition total.</param>
/// <param name="Hhi">Herfindahl–Hirschman index of the members' shares of the coalition total (0–10,000).</param>
public sealed record StageCoverage(
    double CoalitionKt,
    double? WorldKt,
    double Coverage,
    double? WorldCoverage,
    double? ShareOfWorld,
    string? LargestMember,
    double LargestMemberShare,
    double Hhi);

/// <summary>The coalition's USGS reserves against cumulative scenario demand to 2050.</summary>
/// <param name="Edition">The USGS edition.</param>
/// <param name="CoalitionReservesKt">Sum of members' reserves (kt); withheld values are not counted.</param>
/// <param name="WorldReservesKt">USGS world total (kt), if published as a number.</param>
/// <param name="CumulativeDemandKt">Demand summed over <paramref name="FromYear"/>–2050 (trapezoid rule over the scenario's years).</param>
/// <param name="FromYear">First year of the cumulative demand.</param>
/// <param name="Coverage">Coalition reserves over cumulative demand.</param>
/// <param name="WithheldMembers">Members whose reserves USGS withholds or prints as text.</param>
public sealed record ReserveCoverage(
    string Edition,
    double CoalitionReservesKt,
    double? WorldReservesKt,
    double CumulativeDemandKt,
    int FromYear,
    double Coverage,
    IReadOnlyList<string> WithheldMembers);

/// <summary>A capacity worth building, from the LP's shadow prices, in words a planner uses.</summary>
/// <param name="Kind">Mining, refining, recycling or another route.</param>
/// <param name="Iso3">Country (or <c>coalition</c>).</param>
/// <param name="ShortfallAvoidedPerKt">kt of shortfall avoided per extra kt of capacity.</param>
/// <param name="Description">E.g. "+1 kt of lithium refining capacity in CAN in 2030 cuts the shortfall by 1 kt".</param>
public sealed record InvestmentTarget(CapacityKind Kind, string Iso3, double ShortfallAvoidedPerKt, string Description);

/// <summary>
/// The answer for one commodity, coalition, scenario and year: what the coalition mines, refines and could supply
/// through its own chain, against demand, with concentration, reserves and investment targets.
/// </summary>
/// <param name="Commodity">Commodity code.</param>
/// <param name="Unit">Model unit of every kt figure (e.g. "kt Li").</param>
/// <param name="Coalition">Coalition name.</param>
/// <param name="Scenario">IEA demand scenario.</param>
/// <param name="Year">Year of demand and supply.</param>
/// <param name="SupplyCase">Observed (2024) or the IEA base-case project pipeline.</param>
/// <param name="DemandKt">Demand served: world demand times the demand share.</param>
/// <param name="Mining">Mining stage from the data rows.</param>
/// <param name="Refining">Refining stage from the data rows.</param>
/// <param name="SuppliedKt">What the coalition's chain delivers under the sourcing rules (LP).</param>
/// <param name="ShortfallKt">Demand left unserved (LP).</param>
/// <param name="TotalCoverage">Supplied over demand.</param>
/// <param name="SourcingLargestShare">Largest single-country share of the refined supply the LP uses.</param>
/// <param name="SourcingHhi">HHI (0–10,000) of the refined supply the LP uses, by refinery country.</param>
/// <param name="Reserves">Reserve coverage, or <see langword="null"/> where USGS has no matching commodity or the scenario has no path to 2050.</param>
/// <param name="ReservesNote">Why <paramref name="Reserves"/> is missing, if it is.</param>
/// <param name="InvestmentTargets">Capacities ranked by shortfall avoided per kt; empty when nothing is short.</param>
/// <param name="Status">Status of the LP solve.</param>
/// <param name="Backend">Backend that solved it.</param>
/// <param name="SourceIds">Sources of every figure used.</param>
/// <param name="Notes">Caveats that apply (definitions, aggregates, defaults).</param>
public sealed record CoverageResult(
    string Commodity,
    string Unit,
    string Coalition,
    DemandScenario Scenario,
    int Year,
    SupplyCase SupplyCase,
    double DemandKt,
    StageCoverage Mining,
    StageCoverage Refining,
    double SuppliedKt,
    double ShortfallKt,
    double TotalCoverage,
    double SourcingLargestShare,
    double SourcingHhi,
    ReserveCoverage? Reserves,
    string? ReservesNote,
    IReadOnlyList<InvestmentTarget> InvestmentTargets,
    SolveStatus Status,
    string Backend,
    IReadOnlyList<string> SourceIds,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The coalition's own demand (<see cref="Data.MineralDataset.CoalitionDemand"/>: regional lithium demand, battery chemistry and a
    /// documented key for the rest), or <see langword="null"/> where the data cannot estimate it (the reason is in the notes).
    /// </summary>
    public Data.CoalitionDemandEstimate? OwnDemand { get; init; }

    /// <summary>Shortfall of the same chain against the coalition's own demand (kt), or <see langword="null"/> without <see cref="OwnDemand"/>.</summary>
    public double? OwnShortfallKt { get; init; }

    /// <summary>Supplied over the coalition's own demand (1 = 100 %), or <see langword="null"/> without <see cref="OwnDemand"/>.</summary>
    public double? OwnCoverage { get; init; }

    /// <summary>
    /// The coalition's own recycled supply available to the chain (kt; part of what <see cref="SuppliedKt"/> can draw on): the battery
    /// stock model by default, a user share of demand, or 0 (<see cref="Analysis.CoalitionQuestion.Recycling"/>; the notes say which).
    /// </summary>
    public double RecycledKt { get; init; }
}

using System.Collections.Immutable;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Orleans.Wire;

/// <summary>A capacity of one country at one stage, on the wire.</summary>
/// <param name="Iso3">Country.</param>
/// <param name="CapacityKt">Capacity (kt).</param>
/// <param name="IsMember">Whether the country is a member.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.StageCapacity")]
public sealed record StageCapacityDto(string Iso3, double CapacityKt, bool IsMember);

/// <summary>A supply network on the wire (see <see cref="SupplyNetwork"/>).</summary>
/// <param name="Commodity">Commodity code.</param>
/// <param name="Year">Year.</param>
/// <param name="DemandKt">Demand (kt).</param>
/// <param name="Mines">Mining capacities.</param>
/// <param name="Refineries">Refining capacities.</param>
/// <param name="SecondaryFeedShare">Secondary feed share.</param>
/// <param name="RecyclingKt">Recycled supply (kt).</param>
/// <param name="OtherRouteKt">Other routes (kt).</param>
/// <param name="MaxNonMemberShareOfMinedFeed">Sourcing rule at the mining stage.</param>
/// <param name="MaxNonMemberShareOfRefinedSupply">Sourcing rule at the refining stage.</param>
/// <param name="OtherMembers">Members without rows.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.Network")]
public sealed record NetworkDto(
    string Commodity,
    int Year,
    double DemandKt,
    ImmutableArray<StageCapacityDto> Mines,
    ImmutableArray<StageCapacityDto> Refineries,
    double SecondaryFeedShare,
    double RecyclingKt,
    double OtherRouteKt,
    double MaxNonMemberShareOfMinedFeed,
    double MaxNonMemberShareOfRefinedSupply,
    ImmutableArray<string> OtherMembers);

/// <summary>The solver's check of a solution, on the wire (see <see cref="SolutionCheck"/>).</summary>
/// <param name="MaxRowViolation">Largest row violation.</param>
/// <param name="MaxBoundViolation">Largest bound violation.</param>
/// <param name="MaxIntegralityViolation">Largest integrality violation.</param>
/// <param name="MaxDualViolation">Largest dual violation.</param>
/// <param name="RelativeDualityGap">Relative duality gap.</param>
/// <param name="PrimalFeasible">Primal feasibility.</param>
/// <param name="DualFeasible">Dual feasibility.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.SolutionCheck")]
public sealed record SolutionCheckDto(
    double MaxRowViolation,
    double MaxBoundViolation,
    double MaxIntegralityViolation,
    double? MaxDualViolation,
    double? RelativeDualityGap,
    bool PrimalFeasible,
    bool? DualFeasible);

/// <summary>A solver answer on the wire (see <see cref="Solution"/>).</summary>
/// <param name="Status">Status.</param>
/// <param name="StopReason">Why the solve stopped.</param>
/// <param name="Backend">Backend name.</param>
/// <param name="ObjectiveValue">Objective value.</param>
/// <param name="BestBound">Best bound.</param>
/// <param name="Values">Variable values.</param>
/// <param name="RowActivities">Row activities.</param>
/// <param name="Duals">Duals, if computed.</param>
/// <param name="ReducedCosts">Reduced costs, if computed.</param>
/// <param name="DualsBackend">Backend of the duals.</param>
/// <param name="Check">The library's check.</param>
/// <param name="Message">Message.</param>
/// <param name="ElapsedTicks">Solve time in ticks.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.Solution")]
public sealed record SolutionDto(
    SolveStatus Status,
    StopReason StopReason,
    string Backend,
    double? ObjectiveValue,
    double? BestBound,
    ImmutableArray<double> Values,
    ImmutableArray<double> RowActivities,
    ImmutableArray<double>? Duals,
    ImmutableArray<double>? ReducedCosts,
    string? DualsBackend,
    SolutionCheckDto? Check,
    string? Message,
    long ElapsedTicks);

/// <summary>A named number (a country's flow).</summary>
/// <param name="Key">The name, e.g. an ISO code.</param>
/// <param name="Value">The number.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.NamedValue")]
public sealed record NamedValueDto(string Key, double Value);

/// <summary>A marginal value of a capacity on the wire (see <see cref="CapacityValue"/>).</summary>
/// <param name="Kind">Kind of capacity.</param>
/// <param name="Iso3">Country.</param>
/// <param name="ShortfallAvoidedPerKt">Shortfall avoided per kt.</param>
/// <param name="CapacityKt">Capacity.</param>
/// <param name="UsedKt">Use.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.CapacityValue")]
public sealed record CapacityValueDto(CapacityKind Kind, string Iso3, double ShortfallAvoidedPerKt, double CapacityKt, double UsedKt);

/// <summary>A solved network on the wire (see <see cref="SupplyOutcome"/>).</summary>
/// <param name="Network">The network solved.</param>
/// <param name="Solution">The solver's answer.</param>
/// <param name="ShortfallKt">Shortfall (kt).</param>
/// <param name="MinedFeedByCountry">Mined feed by mine country.</param>
/// <param name="RefinedByCountry">Refined output by refinery country.</param>
/// <param name="MarginalValues">Marginal values.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.Outcome")]
public sealed record OutcomeDto(
    NetworkDto Network,
    SolutionDto Solution,
    double ShortfallKt,
    ImmutableArray<NamedValueDto> MinedFeedByCountry,
    ImmutableArray<NamedValueDto> RefinedByCountry,
    ImmutableArray<CapacityValueDto> MarginalValues);

/// <summary>The answer for one scenario on the wire: <see cref="SweepScenarioResult"/> without the scenario, which the client already holds.</summary>
/// <param name="Index">Position of the scenario in the sweep's input.</param>
/// <param name="Unit">Model unit.</param>
/// <param name="Status">Solve status.</param>
/// <param name="DemandKt">Demand (kt).</param>
/// <param name="SuppliedKt">Supplied (kt).</param>
/// <param name="ShortfallKt">Shortfall (kt).</param>
/// <param name="Coverage">Coverage.</param>
/// <param name="WarmResolve">Whether it was a warm re-solve.</param>
/// <param name="Outcome">The solved network, if kept.</param>
/// <param name="Message">Why there is no solution, if there is none.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.ScenarioResult")]
public sealed record ScenarioResultDto(
    int Index,
    string Unit,
    SolveStatus Status,
    double DemandKt,
    double SuppliedKt,
    double ShortfallKt,
    double Coverage,
    bool WarmResolve,
    OutcomeDto? Outcome,
    string? Message);

/// <summary>Converts results to their wire form and back.</summary>
public static class ResultWire
{
    /// <summary>The wire form of a result (the scenario stays behind: the client has it).</summary>
    public static ScenarioResultDto ToDto(SweepScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ScenarioResultDto(
            result.Index, result.Unit, result.Status, result.DemandKt, result.SuppliedKt, result.ShortfallKt, result.Coverage, result.WarmResolve,
            result.Outcome is { } o ? ToDto(o) : null, result.Message);
    }

    /// <summary>The result a wire form describes, for the client's own copy of the scenario.</summary>
    public static SweepScenarioResult FromDto(ScenarioResultDto dto, SweepScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(dto);
        ArgumentNullException.ThrowIfNull(scenario);
        return new SweepScenarioResult(
            dto.Index, scenario, dto.Unit, dto.Status, dto.DemandKt, dto.SuppliedKt, dto.ShortfallKt, dto.Coverage, dto.WarmResolve,
            dto.Outcome is { } o ? FromDto(o) : null, dto.Message);
    }

    /// <summary>The wire form of an outcome.</summary>
    public static OutcomeDto ToDto(SupplyOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new OutcomeDto(
            ToDto(outcome.Network),
            ToDto(outcome.Solution),
            outcome.ShortfallKt,
            outcome.MinedFeedByCountry.Select(kv => new NamedValueDto(kv.Key, kv.Value)).ToImmutableArray(),
            outcome.RefinedByCountry.Select(kv => new NamedValueDto(kv.Key, kv.Value)).ToImmutableArray(),
            outcome.MarginalValues.Select(v => new CapacityValueDto(v.Kind, v.Iso3, v.ShortfallAvoidedPerKt, v.CapacityKt, v.UsedKt)).ToImmutableArray());
    }

    /// <summary>The outcome a wire form describes (country flows in ordinal order, as the solver reads them).</summary>
    public static SupplyOutcome FromDto(OutcomeDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var solution = FromDto(dto.Solution);
        static IReadOnlyDictionary<string, double> Map(ImmutableArray<NamedValueDto> values) =>
            values.IsDefaultOrEmpty
                ? new Dictionary<string, double>()
                : new SortedDictionary<string, double>(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        return new SupplyOutcome(
            FromDto(dto.Network),
            solution,
            dto.ShortfallKt,
            Map(dto.MinedFeedByCountry),
            Map(dto.RefinedByCountry),
            dto.MarginalValues.Select(v => new CapacityValue(v.Kind, v.Iso3, v.ShortfallAvoidedPerKt, v.CapacityKt, v.UsedKt)).ToArray());
    }

    /// <summary>The wire form of a network.</summary>
    public static NetworkDto ToDto(SupplyNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new NetworkDto(
            network.Commodity,
            network.Year,
            network.DemandKt,
            network.Mines.Select(c => new StageCapacityDto(c.Iso3, c.CapacityKt, c.IsMember)).ToImmutableArray(),
            network.Refineries.Select(c => new StageCapacityDto(c.Iso3, c.CapacityKt, c.IsMember)).ToImmutableArray(),
            network.SecondaryFeedShare,
            network.RecyclingKt,
            network.OtherRouteKt,
            network.Rules.MaxNonMemberShareOfMinedFeed,
            network.Rules.MaxNonMemberShareOfRefinedSupply,
            [.. network.OtherMembers]);
    }

    /// <summary>The network a wire form describes.</summary>
    public static SupplyNetwork FromDto(NetworkDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        return new SupplyNetwork(
            dto.Commodity,
            dto.Year,
            dto.DemandKt,
            dto.Mines.Select(c => new StageCapacity(c.Iso3, c.CapacityKt, c.IsMember)).ToArray(),
            dto.Refineries.Select(c => new StageCapacity(c.Iso3, c.CapacityKt, c.IsMember)).ToArray(),
            dto.SecondaryFeedShare,
            dto.RecyclingKt,
            dto.OtherRouteKt,
            new SourcingRules(dto.MaxNonMemberShareOfMinedFeed, dto.MaxNonMemberShareOfRefinedSupply))
        {
            OtherMembers = dto.OtherMembers.IsDefault ? [] : dto.OtherMembers.ToArray(),
        };
    }

    /// <summary>The wire form of a solution.</summary>
    public static SolutionDto ToDto(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return new SolutionDto(
            solution.Status,
            solution.StopReason,
            solution.Backend,
            solution.ObjectiveValue,
            solution.BestBound,
            [.. solution.Values],
            [.. solution.RowActivities],
            solution.Duals is { } d ? [.. d] : null,
            solution.ReducedCosts is { } r ? [.. r] : null,
            solution.DualsBackend,
            solution.Check is { } c
                ? new SolutionCheckDto(c.MaxRowViolation, c.MaxBoundViolation, c.MaxIntegralityViolation, c.MaxDualViolation, c.RelativeDualityGap, c.PrimalFeasible, c.DualFeasible)
                : null,
            solution.Message,
            solution.Elapsed.Ticks);
    }

    /// <summary>The solution a wire form describes.</summary>
    public static Solution FromDto(SolutionDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        return new Solution
        {
            Status = dto.Status,
            StopReason = dto.StopReason,
            Backend = dto.Backend,
            ObjectiveValue = dto.ObjectiveValue,
            BestBound = dto.BestBound,
            Values = dto.Values.IsDefault ? [] : dto.Values.ToArray(),
            RowActivities = dto.RowActivities.IsDefault ? [] : dto.RowActivities.ToArray(),
            Duals = dto.Duals is { IsDefault: false } d ? d.ToArray() : null,
            ReducedCosts = dto.ReducedCosts is { IsDefault: false } r ? r.ToArray() : null,
            DualsBackend = dto.DualsBackend,
            Check = dto.Check is { } c
                ? new SolutionCheck(c.MaxRowViolation, c.MaxBoundViolation, c.MaxIntegralityViolation, c.MaxDualViolation, c.RelativeDualityGap, c.PrimalFeasible, c.DualFeasible)
                : null,
            Message = dto.Message,
            Elapsed = TimeSpan.FromTicks(dto.ElapsedTicks),
        };
    }
}

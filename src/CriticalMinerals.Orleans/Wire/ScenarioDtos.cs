using System.Collections.Immutable;
using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;

namespace CriticalMinerals.Orleans.Wire;

/// <summary>A coalition on the wire: its name and member codes. Built-in coalitions are looked up again in the silo's dataset.</summary>
/// <param name="Name">Name of the coalition.</param>
/// <param name="Members">ISO 3166-1 alpha-3 codes of the members, in order.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.Coalition")]
public sealed record CoalitionDto(string Name, ImmutableArray<string> Members);

/// <summary>Which <see cref="ScenarioParameter"/> a <see cref="SettingDto"/> sets.</summary>
[GenerateSerializer, Alias("cm.sweep.ParameterKind")]
public enum ParameterKind
{
    /// <summary><see cref="CapacityMultiplier"/>.</summary>
    CapacityMultiplier,

    /// <summary><see cref="Analysis.Sweeps.DemandMultiplier"/>.</summary>
    DemandMultiplier,

    /// <summary><see cref="Analysis.Sweeps.RecyclingShare"/>.</summary>
    RecyclingShare,

    /// <summary><see cref="Analysis.Sweeps.OtherRouteSupply"/>.</summary>
    OtherRouteSupply,

    /// <summary><see cref="Analysis.Sweeps.SecondaryFeedShare"/>.</summary>
    SecondaryFeedShare,

    /// <summary><see cref="Analysis.Sweeps.NonMemberRefinedShare"/>.</summary>
    NonMemberRefinedShare,

    /// <summary><see cref="Analysis.Sweeps.NonMemberMinedShare"/>.</summary>
    NonMemberMinedShare,

    /// <summary><see cref="Analysis.Sweeps.ProjectDelay"/>.</summary>
    ProjectDelay,
}

/// <summary>A parameter setting on the wire.</summary>
/// <param name="Kind">The parameter.</param>
/// <param name="Stage">Stage of a capacity multiplier or project delay (<see langword="null"/>: both stages).</param>
/// <param name="Iso3">Country of a capacity multiplier or project delay (<see langword="null"/>: every country).</param>
/// <param name="Value">The value set.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.Setting")]
public sealed record SettingDto(ParameterKind Kind, SupplyStage? Stage, string? Iso3, double Value);

/// <summary>One scenario on the wire: the question's fields and the settings, never the dataset.</summary>
/// <param name="Commodity">Commodity code.</param>
/// <param name="Coalition">The coalition.</param>
/// <param name="Scenario">Demand scenario.</param>
/// <param name="Year">Year.</param>
/// <param name="MaxNonMemberShareOfMinedFeed">Sourcing rule at the mining stage.</param>
/// <param name="MaxNonMemberShareOfRefinedSupply">Sourcing rule at the refining stage.</param>
/// <param name="DemandShare">Share of world demand to serve.</param>
/// <param name="RecyclingShareOfDemand">Recycled supply as a share of demand, or <see langword="null"/> for the basis.</param>
/// <param name="Recycling">Where recycled supply comes from when no share is given.</param>
/// <param name="OtherRouteKt">Supply of other routes (kt).</param>
/// <param name="SecondaryFeedShare">Secondary feed share, or <see langword="null"/> for the derived one.</param>
/// <param name="InvestmentTargetCount">Investment targets asked for (kept for a faithful round trip).</param>
/// <param name="Settings">Parameter settings in order.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.Scenario")]
public sealed record ScenarioDto(
    string Commodity,
    CoalitionDto Coalition,
    DemandScenario Scenario,
    int Year,
    double MaxNonMemberShareOfMinedFeed,
    double MaxNonMemberShareOfRefinedSupply,
    double DemandShare,
    double? RecyclingShareOfDemand,
    RecyclingBasis Recycling,
    double OtherRouteKt,
    double? SecondaryFeedShare,
    int InvestmentTargetCount,
    ImmutableArray<SettingDto> Settings);

/// <summary>Converts scenarios to their wire form and back.</summary>
public static class ScenarioWire
{
    /// <summary>The wire form of a scenario.</summary>
    /// <exception cref="NotSupportedException">A setting's parameter is not one of the library's parameter types.</exception>
    public static ScenarioDto ToDto(SweepScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var q = scenario.Question;
        return new ScenarioDto(
            q.Commodity,
            new CoalitionDto(q.Coalition.Name, q.Coalition.Members.Select(m => m.Iso3).ToImmutableArray()),
            q.Scenario,
            q.Year,
            q.Rules.MaxNonMemberShareOfMinedFeed,
            q.Rules.MaxNonMemberShareOfRefinedSupply,
            q.DemandShare,
            q.RecyclingShareOfDemand,
            q.Recycling,
            q.OtherRouteKt,
            q.SecondaryFeedShare,
            q.InvestmentTargetCount,
            scenario.Settings.Select(ToDto).ToImmutableArray());
    }

    /// <summary>The wire form of a parameter setting.</summary>
    /// <exception cref="NotSupportedException">The parameter is not one of the library's parameter types.</exception>
    public static SettingDto ToDto(ParameterSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Parameter switch
        {
            CapacityMultiplier p => new SettingDto(ParameterKind.CapacityMultiplier, p.Stage, p.Iso3, setting.Value),
            DemandMultiplier => new SettingDto(ParameterKind.DemandMultiplier, null, null, setting.Value),
            RecyclingShare => new SettingDto(ParameterKind.RecyclingShare, null, null, setting.Value),
            OtherRouteSupply => new SettingDto(ParameterKind.OtherRouteSupply, null, null, setting.Value),
            SecondaryFeedShare => new SettingDto(ParameterKind.SecondaryFeedShare, null, null, setting.Value),
            NonMemberRefinedShare => new SettingDto(ParameterKind.NonMemberRefinedShare, null, null, setting.Value),
            NonMemberMinedShare => new SettingDto(ParameterKind.NonMemberMinedShare, null, null, setting.Value),
            ProjectDelay p => new SettingDto(ParameterKind.ProjectDelay, p.Stage, p.Iso3, setting.Value),
            var other => throw new NotSupportedException($"Parameter type {other.GetType().Name} has no wire form."),
        };
    }

    /// <summary>The setting a wire form describes.</summary>
    /// <exception cref="NotSupportedException">Unknown parameter kind.</exception>
    public static ParameterSetting FromDto(SettingDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        ScenarioParameter parameter = dto.Kind switch
        {
            ParameterKind.CapacityMultiplier => new CapacityMultiplier(dto.Stage, dto.Iso3),
            ParameterKind.DemandMultiplier => new DemandMultiplier(),
            ParameterKind.RecyclingShare => new RecyclingShare(),
            ParameterKind.OtherRouteSupply => new OtherRouteSupply(),
            ParameterKind.SecondaryFeedShare => new SecondaryFeedShare(),
            ParameterKind.NonMemberRefinedShare => new NonMemberRefinedShare(),
            ParameterKind.NonMemberMinedShare => new NonMemberMinedShare(),
            ParameterKind.ProjectDelay => new ProjectDelay(dto.Stage, dto.Iso3),
            _ => throw new NotSupportedException($"Unknown parameter kind {dto.Kind}."),
        };
        return new ParameterSetting(parameter, dto.Value);
    }

    /// <summary>
    /// The scenario a wire form describes. A coalition whose name and members match one of <paramref name="dataset"/>'s
    /// coalitions is that coalition (with its join dates and sources); any other is user-defined (<see cref="Coalition.Create"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A user-defined coalition names an unknown country.</exception>
    public static SweepScenario FromDto(ScenarioDto dto, MineralDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dto);
        ArgumentNullException.ThrowIfNull(dataset);
        var question = new CoalitionQuestion
        {
            Commodity = dto.Commodity,
            Coalition = ToCoalition(dto.Coalition, dataset),
            Scenario = dto.Scenario,
            Year = dto.Year,
            Rules = new SourcingRules(dto.MaxNonMemberShareOfMinedFeed, dto.MaxNonMemberShareOfRefinedSupply),
            DemandShare = dto.DemandShare,
            RecyclingShareOfDemand = dto.RecyclingShareOfDemand,
            Recycling = dto.Recycling,
            OtherRouteKt = dto.OtherRouteKt,
            SecondaryFeedShare = dto.SecondaryFeedShare,
            InvestmentTargetCount = dto.InvestmentTargetCount,
        };
        return new SweepScenario(question, dto.Settings.Select(FromDto).ToArray());
    }

    private static Coalition ToCoalition(CoalitionDto dto, MineralDataset dataset)
    {
        var builtIn = dataset.Coalitions.FirstOrDefault(c =>
            string.Equals(c.Name, dto.Name, StringComparison.Ordinal) && c.Members.Select(m => m.Iso3).SequenceEqual(dto.Members, StringComparer.Ordinal));
        return builtIn ?? Coalition.Create(dto.Name, dto.Members);
    }
}

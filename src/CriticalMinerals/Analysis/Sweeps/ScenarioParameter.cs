using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;

namespace CriticalMinerals.Analysis.Sweeps;

/// <summary>
/// What a scenario parameter may need beyond the network: the capacities of the supply year before the network's
/// year, for <see cref="ProjectDelay"/>.
/// </summary>
/// <param name="EarlierYear">The earlier supply year, or <see langword="null"/> where there is none.</param>
/// <param name="EarlierMines">Mining capacity by country in <paramref name="EarlierYear"/> (kt); a country absent had none.</param>
/// <param name="EarlierRefineries">Refining capacity by country in <paramref name="EarlierYear"/> (kt).</param>
public sealed record ScenarioContext(int? EarlierYear, IReadOnlyDictionary<string, double> EarlierMines, IReadOnlyDictionary<string, double> EarlierRefineries)
{
    /// <summary>No earlier year known: a project delay cannot be applied.</summary>
    public static ScenarioContext None { get; } = new(null, new Dictionary<string, double>(), new Dictionary<string, double>());

    /// <summary>The context of a question's year: the capacities of the dataset's previous supply year (2024 observed before 2030).</summary>
    public static ScenarioContext For(MineralDataset dataset, string commodity, int year)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var earlier = dataset.SupplyYears.Where(y => y < year).DefaultIfEmpty(-1).Max();
        if (earlier < 0)
        {
            return None;
        }

        var supplyCase = CoalitionAnalysis.CaseOf(earlier);
        static Dictionary<string, double> Of(CountrySupplyTable s) => s.AllRows.ToDictionary(r => r.Country.Iso3, r => r.ValueKt, StringComparer.Ordinal);
        return new ScenarioContext(earlier, Of(dataset.CountrySupply(commodity, SupplyStage.Mining, earlier, supplyCase)), Of(dataset.CountrySupply(commodity, SupplyStage.Refining, earlier, supplyCase)));
    }
}

/// <summary>
/// A parameter of the coalition supply network that a sweep, a Monte Carlo draw, a parametric curve or a tornado
/// can set. Every parameter is a change of bounds or right-hand sides of the supply LP, so a warm session can
/// re-solve it, except <see cref="NonMemberMinedShare"/>, which is a coefficient (a new model structure).
/// </summary>
public abstract record ScenarioParameter
{
    private protected ScenarioParameter()
    {
    }

    /// <summary>Column name of the parameter in tables, e.g. <c>capacity_multiplier[refining,CHL]</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Unit of the parameter's value, e.g. <c>factor</c>, <c>share</c>, <c>years</c>.</summary>
    public abstract string Unit { get; }

    /// <summary>The value that leaves the network as built from the data (1 for a multiplier, 0 for a delay).</summary>
    public abstract double? NeutralValue { get; }

    /// <summary>Returns the network with the parameter set to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The value is out of range for the parameter.</exception>
    public abstract SupplyNetwork Apply(SupplyNetwork network, double value, ScenarioContext context);

    /// <summary>Throws unless <paramref name="value"/> is finite and within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    private protected void Require(double value, double min, double max)
    {
        if (!(double.IsFinite(value) && value >= min && value <= max))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Parameter {Name} = {value}; expected a finite value in [{min}, {max}]."));
        }
    }

    private protected static string StageName(SupplyStage? stage) => stage switch
    {
        SupplyStage.Mining => "mining",
        SupplyStage.Refining => "refining",
        _ => "*",
    };

    private protected static IReadOnlyList<StageCapacity> Scale(IReadOnlyList<StageCapacity> list, string? iso3, Func<StageCapacity, double> capacity) =>
        list.Select(c => iso3 is null || c.Iso3 == iso3 ? c with { CapacityKt = capacity(c) } : c).ToArray();
}

/// <summary>Multiplies capacities: of one stage or both (<paramref name="Stage"/> <see langword="null"/>), of one country or all (<paramref name="Iso3"/> <see langword="null"/>). Value: factor ≥ 0.</summary>
/// <param name="Stage">Mining, refining, or both when <see langword="null"/>.</param>
/// <param name="Iso3">A country (or <c>ROW</c>), or every country when <see langword="null"/>.</param>
public sealed record CapacityMultiplier(SupplyStage? Stage = null, string? Iso3 = null) : ScenarioParameter
{
    /// <inheritdoc/>
    public override string Name => $"capacity_multiplier[{StageName(Stage)},{Iso3 ?? "*"}]";

    /// <inheritdoc/>
    public override string Unit => "factor";

    /// <inheritdoc/>
    public override double? NeutralValue => 1;

    /// <inheritdoc/>
    public override SupplyNetwork Apply(SupplyNetwork network, double value, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(network);
        Require(value, 0, double.MaxValue);
        return network with
        {
            Mines = Stage is null or SupplyStage.Mining ? Scale(network.Mines, Iso3, c => c.CapacityKt * value) : network.Mines,
            Refineries = Stage is null or SupplyStage.Refining ? Scale(network.Refineries, Iso3, c => c.CapacityKt * value) : network.Refineries,
        };
    }
}

/// <summary>Multiplies demand (and with it the cap of the refined-supply rule). Recycling set as a share of demand before it is not rescaled. Value: factor ≥ 0.</summary>
public sealed record DemandMultiplier : ScenarioParameter
{
    /// <inheritdoc/>
    public override string Name => "demand_multiplier";

    /// <inheritdoc/>
    public override string Unit => "factor";

    /// <inheritdoc/>
    public override double? NeutralValue => 1;

    /// <inheritdoc/>
    public override SupplyNetwork Apply(SupplyNetwork network, double value, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(network);
        Require(value, 0, double.MaxValue);
        return network with { DemandKt = network.DemandKt * value };
    }
}

/// <summary>Recycled supply available to the coalition as a share of the network's demand (at the time it is applied). Value: share in [0, 1].</summary>
public sealed record RecyclingShare : ScenarioParameter
{
    /// <inheritdoc/>
    public override string Name => "recycling_share";

    /// <inheritdoc/>
    public override string Unit => "share of demand";

    /// <inheritdoc/>
    public override double? NeutralValue => null;

    /// <inheritdoc/>
    public override SupplyNetwork Apply(SupplyNetwork network, double value, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(network);
        Require(value, 0, 1);
        return network with { RecyclingKt = value * network.DemandKt };
    }
}

/// <summary>Supply from a route the data lacks (synthetic graphite), in kt. Value: kt ≥ 0.</summary>
public sealed record OtherRouteSupply : ScenarioParameter
{
    /// <inheritdoc/>
    public override string Name => "other_route_kt";

    /// <inheritdoc/>
    public override string Unit => "kt";

    /// <inheritdoc/>
    public override double? NeutralValue => null;

    /// <inheritdoc/>
    public override SupplyNetwork Apply(SupplyNetwork network, double value, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(network);
        Require(value, 0, double.MaxValue);
        return network with { OtherRouteKt = value };
    }
}

/// <summary>Share of a member refinery's capacity that scrap and other non-mined feed may supply. Value: share in [0, 1].</summary>
public sealed record SecondaryFeedShare : ScenarioParameter
{
    /// <inheritdoc/>
    public override string Name => "secondary_feed_share";

    /// <inheritdoc/>
    public override string Unit => "share of capacity";

    /// <inheritdoc/>
    public override double? NeutralValue => null;

    /// <inheritdoc/>
    public override SupplyNetwork Apply(SupplyNetwork network, double value, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(network);
        Require(value, 0, 1);
        return network with { SecondaryFeedShare = value };
    }
}

/// <summary>Largest share of demand that non-members' refineries may serve (a right-hand side). Value: share in [0, 1].</summary>
public sealed record NonMemberRefinedShare : ScenarioParameter
{
    /// <inheritdoc/>
    public override string Name => "max_non_member_refined_share";

    /// <inheritdoc/>
    public override string Unit => "share of demand";

    /// <inheritdoc/>
    public override double? NeutralValue => null;

    /// <inheritdoc/>
    public override SupplyNetwork Apply(SupplyNetwork network, double value, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(network);
        Require(value, 0, 1);
        return network with { Rules = network.Rules with { MaxNonMemberShareOfRefinedSupply = value } };
    }
}

/// <summary>
/// Largest share of members' mined feed that may come from non-members' mines. It is a coefficient of the LP, so every
/// value is its own model structure (solved cold once, then warm for the scenarios that share it). Value: share in [0, 1].
/// </summary>
public sealed record NonMemberMinedShare : ScenarioParameter
{
    /// <inheritdoc/>
    public override string Name => "max_non_member_mined_share";

    /// <inheritdoc/>
    public override string Unit => "share of mined feed";

    /// <inheritdoc/>
    public override double? NeutralValue => null;

    /// <inheritdoc/>
    public override SupplyNetwork Apply(SupplyNetwork network, double value, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(network);
        Require(value, 0, 1);
        return network with { Rules = network.Rules with { MaxNonMemberShareOfMinedFeed = value } };
    }
}

/// <summary>
/// Delays the pipeline capacity of the network's year by some years: capacity moves linearly back towards the previous
/// supply year's capacity, <c>c' = c − min(1, d / gap)·(c − c_earlier)</c>, where <c>gap</c> is the number of years
/// between the two supply years (6 from 2024 to 2030). A country absent in the earlier year had none there. Value: years ≥ 0.
/// </summary>
/// <param name="Stage">Mining, refining, or both when <see langword="null"/>.</param>
/// <param name="Iso3">A country, or every country when <see langword="null"/>.</param>
public sealed record ProjectDelay(SupplyStage? Stage = null, string? Iso3 = null) : ScenarioParameter
{
    /// <inheritdoc/>
    public override string Name => $"project_delay[{StageName(Stage)},{Iso3 ?? "*"}]";

    /// <inheritdoc/>
    public override string Unit => "years";

    /// <inheritdoc/>
    public override double? NeutralValue => 0;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The context has no earlier supply year.</exception>
    public override SupplyNetwork Apply(SupplyNetwork network, double value, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(context);
        Require(value, 0, double.MaxValue);
        if (value == 0)
        {
            return network;
        }

        if (context.EarlierYear is not { } earlier || earlier >= network.Year)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A project delay needs the capacities of a supply year before {network.Year}; none is known."));
        }

        double fraction = Math.Min(1, value / (network.Year - earlier));
        return network with
        {
            Mines = Stage is null or SupplyStage.Mining
                ? Scale(network.Mines, Iso3, c => c.CapacityKt - (fraction * (c.CapacityKt - context.EarlierMines.GetValueOrDefault(c.Iso3))))
                : network.Mines,
            Refineries = Stage is null or SupplyStage.Refining
                ? Scale(network.Refineries, Iso3, c => c.CapacityKt - (fraction * (c.CapacityKt - context.EarlierRefineries.GetValueOrDefault(c.Iso3))))
                : network.Refineries,
        };
    }
}

/// <summary>A parameter set to a value.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Value">Its value, in <see cref="ScenarioParameter.Unit"/>.</param>
public sealed record ParameterSetting(ScenarioParameter Parameter, double Value)
{
    /// <summary>Applies the setting to a network.</summary>
    public SupplyNetwork ApplyTo(SupplyNetwork network, ScenarioContext context) => Parameter.Apply(network, Value, context);
}

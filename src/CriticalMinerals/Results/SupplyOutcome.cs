using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Results;

/// <summary>The marginal value of one capacity: how much shortfall one more kt of it avoids.</summary>
/// <param name="Kind">Mining, refining, recycling or another route.</param>
/// <param name="Iso3">Country, or <see cref="CapacityKey.Coalition"/> for coalition-wide routes.</param>
/// <param name="ShortfallAvoidedPerKt">kt of shortfall avoided per extra kt of capacity (from the LP's reduced cost).</param>
/// <param name="CapacityKt">The capacity in the network.</param>
/// <param name="UsedKt">How much of it the solution uses.</param>
public sealed record CapacityValue(CapacityKind Kind, string Iso3, double ShortfallAvoidedPerKt, double CapacityKt, double UsedKt);

/// <summary>The solved supply LP read back in supply-chain terms.</summary>
/// <param name="Network">The network solved.</param>
/// <param name="Solution">The checked solver answer.</param>
/// <param name="ShortfallKt">Demand left unserved (kt); NaN without a solution.</param>
/// <param name="MinedFeedByCountry">Mined feed that reaches members' refineries, by mine country (kt).</param>
/// <param name="RefinedByCountry">Refined output serving demand, by refinery country (kt).</param>
/// <param name="MarginalValues">Capacities ranked by shortfall avoided per extra kt; empty without correct duals.</param>
public sealed record SupplyOutcome(
    SupplyNetwork Network,
    Solution Solution,
    double ShortfallKt,
    IReadOnlyDictionary<string, double> MinedFeedByCountry,
    IReadOnlyDictionary<string, double> RefinedByCountry,
    IReadOnlyList<CapacityValue> MarginalValues)
{
    /// <summary>Reads a solution of <paramref name="model"/> back in supply-chain terms.</summary>
    public static SupplyOutcome From(SupplyModel model, Solution solution)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(solution);
        if (!solution.HasSolution)
        {
            return new SupplyOutcome(model.Network, solution, double.NaN, new Dictionary<string, double>(), new Dictionary<string, double>(), []);
        }

        var mined = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var feed in model.FeedVariables)
        {
            mined[feed.Mine] = mined.GetValueOrDefault(feed.Mine) + solution.Values[feed.Variable];
        }

        var refined = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var marginal = new List<CapacityValue>();
        foreach (var (key, variable) in model.CapacityVariables)
        {
            if (key.Kind == CapacityKind.Refining)
            {
                refined[key.Iso3] = solution.Values[variable];
            }

            if (solution.ReducedCosts is { } reduced)
            {
                // Minimising shortfall, a capacity at its upper bound has reduced cost −(shortfall avoided per extra kt).
                double value = -reduced[variable];
                marginal.Add(new CapacityValue(key.Kind, key.Iso3, Math.Abs(value) < 1e-9 ? 0 : value, model.Model.VariableUpperBounds[variable], solution.Values[variable]));
            }
        }

        return new SupplyOutcome(
            model.Network,
            solution,
            solution.Values[model.ShortfallVariable],
            mined,
            refined,
            marginal.OrderByDescending(v => v.ShortfallAvoidedPerKt).ThenBy(v => v.Kind).ThenBy(v => v.Iso3, StringComparer.Ordinal).ToArray());
    }
}

using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;

namespace CriticalMinerals.Analysis.Sweeps;

/// <summary>One scenario of a sweep: a question to the coalition model and parameter settings applied, in order, to its network.</summary>
/// <param name="Question">Commodity, coalition, demand scenario, year, sourcing rules and the question's own assumptions.</param>
/// <param name="Settings">Parameters set on top of the question's network, applied in the order given.</param>
public sealed record SweepScenario(CoalitionQuestion Question, IReadOnlyList<ParameterSetting> Settings)
{
    /// <summary>A scenario without parameter settings.</summary>
    public SweepScenario(CoalitionQuestion question)
        : this(question, [])
    {
    }
}

/// <summary>
/// A grid of scenarios: every combination of the axes. Demand scenarios and years pair up as the data allows
/// (<see cref="DemandScenario.Observed"/> only with the base year 2024, the IEA scenarios only with later years);
/// other pairs are skipped. Each parameter axis adds one setting per scenario, in the order of <see cref="Parameters"/>.
/// </summary>
public sealed record SweepGrid
{
    /// <summary>Commodity codes.</summary>
    public required IReadOnlyList<string> Commodities { get; init; }

    /// <summary>Coalitions.</summary>
    public required IReadOnlyList<Coalition> Coalitions { get; init; }

    /// <summary>Demand scenarios; NZE only by default.</summary>
    public IReadOnlyList<DemandScenario> Scenarios { get; init; } = [DemandScenario.Nze];

    /// <summary>Years; 2030 only by default.</summary>
    public IReadOnlyList<int> Years { get; init; } = [2030];

    /// <summary>Sourcing rules; coalition-only by default.</summary>
    public IReadOnlyList<SourcingRules> Rules { get; init; } = [SourcingRules.CoalitionOnly];

    /// <summary>Shares of world demand the coalition must serve; 1 by default.</summary>
    public IReadOnlyList<double> DemandShares { get; init; } = [1];

    /// <summary>
    /// Recycled supply as shares of demand, each a user figure that replaces the stock model; 0 by default, so a sweep reads its
    /// other axes without recycled supply (set <see cref="CoalitionQuestion.Recycling"/> on single questions for the stock model).
    /// </summary>
    public IReadOnlyList<double> RecyclingShares { get; init; } = [0];

    /// <summary>Further axes: a parameter and the values it takes (for example refining capacity multipliers 0.8, 1, 1.2).</summary>
    public IReadOnlyList<(ScenarioParameter Parameter, IReadOnlyList<double> Values)> Parameters { get; init; } = [];

    /// <summary>The scenarios of the grid, axes nested in declaration order (the last parameter axis varies fastest).</summary>
    public IReadOnlyList<SweepScenario> Expand()
    {
        var list = new List<SweepScenario>();
        foreach (string commodity in Commodities)
        {
            foreach (var coalition in Coalitions)
            {
                foreach (int year in Years)
                {
                    foreach (var scenario in Scenarios)
                    {
                        if ((year == CoalitionAnalysis.BaseYear) != (scenario == DemandScenario.Observed))
                        {
                            continue;
                        }

                        foreach (var rules in Rules)
                        {
                            foreach (double share in DemandShares)
                            {
                                foreach (double recycling in RecyclingShares)
                                {
                                    var question = new CoalitionQuestion
                                    {
                                        Commodity = commodity,
                                        Coalition = coalition,
                                        Scenario = scenario,
                                        Year = year,
                                        Rules = rules,
                                        DemandShare = share,
                                        RecyclingShareOfDemand = recycling,
                                    };
                                    foreach (var settings in Combinations(0))
                                    {
                                        list.Add(new SweepScenario(question, settings));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        return list;
    }

    private IEnumerable<ParameterSetting[]> Combinations(int axis)
    {
        if (axis == Parameters.Count)
        {
            yield return [];
            yield break;
        }

        var (parameter, values) = Parameters[axis];
        foreach (double value in values)
        {
            foreach (var rest in Combinations(axis + 1))
            {
                yield return [new ParameterSetting(parameter, value), .. rest];
            }
        }
    }
}

using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Data;
using CriticalMinerals.Orleans.Wire;

namespace CriticalMinerals.Orleans.Tests;

/// <summary>Scenario sets and an exact comparison of results.</summary>
internal static class TestScenarios
{
    public static readonly MineralDataset Data = MineralDataset.Default;

    /// <summary>3 commodities × 2 coalitions × (2024 observed, 2030 STEPS, 2030 NZE) × demand shares × refining multipliers.</summary>
    public static IReadOnlyList<SweepScenario> Grid(int demandShares = 2, int multipliers = 2) => new SweepGrid
    {
        Commodities = ["lithium", "nickel", "cobalt"],
        Coalitions = [Data.GetCoalition("MSP_Minerals_Security_Partnership"), Coalition.Create("China+", ["CHN", "RUS"])],
        Scenarios = [DemandScenario.Observed, DemandScenario.Steps, DemandScenario.Nze],
        Years = [2024, 2030],
        DemandShares = [.. Enumerable.Range(0, demandShares).Select(i => 1 - (0.1 * i))],
        Parameters = [(new CapacityMultiplier(SupplyStage.Refining), [.. Enumerable.Range(0, multipliers).Select(i => 0.8 + (0.2 * i))])],
    }.Expand();

    /// <summary>Cold solves: every number is a function of the scenario alone, whichever worker solves it.</summary>
    public static SweepOptions Cold { get; } = new() { WarmStart = false, MaxDegreeOfParallelism = 1 };

    public static SweepResult Local(IReadOnlyList<SweepScenario> scenarios, SweepOptions options) => new ScenarioSweep(Data).Run(scenarios, options);

    /// <summary>Every field of every result equal, bit for bit (outcomes, flows and solver values included), except solve times and the warm flag.</summary>
    public static void ShouldEqualExactly(SweepScenarioResult actual, SweepScenarioResult expected, bool includeWarmFlag = false)
    {
        actual.Scenario.Should().BeSameAs(expected.Scenario);
        var a = ResultWire.ToDto(actual);
        var e = ResultWire.ToDto(expected);
        a.Should().BeEquivalentTo(e, o =>
        {
            o = o.Excluding(d => d.Outcome!.Solution.ElapsedTicks).WithStrictOrdering();
            return includeWarmFlag ? o : o.Excluding(d => d.WarmResolve);
        });
    }

    /// <summary>A synchronous progress sink.</summary>
    public sealed class Sink(Action<SweepProgress> action) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => action(value);
    }
}

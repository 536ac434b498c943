using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Analysis.Uncertainty;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;

namespace CriticalMinerals.Tests.Analysis.Uncertainty;

/// <summary>Monte Carlo: hand-checkable quantiles, reproducibility across runs and thread counts, cancellation.</summary>
public sealed class MonteCarloTests
{
    /// <summary>One member mine of 100 kt feeding a 1,000 kt member refinery; demand 100 kt: shortfall = max(0, 100 − mine).</summary>
    private static MonteCarloCase Tiny() => new(
        "tiny",
        new SupplyNetwork("lithium", 2030, 100, [new StageCapacity("AAA", 100, true)], [new StageCapacity("AAA", 1000, true)], 0, 0, 0, SourcingRules.CoalitionOnly),
        "kt",
        ScenarioContext.None);

    private sealed class Sink(Action<MonteCarloProgress> action) : IProgress<MonteCarloProgress>
    {
        public void Report(MonteCarloProgress value) => action(value);
    }

    [Fact]
    public void Uniform_mine_capacity_gives_the_hand_computed_shortfall_distribution()
    {
        // Mine capacity c = 100·U(0.5, 1.5) = U(50, 150); shortfall s = max(0, 100 − c).
        // P(s ≤ x) = (50 + x)/100 for 0 ≤ x ≤ 50: P(s = 0) = 0.5, P95 = 45, P5 = P50 = 0; E[s] = ∫₅₀¹⁰⁰ (100 − c)/100 dc = 12.5.
        // With 4,000 draws the standard errors are 0.25 (mean), 0.34 (P95) and 0.008 (probability); tolerances are ≥ 4 of them.
        var inputs = new[] { new UncertainInput(new CapacityMultiplier(SupplyStage.Mining), new UniformDistribution(0.5, 1.5)) };

        var result = new MonteCarloSimulation().Run([Tiny()], inputs, new MonteCarloOptions { Draws = 4000, Seed = 42 });

        var s = result.Cases[0];
        s.Draws.Should().Be(4000);
        s.Failed.Should().Be(0);
        s.MeanShortfallKt.Should().BeApproximately(12.5, 1.0);
        // E[s²] = ∫₅₀¹⁰⁰ (100 − c)²/100 dc = 50³/300 = 416.7, so the standard deviation is √(416.7 − 12.5²) = 16.14.
        s.StdDevShortfallKt.Should().BeApproximately(16.14, 1.0);
        s.P95ShortfallKt.Should().BeApproximately(45, 1.5);
        s.P50ShortfallKt.Should().BeApproximately(0, 1.0);
        s.P5ShortfallKt.Should().BeApproximately(0, 1e-6);
        s.ProbabilityOfMeetingDemand.Should().BeApproximately(0.5, 0.04);
        s.MeanDemandKt.Should().Be(100);
        result.Cancelled.Should().BeFalse();
    }

    [Fact]
    public void The_same_seed_gives_identical_results_across_runs_and_thread_counts()
    {
        var data = MineralDataset.Default;
        var coalition = data.GetCoalition("MSP_Minerals_Security_Partnership");
        var cases = MonteCarloSimulation.CasesOf(data,
        [
            new CoalitionQuestion { Commodity = "lithium", Coalition = coalition, Scenario = DemandScenario.Aps, Rules = new SourcingRules(0.2, 0.2) },
            new CoalitionQuestion { Commodity = "cobalt", Coalition = coalition, Scenario = DemandScenario.Aps, Rules = new SourcingRules(0.2, 0.2) },
        ]);
        var inputs = new[]
        {
            new UncertainInput(new CapacityMultiplier(SupplyStage.Mining), new PertDistribution(0.6, 1, 1.1)),
            new UncertainInput(new CapacityMultiplier(SupplyStage.Refining, "AUS"), new TriangularDistribution(0.5, 1, 1.5)),
            new UncertainInput(new DemandMultiplier(), LogNormalDistribution.FromMedian(1, 1.15)),
            new UncertainInput(new RecyclingShare(), new UniformDistribution(0, 0.1)),
            new UncertainInput(new ProjectDelay(SupplyStage.Refining), new UniformDistribution(0, 3)),
        };
        var sim = new MonteCarloSimulation();
        MonteCarloResult Run(int threads) => sim.Run(cases, inputs, new MonteCarloOptions { Draws = 150, Seed = 7, BlockSize = 16, MaxDegreeOfParallelism = threads });

        var one = Run(1);
        var four = Run(4);
        var again = Run(4);

        for (int k = 0; k < cases.Count; k++)
        {
            one.Cases[k].Failed.Should().Be(0);
            one.Cases[k].ShortfallsKt.Should().Equal(four.Cases[k].ShortfallsKt);
            four.Cases[k].ShortfallsKt.Should().Equal(again.Cases[k].ShortfallsKt);
            one.Cases[k].P95ShortfallKt.Should().Be(four.Cases[k].P95ShortfallKt);
            one.Cases[k].ShortfallsKt.Distinct().Count().Should().BeGreaterThan(100, "the inputs move the shortfall");
        }

        sim.Run(cases, inputs, new MonteCarloOptions { Draws = 150, Seed = 8, BlockSize = 16 }).Cases[0].ShortfallsKt
            .Should().NotEqual(one.Cases[0].ShortfallsKt, "another seed draws other values");
    }

    [Fact]
    public void Draws_depend_on_seed_and_index_only_and_PERT_has_its_textbook_mean()
    {
        var inputs = new[] { new UncertainInput(new DemandMultiplier(), new PertDistribution(0, 1, 5)) };

        MonteCarloSimulation.SampleInputs(inputs, 3, 17).Should().Equal(MonteCarloSimulation.SampleInputs(inputs, 3, 17));
        MonteCarloSimulation.SampleInputs(inputs, 3, 17).Should().NotEqual(MonteCarloSimulation.SampleInputs(inputs, 3, 18));

        // PERT(0, 1, 5): mean (0 + 4·1 + 5)/6 = 1.5, standard deviation ≈ (5 − 0)/6·0.98; 20,000 draws: standard error ≈ 0.006.
        var values = Enumerable.Range(0, 20000).Select(i => MonteCarloSimulation.SampleInputs(inputs, 3, i)[0]).ToArray();
        values.Average().Should().BeApproximately(1.5, 0.03);
        values.Should().OnlyContain(v => v >= 0 && v <= 5);
        MonteCarloSimulation.Quantile([1, 2, 3, 4, 5], 0.95).Should().BeApproximately(4.8, 1e-12, "type 7: h = 4·0.95 = 3.8");
    }

    [Fact]
    public void Cancellation_keeps_the_finished_blocks()
    {
        var inputs = new[] { new UncertainInput(new CapacityMultiplier(SupplyStage.Mining), new UniformDistribution(0.5, 1.5)) };
        using var cts = new CancellationTokenSource();
        var progress = new Sink(_ => cts.Cancel());

        var result = new MonteCarloSimulation().Run([Tiny()], inputs, new MonteCarloOptions { Draws = 1000, BlockSize = 50, MaxDegreeOfParallelism = 1 }, progress, cts.Token);

        result.Cancelled.Should().BeTrue();
        result.Cases[0].Draws.Should().Be(50);
        result.Cases[0].ShortfallsKt.Take(50).Should().OnlyContain(v => !double.IsNaN(v));
        result.Cases[0].ShortfallsKt.Skip(50).Should().OnlyContain(v => double.IsNaN(v));
    }

    [Fact]
    public void Out_of_range_distributions_are_refused_before_anything_is_solved()
    {
        var sim = new MonteCarloSimulation();
        ((Action)(() => sim.Run([Tiny()], [new UncertainInput(new DemandMultiplier(), new TriangularDistribution(1, 3, 2))]))).Should().Throw<ArgumentException>();
        ((Action)(() => sim.Run([Tiny()], [new UncertainInput(new ProjectDelay(), new UniformDistribution(1, 2))]))).Should().Throw<InvalidOperationException>();
    }
}

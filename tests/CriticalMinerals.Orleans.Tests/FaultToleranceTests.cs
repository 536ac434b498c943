using CriticalMinerals.Analysis.Sweeps;
using Xunit.Abstractions;

namespace CriticalMinerals.Orleans.Tests;

/// <summary>A silo lost mid-sweep loses no scenario and counts none twice.</summary>
public sealed class FaultToleranceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silo_lost_mid_run_loses_no_scenario_and_counts_none_twice(bool kill)
    {
        var cluster = await TwoSiloCluster.StartAsync(3);
        try
        {
            var scenarios = TestScenarios.Grid(demandShares: 4, multipliers: 3);
            var local = TestScenarios.Local(scenarios, TestScenarios.Cold);
            var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reported = new List<int>();
            var sweep = new ClusterSweep(cluster.Client, options: new ClusterSweepOptions { BatchSize = 2, MaxInFlightPerSilo = 2 });

            var running = sweep.RunDetailedAsync(scenarios, TestScenarios.Cold, new TestScenarios.Sink(p =>
            {
                lock (reported)
                {
                    reported.Add(p.Done);
                }

                if (p.Done >= 20)
                {
                    halfway.TrySetResult();
                }
            }));
            await halfway.Task;
            int doneAtStop;
            lock (reported)
            {
                doneAtStop = reported.Count;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (kill)
            {
                await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
            }
            else
            {
                await cluster.StopSiloAsync(cluster.SecondarySilos[0]);
            }

            var stopTook = clock.Elapsed;
            var run = await running;
            output.WriteLine($"stop took {stopTook}, sweep done {clock.Elapsed} after it");
            output.WriteLine($"{(kill ? "killed" : "stopped")} a silo after {doneAtStop} of {scenarios.Count} scenarios; {run.Statistics}");
            doneAtStop.Should().BeLessThan(scenarios.Count, "the silo went while the sweep was running");

            var result = run.Result;
            result.IsComplete.Should().BeTrue();
            result.Results.Select(r => r.Index).Should().Equal(Enumerable.Range(0, scenarios.Count), "every scenario once, in input order");
            reported.Order().Should().Equal(Enumerable.Range(1, scenarios.Count), "progress counts each scenario once");
            for (int i = 0; i < scenarios.Count; i++)
            {
                TestScenarios.ShouldEqualExactly(result.Results[i], local.Results[i]);
            }

            run.Statistics.Silos.Should().BeGreaterThanOrEqualTo(2);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}

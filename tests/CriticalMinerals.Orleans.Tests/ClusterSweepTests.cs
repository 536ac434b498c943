using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Data;
using CriticalMinerals.Solving;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CriticalMinerals.Orleans.Tests;

/// <summary>Sweeps on a two-silo in-process cluster give what the local sweep gives.</summary>
public sealed class ClusterSweepTests(TwoSiloCluster fixture) : IClassFixture<TwoSiloCluster>
{
    private TestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_cold_cluster_sweep_equals_the_local_sweep_number_for_number()
    {
        var scenarios = TestScenarios.Grid();
        var local = TestScenarios.Local(scenarios, TestScenarios.Cold);

        var run = await new ClusterSweep(Cluster.Client, options: new ClusterSweepOptions { BatchSize = 4 }).RunDetailedAsync(scenarios, TestScenarios.Cold);
        var cluster = run.Result;

        cluster.IsComplete.Should().BeTrue();
        cluster.Total.Should().Be(local.Total);
        cluster.Results.Select(r => r.Index).Should().Equal(Enumerable.Range(0, scenarios.Count), "results come in input order");
        for (int i = 0; i < scenarios.Count; i++)
        {
            TestScenarios.ShouldEqualExactly(cluster.Results[i], local.Results[i], includeWarmFlag: true);
        }

        cluster.ToTable(countryDetail: true).Should().BeEquivalentTo(local.ToTable(countryDetail: true), o => o.WithStrictOrdering());
        cluster.Structures.Should().Be(local.Structures, "cold solves build one model per scenario on either side");
        run.Statistics.Silos.Should().Be(2, "work goes to both silos");
        run.Statistics.DuplicatesDropped.Should().Be(0);
        run.Statistics.DatasetTransfers.Should().Be(0, "every silo has the embedded dataset");
    }

    [Fact]
    public async Task A_warm_cluster_sweep_equals_the_local_sweep_to_1e_9()
    {
        var scenarios = TestScenarios.Grid();
        var local = TestScenarios.Local(scenarios, SweepOptions.Default);
        var cluster = await new ClusterSweep(Cluster.Client).RunAsync(scenarios);

        cluster.IsComplete.Should().BeTrue();
        cluster.Results.Count(r => r.WarmResolve).Should().BeGreaterThan(0);
        for (int i = 0; i < scenarios.Count; i++)
        {
            var (c, l) = (cluster.Results[i], local.Results[i]);
            c.Index.Should().Be(i);
            c.Status.Should().Be(l.Status);
            c.DemandKt.Should().Be(l.DemandKt);
            c.ShortfallKt.Should().BeApproximately(l.ShortfallKt, 1e-9 * Math.Max(1, l.DemandKt));
            c.Coverage.Should().BeApproximately(l.Coverage, 1e-9);
        }
    }

    [Fact]
    public async Task Streamed_results_arrive_once_each_and_match_the_collected_ones()
    {
        var scenarios = TestScenarios.Grid();
        var local = TestScenarios.Local(scenarios, TestScenarios.Cold);
        var progress = new List<int>();
        var streamed = new List<SweepScenarioResult>();
        await foreach (var r in new ClusterSweep(Cluster.Client).StreamAsync(scenarios, TestScenarios.Cold, new TestScenarios.Sink(p => { lock (progress) { progress.Add(p.Done); } })))
        {
            streamed.Add(r);
        }

        streamed.Select(r => r.Index).Should().BeEquivalentTo(Enumerable.Range(0, scenarios.Count));
        foreach (var r in streamed)
        {
            TestScenarios.ShouldEqualExactly(r, local.Results[r.Index]);
        }

        progress.Order().Should().Equal(Enumerable.Range(1, scenarios.Count));
    }

    [Fact]
    public async Task Cancellation_mid_run_returns_the_finished_results_marked_cancelled()
    {
        var scenarios = TestScenarios.Grid(demandShares: 4, multipliers: 3);
        using var cts = new CancellationTokenSource();
        var sweep = new ClusterSweep(Cluster.Client, options: new ClusterSweepOptions { BatchSize = 2, MaxInFlightPerSilo = 1 });

        var result = await sweep.RunAsync(scenarios, TestScenarios.Cold, new TestScenarios.Sink(p =>
        {
            if (p.Done >= 10)
            {
                cts.Cancel();
            }
        }), cts.Token);

        result.Cancelled.Should().BeTrue();
        result.IsComplete.Should().BeFalse();
        result.Total.Should().Be(scenarios.Count);
        result.Results.Count.Should().BeGreaterThanOrEqualTo(10).And.BeLessThan(scenarios.Count);
        result.Results.Select(r => r.Index).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var local = TestScenarios.Local(scenarios, TestScenarios.Cold);
        foreach (var r in result.Results)
        {
            TestScenarios.ShouldEqualExactly(r, local.Results[r.Index]);
        }
    }

    [Fact]
    public async Task An_already_cancelled_sweep_solves_nothing_and_an_empty_one_is_complete()
    {
        var sweep = new ClusterSweep(Cluster.Client);
        var cancelled = await sweep.RunAsync(TestScenarios.Grid(), cancellationToken: new CancellationToken(true));
        cancelled.Results.Should().BeEmpty();
        cancelled.Cancelled.Should().BeTrue();

        var empty = await sweep.RunAsync(Array.Empty<SweepScenario>());
        empty.IsComplete.Should().BeTrue();
    }

    [Fact]
    public async Task A_scenario_that_does_not_fit_the_data_is_an_error_row_as_in_the_local_sweep()
    {
        var data = TestScenarios.Data;
        SweepScenario[] scenarios =
        [
            new(new Analysis.CoalitionQuestion { Commodity = "lithium", Coalition = data.GetCoalition("G7") }),
            new(new Analysis.CoalitionQuestion { Commodity = "lithium", Coalition = data.GetCoalition("G7"), Year = 2024 }),
        ];
        var cluster = await new ClusterSweep(Cluster.Client).RunAsync(scenarios);
        var local = TestScenarios.Local(scenarios, SweepOptions.Default);
        cluster.Results[1].Status.Should().Be(SolveStatus.Error);
        TestScenarios.ShouldEqualExactly(cluster.Results[1], local.Results[1]);
        cluster.Results[0].ShortfallKt.Should().Be(local.Results[0].ShortfallKt);
    }

    [Fact]
    public async Task A_user_dataset_travels_once_per_silo_and_gives_the_same_numbers()
    {
        string directory = Path.Combine(Path.GetTempPath(), "cm-orleans-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            // The embedded files, shipped as a user dataset (CSV bytes under their hash).
            foreach (string name in typeof(MineralDataset).Assembly.GetManifestResourceNames().Where(n => n.EndsWith(".csv", StringComparison.Ordinal)))
            {
                string file = name["CriticalMinerals.Data.Default.".Length..];
                await File.WriteAllBytesAsync(Path.Combine(directory, file), WireTests.DefaultFile(file));
            }

            var dataset = ClusterDataset.FromDirectory(directory);
            dataset.Key.Should().StartWith("sha256:");
            var scenarios = TestScenarios.Grid();
            var local = new ScenarioSweep(dataset.Load()).Run(scenarios, TestScenarios.Cold);
            var sweep = new ClusterSweep(Cluster.Client, dataset, new ClusterSweepOptions { MaxInFlightPerSilo = 3, BatchSize = 2 });

            var first = await sweep.RunDetailedAsync(scenarios, TestScenarios.Cold);
            var second = await sweep.RunDetailedAsync(scenarios, TestScenarios.Cold);

            first.Statistics.DatasetTransfers.Should().Be(2, "once per silo, not per worker or per scenario");
            second.Statistics.DatasetTransfers.Should().Be(0, "each silo keeps it under its hash");
            Cluster.Silos.Select(s => Cache(s).Registrations).Should().AllBeEquivalentTo(1);
            Cluster.Silos.Select(s => Cache(s).BytesReceived).Should().AllBeEquivalentTo(dataset.PayloadBytes);
            for (int i = 0; i < scenarios.Count; i++)
            {
                TestScenarios.ShouldEqualExactly(first.Result.Results[i], local.Results[i]);
                TestScenarios.ShouldEqualExactly(second.Result.Results[i], local.Results[i]);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static SiloDatasetCache Cache(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<SiloDatasetCache>();
}

using System.Diagnostics.Metrics;
using CriticalMinerals.Analysis.Sweeps;
using Microsoft.Extensions.Logging;
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
            var log = new ListLogger();
            var sweep = new ClusterSweep(cluster.Client, options: new ClusterSweepOptions { BatchSize = 2, MaxInFlightPerSilo = 2 }, logger: log);
            // The cluster's counters are process-wide (other tests may add to them), so they are compared as lower bounds.
            long dispatches = 0, retries = 0;
            using var meters = new MeterListener();
            meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ClusterSweep.TelemetryName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            meters.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name == "criticalminerals.cluster.dispatches")
                {
                    Interlocked.Add(ref dispatches, value);
                }
                else if (instrument.Name == "criticalminerals.cluster.retries")
                {
                    Interlocked.Add(ref retries, value);
                }
            });
            meters.Start();

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

            // What the statistics record is also visible while it happens: in the log and the counters.
            log.Lines.Count(l => l.Level == LogLevel.Warning && l.Text.Contains("is sent again", StringComparison.Ordinal)).Should().Be(run.Statistics.Retries);
            log.Lines.Should().ContainSingle(l => l.Level == LogLevel.Information && l.Text.Contains($"{scenarios.Count} of {scenarios.Count} scenarios", StringComparison.Ordinal));
            Interlocked.Read(ref dispatches).Should().BeGreaterThanOrEqualTo(run.Statistics.Dispatches);
            Interlocked.Read(ref retries).Should().BeGreaterThanOrEqualTo(run.Statistics.Retries);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}

/// <summary>Keeps what a <see cref="ClusterSweep"/> logs.</summary>
internal sealed class ListLogger : ILogger<ClusterSweep>
{
    private readonly List<(LogLevel Level, string Text)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add((logLevel, formatter(state, exception)));
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Analysis.Sweeps;

/// <summary>A sweep is visible to OpenTelemetry while it runs: one activity per run, a count and a duration per scenario.</summary>
public sealed class SweepTelemetryTests
{
    [Fact]
    public void A_sweep_reports_an_activity_and_one_measurement_per_scenario_tagged_with_status_and_commodity()
    {
        var data = MineralDataset.Default;
        var grid = new SweepGrid
        {
            Commodities = ["cobalt"],
            Coalitions = [data.GetCoalition("G7")],
            Parameters = [(new DemandMultiplier(), [0.9, 1.0, 1.1])],
        };
        // Only this test's commodity and coalition: other tests may sweep at the same time in this process.
        var activities = new List<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SweepTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (activities)
                {
                    activities.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);
        var measured = new List<(string Instrument, string Status, double Value)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SweepTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? commodity = null, status = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "commodity")
                {
                    commodity = tag.Value as string;
                }
                else if (tag.Key == "status")
                {
                    status = tag.Value as string;
                }
            }

            if (commodity == "cobalt")
            {
                lock (measured)
                {
                    measured.Add((instrument.Name, status ?? string.Empty, value));
                }
            }
        }

        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        meters.Start();

        var result = new ScenarioSweep(data).Run(grid);

        result.IsComplete.Should().BeTrue();
        measured.Where(m => m.Instrument == "criticalminerals.sweep.scenarios").Should().HaveCount(3)
            .And.OnlyContain(m => m.Value == 1 && m.Status == "Optimal");
        measured.Where(m => m.Instrument == "criticalminerals.sweep.scenario.duration").Should().HaveCount(3)
            .And.OnlyContain(m => m.Value >= 0);
        activities.Should().Contain(a => a.OperationName == "sweep"
            && (int)a.GetTagItem("criticalminerals.scenarios")! == 3
            && (int)a.GetTagItem("criticalminerals.finished")! == 3
            && (bool)a.GetTagItem("criticalminerals.cancelled")! == false);
    }
}

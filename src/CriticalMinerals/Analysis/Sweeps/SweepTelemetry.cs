using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CriticalMinerals.Analysis.Sweeps;

/// <summary>
/// What a sweep does, for OpenTelemetry or any <see cref="ActivityListener"/> / <see cref="MeterListener"/>: an activity
/// <c>sweep</c> per run (scenarios, workers; at the end how many finished and whether it was cancelled) and, per
/// scenario, the counter <c>criticalminerals.sweep.scenarios</c> and the histogram
/// <c>criticalminerals.sweep.scenario.duration</c> (ms), both tagged with the solve status and commodity. Without a
/// listener they cost a null check.
/// </summary>
public static class SweepTelemetry
{
    /// <summary>The name of the library's <see cref="ActivitySource"/> and <see cref="Meter"/>: subscribe to it.</summary>
    public const string Name = "CriticalMinerals";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Scenarios = Meter.CreateCounter<long>("criticalminerals.sweep.scenarios", "{scenario}", "Scenarios solved by sweeps, by status and commodity.");

    internal static readonly Histogram<double> ScenarioDuration = Meter.CreateHistogram<double>("criticalminerals.sweep.scenario.duration", "ms", "Time to build and solve one sweep scenario.");
}

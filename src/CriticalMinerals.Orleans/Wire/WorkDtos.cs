using System.Collections.Immutable;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Orleans.Wire;

/// <summary>How a work item is solved: <see cref="SweepOptions"/> (less the degree of parallelism) and a backend by name.</summary>
/// <param name="WarmStart">Warm sessions per model structure on each worker.</param>
/// <param name="KeepOutcomes">Send each scenario's outcome back.</param>
/// <param name="Backend">Backend name for <see cref="SolverBackends.Get"/>, or <see langword="null"/> for the automatic choice.</param>
/// <param name="TimeLimitTicks">Time limit per solve in ticks, or <see langword="null"/>.</param>
/// <param name="RelativeGap">Relative gap, or <see langword="null"/>.</param>
/// <param name="Threads">Solver threads.</param>
/// <param name="ComputeDuals">Whether to compute duals.</param>
/// <param name="FeasibilityTolerance">Feasibility tolerance.</param>
/// <param name="OptimalityTolerance">Optimality tolerance.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.Settings")]
public sealed record SweepSettingsDto(
    bool WarmStart,
    bool KeepOutcomes,
    string? Backend,
    long? TimeLimitTicks,
    double? RelativeGap,
    int Threads,
    bool ComputeDuals,
    double FeasibilityTolerance,
    double OptimalityTolerance)
{
    /// <summary>The wire form of sweep options.</summary>
    public static SweepSettingsDto From(SweepOptions options, string? backend)
    {
        ArgumentNullException.ThrowIfNull(options);
        var s = options.Solve;
        return new SweepSettingsDto(options.WarmStart, options.KeepOutcomes, backend, s.TimeLimit?.Ticks, s.RelativeGap, s.Threads, s.ComputeDuals, s.FeasibilityTolerance, s.OptimalityTolerance);
    }

    /// <summary>The solve options described.</summary>
    public SolveOptions ToSolveOptions() => new()
    {
        TimeLimit = TimeLimitTicks is { } t ? TimeSpan.FromTicks(t) : null,
        RelativeGap = RelativeGap,
        Threads = Threads,
        ComputeDuals = ComputeDuals,
        FeasibilityTolerance = FeasibilityTolerance,
        OptimalityTolerance = OptimalityTolerance,
    };
}

/// <summary>A work item: a few scenarios of one sweep, by index, with a reference to the dataset (never the dataset).</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="DatasetKey">Key of a dataset registered on the silo (<see cref="ClusterDataset.Key"/>).</param>
/// <param name="Settings">How to solve.</param>
/// <param name="Indices">Positions of the scenarios in the sweep's input.</param>
/// <param name="Scenarios">The scenarios, aligned with <paramref name="Indices"/>.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.WorkItem")]
public sealed record WorkItem(Guid SweepId, string DatasetKey, SweepSettingsDto Settings, ImmutableArray<int> Indices, ImmutableArray<ScenarioDto> Scenarios);

/// <summary>How a work item ended.</summary>
[GenerateSerializer, Alias("cm.sweep.WorkStatus")]
public enum WorkStatus
{
    /// <summary>Every scenario was solved.</summary>
    Done,

    /// <summary>Cancelled: the results hold the scenarios finished before.</summary>
    Cancelled,

    /// <summary>The silo does not hold the dataset: register it and send the item again.</summary>
    DatasetMissing,
}

/// <summary>What a worker sends back for a work item.</summary>
/// <param name="Status">How the item ended.</param>
/// <param name="Results">Results of the scenarios solved.</param>
/// <param name="NewStructures">Model structures the worker built for this item.</param>
/// <param name="Silo">Identity of the silo that solved it.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.WorkResult")]
public sealed record WorkResult(WorkStatus Status, ImmutableArray<ScenarioResultDto> Results, int NewStructures, string Silo);

/// <summary>One CSV file of a user dataset.</summary>
/// <param name="Name">File name (no directory).</param>
/// <param name="Content">The bytes.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.DatasetFile")]
public sealed record DatasetFileDto(string Name, ImmutableArray<byte> Content);

/// <summary>A user dataset as it travels to a silo, once: its files and load options, under its content hash.</summary>
/// <param name="Key">Content hash (<see cref="ClusterDataset.Key"/>).</param>
/// <param name="Files">The CSV files.</param>
/// <param name="UsgsEdition">Load option <see cref="Data.DatasetLoadOptions.UsgsEdition"/>.</param>
/// <param name="RequireSingleUsgsEdition">Load option <see cref="Data.DatasetLoadOptions.RequireSingleUsgsEdition"/>.</param>
/// <param name="FallBackToDefaults">Load option <see cref="Data.DatasetLoadOptions.FallBackToDefaults"/>.</param>
[GenerateSerializer, Immutable, Alias("cm.sweep.DatasetPayload")]
public sealed record DatasetPayload(string Key, ImmutableArray<DatasetFileDto> Files, string UsgsEdition, bool RequireSingleUsgsEdition, bool FallBackToDefaults);

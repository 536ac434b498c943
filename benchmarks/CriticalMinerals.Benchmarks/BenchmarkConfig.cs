using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// Shared configuration: the model's nonzero count, managed bytes allocated per nonzero, and the memory
/// diagnoser. The job is marked as the default job, so a job named on the command line (<c>--job Dry</c>)
/// replaces it instead of running alongside it, which is what <c>[SimpleJob]</c> attributes would do.
/// </summary>
public abstract class BenchmarkConfig : ManualConfig
{
    protected BenchmarkConfig(Job job)
    {
        AddJob(job.AsDefault());
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        AddColumn(new NonzeroColumn(bytesPerNonzero: false), new NonzeroColumn(bytesPerNonzero: true));
        SummaryStyle = SummaryStyle.Default.WithCultureInfo(CultureInfo.InvariantCulture);
    }
}

/// <summary>Build benchmarks: one warm-up and five measured iterations in one process.</summary>
public sealed class BuildConfig() : BenchmarkConfig(BuildJob.Create("Build"));

/// <summary>
/// The same build benchmarks with the large-object-heap threshold raised to 128 MB, so that a model's arrays are
/// allocated in memory the GC reuses instead of fresh large-object pages (see the README: on this machine fresh
/// pages are what the library's build waits on). BenchmarkDotNet runs one default job per class, hence a class.
/// </summary>
public sealed class BuildLargeObjectHeapConfig() : BenchmarkConfig(
    BuildJob.Create("Build-LOH128MB").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_GCLOHThreshold", "0x8000000")));

internal static class BuildJob
{
    public static Job Create(string id) => Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithId(id);
}

/// <summary>Solve benchmarks at 1e3 to 1e5 variables: one warm-up and ten measured iterations (three were too few on this noisy machine).</summary>
public sealed class SolveConfig() : BenchmarkConfig(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(10).WithId("Solve"));

/// <summary>
/// The 1e6 solve: one measured operation per benchmark, no warm-up (each takes tens of seconds). Monitoring
/// runs the operation as is, without pilot or overhead stages.
/// </summary>
public sealed class LargeSolveConfig() : BenchmarkConfig(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1).WithId("LargeSolve"));

/// <summary>Either the nonzero count of the case's model or its managed allocation divided by that count.</summary>
public sealed class NonzeroColumn(bool bytesPerNonzero) : IColumn
{
    public string Id => bytesPerNonzero ? "BytesPerNonzero" : "Nonzeros";

    public string ColumnName => bytesPerNonzero ? "B/nnz" : "Nonzeros";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => bytesPerNonzero ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => bytesPerNonzero
        ? "Managed bytes allocated per operation divided by the model's nonzeros (native OR-Tools memory not included)"
        : "Nonzero coefficients of the model (2 per variable)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Variables"] is not int variables)
        {
            return "-";
        }

        long nonzeros = TransportationInstance.NonzerosFor(variables);
        if (!bytesPerNonzero)
        {
            return nonzeros.ToString(CultureInfo.InvariantCulture);
        }

        var report = summary[benchmarkCase];
        long? bytes = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        return bytes is { } b ? ((double)b / nonzeros).ToString("F1", CultureInfo.InvariantCulture) : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}

/// <summary>Peer comparison: processes are slow to start, so one warm-up and three measured iterations.</summary>
public sealed class PeerConfig() : BenchmarkConfig(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithId("Peers"));

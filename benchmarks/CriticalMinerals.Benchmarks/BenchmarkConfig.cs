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
    protected BenchmarkConfig(Job job, Job? alongside = null)
    {
        AddJob(job.AsDefault());
        if (alongside is not null)
        {
            // BenchmarkDotNet takes one default job; a second one always runs, under --job Dry too.
            AddJob(alongside);
        }

        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        AddColumn(new NonzeroColumn(bytesPerNonzero: false), new NonzeroColumn(bytesPerNonzero: true));
        SummaryStyle = SummaryStyle.Default.WithCultureInfo(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Build benchmarks: one warm-up and five measured iterations in one process, once with the default GC and once with
/// the large-object-heap threshold raised to 128 MB, so that a model's arrays are allocated in memory the GC reuses
/// instead of fresh large-object pages (see the README: fresh pages are what the library's build waits on here).
/// </summary>
public sealed class BuildConfig() : BenchmarkConfig(
    BuildJob.WithId("Build"),
    BuildJob.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_GCLOHThreshold", "0x8000000")).WithId("Build-LOH128MB"))
{
    private static Job BuildJob => Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5);
}

/// <summary>Solve benchmarks at 1e4 and 1e5 variables: one warm-up and three measured iterations.</summary>
public sealed class SolveConfig() : BenchmarkConfig(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithId("Solve"));

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

using BenchmarkDotNet.Attributes;
using CriticalMinerals.Modeling;
using CriticalMinerals.Solving.Backends;
using Google.OrTools.ModelBuilder;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// What a solve costs before the native solver starts: OR-Tools' raw ModelBuilder index path (baseline) against
/// the library's <see cref="LinearModel"/> plus its copy into ModelBuilder, and the library model alone.
/// </summary>
public abstract class BuildBenchmarkCases
{
    private TransportationInstance _instance = null!;

    /// <summary>Nominal number of variables (1e4, 1e5, 1e6; capped by <c>CRITICALMINERALS_BENCH_MAX_VARIABLES</c>).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Build))]
    public int Variables { get; set; }

    [GlobalSetup]
    public void Setup() => _instance = TransportationInstance.Create(Variables);

    /// <summary>OR-Tools alone: the generator's arrays straight into a ModelBuilderHelper, one native call per field.</summary>
    [Benchmark(Baseline = true, Description = "Raw ModelBuilder index path")]
    public int RawIndexPath()
    {
        using var builder = new ModelBuilderHelper();
        _instance.BuildRaw(builder);
        return _instance.VariableCount;
    }

    /// <summary>The library's path to a native model: LinearModel from the same arrays, then ModelBuilderBackend.Build.</summary>
    [Benchmark(Description = "LinearModel + ModelBuilderBackend.Build")]
    public int LibraryPath()
    {
        var model = _instance.BuildLinearModel();
        using var builder = new ModelBuilderHelper();
        ModelBuilderBackend.Build(model, builder);
        return _instance.VariableCount;
    }

    /// <summary>The same, with the copy through ModelBuilder's public SWIG wrapper instead of the direct native calls.</summary>
    [Benchmark(Description = "LinearModel + Build through the wrapper")]
    public int LibraryPathThroughWrapper()
    {
        var model = _instance.BuildLinearModel();
        using var builder = new ModelBuilderHelper();
        ModelBuilderBackend.Build(model, builder, direct: false);
        return _instance.VariableCount;
    }

    /// <summary>The library model alone: LinearModel build and its CSR matrix, no native calls.</summary>
    [Benchmark(Description = "LinearModel + GetRows only")]
    public int LibraryModelOnly()
    {
        var model = _instance.BuildLinearModel();
        return model.GetRows().NonzeroCount;
    }
}

/// <summary>The build cases with the default GC settings.</summary>
[Config(typeof(BuildConfig))]
public class BuildBenchmarks : BuildBenchmarkCases;

/// <summary>The build cases with the large-object-heap threshold raised (<see cref="BuildLargeObjectHeapConfig"/>).</summary>
[Config(typeof(BuildLargeObjectHeapConfig))]
public class BuildLargeObjectHeapBenchmarks : BuildBenchmarkCases;

using BenchmarkDotNet.Attributes;
using CriticalMinerals.Solving;
using Google.OrTools.ModelBuilder;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// The cases every solve benchmark shares: the raw ModelBuilder path solved by HiGHS (baseline) against the library's
/// <c>SolverBackends.X.Solve</c>, which also copies the model, reads the point back and checks it.
/// </summary>
public abstract class SolveBenchmarkCases
{
    /// <summary>The instance of the current size.</summary>
    protected TransportationInstance Instance { get; private set; } = null!;

    /// <summary>Nominal number of variables of the current case.</summary>
    protected abstract int Size { get; }

    [GlobalSetup]
    public void Setup() => Instance = TransportationInstance.Create(Size);

    [Benchmark(Baseline = true, Description = "Raw ModelBuilder + HiGHS")]
    public double RawHighs() => SolveRunner.RawHighs(Instance);

    [Benchmark(Description = "Library CLP")]
    public double Clp() => SolveRunner.Library(Instance, SolverBackends.Clp);

    [Benchmark(Description = "Library HiGHS")]
    public double Highs() => SolveRunner.Library(Instance, SolverBackends.Highs);
}

/// <summary>Build and solve end to end at 1e3–1e5 variables, with GLOP and the automatic choice as well.</summary>
[Config(typeof(SolveConfig))]
public class SolveBenchmarks : SolveBenchmarkCases
{
    /// <summary>Nominal number of variables (1e3, 1e4, 1e5; capped by <c>CRITICALMINERALS_BENCH_MAX_VARIABLES</c>).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Solve))]
    public int Variables { get; set; }

    /// <inheritdoc/>
    protected override int Size => Variables;

    [Benchmark(Description = "Library GLOP")]
    public double Glop() => SolveRunner.Library(Instance, SolverBackends.Glop);

    [Benchmark(Description = "Library automatic choice")]
    public double Automatic() => SolveRunner.Library(Instance, null);
}

/// <summary>
/// The million-variable solve, once per backend (each takes tens of seconds): CLP and HiGHS through the library
/// against the raw HiGHS baseline. Runs only when <c>CRITICALMINERALS_BENCH_MAX_VARIABLES</c> ≥ 1 000 000 (the default).
/// </summary>
[Config(typeof(LargeSolveConfig))]
public class LargeSolveBenchmarks : SolveBenchmarkCases
{
    /// <summary>Nominal number of variables: 1e6, or none when capped below.</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.LargeSolve))]
    public int Variables { get; set; }

    /// <inheritdoc/>
    protected override int Size => Variables;
}

internal static class SolveRunner
{
    private static readonly SolveOptions NoDuals = new() { ComputeDuals = false };

    /// <summary>Raw path: build into ModelBuilder, solve with HiGHS silenced, read the point back.</summary>
    public static double RawHighs(TransportationInstance instance)
    {
        using var builder = new ModelBuilderHelper();
        instance.BuildRaw(builder);
        using var solver = new ModelSolverHelper("highs");
        solver.EnableOutput(false);
        solver.SetSolverSpecificParameters("output_flag=false");
        solver.Solve(builder);
        if (!solver.HasResponse() || solver.Status() != Google.OrTools.ModelBuilder.SolveStatus.OPTIMAL)
        {
            throw new InvalidOperationException($"Raw HiGHS did not solve the instance: {solver.StatusString()}");
        }

        var x = new double[instance.VariableCount];
        for (int j = 0; j < x.Length; j++)
        {
            x[j] = solver.VariableValue(j);
        }

        return solver.ObjectiveValue();
    }

    /// <summary>Library path: build the LinearModel and solve it through a backend, without duals.</summary>
    public static double Library(TransportationInstance instance, ISolverBackend? backend)
    {
        var model = instance.BuildLinearModel();
        backend ??= SolverBackends.Choose(model);
        var solution = backend.Solve(model, NoDuals);
        if (solution.Status != CriticalMinerals.Solving.SolveStatus.Optimal)
        {
            throw new InvalidOperationException($"{backend.Name} did not solve the instance: {solution.Status} {solution.Message}");
        }

        return solution.ObjectiveValue!.Value;
    }
}

using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// The sweep benchmarks' job: one launch, one warm-up, three measured iterations. It is the default job, so
/// <c>--job Dry</c> on the command line replaces it.
/// </summary>
public sealed class SweepBenchmarkConfig : ManualConfig
{
    public SweepBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithId("Sweep").AsDefault());
        SummaryStyle = SummaryStyle.Default.WithCultureInfo(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Sweep throughput on the embedded data: every commodity × the five built-in coalitions × STEPS/APS/NZE 2030 ×
/// recycling 0/5/10 % of demand × refining capacity ×0.8/1/1.2 (810 scenarios). Times are per scenario
/// (<c>OperationsPerInvoke</c>), so scenarios per second = 1 s / mean. Warm (sessions per model structure) against
/// cold (build and solve each scenario), on one core and on all cores.
/// </summary>
[Config(typeof(SweepBenchmarkConfig))]
[MemoryDiagnoser]
public class SweepThroughputBenchmarks
{
    private const int Scenarios = 810;
    private IReadOnlyList<SweepScenario> _scenarios = null!;
    private ScenarioSweep _sweep = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = MineralDataset.Default;
        var grid = new SweepGrid
        {
            Commodities = data.Commodities.Select(c => c.Code).ToArray(),
            Coalitions = CoalitionAnalysis.BuiltInCoalitions.Select(data.GetCoalition).ToArray(),
            Scenarios = [DemandScenario.Steps, DemandScenario.Aps, DemandScenario.Nze],
            RecyclingShares = [0, 0.05, 0.1],
            Parameters = [(new CapacityMultiplier(SupplyStage.Refining), [0.8, 1.0, 1.2])],
        };
        _scenarios = grid.Expand();
        if (_scenarios.Count != Scenarios)
        {
            throw new InvalidOperationException($"The grid has {_scenarios.Count} scenarios, not {Scenarios}.");
        }

        _sweep = new ScenarioSweep(data);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Scenarios, Description = "Cold, 1 core")]
    public int ColdOneCore() => Run(warm: false, cores: 1);

    [Benchmark(OperationsPerInvoke = Scenarios, Description = "Cold, all cores")]
    public int ColdAllCores() => Run(warm: false, cores: Environment.ProcessorCount);

    [Benchmark(OperationsPerInvoke = Scenarios, Description = "Warm, 1 core")]
    public int WarmOneCore() => Run(warm: true, cores: 1);

    [Benchmark(OperationsPerInvoke = Scenarios, Description = "Warm, all cores")]
    public int WarmAllCores() => Run(warm: true, cores: Environment.ProcessorCount);

    private int Run(bool warm, int cores)
    {
        var result = _sweep.Run(_scenarios, new SweepOptions { WarmStart = warm, MaxDegreeOfParallelism = cores, KeepOutcomes = false });
        return result.IsComplete && result.Results.All(r => r.Status == SolveStatus.Optimal)
            ? result.Results.Count
            : throw new InvalidOperationException("A sweep scenario did not solve.");
    }
}

/// <summary>
/// Warm against cold re-solve after a right-hand-side change, on a synthetic transportation LP of 250 sources × 200
/// sinks (50,000 variables, 450 rows). Each operation changes demands and solves again: <c>All</c> scales every one of
/// the 200 demands by 1.01 or 0.99 (alternating), <c>Ten</c> scales 10 of them by 1.05 or 0.95. Cold solves the changed
/// model from scratch (load and solve); warm changes the row bounds in a session and re-solves from the last basis.
/// </summary>
[Config(typeof(SweepBenchmarkConfig))]
[MemoryDiagnoser]
public class SweepWarmColdBenchmarks
{
    private const int Sources = 250;
    private const int Sinks = 200;
    private LinearModel _model = null!;
    private double[] _demand = null!;
    private ISolverSession _session = null!;
    private int _flip;

    [Params("CLP", "GLOP")]
    public string Backend { get; set; } = "CLP";

    /// <summary>Which demands change: <c>All</c> (200 rows, ±1 %) or <c>Ten</c> (10 rows, ±5 %).</summary>
    [Params("All", "Ten")]
    public string Change { get; set; } = "All";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2024);
        _model = new LinearModel("transport", Sources * Sinks, Sources + Sinks, 2 * Sources * Sinks);
        var supply = new double[Sources];
        _demand = new double[Sinks];
        for (int i = 0; i < Sources; i++)
        {
            supply[i] = 50 + (100 * random.NextDouble());
            _model.AddRow(double.NegativeInfinity, supply[i]);
        }

        double totalSupply = supply.Sum();
        for (int j = 0; j < Sinks; j++)
        {
            _demand[j] = (0.8 * totalSupply / Sinks) * (0.5 + random.NextDouble());
        }

        double scale = 0.85 * totalSupply / _demand.Sum();
        for (int j = 0; j < Sinks; j++)
        {
            _demand[j] *= scale;
            _model.AddRow(_demand[j], double.PositiveInfinity);
        }

        for (int i = 0; i < Sources; i++)
        {
            for (int j = 0; j < Sinks; j++)
            {
                int x = _model.AddVariable(0, double.PositiveInfinity, 1 + (99 * random.NextDouble()));
                _model.AddTerm(i, x, 1);
                _model.AddTerm(Sources + j, x, 1);
            }
        }

        _session = SolverBackends.Get(Backend).CreateSession(_model);
        Check(_session.Solve(Options));
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    private static SolveOptions Options { get; } = SolveOptions.Default with { ComputeDuals = false };

    [Benchmark(Baseline = true, Description = "Cold re-solve after RHS change")]
    public double Cold()
    {
        ChangeDemand(_model.SetRowBounds);
        return Check(SolverBackends.Get(Backend).Solve(_model, Options));
    }

    [Benchmark(Description = "Warm re-solve after RHS change")]
    public double Warm()
    {
        ChangeDemand(_session.SetRowBounds);
        return Check(_session.Solve(Options));
    }

    private void ChangeDemand(Action<int, double, double> setRowBounds)
    {
        bool all = Change == "All";
        double step = all ? 0.01 : 0.05;
        double factor = (_flip++ % 2 == 0) ? 1 + step : 1 - step;
        for (int j = 0; j < (all ? Sinks : 10); j++)
        {
            setRowBounds(Sources + j, _demand[j] * factor, double.PositiveInfinity);
        }
    }

    private static double Check(Solution solution) =>
        solution.Status == SolveStatus.Optimal ? solution.ObjectiveValue!.Value : throw new InvalidOperationException($"{solution.Status}: {solution.Message}");
}

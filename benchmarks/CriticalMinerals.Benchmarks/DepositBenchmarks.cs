using BenchmarkDotNet.Attributes;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// The deposit MIP of Busch et al. (2025) on its reference case (160 deposits, 2022–2070; 45,129 variables of which 7,840
/// binary, 31,689 rows): the cost stage alone to a 0.1 % gap, and the paper's reference run (cost, then ease of doing
/// business within 10 % of it, then the LP for duals), per MIP backend. One measured operation each, capped at
/// <see cref="TimeLimitSeconds"/>; the objective and the gap reached are printed, since a capped run is not a finished one.
/// </summary>
[Config(typeof(LargeSolveConfig))]
public class DepositBenchmarks
{
    /// <summary>Wall-clock cap of one run.</summary>
    public const int TimeLimitSeconds = 600;

    [Params("HiGHS", "CBC", "SCIP")]
    public string Backend { get; set; } = "HiGHS";

    [Benchmark(Description = "Cost stage to 0.1 % gap")]
    public double CostStage() => Run(0);

    [Benchmark(Description = "Reference run (cost, then EDB within 10 %, then duals)")]
    public double ReferenceRun() => Run(DepositProblem.DefaultDegradation);

    private double Run(double degradation)
    {
        var result = DepositSolver.Run(MineralDataset.Default.Busch2025, new DepositOptions
        {
            Degradation = degradation,
            Backend = SolverBackends.Get(Backend),
            TimeLimit = TimeSpan.FromSeconds(TimeLimitSeconds),
            RelativeGap = 1e-3,
            ComputeDuals = degradation > 0,
        });
        Console.WriteLine($"// deposits {Backend} degradation {degradation}: cost stage {result.CostStage.Status} {result.CostStage.ObjectiveValue:F1} gap {result.CostStage.RelativeGap:P3} in {result.CostStage.Elapsed.TotalSeconds:F1} s; second stage {result.SecondStage?.Status} {result.SecondStage?.ObjectiveValue:F1} gap {result.SecondStage?.RelativeGap:P3} in {result.SecondStage?.Elapsed.TotalSeconds:F1} s");
        return result.DiscountedCostMillionUsd ?? double.NaN;
    }
}

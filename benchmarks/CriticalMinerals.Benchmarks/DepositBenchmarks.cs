using BenchmarkDotNet.Attributes;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// The cost stage of the deposit MIP of Busch et al. (2025) on its reference case (160 deposits, 2022–2070; 45,129 variables
/// of which 7,840 binary, 31,689 rows) to a 0.1 % gap: by the rounded LP relaxation (two CLP solves, the library's default
/// first step) and by each MIP backend alone. One measured operation each, capped at <see cref="TimeLimitSeconds"/>; the
/// gap reached is printed, since a capped run is not a finished one. The full reference run (with the ease-of-doing-business
/// stage, minutes) is measured in docs/deposits.md.
/// </summary>
[Config(typeof(LargeSolveConfig))]
public class DepositBenchmarks
{
    /// <summary>Wall-clock cap of one run.</summary>
    public const int TimeLimitSeconds = 90;

    [Params("Rounded relaxation", "CBC", "SCIP", "HiGHS")]
    public string Method { get; set; } = "Rounded relaxation";

    [Benchmark(Description = "Deposit MIP, cost stage to 0.1 % gap")]
    public double CostStage()
    {
        bool rounding = Method == "Rounded relaxation";
        var result = DepositSolver.Run(MineralDataset.Default.Busch2025, new DepositOptions
        {
            Degradation = 0,
            Backend = SolverBackends.Get(rounding ? "CBC" : Method),
            TimeLimit = TimeSpan.FromSeconds(TimeLimitSeconds),
            RelativeGap = 1e-3,
            ComputeDuals = false,
            RoundRelaxationFirst = rounding,
        });
        var stage = result.CostStage;
        Console.WriteLine($"// deposits {Method}: {stage.Status} objective {stage.ObjectiveValue:F1} bound {stage.BestBound:F1} gap {stage.RelativeGap:P3} in {stage.Elapsed.TotalSeconds:F1} s");
        return result.DiscountedCostMillionUsd ?? double.NaN;
    }
}

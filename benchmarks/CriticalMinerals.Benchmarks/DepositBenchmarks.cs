using BenchmarkDotNet.Attributes;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// The deposit MIP of Busch et al. (2025) on its reference case (160 deposits, 2022–2070; 45,129 variables of which 7,840
/// binary, 31,689 rows) to a 0.1 % gap per stage: the cost stage alone, and the full reference run (then the ease-of-doing-
/// business stage within 10 % of the cost optimum). Methods: the library's default (the rounded LP relaxation of each stage
/// in one warm CLP session, CBC only where the rounded plan's gap exceeds 0.1 %) and each MIP backend alone. One measured
/// operation each, capped at <see cref="TimeLimitSeconds"/>; the objective, bound and gap reached are printed per stage,
/// since a capped run is not a finished one (results/DepositBenchmarks-notes.md).
/// </summary>
[Config(typeof(LargeSolveConfig))]
public class DepositBenchmarks
{
    /// <summary>Wall-clock cap of one run.</summary>
    public const int TimeLimitSeconds = 60;

    [Params("Rounded relaxation", "CBC", "SCIP", "HiGHS")]
    public string Method { get; set; } = "Rounded relaxation";

    [Benchmark(Description = "Deposit MIP, cost stage to 0.1 % gap")]
    public double CostStage() => Run(degradation: 0);

    [Benchmark(Description = "Deposit MIP, reference run (cost, then EDB within 10 %) to 0.1 % gap per stage")]
    public double ReferenceRun() => Run(DepositProblem.DefaultDegradation);

    private double Run(double degradation)
    {
        bool rounding = Method == "Rounded relaxation";
        var result = DepositSolver.Run(MineralDataset.Default.Busch2025, new DepositOptions
        {
            Degradation = degradation,
            Backend = SolverBackends.Get(rounding ? "CBC" : Method),
            TimeLimit = TimeSpan.FromSeconds(TimeLimitSeconds),
            RelativeGap = 1e-3,
            ComputeDuals = false,
            RoundRelaxationFirst = rounding,
        });
        Print("cost stage", result.CostStage);
        Print("EDB stage", result.SecondStage);
        return result.SecondObjectiveValue ?? result.DiscountedCostMillionUsd ?? double.NaN;
    }

    private void Print(string name, DepositStage? stage)
    {
        if (stage is not null)
        {
            Console.WriteLine($"// deposits {Method} {name}: {stage.Status} objective {stage.ObjectiveValue:F2} bound {stage.BestBound:F2} gap {stage.RelativeGap:P3} in {stage.Elapsed.TotalSeconds:F1} s");
        }
    }
}

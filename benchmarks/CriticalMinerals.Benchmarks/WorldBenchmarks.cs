using BenchmarkDotNet.Attributes;
using CriticalMinerals.Analysis.World;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.World;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// The world allocation model on the embedded data: every mineral, NZE 2030, three blocs (the MSP, a China-centred bloc,
/// the non-aligned rest), every country with output and every mine-to-refinery pair. Building all six networks and models
/// against allocating them (max-min fairness: several LPs each), and the main job's 144 allocations in parallel. The size
/// of each model is printed at setup (variables, rows, nonzeros) and kept in the README beside the times.
/// </summary>
[Config(typeof(SolveConfig))]
public class WorldAllocationBenchmarks
{
    private readonly WorldAnalysis _analysis = new(MineralDataset.Default);
    private WorldNetwork[] _networks = [];
    private IReadOnlyList<WorldQuestion> _main = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = MineralDataset.Default;
        _networks = data.Commodities.Select(c => _analysis.BuildNetwork(_analysis.WithDataDemand(new WorldQuestion
        {
            Commodity = c.Code,
            Blocs = [data.GetCoalition("MSP_Minerals_Security_Partnership"), WorldAnalysis.ChinaCentred()],
            DemandShares = new Dictionary<string, double>(),
            Scenario = DemandScenario.Nze,
            Year = 2030,
        })).Network).ToArray();
        foreach (var network in _networks)
        {
            var model = WorldModel.Create(network).Model;
            Console.WriteLine($"// world model {network.Commodity}: {network.Sites.Count} sites, {model.VariableCount} variables, {model.RowCount} rows, {model.TermCount} nonzeros");
        }

        _main = _analysis.MainQuestions(2030);
    }

    [Benchmark(Baseline = true, Description = "Build six world models (NZE 2030, 3 blocs)")]
    public int Build() => _networks.Sum(n => WorldModel.Create(n).Model.TermCount);

    [Benchmark(Description = "Allocate six worlds (max-min fairness)")]
    public double Allocate() => _networks.Sum(n => WorldAllocation.Solve(n).Blocs[0].ShortfallKt);

    [Benchmark(Description = "Main job's 144 allocations in parallel")]
    public int MainJob() => _analysis.AllocateAll(_main).Count;
}

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

/// <summary>
/// The world model over periods on the embedded data: six minerals, every country with output, every mine-to-refinery pair,
/// every year 2024–2050 (27 periods of one year), three blocs (the MSP, a China-centred bloc, the non-aligned rest; shares of
/// NZE 2030 demand from the data, held), a stock per bloc, new mines from 2031 and refineries from 2027 under the default
/// growth limits (10 % and 15 % a year). Capacity per year interpolates the data years linearly (2024 observed, 2030, 2035,
/// 2040 base case) and holds 2040 after; demand interpolates the NZE years. The benchmark instance only: no analysis states
/// these interpolations. One LP per mineral: minimise 1000 per kt-year of shortfall plus capital cost. Sizes are printed
/// at setup (variables, rows, nonzeros).
/// </summary>
[Config(typeof(SolveConfig))]
public class WorldPeriodsBenchmarks
{
    private WorldPlanNetwork[] _networks = [];

    [GlobalSetup]
    public void Setup()
    {
        _networks = [.. MineralDataset.Default.Commodities.Select(c => Network(c.Code))];
        foreach (var network in _networks)
        {
            var world = WorldPlanModel.Create(network);
            Console.WriteLine($"// world over periods {network.Commodity}: {network.Sites.Count} sites, {network.Periods.Count} periods, {world.Model.VariableCount} variables, {world.Model.RowCount} rows, {world.Model.TermCount} nonzeros");
        }
    }

    [Benchmark(Baseline = true, Description = "Build six world models 2024–2050 (27 periods, 3 blocs)")]
    public int Build() => _networks.Sum(n => WorldPlanModel.Create(n).Model.TermCount);

    [Benchmark(Description = "Build and solve six world models 2024–2050 (CLP)")]
    public double BuildAndSolve() => _networks.Sum(Solve);

    internal static double Solve(WorldPlanNetwork network)
    {
        var world = WorldPlanModel.Create(network);
        var model = world.Model;
        for (int v = 0; v < model.VariableCount; v++)
        {
            model.SetObjectiveCoefficient(v, world.CostCoefficients[v]);
        }

        for (int t = 0; t < network.Periods.Count; t++)
        {
            foreach (var bloc in network.Blocs)
            {
                model.SetObjectiveCoefficient(world.Shortfall(bloc.Name, t), 1000);
            }
        }

        var solution = CriticalMinerals.Solving.SolverBackends.Clp.Solve(model);
        return solution.Status == CriticalMinerals.Solving.SolveStatus.Optimal ? solution.ObjectiveValue ?? double.NaN : throw new InvalidOperationException($"{network.Commodity}: {solution.Status}");
    }

    internal static WorldPlanNetwork Network(string commodity)
    {
        var data = MineralDataset.Default;
        var analysis = new WorldAnalysis(data);
        var question = analysis.WithDataDemand(new WorldQuestion
        {
            Commodity = commodity,
            Blocs = [data.GetCoalition("MSP_Minerals_Security_Partnership"), WorldAnalysis.ChinaCentred()],
            DemandShares = new Dictionary<string, double>(),
            Scenario = DemandScenario.Nze,
            Year = 2030,
        });
        (DemandScenario Scenario, int Year)[] supplyYears = [(DemandScenario.Observed, 2024), (DemandScenario.Nze, 2030), (DemandScenario.Nze, 2035), (DemandScenario.Nze, 2040)];
        var networks = supplyYears.Select(y => analysis.BuildNetwork(question with { Scenario = y.Scenario, Year = y.Year }).Network).ToArray();
        var years = Enumerable.Range(2024, 27).ToArray();
        double Interpolate(Func<int, double> at, int[] known, int year)
        {
            if (year >= known[^1])
            {
                return at(known[^1]);
            }

            int i = Array.FindLastIndex(known, k => k <= year);
            double w = (double)(year - known[i]) / (known[i + 1] - known[i]);
            return ((1 - w) * at(known[i])) + (w * at(known[i + 1]));
        }

        int[] supplyKnown = [.. supplyYears.Select(y => y.Year)];
        var codes = networks.SelectMany(n => n.Sites).Select(s => s.Iso3).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        double Capacity(string iso3, int year, Func<WorldSite, double> of) =>
            Interpolate(y => networks[Array.IndexOf(supplyKnown, y)].Sites.FirstOrDefault(s => s.Iso3 == iso3) is { } site ? of(site) : 0, supplyKnown, year);
        var sites = codes.Select(iso3 => new WorldSitePlan(iso3, [.. years.Select(y => Capacity(iso3, y, s => s.MiningKt))], [.. years.Select(y => Capacity(iso3, y, s => s.RefiningKt))])
        {
            OtherRouteKt = [.. years.Select(y => Capacity(iso3, y, s => s.OtherRouteKt))],
            MiningBuild = new CapacityBuild(7) { MaxGrowthRatePerYear = 0.10, CapitalCostPerKt = 1 },
            RefiningBuild = new CapacityBuild(3) { MaxGrowthRatePerYear = 0.15, CapitalCostPerKt = 1 },
        }).ToArray();
        int[] demandKnown = [2024, 2030, 2035, 2040, 2045, 2050];
        double WorldDemand(int year) => data.TotalDemand(commodity, year == 2024 ? DemandScenario.Observed : DemandScenario.Nze, year).Value;
        var at2030 = networks[1];
        double total2030 = at2030.Blocs.Sum(b => b.DemandKt);
        var blocs = at2030.Blocs.Select(b => new BlocPlan(
            b.Name,
            b.Name == at2030.Blocs[^1].Name ? [.. codes.Where(c => at2030.Blocs.Take(at2030.Blocs.Count - 1).All(o => !o.Members.Contains(c)))] : b.Members,
            [.. years.Select(y => Interpolate(WorldDemand, demandKnown, y) * (total2030 > 0 ? b.DemandKt / total2030 : 0))])
        {
            Stockpile = new BlocStockpile(),
        }).ToArray();
        return new WorldPlanNetwork(commodity, [.. years.Select(y => new WorldPeriod(y, 1))], sites, blocs) { SecondaryFeedShare = at2030.SecondaryFeedShare };
    }
}

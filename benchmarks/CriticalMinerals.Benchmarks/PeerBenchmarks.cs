using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CriticalMinerals.Modeling.Export;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// End to end against the tools a researcher would otherwise use, on the same transportation LP: the library
/// (build + automatic backend + checked solve) against PuLP + CBC (the model written in PuLP, solved by Debian's
/// CBC) and GLPK's glpsol (reading the LP file the library writes; its time is parse + solve). Peers run as
/// processes, as a researcher runs them. Needs Debian's python3-pulp, coinor-cbc and glpk-utils
/// (<c>benchmarks/run-peers.sh</c> installs them).
/// </summary>
[Config(typeof(PeerConfig))]
public class PeerBenchmarks
{
    private TransportationInstance _instance = null!;
    private string _folder = null!;
    private string _instanceJson = null!;
    private string _lpFile = null!;
    private double _expected;

    /// <summary>Nominal number of variables (1e4, 1e5; capped by <c>CRITICALMINERALS_BENCH_MAX_VARIABLES</c>).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Solve))]
    public int Variables { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _instance = TransportationInstance.Create(Variables);
        _folder = Directory.CreateTempSubdirectory("cm-peers-").FullName;
        _instanceJson = Path.Combine(_folder, "instance.json");
        File.WriteAllText(_instanceJson, JsonSerializer.Serialize(new
        {
            sources = _instance.Sources,
            sinks = _instance.Sinks,
            costs = _instance.Costs,
            supply = _instance.Supply,
            demand = _instance.Demand,
        }));
        _lpFile = Path.Combine(_folder, "transportation.lp");
        ModelFile.WriteLp(_instance.BuildLinearModel(), _lpFile);
        _expected = SolveRunner.Library(_instance, SolverBackends.Clp);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, Description = "Library (automatic backend)")]
    public double Library()
    {
        var model = _instance.BuildLinearModel();
        return SolverBackends.Solve(model, new SolveOptions { ComputeDuals = false }).ObjectiveValue!.Value;
    }

    [Benchmark(Description = "PuLP + CBC")]
    public double PulpCbc() => Check(double.Parse(Run("/usr/bin/python3", PulpScript(), _instanceJson).Trim(), CultureInfo.InvariantCulture));

    [Benchmark(Description = "glpsol (LP file)")]
    public double Glpsol()
    {
        string output = Path.Combine(_folder, "glpsol.out");
        Run("glpsol", "--lp", _lpFile, "--output", output);
        string objectiveLine = File.ReadLines(output).First(l => l.StartsWith("Objective:", StringComparison.Ordinal));
        return Check(double.Parse(objectiveLine.Split('=')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    private double Check(double objective) =>
        Math.Abs(objective - _expected) <= 1e-6 * Math.Abs(_expected)
            ? objective
            : throw new InvalidOperationException($"Peer objective {objective} differs from the library's {_expected}.");

    private static string PulpScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "benchmarks", "peers", "pulp_transport.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("benchmarks/peers/pulp_transport.py not found above " + AppContext.BaseDirectory);
    }

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout
            : throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {stderr.Result}");
    }
}

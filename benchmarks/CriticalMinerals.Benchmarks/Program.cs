using BenchmarkDotNet.Running;

namespace CriticalMinerals.Benchmarks;

public static class Program
{
    /// <summary>
    /// Runs the benchmarks the arguments select. The peer comparison needs outside programs: where one is missing its
    /// class is skipped with one line saying what to install (or, with CRITICALMINERALS_REQUIRE_PEERS=1, the run fails
    /// before it starts). A benchmark that fails makes the exit code 1, so a broken case never passes as a row of NA.
    /// </summary>
    /// <summary>
    /// Classes whose every case takes minutes (the deposit MIPs on the real data): the CI's dry run, which only keeps
    /// the benchmarks compiling and running, leaves them out with CRITICALMINERALS_BENCH_SKIP_LONG=1; their committed
    /// reports come from full runs.
    /// </summary>
    private static readonly Type[] LongRunning = [typeof(DepositBenchmarks), typeof(DepositGridBenchmarks)];

    public static int Main(string[] args)
    {
        var types = typeof(Program).Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false))).ToList();
        var missing = PeerPrerequisites.Missing();
        if (missing.Count > 0)
        {
            string line = $"PeerBenchmarks skipped: {string.Join(", ", missing)} not found (Debian: apt-get install python3-pulp coinor-cbc glpk-utils, or benchmarks/run-peers.sh).";
            if (Environment.GetEnvironmentVariable("CRITICALMINERALS_REQUIRE_PEERS") == "1")
            {
                Console.Error.WriteLine(line.Replace("skipped", "cannot run", StringComparison.Ordinal));
                return 2;
            }

            Console.Error.WriteLine(line);
            types.Remove(typeof(PeerBenchmarks));
        }

        if (Environment.GetEnvironmentVariable("CRITICALMINERALS_BENCH_SKIP_LONG") == "1")
        {
            foreach (var type in LongRunning)
            {
                Console.Error.WriteLine($"{type.Name} skipped: it solves real MIPs for minutes per case (CRITICALMINERALS_BENCH_SKIP_LONG=1).");
                types.Remove(type);
            }
        }

        var summaries = BenchmarkSwitcher.FromTypes([.. types]).Run(args).ToArray();
        var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo).ToArray();
        foreach (string name in failed)
        {
            Console.Error.WriteLine($"Benchmark failed: {name}");
        }

        return failed.Length > 0 || summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}

/// <summary>The outside programs <see cref="PeerBenchmarks"/> runs.</summary>
internal static class PeerPrerequisites
{
    /// <summary>What is missing, in words (empty when every peer can run).</summary>
    public static IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!OnPath("glpsol"))
        {
            missing.Add("glpsol (glpk-utils)");
        }

        if (!OnPath("cbc"))
        {
            missing.Add("cbc (coinor-cbc)");
        }

        if (!PythonHasPulp())
        {
            missing.Add("python3 with pulp (python3-pulp)");
        }

        return missing;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    private static bool PythonHasPulp()
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", ["-c", "import pulp"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;
using CriticalMinerals.Tests.Solving;
using Xunit.Abstractions;

namespace CriticalMinerals.Tests.Reliability;

/// <summary>
/// A bounded soak: thousands of solves on all cores, mixing every backend with conformance models and the supply model on
/// the embedded data, each answer compared with a single-threaded reference, and the process's resident memory compared
/// before and after the main loop. It runs with no other test beside it (the non-parallel collection): resident memory is
/// the whole process's, and a test allocating alongside showed as growth (145 MB in one CI run; 3–4 MB alone).
/// </summary>
[Collection(nameof(MemoryHeavyGroup))]
public sealed class SoakTests(ITestOutputHelper output)
{
    /// <summary>Allowed growth of resident memory over the main loop, after a warm-up pass and a full GC on both sides.</summary>
    private const long AllowedGrowthBytes = 50L * 1024 * 1024;

    private const int Rounds = 13;

    private static (string Name, Func<LinearModel> Build)[] Models =>
    [
        ("wyndor", ConformanceModels.Wyndor),
        ("diet", ConformanceModels.Diet),
        ("degenerate", ConformanceModels.Degenerate),
        ("ranged", ConformanceModels.EqualityAndRange),
        ("free", ConformanceModels.FreeVariables),
        ("infeasible", ConformanceModels.Infeasible),
        ("unbounded", ConformanceModels.Unbounded),
        ("knapsack", ConformanceModels.Knapsack),
        ("fixed_charge", ConformanceModels.FixedCharge),
        ("transport_4x5", () => ConformanceModels.Transportation(4, 5, 7)),
        ("transport_12x15", () => ConformanceModels.Transportation(12, 15, 8)),
    ];

    /// <summary>Resident set size from /proc/self/statm (resident pages × page size).</summary>
    private static long ResidentBytes()
    {
        string[] fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    private static long SettledResidentBytes()
    {
        for (int k = 0; k < 3; k++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return ResidentBytes();
    }

    /// <summary>Everything an answer says, as text: status, objective and every value and dual in round-trip form.</summary>
    private static string Fingerprint(Solution s) => string.Join('|',
        s.Status,
        s.ObjectiveValue?.ToString("R", CultureInfo.InvariantCulture),
        string.Join(',', s.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
        s.Duals is null ? "-" : string.Join(',', s.Duals.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
        s.DualsBackend);

    private static string Json(CoverageResult result)
    {
        using var stream = new MemoryStream();
        CoverageExport.WriteJson([result], stream);
        return Convert.ToBase64String(stream.ToArray());
    }

    [Fact]
    public void Thousands_of_parallel_solves_match_the_sequential_reference_and_native_memory_stays_flat()
    {
        if (!File.Exists("/proc/self/statm"))
        {
            return; // Resident memory is read from Linux's /proc; the backends ship linux-x64 natives only.
        }

        var backends = SolverBackends.All.Where(b => b.IsAvailable).ToArray();
        var cases = (from model in Models from backend in backends select (Key: $"{backend.Name}/{model.Name}", Backend: backend, model.Build)).ToArray();
        var analysis = new CoalitionAnalysis(MineralDataset.Default);
        var questions = new[] { "lithium", "nickel", "cobalt" }
            .SelectMany(c => new[] { "G7", "MSP_Minerals_Security_Partnership" }.Select(g => new CoalitionQuestion
            {
                Commodity = c,
                Coalition = MineralDataset.Default.GetCoalition(g),
                Scenario = DemandScenario.Nze,
                Year = 2030,
            }))
            .ToArray();

        // Reference: each case once, on one thread. This is also the first warm-up.
        var reference = cases.ToDictionary(c => c.Key, c => Fingerprint(c.Backend.Solve(c.Build())));
        var referenceAnswers = questions.Select(q => Json(analysis.Answer(q))).ToArray();

        // Work list: every case and question Rounds times, in a seeded shuffled order.
        var work = Enumerable.Range(0, Rounds).SelectMany(_ => Enumerable.Range(0, cases.Length + questions.Length)).ToArray();
        new Random(5).Shuffle(work);
        var mismatches = new ConcurrentQueue<string>();
        int solves = 0;
        void Run(int item)
        {
            if (item < cases.Length)
            {
                var c = cases[item];
                var solution = c.Backend.Solve(c.Build());
                string got = Fingerprint(solution);
                if (solution.Status != SolveStatus.NotSupported)
                {
                    Interlocked.Increment(ref solves); // a refusal (LP-only backend and a MIP, CP-SAT and an LP) is no solve
                }

                if (got != reference[c.Key])
                {
                    mismatches.Enqueue($"{c.Key}: {got} ≠ {reference[c.Key]}");
                }
            }
            else
            {
                int q = item - cases.Length;
                var answer = analysis.Answer(questions[q]);
                Interlocked.Add(ref solves, 1 + answer.InvestmentTargets.Count);
                if (Json(answer) != referenceAnswers[q])
                {
                    mismatches.Enqueue($"{questions[q].Commodity}/{questions[q].Coalition.Name}: the answer differs from the reference");
                }
            }
        }

        // Parallel warm-up (natives' thread-local state, JIT, pools), then the measured main loop.
        Parallel.For(0, cases.Length + questions.Length, Run);
        long before = SettledResidentBytes();
        int warmSolves = solves;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Run);
        clock.Stop();
        long after = SettledResidentBytes();
        int mainSolves = solves - warmSolves;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mainSolves} solves ({work.Length} work items: {cases.Length} backend×model cases and {questions.Length} coalition answers, ×{Rounds}) on {Environment.ProcessorCount} cores in {clock.Elapsed.TotalSeconds:F1} s; RSS {before / 1048576.0:F1} MB before, {after / 1048576.0:F1} MB after, growth {(after - before) / 1048576.0:F1} MB"));
        mismatches.Should().BeEmpty();
        mainSolves.Should().BeGreaterThanOrEqualTo(1_000);
        (after - before).Should().BeLessThan(AllowedGrowthBytes, "native memory must not grow with the number of solves");
    }
}

using System.Diagnostics;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Solving;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace CriticalMinerals.Analysis.Uncertainty;

/// <summary>An uncertain input: a scenario parameter and the distribution of its value.</summary>
/// <param name="Parameter">The parameter (a capacity multiplier, demand multiplier, recycling share, project delay, …).</param>
/// <param name="Distribution">Distribution of its value, in the parameter's unit.</param>
public sealed record UncertainInput(ScenarioParameter Parameter, InputDistribution Distribution);

/// <summary>One network to simulate, typically one commodity of a coalition question.</summary>
/// <param name="Label">Name of the case in results (e.g. the commodity code).</param>
/// <param name="Network">The base network; each draw applies the sampled inputs to it.</param>
/// <param name="Unit">Unit of its kt figures.</param>
/// <param name="Context">Earlier-year capacities for project delays; <see cref="ScenarioContext.None"/> if no delay is sampled.</param>
public sealed record MonteCarloCase(string Label, SupplyNetwork Network, string Unit, ScenarioContext Context);

/// <summary>How a Monte Carlo run draws and solves.</summary>
public sealed record MonteCarloOptions
{
    /// <summary>Number of draws per case; 1,000 by default.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Seed: the same seed gives identical results, whatever the degree of parallelism.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>A draw meets demand when its shortfall is at most this many kt; 1e-6 by default.</summary>
    public double ShortfallToleranceKt { get; init; } = 1e-6;

    /// <summary>Largest number of draws solved at once; <see cref="Environment.ProcessorCount"/> by default.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Draws per block. Each block is solved in order in a session of its own (cold first, then warm), so a draw's
    /// result depends only on the seed and the block size, never on the thread that solved it. 64 by default.
    /// </summary>
    public int BlockSize { get; init; } = 64;

    internal void Validate()
    {
        if (Draws < 1 || BlockSize < 1 || MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Draws), "Draws, BlockSize and MaxDegreeOfParallelism must be at least 1.");
        }

        if (!(ShortfallToleranceKt >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(ShortfallToleranceKt), ShortfallToleranceKt, "Must be ≥ 0.");
        }
    }
}

/// <summary>Progress of a Monte Carlo run.</summary>
/// <param name="Done">Draws solved (over every case).</param>
/// <param name="Total">Draws to solve (draws × cases).</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct MonteCarloProgress(int Done, int Total, TimeSpan Elapsed);

/// <summary>The distribution of shortfall of one case.</summary>
/// <param name="Label">The case.</param>
/// <param name="Unit">Unit of the kt figures.</param>
/// <param name="Draws">Draws solved to optimality (those the statistics are over).</param>
/// <param name="Failed">Draws whose solve failed (not counted in the statistics).</param>
/// <param name="MeanShortfallKt">Mean shortfall.</param>
/// <param name="StdDevShortfallKt">Sample standard deviation of the shortfall.</param>
/// <param name="P5ShortfallKt">5th percentile (type 7: linear interpolation between order statistics, as R's default and Excel's PERCENTILE.INC).</param>
/// <param name="P50ShortfallKt">Median.</param>
/// <param name="P95ShortfallKt">95th percentile.</param>
/// <param name="ProbabilityOfMeetingDemand">Share of draws with shortfall ≤ the tolerance.</param>
/// <param name="MeanDemandKt">Mean sampled demand.</param>
/// <param name="ShortfallsKt">Shortfall of every draw in draw order (NaN where the draw failed or did not run).</param>
/// <remarks>The supply LP has no cost, so there are no cost percentiles: its objective is the shortfall.</remarks>
public sealed record MonteCarloSummary(
    string Label,
    string Unit,
    int Draws,
    int Failed,
    double MeanShortfallKt,
    double StdDevShortfallKt,
    double P5ShortfallKt,
    double P50ShortfallKt,
    double P95ShortfallKt,
    double ProbabilityOfMeetingDemand,
    double MeanDemandKt,
    IReadOnlyList<double> ShortfallsKt);

/// <summary>The result of a Monte Carlo run.</summary>
/// <param name="Cases">One summary per case, in input order.</param>
/// <param name="Seed">The seed.</param>
/// <param name="DrawsRequested">Draws asked for per case.</param>
/// <param name="Cancelled">Whether the run was cancelled (the summaries then cover the finished blocks only).</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record MonteCarloResult(IReadOnlyList<MonteCarloSummary> Cases, long Seed, int DrawsRequested, bool Cancelled, TimeSpan Elapsed);

/// <summary>
/// Monte Carlo over uncertain inputs of the supply network. Draw <c>i</c> samples every input, in order, from a
/// generator seeded by (seed, i) alone, the same for every case (common random numbers: draw <c>i</c> is the same
/// world for every commodity). Blocks of draws are solved in warm sessions of their own, so results are identical for
/// the same seed whatever the number of threads.
/// </summary>
public sealed class MonteCarloSimulation
{
    private readonly ISolverBackend? _backend;

    /// <summary>Creates a simulation.</summary>
    /// <param name="backend">Backend; the automatic choice (CLP) when <see langword="null"/>.</param>
    public MonteCarloSimulation(ISolverBackend? backend = null) => _backend = backend;

    /// <summary>The cases of coalition questions on a dataset: one per question, labelled by commodity.</summary>
    public static IReadOnlyList<MonteCarloCase> CasesOf(MineralDataset dataset, IReadOnlyList<CoalitionQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(questions);
        var analysis = new CoalitionAnalysis(dataset);
        return questions.Select(q => new MonteCarloCase(
            q.Commodity,
            analysis.BuildNetwork(q),
            dataset.GetCommodity(q.Commodity).ModelUnit,
            ScenarioContext.For(dataset, q.Commodity, q.Year))).ToArray();
    }

    /// <summary>The generator of one draw: Xoshiro256** seeded from a SplitMix64 hash of (seed, draw).</summary>
    public static Random RandomForDraw(long seed, int draw)
    {
        ulong z = SplitMix((ulong)seed ^ SplitMix((ulong)draw + 0x632BE59BD9B4E019UL));
        return new Xoshiro256StarStar((int)(z ^ (z >> 32)), false);
    }

    /// <summary>The sampled values of the inputs for one draw, in input order.</summary>
    public static double[] SampleInputs(IReadOnlyList<UncertainInput> inputs, long seed, int draw)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var random = RandomForDraw(seed, draw);
        var values = new double[inputs.Count];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = inputs[k].Distribution.Sample(random);
        }

        return values;
    }

    /// <summary>Runs the simulation.</summary>
    /// <param name="cases">The networks to simulate.</param>
    /// <param name="inputs">Uncertain inputs, applied in order to each draw's network.</param>
    /// <param name="options">Options; defaults when <see langword="null"/>.</param>
    /// <param name="progress">Receives draws done after each block.</param>
    /// <param name="cancellationToken">Stops starting new blocks; finished blocks are kept and summarised.</param>
    /// <exception cref="ArgumentException">A distribution or the first draw's parameter values are out of range.</exception>
    public MonteCarloResult Run(
        IReadOnlyList<MonteCarloCase> cases,
        IReadOnlyList<UncertainInput> inputs,
        MonteCarloOptions? options = null,
        IProgress<MonteCarloProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= new MonteCarloOptions();
        options.Validate();
        foreach (var input in inputs)
        {
            input.Distribution.Validate();
        }

        foreach (var c in cases)
        {
            Apply(c, inputs, SampleInputs(inputs, options.Seed, 0)).Validate();
        }

        var stopwatch = Stopwatch.StartNew();
        int draws = options.Draws;
        int blocksPerCase = (draws + options.BlockSize - 1) / options.BlockSize;
        var shortfalls = cases.Select(_ => Filled(draws, double.NaN)).ToArray();
        var demands = cases.Select(_ => Filled(draws, double.NaN)).ToArray();
        var failed = new int[cases.Count];
        int total = draws * cases.Count;
        int done = 0;
        bool cancelled = false;
        Parallel.For(0, blocksPerCase * cases.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, (block, state) =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Volatile.Write(ref cancelled, true);
                state.Stop();
                return;
            }

            int caseIndex = block / blocksPerCase;
            int first = (block % blocksPerCase) * options.BlockSize;
            int last = Math.Min(draws, first + options.BlockSize);
            var c = cases[caseIndex];
            var blockShortfalls = new double[last - first];
            var blockDemands = new double[last - first];
            int blockFailed = 0;
            using (var solver = new SupplySolver(_backend, warm: true))
            {
                for (int draw = first; draw < last; draw++)
                {
                    var network = Apply(c, inputs, SampleInputs(inputs, options.Seed, draw));
                    var (outcome, _) = solver.Solve(network, CancellationToken.None);
                    bool ok = outcome.Solution.Status == SolveStatus.Optimal;
                    blockShortfalls[draw - first] = ok ? outcome.ShortfallKt : double.NaN;
                    blockDemands[draw - first] = network.DemandKt;
                    blockFailed += ok ? 0 : 1;
                }
            }

            // A block is kept whole or not at all; blocks write disjoint ranges.
            blockShortfalls.CopyTo(shortfalls[caseIndex], first);
            blockDemands.CopyTo(demands[caseIndex], first);
            Interlocked.Add(ref failed[caseIndex], blockFailed);
            int finished = Interlocked.Add(ref done, last - first);
            progress?.Report(new MonteCarloProgress(finished, total, stopwatch.Elapsed));
        });

        cancelled |= cancellationToken.IsCancellationRequested && done < total;
        var summaries = cases.Select((c, k) => Summarise(c, shortfalls[k], demands[k], failed[k], options.ShortfallToleranceKt)).ToArray();
        return new MonteCarloResult(summaries, options.Seed, draws, cancelled, stopwatch.Elapsed);
    }

    /// <summary>
    /// The <paramref name="p"/>-quantile (0 ≤ p ≤ 1) of values by type 7 (R's default): <c>h = (n − 1)p</c>, linear between
    /// the order statistics around <c>h</c>. NaN values are ignored; NaN if none is left.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return QuantileOfSorted(sorted, p);
    }

    // R's type 7 is MathNet's R7; an empty sample has no quantile.
    private static double QuantileOfSorted(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : SortedArrayStatistics.QuantileCustom(sorted, Math.Clamp(p, 0, 1), QuantileDefinition.R7);

    private static SupplyNetwork Apply(MonteCarloCase c, IReadOnlyList<UncertainInput> inputs, double[] values)
    {
        var network = c.Network;
        for (int k = 0; k < values.Length; k++)
        {
            network = inputs[k].Parameter.Apply(network, values[k], c.Context);
        }

        return network;
    }

    private static MonteCarloSummary Summarise(MonteCarloCase c, double[] shortfalls, double[] demands, int failed, double tolerance)
    {
        var sorted = shortfalls.Where(v => !double.IsNaN(v)).Order().ToArray();
        int n = sorted.Length;
        // Sample (n − 1) standard deviation; MathNet gives NaN below two values, as the summary should.
        var (mean, standardDeviation) = n > 0 ? ArrayStatistics.MeanStandardDeviation(sorted) : (double.NaN, double.NaN);
        var finishedDemands = demands.Where(v => !double.IsNaN(v)).ToArray();
        return new MonteCarloSummary(
            c.Label,
            c.Unit,
            n,
            failed,
            mean,
            standardDeviation,
            QuantileOfSorted(sorted, 0.05),
            QuantileOfSorted(sorted, 0.50),
            QuantileOfSorted(sorted, 0.95),
            n > 0 ? sorted.Count(v => v <= tolerance) / (double)n : double.NaN,
            finishedDemands.Length > 0 ? ArrayStatistics.Mean(finishedDemands) : double.NaN,
            shortfalls);
    }

    private static double[] Filled(int n, double value)
    {
        var a = new double[n];
        Array.Fill(a, value);
        return a;
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

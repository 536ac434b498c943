using System.Collections.Concurrent;
using System.Diagnostics;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Sweeps;

/// <summary>How a sweep runs.</summary>
public sealed record SweepOptions
{
    /// <summary>The default options: all cores, warm sessions.</summary>
    public static SweepOptions Default { get; } = new();

    /// <summary>Largest number of scenarios solved at once; <see cref="Environment.ProcessorCount"/> by default.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Re-solve scenarios that share a model structure in a warm session (the default). <see langword="false"/> builds and
    /// solves every scenario cold, as <see cref="CoalitionAnalysis.Answer"/> does.
    /// </summary>
    public bool WarmStart { get; init; } = true;

    /// <summary>Keep each scenario's <see cref="SupplyOutcome"/> (flows and the solver's answer); off saves memory on large sweeps.</summary>
    public bool KeepOutcomes { get; init; } = true;

    /// <summary>Solve options; without duals by default.</summary>
    public SolveOptions Solve { get; init; } = SolveOptions.Default with { ComputeDuals = false };

    internal void Validate()
    {
        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "At least one.");
        }

        Solve.Validate();
    }
}

/// <summary>Progress of a sweep.</summary>
/// <param name="Done">Scenarios finished.</param>
/// <param name="Total">Scenarios in the sweep.</param>
/// <param name="Elapsed">Time since the sweep started.</param>
public readonly record struct SweepProgress(int Done, int Total, TimeSpan Elapsed);

/// <summary>The answer for one scenario of a sweep.</summary>
/// <param name="Index">Position of the scenario in the sweep's input.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Unit">Model unit of every kt figure (e.g. <c>kt Li</c>).</param>
/// <param name="Status">Status of the solve; <see cref="SolveStatus.Error"/> also where the scenario does not fit the data (see <paramref name="Message"/>).</param>
/// <param name="DemandKt">Demand to serve (kt).</param>
/// <param name="SuppliedKt">What the coalition's chain delivers (kt); NaN without a solution.</param>
/// <param name="ShortfallKt">Demand left unserved (kt); NaN without a solution.</param>
/// <param name="Coverage">Supplied over demand (1 where demand is 0); NaN without a solution.</param>
/// <param name="WarmResolve">Whether it was a warm re-solve of a model structure solved before on the same worker.</param>
/// <param name="Outcome">The solved network in supply-chain terms, if <see cref="SweepOptions.KeepOutcomes"/>.</param>
/// <param name="Message">Why there is no solution, if there is none.</param>
public sealed record SweepScenarioResult(
    int Index,
    SweepScenario Scenario,
    string Unit,
    SolveStatus Status,
    double DemandKt,
    double SuppliedKt,
    double ShortfallKt,
    double Coverage,
    bool WarmResolve,
    SupplyOutcome? Outcome,
    string? Message);

/// <summary>What a sweep produced: every finished scenario, also when it was cancelled.</summary>
/// <param name="Results">Finished scenarios, in input order (a cancelled sweep leaves gaps in <see cref="SweepScenarioResult.Index"/>).</param>
/// <param name="Total">Scenarios asked for.</param>
/// <param name="Cancelled">Whether the sweep was cancelled before every scenario finished.</param>
/// <param name="Elapsed">Wall-clock time of the sweep.</param>
/// <param name="Structures">Distinct model structures built (summed over workers).</param>
public sealed record SweepResult(IReadOnlyList<SweepScenarioResult> Results, int Total, bool Cancelled, TimeSpan Elapsed, int Structures)
{
    /// <summary>Whether every scenario finished.</summary>
    public bool IsComplete => !Cancelled && Results.Count == Total;

    /// <summary>The results as a tidy table: one row per scenario and quantity.</summary>
    /// <param name="countryDetail">Add each country's refined supply and mined feed as quantities.</param>
    public SweepTable ToTable(bool countryDetail = false) => SweepTable.From(Results, countryDetail);
}

/// <summary>
/// Runs many scenarios of the coalition model in parallel. Scenarios that share a model structure (same commodity,
/// coalition, year and non-member mined-feed share) reuse the built model and a warm solver session on each
/// worker; every other difference (demand, capacities, recycling, shares) is a change of bounds. Workers take
/// contiguous runs of the input after it is ordered by structure, so a session sees many scenarios.
/// </summary>
public sealed class ScenarioSweep
{
    private readonly CoalitionAnalysis _analysis;
    private readonly ISolverBackend? _backend;
    private readonly ConcurrentDictionary<(string, int), ScenarioContext> _contexts = new();

    /// <summary>Creates a sweep runner over a dataset.</summary>
    /// <param name="dataset">The data; <see cref="MineralDataset.Default"/> for the embedded one.</param>
    /// <param name="backend">Backend for every solve; the automatic choice (CLP) when <see langword="null"/>.</param>
    public ScenarioSweep(MineralDataset dataset, ISolverBackend? backend = null)
    {
        _analysis = new CoalitionAnalysis(dataset, backend);
        _backend = backend;
    }

    /// <summary>The dataset.</summary>
    public MineralDataset Dataset => _analysis.Dataset;

    /// <summary>The network a scenario solves: the question's network with the settings applied in order.</summary>
    /// <exception cref="ArgumentException">The scenario does not fit the data or a setting is out of range.</exception>
    public SupplyNetwork BuildNetwork(SweepScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var network = _analysis.BuildNetwork(scenario.Question);
        if (scenario.Settings.Count > 0)
        {
            var context = ContextOf(scenario.Question.Commodity, scenario.Question.Year);
            foreach (var setting in scenario.Settings)
            {
                network = setting.ApplyTo(network, context);
            }
        }

        return network;
    }

    /// <summary>The capacities of the supply year before a year, for project delays (cached).</summary>
    public ScenarioContext ContextOf(string commodity, int year) =>
        _contexts.GetOrAdd((commodity, year), key => ScenarioContext.For(Dataset, key.Item1, key.Item2));

    /// <summary>Runs the scenarios of a grid.</summary>
    public SweepResult Run(SweepGrid grid, SweepOptions? options = null, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return Run(grid.Expand(), options, progress, cancellationToken);
    }

    /// <summary>
    /// Runs scenarios in parallel. Cancellation stops starting new scenarios and returns what finished, with
    /// <see cref="SweepResult.Cancelled"/> set; it never throws for cancellation. A scenario that does not fit the data is
    /// reported with <see cref="SolveStatus.Error"/> and a message, without stopping the others.
    /// </summary>
    /// <param name="scenarios">The scenarios.</param>
    /// <param name="options">Options; <see cref="SweepOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives done/total/elapsed after each scenario.</param>
    /// <param name="cancellationToken">Stops the sweep, keeping finished results.</param>
    public SweepResult Run(IReadOnlyList<SweepScenario> scenarios, SweepOptions? options = null, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        options ??= SweepOptions.Default;
        options.Validate();
        var stopwatch = Stopwatch.StartNew();
        int total = scenarios.Count;
        var results = new SweepScenarioResult?[total];
        using var activity = SweepTelemetry.Source.StartActivity("sweep");
        activity?.SetTag("criticalminerals.scenarios", total);

        int[] order = OrderByStructure(scenarios);
        int workers = Math.Max(1, Math.Min(options.MaxDegreeOfParallelism, total));
        int chunk = Math.Clamp(total / (workers * 4), 1, 64);
        int done = 0;
        int structures = 0;
        var partitioner = System.Collections.Concurrent.Partitioner.Create(0, total, chunk);
        Parallel.ForEach(
            partitioner,
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            () => new SupplySolver(_backend, options.WarmStart, options.Solve),
            (range, state, solver) =>
            {
                for (int k = range.Item1; k < range.Item2; k++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        state.Stop();
                        break;
                    }

                    int index = order[k];
                    var result = SolveScenario(index, scenarios[index], solver, options.KeepOutcomes, cancellationToken);
                    if (result is null)
                    {
                        state.Stop();
                        break;
                    }

                    results[index] = result;
                    int finished = Interlocked.Increment(ref done);
                    progress?.Report(new SweepProgress(finished, total, stopwatch.Elapsed));
                }

                return solver;
            },
            solver =>
            {
                Interlocked.Add(ref structures, solver.StructureCount);
                solver.Dispose();
            });

        var finishedResults = results.Where(r => r is not null).Select(r => r!).ToArray();
        activity?.SetTag("criticalminerals.workers", workers);
        activity?.SetTag("criticalminerals.finished", finishedResults.Length);
        activity?.SetTag("criticalminerals.cancelled", finishedResults.Length < total);
        return new SweepResult(finishedResults, total, finishedResults.Length < total, stopwatch.Elapsed, structures);
    }

    /// <summary>
    /// The order in which a sweep visits its scenarios: those that share a model structure (commodity, coalition, year,
    /// mining-stage sourcing rule) one after another, so that contiguous runs share a warm session; within a structure,
    /// the input's order. For engines that distribute a sweep and cut it into work items.
    /// </summary>
    /// <param name="scenarios">The sweep's input.</param>
    /// <returns>Indices into <paramref name="scenarios"/>.</returns>
    public static int[] OrderByStructure(IReadOnlyList<SweepScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        return Enumerable.Range(0, scenarios.Count)
            .OrderBy(i => scenarios[i].Question.Commodity, StringComparer.Ordinal)
            .ThenBy(i => scenarios[i].Question.Coalition.Name, StringComparer.Ordinal)
            .ThenBy(i => scenarios[i].Question.Year)
            .ThenBy(i => scenarios[i].Question.Rules.MaxNonMemberShareOfMinedFeed)
            .ThenBy(i => i)
            .ToArray();
    }

    /// <summary>
    /// Solves one scenario on a caller's solver, exactly as <see cref="Run(IReadOnlyList{SweepScenario}, SweepOptions?, IProgress{SweepProgress}?, CancellationToken)"/>
    /// does for each of its scenarios (for engines that distribute a sweep); <see langword="null"/> when cancellation
    /// interrupted its solve (it did not finish).
    /// </summary>
    /// <param name="index">Position of the scenario in the sweep's input.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="solver">The worker's solver (one per thread).</param>
    /// <param name="keepOutcome">Whether to keep the full <see cref="SupplyOutcome"/> in the result.</param>
    /// <param name="cancellationToken">Stops the solve.</param>
    public SweepScenarioResult? SolveScenario(int index, SweepScenario scenario, SupplySolver solver, bool keepOutcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(solver);
        long started = Stopwatch.GetTimestamp();
        var result = Solve(index, scenario, solver, keepOutcome, cancellationToken);
        if (result is not null && (SweepTelemetry.Scenarios.Enabled || SweepTelemetry.ScenarioDuration.Enabled))
        {
            var tags = new TagList { { "status", result.Status.ToString() }, { "commodity", scenario.Question.Commodity } };
            SweepTelemetry.Scenarios.Add(1, tags);
            SweepTelemetry.ScenarioDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }

        return result;
    }

    private SweepScenarioResult? Solve(int index, SweepScenario scenario, SupplySolver solver, bool keepOutcome, CancellationToken cancellationToken)
    {
        string unit;
        SupplyNetwork network;
        try
        {
            unit = Dataset.GetCommodity(scenario.Question.Commodity).ModelUnit;
            network = BuildNetwork(scenario);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return new SweepScenarioResult(index, scenario, string.Empty, SolveStatus.Error, double.NaN, double.NaN, double.NaN, double.NaN, false, null, e.Message);
        }

        var (outcome, warm) = solver.Solve(network, cancellationToken);
        var solution = outcome.Solution;
        if (solution.StopReason == StopReason.Cancelled)
        {
            return null;
        }

        double demand = network.DemandKt;
        double shortfall = outcome.ShortfallKt;
        double supplied = demand - shortfall;
        return new SweepScenarioResult(
            index,
            scenario,
            unit,
            solution.Status,
            demand,
            supplied,
            shortfall,
            demand > 0 ? supplied / demand : (double.IsNaN(shortfall) ? double.NaN : 1),
            warm,
            keepOutcome ? outcome : null,
            solution.HasSolution ? null : solution.Message ?? solution.Status.ToString());
    }
}

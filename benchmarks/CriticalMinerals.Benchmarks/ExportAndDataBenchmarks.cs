using BenchmarkDotNet.Attributes;
using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Export;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Solving.Backends;
using Google.OrTools.ModelBuilder;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// MPS export: the library's streamed full-precision writer against OR-Tools' own <c>ExportToMpsString</c>
/// (6 significant digits, one string) on the same model.
/// </summary>
[Config(typeof(SolveConfig))]
public class ExportBenchmarks
{
    private LinearModel _model = null!;

    /// <summary>Nominal number of variables (1e4, 1e5).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Solve))]
    public int Variables { get; set; }

    [GlobalSetup]
    public void Setup() => _model = TransportationInstance.Create(Variables).BuildLinearModel();

    [Benchmark(Baseline = true, Description = "OR-Tools ExportToMpsString (6 digits)")]
    public int OrTools()
    {
        using var builder = new ModelBuilderHelper();
        ModelBuilderBackend.Build(_model, builder);
        return builder.ExportToMpsString(false).Length;
    }

    [Benchmark(Description = "Library MpsWriter (round-trip precision, streamed)")]
    public long Library()
    {
        using var sink = new CountingStream();
        MpsWriter.Write(_model, sink);
        return sink.Length;
    }

    /// <summary>Counts bytes and drops them, so the benchmark measures formatting, not the disk.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}

/// <summary>
/// The real default dataset, one year: one coalition question built and solved, and the whole main job
/// (6 minerals × 5 coalitions × 4 scenario-years, with investment targets confirmed by re-solves).
/// </summary>
[Config(typeof(SolveConfig))]
public class RealDataBenchmarks
{
    private readonly CoalitionAnalysis _analysis = new(MineralDataset.Default);
    private CoalitionQuestion _question = null!;
    private IReadOnlyList<CoalitionQuestion> _main = null!;

    [GlobalSetup]
    public void Setup()
    {
        _question = new CoalitionQuestion { Commodity = "lithium", Coalition = MineralDataset.Default.GetCoalition("MSP_Minerals_Security_Partnership"), Scenario = DemandScenario.Nze, Year = 2030 };
        _main = _analysis.MainQuestions();
    }

    [Benchmark(Baseline = true, Description = "Build the supply LP of one question")]
    public int Build() => SupplyModel.Create(_analysis.BuildNetwork(_question)).Model.VariableCount;

    [Benchmark(Description = "Answer one question (build, solve, confirm targets)")]
    public double Answer() => _analysis.Answer(_question).ShortfallKt;

    [Benchmark(Description = "Main job: 120 questions in parallel")]
    public int MainJob() => _analysis.AnswerAll(_main).Count;
}

/// <summary>
/// The real multi-period model (2024–2050, NZE, MSP lithium, continuous build-out, coalition-only): building the plan
/// LP against solving it (three lexicographic stages). Target: build ≤ 10 % of solve.
/// </summary>
[Config(typeof(SolveConfig))]
public class PlanningBenchmarks
{
    private readonly PlanningAnalysis _analysis = new(MineralDataset.Default);
    private PlanningProblem _problem = null!;

    [GlobalSetup]
    public void Setup() => _problem = _analysis.BuildProblem(new PlanningQuestion
    {
        Commodity = "lithium",
        Coalition = MineralDataset.Default.GetCoalition("MSP_Minerals_Security_Partnership"),
        Scenario = DemandScenario.Nze,
        IncludeDemandOnlyYears = true,
    });

    [Benchmark(Baseline = true, Description = "Solve the multi-period plan (build included)")]
    public double Solve() => PlanSolver.Solve(PlanModel.Create(_problem)).TotalShortfallKt;

    [Benchmark(Description = "Build the multi-period plan LP")]
    public int Build() => PlanModel.Create(_problem).Model.VariableCount;
}

using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Reliability;

/// <summary>Cases the fuzzer found, kept as plain tests.</summary>
public sealed class LoaderRegressionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cm-regression-" + Guid.NewGuid().ToString("N"));

    public LoaderRegressionTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_quote_problem_under_a_blank_header_cell_names_the_column_by_position()
    {
        // Fuzz case: a header cell emptied, then a broken quote in that column. The problem used to have field ''.
        File.WriteAllText(Path.Combine(_dir, "sources.csv"), "source_id, ,source_url\nS1,\"x\"y,z\n");

        var act = () => MineralDataset.Load(_dir, new DatasetLoadOptions { FallBackToDefaults = true });

        var problems = act.Should().Throw<DatasetException>().Which.Problems;
        problems.Should().Contain(new DataProblem("sources.csv", 2, "(column 2)", "xy", "a comma or line end right after a closing quote"));
        problems.Should().OnlyContain(p => p.Field.Length > 0);
    }
}

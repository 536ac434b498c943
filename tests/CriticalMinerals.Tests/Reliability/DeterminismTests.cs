using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Results;

namespace CriticalMinerals.Tests.Reliability;

/// <summary>The same question gives the same bytes: twice in a row, in parallel or in sequence.</summary>
public sealed class DeterminismTests
{
    private static byte[] Json(IEnumerable<CoverageResult> results)
    {
        using var stream = new MemoryStream();
        CoverageExport.WriteJson(results, stream);
        return stream.ToArray();
    }

    [Fact]
    public void The_same_question_answered_twice_gives_byte_identical_json()
    {
        var data = MineralDataset.Default;
        var question = new CoalitionQuestion { Commodity = "lithium", Coalition = data.GetCoalition("MSP_Minerals_Security_Partnership") };

        byte[] first = Json([new CoalitionAnalysis(data).Answer(question)]);
        byte[] second = Json([new CoalitionAnalysis(data).Answer(question)]);

        first.Should().NotBeEmpty();
        second.Should().Equal(first);
    }

    [Fact]
    public void The_main_sweep_is_identical_across_two_runs_one_parallel_one_sequential()
    {
        var analysis = new CoalitionAnalysis(MineralDataset.Default);
        var questions = analysis.MainQuestions();

        var parallel = analysis.AnswerAll(questions);
        var sequential = questions.Select(q => new CoalitionAnalysis(MineralDataset.Default).Answer(q)).ToArray();

        questions.Should().HaveCountGreaterThan(100);
        parallel.Select(r => (r.Commodity, r.Coalition, r.Scenario)).Should().Equal(questions.Select(q => (q.Commodity, q.Coalition.Name, q.Scenario)), "answers come back in the order asked");
        byte[] reference = Json(parallel);
        Json(sequential).Should().Equal(reference);
        parallel.Should().Equal(sequential, (a, b) => a.ShortfallKt.Equals(b.ShortfallKt) && a.Status == b.Status);
    }
}

using CriticalMinerals.Analysis;
using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Analysis;

/// <summary>The one batch behaviour: bounded parallelism, progress, and cancellation that keeps what finished.</summary>
public sealed class BatchTests
{
    private sealed record Answer(int Question, bool Complete);

    [Fact]
    public void Cancellation_keeps_the_finished_answers_in_question_order_and_drops_the_one_it_cut_short()
    {
        using var cts = new CancellationTokenSource();
        var result = Batch.Run(
            Enumerable.Range(0, 100).ToArray(),
            (q, token) =>
            {
                if (q == 10)
                {
                    cts.Cancel();
                    return new Answer(q, Complete: false); // returned, but its work was stopped
                }

                return new Answer(q, Complete: true);
            },
            a => a.Complete,
            new BatchOptions { MaxDegreeOfParallelism = 1 },
            cancellationToken: cts.Token);

        result.Cancelled.Should().BeTrue();
        result.IsComplete.Should().BeFalse();
        result.Total.Should().Be(100);
        result.Indices.Should().Equal(Enumerable.Range(0, 10), "one at a time, questions 0–9 finished before the cancellation");
        result.Results.Select(a => a.Question).Should().Equal(result.Indices);
    }

    [Fact]
    public void At_most_the_given_number_of_questions_run_at_once_and_progress_counts_each_once()
    {
        int running = 0, peak = 0;
        var reported = new System.Collections.Concurrent.ConcurrentBag<int>();
        var result = Batch.Run(
            Enumerable.Range(0, 40).ToArray(),
            (q, _) =>
            {
                int now = Interlocked.Increment(ref running);
                int seen;
                while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
                {
                }

                Thread.Sleep(5);
                Interlocked.Decrement(ref running);
                return new Answer(q, true);
            },
            options: new BatchOptions { MaxDegreeOfParallelism = 2 },
            progress: new SynchronousProgress(reported.Add));

        result.IsComplete.Should().BeTrue();
        peak.Should().BeLessThanOrEqualTo(2);
        reported.Order().Should().Equal(Enumerable.Range(1, 40));
    }

    [Fact]
    public void AnswerAll_is_the_batch_made_whole_and_throws_when_cancelled()
    {
        var analysis = new CoalitionAnalysis(MineralDataset.Default);
        var questions = analysis.MainQuestions(2030).Take(3).Select(q => q with { InvestmentTargetCount = 0 }).ToArray();

        var batch = analysis.AnswerBatch(questions);
        var all = analysis.AnswerAll(questions);

        batch.IsComplete.Should().BeTrue();
        all.Select(a => a.ShortfallKt).Should().Equal(batch.Results.Select(a => a.ShortfallKt));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        analysis.AnswerBatch(questions, cancellationToken: cancelled.Token).Results.Should().BeEmpty();
        FluentActions.Invoking(() => analysis.AnswerAll(questions, cancellationToken: cancelled.Token)).Should().Throw<OperationCanceledException>();
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}

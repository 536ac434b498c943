namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>
/// Answers a batch of questions in parallel and, on Ctrl+C, keeps the answers that finished: the library's batch calls
/// throw on cancellation and drop them, and a user who stops a long run wants what was done.
/// </summary>
internal static class PartialBatch
{
    /// <summary>What finished, in the order of the questions, and whether the run was cancelled.</summary>
    /// <typeparam name="TResult">An answer.</typeparam>
    /// <param name="Results">The finished answers.</param>
    /// <param name="Total">How many questions there were.</param>
    /// <param name="Cancelled">Whether Ctrl+C stopped the run.</param>
    internal sealed record Outcome<TResult>(IReadOnlyList<TResult> Results, int Total, bool Cancelled);

    /// <summary>
    /// Answers every question; after a cancellation an answer counts as finished only if <paramref name="finished"/> says so
    /// (one stopped by the cancellation is an unsolved answer, not a result), and an answer that threw is dropped.
    /// </summary>
    public static Outcome<TResult> Run<TQuestion, TResult>(
        IReadOnlyList<TQuestion> questions,
        Func<TQuestion, CancellationToken, TResult> answer,
        Func<TResult, bool> finished,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
        where TResult : class
    {
        var results = new TResult?[questions.Count];
        int done = 0;
        try
        {
            Parallel.For(0, questions.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                TResult result;
                try
                {
                    result = answer(questions[i], cancellationToken);
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    // The cancellation stopped this answer half-way (an analysis throws when a solve it needs was cancelled).
                    return;
                }

                if (!cancellationToken.IsCancellationRequested || finished(result))
                {
                    results[i] = result;
                }

                progress?.Report(Interlocked.Increment(ref done));
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Parallel.For stopped starting new answers; the finished ones are in the array.
        }

        bool cancelled = cancellationToken.IsCancellationRequested && results.Any(r => r is null);
        return new Outcome<TResult>(results.OfType<TResult>().ToArray(), questions.Count, cancelled);
    }

    /// <summary>Says on stderr that the run was cancelled and how much of it finished; the exit code for it.</summary>
    public static int ReportCancelled(CliEnvironment environment, int finished, int total, string what)
    {
        environment.Error.WriteLine($"Cancelled: {finished} of {total} {what} finished and are shown; the rest were not solved.");
        return ExitCodes.Cancelled;
    }
}

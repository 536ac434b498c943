namespace CriticalMinerals.Analysis;

/// <summary>How a batch of questions runs.</summary>
public sealed record BatchOptions
{
    /// <summary>The defaults: one question per core at a time.</summary>
    public static BatchOptions Default { get; } = new();

    /// <summary>Questions solved at once; the machine's core count by default.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>What a batch answered: the finished answers in question order, and whether cancellation stopped it.</summary>
/// <typeparam name="TResult">An answer.</typeparam>
/// <param name="Results">The finished answers, in the order of their questions.</param>
/// <param name="Indices">The question index of each answer in <paramref name="Results"/>.</param>
/// <param name="Total">How many questions there were.</param>
/// <param name="Cancelled">Whether cancellation stopped the batch before every question was answered.</param>
public sealed record BatchResult<TResult>(IReadOnlyList<TResult> Results, IReadOnlyList<int> Indices, int Total, bool Cancelled)
{
    /// <summary>Whether every question was answered.</summary>
    public bool IsComplete => !Cancelled && Results.Count == Total;
}

/// <summary>
/// The one way the library answers many questions (coalition answers, bloc allocations; sweeps do the same with warm
/// solver sessions): in parallel up to <see cref="BatchOptions.MaxDegreeOfParallelism"/>, with progress, and a cancellation
/// that stops starting questions and keeps what finished — an answer the cancellation cut short is not a result.
/// </summary>
public static class Batch
{
    /// <summary>Answers every question; see <see cref="Batch"/>.</summary>
    /// <typeparam name="TQuestion">A question.</typeparam>
    /// <typeparam name="TResult">An answer.</typeparam>
    /// <param name="questions">The questions.</param>
    /// <param name="answer">Answers one question.</param>
    /// <param name="finished">Whether an answer that returned after cancellation is complete (e.g. its solve was not stopped); <see langword="null"/>: every returned answer is.</param>
    /// <param name="options">Parallelism; <see cref="BatchOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="progress">Receives the number answered after each answer.</param>
    /// <param name="cancellationToken">Stops the batch, keeping finished answers; never throws for cancellation.</param>
    /// <returns>The finished answers.</returns>
    public static BatchResult<TResult> Run<TQuestion, TResult>(
        IReadOnlyList<TQuestion> questions,
        Func<TQuestion, CancellationToken, TResult> answer,
        Func<TResult, bool>? finished = null,
        BatchOptions? options = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(answer);
        options ??= BatchOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options));
        var results = new TResult?[questions.Count];
        int done = 0;
        try
        {
            Parallel.For(0, questions.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, i =>
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

                if (!cancellationToken.IsCancellationRequested || finished is null || finished(result))
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

        var indices = Enumerable.Range(0, results.Length).Where(i => results[i] is not null).ToArray();
        return new BatchResult<TResult>(indices.Select(i => results[i]!).ToArray(), indices, questions.Count, indices.Length < questions.Count);
    }
}

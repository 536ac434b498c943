using Spectre.Console;

namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>A progress bar on stderr while long work runs, when stderr is a terminal; otherwise the work just runs.</summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> off the caller's thread, reporting done of <paramref name="total"/> through the callback it is given.</summary>
    public static async Task<T> RunAsync<T>(CliEnvironment environment, string label, int total, Func<Action<int>, T> work)
    {
        if (!environment.Interactive || total <= 1)
        {
            return await Task.Run(() => work(_ => { }), CancellationToken.None).ConfigureAwait(false);
        }

        T result = default!;
        await environment.CreateErrorConsole().Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, maxValue: total);
                result = await Task.Run(() => work(done => task.Value = done), CancellationToken.None).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }
}

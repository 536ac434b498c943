namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>How a command says that Ctrl+C stopped a batch (the library's <see cref="CriticalMinerals.Analysis.Batch"/> keeps what finished).</summary>
internal static class PartialBatch
{
    /// <summary>Says on stderr that the run was cancelled and how much of it finished; the exit code for it.</summary>
    public static int ReportCancelled(CliEnvironment environment, int finished, int total, string what)
    {
        environment.Error.WriteLine($"Cancelled: {finished} of {total} {what} finished and are shown; the rest were not solved.");
        return ExitCodes.Cancelled;
    }
}

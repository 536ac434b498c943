using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Export;

namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>Runs a command body and turns exceptions into messages on stderr and <see cref="ExitCodes"/>.</summary>
internal static class CommandRunner
{
    public static async Task<int> Run(CliEnvironment environment, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(IsInputError))
        {
            foreach (string message in e.Flatten().InnerExceptions.Select(x => x.Message).Distinct())
            {
                await environment.Error.WriteLineAsync(message).ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            await environment.Error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (IsInputError(e))
        {
            await environment.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }

    private static bool IsInputError(Exception e) =>
        e is DatasetException or ArgumentException or MpsFormatException or IOException or UnauthorizedAccessException or NotSupportedException;
}

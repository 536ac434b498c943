using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Export;

namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>
/// Runs a command body and turns exceptions into messages on stderr and <see cref="ExitCodes"/>: bad input exits 2 with
/// the message; anything else exits 1 with its type and message; a stack trace is never printed.
/// </summary>
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
            foreach (string message in e.Flatten().InnerExceptions.Select(CliInput.Message).Distinct())
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
            await environment.Error.WriteLineAsync(CliInput.Message(e)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await environment.Error.WriteLineAsync($"Unexpected failure ({e.GetType().Name}): {CliInput.ShowInvisible(e.Message)}").ConfigureAwait(false);
            return ExitCodes.Unexpected;
        }
    }

    private static bool IsInputError(Exception e) =>
        e is DatasetException or ArgumentException or MpsFormatException or IOException or UnauthorizedAccessException or NotSupportedException;
}

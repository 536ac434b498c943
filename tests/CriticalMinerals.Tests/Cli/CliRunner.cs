using CriticalMinerals.Cli.Infrastructure;

namespace CriticalMinerals.Tests.Cli;

/// <summary>Runs the tool in-process with captured stdout and stderr (no terminal: no progress bar, no colours).</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args) => Run(CancellationToken.None, args);

    public static (int ExitCode, string Out, string Error) Run(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var error = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        int code = CliApp.RunAsync(args, new CliEnvironment(output, error, Interactive: false), cancellationToken: cancellationToken).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }
}

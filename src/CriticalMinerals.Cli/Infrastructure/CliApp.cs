using System.CommandLine;
using System.CommandLine.Help;
using CriticalMinerals.Cli.Commands;

namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>Builds the command tree and runs it.</summary>
internal static class CliApp
{
    /// <summary>The commands of this build, found by reflection (see <see cref="ICliCommand"/>).</summary>
    public static IReadOnlyList<ICliCommand> Commands { get; } = typeof(CliApp).Assembly.GetTypes()
        .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Order)
        .ToArray();

    /// <summary>The command's name in usage lines and help, however it is started (a RootCommand would take the assembly's name).</summary>
    public const string CommandName = "criticalminerals";

    /// <summary>The root command: the subcommands, and `coverage` as the action when none is given.</summary>
    public static Command BuildRoot(CliEnvironment environment)
    {
        var root = new Command(CommandName, "Could a coalition of partner countries mine, refine and recycle enough critical minerals for a climate scenario? With no command, runs `coverage`.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        CoverageCommand.Configure(root, environment);
        foreach (var command in Commands)
        {
            root.Subcommands.Add(command.Create(environment));
        }

        return root;
    }

    /// <summary>
    /// How long a command may take, after Ctrl+C (SIGINT) or SIGTERM cancelled its token, to print what finished and return
    /// 130 by itself; past it the process exits with 130 at once. Every solve returns within about a second of the
    /// cancellation (docs/guarantees.md), so this is a backstop.
    /// </summary>
    public static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(5);

    /// <summary>Parses and runs <paramref name="args"/>; with <paramref name="handleSignals"/>, Ctrl+C cancels the token passed to the action.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, bool handleSignals = false, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(environment);
        // Response files off: with them any argument starting with @ is read as a file, and a bad one echoes its content.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            // An unknown option or a value out of its choices is bad input like any other: exit 2, not the parser's 1.
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync(CliInput.ShowInvisible(error.Message)).ConfigureAwait(false);
            }

            await environment.Error.WriteLineAsync("See 'criticalminerals --help'.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // System.CommandLine 2.0.0 leaves signals alone unless given a timeout (measured: SIGINT then never reached the token).
        var configuration = new InvocationConfiguration { Output = environment.Out, Error = environment.Error, ProcessTerminationTimeout = handleSignals ? TerminationGrace : null };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}

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

    /// <summary>The option that sends the results to a file, on every command.</summary>
    public const string OutputOption = "--output";

    /// <summary>The root command: the subcommands, and `coverage` as the action when none is given.</summary>
    public static Command BuildRoot(CliEnvironment environment)
    {
        var root = new Command(CommandName, "Could a coalition of partner countries mine, refine and recycle enough critical minerals for a climate scenario? With no command, runs `coverage`.")
        {
            new HelpOption(),
            new VersionOption(),
            new Option<FileInfo>(OutputOption) { Recursive = true, Description = "Write the results to this file instead of stdout (messages stay on stderr); its folder must exist" },
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

        if (parse.GetValue<FileInfo>(OutputOption) is { } output)
        {
            // Checked before anything is solved, so a long run never ends in a write error.
            if (output.Directory is not { Exists: true })
            {
                await environment.Error.WriteLineAsync($"{OutputOption} {CliInput.Show(output.FullName)}: the folder {CliInput.Show(output.DirectoryName ?? string.Empty)} does not exist.").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            StreamWriter writer;
            try
            {
                writer = new StreamWriter(output.FullName, append: false, new System.Text.UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await environment.Error.WriteLineAsync($"{OutputOption} {CliInput.Show(output.FullName)}: cannot be written ({e.Message}).").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            await using (writer.ConfigureAwait(false))
            {
                // The commands write to the environment they were built with: built again around the file.
                var toFile = environment with { Out = writer };
                var again = BuildRoot(toFile).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
                return await InvokeAsync(again, toFile, handleSignals, cancellationToken).ConfigureAwait(false);
            }
        }

        return await InvokeAsync(parse, environment, handleSignals, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> InvokeAsync(ParseResult parse, CliEnvironment environment, bool handleSignals, CancellationToken cancellationToken)
    {
        // System.CommandLine 2.0.0 leaves signals alone unless given a timeout (measured: SIGINT then never reached the token).
        var configuration = new InvocationConfiguration { Output = environment.Out, Error = environment.Error, ProcessTerminationTimeout = handleSignals ? TerminationGrace : null };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}

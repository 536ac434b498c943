using Spectre.Console;

namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>Where a run writes: stdout for results only (machine-readable), stderr for messages and progress.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Messages, warnings and the progress bar.</param>
/// <param name="Interactive">Whether stderr is a terminal (the progress bar is shown only then).</param>
internal sealed record CliEnvironment(TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>The process console.</summary>
    public static CliEnvironment FromConsole() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);

    /// <summary>A Spectre console on stdout, wide enough that tables do not wrap when redirected.</summary>
    public IAnsiConsole CreateOutputConsole()
    {
        bool terminal = ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    /// <summary>A Spectre console on stderr for the progress bar.</summary>
    public IAnsiConsole CreateErrorConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Error),
        Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
    });
}

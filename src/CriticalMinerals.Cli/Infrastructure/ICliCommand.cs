using System.CommandLine;

namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>
/// A command of the tool. Every non-abstract implementation in this assembly with a parameterless constructor is
/// found by <see cref="CliApp"/>, so a new command (e.g. <c>sweep</c>, <c>stress</c>, <c>design</c>) is one file in
/// <c>Commands/</c>: build the <see cref="Command"/> with options from <see cref="CommonOptions"/> and run its body
/// through <see cref="CommandRunner.Run"/>, which maps exceptions to <see cref="ExitCodes"/>.
/// </summary>
internal interface ICliCommand
{
    /// <summary>Order in the help listing (lower first).</summary>
    int Order { get; }

    /// <summary>Builds the command.</summary>
    /// <param name="environment">Where the command writes.</param>
    Command Create(CliEnvironment environment);
}

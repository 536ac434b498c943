namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>The process exit codes of every command.</summary>
internal static class ExitCodes
{
    /// <summary>Every solve ended optimal; the output is complete.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure (a bug): the message on stderr names it; never a stack trace.</summary>
    public const int Unexpected = 1;

    /// <summary>Bad input: an unknown option, an option value, a question that does not fit the data, or a data file problem (named by file, row, field).</summary>
    public const int BadInput = 2;

    /// <summary>At least one LP did not solve to optimality; the output shows which.</summary>
    public const int SolveFailed = 3;

    /// <summary>Cancelled by Ctrl+C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}

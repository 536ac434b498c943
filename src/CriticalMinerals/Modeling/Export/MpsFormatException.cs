using System.Globalization;
using System.Text;

namespace CriticalMinerals.Modeling.Export;

/// <summary>One problem found in an MPS file.</summary>
/// <param name="LineNumber">1-based line number (the line after the last one for a problem at the end of the file).</param>
/// <param name="LineText">The text of the line, or empty at the end of the file.</param>
/// <param name="Message">What was wrong and what was expected.</param>
public sealed record MpsProblem(int LineNumber, string LineText, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"line {LineNumber}: {Message} (line text: '{LineText}')");
}

/// <summary>
/// An MPS file could not be read. Lists every problem found (up to <see cref="MpsReader.MaxReportedProblems"/>), the
/// first one's line in <see cref="LineNumber"/> and <see cref="LineText"/>.
/// </summary>
public sealed class MpsFormatException : FormatException
{
    /// <summary>Creates the exception for a file and its problems.</summary>
    /// <param name="fileName">The file's path, or <c>&lt;stream&gt;</c>.</param>
    /// <param name="problems">At least one problem.</param>
    public MpsFormatException(string fileName, IReadOnlyList<MpsProblem> problems)
        : base(Describe(fileName, problems))
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("At least one problem is required.", nameof(problems));
        }

        FileName = fileName;
        Problems = problems;
    }

    /// <summary>Creates the exception with a message only (no line information).</summary>
    public MpsFormatException()
        : this("<stream>", [new MpsProblem(0, string.Empty, "invalid MPS data")])
    {
    }

    /// <summary>Creates the exception with a message only (no line information).</summary>
    public MpsFormatException(string message)
        : this("<stream>", [new MpsProblem(0, string.Empty, message)])
    {
    }

    /// <summary>Creates the exception with a message and an inner exception (no line information).</summary>
    public MpsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = "<stream>";
        Problems = [new MpsProblem(0, string.Empty, message)];
    }

    /// <summary>The file's path, or <c>&lt;stream&gt;</c> when read from a reader or stream.</summary>
    public string FileName { get; }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<MpsProblem> Problems { get; }

    /// <summary>Line number of the first problem.</summary>
    public int LineNumber => Problems[0].LineNumber;

    /// <summary>Text of the line of the first problem.</summary>
    public string LineText => Problems[0].LineText;

    private static string Describe(string fileName, IReadOnlyList<MpsProblem> problems)
    {
        if (problems is null || problems.Count == 0)
        {
            return fileName + ": invalid MPS data";
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{fileName}: {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")} in MPS data");
        foreach (MpsProblem problem in problems)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{fileName}:{problem}");
        }

        return text.ToString();
    }
}

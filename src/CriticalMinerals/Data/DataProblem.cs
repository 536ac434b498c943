using System.Globalization;
using System.Text;

namespace CriticalMinerals.Data;

/// <summary>One problem found while loading a dataset.</summary>
/// <param name="File">File name, e.g. <c>iea_supply_by_country.csv</c>.</param>
/// <param name="Row">1-based line number (header is line 1); 0 for a problem with the whole file (e.g. missing).</param>
/// <param name="Field">Column name, or a bracketed word such as <c>(file)</c>, <c>(header)</c>, <c>(row)</c>.</param>
/// <param name="Value">The offending value as found.</param>
/// <param name="Expected">What was expected instead.</param>
public sealed record DataProblem(string File, int Row, string Field, string Value, string Expected)
{
    /// <summary>
    /// The problem as one line. The value is shown so that what cannot be seen can be: invisible characters (a zero-width
    /// space, a control character, an unusual space) are always written as <c>\uXXXX</c>, and in a code (a value without
    /// spaces, at most 16 characters, such as <c>AUS</c>, <c>lithium</c>, <c>S48</c>) every character outside printable
    /// ASCII is, so a look-alike letter shows (<c>found 'US\u0410'</c> for a Cyrillic А).
    /// </summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}, row {Row}, field '{Field}': found '{Shown(Value)}', expected {Expected}");

    /// <summary><paramref name="value"/> with what a reader cannot see or tell apart escaped (see <see cref="ToString"/>).</summary>
    internal static string Shown(string value)
    {
        bool code = value.Length <= 16 && !value.Any(char.IsWhiteSpace);
        var text = new StringBuilder(value.Length);
        foreach (char ch in value)
        {
            var category = char.GetUnicodeCategory(ch);
            bool invisible = category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.SpaceSeparator
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.NonSpacingMark
                && ch != ' ';
            bool escape = invisible || (code && ch is not (>= ' ' and <= '~'));
            if (escape)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
            }
            else
            {
                text.Append(ch);
            }
        }

        return text.ToString();
    }
}

/// <summary>Thrown when a dataset cannot be loaded; lists every problem found in every file at once.</summary>
public sealed class DatasetException : Exception
{
    /// <summary>Creates an exception without problems.</summary>
    public DatasetException()
        : this("The dataset could not be loaded.")
    {
    }

    /// <summary>Creates an exception with a message and no problems.</summary>
    /// <param name="message">The message.</param>
    public DatasetException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates an exception with a message, an inner exception and no problems.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Creates an exception listing problems.</summary>
    /// <param name="problems">The problems, in file and row order.</param>
    public DatasetException(IReadOnlyList<DataProblem> problems)
        : base(BuildMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DataProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<DataProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"The dataset has {problems.Count} problem(s):");
        foreach (var p in problems)
        {
            sb.AppendLine().Append("  ").Append(p.ToString());
        }

        return sb.ToString();
    }
}

/// <summary>Options for loading a dataset.</summary>
public sealed record DatasetLoadOptions
{
    /// <summary>The one USGS edition to keep (default <c>MCS2024</c>); rows of other editions are dropped after validation.</summary>
    public string UsgsEdition { get; init; } = "MCS2024";

    /// <summary>When <see langword="true"/>, a USGS file holding rows of any edition other than <see cref="UsgsEdition"/> is an error instead of being filtered.</summary>
    public bool RequireSingleUsgsEdition { get; init; }

    /// <summary>When <see langword="true"/>, files missing from the directory are taken from the embedded default dataset; otherwise a missing file is an error.</summary>
    public bool FallBackToDefaults { get; init; }

    /// <summary>
    /// When <see langword="true"/>, a data file given in the directory adds its rows to the embedded file of the same name
    /// instead of replacing it (its header must be the embedded one); a row that duplicates an embedded row is an error.
    /// Problems in the added rows name the user's file and its own row numbers.
    /// </summary>
    public bool ExtendDefaults { get; init; }

    /// <summary>
    /// The largest file the loader reads from a directory, in bytes (default 64 MiB); a larger file is a problem, read no
    /// further. Only regular files are read: a directory, FIFO or device under a data file's name is a problem.
    /// </summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;
}

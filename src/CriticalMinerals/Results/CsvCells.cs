using System.Globalization;

namespace CriticalMinerals.Results;

/// <summary>
/// The cells of every CSV file the library and the command-line tool write: RFC 4180 quoting, invariant numbers at
/// round-trip precision, and text that a spreadsheet would run as a formula neutralised.
/// </summary>
/// <remarks>
/// Formula injection (OWASP "CSV Injection"): a spreadsheet opening a CSV runs a cell that starts with <c>=</c>,
/// <c>+</c>, <c>-</c> or <c>@</c> (and, in some, tab or carriage return) as a formula. <see cref="Text"/> prefixes
/// such a cell with a single quote, which spreadsheets show as text and programs can strip. A cell that is a plain
/// number (<c>-3.5</c>, <c>+2</c>, <c>-1E-05</c>: an optional sign, digits, a decimal point, an exponent, nothing
/// else) is left as it is, so numbers stay numbers. Numbers written through <see cref="Number"/> are never changed.
/// </remarks>
public static class CsvCells
{
    private const NumberStyles PlainNumber = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>A text cell: neutralised if a spreadsheet would read it as a formula, then quoted if needed.</summary>
    public static string Text(string? value) => Quote(Neutralise(value ?? string.Empty));

    /// <summary>A number cell: invariant culture, round-trip precision (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> as such).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number cell as <see cref="Number"/>, or an empty cell where the figure is unknown.</summary>
    internal static string NumberOrEmpty(double? value) => value is { } v ? Number(v) : string.Empty;

    /// <summary>
    /// RFC 4180 quoting only (a cell with a comma, quote or line break is quoted, quotes doubled), for CSV that a program
    /// reads back, not a person in a spreadsheet: the text is not neutralised.
    /// </summary>
    public static string Quote(string value) => Data.Loading.CsvQuoting.Quote(value);

    /// <summary>The text with a leading single quote if it starts like a formula and is not a plain number.</summary>
    public static string Neutralise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r'))
        {
            return value;
        }

        bool plainNumber = value[0] is '+' or '-' && double.TryParse(value, PlainNumber, CultureInfo.InvariantCulture, out _);
        return plainNumber ? value : "'" + value;
    }

    /// <summary>Writes one line of cells, already formatted by <see cref="Text"/>, <see cref="Number"/> or <see cref="Quote"/>.</summary>
    public static void WriteLine(TextWriter writer, IEnumerable<string> cells)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cells);
        writer.WriteLine(string.Join(',', cells));
    }
}

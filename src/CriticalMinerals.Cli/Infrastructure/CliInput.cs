using System.Globalization;
using System.Text;
using CriticalMinerals.Data;

namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>
/// Checks of option values, each failing with an <see cref="ArgumentException"/> whose message names the option and
/// shows the value (exit 2). Codes are shown with every character outside printable ASCII escaped, so an invisible
/// character (U+200B) or a look-alike letter (Cyrillic А, U+0410) in a code is visible in the message.
/// </summary>
internal static class CliInput
{
    /// <summary>The earliest and latest year an option accepts (the data covers 2024–2050).</summary>
    public const int FirstYear = 1900;

    /// <inheritdoc cref="FirstYear"/>
    public const int LastYear = 2100;

    /// <summary>The largest share of world demand a question may ask for.</summary>
    public const double MaxDemandShare = 100;

    /// <summary>A value in single quotes with every character outside printable ASCII written as <c>\uXXXX</c>.</summary>
    public static string Show(string? value)
    {
        var text = new StringBuilder("'");
        foreach (char ch in value ?? string.Empty)
        {
            if (ch is >= ' ' and <= '~')
            {
                text.Append(ch);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
            }
        }

        return text.Append('\'').ToString();
    }

    /// <summary>A message with invisible characters (format, control other than line breaks, unusual spaces) escaped.</summary>
    public static string ShowInvisible(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (char ch in message)
        {
            var category = char.GetUnicodeCategory(ch);
            bool invisible = ch is not ('\n' or '\r' or '\t' or ' ')
                && category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.SpaceSeparator
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            text.Append(invisible ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}") : ch.ToString());
        }

        return text.ToString();
    }

    /// <summary>The comma-separated items of a list option, trimmed, none empty.</summary>
    public static string[] Items(string option, string? list)
    {
        var items = (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length > 0 ? items : throw new ArgumentException($"{option} {Show(list)}: expected a comma-separated list with at least one item.");
    }

    /// <summary>Comma-separated years within <see cref="FirstYear"/>–<see cref="LastYear"/>.</summary>
    public static int[] Years(string option, string? list) => Items(option, list).Select(item =>
        int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year is >= FirstYear and <= LastYear
            ? year
            : throw new ArgumentException($"{option} {Show(item)}: expected comma-separated years between {FirstYear} and {LastYear}, such as 2030,2035,2040.")).ToArray();

    /// <summary>Comma-separated shares of world demand: finite, above 0, at most <see cref="MaxDemandShare"/>.</summary>
    public static double[] DemandShares(string option, string? list) => Items(option, list).Select(item =>
        double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out double share) && double.IsFinite(share) && share > 0 && share <= MaxDemandShare
            ? share
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{option} {Show(item)}: expected comma-separated shares of world demand, finite numbers above 0 and at most {MaxDemandShare} (1 = all of it)."))).ToArray();

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double InRange(string option, double value, double min, double max, string meaning) =>
        double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option} {value:R}: expected {meaning}, a finite number from {min} to {max}."));

    /// <summary>A commodity code of the data.</summary>
    public static string Commodity(string option, string code, MineralDataset dataset) =>
        dataset.Commodities.Any(c => c.Code == code) ? code
            : throw new ArgumentException($"{option} {Show(code)}: unknown commodity; known: {string.Join(", ", dataset.Commodities.Select(c => c.Code))}.");

    /// <summary>An ISO 3166-1 alpha-3 code of a country in the data (not an aggregate row), upper-cased.</summary>
    public static string Country(string option, string code, MineralDataset dataset)
    {
        string upper = code.Trim().ToUpperInvariant();
        bool grouping = CriticalMinerals.Data.Loading.KnownCountries.Groupings.TryGetValue(upper, out var group);
        if (dataset.Countries.TryGetValue(upper, out var country) && !country.IsAggregate && !grouping)
        {
            return upper;
        }

        string why = grouping ? $"the {group} as a group, not a country: it mines and refines nothing of its own (name its member states)"
            : country is { IsAggregate: true } ? "an aggregate row (World, Rest of world), not a country"
            : upper.Length == 3 && upper.All(char.IsAsciiLetterUpper) ? "no country with this ISO 3166-1 alpha-3 code in the data"
            : "not an ISO 3166-1 alpha-3 code (three letters A–Z)";
        throw new ArgumentException($"{option} {Show(code)}: {why}.");
    }

    /// <summary>Comma-separated country codes (<see cref="Country"/>).</summary>
    public static string[] Countries(string option, string? list, MineralDataset dataset) =>
        Items(option, list).Select(code => Country(option, code, dataset)).ToArray();

    /// <summary>The message of an input error as the tool prints it: no "(Parameter 'x')" suffix, invisible characters escaped.</summary>
    public static string Message(Exception e)
    {
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            string suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return ShowInvisible(message);
    }

    /// <summary>Refuses, before anything is solved, a file to be written whose folder does not exist.</summary>
    public static void RequireFolder(string option, FileInfo? file)
    {
        if (file?.Directory is { Exists: false } folder)
        {
            throw new ArgumentException($"{option} {Show(file.FullName)}: the folder {Show(folder.FullName)} does not exist.");
        }
    }
}

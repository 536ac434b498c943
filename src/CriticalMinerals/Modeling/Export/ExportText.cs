using System.Globalization;

namespace CriticalMinerals.Modeling.Export;

/// <summary>Names and numbers as the MPS and LP writers spell them.</summary>
internal static class ExportText
{
    /// <summary>Longest name CPLEX, Gurobi and HiGHS accept.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Name of the objective row in MPS files and of the objective in LP files.</summary>
    public const string ObjectiveName = "obj";

    /// <summary>Name of the fixed variable that carries the objective offset when it is written as one.</summary>
    public const string OffsetVariableName = "objective_offset";

    private static readonly HashSet<string> LpKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "st", "s.t.", "st.", "subject", "such", "that", "to", "bound", "bounds", "bin", "binary", "binaries",
        "gen", "general", "generals", "int", "integer", "integers", "semi", "semis", "semi-continuous", "sos",
        "end", "free", "inf", "infinity", "min", "max", "minimize", "maximize", "minimise", "maximise",
        "minimum", "maximum", "obj",
    };

    /// <summary>Writes a double with the shortest text that parses back to the same bits.</summary>
    public static void WriteNumber(TextWriter writer, double value)
    {
        Span<char> buffer = stackalloc char[40];
        value.TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    /// <summary>Formats a double into <paramref name="buffer"/> with round-trip precision.</summary>
    public static int FormatNumber(double value, Span<char> buffer)
    {
        value.TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>Free MPS: 1–255 printable ASCII characters, not starting with a comment mark.</summary>
    public static bool IsValidMpsName(string name)
    {
        if (name.Length is 0 or > MaxNameLength || name[0] is '*' or '$')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// CPLEX LP: 1–255 characters from letters, digits and <c>!"#$%&amp;()/,.;?@_`'{}|~</c>, not starting with a
    /// digit, a period or an exponent-like <c>e</c>, and not a keyword of the format.
    /// </summary>
    public static bool IsValidLpName(string name)
    {
        if (name.Length is 0 or > MaxNameLength || char.IsAsciiDigit(name[0]) || name[0] is '.' or '(' or ')' or ',')
        {
            return false;
        }

        if (name[0] is 'e' or 'E' && (name.Length == 1 || char.IsAsciiDigit(name[1]) || name[1] is 'e' or 'E'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('!' or '"' or '#' or '$' or '%' or '&' or '(' or ')' or '/' or ',' or '.' or ';' or '?' or '@' or '_' or '`' or '\'' or '{' or '}' or '|' or '~'))
            {
                return false;
            }
        }

        return !LpKeywords.Contains(name);
    }

    /// <summary>
    /// Gives each of <paramref name="count"/> items a unique valid name: its own name when that is valid, not
    /// reserved and not taken by an earlier item; otherwise its fallback, suffixed <c>_1</c>, <c>_2</c>, … until
    /// unique. Own names are placed first, so a fallback never displaces a user's name. Deterministic.
    /// </summary>
    public static string[] AssignNames(int count, Func<int, string?> ownName, Func<int, string> fallback, Func<string, bool> isValid, params ReadOnlySpan<string> reserved)
    {
        var used = new HashSet<string>(count + reserved.Length, StringComparer.Ordinal);
        foreach (string name in reserved)
        {
            used.Add(name);
        }

        var names = new string?[count];
        for (int k = 0; k < count; k++)
        {
            if (ownName(k) is { } name && isValid(name) && used.Add(name))
            {
                names[k] = name;
            }
        }

        for (int k = 0; k < count; k++)
        {
            if (names[k] is not null)
            {
                continue;
            }

            string stem = fallback(k);
            string candidate = stem;
            for (int suffix = 1; !used.Add(candidate); suffix++)
            {
                candidate = stem + "_" + suffix.ToString(CultureInfo.InvariantCulture);
            }

            names[k] = candidate;
        }

        return names!;
    }

    /// <summary>The model's name with anything but printable ASCII replaced by <c>_</c>, at most 255 characters.</summary>
    public static string SanitizeModelName(string name)
    {
        var chars = name.Length > MaxNameLength ? name.ToCharArray(0, MaxNameLength) : name.ToCharArray();
        for (int k = 0; k < chars.Length; k++)
        {
            if (chars[k] is <= ' ' or > '~')
            {
                chars[k] = '_';
            }
        }

        return new string(chars);
    }

    /// <summary>Whether the value is anything but +0 (so −0 is kept, bit for bit).</summary>
    public static bool IsNonDefaultZero(double value) => BitConverter.DoubleToInt64Bits(value) != 0;
}

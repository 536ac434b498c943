using System.Globalization;
using System.Text;

namespace CriticalMinerals.Analysis.Diagnostics;

/// <summary>Fills a <see cref="ConstraintGroup.Description"/> template; invariant culture throughout.</summary>
internal static class RelaxationText
{
    /// <summary>The sentence when a group has no template.</summary>
    public const string DefaultTemplate = "row {row} {op} {bound} needs {needed}";

    /// <summary>Default number format: up to 6 significant digits.</summary>
    private const string NumberFormat = "G6";

    /// <exception cref="FormatException">Unbalanced braces, an unknown placeholder, or a bad number format.</exception>
    public static string Format(string template, string group, string row, string op, double bound, double needed, double amount)
    {
        var sb = new StringBuilder(template.Length + 32);
        int k = 0;
        while (k < template.Length)
        {
            char c = template[k];
            if (c == '{' && k + 1 < template.Length && template[k + 1] == '{')
            {
                sb.Append('{');
                k += 2;
            }
            else if (c == '}' && k + 1 < template.Length && template[k + 1] == '}')
            {
                sb.Append('}');
                k += 2;
            }
            else if (c == '{')
            {
                int close = template.IndexOf('}', k + 1);
                if (close < 0)
                {
                    throw new FormatException($"Description template '{template}' has a '{{' at {k} without a closing '}}'.");
                }

                string hole = template[(k + 1)..close];
                int colon = hole.IndexOf(':', StringComparison.Ordinal);
                string name = (colon < 0 ? hole : hole[..colon]).Trim();
                string? format = colon < 0 ? null : hole[(colon + 1)..];
                sb.Append(name switch
                {
                    "group" => Text(group, format, template),
                    "row" => Text(row, format, template),
                    "op" => Text(op, format, template),
                    "bound" => Number(bound, format),
                    "needed" => Number(needed, format),
                    "amount" => Number(amount, format),
                    _ => throw new FormatException($"Description template '{template}' has an unknown placeholder '{{{name}}}'; known: group, row, op, bound, needed, amount."),
                });
                k = close + 1;
            }
            else if (c == '}')
            {
                throw new FormatException($"Description template '{template}' has a '}}' at {k} without an opening '{{' (write '}}}}' for a brace).");
            }
            else
            {
                sb.Append(c);
                k++;
            }
        }

        return sb.ToString();
    }

    private static string Text(string value, string? format, string template) =>
        format is null ? value : throw new FormatException($"Description template '{template}': only bound, needed and amount take a format.");

    private static string Number(double value, string? format) =>
        value.ToString(string.IsNullOrEmpty(format) ? NumberFormat : format, CultureInfo.InvariantCulture);
}

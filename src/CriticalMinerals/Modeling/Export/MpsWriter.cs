using System.Globalization;
using System.Text;

namespace CriticalMinerals.Modeling.Export;

/// <summary>
/// Writes a <see cref="LinearModel"/> as free-format MPS with every number at round-trip precision, streamed line by
/// line (the only copy made is the model's column-wise matrix).
/// </summary>
/// <remarks>
/// <para>Sections: <c>NAME</c>, <c>OBJSENSE</c> (maximisation only; see <see cref="MpsObjectiveSenseStyle"/>),
/// <c>ROWS</c> with the objective as <c>N obj</c> first, <c>COLUMNS</c> with <c>'MARKER'</c> <c>'INTORG'</c>/<c>'INTEND'</c>
/// around integer columns, <c>RHS</c>, <c>RANGES</c>, <c>BOUNDS</c>, <c>ENDATA</c>.</para>
/// <para>Rows: equal bounds give <c>E</c>; one finite bound <c>L</c> or <c>G</c>; no finite bound <c>N</c> (a free row;
/// some readers drop these, which changes nothing); two different finite bounds a <c>G</c> row with the lower bound
/// as RHS and a positive range (or an <c>L</c> row with the upper bound), whichever makes <c>rhs ± range</c> give back
/// the other bound exactly.</para>
/// <para>Objective offset: by default <c>RHS obj</c> holds the negated offset (CPLEX/Gurobi/HiGHS convention; see
/// <see cref="ObjectiveOffsetStyle"/>).</para>
/// <para>Bounds: the MPS default is [0, +∞). Integer columns always get explicit bounds (<c>LO</c> and <c>UP</c> or
/// <c>PL</c>, or <c>FX</c>/<c>FR</c>/<c>MI</c>), because some readers make an integer column without bounds binary.
/// A finite lower bound is written before an upper bound, so the "negative UP makes the lower bound −∞" rule never
/// applies.</para>
/// <para>Names: a variable or row keeps its name when it is a valid free-MPS name (1–255 printable ASCII characters,
/// no spaces, not starting with <c>*</c> or <c>$</c>) that no earlier variable (row) has taken; <c>obj</c> is reserved
/// for the objective row and <c>'MARKER'</c> is never a row name. Otherwise it is written as <c>x{j}</c> (<c>r{i}</c>), suffixed <c>_1</c>, <c>_2</c>, … if
/// that is taken.</para>
/// </remarks>
public static class MpsWriter
{
    private const string Indent = "    ";

    /// <summary>Writes the model to a text writer.</summary>
    /// <param name="model">The model.</param>
    /// <param name="writer">The destination; not closed.</param>
    /// <param name="options">Options; <see cref="MpsWriterOptions.Default"/> when <see langword="null"/>.</param>
    public static void Write(LinearModel model, TextWriter writer, MpsWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        options ??= MpsWriterOptions.Default;

        int n = model.VariableCount;
        int m = model.RowCount;
        bool offsetColumn = options.OffsetStyle == ObjectiveOffsetStyle.FixedVariable && model.ObjectiveOffset != 0;
        string[] columnNames = ExportText.AssignNames(
            n,
            j => model.HasVariableName(j) ? model.VariableName(j) : null,
            j => "x" + j.ToString(CultureInfo.InvariantCulture),
            ExportText.IsValidMpsName,
            offsetColumn ? [ExportText.OffsetVariableName] : []);
        string[] rowNames = ExportText.AssignNames(
            m,
            i => model.HasRowName(i) ? model.RowName(i) : null,
            i => "r" + i.ToString(CultureInfo.InvariantCulture),
            ExportText.IsValidMpsName,
            ExportText.ObjectiveName,
            "'MARKER'");

        bool negate = model.Sense == ObjectiveSense.Maximize && options.SenseStyle == MpsObjectiveSenseStyle.NegatedMinimize;
        double sign = negate ? -1 : 1;

        writer.Write("NAME ");
        writer.WriteLine(ExportText.SanitizeModelName(model.Name));
        if (model.Sense == ObjectiveSense.Maximize)
        {
            if (negate)
            {
                writer.WriteLine("* Maximisation written as minimisation of the negated objective.");
            }
            else
            {
                writer.WriteLine("OBJSENSE");
                writer.WriteLine(Indent + "MAX");
            }
        }

        // ROWS, remembering each row's type, RHS and range.
        ReadOnlySpan<double> rowLower = model.RowLowerBounds;
        ReadOnlySpan<double> rowUpper = model.RowUpperBounds;
        var types = new char[m];
        var rhs = new double[m];
        var ranges = new double[m];
        bool anyRange = false;
        writer.WriteLine("ROWS");
        writer.WriteLine(" N  " + ExportText.ObjectiveName);
        for (int i = 0; i < m; i++)
        {
            (types[i], rhs[i], ranges[i]) = RowType(rowLower[i], rowUpper[i]);
            anyRange |= ranges[i] != 0;
            writer.Write(' ');
            writer.Write(types[i]);
            writer.Write("  ");
            writer.WriteLine(rowNames[i]);
        }

        // COLUMNS, column-wise.
        SparseRows columns = model.GetRows().Transpose();
        ReadOnlySpan<double> objective = model.ObjectiveCoefficients;
        ReadOnlySpan<bool> isInteger = model.IsInteger;
        writer.WriteLine("COLUMNS");
        bool inInteger = false;
        int marker = 0;
        for (int j = 0; j < n; j++)
        {
            if (isInteger[j] != inInteger)
            {
                WriteMarker(writer, marker++, inInteger ? "'INTEND'" : "'INTORG'");
                inInteger = isInteger[j];
            }

            bool any = false;
            if (objective[j] != 0)
            {
                WriteEntry(writer, columnNames[j], ExportText.ObjectiveName, sign * objective[j]);
                any = true;
            }

            ReadOnlySpan<int> entryRows = columns.RowColumns(j);
            ReadOnlySpan<double> entryValues = columns.RowValues(j);
            for (int p = 0; p < entryRows.Length; p++)
            {
                WriteEntry(writer, columnNames[j], rowNames[entryRows[p]], entryValues[p]);
                any = true;
            }

            if (!any)
            {
                // A column must appear to exist.
                WriteEntry(writer, columnNames[j], ExportText.ObjectiveName, 0);
            }
        }

        if (inInteger)
        {
            WriteMarker(writer, marker, "'INTEND'");
        }

        if (offsetColumn)
        {
            WriteEntry(writer, ExportText.OffsetVariableName, ExportText.ObjectiveName, sign * model.ObjectiveOffset);
        }

        // RHS: the objective row holds the negated offset.
        writer.WriteLine("RHS");
        if (!offsetColumn && model.ObjectiveOffset != 0)
        {
            WriteEntry(writer, "RHS", ExportText.ObjectiveName, -(sign * model.ObjectiveOffset));
        }

        for (int i = 0; i < m; i++)
        {
            if (types[i] != 'N' && ExportText.IsNonDefaultZero(rhs[i]))
            {
                WriteEntry(writer, "RHS", rowNames[i], rhs[i]);
            }
        }

        if (anyRange)
        {
            writer.WriteLine("RANGES");
            for (int i = 0; i < m; i++)
            {
                if (ranges[i] != 0)
                {
                    WriteEntry(writer, "RNG", rowNames[i], ranges[i]);
                }
            }
        }

        WriteBounds(model, writer, columnNames, offsetColumn);
        writer.WriteLine("ENDATA");
    }

    /// <summary>Writes the model to a stream as UTF-8 (ASCII in practice); the stream is not closed.</summary>
    public static void Write(LinearModel model, Stream stream, MpsWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        Write(model, writer, options);
    }

    /// <summary>Writes the model to a file, replacing it.</summary>
    public static void Write(LinearModel model, string path, MpsWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(model, stream, options);
    }

    /// <summary>The MPS row type, RHS and range (0 when none) stating <c>lower ≤ row ≤ upper</c>.</summary>
    internal static (char Type, double Rhs, double Range) RowType(double lower, double upper)
    {
        if (lower == upper)
        {
            return ('E', lower, 0);
        }

        bool finiteLower = double.IsFinite(lower);
        bool finiteUpper = double.IsFinite(upper);
        if (!finiteLower && !finiteUpper)
        {
            return ('N', 0, 0);
        }

        if (!finiteLower)
        {
            return ('L', upper, 0);
        }

        if (!finiteUpper)
        {
            return ('G', lower, 0);
        }

        // Ranged: find a range R > 0 with lower + R == upper (G row) or upper - R == lower (L row), exactly.
        double width = upper - lower;
        if (!double.IsFinite(width))
        {
            return ('G', lower, double.MaxValue);
        }

        double candidate = width;
        for (int step = 0; step < 4; step++, candidate = Math.BitIncrement(candidate))
        {
            if (lower + candidate == upper)
            {
                return ('G', lower, candidate);
            }

            if (upper - candidate == lower)
            {
                return ('L', upper, candidate);
            }
        }

        candidate = width;
        for (int step = 0; step < 4 && candidate > 0; step++, candidate = Math.BitDecrement(candidate))
        {
            if (lower + candidate == upper)
            {
                return ('G', lower, candidate);
            }

            if (upper - candidate == lower)
            {
                return ('L', upper, candidate);
            }
        }

        return ('G', lower, width);
    }

    private static void WriteBounds(LinearModel model, TextWriter writer, string[] columnNames, bool offsetColumn)
    {
        ReadOnlySpan<double> lower = model.VariableLowerBounds;
        ReadOnlySpan<double> upper = model.VariableUpperBounds;
        ReadOnlySpan<bool> isInteger = model.IsInteger;
        writer.WriteLine("BOUNDS");
        for (int j = 0; j < lower.Length; j++)
        {
            double lo = lower[j];
            double hi = upper[j];
            string name = columnNames[j];
            if (lo == hi)
            {
                WriteBound(writer, "FX", name, lo);
            }
            else if (double.IsNegativeInfinity(lo) && double.IsPositiveInfinity(hi))
            {
                WriteBound(writer, "FR", name, null);
            }
            else if (double.IsNegativeInfinity(lo))
            {
                WriteBound(writer, "MI", name, null);
                WriteBound(writer, "UP", name, hi);
            }
            else
            {
                if (isInteger[j] || ExportText.IsNonDefaultZero(lo))
                {
                    WriteBound(writer, "LO", name, lo);
                }

                if (double.IsFinite(hi))
                {
                    WriteBound(writer, "UP", name, hi);
                }
                else if (isInteger[j])
                {
                    WriteBound(writer, "PL", name, null);
                }
            }
        }

        if (offsetColumn)
        {
            WriteBound(writer, "FX", ExportText.OffsetVariableName, 1);
        }
    }

    private static void WriteMarker(TextWriter writer, int index, string kind)
    {
        writer.Write(Indent + "MARKER");
        writer.Write(index.ToString(CultureInfo.InvariantCulture));
        writer.Write(" 'MARKER' ");
        writer.WriteLine(kind);
    }

    private static void WriteEntry(TextWriter writer, string first, string second, double value)
    {
        writer.Write(Indent);
        writer.Write(first);
        writer.Write(' ');
        writer.Write(second);
        writer.Write(' ');
        ExportText.WriteNumber(writer, value);
        writer.WriteLine();
    }

    private static void WriteBound(TextWriter writer, string type, string column, double? value)
    {
        writer.Write(' ');
        writer.Write(type);
        writer.Write(" BND ");
        writer.Write(column);
        if (value is { } v)
        {
            writer.Write(' ');
            ExportText.WriteNumber(writer, v);
        }

        writer.WriteLine();
    }
}

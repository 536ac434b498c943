using System.Globalization;
using System.Text;

namespace CriticalMinerals.Modeling.Export;

/// <summary>
/// Writes a <see cref="LinearModel"/> in CPLEX LP format (<c>Minimize</c>/<c>Maximize</c>, <c>Subject To</c>,
/// <c>Bounds</c>, <c>General</c>, <c>End</c>) with every number at round-trip precision, streamed line by line.
/// </summary>
/// <remarks>
/// <para>Rows: <c>name: + a x - b y &lt;= c</c>; a ranged row (two different finite bounds) becomes two rows,
/// <c>name_lo: … &gt;= lower</c> and <c>name_hi: … &lt;= upper</c>, because GLPK and others reject the
/// <c>lower &lt;= expression &lt;= upper</c> form. A free row (no finite bound) constrains nothing and is left out,
/// with a comment, since the format has no way to state it. A row without terms is written as <c>+ 0 x</c> of the
/// first variable. A model without constraints gets one that always holds, <c>no_constraints: + 0 x &gt;= 0</c>,
/// because GLPK rejects an empty <c>Subject To</c> section.</para>
/// <para>Objective offset: by default a variable <c>objective_offset</c> fixed at 1 with the offset as its cost
/// (GLPK rejects a constant in the objective); <see cref="ObjectiveOffsetStyle.Native"/> writes a trailing constant,
/// which CPLEX reads.</para>
/// <para>Bounds: the LP default is [0, +∞); other bounds are written as <c>x free</c>, <c>x = v</c>,
/// <c>-inf &lt;= x &lt;= u</c>, <c>x &gt;= l</c> or <c>l &lt;= x &lt;= u</c>. Integer variables are listed under
/// <c>General</c> (never <c>Binary</c>), so they keep their bounds.</para>
/// <para>Lines are wrapped before they pass 255 characters (CPLEX truncates at 510); a term, and a sense with its
/// right-hand side, are never split.</para>
/// <para>Names: kept when valid LP names (1–255 characters of letters, digits and <c>!"#$%&amp;()/,.;?@_`'{}|~</c>,
/// not starting with a digit, a period or an exponent-like <c>e</c>, not a keyword such as <c>st</c> or
/// <c>free</c>) and not taken by an earlier variable (row); otherwise <c>x{j}</c> (<c>r{i}</c>, with <c>_lo</c>/<c>_hi</c>
/// for the halves of a ranged row), suffixed <c>_1</c>, <c>_2</c>, … if taken. <c>obj</c> names the objective.</para>
/// </remarks>
public static class LpWriter
{
    private const int SoftLineLimit = 255;
    private const string PlaceholderRowName = "no_constraints";

    /// <summary>Writes the model to a text writer.</summary>
    /// <param name="model">The model.</param>
    /// <param name="writer">The destination; not closed.</param>
    /// <param name="options">Options; <see cref="LpWriterOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The model has rows but no variables, which LP format cannot state.</exception>
    public static void Write(LinearModel model, TextWriter writer, LpWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        options ??= LpWriterOptions.Default;

        int n = model.VariableCount;
        int m = model.RowCount;
        if (n == 0 && m > 0)
        {
            throw new ArgumentException($"{model} has rows but no variables; LP format cannot state such rows.", nameof(model));
        }

        bool offsetVariable = options.OffsetStyle == ObjectiveOffsetStyle.FixedVariable && model.ObjectiveOffset != 0;
        string[] variableNames = ExportText.AssignNames(
            n,
            j => model.HasVariableName(j) ? model.VariableName(j) : null,
            j => "x" + j.ToString(CultureInfo.InvariantCulture),
            ExportText.IsValidLpName,
            offsetVariable ? [ExportText.OffsetVariableName] : []);

        // One written row per row, two per ranged row: part[k] = (row, kind) with kind 0 = whole, 1 = lo, 2 = hi.
        ReadOnlySpan<double> rowLower = model.RowLowerBounds;
        ReadOnlySpan<double> rowUpper = model.RowUpperBounds;
        var partRow = new List<int>(m);
        var partKind = new List<byte>(m);
        for (int i = 0; i < m; i++)
        {
            double lo = rowLower[i];
            double hi = rowUpper[i];
            if (lo != hi && double.IsFinite(lo) && double.IsFinite(hi))
            {
                partRow.Add(i);
                partKind.Add(1);
                partRow.Add(i);
                partKind.Add(2);
            }
            else
            {
                partRow.Add(i);
                partKind.Add(0);
            }
        }

        // Rows are named as in MPS first; the halves of a ranged row then take that name with _lo/_hi, and fall
        // back to r{i}_lo/r{i}_hi (suffixed further if needed) should another row already hold it.
        string[] rowNames = ExportText.AssignNames(
            m,
            i => model.HasRowName(i) ? model.RowName(i) : null,
            i => "r" + i.ToString(CultureInfo.InvariantCulture),
            ExportText.IsValidLpName,
            ExportText.ObjectiveName);
        bool anyConstraint = false;
        for (int i = 0; i < m && !anyConstraint; i++)
        {
            anyConstraint = double.IsFinite(rowLower[i]) || double.IsFinite(rowUpper[i]);
        }

        string Suffix(int k) => partKind[k] switch { 1 => "_lo", 2 => "_hi", _ => string.Empty };
        string[] partNames = ExportText.AssignNames(
            partRow.Count,
            k => rowNames[partRow[k]] + Suffix(k),
            k => "r" + partRow[k].ToString(CultureInfo.InvariantCulture) + Suffix(k),
            ExportText.IsValidLpName,
            anyConstraint ? [ExportText.ObjectiveName] : [ExportText.ObjectiveName, PlaceholderRowName]);

        var line = new LineWriter(writer);
        writer.Write("\\ ");
        writer.WriteLine(ExportText.SanitizeModelName(model.Name));
        writer.WriteLine(model.Sense == ObjectiveSense.Maximize ? "Maximize" : "Minimize");

        line.Start(" " + ExportText.ObjectiveName + ":");
        ReadOnlySpan<double> objective = model.ObjectiveCoefficients;
        bool anyTerm = false;
        for (int j = 0; j < n; j++)
        {
            if (objective[j] != 0)
            {
                line.Term(objective[j], variableNames[j]);
                anyTerm = true;
            }
        }

        if (offsetVariable)
        {
            line.Term(model.ObjectiveOffset, ExportText.OffsetVariableName);
            anyTerm = true;
        }
        else if (model.ObjectiveOffset != 0)
        {
            line.Constant(model.ObjectiveOffset);
            anyTerm = true;
        }

        if (!anyTerm && n > 0)
        {
            line.Term(0, variableNames[0]);
        }

        line.End();

        writer.WriteLine("Subject To");
        SparseRows rows = model.GetRows();
        for (int k = 0; k < partRow.Count; k++)
        {
            int i = partRow[k];
            double lo = rowLower[i];
            double hi = rowUpper[i];
            if (double.IsNegativeInfinity(lo) && double.IsPositiveInfinity(hi))
            {
                writer.Write("\\ free row ");
                writer.Write(partNames[k]);
                writer.WriteLine(" left out: it constrains nothing");
                continue;
            }

            line.Start(" " + partNames[k] + ":");
            ReadOnlySpan<int> columns = rows.RowColumns(i);
            ReadOnlySpan<double> values = rows.RowValues(i);
            for (int p = 0; p < columns.Length; p++)
            {
                line.Term(values[p], variableNames[columns[p]]);
            }

            if (columns.Length == 0)
            {
                line.Term(0, variableNames[0]);
            }

            (string sense, double rhs) = partKind[k] switch
            {
                1 => (">=", lo),
                2 => ("<=", hi),
                _ when lo == hi => ("=", lo),
                _ when double.IsNegativeInfinity(lo) => ("<=", hi),
                _ => (">=", lo),
            };
            line.Sense(sense, rhs);
            line.End();
        }

        if (!anyConstraint && n > 0)
        {
            writer.WriteLine("\\ the model has no constraints; readers such as GLPK need one, so here is one that holds everywhere");
            writer.Write(" " + PlaceholderRowName + ": + 0 ");
            writer.Write(variableNames[0]);
            writer.WriteLine(" >= 0");
        }

        WriteBounds(model, writer, variableNames, offsetVariable);

        if (model.IsMixedInteger)
        {
            writer.WriteLine("General");
            line.Start(string.Empty);
            ReadOnlySpan<bool> isInteger = model.IsInteger;
            for (int j = 0; j < n; j++)
            {
                if (isInteger[j])
                {
                    line.Word(variableNames[j]);
                }
            }

            line.End();
        }

        writer.WriteLine("End");
    }

    /// <summary>Writes the model to a stream as UTF-8 (ASCII in practice); the stream is not closed.</summary>
    /// <exception cref="ArgumentException">The model has rows but no variables.</exception>
    public static void Write(LinearModel model, Stream stream, LpWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        Write(model, writer, options);
    }

    /// <summary>Writes the model to a file, replacing it.</summary>
    /// <exception cref="ArgumentException">The model has rows but no variables.</exception>
    public static void Write(LinearModel model, string path, LpWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(model, stream, options);
    }

    private static void WriteBounds(LinearModel model, TextWriter writer, string[] names, bool offsetVariable)
    {
        ReadOnlySpan<double> lower = model.VariableLowerBounds;
        ReadOnlySpan<double> upper = model.VariableUpperBounds;
        writer.WriteLine("Bounds");
        for (int j = 0; j < lower.Length; j++)
        {
            double lo = lower[j];
            double hi = upper[j];
            if (lo == hi)
            {
                writer.Write(' ');
                writer.Write(names[j]);
                writer.Write(" = ");
                ExportText.WriteNumber(writer, lo);
                writer.WriteLine();
            }
            else if (double.IsNegativeInfinity(lo) && double.IsPositiveInfinity(hi))
            {
                writer.Write(' ');
                writer.Write(names[j]);
                writer.WriteLine(" free");
            }
            else if (double.IsPositiveInfinity(hi))
            {
                if (ExportText.IsNonDefaultZero(lo))
                {
                    writer.Write(' ');
                    writer.Write(names[j]);
                    writer.Write(" >= ");
                    ExportText.WriteNumber(writer, lo);
                    writer.WriteLine();
                }
            }
            else
            {
                writer.Write(' ');
                if (double.IsNegativeInfinity(lo))
                {
                    writer.Write("-inf");
                }
                else
                {
                    ExportText.WriteNumber(writer, lo);
                }

                writer.Write(" <= ");
                writer.Write(names[j]);
                writer.Write(" <= ");
                ExportText.WriteNumber(writer, hi);
                writer.WriteLine();
            }
        }

        if (offsetVariable)
        {
            writer.WriteLine(" " + ExportText.OffsetVariableName + " = 1");
        }
    }

    /// <summary>Accumulates words onto lines of at most <see cref="SoftLineLimit"/> characters where it can.</summary>
    private sealed class LineWriter(TextWriter writer)
    {
        private readonly char[] _number = new char[40];
        private int _length;
        private bool _hasContent;

        public void Start(string head)
        {
            writer.Write(head);
            _length = head.Length;
            _hasContent = false;
        }

        public void Term(double coefficient, string name)
        {
            int digits = ExportText.FormatNumber(Math.Abs(coefficient), _number);
            Break(3 + digits + 1 + name.Length);
            writer.Write(coefficient < 0 || double.IsNegative(coefficient) ? " - " : " + ");
            writer.Write(_number, 0, digits);
            writer.Write(' ');
            writer.Write(name);
        }

        public void Constant(double value)
        {
            int digits = ExportText.FormatNumber(Math.Abs(value), _number);
            Break(3 + digits);
            writer.Write(value < 0 ? " - " : " + ");
            writer.Write(_number, 0, digits);
        }

        public void Sense(string sense, double rhs)
        {
            int digits = ExportText.FormatNumber(rhs, _number);
            Break(1 + sense.Length + 1 + digits);
            writer.Write(' ');
            writer.Write(sense);
            writer.Write(' ');
            writer.Write(_number, 0, digits);
        }

        public void Word(string word)
        {
            Break(1 + word.Length);
            writer.Write(' ');
            writer.Write(word);
        }

        public void End()
        {
            writer.WriteLine();
            _length = 0;
            _hasContent = false;
        }

        private void Break(int width)
        {
            if (_hasContent && _length + width > SoftLineLimit)
            {
                writer.WriteLine();
                _length = 0;
            }
            else if (!_hasContent && _length > 1 && _length + width > SoftLineLimit)
            {
                // A long label: put the expression on the next line.
                writer.WriteLine();
                _length = 0;
            }

            _length += width;
            _hasContent = true;
        }
    }
}

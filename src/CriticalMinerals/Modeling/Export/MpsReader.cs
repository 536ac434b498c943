using System.Globalization;
using System.Text;

namespace CriticalMinerals.Modeling.Export;

/// <summary>
/// Reads free-format and fixed-format MPS into a new <see cref="LinearModel"/>, keeping the names of variables and rows.
/// </summary>
/// <remarks>
/// <para>Sections: <c>NAME</c>, <c>OBJSENSE</c> (on one line, <c>OBJSENSE MAX</c>, or as a section with <c>MAX</c>/<c>MIN</c>
/// on the next line; also spelt <c>OBJSEN</c>), <c>OBJNAME</c>, <c>ROWS</c>, <c>COLUMNS</c> with <c>'MARKER'</c>
/// <c>'INTORG'</c>/<c>'INTEND'</c>, <c>RHS</c>, <c>RANGES</c>, <c>BOUNDS</c>, <c>ENDATA</c>. Lines starting with
/// <c>*</c> and blank lines are skipped; section names start in column 1, data lines with white space. Whatever follows
/// <c>ENDATA</c> is ignored (MIPLIB 3 files carry further sections there).</para>
/// <para>Formats (<see cref="MpsFormat"/>): free MPS splits data lines at white space; fixed MPS reads the fields at
/// columns 2–3, 5–12, 15–22, 25–36, 40–47 and 50–61, so names may contain spaces (NETLIB's <c>forplan</c>: row
/// <c>DEDO3 1R</c>). <see cref="MpsFormat.Auto"/>, the default, reads free format and, when that fails, fixed format;
/// if both fail, the free-format problems are reported.</para>
/// <para>The objective is the first <c>N</c> row (or the one <c>OBJNAME</c> names); further <c>N</c> rows become free
/// rows. The RHS of the objective row is the <em>negated</em> objective offset (CPLEX/Gurobi/HiGHS convention, the one
/// <see cref="MpsWriter"/> writes). RHS and range set names are accepted and not told apart. Ranges follow the MPS
/// rule: <c>E</c> rows become [rhs, rhs+R] for R &gt; 0 and [rhs+R, rhs] for R &lt; 0, <c>L</c> rows [rhs−|R|, rhs],
/// <c>G</c> rows [rhs, rhs+|R|]; ranges on <c>N</c> rows and RHS entries of free rows are ignored.</para>
/// <para>Bounds: the default is [0, +∞), for integer columns too (as CPLEX and Gurobi read them; some readers make
/// them binary). Types <c>UP LO FX FR MI PL BV LI UI</c>. As in CPLEX and HiGHS, an <c>UP</c> (or <c>UI</c>) bound
/// below zero on a column whose lower bound is then 0 also sets the lower bound to −∞. <c>MI</c> keeps the upper
/// bound. Values are read exactly; <c>inf</c>/<c>infinity</c> (any case, signed) are infinite, and 1e30 stays 1e30.</para>
/// <para>Malformed input raises one <see cref="MpsFormatException"/> listing every problem parsing could continue past;
/// no model is returned then.</para>
/// </remarks>
public static class MpsReader
{
    /// <summary>At most this many problems are listed in an <see cref="MpsFormatException"/>.</summary>
    public const int MaxReportedProblems = 100;

    /// <summary>The file name reported for data read from a reader or stream.</summary>
    public const string StreamName = "<stream>";

    /// <summary>Reads a model from a text reader, free format first and fixed format if that fails.</summary>
    /// <param name="reader">The source; not closed.</param>
    /// <param name="fileName">Name reported in errors; <see cref="StreamName"/> when <see langword="null"/>.</param>
    /// <exception cref="MpsFormatException">The data is not valid MPS.</exception>
    public static LinearModel Read(TextReader reader, string? fileName = null) => Read(reader, fileName, MpsFormat.Auto);

    /// <summary>Reads a model from a text reader in the given format.</summary>
    /// <param name="reader">The source; not closed.</param>
    /// <param name="fileName">Name reported in errors; <see cref="StreamName"/> when <see langword="null"/>.</param>
    /// <param name="format">Free, fixed, or free then fixed (<see cref="MpsFormat.Auto"/>, which holds the text in memory to read it twice).</param>
    /// <exception cref="MpsFormatException">The data is not valid MPS.</exception>
    public static LinearModel Read(TextReader reader, string? fileName, MpsFormat format)
    {
        ArgumentNullException.ThrowIfNull(reader);
        fileName ??= StreamName;
        if (format != MpsFormat.Auto)
        {
            return new Parser(fileName, format == MpsFormat.Fixed).Parse(reader);
        }

        string text = reader.ReadToEnd();
        return ReadEither(fileName, () => new StringReader(text));
    }

    /// <summary>Reads a model from a stream (UTF-8 or ASCII); the stream is not closed.</summary>
    /// <exception cref="MpsFormatException">The data is not valid MPS.</exception>
    public static LinearModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        return Read(reader);
    }

    /// <summary>Reads a model from a file, free format first and fixed format if that fails.</summary>
    /// <exception cref="MpsFormatException">The file is not valid MPS.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static LinearModel Read(string path) => Read(path, MpsFormat.Auto);

    /// <summary>Reads a model from a file in the given format (<see cref="MpsFormat.Auto"/> reads the file a second time if needed).</summary>
    /// <exception cref="MpsFormatException">The file is not valid MPS.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static LinearModel Read(string path, MpsFormat format)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        StreamReader Open() => new(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        if (format != MpsFormat.Auto)
        {
            using var reader = Open();
            return new Parser(path, format == MpsFormat.Fixed).Parse(reader);
        }

        return ReadEither(path, Open);
    }

    /// <summary>Free format; if that fails, fixed format; if both fail, the free-format problems.</summary>
    private static LinearModel ReadEither(string fileName, Func<TextReader> open)
    {
        try
        {
            using var free = open();
            return new Parser(fileName, fixedFormat: false).Parse(free);
        }
        catch (MpsFormatException freeProblems)
        {
            try
            {
                using var fixedReader = open();
                return new Parser(fileName, fixedFormat: true).Parse(fixedReader);
            }
            catch (MpsFormatException)
            {
                throw freeProblems;
            }
        }
    }

    private enum Section
    {
        None,
        ObjSense,
        ObjName,
        Rows,
        Columns,
        Rhs,
        Ranges,
        Bounds,
        Unknown,
    }

    private sealed class Parser(string fileName, bool fixedFormat)
    {
        private static readonly char[] Separators = [' ', '\t'];

        /// <summary>The fields of a fixed-format data line: (first column, width), columns counted from 0.</summary>
        private static readonly (int Start, int Width)[] FixedFields = [(1, 2), (4, 8), (14, 8), (24, 12), (39, 8), (49, 12)];

        private readonly List<MpsProblem> _problems = [];
        private int _problemCount;
        private int _lineNumber;
        private string _line = string.Empty;

        private string? _modelName;
        private ObjectiveSense _sense = ObjectiveSense.Minimize;
        private string? _objectiveName;
        private string? _requestedObjectiveName;
        private double _offset;
        private bool _objectiveRhsSet;

        private readonly Dictionary<string, int> _rowIndex = new(StringComparer.Ordinal);
        private readonly List<string> _rowNames = [];
        private readonly List<char> _rowTypes = [];
        private readonly List<double> _rowRhs = [];
        private readonly List<double> _rowRange = [];
        private readonly List<int> _rowLastColumn = [];

        private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
        private readonly List<string> _columnNames = [];
        private readonly List<bool> _columnInteger = [];
        private readonly List<double> _objective = [];
        private readonly List<bool> _objectiveSet = [];
        private readonly List<double> _lower = [];
        private readonly List<double> _upper = [];
        private readonly List<int> _boundLine = [];
        private readonly List<string?> _boundText = [];

        private readonly List<int> _entryRows = [];
        private readonly List<int> _entryColumns = [];
        private readonly List<double> _entryValues = [];

        private int _currentColumn = -1;
        private bool _inIntegerBlock;

        public LinearModel Parse(TextReader reader)
        {
            var section = Section.None;
            bool sawContent = false;
            bool sawEnd = false;
            while (reader.ReadLine() is { } line)
            {
                _lineNumber++;
                _line = line;
                if (string.IsNullOrWhiteSpace(line) || line[0] == '*')
                {
                    continue;
                }

                sawContent = true;
                if (!char.IsWhiteSpace(line[0]))
                {
                    section = Header(line.Split(Separators, StringSplitOptions.RemoveEmptyEntries), line, ref sawEnd);
                    if (sawEnd)
                    {
                        // What follows ENDATA is not part of the model (MIPLIB 3 appends sections such as IMPORTANCES).
                        break;
                    }

                    continue;
                }

                string[] tokens = fixedFormat && section is Section.Rows or Section.Columns or Section.Rhs or Section.Ranges or Section.Bounds ? FixedTokens(line) : line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Length == 0)
                {
                    Problem("no fields in the fixed-format columns 2–3, 5–12, 15–22, 25–36, 40–47, 50–61");
                    continue;
                }

                switch (section)
                {
                    case Section.ObjSense:
                        ReadSense(tokens[0]);
                        break;
                    case Section.ObjName:
                        _requestedObjectiveName = tokens[0];
                        break;
                    case Section.Rows:
                        ReadRow(tokens);
                        break;
                    case Section.Columns:
                        ReadColumnEntry(tokens);
                        break;
                    case Section.Rhs:
                        ReadRhsOrRange(tokens, isRange: false);
                        break;
                    case Section.Ranges:
                        ReadRhsOrRange(tokens, isRange: true);
                        break;
                    case Section.Bounds:
                        ReadBound(tokens);
                        break;
                    case Section.Unknown:
                        break;
                    default:
                        Problem("data line outside any section: expected a section name (NAME, ROWS, COLUMNS, …) in column 1");
                        break;
                }
            }

            _line = string.Empty;
            if (!sawContent)
            {
                _lineNumber = 1;
                Problem("empty file: expected MPS sections NAME, ROWS, COLUMNS, RHS, RANGES, BOUNDS and ENDATA");
            }
            else if (!sawEnd)
            {
                _lineNumber++;
                Problem("missing ENDATA: the file ended before the ENDATA line");
            }

            CheckBounds();
            if (_problemCount > 0)
            {
                Throw();
            }

            return Build();
        }

        /// <summary>
        /// The non-blank fields of a fixed-format line, trimmed; a blank optional field (a set name) is left out, as
        /// free format leaves it out. A marker line is split at white space: its layout varies between writers.
        /// </summary>
        private static string[] FixedTokens(string line)
        {
            if (line.Contains("'MARKER'", StringComparison.Ordinal))
            {
                return line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            }

            var tokens = new List<string>(6);
            foreach (var (start, width) in FixedFields)
            {
                if (start >= line.Length)
                {
                    break;
                }

                string field = line.Substring(start, Math.Min(width, line.Length - start)).Trim();
                if (field.Length > 0)
                {
                    tokens.Add(field);
                }
            }

            return [.. tokens];
        }

        private Section Header(string[] tokens, string line, ref bool sawEnd)
        {
            string keyword = tokens[0].ToUpperInvariant();
            switch (keyword)
            {
                case "NAME":
                    _modelName = line.Length > 4 ? line[4..].Trim() : string.Empty;
                    return Section.None;
                case "OBJSENSE" or "OBJSEN":
                    if (tokens.Length > 1)
                    {
                        ReadSense(tokens[1]);
                        return Section.None;
                    }

                    return Section.ObjSense;
                case "OBJNAME":
                    if (tokens.Length > 1)
                    {
                        _requestedObjectiveName = tokens[1];
                        return Section.None;
                    }

                    return Section.ObjName;
                case "ROWS":
                    return Section.Rows;
                case "COLUMNS":
                    return Section.Columns;
                case "RHS":
                    return Section.Rhs;
                case "RANGES":
                    return Section.Ranges;
                case "BOUNDS":
                    return Section.Bounds;
                case "ENDATA":
                    sawEnd = true;
                    return Section.None;
                default:
                    Problem($"unknown section '{tokens[0]}': expected NAME, OBJSENSE, OBJNAME, ROWS, COLUMNS, RHS, RANGES, BOUNDS or ENDATA (data lines must start with white space)");
                    return Section.Unknown;
            }
        }

        private void ReadSense(string token)
        {
            switch (token.ToUpperInvariant())
            {
                case "MAX" or "MAXIMIZE" or "MAXIMISE":
                    _sense = ObjectiveSense.Maximize;
                    break;
                case "MIN" or "MINIMIZE" or "MINIMISE":
                    _sense = ObjectiveSense.Minimize;
                    break;
                default:
                    Problem($"unknown objective sense '{token}': expected MAX or MIN");
                    break;
            }
        }

        private void ReadRow(string[] tokens)
        {
            if (tokens.Length != 2)
            {
                Problem("expected a row type (N, E, L or G) and a row name");
                return;
            }

            string type = tokens[0].ToUpperInvariant();
            string name = tokens[1];
            if (type is not ("N" or "E" or "L" or "G"))
            {
                Problem($"unknown row type '{tokens[0]}': expected N, E, L or G");
                return;
            }

            if (_rowIndex.ContainsKey(name) || name == _objectiveName)
            {
                Problem($"duplicate row '{name}': each row must be declared once in ROWS");
                return;
            }

            if (type == "N" && _objectiveName is null && (_requestedObjectiveName is null || _requestedObjectiveName == name))
            {
                _objectiveName = name;
                return;
            }

            _rowIndex.Add(name, _rowNames.Count);
            _rowNames.Add(name);
            _rowTypes.Add(type[0]);
            _rowRhs.Add(0);
            _rowRange.Add(double.NaN);
            _rowLastColumn.Add(-1);
        }

        private void ReadColumnEntry(string[] tokens)
        {
            if (tokens.Length >= 2 && tokens[1] == "'MARKER'")
            {
                string kind = tokens.Length >= 3 ? tokens[2] : string.Empty;
                if (kind == "'INTORG'")
                {
                    _inIntegerBlock = true;
                }
                else if (kind == "'INTEND'")
                {
                    _inIntegerBlock = false;
                }
                else
                {
                    Problem($"unknown marker '{kind}': expected 'INTORG' or 'INTEND'");
                }

                _currentColumn = -1;
                return;
            }

            if (tokens.Length is not (3 or 5))
            {
                Problem("expected a column name followed by one or two pairs of row name and value");
                return;
            }

            string column = tokens[0];
            if (_currentColumn < 0 || _columnNames[_currentColumn] != column)
            {
                if (_columnIndex.ContainsKey(column))
                {
                    Problem($"duplicate column '{column}': a column's entries must be contiguous in COLUMNS");
                    _currentColumn = -1;
                    return;
                }

                _currentColumn = _columnNames.Count;
                _columnIndex.Add(column, _currentColumn);
                _columnNames.Add(column);
                _columnInteger.Add(_inIntegerBlock);
                _objective.Add(0);
                _objectiveSet.Add(false);
                _lower.Add(0);
                _upper.Add(double.PositiveInfinity);
                _boundLine.Add(0);
                _boundText.Add(null);
            }

            for (int k = 1; k + 1 < tokens.Length; k += 2)
            {
                string row = tokens[k];
                if (!TryNumber(tokens[k + 1], $"the coefficient of column '{column}' in row '{row}'", allowInfinite: false, out double value))
                {
                    continue;
                }

                if (row == _objectiveName)
                {
                    if (_objectiveSet[_currentColumn])
                    {
                        Problem($"duplicate entry for column '{column}' in the objective row '{row}'");
                    }

                    _objective[_currentColumn] = value;
                    _objectiveSet[_currentColumn] = true;
                }
                else if (_rowIndex.TryGetValue(row, out int i))
                {
                    if (_rowLastColumn[i] == _currentColumn)
                    {
                        Problem($"duplicate entry for column '{column}' in row '{row}'");
                        continue;
                    }

                    _rowLastColumn[i] = _currentColumn;
                    _entryRows.Add(i);
                    _entryColumns.Add(_currentColumn);
                    _entryValues.Add(value);
                }
                else
                {
                    Problem($"unknown row '{row}' in COLUMNS: expected a row declared in ROWS");
                }
            }
        }

        private void ReadRhsOrRange(string[] tokens, bool isRange)
        {
            string what = isRange ? "RANGES" : "RHS";
            int start = tokens.Length switch
            {
                2 or 4 => 0,
                3 or 5 => 1,
                _ => -1,
            };
            if (start < 0)
            {
                Problem($"expected an optional {what} set name followed by one or two pairs of row name and value");
                return;
            }

            for (int k = start; k + 1 < tokens.Length; k += 2)
            {
                string row = tokens[k];
                if (!TryNumber(tokens[k + 1], $"the {what} value of row '{row}'", allowInfinite: false, out double value))
                {
                    continue;
                }

                if (row == _objectiveName)
                {
                    if (!isRange)
                    {
                        if (_objectiveRhsSet)
                        {
                            Problem($"duplicate RHS entry for the objective row '{row}'");
                        }

                        _offset = -value;
                        _objectiveRhsSet = true;
                    }
                }
                else if (_rowIndex.TryGetValue(row, out int i))
                {
                    if (isRange)
                    {
                        if (!double.IsNaN(_rowRange[i]))
                        {
                            Problem($"duplicate RANGES entry for row '{row}'");
                        }

                        _rowRange[i] = value;
                    }
                    else
                    {
                        _rowRhs[i] = value;
                    }
                }
                else
                {
                    Problem($"unknown row '{row}' in {what}: expected a row declared in ROWS");
                }
            }
        }

        private void ReadBound(string[] tokens)
        {
            string type = tokens[0].ToUpperInvariant();
            bool needsValue = type is "UP" or "LO" or "FX" or "LI" or "UI";
            bool noValue = type is "FR" or "MI" or "PL";
            if (!needsValue && !noValue && type != "BV")
            {
                Problem($"unknown bound type '{tokens[0]}': expected UP, LO, FX, FR, MI, PL, BV, LI or UI");
                return;
            }

            string? column;
            string? valueText = null;
            if (needsValue)
            {
                (column, valueText) = tokens.Length switch
                {
                    4 => (tokens[2], tokens[3]),
                    3 => (tokens[1], tokens[2]),
                    _ => (null, null),
                };
            }
            else if (noValue)
            {
                column = tokens.Length switch
                {
                    3 or 4 => tokens[2],
                    2 => tokens[1],
                    _ => null,
                };
            }
            else
            {
                column = tokens.Length switch
                {
                    4 => tokens[2],
                    3 when _columnIndex.ContainsKey(tokens[1]) && !_columnIndex.ContainsKey(tokens[2]) => tokens[1],
                    3 => tokens[2],
                    2 => tokens[1],
                    _ => null,
                };
            }

            if (column is null)
            {
                Problem(needsValue
                    ? $"expected '{type}', an optional bound set name, a column name and a value"
                    : $"expected '{type}', an optional bound set name and a column name");
                return;
            }

            if (!_columnIndex.TryGetValue(column, out int j))
            {
                Problem($"unknown column '{column}' in BOUNDS: expected a column declared in COLUMNS");
                return;
            }

            double value = 0;
            if (valueText is not null && !TryNumber(valueText, $"the {type} bound of column '{column}'", allowInfinite: true, out value))
            {
                return;
            }

            switch (type)
            {
                case "UP" or "UI":
                    if (value < 0 && _lower[j] == 0)
                    {
                        _lower[j] = double.NegativeInfinity;
                    }

                    _upper[j] = value;
                    break;
                case "LO" or "LI":
                    _lower[j] = value;
                    break;
                case "FX":
                    _lower[j] = value;
                    _upper[j] = value;
                    break;
                case "FR":
                    _lower[j] = double.NegativeInfinity;
                    _upper[j] = double.PositiveInfinity;
                    break;
                case "MI":
                    _lower[j] = double.NegativeInfinity;
                    break;
                case "PL":
                    _upper[j] = double.PositiveInfinity;
                    break;
                case "BV":
                    _lower[j] = 0;
                    _upper[j] = 1;
                    break;
            }

            if (type is "BV" or "LI" or "UI")
            {
                _columnInteger[j] = true;
            }

            _boundLine[j] = _lineNumber;
            _boundText[j] = _line;
        }

        private void CheckBounds()
        {
            for (int j = 0; j < _lower.Count; j++)
            {
                double lo = _lower[j];
                double hi = _upper[j];
                if (lo > hi || double.IsPositiveInfinity(lo) || double.IsNegativeInfinity(hi))
                {
                    _lineNumber = _boundLine[j];
                    _line = _boundText[j] ?? string.Empty;
                    Problem(string.Create(CultureInfo.InvariantCulture, $"bounds of column '{_columnNames[j]}' are [{lo}, {hi}]: expected lower ≤ upper, lower < +∞ and upper > −∞"));
                }
            }
        }

        private LinearModel Build()
        {
            string name = string.IsNullOrWhiteSpace(_modelName) ? "model" : _modelName;
            var model = new LinearModel(name, _columnNames.Count, _rowNames.Count, _entryValues.Count)
            {
                Sense = _sense,
                ObjectiveOffset = _offset,
            };
            for (int j = 0; j < _columnNames.Count; j++)
            {
                model.AddVariable(_lower[j], _upper[j], _objective[j], _columnInteger[j], _columnNames[j]);
            }

            for (int i = 0; i < _rowNames.Count; i++)
            {
                (double lo, double hi) = RowBounds(_rowTypes[i], _rowRhs[i], _rowRange[i]);
                model.AddRow(lo, hi, _rowNames[i]);
            }

            for (int k = 0; k < _entryValues.Count; k++)
            {
                model.AddTerm(_entryRows[k], _entryColumns[k], _entryValues[k]);
            }

            return model;
        }

        private static (double Lower, double Upper) RowBounds(char type, double rhs, double range)
        {
            bool ranged = !double.IsNaN(range);
            return type switch
            {
                'E' when !ranged || range == 0 => (rhs, rhs),
                'E' when range > 0 => (rhs, rhs + range),
                'E' => (rhs + range, rhs),
                'L' => (ranged ? rhs - Math.Abs(range) : double.NegativeInfinity, rhs),
                'G' => (rhs, ranged ? rhs + Math.Abs(range) : double.PositiveInfinity),
                _ => (double.NegativeInfinity, double.PositiveInfinity),
            };
        }

        private bool TryNumber(string text, string what, bool allowInfinite, out double value)
        {
            ReadOnlySpan<char> unsigned = text.AsSpan().TrimStart("+-");
            if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
            {
                value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            }
            else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || double.IsNaN(value))
            {
                Problem($"'{text}' is not a number: expected {what}");
                return false;
            }

            if (!allowInfinite && !double.IsFinite(value))
            {
                Problem($"'{text}' is not finite: expected a finite number as {what}");
                return false;
            }

            return true;
        }

        private void Problem(string message)
        {
            _problemCount++;
            if (_problems.Count < MaxReportedProblems)
            {
                _problems.Add(new MpsProblem(_lineNumber, _line, message));
            }
        }

        private void Throw()
        {
            if (_problemCount > _problems.Count)
            {
                _problems.Add(new MpsProblem(_problems[^1].LineNumber, string.Empty,
                    string.Create(CultureInfo.InvariantCulture, $"{_problemCount - _problems.Count} further problems not listed")));
            }

            throw new MpsFormatException(fileName, _problems);
        }
    }
}

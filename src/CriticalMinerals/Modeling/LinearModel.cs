using System.Globalization;

namespace CriticalMinerals.Modeling;

/// <summary>
/// A solver-neutral linear or mixed-integer program:
/// minimise or maximise <c>c·x + offset</c> subject to <c>rowLower ≤ A·x ≤ rowUpper</c> and
/// <c>lower ≤ x ≤ upper</c>, with some <c>x</c> integer.
/// </summary>
/// <remarks>
/// Built from indices on the hot path: <see cref="AddVariable"/> and <see cref="AddRow(double, double, string?)"/> return dense
/// indices and <see cref="AddTerm"/> appends one coefficient, with no object per term. Storage is a set of
/// growing arrays (struct of arrays), so a million-variable model costs a few arrays, not a million objects.
/// Coefficients of the same (row, variable) pair are summed. Names are optional and stable: a formulation
/// names its variables and rows after what they mean (mineral, country, stage, year), and exports and
/// diagnostics use them. An instance is not thread-safe; solve a built model from one thread at a time,
/// or give each thread its own copy (<see cref="Clone"/>).
/// </remarks>
public sealed class LinearModel
{
    private double[] _lower;
    private double[] _upper;
    private double[] _objective;
    private bool[] _isInteger;
    private string?[]? _variableNames; // null until a variable is named: a large model saves 8 bytes per variable
    private int _variableCount;
    private int _integerCount;

    private double[] _rowLower;
    private double[] _rowUpper;
    private string?[]? _rowNames; // null until a row is named
    private int _rowCount;

    private int[] _termRows;
    private int[] _termColumns;
    private double[] _termValues;
    private int _termCount;

    private SparseRows? _rowsCache;

    /// <summary>Creates an empty model, optionally reserving room so that building does not reallocate.</summary>
    /// <param name="name">The model's name, used by exports.</param>
    /// <param name="variableCapacity">Expected number of variables.</param>
    /// <param name="rowCapacity">Expected number of rows.</param>
    /// <param name="termCapacity">Expected number of nonzero coefficients.</param>
    public LinearModel(string name = "model", int variableCapacity = 16, int rowCapacity = 16, int termCapacity = 64)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(variableCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(termCapacity);
        Name = name;
        _lower = new double[variableCapacity];
        _upper = new double[variableCapacity];
        _objective = new double[variableCapacity];
        _isInteger = new bool[variableCapacity];
        _rowLower = new double[rowCapacity];
        _rowUpper = new double[rowCapacity];
        _termRows = new int[termCapacity];
        _termColumns = new int[termCapacity];
        _termValues = new double[termCapacity];
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>Whether the objective is minimised (the default) or maximised.</summary>
    public ObjectiveSense Sense { get; set; } = ObjectiveSense.Minimize;

    /// <summary>A constant added to the objective.</summary>
    public double ObjectiveOffset
    {
        get;
        set
        {
            RequireFinite(value, nameof(ObjectiveOffset));
            field = value;
        }
    }

    /// <summary>Number of variables.</summary>
    public int VariableCount => _variableCount;

    /// <summary>Number of rows (linear constraints).</summary>
    public int RowCount => _rowCount;

    /// <summary>Number of coefficients appended, before duplicates are summed.</summary>
    public int TermCount => _termCount;

    /// <summary>Whether any variable is integer, which makes this a mixed-integer program.</summary>
    public bool IsMixedInteger => _integerCount > 0;

    /// <summary>Number of integer variables.</summary>
    public int IntegerVariableCount => _integerCount;

    /// <summary>Lower bounds of the variables (may be <see cref="double.NegativeInfinity"/>).</summary>
    public ReadOnlySpan<double> VariableLowerBounds => _lower.AsSpan(0, _variableCount);

    /// <summary>Upper bounds of the variables (may be <see cref="double.PositiveInfinity"/>).</summary>
    public ReadOnlySpan<double> VariableUpperBounds => _upper.AsSpan(0, _variableCount);

    /// <summary>Objective coefficients of the variables.</summary>
    public ReadOnlySpan<double> ObjectiveCoefficients => _objective.AsSpan(0, _variableCount);

    /// <summary>Whether each variable is integer.</summary>
    public ReadOnlySpan<bool> IsInteger => _isInteger.AsSpan(0, _variableCount);

    /// <summary>Lower bounds of the rows (may be <see cref="double.NegativeInfinity"/>).</summary>
    public ReadOnlySpan<double> RowLowerBounds => _rowLower.AsSpan(0, _rowCount);

    /// <summary>Upper bounds of the rows (may be <see cref="double.PositiveInfinity"/>).</summary>
    public ReadOnlySpan<double> RowUpperBounds => _rowUpper.AsSpan(0, _rowCount);

    /// <summary>Adds a variable and returns its index.</summary>
    /// <param name="lowerBound">Lower bound; <see cref="double.NegativeInfinity"/> for none.</param>
    /// <param name="upperBound">Upper bound; <see cref="double.PositiveInfinity"/> for none.</param>
    /// <param name="objective">Objective coefficient.</param>
    /// <param name="isInteger">Whether the variable must take an integer value.</param>
    /// <param name="name">Optional stable name; <c>x{index}</c> when omitted.</param>
    public int AddVariable(double lowerBound, double upperBound, double objective = 0, bool isInteger = false, string? name = null)
    {
        // The description is built only for the message: on the hot path it would cost three strings per variable.
        if (!AreValidBounds(lowerBound, upperBound))
        {
            RequireBounds(lowerBound, upperBound, "variable " + (name ?? "x" + _variableCount.ToString(CultureInfo.InvariantCulture)));
        }

        RequireFinite(objective, nameof(objective));
        if (_variableCount == _lower.Length)
        {
            int capacity = Grow(_lower.Length);
            Array.Resize(ref _lower, capacity);
            Array.Resize(ref _upper, capacity);
            Array.Resize(ref _objective, capacity);
            Array.Resize(ref _isInteger, capacity);
            if (_variableNames is not null)
            {
                Array.Resize(ref _variableNames, capacity);
            }
        }

        int index = _variableCount++;
        _lower[index] = lowerBound;
        _upper[index] = upperBound;
        _objective[index] = objective;
        _isInteger[index] = isInteger;
        if (name is not null)
        {
            (_variableNames ??= new string?[_lower.Length])[index] = name;
        }
        if (isInteger)
        {
            _integerCount++;
        }

        _rowsCache = null; // the matrix gains a column
        return index;
    }

    /// <summary>Adds a row <c>lowerBound ≤ Σ a·x ≤ upperBound</c> with no terms yet and returns its index.</summary>
    /// <param name="lowerBound">Lower bound; <see cref="double.NegativeInfinity"/> for a ≤ row.</param>
    /// <param name="upperBound">Upper bound; <see cref="double.PositiveInfinity"/> for a ≥ row.</param>
    /// <param name="name">Optional stable name; <c>r{index}</c> when omitted.</param>
    public int AddRow(double lowerBound, double upperBound, string? name = null)
    {
        if (!AreValidBounds(lowerBound, upperBound))
        {
            RequireBounds(lowerBound, upperBound, "row " + (name ?? "r" + _rowCount.ToString(CultureInfo.InvariantCulture)));
        }

        if (_rowCount == _rowLower.Length)
        {
            int capacity = Grow(_rowLower.Length);
            Array.Resize(ref _rowLower, capacity);
            Array.Resize(ref _rowUpper, capacity);
            if (_rowNames is not null)
            {
                Array.Resize(ref _rowNames, capacity);
            }
        }

        int index = _rowCount++;
        _rowLower[index] = lowerBound;
        _rowUpper[index] = upperBound;
        if (name is not null)
        {
            (_rowNames ??= new string?[_rowLower.Length])[index] = name;
        }

        _rowsCache = null; // the matrix gains a row
        return index;
    }

    /// <summary>Adds <paramref name="coefficient"/>·x[<paramref name="variable"/>] to row <paramref name="row"/>.</summary>
    /// <remarks>A second term for the same pair adds to the first. Zero coefficients are kept out.</remarks>
    public void AddTerm(int row, int variable, double coefficient)
    {
        if ((uint)row >= (uint)_rowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row index must be in [0, {_rowCount}).");
        }

        if ((uint)variable >= (uint)_variableCount)
        {
            throw new ArgumentOutOfRangeException(nameof(variable), variable, $"Variable index must be in [0, {_variableCount}).");
        }

        if (!double.IsFinite(coefficient))
        {
            throw new ArgumentOutOfRangeException(nameof(coefficient), coefficient, $"Coefficient of {VariableName(variable)} in {RowName(row)} must be finite.");
        }

        if (coefficient == 0)
        {
            return;
        }

        if (_termCount == _termRows.Length)
        {
            int capacity = Grow(_termRows.Length);
            Array.Resize(ref _termRows, capacity);
            Array.Resize(ref _termColumns, capacity);
            Array.Resize(ref _termValues, capacity);
        }

        _termRows[_termCount] = row;
        _termColumns[_termCount] = variable;
        _termValues[_termCount] = coefficient;
        _termCount++;
        _rowsCache = null;
    }

    /// <summary>Adds a row with its terms in one call and returns its index.</summary>
    public int AddRow(double lowerBound, double upperBound, ReadOnlySpan<int> variables, ReadOnlySpan<double> coefficients, string? name = null)
    {
        if (variables.Length != coefficients.Length)
        {
            throw new ArgumentException($"{variables.Length} variables but {coefficients.Length} coefficients.", nameof(coefficients));
        }

        // Check every term first, so a bad one leaves no half-added row behind.
        for (int k = 0; k < variables.Length; k++)
        {
            if ((uint)variables[k] >= (uint)_variableCount || !double.IsFinite(coefficients[k]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Term {k} of row {name ?? "r" + _rowCount.ToString(CultureInfo.InvariantCulture)}: variable {variables[k]} (of {_variableCount}) with coefficient {coefficients[k]}; expected an existing variable and a finite coefficient."), nameof(variables));
            }
        }

        int row = AddRow(lowerBound, upperBound, name);
        for (int k = 0; k < variables.Length; k++)
        {
            AddTerm(row, variables[k], coefficients[k]);
        }

        return row;
    }

    /// <summary>Changes a variable's bounds.</summary>
    public void SetVariableBounds(int variable, double lowerBound, double upperBound)
    {
        CheckVariable(variable);
        RequireBounds(lowerBound, upperBound, "variable " + VariableName(variable));
        _lower[variable] = lowerBound;
        _upper[variable] = upperBound;
    }

    /// <summary>Changes a variable's objective coefficient.</summary>
    public void SetObjectiveCoefficient(int variable, double coefficient)
    {
        CheckVariable(variable);
        RequireFinite(coefficient, nameof(coefficient));
        _objective[variable] = coefficient;
    }

    /// <summary>Makes a variable integer or continuous.</summary>
    public void SetInteger(int variable, bool isInteger)
    {
        CheckVariable(variable);
        if (_isInteger[variable] != isInteger)
        {
            _integerCount += isInteger ? 1 : -1;
            _isInteger[variable] = isInteger;
        }
    }

    /// <summary>Changes a row's bounds.</summary>
    public void SetRowBounds(int row, double lowerBound, double upperBound)
    {
        CheckRow(row);
        RequireBounds(lowerBound, upperBound, "row " + RowName(row));
        _rowLower[row] = lowerBound;
        _rowUpper[row] = upperBound;
    }

    /// <summary>The variable's name, or <c>x{index}</c> when it has none.</summary>
    public string VariableName(int variable)
    {
        CheckVariable(variable);
        return _variableNames?[variable] ?? "x" + variable.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The row's name, or <c>r{index}</c> when it has none.</summary>
    public string RowName(int row)
    {
        CheckRow(row);
        return _rowNames?[row] ?? "r" + row.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether the variable was given a name.</summary>
    public bool HasVariableName(int variable)
    {
        CheckVariable(variable);
        return _variableNames?[variable] is not null;
    }

    /// <summary>Whether the row was given a name.</summary>
    public bool HasRowName(int row)
    {
        CheckRow(row);
        return _rowNames?[row] is not null;
    }

    /// <summary>
    /// The constraint matrix in compressed sparse row form, with duplicate (row, variable) terms summed and
    /// columns sorted within each row. Computed in O(terms) and cached until a variable, row or term is added.
    /// </summary>
    /// <remarks>
    /// Terms appended row by row with ascending columns (the usual way a formulation is built) are already in that
    /// form: then the matrix shares the term arrays, which is safe because terms are only ever appended.
    /// </remarks>
    public SparseRows GetRows() => _rowsCache ??= SparseRows.FromAppendOnlyTriplets(
        _rowCount,
        _variableCount,
        _termRows,
        _termColumns,
        _termValues,
        _termCount);

    /// <summary>The objective <c>c·x + offset</c> at a point.</summary>
    public double EvaluateObjective(ReadOnlySpan<double> values)
    {
        RequireLength(values, _variableCount, nameof(values));
        double sum = ObjectiveOffset;
        for (int j = 0; j < _variableCount; j++)
        {
            sum += _objective[j] * values[j];
        }

        return sum;
    }

    /// <summary>The row activities <c>A·x</c> at a point.</summary>
    public double[] ComputeRowActivities(ReadOnlySpan<double> values)
    {
        RequireLength(values, _variableCount, nameof(values));
        return GetRows().Multiply(values);
    }

    /// <summary>A deep copy, for instance to give each thread its own model.</summary>
    public LinearModel Clone()
    {
        var copy = new LinearModel(Name, _variableCount, _rowCount, _termCount)
        {
            Sense = Sense,
            ObjectiveOffset = ObjectiveOffset,
        };
        Array.Copy(_lower, copy._lower, _variableCount);
        Array.Copy(_upper, copy._upper, _variableCount);
        Array.Copy(_objective, copy._objective, _variableCount);
        Array.Copy(_isInteger, copy._isInteger, _variableCount);
        copy._variableNames = _variableNames?[.._variableCount];
        Array.Copy(_rowLower, copy._rowLower, _rowCount);
        Array.Copy(_rowUpper, copy._rowUpper, _rowCount);
        copy._rowNames = _rowNames?[.._rowCount];
        Array.Copy(_termRows, copy._termRows, _termCount);
        Array.Copy(_termColumns, copy._termColumns, _termCount);
        Array.Copy(_termValues, copy._termValues, _termCount);
        copy._variableCount = _variableCount;
        copy._integerCount = _integerCount;
        copy._rowCount = _rowCount;
        copy._termCount = _termCount;
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: {_variableCount} variables ({_integerCount} integer), {_rowCount} rows, {_termCount} terms, {Sense}");

    private static int Grow(int capacity) => Math.Max(16, capacity <= 1 << 29 ? capacity * 2 : Array.MaxLength);

    private void CheckVariable(int variable)
    {
        if ((uint)variable >= (uint)_variableCount)
        {
            throw new ArgumentOutOfRangeException(nameof(variable), variable, $"Variable index must be in [0, {_variableCount}).");
        }
    }

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)_rowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row index must be in [0, {_rowCount}).");
        }
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite number.");
        }
    }

    /// <summary>Exactly the bounds <see cref="RequireBounds"/> accepts: numbers, lower below +∞, upper above -∞, lower ≤ upper.</summary>
    private static bool AreValidBounds(double lower, double upper) =>
        lower <= upper && lower != double.PositiveInfinity && upper != double.NegativeInfinity;

    private static void RequireBounds(double lower, double upper, string what)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower == double.PositiveInfinity || upper == double.NegativeInfinity)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Bounds of {what} are [{lower}, {upper}]: each must be a number, the lower one below +∞ and the upper one above -∞."));
        }

        if (lower > upper)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Bounds of {what} are [{lower}, {upper}]: the lower bound exceeds the upper bound."));
        }
    }

    private static void RequireLength(ReadOnlySpan<double> values, int length, string name)
    {
        if (values.Length != length)
        {
            throw new ArgumentException($"Expected {length} values, got {values.Length}.", name);
        }
    }
}

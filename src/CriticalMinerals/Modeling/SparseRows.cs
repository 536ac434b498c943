namespace CriticalMinerals.Modeling;

/// <summary>
/// An immutable sparse matrix in compressed sparse row (CSR) form: the entries of row <c>i</c> are
/// <c>Columns[RowStarts[i]..RowStarts[i+1]]</c> with <c>Values</c> alongside, columns ascending and unique.
/// </summary>
public sealed class SparseRows
{
    private readonly int[] _rowStarts;
    private readonly int[] _columns;
    private readonly double[] _values;

    private SparseRows(int rowCount, int columnCount, int[] rowStarts, int[] columns, double[] values)
    {
        RowCount = rowCount;
        ColumnCount = columnCount;
        _rowStarts = rowStarts;
        _columns = columns;
        _values = values;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>Number of stored nonzeros.</summary>
    public int NonzeroCount => _rowStarts[RowCount];

    /// <summary>Offsets into <see cref="Columns"/> and <see cref="Values"/>; <c>RowCount + 1</c> entries.</summary>
    public ReadOnlySpan<int> RowStarts => _rowStarts;

    /// <summary>Column index of each nonzero.</summary>
    public ReadOnlySpan<int> Columns => _columns.AsSpan(0, NonzeroCount);

    /// <summary>Value of each nonzero.</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, NonzeroCount);

    /// <summary>The column indices of one row.</summary>
    public ReadOnlySpan<int> RowColumns(int row) => _columns.AsSpan(_rowStarts[row], _rowStarts[row + 1] - _rowStarts[row]);

    /// <summary>The values of one row.</summary>
    public ReadOnlySpan<double> RowValues(int row) => _values.AsSpan(_rowStarts[row], _rowStarts[row + 1] - _rowStarts[row]);

    /// <summary>
    /// Builds the matrix from (row, column, value) triplets in any order, summing duplicates and dropping
    /// entries that sum to zero. Two stable counting sorts (by column, then by row) make this O(n + rows + columns).
    /// </summary>
    public static SparseRows FromTriplets(int rowCount, int columnCount, ReadOnlySpan<int> rows, ReadOnlySpan<int> columns, ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        if (rows.Length != columns.Length || rows.Length != values.Length)
        {
            throw new ArgumentException("Triplet spans must have the same length.", nameof(values));
        }

        int n = rows.Length;
        if (TryCountOrderedRows(rowCount, columnCount, rows, columns, values) is { } orderedStarts)
        {
            return new SparseRows(rowCount, columnCount, orderedStarts, columns.ToArray(), values.ToArray());
        }

        // Pass 1: order the triplets by column (stable counting sort).
        var byColumn = new int[n];
        var columnStarts = new int[columnCount + 1];
        for (int k = 0; k < n; k++)
        {
            if ((uint)rows[k] >= (uint)rowCount || (uint)columns[k] >= (uint)columnCount)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), $"Triplet {k} ({rows[k]}, {columns[k]}) is outside a {rowCount}×{columnCount} matrix.");
            }

            columnStarts[columns[k] + 1]++;
        }

        for (int j = 0; j < columnCount; j++)
        {
            columnStarts[j + 1] += columnStarts[j];
        }

        var next = (int[])columnStarts.Clone();
        for (int k = 0; k < n; k++)
        {
            byColumn[next[columns[k]]++] = k;
        }

        // Pass 2: stable by row, so each row's entries come out with ascending columns.
        var rowStarts = new int[rowCount + 1];
        for (int k = 0; k < n; k++)
        {
            rowStarts[rows[k] + 1]++;
        }

        for (int i = 0; i < rowCount; i++)
        {
            rowStarts[i + 1] += rowStarts[i];
        }

        var sorted = new int[n];
        var rowNext = (int[])rowStarts.Clone();
        foreach (int k in byColumn)
        {
            sorted[rowNext[rows[k]]++] = k;
        }

        // Pass 3: sum duplicates in place and drop zero sums.
        var outColumns = new int[n];
        var outValues = new double[n];
        var outStarts = new int[rowCount + 1];
        int write = 0;
        for (int i = 0; i < rowCount; i++)
        {
            outStarts[i] = write;
            int rowBegin = write;
            for (int p = rowStarts[i]; p < rowStarts[i + 1]; p++)
            {
                int k = sorted[p];
                if (write > rowBegin && outColumns[write - 1] == columns[k])
                {
                    outValues[write - 1] += values[k];
                }
                else
                {
                    outColumns[write] = columns[k];
                    outValues[write] = values[k];
                    write++;
                }
            }

            int kept = rowBegin;
            for (int p = rowBegin; p < write; p++)
            {
                if (outValues[p] != 0)
                {
                    outColumns[kept] = outColumns[p];
                    outValues[kept] = outValues[p];
                    kept++;
                }
            }

            write = kept;
        }

        outStarts[rowCount] = write;
        return new SparseRows(rowCount, columnCount, outStarts, outColumns, outValues);
    }

    /// <summary>
    /// <see cref="FromTriplets"/> over the first <paramref name="count"/> entries of append-only arrays. When they
    /// are already in CSR order the matrix shares <paramref name="columns"/> and <paramref name="values"/> instead
    /// of copying them: the caller must never change those first <paramref name="count"/> entries afterwards
    /// (appending beyond them, or replacing the arrays, is fine).
    /// </summary>
    internal static SparseRows FromAppendOnlyTriplets(int rowCount, int columnCount, int[] rows, int[] columns, double[] values, int count)
    {
        if (TryCountOrderedRows(rowCount, columnCount, rows.AsSpan(0, count), columns.AsSpan(0, count), values.AsSpan(0, count)) is { } starts)
        {
            return new SparseRows(rowCount, columnCount, starts, columns, values);
        }

        return FromTriplets(rowCount, columnCount, rows.AsSpan(0, count), columns.AsSpan(0, count), values.AsSpan(0, count));
    }

    /// <summary>
    /// The common case of a model built row by row: triplets already in row order, columns strictly ascending
    /// within each row (so no duplicates) and no zeros. Then the CSR form needs only the row starts, without
    /// the two sorts. Returns <see langword="null"/> as soon as a triplet breaks that order, leaving the general
    /// path to validate, sort and sum.
    /// </summary>
    private static int[]? TryCountOrderedRows(int rowCount, int columnCount, ReadOnlySpan<int> rows, ReadOnlySpan<int> columns, ReadOnlySpan<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        if (rows.Length != columns.Length || rows.Length != values.Length)
        {
            return null;
        }

        int n = rows.Length;
        var starts = new int[rowCount + 1];
        int previousRow = 0;
        int previousColumn = -1;
        for (int k = 0; k < n; k++)
        {
            int row = rows[k];
            int column = columns[k];
            if ((uint)row >= (uint)rowCount || (uint)column >= (uint)columnCount || values[k] == 0
                || row < previousRow || (row == previousRow && column <= previousColumn))
            {
                return null;
            }

            previousRow = row;
            previousColumn = column;
            starts[row + 1]++;
        }

        for (int i = 0; i < rowCount; i++)
        {
            starts[i + 1] += starts[i];
        }

        return starts;
    }

    /// <summary>The transpose, in the same form: its rows are this matrix's columns.</summary>
    public SparseRows Transpose()
    {
        int nnz = NonzeroCount;
        var starts = new int[ColumnCount + 1];
        for (int p = 0; p < nnz; p++)
        {
            starts[_columns[p] + 1]++;
        }

        for (int j = 0; j < ColumnCount; j++)
        {
            starts[j + 1] += starts[j];
        }

        var next = (int[])starts.Clone();
        var columns = new int[nnz];
        var values = new double[nnz];
        for (int i = 0; i < RowCount; i++)
        {
            for (int p = _rowStarts[i]; p < _rowStarts[i + 1]; p++)
            {
                int q = next[_columns[p]]++;
                columns[q] = i;
                values[q] = _values[p];
            }
        }

        return new SparseRows(ColumnCount, RowCount, starts, columns, values);
    }

    /// <summary>Computes <c>A·x</c>.</summary>
    public double[] Multiply(ReadOnlySpan<double> x)
    {
        if (x.Length != ColumnCount)
        {
            throw new ArgumentException($"Expected {ColumnCount} values, got {x.Length}.", nameof(x));
        }

        var result = new double[RowCount];
        for (int i = 0; i < RowCount; i++)
        {
            double sum = 0;
            for (int p = _rowStarts[i]; p < _rowStarts[i + 1]; p++)
            {
                sum += _values[p] * x[_columns[p]];
            }

            result[i] = sum;
        }

        return result;
    }
}

using CriticalMinerals.Modeling;

namespace CriticalMinerals.Tests.Modeling;

/// <summary>The compressed-sparse-row matrix: building from triplets, its accessors, transpose and product.</summary>
public sealed class SparseRowsTests
{
    /// <summary>
    /// 3×4, triplets out of order: row 0 has (0, 1) and (2, 5 + 2); row 1 is empty; row 2 has (1, −2) and (3, 1 − 1),
    /// which sums to exactly zero and is dropped.
    /// </summary>
    private static SparseRows Unordered() => SparseRows.FromTriplets(
        3,
        4,
        [2, 0, 0, 2, 0, 2],
        [3, 2, 0, 1, 2, 3],
        [1, 5, 1, -2, 2, -1]);

    [Fact]
    public void FromTriplets_sorts_sums_duplicates_and_drops_zero_sums()
    {
        var a = Unordered();
        a.RowCount.Should().Be(3);
        a.ColumnCount.Should().Be(4);
        a.NonzeroCount.Should().Be(3);
        a.RowStarts.ToArray().Should().Equal([0, 2, 2, 3]);
        a.Columns.ToArray().Should().Equal([0, 2, 1]);
        a.Values.ToArray().Should().Equal([1.0, 7.0, -2.0]);
    }

    [Fact]
    public void RowColumns_and_RowValues_give_each_row_with_ascending_columns()
    {
        var a = Unordered();
        a.RowColumns(0).ToArray().Should().Equal([0, 2]);
        a.RowValues(0).ToArray().Should().Equal([1.0, 7.0]);
        a.RowColumns(1).ToArray().Should().BeEmpty();
        a.RowValues(1).ToArray().Should().BeEmpty();
        a.RowColumns(2).ToArray().Should().Equal([1]);
        a.RowValues(2).ToArray().Should().Equal([-2.0]);
    }

    [Fact]
    public void Columns_come_out_ascending_within_a_row_whatever_the_input_order()
    {
        var a = SparseRows.FromTriplets(1, 6, [0, 0, 0, 0, 0], [5, 1, 4, 0, 3], [50, 10, 40, 0.5, 30]);
        a.RowColumns(0).ToArray().Should().Equal([0, 1, 3, 4, 5]);
        a.RowValues(0).ToArray().Should().Equal([0.5, 10.0, 30.0, 40.0, 50.0]);
    }

    [Fact]
    public void Several_duplicates_summing_to_exactly_zero_leave_an_empty_row()
    {
        // 0.25 + 0.25 − 0.5 is exactly 0 in binary floating point.
        var a = SparseRows.FromTriplets(2, 2, [1, 0, 1, 1], [1, 0, 1, 1], [0.25, 3, 0.25, -0.5]);
        a.RowStarts.ToArray().Should().Equal([0, 1, 1]);
        a.Columns.ToArray().Should().Equal([0]);
        a.Values.ToArray().Should().Equal([3.0]);
    }

    [Fact]
    public void A_zero_triplet_is_dropped()
    {
        var a = SparseRows.FromTriplets(2, 2, [0, 1], [1, 0], [0.0, 4]);
        a.RowStarts.ToArray().Should().Equal([0, 0, 1]);
        a.Columns.ToArray().Should().Equal([0]);
        a.Values.ToArray().Should().Equal([4.0]);
    }

    [Fact]
    public void No_triplets_give_empty_rows()
    {
        var a = SparseRows.FromTriplets(3, 2, [], [], []);
        a.RowCount.Should().Be(3);
        a.ColumnCount.Should().Be(2);
        a.NonzeroCount.Should().Be(0);
        a.RowStarts.ToArray().Should().Equal([0, 0, 0, 0]);
        a.Columns.ToArray().Should().BeEmpty();
        a.Multiply([1, 2]).Should().Equal([0.0, 0.0, 0.0]);

        var none = SparseRows.FromTriplets(0, 0, [], [], []);
        none.RowStarts.ToArray().Should().Equal([0]);
        none.Multiply([]).Should().BeEmpty();
    }

    [Fact]
    public void Ordered_and_shuffled_triplets_give_the_same_matrix()
    {
        // Row 0: (0, 1), (2, −2), (3, 3); row 1 empty; row 2: (1, 4), (3, −5); row 3: (0, 6).
        int[] rows = [0, 0, 0, 2, 2, 3];
        int[] columns = [0, 2, 3, 1, 3, 0];
        double[] values = [1, -2, 3, 4, -5, 6];
        int[] shuffle = [4, 0, 5, 3, 1, 2];

        var ordered = SparseRows.FromTriplets(4, 4, rows, columns, values);
        var shuffled = SparseRows.FromTriplets(
            4,
            4,
            shuffle.Select(k => rows[k]).ToArray(),
            shuffle.Select(k => columns[k]).ToArray(),
            shuffle.Select(k => values[k]).ToArray());

        ordered.RowStarts.ToArray().Should().Equal([0, 3, 3, 5, 6]);
        ordered.Columns.ToArray().Should().Equal(columns);
        ordered.Values.ToArray().Should().Equal(values);
        shuffled.RowStarts.ToArray().Should().Equal(ordered.RowStarts.ToArray());
        shuffled.Columns.ToArray().Should().Equal(ordered.Columns.ToArray());
        shuffled.Values.ToArray().Should().Equal(ordered.Values.ToArray());
    }

    [Fact]
    public void Changing_the_input_arrays_afterwards_does_not_change_the_matrix()
    {
        int[] rows = [0, 1];
        int[] columns = [0, 1];
        double[] values = [1, 2];
        int[] unorderedRows = [1, 0];
        int[] unorderedColumns = [1, 0];
        double[] unorderedValues = [2, 1];
        var ordered = SparseRows.FromTriplets(2, 2, rows, columns, values);
        var unordered = SparseRows.FromTriplets(2, 2, unorderedRows, unorderedColumns, unorderedValues);

        columns[0] = 1;
        values[0] = 99;
        unorderedColumns[1] = 1;
        unorderedValues[1] = 99;

        foreach (var a in new[] { ordered, unordered })
        {
            a.Columns.ToArray().Should().Equal([0, 1]);
            a.Values.ToArray().Should().Equal([1.0, 2.0]);
        }
    }

    [Theory]
    [InlineData(2, 1, 2)]
    [InlineData(2, 2, 1)]
    [InlineData(1, 2, 2)]
    public void Triplet_spans_of_different_lengths_are_rejected(int rowLength, int columnLength, int valueLength)
    {
        var act = () => SparseRows.FromTriplets(2, 2, new int[rowLength], new int[columnLength], new double[valueLength]);
        act.Should().Throw<ArgumentException>().WithParameterName("values").WithMessage("Triplet spans must have the same length.*");
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(-1, 0)]
    [InlineData(0, 3)]
    [InlineData(0, -1)]
    public void A_triplet_outside_the_matrix_is_rejected(int row, int column)
    {
        // The bad triplet comes last, after an ordered prefix, and also first, before an ordered suffix.
        var last = () => SparseRows.FromTriplets(2, 3, [0, 1, row], [0, 2, column], [1, 1, 1]);
        last.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("rows").WithMessage("Triplet 2 (*) is outside a 2×3 matrix.*");
        var first = () => SparseRows.FromTriplets(2, 3, [row, 0, 1], [column, 0, 2], [1, 1, 1]);
        first.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Triplet 0 (*) is outside a 2×3 matrix.*");
    }

    [Fact]
    public void Negative_dimensions_are_rejected()
    {
        var rows = () => SparseRows.FromTriplets(-1, 2, [], [], []);
        rows.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("rowCount");
        var columns = () => SparseRows.FromTriplets(2, -1, [], [], []);
        columns.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("columnCount");
    }

    [Fact]
    public void Multiply_is_A_times_x()
    {
        // A = [[1, 0, 2], [0, 0, 0], [−1, 3, 0]], x = (2, 5, 7): (2 + 14, 0, −2 + 15) = (16, 0, 13).
        var a = SparseRows.FromTriplets(3, 3, [2, 0, 2, 0], [1, 2, 0, 0], [3, 2, -1, 1]);
        a.Multiply([2, 5, 7]).Should().Equal([16.0, 0.0, 13.0]);

        var act = () => a.Multiply([1, 2]);
        act.Should().Throw<ArgumentException>().WithParameterName("x").WithMessage("Expected 3 values, got 2.*");
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns()
    {
        // Of Unordered(): column 0 holds (row 0, 1), column 1 (row 2, −2), column 2 (row 0, 7), column 3 nothing.
        var t = Unordered().Transpose();
        t.RowCount.Should().Be(4);
        t.ColumnCount.Should().Be(3);
        t.NonzeroCount.Should().Be(3);
        t.RowStarts.ToArray().Should().Equal([0, 1, 2, 3, 3]);
        t.Columns.ToArray().Should().Equal([0, 2, 0]);
        t.Values.ToArray().Should().Equal([1.0, -2.0, 7.0]);
        t.Multiply([1, 10, 100]).Should().Equal([1.0, -200.0, 7.0, 0.0]);
    }

    [Fact]
    public void Transposing_twice_gives_the_matrix_back_with_ascending_columns()
    {
        var a = SparseRows.FromTriplets(2, 3, [1, 0, 1, 0], [2, 1, 0, 2], [4, 2, 3, 1]);
        var back = a.Transpose().Transpose();
        back.RowCount.Should().Be(2);
        back.ColumnCount.Should().Be(3);
        back.RowStarts.ToArray().Should().Equal([0, 2, 4]);
        back.Columns.ToArray().Should().Equal([1, 2, 0, 2]);
        back.Values.ToArray().Should().Equal([2.0, 1.0, 3.0, 4.0]);
    }

    [Fact]
    public void FromAppendOnlyTriplets_reads_only_the_first_count_entries()
    {
        // Arrays with room beyond the count; the entries there are ignored, ordered or not.
        int[] rows = [0, 1, 1, 0, 0];
        int[] columns = [1, 0, 2, 0, 0];
        double[] values = [5, 6, 7, 8, 9];

        var ordered = SparseRows.FromAppendOnlyTriplets(2, 3, rows, columns, values, 3);
        ordered.RowStarts.ToArray().Should().Equal([0, 1, 3]);
        ordered.Columns.ToArray().Should().Equal([1, 0, 2]);
        ordered.Values.ToArray().Should().Equal([5.0, 6.0, 7.0]);

        // Entries beyond the count may be appended afterwards without changing the matrix.
        columns[3] = 2;
        values[3] = 100;
        ordered.Columns.ToArray().Should().Equal([1, 0, 2]);
        ordered.Values.ToArray().Should().Equal([5.0, 6.0, 7.0]);
        ordered.Multiply([1, 1, 1]).Should().Equal([5.0, 13.0]);

        // Four entries out of order (row 0 after row 1): sorted, with the fifth still ignored.
        var unordered = SparseRows.FromAppendOnlyTriplets(2, 3, rows, columns, values, 4);
        unordered.RowStarts.ToArray().Should().Equal([0, 2, 4]);
        unordered.Columns.ToArray().Should().Equal([1, 2, 0, 2]);
        unordered.Values.ToArray().Should().Equal([5.0, 100.0, 6.0, 7.0]);
    }
}

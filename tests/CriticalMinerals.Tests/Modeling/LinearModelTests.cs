using System.Globalization;
using CriticalMinerals.Modeling;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Modeling;

/// <summary>The solver-neutral model: indices, validation, names, copies and the matrix it hands to solvers.</summary>
public sealed class LinearModelTests
{
    // ---- Construction ----

    [Theory]
    [InlineData(-1, 0, 0, "variableCapacity")]
    [InlineData(0, -1, 0, "rowCapacity")]
    [InlineData(0, 0, -1, "termCapacity")]
    public void A_negative_capacity_is_rejected(int variables, int rows, int terms, string parameter)
    {
        var act = () => new LinearModel("m", variables, rows, terms);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameter);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_name_is_rejected(string blank)
    {
        var act = () => new LinearModel(blank);
        act.Should().Throw<ArgumentException>().WithParameterName("name");
    }

    [Fact]
    public void A_new_model_is_empty_and_minimises()
    {
        var m = new LinearModel("lithium");
        m.Name.Should().Be("lithium");
        m.VariableCount.Should().Be(0);
        m.RowCount.Should().Be(0);
        m.TermCount.Should().Be(0);
        m.IntegerVariableCount.Should().Be(0);
        m.IsMixedInteger.Should().BeFalse();
        m.Sense.Should().Be(ObjectiveSense.Minimize);
        m.ObjectiveOffset.Should().Be(0);
        m.GetRows().NonzeroCount.Should().Be(0);
    }

    [Fact]
    public void Zero_capacities_still_grow()
    {
        var m = new LinearModel("m", 0, 0, 0);
        m.AddVariable(0, 1).Should().Be(0);
        m.AddVariable(0, 2).Should().Be(1);
        m.AddRow(0, 5).Should().Be(0);
        m.AddTerm(0, 1, 3);
        m.VariableUpperBounds.ToArray().Should().Equal([1.0, 2.0]);
        m.GetRows().RowColumns(0).ToArray().Should().Equal([1]);
        m.GetRows().RowValues(0).ToArray().Should().Equal([3.0]);
    }

    // ---- Variables and rows ----

    [Fact]
    public void AddVariable_and_AddRow_return_dense_indices_and_store_what_was_given()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1).Should().Be(0);
        m.AddVariable(double.NegativeInfinity, 4, objective: 2.5).Should().Be(1);
        m.AddVariable(-3, double.PositiveInfinity, objective: -1, isInteger: true).Should().Be(2);
        m.AddRow(1, 2).Should().Be(0);
        m.AddRow(double.NegativeInfinity, 7).Should().Be(1);

        m.VariableCount.Should().Be(3);
        m.RowCount.Should().Be(2);
        m.VariableLowerBounds.ToArray().Should().Equal([0.0, double.NegativeInfinity, -3.0]);
        m.VariableUpperBounds.ToArray().Should().Equal([1.0, 4.0, double.PositiveInfinity]);
        m.ObjectiveCoefficients.ToArray().Should().Equal([0.0, 2.5, -1.0]);
        m.IsInteger.ToArray().Should().Equal([false, false, true]);
        m.RowLowerBounds.ToArray().Should().Equal([1.0, double.NegativeInfinity]);
        m.RowUpperBounds.ToArray().Should().Equal([2.0, 7.0]);
    }

    [Theory]
    [InlineData(3.0, 3.0)]
    [InlineData(double.NegativeInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, -5.0)]
    [InlineData(5.0, double.PositiveInfinity)]
    public void Equal_and_infinite_bounds_in_the_right_direction_are_accepted(double lower, double upper)
    {
        var m = new LinearModel();
        m.AddVariable(lower, upper).Should().Be(0);
        m.AddRow(lower, upper).Should().Be(0);
        (m.VariableLowerBounds[0], m.VariableUpperBounds[0]).Should().Be((lower, upper));
        (m.RowLowerBounds[0], m.RowUpperBounds[0]).Should().Be((lower, upper));
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.NaN)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, double.NegativeInfinity)]
    public void Variable_bounds_that_are_not_numbers_or_point_the_wrong_way_name_the_variable(double lower, double upper)
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);

        var unnamed = () => m.AddVariable(lower, upper);
        unnamed.Should().Throw<ArgumentException>().WithMessage("Bounds of variable x1 are [*]: each must be a number*");
        var named = () => m.AddVariable(lower, upper, name: "flow");
        named.Should().Throw<ArgumentException>().WithMessage("Bounds of variable flow are [*]: each must be a number*");

        m.VariableCount.Should().Be(1);
        m.AddVariable(0, 1).Should().Be(1, "nothing was added by the failed calls");
    }

    [Fact]
    public void A_variable_lower_bound_above_its_upper_bound_is_rejected_with_both_bounds_in_the_message()
    {
        var m = new LinearModel();
        var unnamed = () => m.AddVariable(5, 1);
        unnamed.Should().Throw<ArgumentException>()
            .WithMessage("Bounds of variable x0 are [5, 1]: the lower bound exceeds the upper bound.");
        var named = () => m.AddVariable(2.5, -1, name: "cobalt_DRC_2030");
        named.Should().Throw<ArgumentException>()
            .WithMessage("Bounds of variable cobalt_DRC_2030 are [2.5, -1]: the lower bound exceeds the upper bound.");
        m.VariableCount.Should().Be(0);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_objective_coefficient_is_rejected_and_adds_nothing(double value)
    {
        var m = new LinearModel();
        var act = () => m.AddVariable(0, 1, value);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("objective");
        m.VariableCount.Should().Be(0);
        m.IntegerVariableCount.Should().Be(0);
    }

    [Fact]
    public void A_rejected_integer_variable_is_not_counted()
    {
        var m = new LinearModel();
        var act = () => m.AddVariable(1, 0, isInteger: true);
        act.Should().Throw<ArgumentException>();
        m.IntegerVariableCount.Should().Be(0);
        m.IsMixedInteger.Should().BeFalse();
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.NaN)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, double.NegativeInfinity)]
    public void Row_bounds_that_are_not_numbers_or_point_the_wrong_way_name_the_row(double lower, double upper)
    {
        var m = new LinearModel();
        m.AddRow(0, 1);

        var unnamed = () => m.AddRow(lower, upper);
        unnamed.Should().Throw<ArgumentException>().WithMessage("Bounds of row r1 are [*]: each must be a number*");
        var named = () => m.AddRow(lower, upper, name: "demand");
        named.Should().Throw<ArgumentException>().WithMessage("Bounds of row demand are [*]: each must be a number*");

        m.RowCount.Should().Be(1);
        m.AddRow(0, 1).Should().Be(1, "nothing was added by the failed calls");
    }

    [Fact]
    public void A_row_lower_bound_above_its_upper_bound_is_rejected_with_both_bounds_in_the_message()
    {
        var m = new LinearModel();
        var unnamed = () => m.AddRow(4, 3);
        unnamed.Should().Throw<ArgumentException>()
            .WithMessage("Bounds of row r0 are [4, 3]: the lower bound exceeds the upper bound.");
        var named = () => m.AddRow(4, 3, "capacity");
        named.Should().Throw<ArgumentException>()
            .WithMessage("Bounds of row capacity are [4, 3]: the lower bound exceeds the upper bound.");
        m.RowCount.Should().Be(0);
    }

    // ---- Terms ----

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void AddTerm_with_a_row_outside_the_model_throws_and_adds_nothing(int badRow)
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddRow(0, 1);
        m.AddRow(0, 1);
        var act = () => m.AddTerm(badRow, 0, 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("row").WithMessage("Row index must be in [0, 2).*");
        m.TermCount.Should().Be(0);
        m.GetRows().NonzeroCount.Should().Be(0);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void AddTerm_with_a_variable_outside_the_model_throws_and_adds_nothing(int badVariable)
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddRow(0, 1);
        var act = () => m.AddTerm(0, badVariable, 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("variable").WithMessage("Variable index must be in [0, 1).*");
        m.TermCount.Should().Be(0);
        m.GetRows().NonzeroCount.Should().Be(0);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void AddTerm_with_a_non_finite_coefficient_names_the_variable_and_row_and_adds_nothing(double value)
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);
        m.AddRow(0, 1, "supply");
        m.AddRow(0, 1);
        m.AddTerm(0, 0, 2);

        var inNamedRow = () => m.AddTerm(0, 1, value);
        inNamedRow.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("coefficient")
            .WithMessage("Coefficient of x1 in supply must be finite.*");
        var inUnnamedRow = () => m.AddTerm(1, 0, value);
        inUnnamedRow.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Coefficient of x0 in r1 must be finite.*");

        m.TermCount.Should().Be(1);
        m.GetRows().RowColumns(0).ToArray().Should().Equal([0]);
        m.GetRows().RowColumns(1).ToArray().Should().BeEmpty();
    }

    [Fact]
    public void Duplicate_terms_are_summed_in_GetRows_but_counted_as_appended()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);
        m.AddRow(0, 1);
        m.AddTerm(0, 1, 2);
        m.AddTerm(0, 0, 1);
        m.AddTerm(0, 1, 3);

        m.TermCount.Should().Be(3);
        var rows = m.GetRows();
        rows.NonzeroCount.Should().Be(2);
        rows.RowColumns(0).ToArray().Should().Equal([0, 1]);
        rows.RowValues(0).ToArray().Should().Equal([1.0, 5.0]);
    }

    [Fact]
    public void Duplicate_terms_that_cancel_leave_no_entry()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);
        m.AddRow(0, 1);
        m.AddTerm(0, 0, 4);
        m.AddTerm(0, 1, 1);
        m.AddTerm(0, 0, -4);

        m.TermCount.Should().Be(3);
        m.GetRows().RowColumns(0).ToArray().Should().Equal([1]);
        m.GetRows().RowValues(0).ToArray().Should().Equal([1.0]);
    }

    [Fact]
    public void Zero_coefficients_are_kept_out()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddRow(0, 1);
        m.AddTerm(0, 0, 0.0);
        m.AddTerm(0, 0, -0.0);
        m.TermCount.Should().Be(0);
        m.GetRows().NonzeroCount.Should().Be(0);
    }

    [Fact]
    public void AddRow_with_terms_adds_the_row_and_its_terms_in_one_call()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);
        m.AddRow(0, 1);
        int row = m.AddRow(2, 8, [2, 0, 2], [1.5, -1, 0.5], "blend");

        row.Should().Be(1);
        m.RowName(1).Should().Be("blend");
        (m.RowLowerBounds[1], m.RowUpperBounds[1]).Should().Be((2.0, 8.0));
        m.TermCount.Should().Be(3);
        m.GetRows().RowColumns(1).ToArray().Should().Equal([0, 2]);
        m.GetRows().RowValues(1).ToArray().Should().Equal([-1.0, 2.0]);
    }

    [Fact]
    public void AddRow_with_terms_rejects_mismatched_lengths_and_adds_nothing()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);
        var act = () => m.AddRow(0, 1, [0, 1], [1.0]);
        act.Should().Throw<ArgumentException>().WithParameterName("coefficients").WithMessage("2 variables but 1 coefficients.*");
        m.RowCount.Should().Be(0);
        m.TermCount.Should().Be(0);
    }

    [Fact]
    public void AddRow_with_a_bad_term_names_it_and_leaves_no_half_added_row()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);

        var ghost = () => m.AddRow(0, 1, [0, 5], [1.0, 1.0], "cap");
        ghost.Should().Throw<ArgumentException>().WithParameterName("variables")
            .WithMessage("Term 1 of row cap: variable 5 (of 2) with coefficient 1;*");
        var negative = () => m.AddRow(0, 1, [-1], [1.0]);
        negative.Should().Throw<ArgumentException>().WithMessage("Term 0 of row r0: variable -1 (of 2)*");
        var nan = () => m.AddRow(0, 1, [0, 1], [1.0, double.NaN]);
        nan.Should().Throw<ArgumentException>().WithMessage("Term 1 of row r0: variable 1 (of 2) with coefficient NaN;*");

        m.RowCount.Should().Be(0);
        m.TermCount.Should().Be(0);
    }

    [Fact]
    public void AddRow_with_terms_and_bad_bounds_adds_neither_row_nor_terms()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        var act = () => m.AddRow(3, 2, [0], [1.0], "cap");
        act.Should().Throw<ArgumentException>().WithMessage("Bounds of row cap are [3, 2]*");
        m.RowCount.Should().Be(0);
        m.TermCount.Should().Be(0);
    }

    // ---- Names ----

    [Fact]
    public void Unnamed_variables_and_rows_get_default_names_and_report_none_given()
    {
        var m = new LinearModel();
        for (int j = 0; j < 4; j++)
        {
            m.AddVariable(0, 1);
        }

        for (int i = 0; i < 3; i++)
        {
            m.AddRow(0, 1);
        }

        m.VariableName(3).Should().Be("x3");
        m.RowName(2).Should().Be("r2");
        m.HasVariableName(3).Should().BeFalse();
        m.HasRowName(2).Should().BeFalse();
    }

    [Fact]
    public void Given_names_are_returned_and_reported()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1, name: "steel");
        m.AddVariable(0, 1);
        m.AddRow(0, 1, "balance");
        m.AddRow(0, 1);

        m.VariableName(0).Should().Be("steel");
        m.HasVariableName(0).Should().BeTrue();
        m.VariableName(1).Should().Be("x1");
        m.HasVariableName(1).Should().BeFalse();
        m.RowName(0).Should().Be("balance");
        m.HasRowName(0).Should().BeTrue();
        m.RowName(1).Should().Be("r1");
        m.HasRowName(1).Should().BeFalse();
    }

    [Fact]
    public void Name_lookups_outside_the_model_throw()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddRow(0, 1);
        ((Action)(() => m.VariableName(1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("variable");
        ((Action)(() => m.HasVariableName(-1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("variable");
        ((Action)(() => m.RowName(1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("row");
        ((Action)(() => m.HasRowName(-1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("row");
    }

    /// <summary>
    /// 40 variables and 40 rows from a capacity of 1 or 2 (so the arrays grow to 16, 32, 64), naming every fifth one
    /// from <paramref name="firstNamed"/> on: entries added before the first name, between names, and after later growth
    /// all keep the right name.
    /// </summary>
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 5)]
    [InlineData(2, 17)]
    [InlineData(1, 32)]
    [InlineData(2, 39)]
    public void Naming_only_some_entries_across_growth_keeps_every_name(int capacity, int firstNamed)
    {
        const int count = 40;
        var m = new LinearModel("m", capacity, capacity, capacity);
        for (int k = 0; k < count; k++)
        {
            bool named = IsNamed(k, firstNamed);
            m.AddVariable(0, k, name: named ? "v" + k.ToString(CultureInfo.InvariantCulture) : null).Should().Be(k);
            m.AddRow(0, k, named ? "c" + k.ToString(CultureInfo.InvariantCulture) : null).Should().Be(k);
        }

        for (int k = 0; k < count; k++)
        {
            string suffix = k.ToString(CultureInfo.InvariantCulture);
            bool named = IsNamed(k, firstNamed);
            m.HasVariableName(k).Should().Be(named, "variable {0}", k);
            m.HasRowName(k).Should().Be(named, "row {0}", k);
            m.VariableName(k).Should().Be((named ? "v" : "x") + suffix);
            m.RowName(k).Should().Be((named ? "c" : "r") + suffix);
            m.VariableUpperBounds[k].Should().Be(k);
            m.RowUpperBounds[k].Should().Be(k);
        }
    }

    private static bool IsNamed(int k, int firstNamed) => k >= firstNamed && (k - firstNamed) % 5 == 0;

    // ---- Changing a built model ----

    [Fact]
    public void SetInteger_keeps_the_integer_count_exact()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1, isInteger: true);
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);
        m.IntegerVariableCount.Should().Be(1);
        m.IsMixedInteger.Should().BeTrue();

        m.SetInteger(1, true);
        m.SetInteger(1, true);
        m.IntegerVariableCount.Should().Be(2, "setting the same variable twice counts it once");

        m.SetInteger(0, false);
        m.SetInteger(0, false);
        m.IntegerVariableCount.Should().Be(1);
        m.IsInteger.ToArray().Should().Equal([false, true, false]);

        m.SetInteger(1, false);
        m.IntegerVariableCount.Should().Be(0);
        m.IsMixedInteger.Should().BeFalse();

        var outside = () => m.SetInteger(3, true);
        outside.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("variable");
        m.IntegerVariableCount.Should().Be(0);
    }

    [Fact]
    public void SetVariableBounds_changes_bounds_and_rejects_bad_ones_naming_the_variable()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddVariable(0, 1, name: "cap");

        m.SetVariableBounds(0, -2, 6);
        (m.VariableLowerBounds[0], m.VariableUpperBounds[0]).Should().Be((-2.0, 6.0));

        var reversed = () => m.SetVariableBounds(1, 3, 1);
        reversed.Should().Throw<ArgumentException>()
            .WithMessage("Bounds of variable cap are [3, 1]: the lower bound exceeds the upper bound.");
        var nan = () => m.SetVariableBounds(0, double.NaN, 1);
        nan.Should().Throw<ArgumentException>().WithMessage("Bounds of variable x0 are [NaN, 1]: each must be a number*");
        var outside = () => m.SetVariableBounds(2, 0, 1);
        outside.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("variable");

        m.VariableLowerBounds.ToArray().Should().Equal([-2.0, 0.0]);
        m.VariableUpperBounds.ToArray().Should().Equal([6.0, 1.0]);
    }

    [Fact]
    public void SetRowBounds_changes_bounds_and_rejects_bad_ones_naming_the_row()
    {
        var m = new LinearModel();
        m.AddRow(0, 1, "demand");
        m.AddRow(0, 1);

        m.SetRowBounds(1, double.NegativeInfinity, 9);
        (m.RowLowerBounds[1], m.RowUpperBounds[1]).Should().Be((double.NegativeInfinity, 9.0));

        var reversed = () => m.SetRowBounds(0, 2, 1);
        reversed.Should().Throw<ArgumentException>()
            .WithMessage("Bounds of row demand are [2, 1]: the lower bound exceeds the upper bound.");
        var infinite = () => m.SetRowBounds(1, 0, double.NegativeInfinity);
        infinite.Should().Throw<ArgumentException>().WithMessage("Bounds of row r1 are [0, *]: each must be a number*");
        var outside = () => m.SetRowBounds(-1, 0, 1);
        outside.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("row");

        m.RowLowerBounds.ToArray().Should().Equal([0.0, double.NegativeInfinity]);
        m.RowUpperBounds.ToArray().Should().Equal([1.0, 9.0]);
    }

    [Fact]
    public void SetObjectiveCoefficient_changes_the_coefficient_and_rejects_non_finite_ones()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1, objective: 1);
        m.AddVariable(0, 1, objective: 2);

        m.SetObjectiveCoefficient(1, -7.5);
        m.ObjectiveCoefficients.ToArray().Should().Equal([1.0, -7.5]);

        var nan = () => m.SetObjectiveCoefficient(0, double.NaN);
        nan.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("coefficient");
        var infinite = () => m.SetObjectiveCoefficient(0, double.PositiveInfinity);
        infinite.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("coefficient");
        var outside = () => m.SetObjectiveCoefficient(2, 1);
        outside.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("variable");

        m.ObjectiveCoefficients.ToArray().Should().Equal([1.0, -7.5]);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_objective_offset_is_rejected_and_the_old_one_kept(double offset)
    {
        var m = new LinearModel { ObjectiveOffset = 4 };
        var act = () => m.ObjectiveOffset = offset;
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("ObjectiveOffset");
        m.ObjectiveOffset.Should().Be(4);
    }

    // ---- Evaluation ----

    [Fact]
    public void EvaluateObjective_is_c_dot_x_plus_the_offset()
    {
        var m = new LinearModel { ObjectiveOffset = 10 };
        m.AddVariable(0, 10, objective: 2);
        m.AddVariable(0, 10, objective: -1);
        m.AddVariable(0, 10, objective: 0.5);

        // 2·1 − 1·4 + 0.5·6 + 10 = 11
        m.EvaluateObjective([1, 4, 6]).Should().Be(11);
        m.EvaluateObjective([0, 0, 0]).Should().Be(10);

        var act = () => m.EvaluateObjective([1, 4]);
        act.Should().Throw<ArgumentException>().WithParameterName("values").WithMessage("Expected 3 values, got 2.*");
    }

    [Fact]
    public void ComputeRowActivities_is_A_times_x()
    {
        var m = new LinearModel();
        for (int j = 0; j < 3; j++)
        {
            m.AddVariable(0, 10);
        }

        // Row 0: x0 + 2·x1; row 1: 3·x1 − x2; row 2: no terms.
        m.AddRow(0, 100);
        m.AddRow(0, 100);
        m.AddRow(0, 100);
        m.AddTerm(1, 2, -1);
        m.AddTerm(0, 1, 2);
        m.AddTerm(1, 1, 3);
        m.AddTerm(0, 0, 1);

        // At (1, 4, 6): 1 + 8 = 9; 12 − 6 = 6; 0.
        m.ComputeRowActivities([1, 4, 6]).Should().Equal([9.0, 6.0, 0.0]);

        var act = () => m.ComputeRowActivities([1, 4, 6, 8]);
        act.Should().Throw<ArgumentException>().WithParameterName("values").WithMessage("Expected 3 values, got 4.*");
    }

    // ---- GetRows ----

    [Fact]
    public void GetRows_is_cached_until_the_next_term()
    {
        var m = new LinearModel();
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);
        m.AddRow(0, 1);
        m.AddRow(0, 1);
        m.AddTerm(0, 0, 1);
        m.AddTerm(1, 1, 2);

        var first = m.GetRows();
        m.GetRows().Should().BeSameAs(first);

        m.AddTerm(1, 0, 5);
        var second = m.GetRows();
        second.Should().NotBeSameAs(first);
        second.RowColumns(1).ToArray().Should().Equal([0, 1]);
        second.RowValues(1).ToArray().Should().Equal([5.0, 2.0]);
        m.GetRows().Should().BeSameAs(second);
    }

    [Fact]
    public void A_matrix_taken_earlier_does_not_change_when_terms_are_appended_later()
    {
        var m = new LinearModel("m", 3, 2, 2);
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);
        m.AddVariable(0, 1);
        m.AddRow(0, 1);
        m.AddRow(0, 1);
        m.AddTerm(0, 0, 1);
        m.AddTerm(0, 2, 3);       // CSR order: the matrix may share the term arrays
        var before = m.GetRows();

        m.AddTerm(1, 1, 4);       // grows the term arrays
        m.AddTerm(0, 1, 9);       // out of CSR order: the general path
        var after = m.GetRows();

        before.NonzeroCount.Should().Be(2);
        before.RowStarts.ToArray().Should().Equal([0, 2, 2]);
        before.Columns.ToArray().Should().Equal([0, 2]);
        before.Values.ToArray().Should().Equal([1.0, 3.0]);

        after.RowStarts.ToArray().Should().Equal([0, 3, 4]);
        after.Columns.ToArray().Should().Equal([0, 1, 2, 1]);
        after.Values.ToArray().Should().Equal([1.0, 9.0, 3.0, 4.0]);
    }

    [Fact]
    public void Terms_appended_in_CSR_order_and_shuffled_give_the_same_matrix()
    {
        int[] rows = [0, 0, 0, 2, 2, 3];
        int[] columns = [0, 2, 3, 1, 3, 0];
        double[] values = [1, -2, 3, 4, -5, 6];
        int[] shuffle = [5, 2, 3, 0, 4, 1];

        var ordered = Build(rows, columns, values, Enumerable.Range(0, 6));
        var shuffled = Build(rows, columns, values, shuffle);

        var a = ordered.GetRows();
        var b = shuffled.GetRows();
        a.RowStarts.ToArray().Should().Equal([0, 3, 3, 5, 6]);
        a.Columns.ToArray().Should().Equal([0, 2, 3, 1, 3, 0]);
        a.Values.ToArray().Should().Equal([1.0, -2.0, 3.0, 4.0, -5.0, 6.0]);
        b.RowStarts.ToArray().Should().Equal(a.RowStarts.ToArray());
        b.Columns.ToArray().Should().Equal(a.Columns.ToArray());
        b.Values.ToArray().Should().Equal(a.Values.ToArray());

        static LinearModel Build(int[] rows, int[] columns, double[] values, IEnumerable<int> order)
        {
            var m = new LinearModel("m", 4, 4, 1);
            for (int j = 0; j < 4; j++)
            {
                m.AddVariable(0, 1);
                m.AddRow(0, 1);
            }

            foreach (int k in order)
            {
                m.AddTerm(rows[k], columns[k], values[k]);
            }

            return m;
        }
    }

    // ---- Clone ----

    [Fact]
    public void Clone_copies_everything()
    {
        var m = NamedModel();
        var copy = m.Clone();

        copy.Should().NotBeSameAs(m);
        copy.Name.Should().Be("tin");
        copy.Sense.Should().Be(ObjectiveSense.Maximize);
        copy.ObjectiveOffset.Should().Be(2.5);
        copy.VariableCount.Should().Be(3);
        copy.RowCount.Should().Be(2);
        copy.TermCount.Should().Be(4);
        copy.IntegerVariableCount.Should().Be(1);
        copy.IsInteger.ToArray().Should().Equal([false, true, false]);
        copy.VariableLowerBounds.ToArray().Should().Equal([0.0, 0.0, -1.0]);
        copy.VariableUpperBounds.ToArray().Should().Equal([5.0, 3.0, 1.0]);
        copy.ObjectiveCoefficients.ToArray().Should().Equal([1.0, 2.0, 3.0]);
        copy.RowLowerBounds.ToArray().Should().Equal([0.0, 1.0]);
        copy.RowUpperBounds.ToArray().Should().Equal([4.0, 1.0]);
        Enumerable.Range(0, 3).Select(copy.VariableName).Should().Equal("mine", "x1", "refine");
        Enumerable.Range(0, 3).Select(copy.HasVariableName).Should().Equal(true, false, true);
        Enumerable.Range(0, 2).Select(copy.RowName).Should().Equal("r0", "ore");
        Enumerable.Range(0, 2).Select(copy.HasRowName).Should().Equal(false, true);
        var rows = copy.GetRows();
        rows.RowStarts.ToArray().Should().Equal([0, 2, 3]);
        rows.Columns.ToArray().Should().Equal([0, 2, 1]);
        rows.Values.ToArray().Should().Equal([1.0, 5.0, -1.0]);
    }

    [Fact]
    public void Changing_a_clone_leaves_the_original_alone()
    {
        var m = NamedModel();
        var originalRows = m.GetRows();
        var copy = m.Clone();

        copy.SetVariableBounds(0, 1, 2);
        copy.SetObjectiveCoefficient(1, -9);
        copy.SetInteger(1, false);
        copy.SetInteger(2, true);
        copy.SetRowBounds(1, -3, 3);
        copy.AddTerm(1, 0, 7);
        copy.AddTerm(0, 1, 8);
        copy.AddVariable(0, 1, name: "extra");
        copy.AddRow(0, 1, "extraRow");
        copy.Sense = ObjectiveSense.Minimize;
        copy.ObjectiveOffset = -1;

        m.Sense.Should().Be(ObjectiveSense.Maximize);
        m.ObjectiveOffset.Should().Be(2.5);
        m.VariableCount.Should().Be(3);
        m.RowCount.Should().Be(2);
        m.TermCount.Should().Be(4);
        m.IntegerVariableCount.Should().Be(1);
        m.IsInteger.ToArray().Should().Equal([false, true, false]);
        m.VariableLowerBounds.ToArray().Should().Equal([0.0, 0.0, -1.0]);
        m.VariableUpperBounds.ToArray().Should().Equal([5.0, 3.0, 1.0]);
        m.ObjectiveCoefficients.ToArray().Should().Equal([1.0, 2.0, 3.0]);
        m.RowLowerBounds.ToArray().Should().Equal([0.0, 1.0]);
        m.RowUpperBounds.ToArray().Should().Equal([4.0, 1.0]);
        m.GetRows().Should().BeSameAs(originalRows);
        originalRows.RowStarts.ToArray().Should().Equal([0, 2, 3]);
        originalRows.Columns.ToArray().Should().Equal([0, 2, 1]);
        originalRows.Values.ToArray().Should().Equal([1.0, 5.0, -1.0]);

        // The next unnamed entries of the original stay unnamed although the clone named its entries at those indices.
        m.AddVariable(0, 1).Should().Be(3);
        m.AddRow(0, 1).Should().Be(2);
        m.HasVariableName(3).Should().BeFalse();
        m.VariableName(3).Should().Be("x3");
        m.HasRowName(2).Should().BeFalse();
        m.RowName(2).Should().Be("r2");
        copy.VariableName(3).Should().Be("extra");
        copy.RowName(2).Should().Be("extraRow");

        // And the clone's own matrix has the added terms.
        var copyRows = copy.GetRows();
        copyRows.RowStarts.ToArray().Should().Equal([0, 3, 5, 5]);
        copyRows.Columns.ToArray().Should().Equal([0, 1, 2, 0, 1]);
        copyRows.Values.ToArray().Should().Equal([1.0, 8.0, 5.0, 7.0, -1.0]);
    }

    [Fact]
    public void Changing_the_original_leaves_a_clone_alone()
    {
        var m = NamedModel();
        var copy = m.Clone();
        m.SetVariableBounds(2, -5, 5);
        m.AddTerm(1, 2, 4);
        m.AddVariable(0, 1);
        m.AddRow(0, 1, "late");

        copy.VariableLowerBounds.ToArray().Should().Equal([0.0, 0.0, -1.0]);
        copy.VariableCount.Should().Be(3);
        copy.RowCount.Should().Be(2);
        copy.TermCount.Should().Be(4);
        copy.GetRows().RowColumns(1).ToArray().Should().Equal([1]);
        copy.AddRow(0, 1).Should().Be(2);
        copy.RowName(2).Should().Be("r2");
    }

    [Fact]
    public void A_clone_of_a_model_without_names_has_none_and_can_name_new_entries()
    {
        var m = new LinearModel("anon", 1, 1, 1);
        m.AddVariable(0, 1);
        m.AddVariable(0, 2);
        m.AddRow(0, 1);
        m.AddTerm(0, 1, 3);

        var copy = m.Clone();
        copy.HasVariableName(0).Should().BeFalse();
        copy.HasVariableName(1).Should().BeFalse();
        copy.HasRowName(0).Should().BeFalse();
        copy.VariableName(1).Should().Be("x1");
        copy.RowName(0).Should().Be("r0");

        copy.AddVariable(0, 1, name: "named").Should().Be(2);
        copy.AddRow(0, 1, "namedRow").Should().Be(1);
        copy.VariableName(2).Should().Be("named");
        copy.RowName(1).Should().Be("namedRow");
        copy.VariableName(0).Should().Be("x0");

        m.AddVariable(0, 1).Should().Be(2);
        m.HasVariableName(2).Should().BeFalse();
        m.VariableName(2).Should().Be("x2");
    }

    [Fact]
    public void A_clone_of_an_empty_model_is_empty_and_usable()
    {
        var copy = new LinearModel("empty").Clone();
        copy.Name.Should().Be("empty");
        copy.VariableCount.Should().Be(0);
        copy.RowCount.Should().Be(0);
        copy.TermCount.Should().Be(0);
        copy.AddVariable(0, 1, name: "a").Should().Be(0);
        copy.AddRow(0, 1).Should().Be(0);
        copy.AddTerm(0, 0, 2);
        copy.ComputeRowActivities([3]).Should().Equal([6.0]);
        copy.VariableName(0).Should().Be("a");
    }

    [Fact]
    public void A_clone_of_a_named_model_grows_with_its_names()
    {
        var m = new LinearModel("m", 1, 1, 1);
        m.AddVariable(0, 1, name: "first");
        m.AddRow(0, 1, "firstRow");
        var copy = m.Clone();
        for (int k = 1; k < 20; k++)
        {
            copy.AddVariable(0, 1, name: k % 2 == 0 ? "v" + k.ToString(CultureInfo.InvariantCulture) : null);
            copy.AddRow(0, 1, k % 2 == 0 ? "c" + k.ToString(CultureInfo.InvariantCulture) : null);
        }

        copy.VariableName(0).Should().Be("first");
        copy.RowName(0).Should().Be("firstRow");
        copy.VariableName(18).Should().Be("v18");
        copy.VariableName(19).Should().Be("x19");
        copy.RowName(18).Should().Be("c18");
        copy.RowName(19).Should().Be("r19");
        m.VariableCount.Should().Be(1);
    }

    // ---- The matrix follows the model's shape (regression: it was cached until the next term only) ----

    [Fact]
    public void A_row_added_after_GetRows_appears_in_the_matrix_as_an_empty_row()
    {
        var m = new LinearModel();
        int x = m.AddVariable(0, 10);
        m.AddTerm(m.AddRow(double.NegativeInfinity, 8), x, 2);
        m.GetRows().RowCount.Should().Be(1);

        m.AddRow(0, 1);

        m.GetRows().RowCount.Should().Be(2);
        m.GetRows().RowColumns(1).ToArray().Should().BeEmpty();
        m.ComputeRowActivities([3]).Should().Equal(6, 0);
    }

    [Fact]
    public void A_variable_added_after_GetRows_widens_the_matrix()
    {
        var m = new LinearModel();
        int x = m.AddVariable(0, 10);
        m.AddTerm(m.AddRow(double.NegativeInfinity, 8), x, 2);
        m.ComputeRowActivities([3]).Should().Equal(6);

        m.AddVariable(0, 1);

        m.GetRows().ColumnCount.Should().Be(2);
        m.ComputeRowActivities([3, 4]).Should().Equal(6);
    }

    [Fact]
    public void A_model_solved_then_extended_by_a_variable_solves_again()
    {
        // max x0 with x0 ≤ 8: 8. A new variable x1 ∈ [0, 10] worth 1, in no row: 18.
        var m = new LinearModel { Sense = ObjectiveSense.Maximize };
        int x = m.AddVariable(0, 10, 1);
        m.AddTerm(m.AddRow(double.NegativeInfinity, 8), x, 1);
        SolverBackends.Clp.Solve(m).ObjectiveValue.Should().BeApproximately(8, 1e-9);

        m.AddVariable(0, 10, 1);

        var again = SolverBackends.Clp.Solve(m);
        again.Status.Should().Be(SolveStatus.Optimal, again.Message);
        again.ObjectiveValue.Should().BeApproximately(18, 1e-9);
    }

    [Fact]
    public void ToString_summarises_the_model()
    {
        var m = NamedModel();
        m.ToString().Should().Be("tin: 3 variables (1 integer), 2 rows, 4 terms, Maximize");
    }

    /// <summary>
    /// max x0 + 2·x1 + 3·x2 + 2.5 with x1 integer; row 0 (unnamed): 0 ≤ x0 + 2·x2 + 3·x2 ≤ 4 (x2 appended twice); row "ore": −x1 = 1.
    /// Variables "mine", unnamed, "refine". Four terms appended, the two on x2 summed to 5.
    /// </summary>
    private static LinearModel NamedModel()
    {
        var m = new LinearModel("tin") { Sense = ObjectiveSense.Maximize, ObjectiveOffset = 2.5 };
        m.AddVariable(0, 5, 1, name: "mine");
        m.AddVariable(0, 3, 2, isInteger: true);
        m.AddVariable(-1, 1, 3, name: "refine");
        m.AddRow(0, 4);
        m.AddRow(1, 1, "ore");
        m.AddTerm(0, 0, 1);
        m.AddTerm(0, 2, 2);
        m.AddTerm(0, 2, 3);
        m.AddTerm(1, 1, -1);
        return m;
    }
}

using System.Globalization;

namespace CriticalMinerals.Modeling;

/// <summary>A variable of a <see cref="LinearModel"/>, for writing rows and objectives as expressions.</summary>
/// <param name="Index">The variable's index in its model.</param>
public readonly record struct Variable(int Index)
{
    /// <summary>The expression <c>1·x</c>.</summary>
    public static implicit operator LinearExpression(Variable variable) => LinearExpression.Term(variable, 1);

    /// <summary><c>c·x</c>.</summary>
    public static LinearExpression operator *(double coefficient, Variable variable) => LinearExpression.Term(variable, coefficient);

    /// <summary><c>x·c</c>.</summary>
    public static LinearExpression operator *(Variable variable, double coefficient) => LinearExpression.Term(variable, coefficient);

    /// <summary><c>x + y</c>.</summary>
    public static LinearExpression operator +(Variable left, Variable right) => (LinearExpression)left + right;

    /// <summary><c>x − y</c>.</summary>
    public static LinearExpression operator -(Variable left, Variable right) => (LinearExpression)left - right;

    /// <summary><c>−x</c>.</summary>
    public static LinearExpression operator -(Variable variable) => LinearExpression.Term(variable, -1);

    /// <summary><c>x + c</c>.</summary>
    public static LinearExpression operator +(Variable variable, double constant) => (LinearExpression)variable + constant;

    /// <summary><c>x − c</c>.</summary>
    public static LinearExpression operator -(Variable variable, double constant) => (LinearExpression)variable - constant;

    /// <summary><c>x ≤ c</c>, as a row.</summary>
    public static BoundedExpression operator <=(Variable variable, double bound) => (LinearExpression)variable <= bound;

    /// <summary><c>x ≥ c</c>, as a row.</summary>
    public static BoundedExpression operator >=(Variable variable, double bound) => (LinearExpression)variable >= bound;

    /// <summary><c>c·x</c> (named alternative to <c>*</c>).</summary>
    public static LinearExpression Multiply(double coefficient, Variable variable) => coefficient * variable;

    /// <summary><c>x + y</c> (named alternative to <c>+</c>).</summary>
    public static LinearExpression Add(Variable left, Variable right) => left + right;

    /// <summary><c>x − y</c> (named alternative to <c>-</c>).</summary>
    public static LinearExpression Subtract(Variable left, Variable right) => left - right;

    /// <summary><c>−x</c> (named alternative to unary <c>-</c>).</summary>
    public static LinearExpression Negate(Variable variable) => -variable;

    /// <summary>The expression <c>1·x</c> (named alternative to the implicit conversion).</summary>
    public LinearExpression ToLinearExpression() => this;
}

/// <summary>
/// An immutable affine expression <c>Σ a_j·x_j + constant</c>, the convenient way to state rows and objectives in
/// samples and user extensions. Formulations on the hot path use <see cref="LinearModel.AddTerm"/> directly; long
/// sums should use <see cref="Sum(IEnumerable{LinearExpression})"/>, which is linear in the number of terms, rather
/// than a chain of <c>+</c>, which copies at every step.
/// </summary>
public sealed class LinearExpression
{
    private readonly int[] _variables;
    private readonly double[] _coefficients;

    private LinearExpression(int[] variables, double[] coefficients, double constant)
    {
        _variables = variables;
        _coefficients = coefficients;
        Constant = constant;
    }

    /// <summary>The zero expression.</summary>
    public static LinearExpression Zero { get; } = new([], [], 0);

    /// <summary>The constant part.</summary>
    public double Constant { get; }

    /// <summary>Number of terms (a variable may appear more than once; terms are summed when the row is added).</summary>
    public int TermCount => _variables.Length;

    /// <summary>The variables of the terms, in order.</summary>
    public ReadOnlySpan<int> Variables => _variables;

    /// <summary>The coefficients of the terms, in order.</summary>
    public ReadOnlySpan<double> Coefficients => _coefficients;

    /// <summary>A constant expression.</summary>
    public static implicit operator LinearExpression(double constant) => FromConstant(constant);

    /// <summary><c>a + b</c>.</summary>
    public static LinearExpression operator +(LinearExpression left, LinearExpression right) => Sum([left, right]);

    /// <summary><c>a − b</c>.</summary>
    public static LinearExpression operator -(LinearExpression left, LinearExpression right) => Sum([left, -right]);

    /// <summary><c>−a</c>.</summary>
    public static LinearExpression operator -(LinearExpression expression) => expression * -1;

    /// <summary><c>a·c</c>.</summary>
    public static LinearExpression operator *(LinearExpression expression, double factor)
    {
        ArgumentNullException.ThrowIfNull(expression);
        RequireFinite(factor);
        return new LinearExpression(expression._variables, expression._coefficients.Select(c => c * factor).ToArray(), expression.Constant * factor);
    }

    /// <summary><c>c·a</c>.</summary>
    public static LinearExpression operator *(double factor, LinearExpression expression) => expression * factor;

    /// <summary><c>a ≤ c</c>, as a row.</summary>
    public static BoundedExpression operator <=(LinearExpression expression, double bound) => Bounded(expression, double.NegativeInfinity, bound);

    /// <summary><c>a ≥ c</c>, as a row.</summary>
    public static BoundedExpression operator >=(LinearExpression expression, double bound) => Bounded(expression, bound, double.PositiveInfinity);

    /// <summary><c>a ≤ b</c>, as the row <c>a − b ≤ 0</c>.</summary>
    public static BoundedExpression operator <=(LinearExpression left, LinearExpression right) => (left - right) <= 0;

    /// <summary><c>a ≥ b</c>, as the row <c>a − b ≥ 0</c>.</summary>
    public static BoundedExpression operator >=(LinearExpression left, LinearExpression right) => (left - right) >= 0;

    /// <summary>A constant expression (named alternative to the implicit conversion).</summary>
    public static LinearExpression FromConstant(double constant)
    {
        RequireFinite(constant);
        return new LinearExpression([], [], constant);
    }

    /// <summary>The expression <c>c·x</c>.</summary>
    public static LinearExpression Term(Variable variable, double coefficient)
    {
        RequireFinite(coefficient);
        ArgumentOutOfRangeException.ThrowIfNegative(variable.Index, nameof(variable));
        return new LinearExpression([variable.Index], [coefficient], 0);
    }

    /// <summary>The sum of many expressions, in one pass.</summary>
    public static LinearExpression Sum(IEnumerable<LinearExpression> expressions)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        var variables = new List<int>();
        var coefficients = new List<double>();
        double constant = 0;
        foreach (var expression in expressions)
        {
            ArgumentNullException.ThrowIfNull(expression, nameof(expressions));
            variables.AddRange(expression._variables);
            coefficients.AddRange(expression._coefficients);
            constant += expression.Constant;
        }

        return new LinearExpression([.. variables], [.. coefficients], constant);
    }

    /// <summary><c>Σ c_k·x_k</c>.</summary>
    public static LinearExpression WeightedSum(IEnumerable<Variable> variables, IEnumerable<double> coefficients)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(coefficients);
        var indices = variables.Select(v => v.Index).ToArray();
        var values = coefficients.ToArray();
        if (indices.Length != values.Length)
        {
            throw new ArgumentException($"{indices.Length} variables but {values.Length} coefficients.", nameof(coefficients));
        }

        foreach (double value in values)
        {
            RequireFinite(value);
        }

        return new LinearExpression(indices, values, 0);
    }

    /// <summary><c>a = c</c>, as a row.</summary>
    public BoundedExpression EqualTo(double value) => Bounded(this, value, value);

    /// <summary><c>lower ≤ a ≤ upper</c>, as a ranged row.</summary>
    public BoundedExpression Between(double lower, double upper) => Bounded(this, lower, upper);

    /// <summary><c>a + b</c> (named alternative to <c>+</c>).</summary>
    public static LinearExpression Add(LinearExpression left, LinearExpression right) => left + right;

    /// <summary><c>a − b</c> (named alternative to <c>-</c>).</summary>
    public static LinearExpression Subtract(LinearExpression left, LinearExpression right) => left - right;

    /// <summary><c>−a</c> (named alternative to unary <c>-</c>).</summary>
    public static LinearExpression Negate(LinearExpression expression) => -expression;

    /// <summary><c>a·c</c> (named alternative to <c>*</c>).</summary>
    public static LinearExpression Multiply(LinearExpression expression, double factor) => expression * factor;

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = _variables.Select((v, k) => string.Create(CultureInfo.InvariantCulture, $"{_coefficients[k]:G6}·x{v}")).ToList();
        if (Constant != 0 || parts.Count == 0)
        {
            parts.Add(Constant.ToString("G6", CultureInfo.InvariantCulture));
        }

        return string.Join(" + ", parts);
    }

    private static BoundedExpression Bounded(LinearExpression expression, double lower, double upper)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new BoundedExpression(expression, lower, upper);
    }

    private static void RequireFinite(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Coefficients and constants of an expression must be finite.");
        }
    }
}

/// <summary>A row stated as <c>lower ≤ expression ≤ upper</c>; its constant moves into the bounds when it is added.</summary>
/// <param name="Expression">The expression.</param>
/// <param name="Lower">Lower bound, or <see cref="double.NegativeInfinity"/>.</param>
/// <param name="Upper">Upper bound, or <see cref="double.PositiveInfinity"/>.</param>
public sealed record BoundedExpression(LinearExpression Expression, double Lower, double Upper);

/// <summary>Writing a <see cref="LinearModel"/> with expressions.</summary>
public static class LinearModelExpressions
{
    /// <summary>Adds a variable and returns it as an expression operand.</summary>
    public static Variable NewVariable(this LinearModel model, double lowerBound, double upperBound, bool isInteger = false, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new Variable(model.AddVariable(lowerBound, upperBound, 0, isInteger, name));
    }

    /// <summary>Adds the row <c>lower − constant ≤ Σ a·x ≤ upper − constant</c> and returns its index.</summary>
    public static int AddConstraint(this LinearModel model, BoundedExpression constraint, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(constraint);
        var expression = constraint.Expression;
        return model.AddRow(constraint.Lower - expression.Constant, constraint.Upper - expression.Constant, expression.Variables, expression.Coefficients, name);
    }

    /// <summary>Replaces the objective: coefficients of the expression (summed per variable), its constant as the offset, and the sense.</summary>
    public static void SetObjective(this LinearModel model, LinearExpression objective, ObjectiveSense sense)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(objective);
        var coefficients = new double[model.VariableCount];
        var variables = objective.Variables;
        var values = objective.Coefficients;
        for (int k = 0; k < variables.Length; k++)
        {
            if ((uint)variables[k] >= (uint)coefficients.Length)
            {
                throw new ArgumentException($"The objective names variable {variables[k]}, but the model has {coefficients.Length}.", nameof(objective));
            }

            coefficients[variables[k]] += values[k];
        }

        for (int j = 0; j < coefficients.Length; j++)
        {
            model.SetObjectiveCoefficient(j, coefficients[j]);
        }

        model.ObjectiveOffset = objective.Constant;
        model.Sense = sense;
    }
}

using CriticalMinerals.Modeling;

namespace CriticalMinerals.Solving;

/// <summary>Checks an answer against the model it claims to solve, independently of any solver.</summary>
internal static class SolutionChecker
{
    /// <summary>Primal residuals of a point: rows, bounds, integrality.</summary>
    public static SolutionCheck CheckPrimal(LinearModel model, ReadOnlySpan<double> x, ReadOnlySpan<double> activities, double tolerance)
    {
        double rowViolation = 0;
        var rowLower = model.RowLowerBounds;
        var rowUpper = model.RowUpperBounds;
        for (int i = 0; i < model.RowCount; i++)
        {
            rowViolation = Math.Max(rowViolation, Violation(activities[i], rowLower[i], rowUpper[i]));
        }

        double boundViolation = 0;
        double integrality = 0;
        var lower = model.VariableLowerBounds;
        var upper = model.VariableUpperBounds;
        var isInteger = model.IsInteger;
        for (int j = 0; j < model.VariableCount; j++)
        {
            boundViolation = Math.Max(boundViolation, Violation(x[j], lower[j], upper[j]));
            if (isInteger[j])
            {
                integrality = Math.Max(integrality, Math.Abs(x[j] - Math.Round(x[j])));
            }
        }

        bool finite = true;
        foreach (double v in x)
        {
            finite &= double.IsFinite(v);
        }

        bool feasible = finite && rowViolation <= tolerance && boundViolation <= tolerance && integrality <= Math.Max(tolerance, 1e-6);
        return new SolutionCheck(rowViolation, boundViolation, integrality, null, null, feasible, null);
    }

    /// <summary>
    /// Reduced costs <c>d = c − Aᵀy</c> and the dual check of an LP: each multiplier has the sign its active
    /// bound allows (in the model's own sense) and the dual objective equals the primal one.
    /// </summary>
    public static (double[] ReducedCosts, double MaxDualViolation, double RelativeGap) CheckDual(
        LinearModel model, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var c = model.ObjectiveCoefficients;
        var reduced = c.ToArray();
        var rows = model.GetRows();
        for (int i = 0; i < rows.RowCount; i++)
        {
            if (y[i] == 0)
            {
                continue;
            }

            var columns = rows.RowColumns(i);
            var values = rows.RowValues(i);
            for (int p = 0; p < columns.Length; p++)
            {
                reduced[columns[p]] -= values[p] * y[i];
            }
        }

        // In minimisation form (sign s), a positive multiplier prices the lower bound, a negative one the upper.
        double s = model.Sense == ObjectiveSense.Minimize ? 1 : -1;
        double cNorm = 0;
        foreach (double cj in c)
        {
            cNorm = Math.Max(cNorm, Math.Abs(cj));
        }

        double zeroTolerance = 1e-9 * (1 + cNorm);
        double dualObjective = s * model.ObjectiveOffset;
        double violation = 0;
        void Price(double multiplier, double lowerBound, double upperBound)
        {
            if (Math.Abs(multiplier) <= zeroTolerance)
            {
                return;
            }

            double bound = multiplier > 0 ? lowerBound : upperBound;
            if (double.IsInfinity(bound))
            {
                violation = Math.Max(violation, Math.Abs(multiplier) / (1 + cNorm));
            }
            else
            {
                dualObjective += multiplier * bound;
            }
        }

        var rowLower = model.RowLowerBounds;
        var rowUpper = model.RowUpperBounds;
        for (int i = 0; i < model.RowCount; i++)
        {
            Price(s * y[i], rowLower[i], rowUpper[i]);
        }

        var lower = model.VariableLowerBounds;
        var upper = model.VariableUpperBounds;
        for (int j = 0; j < model.VariableCount; j++)
        {
            Price(s * reduced[j], lower[j], upper[j]);
        }

        double primal = s * model.EvaluateObjective(x);
        double gap = Math.Abs(primal - dualObjective) / (1 + Math.Abs(primal));
        return (reduced, violation, gap);
    }

    private static double Violation(double value, double lower, double upper)
    {
        if (double.IsNaN(value))
        {
            return double.PositiveInfinity;
        }

        if (value < lower)
        {
            return (lower - value) / (1 + Math.Abs(lower));
        }

        if (value > upper)
        {
            return (value - upper) / (1 + Math.Abs(upper));
        }

        return 0;
    }
}

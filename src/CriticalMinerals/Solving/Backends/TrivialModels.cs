using CriticalMinerals.Modeling;

namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// Models without rows or without variables, solved exactly by the library instead of a native solver: through
/// OR-Tools 9.15 CLP returns ABNORMAL on a model with no rows, and CLP crashes the process (SIGSEGV) and HiGHS
/// returns UNKNOWN on rows without variables. The answer goes through the same checks as a native one.
/// </summary>
internal static class TrivialModels
{
    /// <summary>Whether the model has no rows or no variables.</summary>
    public static bool IsTrivial(LinearModel model) => model.RowCount == 0 || model.VariableCount == 0;

    /// <summary>The exact answer of a trivial model (<see cref="IsTrivial"/>).</summary>
    public static RawResult Solve(LinearModel model)
    {
        // Rows without variables have activity 0: the model is feasible exactly when every row admits 0.
        var rowLower = model.RowLowerBounds;
        var rowUpper = model.RowUpperBounds;
        for (int i = 0; i < model.RowCount; i++)
        {
            if (rowLower[i] > 0 || rowUpper[i] < 0)
            {
                return new RawResult(RawStatus.Infeasible, null, null, null, $"row {model.RowName(i)} has no variables and excludes 0");
            }
        }

        // No rows: every variable goes to its best bound on its own.
        double sense = model.Sense == ObjectiveSense.Minimize ? 1 : -1;
        var lower = model.VariableLowerBounds;
        var upper = model.VariableUpperBounds;
        var costs = model.ObjectiveCoefficients;
        var integer = model.IsInteger;
        var x = new double[model.VariableCount];
        bool unbounded = false;
        for (int j = 0; j < x.Length; j++)
        {
            double l = integer[j] ? Math.Ceiling(lower[j]) : lower[j];
            double u = integer[j] ? Math.Floor(upper[j]) : upper[j];
            if (l > u)
            {
                return new RawResult(RawStatus.Infeasible, null, null, null, $"variable {model.VariableName(j)} has no {(integer[j] ? "integer " : string.Empty)}value within its bounds");
            }

            double c = sense * costs[j];
            double best = c > 0 ? l : c < 0 ? u : double.IsFinite(l) ? l : double.IsFinite(u) ? u : 0;
            if (double.IsInfinity(best))
            {
                unbounded = true;
                best = double.IsFinite(l) ? l : double.IsFinite(u) ? u : 0;
            }

            x[j] = best;
        }

        return unbounded
            ? new RawResult(RawStatus.Unbounded, null, null, null, "a variable with a cost has no bound on its improving side")
            : new RawResult(RawStatus.Optimal, x, new double[model.RowCount], model.IsMixedInteger ? model.EvaluateObjective(x) : null, string.Empty);
    }
}

using System.Globalization;
using CriticalMinerals.Modeling;

namespace CriticalMinerals.Solving.Backends;

/// <summary>Whether a model's data is exact for a solver over integers (<see cref="SolverCapabilities.IntegerDataOnly"/>).</summary>
internal static class IntegerData
{
    /// <summary>Activities up to 2^53 are exact in doubles and in CP-SAT's 64-bit arithmetic.</summary>
    private const double MaxActivity = 9007199254740992;

    /// <summary>Why the model's data is not exact over integers, naming the first variable or row at fault; <see langword="null"/> if it is.</summary>
    public static string? Refusal(LinearModel model, double maxMagnitude)
    {
        var lower = model.VariableLowerBounds;
        var upper = model.VariableUpperBounds;
        var costs = model.ObjectiveCoefficients;
        var reach = new double[model.VariableCount];
        double objectiveActivity = 0;
        for (int j = 0; j < model.VariableCount; j++)
        {
            double magnitude = Math.Max(Math.Abs(lower[j]), Math.Abs(upper[j]));
            if (!(magnitude <= maxMagnitude))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"variable {model.VariableName(j)} has bounds [{lower[j]:R}, {upper[j]:R}], beyond ±{maxMagnitude:G} (wider domains are truncated there)");
            }

            if (costs[j] != Math.Round(costs[j]))
            {
                return string.Create(CultureInfo.InvariantCulture, $"variable {model.VariableName(j)} has the fractional objective coefficient {costs[j]:R} (it would be rounded)");
            }

            reach[j] = magnitude;
            objectiveActivity += Math.Abs(costs[j]) * magnitude;
        }

        if (objectiveActivity > MaxActivity)
        {
            return "the objective's largest value exceeds 2^53";
        }

        var rows = model.GetRows();
        for (int i = 0; i < rows.RowCount; i++)
        {
            var columns = rows.RowColumns(i);
            var values = rows.RowValues(i);
            double activity = 0;
            for (int p = 0; p < columns.Length; p++)
            {
                if (values[p] != Math.Round(values[p]))
                {
                    return string.Create(CultureInfo.InvariantCulture,
                        $"row {model.RowName(i)} has the fractional coefficient {values[p]:R} on {model.VariableName(columns[p])} (it would be rounded)");
                }

                activity += Math.Abs(values[p]) * reach[columns[p]];
            }

            if (activity > MaxActivity)
            {
                return $"row {model.RowName(i)}'s largest activity exceeds 2^53";
            }
        }

        return null;
    }
}

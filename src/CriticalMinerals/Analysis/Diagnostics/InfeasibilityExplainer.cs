using System.Globalization;
using CriticalMinerals.Modeling;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Diagnostics;

/// <summary>
/// Explains an infeasible model by its cheapest relaxation. Every row of a <see cref="ConstraintGroup"/> gets a
/// non-negative slack on each finite side (one that lowers its lower bound, one that raises its upper bound), weighted
/// by the group's cost per unit; rows in no group, variable bounds and integrality stay hard. The elastic copy minimises
/// the total weighted slack, so its optimum is zero exactly when the model is feasible, and otherwise says which
/// groups must give way and by how much.
/// </summary>
public static class InfeasibilityExplainer
{
    /// <summary>Explains a model with the given constraint groups.</summary>
    /// <param name="model">The model; not changed.</param>
    /// <param name="groups">Rows that may be relaxed, grouped; names unique, each row in at most one group.</param>
    /// <param name="backend">Backend for the elastic program; <see cref="SolverBackends.Choose"/> when <see langword="null"/>.</param>
    /// <param name="options">Options of the elastic solve (duals are never computed). Its feasibility tolerance also decides
    /// which slacks count as a relaxation: more than <c>tol·(1 + |bound|)</c>.</param>
    /// <param name="cancellationToken">Stops the elastic solve.</param>
    /// <exception cref="ArgumentException">A group is malformed (unknown row, duplicate name, row in two groups, bad weight or template).</exception>
    public static InfeasibilityExplanation Explain(
        LinearModel model,
        IReadOnlyList<ConstraintGroup> groups,
        ISolverBackend? backend = null,
        SolveOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groups);
        options = (options ?? SolveOptions.Default) with { ComputeDuals = false };
        options.Validate();
        var groupOfRow = new int[model.RowCount];
        Array.Fill(groupOfRow, -1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g] ?? throw new ArgumentException($"Constraint group {g} is null.", nameof(groups));
            group.Validate(model.RowCount);
            if (!names.Add(group.Name))
            {
                throw new ArgumentException($"Two constraint groups are named '{group.Name}'.", nameof(groups));
            }

            foreach (int row in group.Rows)
            {
                if (groupOfRow[row] >= 0 && groupOfRow[row] != g)
                {
                    throw new ArgumentException($"Row {model.RowName(row)} is in groups '{groups[groupOfRow[row]].Name}' and '{group.Name}'; a row belongs to at most one group.", nameof(groups));
                }

                groupOfRow[row] = g;
            }
        }

        var (elastic, slacks) = BuildElastic(model, groups, groupOfRow);
        backend ??= SolverBackends.Choose(elastic);
        var solution = backend.Solve(elastic, options, cancellationToken);

        if (solution.Status == SolveStatus.Infeasible)
        {
            return new InfeasibilityExplanation(InfeasibilityVerdict.HardRowsConflict, double.NaN, [], groups.Count, solution.Backend, solution.Status,
                "The model is infeasible even with every constraint group relaxed: the rows outside the groups and the variable bounds conflict among themselves.");
        }

        if (solution.Status != SolveStatus.Optimal)
        {
            return new InfeasibilityExplanation(InfeasibilityVerdict.NotSolved, double.NaN, [], groups.Count, solution.Backend, solution.Status,
                $"The elastic program was not solved to optimality by {solution.Backend}: {solution.Status}. {solution.Message}".TrimEnd());
        }

        var rowLower = model.RowLowerBounds;
        var rowUpper = model.RowUpperBounds;
        var relaxedByGroup = new List<RowRelaxation>[groups.Count];
        foreach (var slack in slacks)
        {
            double amount = solution.Values[slack.Variable];
            double bound = slack.Side == BoundSide.Lower ? rowLower[slack.Row] : rowUpper[slack.Row];
            if (!(amount > options.FeasibilityTolerance * (1 + Math.Abs(bound))))
            {
                continue;
            }

            var group = groups[slack.Group];
            double needed = slack.Side == BoundSide.Lower ? bound - amount : bound + amount;
            string rowName = model.RowName(slack.Row);
            string op = slack.Side == BoundSide.Lower ? "≥" : "≤";
            string sentence = RelaxationText.Format(group.Description ?? RelaxationText.DefaultTemplate, group.Name, rowName, op, bound, needed, amount);
            (relaxedByGroup[slack.Group] ??= []).Add(new RowRelaxation(slack.Row, rowName, slack.Side, bound, needed, amount, sentence));
        }

        var relaxed = new List<GroupRelaxation>();
        for (int g = 0; g < groups.Count; g++)
        {
            if (relaxedByGroup[g] is not { } rows)
            {
                continue;
            }

            RowRelaxation[] ordered = [.. rows.OrderByDescending(r => r.Amount).ThenBy(r => r.Row)];
            double amount = ordered.Sum(r => r.Amount);
            relaxed.Add(new GroupRelaxation(groups[g].Name, groups[g].Weight, amount, groups[g].Weight * amount, ordered, string.Join("; ", ordered.Select(r => r.Sentence))));
        }

        GroupRelaxation[] result = [.. relaxed.OrderByDescending(g => g.WeightedAmount).ThenBy(g => g.Group, StringComparer.Ordinal)];
        if (result.Length == 0)
        {
            return new InfeasibilityExplanation(InfeasibilityVerdict.Feasible, 0, [], groups.Count, solution.Backend, solution.Status,
                "The model is feasible: no constraint group needs to be relaxed.");
        }

        double total = solution.ObjectiveValue ?? result.Sum(g => g.WeightedAmount);
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"The model is infeasible. The cheapest relaxation (total weighted relaxation {total:G6}) relaxes {result.Length} of {groups.Count} constraint group(s): ")
            + string.Join(" ", result.Select(g => string.Create(CultureInfo.InvariantCulture, $"[{g.Group}, by {g.Amount:G6}] {g.Sentence}.")));
        return new InfeasibilityExplanation(InfeasibilityVerdict.Explained, total, result, groups.Count, solution.Backend, solution.Status, summary);
    }

    /// <summary>Explains a model whose relaxable rows are grouped by a function of the row index (see <see cref="ConstraintGroup.FromRows"/>).</summary>
    /// <param name="model">The model; not changed.</param>
    /// <param name="groupOfRow">The group of a row, or <see langword="null"/> to keep it hard.</param>
    /// <param name="backend">Backend for the elastic program; automatic when <see langword="null"/>.</param>
    public static InfeasibilityExplanation Explain(LinearModel model, Func<int, string?> groupOfRow, ISolverBackend? backend = null) =>
        Explain(model, ConstraintGroup.FromRows(model, groupOfRow), backend);

    private readonly record struct Slack(int Row, int Group, BoundSide Side, int Variable);

    /// <summary>A copy of the model with a zero objective, plus weighted slacks on the grouped rows.</summary>
    private static (LinearModel Elastic, List<Slack> Slacks) BuildElastic(LinearModel model, IReadOnlyList<ConstraintGroup> groups, int[] groupOfRow)
    {
        var elastic = new LinearModel(model.Name + "_elastic", model.VariableCount + (2 * model.RowCount), model.RowCount, model.TermCount + (2 * model.RowCount))
        {
            Sense = ObjectiveSense.Minimize,
        };
        var lower = model.VariableLowerBounds;
        var upper = model.VariableUpperBounds;
        var isInteger = model.IsInteger;
        for (int j = 0; j < model.VariableCount; j++)
        {
            elastic.AddVariable(lower[j], upper[j], 0, isInteger[j], model.HasVariableName(j) ? model.VariableName(j) : null);
        }

        var rows = model.GetRows();
        var rowLower = model.RowLowerBounds;
        var rowUpper = model.RowUpperBounds;
        var slacks = new List<Slack>();
        for (int i = 0; i < model.RowCount; i++)
        {
            int row = elastic.AddRow(rowLower[i], rowUpper[i], rows.RowColumns(i), rows.RowValues(i), model.HasRowName(i) ? model.RowName(i) : null);
            int g = groupOfRow[i];
            if (g < 0)
            {
                continue;
            }

            double weight = groups[g].Weight;
            if (double.IsFinite(rowLower[i]))
            {
                // Adds to the activity, so the row can meet a lower bound it could not reach.
                int s = elastic.AddVariable(0, double.PositiveInfinity, weight, name: "relax_lower[" + model.RowName(i) + "]");
                elastic.AddTerm(row, s, 1);
                slacks.Add(new Slack(i, g, BoundSide.Lower, s));
            }

            if (double.IsFinite(rowUpper[i]))
            {
                int s = elastic.AddVariable(0, double.PositiveInfinity, weight, name: "relax_upper[" + model.RowName(i) + "]");
                elastic.AddTerm(row, s, -1);
                slacks.Add(new Slack(i, g, BoundSide.Upper, s));
            }
        }

        return (elastic, slacks);
    }
}

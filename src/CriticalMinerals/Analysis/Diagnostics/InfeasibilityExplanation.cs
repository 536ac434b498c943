using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Diagnostics;

/// <summary>What the elastic program found about a model.</summary>
public enum InfeasibilityVerdict
{
    /// <summary>The model is feasible: no group needs to be relaxed.</summary>
    Feasible,

    /// <summary>The model is infeasible, and relaxing the groups listed restores feasibility.</summary>
    Explained,

    /// <summary>The model is infeasible even with every group relaxed: the hard rows (in no group) and the variable bounds conflict among themselves.</summary>
    HardRowsConflict,

    /// <summary>The elastic program could not be solved (see <see cref="InfeasibilityExplanation.ElasticStatus"/> and the summary).</summary>
    NotSolved,
}

/// <summary>Which bound of a row has to move.</summary>
public enum BoundSide
{
    /// <summary>The lower bound (a ≥ row): the row's activity cannot reach it.</summary>
    Lower,

    /// <summary>The upper bound (a ≤ row): the row's activity must exceed it.</summary>
    Upper,
}

/// <summary>How far one row's bound has to move.</summary>
/// <param name="Row">Row index in the model.</param>
/// <param name="RowName">Row name.</param>
/// <param name="Side">The bound that moves.</param>
/// <param name="Bound">The bound in the model.</param>
/// <param name="Needed">The value the bound must be moved to: the row's activity in the least relaxed solution.</param>
/// <param name="Amount">|<paramref name="Needed"/> − <paramref name="Bound"/>|, in the row's own units.</param>
/// <param name="Sentence">The group's description filled in for this row, or the default <c>row NAME ≤ BOUND needs NEEDED</c>.</param>
public sealed record RowRelaxation(int Row, string RowName, BoundSide Side, double Bound, double Needed, double Amount, string Sentence);

/// <summary>How far one group of rows has to be relaxed.</summary>
/// <param name="Group">Group name.</param>
/// <param name="Weight">Cost per unit of relaxation of the group.</param>
/// <param name="Amount">Sum of the relaxations of its rows, in row units.</param>
/// <param name="WeightedAmount"><paramref name="Weight"/> × <paramref name="Amount"/>.</param>
/// <param name="Rows">The rows relaxed, largest relaxation first.</param>
/// <param name="Sentence">The rows' sentences joined with "; ".</param>
public sealed record GroupRelaxation(string Group, double Weight, double Amount, double WeightedAmount, IReadOnlyList<RowRelaxation> Rows, string Sentence);

/// <summary>
/// Why a model is infeasible, as the cheapest relaxation of its constraint groups: the elastic program minimises the
/// weighted sum of how far each grouped row's bounds move. That L1 objective favours relaxing few groups but does not
/// minimise their number; with equal costs the split between groups may be any of several optima.
/// </summary>
/// <param name="Verdict">Feasible, explained, hard rows in conflict, or not solved.</param>
/// <param name="TotalWeightedRelaxation">The elastic program's optimum: Σ weight × relaxation (0 when feasible; NaN when not solved or when the hard rows conflict).</param>
/// <param name="Groups">Groups that must be relaxed, largest weighted relaxation first; empty when feasible.</param>
/// <param name="GroupCount">Number of groups the caller allowed to relax.</param>
/// <param name="Backend">Backend that solved the elastic program.</param>
/// <param name="ElasticStatus">Status of the elastic solve.</param>
/// <param name="Summary">One paragraph for a person: the verdict and each group's sentence.</param>
public sealed record InfeasibilityExplanation(
    InfeasibilityVerdict Verdict,
    double TotalWeightedRelaxation,
    IReadOnlyList<GroupRelaxation> Groups,
    int GroupCount,
    string Backend,
    SolveStatus ElasticStatus,
    string Summary)
{
    /// <summary>Whether the model was found infeasible (explained or not).</summary>
    public bool IsInfeasible => Verdict is InfeasibilityVerdict.Explained or InfeasibilityVerdict.HardRowsConflict;

    /// <summary>The relaxation of a group, or <see langword="null"/> if the group need not be relaxed.</summary>
    /// <param name="group">Group name.</param>
    public GroupRelaxation? For(string group) => Groups.FirstOrDefault(g => string.Equals(g.Group, group, StringComparison.Ordinal));
}

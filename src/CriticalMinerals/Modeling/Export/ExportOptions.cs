namespace CriticalMinerals.Modeling.Export;

/// <summary>How a file states the objective offset (<see cref="LinearModel.ObjectiveOffset"/>).</summary>
public enum ObjectiveOffsetStyle
{
    /// <summary>
    /// The format's own way. MPS: the right-hand side of the objective row holds the <em>negated</em> offset
    /// (<c>RHS obj -5</c> for an offset of 5), the convention of CPLEX, Gurobi, HiGHS and this library's reader;
    /// GLPK 5.0 reads that entry with the opposite sign. LP: a trailing constant term of the objective, which CPLEX
    /// accepts and GLPK rejects.
    /// </summary>
    Native,

    /// <summary>
    /// An extra continuous variable <c>objective_offset</c> fixed at 1 whose objective coefficient is the offset.
    /// Every reader agrees on its meaning; reading the file back gives one more variable.
    /// </summary>
    FixedVariable,
}

/// <summary>How an MPS file states a maximisation.</summary>
public enum MpsObjectiveSenseStyle
{
    /// <summary>
    /// An <c>OBJSENSE</c> section holding <c>MAX</c>, as CPLEX, Gurobi, HiGHS, CLP and SCIP read it. GLPK 5.0 rejects the
    /// section (run it with <c>glpsol --max</c> on a file written with <see cref="NegatedMinimize"/> instead).
    /// </summary>
    ObjectiveSenseSection,

    /// <summary>
    /// No <c>OBJSENSE</c> section: a maximisation is written as the minimisation of the negated objective (coefficients
    /// and offset negated), which every reader understands; its optimal value is the negated maximum.
    /// </summary>
    NegatedMinimize,
}

/// <summary>Options of <see cref="MpsWriter"/>.</summary>
public sealed record MpsWriterOptions
{
    /// <summary>The defaults: <c>OBJSENSE</c> section and the offset as the negated RHS of the objective row.</summary>
    public static MpsWriterOptions Default { get; } = new();

    /// <summary>How a maximisation is written; <see cref="MpsObjectiveSenseStyle.ObjectiveSenseSection"/> by default.</summary>
    public MpsObjectiveSenseStyle SenseStyle { get; init; } = MpsObjectiveSenseStyle.ObjectiveSenseSection;

    /// <summary>How a nonzero objective offset is written; <see cref="ObjectiveOffsetStyle.Native"/> by default.</summary>
    public ObjectiveOffsetStyle OffsetStyle { get; init; } = ObjectiveOffsetStyle.Native;
}

/// <summary>Options of <see cref="LpWriter"/>.</summary>
public sealed record LpWriterOptions
{
    /// <summary>The defaults: the offset as a fixed variable, which every LP reader accepts.</summary>
    public static LpWriterOptions Default { get; } = new();

    /// <summary>How a nonzero objective offset is written; <see cref="ObjectiveOffsetStyle.FixedVariable"/> by default.</summary>
    public ObjectiveOffsetStyle OffsetStyle { get; init; } = ObjectiveOffsetStyle.FixedVariable;
}

namespace CriticalMinerals.Solving;

/// <summary>
/// What a backend returned for a <see cref="Modeling.LinearModel"/>, after the library normalised the status
/// and checked the answer against the model.
/// </summary>
public sealed record Solution
{
    /// <summary>The normalised outcome.</summary>
    public required SolveStatus Status { get; init; }

    /// <summary>Why the solve stopped early, if it did.</summary>
    public StopReason StopReason { get; init; }

    /// <summary>Name of the backend that solved the model.</summary>
    public required string Backend { get; init; }

    /// <summary>Objective value of <see cref="Values"/>, computed from the model; <see langword="null"/> without a solution.</summary>
    public double? ObjectiveValue { get; init; }

    /// <summary>Best proven bound on the optimum (MIP); <see langword="null"/> where the backend proves none.</summary>
    public double? BestBound { get; init; }

    /// <summary>Relative gap <c>|objective − bound| / max(1, |objective|)</c>; <see langword="null"/> where no bound is known.</summary>
    public double? RelativeGap =>
        ObjectiveValue is { } objective && BestBound is { } bound ? Math.Abs(objective - bound) / Math.Max(1, Math.Abs(objective)) : null;

    /// <summary>Variable values, in model order; empty without a solution.</summary>
    public IReadOnlyList<double> Values { get; init; } = [];

    /// <summary>Row activities <c>A·x</c>, computed from the model; empty without a solution.</summary>
    public IReadOnlyList<double> RowActivities { get; init; } = [];

    /// <summary>
    /// Row duals <c>∂objective/∂(row bound)</c> of an LP, checked for dual feasibility and a zero primal–dual gap;
    /// <see langword="null"/> when not asked for, not an LP, or no correct ones could be had.
    /// </summary>
    public IReadOnlyList<double>? Duals { get; init; }

    /// <summary>Reduced costs <c>c − Aᵀy</c>, alongside <see cref="Duals"/>.</summary>
    public IReadOnlyList<double>? ReducedCosts { get; init; }

    /// <summary>The backend whose duals are returned (this one, or GLOP/CLP when this one's are not correct).</summary>
    public string? DualsBackend { get; init; }

    /// <summary>The library's independent check of this answer against the model.</summary>
    public SolutionCheck? Check { get; init; }

    /// <summary>A human-readable explanation: the backend's message, or why the library changed its status.</summary>
    public string? Message { get; init; }

    /// <summary>Wall-clock time spent, including the library's checks and any re-solves.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Whether <see cref="Values"/> holds a feasible point.</summary>
    public bool HasSolution => Values.Count > 0 && Status is SolveStatus.Optimal or SolveStatus.StoppedWithSolution;

    /// <summary>The value of one variable.</summary>
    /// <exception cref="InvalidOperationException">There is no solution.</exception>
    public double Value(int variable) =>
        HasSolution ? Values[variable] : throw new InvalidOperationException($"No solution: {Status}. {Message}");

    /// <summary>The dual of one row.</summary>
    /// <exception cref="InvalidOperationException">No correct duals are available.</exception>
    public double Dual(int row) =>
        Duals is { } duals ? duals[row] : throw new InvalidOperationException($"No duals: {Message ?? Status.ToString()}");
}

/// <summary>
/// The library's independent check of a solution: residuals computed from the model, never taken from the solver.
/// </summary>
/// <param name="MaxRowViolation">Largest violation of a row bound, relative to <c>1 + |bound|</c>.</param>
/// <param name="MaxBoundViolation">Largest violation of a variable bound, relative to <c>1 + |bound|</c>.</param>
/// <param name="MaxIntegralityViolation">Largest distance of an integer variable from the nearest integer.</param>
/// <param name="MaxDualViolation">LP only, with duals: largest multiplier of the wrong sign or on an infinite bound, relative to <c>1 + ‖c‖∞</c>.</param>
/// <param name="RelativeDualityGap">LP only, with duals: <c>|primal − dual objective| / (1 + |primal|)</c>.</param>
/// <param name="PrimalFeasible">Whether the point is feasible within the tolerance.</param>
/// <param name="DualFeasible">Whether the duals are feasible and close the gap within the tolerance; <see langword="null"/> without duals.</param>
public sealed record SolutionCheck(
    double MaxRowViolation,
    double MaxBoundViolation,
    double MaxIntegralityViolation,
    double? MaxDualViolation,
    double? RelativeDualityGap,
    bool PrimalFeasible,
    bool? DualFeasible);

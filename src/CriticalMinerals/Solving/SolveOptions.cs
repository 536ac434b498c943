namespace CriticalMinerals.Solving;

/// <summary>Options for one solve. The defaults suit the library's models; every field is optional.</summary>
public sealed record SolveOptions
{
    /// <summary>The default options.</summary>
    public static SolveOptions Default { get; } = new();

    /// <summary>
    /// Wall-clock limit for the whole call, from the moment <c>Solve</c> is called: building the native model, the solve,
    /// and every check and re-solve the library makes (status diagnosis, borrowed duals, the MIP check) share it as one
    /// deadline; <see langword="null"/> for none. What the deadline cuts short is reported (see docs/guarantees.md).
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Relative MIP gap at which a mixed-integer solve may stop; <see langword="null"/> for the backend's default.</summary>
    public double? RelativeGap { get; init; }

    /// <summary>Threads a backend may use, where it can use more than one.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Whether to return row duals and reduced costs of an LP. A backend whose duals are wrong through OR-Tools
    /// (HiGHS, SCIP, PDLP) gets them from a GLOP or CLP re-solve instead, never its own.
    /// </summary>
    public bool ComputeDuals { get; init; } = true;

    /// <summary>Relative tolerance of the library's primal feasibility check: a violation may be at most <c>tol·(1 + |bound|)</c>.</summary>
    public double FeasibilityTolerance { get; init; } = 1e-6;

    /// <summary>Relative tolerance of the dual check (sign of multipliers and primal–dual gap) of an LP.</summary>
    public double OptimalityTolerance { get; init; } = 1e-6;

    /// <summary>Throws if an option is out of range; called by every backend before it solves.</summary>
    public void Validate()
    {
        if (TimeLimit is { } limit && limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeLimit), limit, "The time limit must be positive.");
        }

        if (RelativeGap is { } gap && (!double.IsFinite(gap) || gap < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeGap), gap, "The relative gap must be a finite number ≥ 0.");
        }

        if (Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "At least one thread.");
        }

        if (!(FeasibilityTolerance > 0 && FeasibilityTolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FeasibilityTolerance), FeasibilityTolerance, "Must be in (0, 1).");
        }

        if (!(OptimalityTolerance > 0 && OptimalityTolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(OptimalityTolerance), OptimalityTolerance, "Must be in (0, 1).");
        }
    }
}

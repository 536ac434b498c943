using System.Globalization;
using CriticalMinerals.Modeling;
using Google.OrTools.ModelBuilder;
using NativeStatus = Google.OrTools.ModelBuilder.SolveStatus;

namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// A backend through OR-Tools' ModelBuilder index path, the fastest way to hand a model to HiGHS, SCIP, PDLP
/// and CP-SAT. It solves cold every time.
/// </summary>
internal sealed class ModelBuilderBackend : OrToolsBackend
{
    private readonly string _solverName;
    private readonly Func<SolveOptions, LinearModel, string> _specificParameters;

    /// <param name="name">Display name.</param>
    /// <param name="solverName">ModelBuilder's solver name (<c>highs</c>, <c>scip</c>, <c>pdlp</c>, <c>sat</c>).</param>
    /// <param name="capabilities">What it does correctly.</param>
    /// <param name="specificParameters">Solver-specific parameter text for the options (gap, threads, silence).</param>
    public ModelBuilderBackend(string name, string solverName, SolverCapabilities capabilities, Func<SolveOptions, LinearModel, string> specificParameters)
        : base(name, capabilities)
    {
        _solverName = solverName;
        _specificParameters = specificParameters;
    }

    protected override bool ProbeAvailability()
    {
        using var solver = new ModelSolverHelper(_solverName);
        return solver.SolverIsSupported();
    }

    protected override RawResult SolveNative(LinearModel model, SolveOptions options, TimeSpan? timeLimit, bool wantDuals, CancellationToken cancellationToken)
    {
        using var builder = new ModelBuilderHelper();
        Build(model, builder);

        using var solver = new ModelSolverHelper(_solverName);
        solver.EnableOutput(false);
        string parameters = _specificParameters(options, model);
        if (parameters.Length > 0)
        {
            solver.SetSolverSpecificParameters(parameters);
        }

        if (timeLimit is { } limit)
        {
            solver.SetTimeLimitInSeconds(limit.TotalSeconds);
        }

        // An interrupt sent while the model was being built is lost when the native solve starts: look again.
        if (cancellationToken.IsCancellationRequested)
        {
            return new RawResult(RawStatus.NoSolution, null, null, null, "Cancelled while the model was being built.");
        }

        using (NativeInterrupt.WhenCancelled(() => solver.InterruptSolve(), cancellationToken))
        {
            solver.Solve(builder);
        }

        if (!solver.HasResponse())
        {
            return new RawResult(RawStatus.Failed, null, null, null, $"{Name} returned no response.");
        }

        NativeStatus status = solver.Status();
        string detail = solver.StatusString();
        string message = status == NativeStatus.OPTIMAL ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"ModelBuilder {_solverName} returned {status}{(string.IsNullOrEmpty(detail) ? string.Empty : ": " + detail)}");
        RawStatus normalised = status switch
        {
            NativeStatus.OPTIMAL => RawStatus.Optimal,
            NativeStatus.FEASIBLE => RawStatus.Feasible,
            NativeStatus.INFEASIBLE => RawStatus.Infeasible,
            NativeStatus.UNBOUNDED => RawStatus.Unbounded,
            NativeStatus.NOT_SOLVED or NativeStatus.UNKNOWN_STATUS or NativeStatus.CANCELLED_BY_USER => RawStatus.NoSolution,
            _ => RawStatus.Failed,
        };
        if (normalised is not (RawStatus.Optimal or RawStatus.Feasible) || !solver.HasSolution())
        {
            return new RawResult(normalised is RawStatus.Optimal or RawStatus.Feasible ? RawStatus.Failed : normalised, null, null, null, message);
        }

        var x = new double[model.VariableCount];
        for (int j = 0; j < x.Length; j++)
        {
            x[j] = solver.VariableValue(j);
        }

        double[]? duals = null;
        if (wantDuals && normalised == RawStatus.Optimal)
        {
            duals = new double[model.RowCount];
            for (int i = 0; i < duals.Length; i++)
            {
                duals[i] = solver.DualValue(i);
            }
        }

        double? bound = model.IsMixedInteger ? solver.BestObjectiveBound() : null;
        return new RawResult(normalised, x, duals, bound, message);
    }

    /// <summary>Copies the model through the index path: one native call per field, no expression objects.</summary>
    internal static void Build(LinearModel model, ModelBuilderHelper builder)
    {
        var lower = model.VariableLowerBounds;
        var upper = model.VariableUpperBounds;
        var costs = model.ObjectiveCoefficients;
        var integer = model.IsInteger;
        for (int j = 0; j < model.VariableCount; j++)
        {
            // A new variable or row starts at [-∞, +∞]: each native call saved counts on a million-variable build.
            int v = builder.AddVar();
            if (lower[j] != double.NegativeInfinity)
            {
                builder.SetVarLowerBound(v, lower[j]);
            }

            if (upper[j] != double.PositiveInfinity)
            {
                builder.SetVarUpperBound(v, upper[j]);
            }

            if (integer[j])
            {
                builder.SetVarIntegrality(v, true);
            }

            if (costs[j] != 0)
            {
                builder.SetVarObjectiveCoefficient(v, costs[j]);
            }
        }

        var rows = model.GetRows();
        var rowLower = model.RowLowerBounds;
        var rowUpper = model.RowUpperBounds;
        for (int i = 0; i < model.RowCount; i++)
        {
            int r = builder.AddLinearConstraint();
            if (rowLower[i] != double.NegativeInfinity)
            {
                builder.SetConstraintLowerBound(r, rowLower[i]);
            }

            if (rowUpper[i] != double.PositiveInfinity)
            {
                builder.SetConstraintUpperBound(r, rowUpper[i]);
            }

            var columns = rows.RowColumns(i);
            var values = rows.RowValues(i);
            for (int p = 0; p < columns.Length; p++)
            {
                builder.AddConstraintTerm(r, columns[p], values[p]);
            }
        }

        builder.SetMaximize(model.Sense == ObjectiveSense.Maximize);
        builder.SetObjectiveOffset(model.ObjectiveOffset);
    }
}

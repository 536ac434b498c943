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

    protected override RawResult SolveNative(LinearModel model, SolveOptions options, Deadline deadline, bool wantDuals, CancellationToken cancellationToken)
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

        // The limit counts from the call's start: building the model spent part of it.
        if (deadline.Expired)
        {
            return new RawResult(RawStatus.NoSolution, null, null, null, "The time limit ran out while the model was being built.");
        }

        if (deadline.ForNativeSolve() is { } limit)
        {
            solver.SetTimeLimitInSeconds(limit.TotalSeconds);
        }

        // An interrupt sent while the model was being built is lost when the native solve starts: look again.
        if (cancellationToken.IsCancellationRequested)
        {
            return new RawResult(RawStatus.NoSolution, null, null, null, "Cancelled while the model was being built.");
        }

        SignalGuard.BeforeSolve();
        using (NativeInterrupt.WhenCancelled(() => solver.InterruptSolve(), cancellationToken))
        {
            solver.Solve(builder);
        }

        SignalGuard.AfterSolve();

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
    /// <param name="model">The model to copy.</param>
    /// <param name="builder">An empty native model.</param>
    /// <param name="direct">Whether to call the native functions directly where they are proven to work
    /// (<see cref="ModelBuilderNative"/>); false goes through the public wrapper.</param>
    internal static void Build(LinearModel model, ModelBuilderHelper builder, bool direct = true)
    {
        if (direct && ModelBuilderNative.Available)
        {
            var calls = new DirectCalls(ModelBuilderNative.Handle(builder));
            Copy(model, ref calls);
            GC.KeepAlive(builder);
        }
        else
        {
            var calls = new WrapperCalls(builder);
            Copy(model, ref calls);
        }

        builder.SetMaximize(model.Sense == ObjectiveSense.Maximize);
        builder.SetObjectiveOffset(model.ObjectiveOffset);
    }

    // Generic over a struct so that each route is compiled on its own, with the calls inlined.
    private static void Copy<TCalls>(LinearModel model, ref TCalls calls)
        where TCalls : struct, IModelBuilderCalls
    {
        var lower = model.VariableLowerBounds;
        var upper = model.VariableUpperBounds;
        var costs = model.ObjectiveCoefficients;
        var integer = model.IsInteger;
        for (int j = 0; j < model.VariableCount; j++)
        {
            // A new variable or row starts at [-∞, +∞]: each native call saved counts on a million-variable build.
            int v = calls.AddVar();
            if (lower[j] != double.NegativeInfinity)
            {
                calls.SetVarLowerBound(v, lower[j]);
            }

            if (upper[j] != double.PositiveInfinity)
            {
                calls.SetVarUpperBound(v, upper[j]);
            }

            if (integer[j])
            {
                calls.SetVarIntegral(v);
            }

            if (costs[j] != 0)
            {
                calls.SetVarObjectiveCoefficient(v, costs[j]);
            }
        }

        var rows = model.GetRows();
        var rowLower = model.RowLowerBounds;
        var rowUpper = model.RowUpperBounds;
        for (int i = 0; i < model.RowCount; i++)
        {
            int r = calls.AddLinearConstraint();
            if (rowLower[i] != double.NegativeInfinity)
            {
                calls.SetConstraintLowerBound(r, rowLower[i]);
            }

            if (rowUpper[i] != double.PositiveInfinity)
            {
                calls.SetConstraintUpperBound(r, rowUpper[i]);
            }

            var columns = rows.RowColumns(i);
            var values = rows.RowValues(i);
            for (int p = 0; p < columns.Length; p++)
            {
                calls.AddConstraintTerm(r, columns[p], values[p]);
            }
        }
    }

    private interface IModelBuilderCalls
    {
        int AddVar();

        void SetVarLowerBound(int variable, double value);

        void SetVarUpperBound(int variable, double value);

        void SetVarIntegral(int variable);

        void SetVarObjectiveCoefficient(int variable, double value);

        int AddLinearConstraint();

        void SetConstraintLowerBound(int row, double value);

        void SetConstraintUpperBound(int row, double value);

        void AddConstraintTerm(int row, int variable, double coefficient);
    }

    private readonly struct WrapperCalls(ModelBuilderHelper builder) : IModelBuilderCalls
    {
        public int AddVar() => builder.AddVar();

        public void SetVarLowerBound(int variable, double value) => builder.SetVarLowerBound(variable, value);

        public void SetVarUpperBound(int variable, double value) => builder.SetVarUpperBound(variable, value);

        public void SetVarIntegral(int variable) => builder.SetVarIntegrality(variable, true);

        public void SetVarObjectiveCoefficient(int variable, double value) => builder.SetVarObjectiveCoefficient(variable, value);

        public int AddLinearConstraint() => builder.AddLinearConstraint();

        public void SetConstraintLowerBound(int row, double value) => builder.SetConstraintLowerBound(row, value);

        public void SetConstraintUpperBound(int row, double value) => builder.SetConstraintUpperBound(row, value);

        public void AddConstraintTerm(int row, int variable, double coefficient) => builder.AddConstraintTerm(row, variable, coefficient);
    }

    private readonly struct DirectCalls(IntPtr model) : IModelBuilderCalls
    {
        public int AddVar() => ModelBuilderNative.AddVar(model);

        public void SetVarLowerBound(int variable, double value) => ModelBuilderNative.SetVarLowerBound(model, variable, value);

        public void SetVarUpperBound(int variable, double value) => ModelBuilderNative.SetVarUpperBound(model, variable, value);

        public void SetVarIntegral(int variable) => ModelBuilderNative.SetVarIntegrality(model, variable, true);

        public void SetVarObjectiveCoefficient(int variable, double value) => ModelBuilderNative.SetVarObjectiveCoefficient(model, variable, value);

        public int AddLinearConstraint() => ModelBuilderNative.AddLinearConstraint(model);

        public void SetConstraintLowerBound(int row, double value) => ModelBuilderNative.SetConstraintLowerBound(model, row, value);

        public void SetConstraintUpperBound(int row, double value) => ModelBuilderNative.SetConstraintUpperBound(model, row, value);

        public void AddConstraintTerm(int row, int variable, double coefficient) => ModelBuilderNative.AddConstraintTerm(model, row, variable, coefficient);
    }
}

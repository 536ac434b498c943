using CriticalMinerals.Modeling;
using Google.OrTools.LinearSolver;

namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// A backend through OR-Tools' stateful MPSolver: the only route to CLP and CBC, and the one whose GLOP and
/// CLP duals are correct.
/// </summary>
internal sealed class MpSolverBackend : OrToolsBackend
{
    private readonly string _solverId;
    private readonly string? _specificParameters;

    public MpSolverBackend(string name, string solverId, SolverCapabilities capabilities, string? specificParameters = null)
        : base(name, capabilities)
    {
        _solverId = solverId;
        _specificParameters = specificParameters;
    }

    protected override bool ProbeAvailability()
    {
        using var solver = Solver.CreateSolver(_solverId);
        return solver is not null;
    }

    protected override RawResult SolveNative(LinearModel model, SolveOptions options, TimeSpan? timeLimit, bool wantDuals, CancellationToken cancellationToken)
    {
        using var solver = Solver.CreateSolver(_solverId)
            ?? throw new InvalidOperationException($"OR-Tools has no {_solverId} solver in this process.");
        solver.SuppressOutput();
        if (_specificParameters is not null && !solver.SetSolverSpecificParametersAsString(_specificParameters))
        {
            return new RawResult(RawStatus.Failed, null, null, null, $"{Name} rejected its parameters '{_specificParameters}'.");
        }

        int n = model.VariableCount;
        var variables = new Variable[n];
        var lower = model.VariableLowerBounds;
        var upper = model.VariableUpperBounds;
        var integer = model.IsInteger;
        for (int j = 0; j < n; j++)
        {
            variables[j] = solver.MakeVar(lower[j], upper[j], integer[j], string.Empty);
        }

        var objective = solver.Objective();
        var costs = model.ObjectiveCoefficients;
        for (int j = 0; j < n; j++)
        {
            if (costs[j] != 0)
            {
                objective.SetCoefficient(variables[j], costs[j]);
            }
        }

        objective.SetOffset(model.ObjectiveOffset);
        objective.SetOptimizationDirection(model.Sense == ObjectiveSense.Maximize);

        var rows = model.GetRows();
        var rowLower = model.RowLowerBounds;
        var rowUpper = model.RowUpperBounds;
        var constraints = new Constraint[model.RowCount];
        for (int i = 0; i < model.RowCount; i++)
        {
            var constraint = solver.MakeConstraint(rowLower[i], rowUpper[i], string.Empty);
            var columns = rows.RowColumns(i);
            var values = rows.RowValues(i);
            for (int p = 0; p < columns.Length; p++)
            {
                constraint.SetCoefficient(variables[columns[p]], values[p]);
            }

            constraints[i] = constraint;
        }

        if (timeLimit is { } limit)
        {
            solver.SetTimeLimit(Math.Max(1, (long)limit.TotalMilliseconds));
        }

        if (options.Threads > 1 && Capabilities.MultiThreaded)
        {
            solver.SetNumThreads(options.Threads);
        }

        using var parameters = new MPSolverParameters();
        if (options.RelativeGap is { } gap && model.IsMixedInteger)
        {
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, gap);
        }

        // An interrupt sent while the model was being built is lost when the native solve starts: look again.
        if (cancellationToken.IsCancellationRequested)
        {
            return new RawResult(RawStatus.NoSolution, null, null, null, "Cancelled while the model was being built.");
        }

        Solver.ResultStatus status;

        // Dispose the registration before the solver: Dispose waits for a running callback, so the callback
        // never touches a disposed native object.
        using (cancellationToken.Register(() => solver.InterruptSolve()))
        {
            status = solver.Solve(parameters);
        }

        RawStatus normalised = status switch
        {
            Solver.ResultStatus.OPTIMAL => RawStatus.Optimal,
            Solver.ResultStatus.FEASIBLE => RawStatus.Feasible,
            Solver.ResultStatus.INFEASIBLE => RawStatus.Infeasible,
            Solver.ResultStatus.UNBOUNDED => RawStatus.Unbounded,
            Solver.ResultStatus.NOT_SOLVED => RawStatus.NoSolution,
            _ => RawStatus.Failed,
        };
        string message = normalised == RawStatus.Optimal ? string.Empty : $"MPSolver {_solverId} returned {status}";
        if (normalised is not (RawStatus.Optimal or RawStatus.Feasible))
        {
            return new RawResult(normalised, null, null, null, message);
        }

        var x = new double[n];
        for (int j = 0; j < n; j++)
        {
            x[j] = variables[j].SolutionValue();
        }

        double[]? duals = null;
        if (wantDuals && normalised == RawStatus.Optimal)
        {
            duals = new double[constraints.Length];
            for (int i = 0; i < constraints.Length; i++)
            {
                duals[i] = constraints[i].DualValue();
            }
        }

        double? bound = model.IsMixedInteger ? objective.BestBound() : null;
        return new RawResult(normalised, x, duals, bound, message);
    }
}

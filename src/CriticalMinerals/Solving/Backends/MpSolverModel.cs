using CriticalMinerals.Modeling;
using Google.OrTools.LinearSolver;
using Variable = Google.OrTools.LinearSolver.Variable;

namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// A <see cref="LinearModel"/> copied into an MPSolver, with its variables and rows kept by index so a session can
/// change them in place and a solve can read them back.
/// </summary>
internal abstract class MpSolverModel
{
    /// <summary>Copies <paramref name="model"/> into <paramref name="solver"/>, directly where <see cref="MpSolverNative"/> is proven.</summary>
    public static MpSolverModel Copy(Solver solver, LinearModel model, bool direct = true) =>
        direct && MpSolverNative.Available
            ? new Copied<IntPtr, IntPtr, DirectCalls>(new DirectCalls(solver), model)
            : new Copied<Variable, Constraint, WrapperCalls>(new WrapperCalls(solver), model);

    public abstract void SetVariableBounds(int variable, double lower, double upper);

    public abstract void SetRowBounds(int row, double lower, double upper);

    public abstract void SetObjectiveCoefficient(int variable, double coefficient);

    public abstract double[] ReadValues();

    public abstract double[] ReadDuals();

    /// <summary>The calls on one route, with its own handle types for a variable and a row.</summary>
    private interface ICalls<TVariable, TRow>
    {
        TVariable MakeVariable(double lower, double upper, bool integer);

        TRow MakeRow(double lower, double upper);

        void SetCoefficient(TRow row, TVariable variable, double coefficient);

        void SetObjectiveCoefficient(TVariable variable, double coefficient);

        void SetVariableBounds(TVariable variable, double lower, double upper);

        void SetRowBounds(TRow row, double lower, double upper);

        double Value(TVariable variable);

        double Dual(TRow row);
    }

    // Generic over a struct so that each route is compiled on its own, with the calls inlined.
    private sealed class Copied<TVariable, TRow, TCalls> : MpSolverModel
        where TCalls : struct, ICalls<TVariable, TRow>
    {
        private readonly TCalls _calls;
        private readonly TVariable[] _variables;
        private readonly TRow[] _rows;

        public Copied(TCalls calls, LinearModel model)
        {
            _calls = calls;
            var lower = model.VariableLowerBounds;
            var upper = model.VariableUpperBounds;
            var integer = model.IsInteger;
            var costs = model.ObjectiveCoefficients;
            _variables = new TVariable[model.VariableCount];
            for (int j = 0; j < _variables.Length; j++)
            {
                _variables[j] = calls.MakeVariable(lower[j], upper[j], integer[j]);
                if (costs[j] != 0)
                {
                    calls.SetObjectiveCoefficient(_variables[j], costs[j]);
                }
            }

            var rows = model.GetRows();
            var rowLower = model.RowLowerBounds;
            var rowUpper = model.RowUpperBounds;
            _rows = new TRow[model.RowCount];
            for (int i = 0; i < _rows.Length; i++)
            {
                TRow row = calls.MakeRow(rowLower[i], rowUpper[i]);
                var columns = rows.RowColumns(i);
                var values = rows.RowValues(i);
                for (int p = 0; p < columns.Length; p++)
                {
                    calls.SetCoefficient(row, _variables[columns[p]], values[p]);
                }

                _rows[i] = row;
            }
        }

        public override void SetVariableBounds(int variable, double lower, double upper) => _calls.SetVariableBounds(_variables[variable], lower, upper);

        public override void SetRowBounds(int row, double lower, double upper) => _calls.SetRowBounds(_rows[row], lower, upper);

        public override void SetObjectiveCoefficient(int variable, double coefficient) => _calls.SetObjectiveCoefficient(_variables[variable], coefficient);

        public override double[] ReadValues()
        {
            var values = new double[_variables.Length];
            for (int j = 0; j < values.Length; j++)
            {
                values[j] = _calls.Value(_variables[j]);
            }

            return values;
        }

        public override double[] ReadDuals()
        {
            var duals = new double[_rows.Length];
            for (int i = 0; i < duals.Length; i++)
            {
                duals[i] = _calls.Dual(_rows[i]);
            }

            return duals;
        }
    }

    private readonly struct WrapperCalls(Solver solver) : ICalls<Variable, Constraint>
    {
        private readonly Objective _objective = solver.Objective();

        public Variable MakeVariable(double lower, double upper, bool integer) => solver.MakeVar(lower, upper, integer, string.Empty);

        public Constraint MakeRow(double lower, double upper) => solver.MakeConstraint(lower, upper, string.Empty);

        public void SetCoefficient(Constraint row, Variable variable, double coefficient) => row.SetCoefficient(variable, coefficient);

        public void SetObjectiveCoefficient(Variable variable, double coefficient) => _objective.SetCoefficient(variable, coefficient);

        public void SetVariableBounds(Variable variable, double lower, double upper) => variable.SetBounds(lower, upper);

        public void SetRowBounds(Constraint row, double lower, double upper) => row.SetBounds(lower, upper);

        public double Value(Variable variable) => variable.SolutionValue();

        public double Dual(Constraint row) => row.DualValue();
    }

    /// <summary>
    /// Raw pointers into the solver, valid while it lives: the wrapper is held here so it is never collected while
    /// they are used, and its owner disposes it only after this model's last use.
    /// </summary>
    private readonly struct DirectCalls(Solver solver) : ICalls<IntPtr, IntPtr>
    {
        private readonly Solver _solver = solver;
        private readonly IntPtr _handle = MpSolverNative.Handle(solver);
        private readonly IntPtr _objective = MpSolverNative.Handle(solver.Objective());

        public IntPtr MakeVariable(double lower, double upper, bool integer) => MpSolverNative.MakeVar(_handle, lower, upper, integer);

        public IntPtr MakeRow(double lower, double upper) => MpSolverNative.MakeConstraint(_handle, lower, upper);

        public void SetCoefficient(IntPtr row, IntPtr variable, double coefficient) => MpSolverNative.SetCoefficient(row, variable, coefficient);

        public void SetObjectiveCoefficient(IntPtr variable, double coefficient) => MpSolverNative.SetObjectiveCoefficient(_objective, variable, coefficient);

        public void SetVariableBounds(IntPtr variable, double lower, double upper) => MpSolverNative.SetVariableBounds(variable, lower, upper);

        public void SetRowBounds(IntPtr row, double lower, double upper) => MpSolverNative.SetConstraintBounds(row, lower, upper);

        public double Value(IntPtr variable) => MpSolverNative.SolutionValue(variable);

        public double Dual(IntPtr row) => MpSolverNative.DualValue(row);
    }
}

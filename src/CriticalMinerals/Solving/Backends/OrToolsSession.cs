using CriticalMinerals.Modeling;

namespace CriticalMinerals.Solving.Backends;

/// <summary>A session on an OR-Tools backend: warm through a kept native instance where the backend allows, else cold.</summary>
internal sealed class OrToolsSession : ISolverSession
{
    private readonly OrToolsBackend _backend;
    private INativeInstance? _warm;
    private bool _disposed;

    public OrToolsSession(OrToolsBackend backend, LinearModel model, INativeInstance? warm)
    {
        _backend = backend;
        Model = model;
        _warm = warm;
    }

    public ISolverBackend Backend => _backend;

    public LinearModel Model { get; }

    public bool IsWarm => _warm is not null;

    public void SetVariableBounds(int variable, double lowerBound, double upperBound)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Model.SetVariableBounds(variable, lowerBound, upperBound);
        _warm?.SetVariableBounds(variable, lowerBound, upperBound);
    }

    public void SetRowBounds(int row, double lowerBound, double upperBound)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Model.SetRowBounds(row, lowerBound, upperBound);
        _warm?.SetRowBounds(row, lowerBound, upperBound);
    }

    public void SetObjectiveCoefficient(int variable, double coefficient)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Model.SetObjectiveCoefficient(variable, coefficient);
        _warm?.SetObjectiveCoefficient(variable, coefficient);
    }

    public Solution Solve(SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_warm is not { } warm)
        {
            return _backend.Solve(Model, options, cancellationToken);
        }

        var solution = _backend.Run(Model, options, (o, duals, token) => warm.Solve(Model, o, o.TimeLimit, duals, token), cancellationToken);
        if (solution.Status == SolveStatus.Error)
        {
            // A native instance that failed may hold a broken state: later solves start cold from a fresh one.
            warm.Dispose();
            _warm = null;
        }

        return solution;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _warm?.Dispose();
            _warm = null;
        }
    }
}

using CriticalMinerals.Modeling;

namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// A session on an OR-Tools backend: warm through a kept native instance where the backend allows, else cold.
/// One caller at a time: a call that overlaps another (a solve or a change on another thread) throws
/// <see cref="InvalidOperationException"/> instead of reaching the native solver, which would crash the process.
/// Dispose during a solve is deferred to that solve's end.
/// </summary>
internal sealed class OrToolsSession : ISolverSession
{
    private readonly OrToolsBackend _backend;
    private readonly Lock _gate = new();
    private INativeInstance? _warm;
    private bool _disposed;
    private bool _busy;

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
        Exclusive(() =>
        {
            Model.SetVariableBounds(variable, lowerBound, upperBound);
            _warm?.SetVariableBounds(variable, lowerBound, upperBound);
        });
    }

    public void SetRowBounds(int row, double lowerBound, double upperBound)
    {
        Exclusive(() =>
        {
            Model.SetRowBounds(row, lowerBound, upperBound);
            _warm?.SetRowBounds(row, lowerBound, upperBound);
        });
    }

    public void SetObjectiveCoefficient(int variable, double coefficient)
    {
        Exclusive(() =>
        {
            Model.SetObjectiveCoefficient(variable, coefficient);
            _warm?.SetObjectiveCoefficient(variable, coefficient);
        });
    }

    public Solution Solve(SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            if (_warm is not { } warm)
            {
                return _backend.Solve(Model, options, cancellationToken);
            }

            bool abandoned = false;
            var solution = _backend.Run(Model, options, (o, deadline, duals, token) =>
                DetachedSolve.Run(_backend.Name, _backend.Capabilities.Interruptible, deadline, () => warm.Solve(Model, o, deadline, duals, token), warm.Dispose, out abandoned, token), cancellationToken);
            if (abandoned)
            {
                // The native instance is still solving on its own thread, which frees it when done: later solves start cold.
                _warm = null;
            }
            else if (solution.Status == SolveStatus.Error)
            {
                // A native instance that failed may hold a broken state: later solves start cold from a fresh one.
                warm.Dispose();
                _warm = null;
            }

            return solution;
        }
        finally
        {
            Exit();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_busy)
            {
                // The running call frees the native solver when it returns.
                return;
            }
        }

        ReleaseNative();
    }

    private void Exclusive(Action change)
    {
        Enter();
        try
        {
            change();
        }
        finally
        {
            Exit();
        }
    }

    private void Enter()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_busy)
            {
                throw new InvalidOperationException("This solver session is in use by another call: a session serves one caller at a time (create one session per thread).");
            }

            _busy = true;
        }
    }

    private void Exit()
    {
        bool release;
        lock (_gate)
        {
            _busy = false;
            release = _disposed;
        }

        if (release)
        {
            ReleaseNative();
        }
    }

    private void ReleaseNative()
    {
        _warm?.Dispose();
        _warm = null;
    }
}

namespace CriticalMinerals.Modeling.Deposits;

/// <summary>
/// Second-stage LP sessions kept between runs of a grid. Runs of one supply variant differ only in their demand rows' bounds
/// (and the budget), so the second stage of the next run re-solves the previous run's optimal basis with the dual simplex
/// instead of solving the cost LP and then switching objectives. A session is reused only for an instance that has the same
/// variables, objectives and row coefficients as the one it holds (checked, not assumed); at most <c>capacity</c> are kept.
/// </summary>
internal sealed class DepositSessionPool : IDisposable
{
    private readonly int _capacity;
    private readonly List<DepositSolver.Relaxation> _idle = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <param name="capacity">Sessions kept (one per parallel run is enough); older ones are disposed.</param>
    public DepositSessionPool(int capacity) => _capacity = Math.Max(1, capacity);

    /// <summary>Second stages that started warm from a kept session.</summary>
    public int Reused { get; private set; }

    /// <summary>An idle session rebound to <paramref name="built"/>'s row bounds, or <see langword="null"/> when none fits.</summary>
    internal DepositSolver.Relaxation? Take(DepositModel built)
    {
        lock (_gate)
        {
            // The most recent first: the likeliest to hold the same supply variant.
            for (int k = _idle.Count - 1; k >= 0; k--)
            {
                if (_idle[k].TryRebind(built))
                {
                    var session = _idle[k];
                    _idle.RemoveAt(k);
                    Reused++;
                    return session;
                }
            }

            return null;
        }
    }

    /// <summary>Keeps a session for a later run; the oldest beyond the capacity is disposed.</summary>
    internal void Return(DepositSolver.Relaxation session)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                session.Dispose();
                return;
            }

            _idle.Add(session);
            while (_idle.Count > _capacity)
            {
                _idle[0].Dispose();
                _idle.RemoveAt(0);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var session in _idle)
            {
                session.Dispose();
            }

            _idle.Clear();
        }
    }
}

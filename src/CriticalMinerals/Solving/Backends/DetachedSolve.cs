using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// Runs a native solve on a thread of its own whenever the call can be cancelled or has a time limit, so that the call
/// returns on a cancellation even where OR-Tools 9.15 cannot interrupt the solver (CLP, CBC, HiGHS, PDLP), and at its
/// deadline even where the solver overruns its own limit (CBC, SCIP building a large model).
/// </summary>
/// <remarks>
/// Why not time slices: measured on a 1000×1000 transportation LP, CLP overshoots a 0.5 s slice by 0.7 s, its first
/// slice with presolve on ran 3.5 s and kept no basis, and slicing with presolve off cost 11 % (0.5 s slices) to 52 %
/// (0.2 s) of an uncancelled solve; a MIP restarted per slice loses its search tree. A detached solve costs one thread
/// start per solve and answers a cancellation within milliseconds. What it cannot do is stop the native solver: that
/// runs on in the background until it ends or reaches the call's time limit, then frees its memory; its result is dropped.
/// </remarks>
internal static class DetachedSolve
{
    /// <summary>How long an interrupted solve may take to return before it is left to itself (measured: GLOP, SCIP, CP-SAT and PDLP return within 0.1 s).</summary>
    public static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(0.5);

    /// <summary>How far a native solve may overrun the call's deadline before it is left to itself (measured: CBC ran 42 s under a 20 s limit, SCIP through MPSolver 7.8 s under 4 s).</summary>
    public static readonly TimeSpan OverrunGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs <paramref name="solve"/>; if <paramref name="cancellationToken"/> fires first (and, for an interruptible backend,
    /// the interrupt does not end the solve within <see cref="InterruptGrace"/>), or the solve overruns
    /// <paramref name="deadline"/> by <see cref="OverrunGrace"/>, returns without a solution and leaves the solve running,
    /// calling <paramref name="releaseAfterAbandon"/> on its thread once it ends. Without a token that can be cancelled
    /// and without a deadline, the solve runs on the caller's thread.
    /// </summary>
    /// <param name="backend">The backend's name, for the message.</param>
    /// <param name="interruptible">Whether the solve interrupts itself on the token.</param>
    /// <param name="deadline">The call's deadline.</param>
    /// <param name="solve">The native solve.</param>
    /// <param name="releaseAfterAbandon">Frees what the abandoned solve still uses (a session's native instance), or <see langword="null"/>.</param>
    /// <param name="abandoned">Whether the solve was left running.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public static RawResult Run(string backend, bool interruptible, Deadline deadline, Func<RawResult> solve, Action? releaseAfterAbandon, out bool abandoned, CancellationToken cancellationToken)
    {
        abandoned = false;
        if (!cancellationToken.CanBeCanceled && !deadline.IsLimited)
        {
            return solve();
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Cancelled($"Cancelled before the {backend} solve started.");
        }

        var work = new Work(solve, releaseAfterAbandon);
        string? reason = null;
        using (cancellationToken.Register(static state => ((Work)state!).Wake(), work))
        {
            Worker.Start(work);
            TimeSpan wait = deadline.Remaining is { } left ? left + OverrunGrace : Timeout.InfiniteTimeSpan;
            bool woken = work.Signal.Wait(wait, CancellationToken.None);
            if (!work.IsDone && cancellationToken.IsCancellationRequested)
            {
                // An interruptible backend is given a moment to return what it has (a MIP incumbent).
                if (!interruptible || !work.WaitDone(InterruptGrace))
                {
                    reason = interruptible
                        ? $"Cancelled. {backend} did not return within {InterruptGrace.TotalSeconds:0.#} s of its interrupt"
                        : $"Cancelled. {backend} cannot be interrupted";
                }
            }
            else if (!woken)
            {
                reason = $"The time limit ran out. {backend} overran it by {OverrunGrace.TotalSeconds:0.#} s";
            }
        }

        if (reason is not null && work.TryAbandon())
        {
            abandoned = true;
            return Cancelled(reason + ": its native solve was left to end in the background and its result is dropped.");
        }

        work.WaitDone(Timeout.InfiniteTimeSpan);
        work.Failure?.Throw();
        return work.Result!;
    }

    private static RawResult Cancelled(string message) => new(RawStatus.NoSolution, null, null, null, message);

    // The slim events and semaphore below never create a wait handle (nothing reads WaitHandle), so there is nothing to
    // dispose; a Work outlives its caller when abandoned, and a Worker lives as long as its thread.
#pragma warning disable CA1001
    /// <summary>One solve handed to a worker, and what came of it.</summary>
    private sealed class Work(Func<RawResult> solve, Action? releaseAfterAbandon)
    {
        private readonly Lock _gate = new();
        private readonly ManualResetEventSlim _done = new();
        private bool _abandoned;

        /// <summary>Set when the solve ends or the token fires.</summary>
        public ManualResetEventSlim Signal { get; } = new();

        public bool IsDone => _done.IsSet;

        public RawResult? Result { get; private set; }

        public ExceptionDispatchInfo? Failure { get; private set; }

        public void Wake() => Signal.Set();

        public bool WaitDone(TimeSpan timeout) => _done.Wait(timeout, CancellationToken.None);

        public void Execute()
        {
            try
            {
                Result = solve();
            }
            catch (Exception e)
            {
                // Rethrown on the caller's thread unless the caller has gone; an exception must not end the process.
                Failure = ExceptionDispatchInfo.Capture(e);
            }

            bool release;
            lock (_gate)
            {
                release = _abandoned;
                _done.Set();
                Signal.Set();
            }

            if (release)
            {
                try
                {
                    releaseAfterAbandon?.Invoke();
                }
                catch (Exception)
                {
                    // Nobody is left to tell; the memory is lost at worst.
                }
            }
        }

        /// <summary>Leaves the solve to itself unless it has already ended.</summary>
        public bool TryAbandon()
        {
            lock (_gate)
            {
                if (_done.IsSet)
                {
                    return false;
                }

                _abandoned = true;
                return true;
            }
        }
    }

    /// <summary>
    /// A thread kept for native solves. Starting a thread per solve cost 0.5–1 ms here, more than a small LP takes, so
    /// finished workers wait for the next solve; at most <see cref="MaxIdle"/> wait, the rest end.
    /// </summary>
    private sealed class Worker
    {
        private const int MaxIdle = 32;

        // Native branch and bound recurses; give it the stack a main thread has.
        private const int StackBytes = 8 * 1024 * 1024;

        private static readonly ConcurrentStack<Worker> Idle = new();
        private static int s_idleCount;

        private readonly SemaphoreSlim _ready = new(0);
        private Work? _work;

        public static void Start(Work work)
        {
            if (Idle.TryPop(out var worker))
            {
                Interlocked.Decrement(ref s_idleCount);
            }
            else
            {
                worker = new Worker();
                new Thread(worker.Loop, StackBytes) { IsBackground = true, Name = "native solve" }.Start();
            }

            worker._work = work;
            worker._ready.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _ready.Wait();
                var work = _work!;
                _work = null;
                work.Execute();
                if (Interlocked.Increment(ref s_idleCount) > MaxIdle)
                {
                    Interlocked.Decrement(ref s_idleCount);
                    return;
                }

                Idle.Push(this);
            }
        }
    }
#pragma warning restore CA1001
}

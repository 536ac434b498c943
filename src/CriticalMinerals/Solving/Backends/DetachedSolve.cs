using System.Runtime.ExceptionServices;

namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// Runs a native solve that cannot be interrupted (CLP, CBC, HiGHS, PDLP through OR-Tools 9.15) on a thread of its own,
/// so that a cancellation returns to the caller at once instead of when the native solver ends.
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
    // Native branch and bound recurses; give it the stack a main thread has.
    private const int StackBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Runs <paramref name="solve"/>; if <paramref name="cancellationToken"/> fires first, returns a cancelled result and
    /// leaves the solve running, calling <paramref name="releaseAfterAbandon"/> on its thread once it ends.
    /// </summary>
    /// <param name="backend">The backend's name, for the thread and the message.</param>
    /// <param name="solve">The native solve.</param>
    /// <param name="releaseAfterAbandon">Frees what the abandoned solve still uses (a session's native instance), or <see langword="null"/>.</param>
    /// <param name="abandoned">Whether the solve was left running.</param>
    /// <param name="cancellationToken">The caller's token; a token that cannot be cancelled runs the solve on the caller's thread.</param>
    public static RawResult Run(string backend, Func<RawResult> solve, Action? releaseAfterAbandon, out bool abandoned, CancellationToken cancellationToken)
    {
        abandoned = false;
        if (!cancellationToken.CanBeCanceled)
        {
            return solve();
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Cancelled($"Cancelled before the {backend} solve started.");
        }

        var work = new Work(solve, releaseAfterAbandon);
        var thread = new Thread(work.Execute, StackBytes) { IsBackground = true, Name = backend + " solve" };
        thread.Start();
        WaitHandle.WaitAny([work.Finished.WaitHandle, cancellationToken.WaitHandle]);
        if (work.TryAbandon())
        {
            abandoned = true;
            return Cancelled($"Cancelled. {backend} cannot be interrupted: its native solve was left to end in the background (at the latest at the time limit) and its result is dropped.");
        }

        work.Finished.Wait(CancellationToken.None);
        work.Failure?.Throw();
        return work.Result!;
    }

    private static RawResult Cancelled(string message) => new(RawStatus.NoSolution, null, null, null, message);

    private sealed class Work(Func<RawResult> solve, Action? releaseAfterAbandon)
    {
        private readonly Lock _gate = new();
        private bool _done;
        private bool _abandoned;

        public ManualResetEventSlim Finished { get; } = new();

        public RawResult? Result { get; private set; }

        public ExceptionDispatchInfo? Failure { get; private set; }

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
                _done = true;
                release = _abandoned;
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

                Finished.Dispose();
                return;
            }

            Finished.Set();
        }

        /// <summary>Leaves the solve to itself unless it has already ended.</summary>
        public bool TryAbandon()
        {
            lock (_gate)
            {
                if (_done)
                {
                    return false;
                }

                _abandoned = true;
                return true;
            }
        }
    }
}

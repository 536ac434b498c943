namespace CriticalMinerals.Solving.Backends;

/// <summary>
/// Delivers a cancellation to a native solve as an interrupt, and keeps delivering it until the solve returns.
/// </summary>
/// <remarks>
/// One interrupt is not enough: GLOP, PDLP and BOP clear their interrupt flag when their <c>Solve</c> starts, so an
/// interrupt that lands between the last managed look at the token and that reset is lost and the solve runs to the
/// end. Repeating it every few milliseconds closes that window. Dispose waits for a running interrupt and stops the
/// repeats, so nothing touches the native solver after the caller disposes it.
/// </remarks>
internal sealed class NativeInterrupt : IDisposable
{
    private static readonly TimeSpan RepeatEvery = TimeSpan.FromMilliseconds(20);

    private readonly Action _interrupt;
    private readonly Lock _gate = new();
    private readonly CancellationTokenRegistration _registration;
    private Timer? _repeat;
    private bool _finished;

    private NativeInterrupt(Action interrupt, CancellationToken cancellationToken)
    {
        _interrupt = interrupt;
        _registration = cancellationToken.Register(Start);
    }

    /// <summary>Interrupts with <paramref name="interrupt"/> once <paramref name="cancellationToken"/> is cancelled, until disposed.</summary>
    public static NativeInterrupt WhenCancelled(Action interrupt, CancellationToken cancellationToken) => new(interrupt, cancellationToken);

    public void Dispose()
    {
        _registration.Dispose();
        lock (_gate)
        {
            _finished = true;
            _repeat?.Dispose();
        }
    }

    private void Start()
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            _interrupt();
            _repeat = new Timer(_ => Repeat(), null, RepeatEvery, RepeatEvery);
        }
    }

    private void Repeat()
    {
        lock (_gate)
        {
            if (!_finished)
            {
                _interrupt();
            }
        }
    }
}

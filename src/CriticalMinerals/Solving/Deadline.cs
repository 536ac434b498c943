using System.Diagnostics;

namespace CriticalMinerals.Solving;

/// <summary>
/// The end of a call's time limit, shared by every solve the call makes (the backend's own, the diagnosis of its
/// status, a dual re-solve, a MIP check), so the limit bounds the whole call, not each part of it.
/// </summary>
internal readonly struct Deadline
{
    private readonly long _end;
    private readonly Func<long> _now;

    private Deadline(long end, Func<long> now)
    {
        _end = end;
        _now = now;
    }

    /// <summary>No limit.</summary>
    public static Deadline None => default;

    /// <summary>Whether there is a limit.</summary>
    public bool IsLimited => _now is not null;

    /// <summary>The deadline <paramref name="limit"/> from now (none for <see langword="null"/>).</summary>
    public static Deadline After(TimeSpan? limit) => After(limit, Stopwatch.GetTimestamp);

    /// <summary>The deadline <paramref name="limit"/> from the clock's now; the clock counts <see cref="Stopwatch.Frequency"/> ticks a second.</summary>
    internal static Deadline After(TimeSpan? limit, Func<long> clock)
    {
        if (limit is not { } span)
        {
            return None;
        }

        long ticks = (long)Math.Min(span.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4.0);
        return new Deadline(clock() + ticks, clock);
    }

    /// <summary>Time left, never negative; <see langword="null"/> without a limit.</summary>
    public TimeSpan? Remaining => _now is null ? null
        : TimeSpan.FromSeconds(Math.Max(0, _end - _now()) / (double)Stopwatch.Frequency);

    /// <summary>Whether the limit has passed.</summary>
    public bool Expired => _now is not null && _now() >= _end;

    /// <summary>
    /// The limit to hand a native solve that starts now: what is left (at least a millisecond, since a native solver
    /// may read zero as "no limit"), or <see langword="null"/> without a limit. Callers check <see cref="Expired"/> first.
    /// </summary>
    public TimeSpan? ForNativeSolve() => Remaining is { } left ? TimeSpan.FromTicks(Math.Max(left.Ticks, TimeSpan.TicksPerMillisecond)) : null;
}

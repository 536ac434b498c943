namespace CriticalMinerals.Tests.Solving;

/// <summary>
/// A cancellation that fires on a dedicated thread. <c>new CancellationTokenSource(delay)</c> fires from a thread-pool
/// timer, which the parallel test run can starve for seconds: the solve then ends before the cancellation is even sent.
/// </summary>
internal static class CancelOnOwnThread
{
    public static CancellationTokenSource After(TimeSpan delay)
    {
        var source = new CancellationTokenSource();
        var thread = new Thread(() =>
        {
            Thread.Sleep(delay);
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The test finished first.
            }
        })
        { IsBackground = true, Name = "test cancellation" };
        thread.Start();
        return source;
    }
}

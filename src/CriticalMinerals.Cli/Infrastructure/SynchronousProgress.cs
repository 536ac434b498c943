namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>Reports on the reporting thread (Progress&lt;T&gt; would post to a context the console app does not have).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

using System.Globalization;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// The model sizes (nominal variable counts) the benchmarks run at. Sizes above the environment variable
/// <c>CRITICALMINERALS_BENCH_MAX_VARIABLES</c> (default 1 000 000) are skipped, so a CI dry job can leave out
/// the slow million-variable case: <c>CRITICALMINERALS_BENCH_MAX_VARIABLES=100000</c>.
/// </summary>
public static class BenchmarkSizes
{
    /// <summary>The environment variable that caps the sizes.</summary>
    public const string MaxVariablesVariable = "CRITICALMINERALS_BENCH_MAX_VARIABLES";

    /// <summary>The cap read from <see cref="MaxVariablesVariable"/>; 1 000 000 when unset or not a number.</summary>
    public static int MaxVariables =>
        int.TryParse(Environment.GetEnvironmentVariable(MaxVariablesVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int max) && max > 0
            ? max
            : 1_000_000;

    /// <summary>Sizes for the build benchmarks: 1e3, 1e4, 1e5 and 1e6 variables, capped.</summary>
    public static IEnumerable<int> Build() => Capped(1_000, 10_000, 100_000, 1_000_000) is { Length: > 0 } sizes ? sizes : [10_000];

    /// <summary>Sizes for the repeated solve benchmarks: 1e3, 1e4 and 1e5 variables, capped.</summary>
    public static IEnumerable<int> Solve() => Capped(1_000, 10_000, 100_000) is { Length: > 0 } sizes ? sizes : [10_000];

    /// <summary>The single large solve size, 1e6 variables, if the cap allows it; otherwise none, and the large solve benchmarks do not run.</summary>
    public static IEnumerable<int> LargeSolve() => Capped(1_000_000);

    private static int[] Capped(params int[] sizes)
    {
        int max = MaxVariables;
        return sizes.Where(size => size <= max).ToArray();
    }
}

using CsCheck;

namespace CriticalMinerals.Tests.Reliability;

/// <summary>
/// Runs a CsCheck generator deterministically: a fixed PCG seed, a fixed number of cases, one thread. CsCheck's own
/// <c>Sample</c> fixes only its first case when given a seed, and a test that runs in CI on every submission must see the
/// same cases every time. A failure names the case's seed, which <c>gen.Sample(assert, seed: "…")</c> replays (and shrinks).
/// </summary>
internal static class Seeded
{
    public static void Check<T>(Gen<T> gen, ulong seed, int cases, Action<T> assert)
    {
        var pcg = new PCG(1, seed);
        for (int k = 0; k < cases; k++)
        {
            string caseSeed = pcg.ToString();
            T value = gen.Generate(pcg, null, out _);
            try
            {
                assert(value);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Case {k} of {cases} failed (CsCheck seed \"{caseSeed}\"): {CsCheck.Check.Print(value)}{Environment.NewLine}{e.Message}", e);
            }
        }
    }
}

using System.Globalization;
using MathNet.Numerics.Distributions;

namespace CriticalMinerals.Analysis.Uncertainty;

/// <summary>A distribution of an uncertain input, sampled with MathNet.Numerics from a caller's generator.</summary>
public abstract record InputDistribution
{
    private protected InputDistribution()
    {
    }

    /// <summary>Draws one value with <paramref name="random"/> (the same generator state always gives the same value).</summary>
    public abstract double Sample(Random random);

    /// <summary>Throws <see cref="ArgumentException"/> if the parameters are out of range.</summary>
    public abstract void Validate();

    private protected static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}

/// <summary>Uniform on [<paramref name="Lower"/>, <paramref name="Upper"/>] (MathNet <c>ContinuousUniform</c>).</summary>
/// <param name="Lower">Lower end.</param>
/// <param name="Upper">Upper end (≥ lower).</param>
public sealed record UniformDistribution(double Lower, double Upper) : InputDistribution
{
    /// <inheritdoc/>
    public override double Sample(Random random) => ContinuousUniform.Sample(random, Lower, Upper);

    /// <inheritdoc/>
    public override void Validate() =>
        Require(double.IsFinite(Lower) && double.IsFinite(Upper) && Lower <= Upper, string.Create(CultureInfo.InvariantCulture, $"Uniform({Lower}, {Upper}): expected finite lower ≤ upper."));
}

/// <summary>Triangular with a lower end, a mode and an upper end (MathNet <c>Triangular</c>).</summary>
/// <param name="Lower">Lower end.</param>
/// <param name="Mode">Most likely value.</param>
/// <param name="Upper">Upper end.</param>
public sealed record TriangularDistribution(double Lower, double Mode, double Upper) : InputDistribution
{
    /// <inheritdoc/>
    public override double Sample(Random random) => Lower == Upper ? Lower : Triangular.Sample(random, Lower, Upper, Mode);

    /// <inheritdoc/>
    public override void Validate() =>
        Require(double.IsFinite(Lower) && double.IsFinite(Upper) && Lower <= Mode && Mode <= Upper, string.Create(CultureInfo.InvariantCulture, $"Triangular({Lower}, {Mode}, {Upper}): expected finite lower ≤ mode ≤ upper."));
}

/// <summary>
/// PERT (beta-PERT) with a lower end, a mode and an upper end: <c>a + (b − a)·Beta(α, β)</c> with
/// <c>α = 1 + 4(m − a)/(b − a)</c>, <c>β = 1 + 4(b − m)/(b − a)</c>, so the mean is <c>(a + 4m + b)/6</c>. MathNet 5 has no
/// PERT distribution; this one samples MathNet's <c>Beta</c>.
/// </summary>
/// <param name="Lower">Lower end.</param>
/// <param name="Mode">Most likely value.</param>
/// <param name="Upper">Upper end.</param>
public sealed record PertDistribution(double Lower, double Mode, double Upper) : InputDistribution
{
    /// <summary>The mean, (a + 4m + b)/6.</summary>
    public double Mean => (Lower + (4 * Mode) + Upper) / 6;

    /// <inheritdoc/>
    public override double Sample(Random random)
    {
        if (Lower == Upper)
        {
            return Lower;
        }

        double range = Upper - Lower;
        double alpha = 1 + (4 * (Mode - Lower) / range);
        double beta = 1 + (4 * (Upper - Mode) / range);
        return Lower + (range * Beta.Sample(random, alpha, beta));
    }

    /// <inheritdoc/>
    public override void Validate() =>
        Require(double.IsFinite(Lower) && double.IsFinite(Upper) && Lower <= Mode && Mode <= Upper, string.Create(CultureInfo.InvariantCulture, $"PERT({Lower}, {Mode}, {Upper}): expected finite lower ≤ mode ≤ upper."));
}

/// <summary>Lognormal: <c>exp(N(μ, σ²))</c> (MathNet <c>LogNormal</c>).</summary>
/// <param name="Mu">Mean of the logarithm.</param>
/// <param name="Sigma">Standard deviation of the logarithm (≥ 0).</param>
public sealed record LogNormalDistribution(double Mu, double Sigma) : InputDistribution
{
    /// <summary>A lognormal with the given median and geometric standard deviation (e.g. median 1, GSD 1.2 for a ±20 % factor).</summary>
    public static LogNormalDistribution FromMedian(double median, double geometricStandardDeviation) =>
        new(Math.Log(median), Math.Log(geometricStandardDeviation));

    /// <inheritdoc/>
    public override double Sample(Random random) => LogNormal.Sample(random, Mu, Sigma);

    /// <inheritdoc/>
    public override void Validate() =>
        Require(double.IsFinite(Mu) && double.IsFinite(Sigma) && Sigma >= 0, string.Create(CultureInfo.InvariantCulture, $"LogNormal(μ={Mu}, σ={Sigma}): expected finite μ and σ ≥ 0."));
}

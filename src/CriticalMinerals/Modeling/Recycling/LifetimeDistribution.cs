using System.Globalization;

namespace CriticalMinerals.Modeling.Recycling;

/// <summary>
/// How long a product stays in use. A cohort put into use in year <c>y</c> is all in use at the end of <c>y</c> (age 0);
/// the share <c>S(a-1) - S(a)</c> retires in year <c>y + a</c>, where <c>S</c> is <see cref="SurvivalAt"/>. With <c>S(0) = 1</c>
/// the stock obeys <c>stock(t) - stock(t-1) = inflow(t) - retired(t)</c> exactly.
/// </summary>
public abstract record LifetimeDistribution
{
    /// <summary>Ages beyond which every distribution is cut to zero survival, so convolutions stay finite.</summary>
    public const int MaxAgeYears = 100;

    /// <summary>Where the parameters come from (a source id with file/row, or "user input").</summary>
    public abstract string Source { get; }

    /// <summary>The distribution and its parameters in a few words, e.g. <c>fixed 10 y</c>.</summary>
    public abstract string Summary { get; }

    /// <summary>Share of a cohort still in use at the end of its <paramref name="ageYears"/>-th year (1 at age 0, non-increasing, 0 from <see cref="MaxAgeYears"/>).</summary>
    /// <param name="ageYears">Age in whole years, 0 or more.</param>
    /// <returns>The surviving share, in [0, 1].</returns>
    public double SurvivalAt(int ageYears)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ageYears);
        return ageYears == 0 ? 1.0 : ageYears >= MaxAgeYears ? 0.0 : Math.Clamp(Survival(ageYears), 0.0, 1.0);
    }

    /// <summary>Share of a cohort that retires at each age 1..n: <c>S(a-1) - S(a)</c>, up to the last age with any survivors.</summary>
    /// <returns>Element <c>i</c> is the share retiring at age <c>i + 1</c>; the shares sum to 1.</returns>
    public IReadOnlyList<double> RetirementShares()
    {
        var shares = new List<double>();
        double previous = 1.0;
        for (int age = 1; age <= MaxAgeYears && previous > 0; age++)
        {
            double now = SurvivalAt(age);
            shares.Add(previous - now);
            previous = now;
        }

        return shares;
    }

    /// <summary>Survival at a positive age below <see cref="MaxAgeYears"/>.</summary>
    /// <param name="ageYears">Age, 1 or more.</param>
    /// <returns>The surviving share.</returns>
    protected abstract double Survival(int ageYears);

    /// <summary>
    /// Busch et al. (2025) baseline battery lifetime of a car: logistic, mean 15 years, standard deviation 4, cut at 30
    /// (<c>life_param</c>, <c>mean_lib</c>/<c>sd_lib</c> of <c>Car</c>, and <c>maxLIB_age</c> in
    /// <c>Scripts/Demand Model/Prepare_Data/08-SurvivalCurve_Simulation.R</c>, B25). Buses, trucks and two/three-wheelers use
    /// a mean of 8 years in the same table.
    /// </summary>
    public static LogisticLifetime BuschCarBattery { get; } = new(15, 4, 30,
        "B25 Scripts/Demand Model/Prepare_Data/08-SurvivalCurve_Simulation.R, life_param Car Baseline (mean_lib 15, sd_lib 4, maxLIB_age 30)");

    /// <summary>
    /// Busch et al. (2025) battery lifetimes weighted by their fleet: 80.85 % logistic mean 15 (cars, vans and replacement
    /// batteries), 19.15 % logistic mean 8 (buses, medium and heavy trucks, two/three-wheelers), sd 4, cut at 30. Derived:
    /// <c>life_param</c> of <c>08-SurvivalCurve_Simulation.R</c> (B25) weighted by their world lithium demand by vehicle
    /// summed over 2022–2050 (<c>Parameters/Demand_Detail.csv</c> of the replication repository, reference scenario:
    /// 27,066 kt vs 6,409 kt).
    /// </summary>
    public static MixtureLifetime BuschFleetBattery { get; } = new(
        [(new LogisticLifetime(15, 4, 30, "B25 life_param Car/Van"), 27066.0 / 33475.0), (new LogisticLifetime(8, 4, 30, "B25 life_param Bus/trucks/two-three wheelers"), 6409.0 / 33475.0)],
        "derived: B25 08-SurvivalCurve_Simulation.R life_param weighted by B25 Parameters/Demand_Detail.csv lithium by vehicle, 2022-2050");
}

/// <summary>A weighted mixture of lifetimes (a fleet of products that last differently): <c>S(a) = Σ wᵢ Sᵢ(a)</c>.</summary>
/// <param name="Components">Lifetimes and weights; weights are positive and sum to 1.</param>
/// <param name="SourceNote">Where the weights come from; "user input" when none.</param>
public sealed record MixtureLifetime(IReadOnlyList<(LifetimeDistribution Lifetime, double Weight)> Components, string SourceNote = "user input") : LifetimeDistribution
{
    /// <inheritdoc/>
    public override string Source => SourceNote;

    /// <inheritdoc/>
    public override string Summary => string.Join(" + ", Components.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Weight:0.###} x ({c.Lifetime.Summary})")));

    /// <inheritdoc/>
    protected override double Survival(int ageYears)
    {
        double total = Components.Sum(c => c.Weight);
        if (Components.Count == 0 || Components.Any(c => !(c.Weight > 0)) || Math.Abs(total - 1) > 1e-9)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A lifetime mixture needs positive weights summing to 1; got {string.Join(", ", Components.Select(c => c.Weight))}."));
        }

        return Components.Sum(c => c.Weight * c.Lifetime.SurvivalAt(ageYears));
    }
}

/// <summary>Every unit retires at exactly <paramref name="Years"/> of age.</summary>
/// <param name="Years">Lifetime in whole years, 1 or more.</param>
/// <param name="SourceNote">Where the figure comes from; "user input" when none.</param>
public sealed record FixedLifetime(int Years, string SourceNote = "user input") : LifetimeDistribution
{
    /// <inheritdoc/>
    public override string Summary => string.Create(CultureInfo.InvariantCulture, $"fixed {Years} y");

    /// <inheritdoc/>
    public override string Source => SourceNote;

    /// <inheritdoc/>
    protected override double Survival(int ageYears)
    {
        if (Years < 1)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"A fixed lifetime is at least 1 year; got {Years}."));
        }

        return ageYears < Years ? 1.0 : 0.0;
    }
}

/// <summary>Weibull lifetime: <c>S(a) = exp(-(a / scale)^shape)</c>.</summary>
/// <param name="Shape">Shape k &gt; 0 (k &gt; 1: wear-out).</param>
/// <param name="ScaleYears">Scale λ in years, &gt; 0 (the age by which 63 % have retired).</param>
/// <param name="SourceNote">Where the figures come from; "user input" when none.</param>
public sealed record WeibullLifetime(double Shape, double ScaleYears, string SourceNote = "user input") : LifetimeDistribution
{
    /// <inheritdoc/>
    public override string Summary => string.Create(CultureInfo.InvariantCulture, $"Weibull shape {Shape}, scale {ScaleYears} y");

    /// <inheritdoc/>
    public override string Source => SourceNote;

    /// <inheritdoc/>
    protected override double Survival(int ageYears)
    {
        if (!(Shape > 0) || !(ScaleYears > 0) || double.IsInfinity(Shape) || double.IsInfinity(ScaleYears))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Weibull shape and scale must be positive and finite; got shape {Shape}, scale {ScaleYears}."));
        }

        return Math.Exp(-Math.Pow(ageYears / ScaleYears, Shape));
    }
}

/// <summary>
/// Logistic lifetime as Busch et al. (2025) discretise it: <c>S(a) = (1 - F(a)) / (1 - F(0))</c> with <c>F</c> the logistic
/// CDF of location <paramref name="MeanYears"/> and scale <c>sd·√3/π</c>, and no survivors past <paramref name="CutAgeYears"/>.
/// </summary>
/// <param name="MeanYears">Mean lifetime, years.</param>
/// <param name="StandardDeviationYears">Standard deviation, years, &gt; 0.</param>
/// <param name="CutAgeYears">Age after which nothing survives.</param>
/// <param name="SourceNote">Where the figures come from; "user input" when none.</param>
public sealed record LogisticLifetime(double MeanYears, double StandardDeviationYears, int CutAgeYears, string SourceNote = "user input") : LifetimeDistribution
{
    /// <inheritdoc/>
    public override string Summary => string.Create(CultureInfo.InvariantCulture, $"logistic mean {MeanYears} y, sd {StandardDeviationYears} y, none past {CutAgeYears} y");

    /// <inheritdoc/>
    public override string Source => SourceNote;

    /// <inheritdoc/>
    protected override double Survival(int ageYears)
    {
        if (!(StandardDeviationYears > 0) || double.IsNaN(MeanYears) || CutAgeYears < 1)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Logistic lifetime needs sd > 0 and a cut age of 1 or more; got mean {MeanYears}, sd {StandardDeviationYears}, cut {CutAgeYears}."));
        }

        if (ageYears > CutAgeYears)
        {
            return 0.0;
        }

        double scale = StandardDeviationYears * Math.Sqrt(3) / Math.PI;
        return Upper(ageYears, scale) / Upper(0, scale);
    }

    private double Upper(int age, double scale) => 1.0 / (1.0 + Math.Exp((age - MeanYears) / scale));
}

/// <summary>A survival curve given year by year.</summary>
/// <param name="SurvivingShares">Share still in use at the end of age 0, 1, 2, …: starts at 1, non-increasing, within [0, 1]; zero after the last element.</param>
/// <param name="SourceNote">Where the curve comes from; "user input" when none.</param>
public sealed record SurvivalCurveLifetime(IReadOnlyList<double> SurvivingShares, string SourceNote = "user input") : LifetimeDistribution
{
    /// <inheritdoc/>
    public override string Summary => string.Create(CultureInfo.InvariantCulture, $"survival curve over {SurvivingShares.Count} ages");

    /// <inheritdoc/>
    public override string Source => SourceNote;

    /// <summary>Every problem of the curve at once (empty when valid).</summary>
    /// <returns>One message per problem.</returns>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (SurvivingShares is null || SurvivingShares.Count == 0)
        {
            problems.Add("The survival curve is empty; it needs at least the age-0 share 1.");
            return problems;
        }

        if (SurvivingShares[0] != 1.0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Age 0: survival {SurvivingShares[0]}, expected 1 (everything put into use is in use at the end of its first year)."));
        }

        for (int a = 0; a < SurvivingShares.Count; a++)
        {
            double s = SurvivingShares[a];
            if (double.IsNaN(s) || s < 0 || s > 1)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Age {a}: survival {s}, expected a share in [0, 1]."));
            }
            else if (a > 0 && s > SurvivingShares[a - 1])
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Age {a}: survival {s} exceeds age {a - 1} ({SurvivingShares[a - 1]}); a survival curve never rises."));
            }
        }

        return problems;
    }

    /// <inheritdoc/>
    protected override double Survival(int ageYears)
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Survival curve: " + string.Join(" ", problems));
        }

        return ageYears < SurvivingShares.Count ? SurvivingShares[ageYears] : 0.0;
    }
}

using System.Globalization;

namespace CriticalMinerals.Modeling.Recycling;

/// <summary>An amount in one year (t, kt, GWh: the caller's unit).</summary>
/// <param name="Year">Year.</param>
/// <param name="Amount">Amount, 0 or more.</param>
public readonly record struct YearAmount(int Year, double Amount);

/// <summary>One product in one region: what is put into use each year and how it leaves use and comes back.</summary>
/// <param name="Inflows">Amount put into use per year (years may start before <paramref name="FirstYear"/>: that history builds the stock); missing years are 0.</param>
/// <param name="Lifetime">How long units stay in use.</param>
/// <param name="CollectionRate">Share of retirements collected for recycling.</param>
/// <param name="RecoveryRate">Share of the processed material recovered as secondary supply.</param>
/// <param name="FirstYear">First year reported.</param>
/// <param name="LastYear">Last year reported.</param>
/// <param name="RecyclingDelayYears">Years between processing and the recovered material counting as supply (0 or more).</param>
/// <param name="CapacityPerYear">
/// Most collected material that can be processed each year (same unit as the inflows); years not listed are unlimited, and
/// <see langword="null"/> means unlimited throughout. Collected material above it waits in a backlog, processed first next year.
/// </param>
public sealed record StockFlowInput(
    IReadOnlyList<YearAmount> Inflows,
    LifetimeDistribution Lifetime,
    RateSchedule CollectionRate,
    RateSchedule RecoveryRate,
    int FirstYear,
    int LastYear,
    int RecyclingDelayYears = 0,
    IReadOnlyList<YearAmount>? CapacityPerYear = null);

/// <summary>One year of a stock-and-flow run (caller's unit). <c>StockInUse - previous StockInUse = Inflow - Retired</c>.</summary>
/// <param name="Year">Year.</param>
/// <param name="Inflow">Put into use this year (the demand before recycling).</param>
/// <param name="StockInUse">In use at the end of the year.</param>
/// <param name="Retired">Left use this year.</param>
/// <param name="Collected">Retired and collected for recycling.</param>
/// <param name="Processed">Collected material processed this year (at most the capacity).</param>
/// <param name="Backlog">Collected, not yet processed, at the end of the year.</param>
/// <param name="Recycled">Secondary supply available this year (recovered from what was processed <c>delay</c> years before).</param>
/// <param name="PrimaryDemand">Inflow not met by recycled supply: <c>max(0, Inflow - Recycled)</c>.</param>
/// <param name="RecycledSurplus">Recycled supply above the inflow: <c>max(0, Recycled - Inflow)</c>.</param>
public sealed record StockFlowYear(
    int Year,
    double Inflow,
    double StockInUse,
    double Retired,
    double Collected,
    double Processed,
    double Backlog,
    double Recycled,
    double PrimaryDemand,
    double RecycledSurplus);

/// <summary>Annual stock-and-flow of products in use: retirements by a lifetime distribution, collection, capacity-limited processing, recovery.</summary>
public static class StockFlowModel
{
    /// <summary>Runs one product.</summary>
    /// <param name="input">The product.</param>
    /// <returns>One row per year from <see cref="StockFlowInput.FirstYear"/> to <see cref="StockFlowInput.LastYear"/>.</returns>
    /// <exception cref="ArgumentException">Negative or non-finite amounts, reversed years, negative delay (all problems listed).</exception>
    public static IReadOnlyList<StockFlowYear> Run(StockFlowInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = Check(input.Inflows, "inflow").Concat(Check(input.CapacityPerYear ?? [], "capacity")).ToList();
        if (input.LastYear < input.FirstYear)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"last year {input.LastYear} before first year {input.FirstYear}"));
        }

        if (input.RecyclingDelayYears < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"recycling delay {input.RecyclingDelayYears}, expected 0 or more"));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Stock-flow input: {string.Join("; ", problems)}.", nameof(input));
        }

        var flows = Retirements(input.Inflows, input.Lifetime, input.FirstYear, input.LastYear);
        var collected = new double[flows.Years.Count];
        for (int i = 0; i < collected.Length; i++)
        {
            collected[i] = flows.Retired[i] * input.CollectionRate.At(flows.Years[i]);
        }

        var capacity = input.CapacityPerYear?.ToDictionary(c => c.Year, c => c.Amount) ?? [];
        var processing = RecyclingQueue.Process(flows.Years, [collected], y => capacity.TryGetValue(y, out var c) ? c : double.PositiveInfinity);
        var recoveredByYear = new Dictionary<int, double>();
        for (int i = 0; i < flows.Years.Count; i++)
        {
            int year = flows.Years[i];
            recoveredByYear[year + input.RecyclingDelayYears] = processing.Processed[0][i] * input.RecoveryRate.At(year);
        }

        var rows = new List<StockFlowYear>();
        for (int i = 0; i < flows.Years.Count; i++)
        {
            int year = flows.Years[i];
            if (year < input.FirstYear)
            {
                continue;
            }

            double recycled = recoveredByYear.GetValueOrDefault(year);
            rows.Add(new StockFlowYear(year, flows.Inflow[i], flows.Stock[i], flows.Retired[i], collected[i], processing.Processed[0][i],
                processing.Backlog[0][i], recycled, Math.Max(0, flows.Inflow[i] - recycled), Math.Max(0, recycled - flows.Inflow[i])));
        }

        return rows;
    }

    /// <summary>
    /// Stock and retirements of an inflow series, from its first year (or <paramref name="firstYear"/> if earlier) to
    /// <paramref name="lastYear"/>: <c>retired(t) = Σ inflow(y)·(S(t-y-1) - S(t-y))</c>, <c>stock(t) = Σ inflow(y)·S(t-y)</c>.
    /// </summary>
    /// <param name="inflows">Amounts put into use by year; several entries for one year add up.</param>
    /// <param name="lifetime">The lifetime distribution.</param>
    /// <param name="firstYear">First year wanted.</param>
    /// <param name="lastYear">Last year wanted.</param>
    /// <returns>Year-aligned arrays.</returns>
    public static CohortFlows Retirements(IReadOnlyList<YearAmount> inflows, LifetimeDistribution lifetime, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(inflows);
        ArgumentNullException.ThrowIfNull(lifetime);
        int start = inflows.Count == 0 ? firstYear : Math.Min(firstYear, inflows.Min(f => f.Year));
        int n = Math.Max(0, lastYear - start + 1);
        var inflow = new double[n];
        foreach (var f in inflows)
        {
            if (f.Year <= lastYear)
            {
                inflow[f.Year - start] += f.Amount;
            }
        }

        var survival = new double[n + 1];
        for (int a = 0; a <= n; a++)
        {
            survival[a] = lifetime.SurvivalAt(Math.Min(a, LifetimeDistribution.MaxAgeYears));
        }

        var stock = new double[n];
        var retired = new double[n];
        for (int y = 0; y < n; y++)
        {
            if (inflow[y] == 0)
            {
                continue;
            }

            for (int t = y; t < n; t++)
            {
                int age = t - y;
                stock[t] += inflow[y] * survival[age];
                if (age > 0)
                {
                    retired[t] += inflow[y] * (survival[age - 1] - survival[age]);
                }
            }
        }

        return new CohortFlows(Enumerable.Range(start, n).ToArray(), inflow, stock, retired);
    }

    private static IEnumerable<string> Check(IReadOnlyList<YearAmount> amounts, string what)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        foreach (var a in amounts)
        {
            if (!double.IsFinite(a.Amount) || a.Amount < 0)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{what} {a.Year}: {a.Amount}, expected a finite amount of 0 or more");
            }
        }
    }
}

/// <summary>Year-aligned inflow, end-of-year stock and retirements of one series.</summary>
/// <param name="Years">Years, consecutive.</param>
/// <param name="Inflow">Put into use.</param>
/// <param name="Stock">In use at the end of the year.</param>
/// <param name="Retired">Left use in the year.</param>
public sealed record CohortFlows(IReadOnlyList<int> Years, IReadOnlyList<double> Inflow, IReadOnlyList<double> Stock, IReadOnlyList<double> Retired);

/// <summary>Collected material of several streams (e.g. chemistries) sharing one processing capacity.</summary>
internal static class RecyclingQueue
{
    /// <summary>
    /// Each year the backlog plus what was collected is processed up to the capacity, pro rata across streams (a recycler
    /// takes the mixed feed as it comes); the rest waits for the next year.
    /// </summary>
    public static (double[][] Processed, double[][] Backlog) Process(IReadOnlyList<int> years, IReadOnlyList<double[]> collected, Func<int, double> capacity)
    {
        int streams = collected.Count;
        var processed = new double[streams][];
        var backlog = new double[streams][];
        var waiting = new double[streams];
        for (int s = 0; s < streams; s++)
        {
            processed[s] = new double[years.Count];
            backlog[s] = new double[years.Count];
        }

        for (int i = 0; i < years.Count; i++)
        {
            double available = 0;
            for (int s = 0; s < streams; s++)
            {
                waiting[s] += collected[s][i];
                available += waiting[s];
            }

            double cap = capacity(years[i]);
            double share = available <= cap || available == 0 ? 1.0 : cap / available;
            for (int s = 0; s < streams; s++)
            {
                processed[s][i] = waiting[s] * share;
                waiting[s] -= processed[s][i];
                backlog[s][i] = waiting[s];
            }
        }

        return (processed, backlog);
    }
}

using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling.Policy;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Planning;

/// <summary>
/// A supply shock: a country's mines and refineries cut to a fraction of their capacity from a year on, wherever their output
/// goes; the refineries its mines fed, member or not, lose that ore.
/// </summary>
public sealed record StressScenario
{
    /// <summary>The country cut (member or not).</summary>
    public required string Iso3 { get; init; }

    /// <summary>Share of its capacity still producing, in [0, 1]. Default 0 (its output stops).</summary>
    public double RemainingFraction { get; init; }

    /// <summary>The year the shock starts; it hits the nearest modelled period (ties go to the later one, since the earlier period has passed when the shock starts).</summary>
    public required int FromYear { get; init; }

    /// <summary>Last year of the shock (periods starting up to it); default: to the end of the horizon.</summary>
    public int? ToYear { get; init; }

    /// <summary>Stages cut. Default both.</summary>
    public IReadOnlyList<SupplyStage> Stages { get; init; } = [SupplyStage.Mining, SupplyStage.Refining];

    /// <summary>
    /// Members kept in the "without partners" variants (e.g. <c>USA</c>); the other members' supply is then unavailable
    /// (partners keep their output in the crisis), while the coalition's demand stays the same. Empty (the default): no member is kept.
    /// </summary>
    public IReadOnlyList<string> CoreMembers { get; init; } = [];
}

/// <summary>One period of one variant of a stress test.</summary>
/// <param name="Variant">Variant name (e.g. <c>with stocks, with partners</c>).</param>
/// <param name="Year">First year of the period.</param>
/// <param name="DemandKt">Demand (kt per year).</param>
/// <param name="ShortfallKt">Shortfall (kt per year).</param>
/// <param name="ReleaseKt">Stock released (kt per year).</param>
/// <param name="StockEndKt">Stock at the end of the period (kt).</param>
/// <param name="Disrupted">Whether the shock hits this period.</param>
public sealed record StressRow(string Variant, int Year, double DemandKt, double ShortfallKt, double ReleaseKt, double StockEndKt, bool Disrupted);

/// <summary>The outcome of a stress test.</summary>
/// <param name="Scenario">The shock.</param>
/// <param name="DisruptedYears">First years of the periods hit.</param>
/// <param name="Baseline">The plan without the shock (with stocks and partners); its stock path before the shock is held in every variant, so the shock is a surprise.</param>
/// <param name="WithStocksWithPartners">Shock, stocks, full coalition.</param>
/// <param name="WithoutStocksWithPartners">Shock, no stocks, full coalition.</param>
/// <param name="WithStocksWithoutPartners">Shock, stocks, core members only.</param>
/// <param name="WithoutStocksWithoutPartners">Shock, no stocks, core members only.</param>
/// <param name="StockAtShockKt">Stock held when the shock starts (kt).</param>
/// <param name="GapWithoutStocksKt">Shortfall per year in the first disrupted period without stocks, with partners (kt per year).</param>
/// <param name="GapAddedByShockKt">That gap minus the baseline's shortfall in the same period (kt per year): what the shock adds.</param>
/// <param name="StocksLastYears">How long the stock covers the whole gap without stocks (years); <see langword="null"/> where there is no gap.</param>
/// <param name="StocksLastPeriods">The same in periods of the first disrupted period's length; <see langword="null"/> where there is no gap.</param>
/// <param name="StocksLastYearsAgainstAddedGap">How long the stock covers only the gap the shock adds (years); <see langword="null"/> where it adds none.</param>
/// <param name="Rows">Per-period table of every variant, for export.</param>
/// <param name="Notes">Assumptions.</param>
public sealed record StressTestResult(
    StressScenario Scenario,
    IReadOnlyList<int> DisruptedYears,
    PlanResult Baseline,
    PlanResult WithStocksWithPartners,
    PlanResult WithoutStocksWithPartners,
    PlanResult WithStocksWithoutPartners,
    PlanResult WithoutStocksWithoutPartners,
    double StockAtShockKt,
    double GapWithoutStocksKt,
    double GapAddedByShockKt,
    double? StocksLastYears,
    double? StocksLastPeriods,
    double? StocksLastYearsAgainstAddedGap,
    IReadOnlyList<StressRow> Rows,
    IReadOnlyList<string> Notes);

/// <summary>Holds the end-of-period stock at given levels (used by stress tests to keep the pre-shock stock path).</summary>
/// <param name="StockByYear">Stock (kt) by first year of the period.</param>
internal sealed record FixedStockRule(IReadOnlyDictionary<int, double> StockByYear) : PolicyRule
{
    public override string Name => "Stock path before the shock, as planned without it";

    public override string RowGroup => "pre_shock_stock";

    public override void Apply(PlanBuildContext context)
    {
        var p = context.Problem;
        for (int t = 0; t < p.Periods.Count; t++)
        {
            if (context.StockEnd(t) >= 0 && StockByYear.TryGetValue(p.Periods[t].Year, out double kt))
            {
                // Within a relative 1e-9, so the held path stays feasible after the solver's rounding.
                double slack = 1e-9 * Math.Max(1, kt);
                context.AddRow(this, YearOf(p, t), t, Math.Max(0, kt - slack), kt + slack, [(context.StockEnd(t), 1.0)]);
            }
        }
    }
}

public sealed partial class PlanningAnalysis
{
    /// <summary>The first year of the modelled period nearest to <paramref name="year"/>; ties go to the later period.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="year">A calendar year.</param>
    /// <returns>The period's first year.</returns>
    public static int NearestPeriodYear(PlanningProblem problem, int year)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Periods.Select(p => p.Year).OrderBy(y => Math.Abs(y - year)).ThenByDescending(y => y).First();
    }

    /// <summary>
    /// Stress test: cuts a country's mines and refineries in the periods of the shock, wherever their output goes, and reports
    /// the coalition's shortfall with and without stocks and with and without partners, and how long the stock lasts. The plan
    /// is a view of the multi-period world model, so every refinery, member or not, refines only the ore it receives: a cut mine
    /// country starves the refineries it fed, including non-members that sell to the coalition. The stockpile is the question's
    /// (enabled here) and its stock path before the shock is the one planned without the shock (the shock is a surprise);
    /// strategic-reserve rules stop binding when the shock starts, so the reserve can be released.
    /// </summary>
    /// <param name="question">The question (its stockpile options and rules apply).</param>
    /// <param name="scenario">The shock.</param>
    /// <param name="options">Solve options.</param>
    /// <param name="cancellationToken">Stops the solves.</param>
    /// <returns>The result.</returns>
    public StressTestResult StressTest(PlanningQuestion question, StressScenario scenario, SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        return StressTest(BuildProblem(question), scenario, options, cancellationToken);
    }

    /// <summary>The stress test of <see cref="StressTest(PlanningQuestion, StressScenario, SolveOptions?, CancellationToken)"/> on a problem built by hand or from the data.</summary>
    /// <param name="problem">The problem (its stockpile options and rules apply).</param>
    /// <param name="scenario">The shock.</param>
    /// <param name="options">Solve options.</param>
    /// <param name="cancellationToken">Stops the solves.</param>
    /// <returns>The result.</returns>
    public StressTestResult StressTest(PlanningProblem problem, StressScenario scenario, SolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(scenario);
        if (!(scenario.RemainingFraction is >= 0 and <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"RemainingFraction is {scenario.RemainingFraction}; expected a share in [0, 1]."), nameof(scenario));
        }

        var withStocks = problem with { Stockpile = problem.Stockpile with { Enabled = true } };
        var probe = withStocks;
        int from = NearestPeriodYear(probe, scenario.FromYear);
        int to = scenario.ToYear is { } last ? Math.Max(from, NearestPeriodYear(probe, last)) : int.MaxValue;
        var disrupted = probe.Periods.Select(p => p.Year).Where(y => y >= from && y <= to).ToArray();
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{scenario.Iso3}'s mines and refineries produce at most {scenario.RemainingFraction:P0} of capacity from {scenario.FromYear}, whoever buys their output, modelled from the period starting {from}{(scenario.ToYear is { } y ? $" to {y}" : string.Empty)}; refineries it fed, member or not, lose that ore (mass balance at every refinery)."),
            "Stocks before the shock follow the plan without it (the shock is a surprise); strategic-reserve targets stop binding when it starts.",
        };
        if (from != scenario.FromYear)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{scenario.FromYear} is not a modelled year; the nearest period starts {from} (ties go to the later period)."));
        }

        // Reserve targets apply before the shock only.
        IReadOnlyList<IPolicyRule> BeforeShock(IReadOnlyList<IPolicyRule> rules) =>
            rules.Select(r => r is StrategicReserveRule reserve ? reserve with { ToYear = Math.Min(reserve.ToYear, from - 1) } : r).ToArray();

        var baseline = Solve(withStocks with { Rules = BeforeShock(withStocks.Rules) }, options, cancellationToken);
        var heldStock = baseline.HasSolution
            ? baseline.Periods.Where(p => p.Year < from).ToDictionary(p => p.Year, p => p.StockEndKt)
            : [];
        var shock = new ExportDisruptionRule(scenario.Iso3, scenario.RemainingFraction) { FromYear = from, ToYear = to, Stages = scenario.Stages, WholeOutput = true };

        PlanResult Variant(bool stocks, bool partners)
        {
            var q = stocks ? withStocks : problem with { Stockpile = problem.Stockpile with { Enabled = false } };
            var rules = BeforeShock(q.Rules).Append(shock).ToList();
            if (stocks)
            {
                rules.Add(new FixedStockRule(heldStock));
            }

            var variant = q with { Rules = rules };
            if (!partners)
            {
                // Members outside the core keep their output: their sites leave the problem; demand stays the coalition's.
                variant = variant with
                {
                    Sites = variant.Sites.Where(site => !site.IsMember || scenario.CoreMembers.Contains(site.Iso3, StringComparer.OrdinalIgnoreCase)).ToArray(),
                    Projects = variant.Projects.Where(pr => scenario.CoreMembers.Contains(pr.Iso3, StringComparer.OrdinalIgnoreCase)).ToArray(),
                };
            }

            return Solve(variant, options, cancellationToken);
        }

        var wsp = Variant(true, true);
        var nsp = Variant(false, true);
        var wsn = Variant(true, false);
        var nsn = Variant(false, false);

        int first = Array.IndexOf(probe.Periods.Select(p => p.Year).ToArray(), from);
        double stockAtShock = first == 0 ? withStocks.Stockpile.InitialStockKt : heldStock.GetValueOrDefault(probe.Periods[first - 1].Year);
        double gap = nsp.HasSolution ? nsp.Period(from).ShortfallKt : double.NaN;
        double? years = gap > 1e-9 ? stockAtShock / gap : null;
        double? periods = years / probe.Periods[first].LengthYears;
        double added = baseline.HasSolution ? gap - baseline.Period(from).ShortfallKt : double.NaN;
        double? yearsAdded = added > 1e-9 ? stockAtShock / added : null;
        if (scenario.CoreMembers.Count == 0)
        {
            notes.Add("Without partners: no member is kept; only stocks (and non-members, where the friendshoring rule allows) serve the coalition's demand.");
        }
        else
        {
            notes.Add($"Without partners: only {string.Join(", ", scenario.CoreMembers)} supply as members; the other members keep their output; the coalition's demand is unchanged.");
        }

        var rows = new List<StressRow>();
        foreach (var (name, result) in new[] { ("baseline (no shock)", baseline), ("with stocks, with partners", wsp), ("without stocks, with partners", nsp), ("with stocks, without partners", wsn), ("without stocks, without partners", nsn) })
        {
            rows.AddRange(result.Periods.Select(p => new StressRow(name, p.Year, p.DemandKt, p.ShortfallKt, p.ReleaseKt, p.StockEndKt, disrupted.Contains(p.Year) && result != baseline)));
        }

        return new StressTestResult(scenario, disrupted, baseline, wsp, nsp, wsn, nsn, stockAtShock, gap, added, years, periods, yearsAdded, rows, notes);
    }
}

using System.Globalization;
using CriticalMinerals.Data;

namespace CriticalMinerals.Modeling.Deposits;

/// <summary>How future costs are discounted to the first year.</summary>
public enum Discounting
{
    /// <summary>Cost in year index <c>k</c> (0 for the first year) divided by <c>(1 + r)^k</c>.</summary>
    Exponential,

    /// <summary>Cost in year index <c>k</c> divided by <c>1 + r·k</c>.</summary>
    Hyperbolic,
}

/// <summary>The deposit score the second objective weighs added capacity by (lower is better in every case, as in the paper's data).</summary>
public enum DepositScore
{
    /// <summary>No second objective: cost only.</summary>
    None,

    /// <summary>Ease of doing business (<see cref="LithiumDeposit.Edb"/>, 0 best to 100 worst): the paper's reference.</summary>
    EaseOfDoingBusiness,

    /// <summary>World Governance Indicator, political stability (<see cref="LithiumDeposit.Wgi"/>), a sensitivity run of the paper.</summary>
    GovernanceIndicator,

    /// <summary>World Competitiveness Ranking (<see cref="LithiumDeposit.Wcr"/>), a sensitivity run of the paper.</summary>
    CompetitivenessRanking,
}

/// <summary>The three resource tiers of a deposit, extracted at rising cost.</summary>
public enum ResourceTier
{
    /// <summary>Reserves (<see cref="LithiumDeposit.ReserveKt"/> at <see cref="LithiumDeposit.Cost1UsdPerTonneLi"/>).</summary>
    Reserve,

    /// <summary>Demonstrated resources beyond reserves (<see cref="LithiumDeposit.ResourceDemonstratedKt"/> at <see cref="LithiumDeposit.Cost2UsdPerTonneLi"/>).</summary>
    Demonstrated,

    /// <summary>Inferred resources (<see cref="LithiumDeposit.ResourceInferredKt"/> at <see cref="LithiumDeposit.Cost3UsdPerTonneLi"/>).</summary>
    Inferred,
}

/// <summary>
/// One instance of the deposit-level lithium supply MIP of Busch et al. (2025): the deposits that may serve, the primary
/// demand to serve year by year, and the model's parameters. Units are the paper code's: kt Li, USD per t Li (costs in the
/// deposit records), objective in million USD discounted to <see cref="FirstYear"/>.
/// </summary>
/// <param name="Deposits">Deposits that may serve, each with a distinct <see cref="LithiumDeposit.Id"/>.</param>
/// <param name="FirstYear">Calendar year of the first demand figure; the planned capacities are read by calendar year (2022, 2023, 2025, 2030 as in the data).</param>
/// <param name="DemandKt">Primary demand, kt Li per year, one figure a year from <paramref name="FirstYear"/>.</param>
/// <param name="DiscountRate">Discount rate <c>r</c> (the paper's default 0.07).</param>
/// <param name="Discounting">Exponential (the paper's default) or hyperbolic.</param>
/// <param name="Degradation">
/// Relative degradation of the cost optimum the second objective may spend (the paper's reference 0.1); 0 or
/// <see cref="DepositScore.None"/> solves cost only.
/// </param>
/// <param name="Score">The second objective's deposit score.</param>
/// <param name="UnmetDemandCostUsdPerTonneLi">
/// Penalty per t Li of unmet (backlogged) demand and year: the paper's 100,000 USD per t LCE (its historic-high price) × 5.323.
/// </param>
/// <param name="Label">What the instance is, for reports (e.g. the scenario and supply variant).</param>
public sealed record DepositProblem(
    IReadOnlyList<LithiumDeposit> Deposits,
    int FirstYear,
    IReadOnlyList<double> DemandKt,
    double DiscountRate = DepositProblem.DefaultDiscountRate,
    Discounting Discounting = Discounting.Exponential,
    double Degradation = DepositProblem.DefaultDegradation,
    DepositScore Score = DepositScore.EaseOfDoingBusiness,
    double UnmetDemandCostUsdPerTonneLi = DepositProblem.DefaultUnmetDemandCostUsdPerTonneLi,
    string Label = "deposits")
{
    /// <summary>The paper's discount rate, 7 %.</summary>
    public const double DefaultDiscountRate = 0.07;

    /// <summary>The paper's reference degradation of the cost optimum for the second objective, 10 %.</summary>
    public const double DefaultDegradation = 0.1;

    /// <summary>The paper's unmet-demand cost: 100,000 USD per t LCE × <see cref="LithiumUnits.LcePerLi"/> = 532,300 USD per t Li.</summary>
    public const double DefaultUnmetDemandCostUsdPerTonneLi = 100_000 * LithiumUnits.LcePerLi;

    /// <summary>Supply variant: the deposits of <c>Deposit.csv</c> as published.</summary>
    public const string BaseVariant = "Base";

    /// <summary>Supply variant: the base deposits without volcano-sedimentary (clay) ones, as the paper's <c>02-DepositScenarios.jl</c>.</summary>
    public const string NoClayVariant = "No Clay";

    /// <summary>The years of the instance, <see cref="FirstYear"/> onwards.</summary>
    public IReadOnlyList<int> Years => Enumerable.Range(FirstYear, DemandKt.Count).ToArray();

    /// <summary>The divisor of a cost in year index <paramref name="k"/> (0 for <see cref="FirstYear"/>).</summary>
    /// <param name="k">Year index.</param>
    /// <returns><c>(1 + r)^k</c> or <c>1 + r·k</c>.</returns>
    public double Discounter(int k) => Discounting == Discounting.Hyperbolic ? 1 + (DiscountRate * k) : Math.Pow(1 + DiscountRate, k);

    /// <summary>
    /// Planned capacity of a deposit in a calendar year (kt Li per year), as the paper's code interpolates it: the 2022 and 2023
    /// figures for those years, their mean for 2024, the 2025 figure, linear from 2025 to 2030 for 2026–2029, the 2030 figure after.
    /// </summary>
    /// <param name="deposit">The deposit.</param>
    /// <param name="year">Calendar year.</param>
    /// <returns>Planned capacity, kt Li per year.</returns>
    public static double PlannedCapacityKt(LithiumDeposit deposit, int year)
    {
        ArgumentNullException.ThrowIfNull(deposit);
        return year switch
        {
            <= 2022 => deposit.ProductionRate2022KtPerYear,
            2023 => deposit.ProductionRate2023KtPerYear,
            2024 => (deposit.ProductionRate2023KtPerYear + deposit.ProductionRate2025KtPerYear) / 2,
            2025 => deposit.ProductionRate2025KtPerYear,
            < 2030 => ((1 - ((year - 2025) / 5.0)) * deposit.ProductionRate2025KtPerYear) + ((year - 2025) / 5.0 * deposit.ProductionRate2030KtPerYear),
            _ => deposit.ProductionRate2030KtPerYear,
        };
    }

    /// <summary>The second objective's score of a deposit.</summary>
    /// <param name="deposit">The deposit.</param>
    /// <returns>The score (0 for <see cref="DepositScore.None"/>).</returns>
    public double ScoreOf(LithiumDeposit deposit)
    {
        ArgumentNullException.ThrowIfNull(deposit);
        return Score switch
        {
            DepositScore.EaseOfDoingBusiness => deposit.Edb,
            DepositScore.GovernanceIndicator => deposit.Wgi,
            DepositScore.CompetitivenessRanking => deposit.Wcr,
            _ => 0,
        };
    }

    /// <summary>Whether the solve has a second, lexicographic stage.</summary>
    public bool HasSecondObjective => Score != DepositScore.None && Degradation > 0;

    /// <summary>
    /// The instance the paper solves for a demand scenario and supply variant, with the deposit set and demand series
    /// optionally replaced (a coalition's own deposits and demand, for instance).
    /// </summary>
    /// <param name="data">The Busch et al. (2025) inputs (<see cref="MineralDataset.Busch2025"/>).</param>
    /// <param name="options">Scenario, variant, parameters and restrictions.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="ArgumentException">Unknown scenario or variant, a demand series of the wrong length, or no deposit left; the message names the value and what was expected.</exception>
    public static DepositProblem FromBusch(Busch2025Data data, DepositOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        IReadOnlyList<LithiumDeposit>? deposits = options.SupplyVariant switch
        {
            BaseVariant => data.Deposits,
            NoClayVariant => data.Deposits.Where(d => d.ResourceType != "Volcano-Sedimentary").ToArray(),
            _ => data.DepositScenarios.GetValueOrDefault(options.SupplyVariant),
        };
        if (deposits is null)
        {
            problems.Add($"Supply variant '{options.SupplyVariant}' is unknown; expected {BaseVariant}, {NoClayVariant} or one of busch2025/deposit_scenarios: {string.Join(", ", data.DepositScenarios.Keys.Order(StringComparer.Ordinal))}.");
        }

        if (!data.Scenarios.Contains(options.Scenario, StringComparer.Ordinal))
        {
            problems.Add($"Demand scenario '{options.Scenario}' is unknown; expected one of busch2025/Demand.csv: {string.Join(", ", data.Scenarios)}.");
        }

        int firstYear = data.Years[0];
        IReadOnlyList<double>? demand = options.DemandKt;
        if (demand is not null && demand.Count != data.Years.Count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"The explicit demand series has {demand.Count} figures; expected {data.Years.Count}, one a year {firstYear}–{data.Years[^1]}."));
        }

        if (options.RecycledKt is { } recycled)
        {
            if (demand is not null)
            {
                problems.Add("RecycledKt is set with an explicit DemandKt; an explicit demand is already primary, so give one or the other.");
            }

            if (recycled.Count != data.Years.Count)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"The recycled series has {recycled.Count} figures; expected {data.Years.Count}, one a year {firstYear}–{data.Years[^1]}."));
            }

            problems.AddRange(recycled.Select((r, t) => (r, t)).Where(p => !double.IsFinite(p.r) || p.r < 0)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"RecycledKt[{p.t}] (year {firstYear + p.t}) is {p.r}; expected a finite number ≥ 0.")));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        if (options.RecycledKt is { } secondary)
        {
            // Busch's world demand is net of their recycling: add it back, take the given secondary supply off.
            var busch = data.Recycling.Where(r => r.Scenario == options.Scenario).GroupBy(r => r.Year).ToDictionary(g => g.Key, g => g.Sum(r => r.RecyclingKt));
            demand = data.Years.Select((y, t) => Math.Max(0, data.WorldDemandIn(options.Scenario, y).DemandKt + busch.GetValueOrDefault(y) - secondary[t])).ToArray();
        }

        demand ??= data.Years.Select(y => data.WorldDemandIn(options.Scenario, y).DemandKt).ToArray();
        var serving = options.MayServe is { } mayServe ? deposits!.Where(mayServe).ToArray() : deposits!;
        if (serving.Count == 0)
        {
            throw new ArgumentException($"No deposit of supply variant '{options.SupplyVariant}' may serve: the MayServe predicate refused all {deposits!.Count}.", nameof(options));
        }

        string label = (options.DemandKt is null ? $"{options.Scenario} / {options.SupplyVariant}" : $"explicit demand / {options.SupplyVariant}")
            + (options.RecycledKt is null ? string.Empty : " / given recycling");
        return new DepositProblem(serving, firstYear, demand.ToArray(), options.DiscountRate, options.Discounting, options.Degradation, options.Score, options.UnmetDemandCostUsdPerTonneLi, label);
    }

    /// <summary>Every problem with the instance at once (empty when it is valid).</summary>
    /// <returns>One message per problem, naming the deposit, field and value.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Deposits is null || DemandKt is null)
        {
            problems.Add("Deposits and DemandKt are required.");
            return problems;
        }

        if (DemandKt.Count == 0)
        {
            problems.Add("DemandKt is empty; expected one figure a year.");
        }

        for (int t = 0; t < DemandKt.Count; t++)
        {
            if (!double.IsFinite(DemandKt[t]) || DemandKt[t] < 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"DemandKt[{t}] (year {FirstYear + t}) is {DemandKt[t]}; expected a finite number ≥ 0."));
            }
        }

        if (!(DiscountRate > -1 && double.IsFinite(DiscountRate)))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"DiscountRate is {DiscountRate}; expected a finite number > -1."));
        }

        if (!(Degradation >= 0 && double.IsFinite(Degradation)))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Degradation is {Degradation}; expected a finite number ≥ 0."));
        }

        if (!(UnmetDemandCostUsdPerTonneLi >= 0 && double.IsFinite(UnmetDemandCostUsdPerTonneLi)))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"UnmetDemandCostUsdPerTonneLi is {UnmetDemandCostUsdPerTonneLi}; expected a finite number ≥ 0."));
        }

        foreach (var group in Deposits.GroupBy(d => d.Id).Where(g => g.Count() > 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Deposit id {group.Key} appears {group.Count()} times; expected distinct ids."));
        }

        foreach (var d in Deposits)
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"Deposit {d.Id} '{d.Name}' ({d.File} row {d.Row})");
            void NonNegative(double value, string field)
            {
                if (!double.IsFinite(value) || value < 0)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: {field} is {value}; expected a finite number ≥ 0."));
                }
            }

            NonNegative(d.ReserveKt, "reserve");
            NonNegative(d.ResourceDemonstratedKt, "resource_demostrated");
            NonNegative(d.ResourceInferredKt, "resource_inferred");
            NonNegative(d.MaxProductionRateKtPerYear, "max_prod_rate");
            NonNegative(d.MaxRampUpKtPerYear, "max_ramp_up");
            NonNegative(d.ExpansionCostUsdPerTonnePerYear, "cost_expansion");
            NonNegative(d.OpeningCostUsd, "cost_opening");
            NonNegative(d.DelayYears, "delay_years");
            foreach (var (value, field) in new[] { (d.Cost1UsdPerTonneLi, "cost1"), (d.Cost2UsdPerTonneLi, "cost2"), (d.Cost3UsdPerTonneLi, "cost3") })
            {
                if (!double.IsFinite(value))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: {field} is {value}; expected a finite number."));
                }
            }

            for (int t = 0; t < DemandKt.Count; t++)
            {
                double planned = PlannedCapacityKt(d, FirstYear + t);
                if (!(planned >= 0) || planned > d.MaxProductionRateKtPerYear * (1 + 1e-9))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: planned capacity {planned} kt/yr in {FirstYear + t} exceeds max_prod_rate {d.MaxProductionRateKtPerYear} or is negative; the model would be infeasible."));
                    break;
                }
            }
        }

        return problems;
    }
}

/// <summary>
/// A run of the deposit model on the Busch et al. (2025) data: which demand and deposits, the model's parameters, and how to
/// solve. Every field has the paper's reference value as its default.
/// </summary>
public sealed record DepositOptions
{
    /// <summary>Demand scenario of <c>busch2025/Demand.csv</c> (default the paper's reference, <see cref="Busch2025Data.ReferenceScenario"/>).</summary>
    public string Scenario { get; init; } = Busch2025Data.ReferenceScenario;

    /// <summary>Supply variant: <see cref="DepositProblem.BaseVariant"/>, <see cref="DepositProblem.NoClayVariant"/>, or a file name of <c>busch2025/deposit_scenarios</c> without extension (e.g. <c>NoTax</c>).</summary>
    public string SupplyVariant { get; init; } = DepositProblem.BaseVariant;

    /// <summary>Demand to serve, kt Li per year 2022–2070, replacing <see cref="Scenario"/>'s world demand (e.g. a coalition's own demand from <see cref="Busch2025Data.RegionalDemand"/>); <see langword="null"/> for the scenario's.</summary>
    public IReadOnlyList<double>? DemandKt { get; init; }

    /// <summary>
    /// Secondary (recycled) lithium, kt Li per year 2022–2070, that replaces Busch et al.'s own <c>Recycling.csv</c> in the
    /// scenario's world demand: primary demand = <c>Demand.csv</c> + the scenario's world <c>Recycling.csv</c> − this, at least 0
    /// (e.g. the library's stock model). <see langword="null"/> keeps Busch's recycling, the reproduction basis. Not with
    /// <see cref="DemandKt"/>, which is already primary.
    /// </summary>
    public IReadOnlyList<double>? RecycledKt { get; init; }

    /// <summary>Which deposits may serve (e.g. those of a coalition's countries); <see langword="null"/> for all of the variant.</summary>
    public Func<LithiumDeposit, bool>? MayServe { get; init; }

    /// <summary>Discount rate (default 0.07).</summary>
    public double DiscountRate { get; init; } = DepositProblem.DefaultDiscountRate;

    /// <summary>Exponential (default) or hyperbolic discounting.</summary>
    public Discounting Discounting { get; init; } = Discounting.Exponential;

    /// <summary>Relative degradation of the cost optimum the second objective may spend (default 0.1; 0 for cost only).</summary>
    public double Degradation { get; init; } = DepositProblem.DefaultDegradation;

    /// <summary>The second objective's deposit score (default ease of doing business).</summary>
    public DepositScore Score { get; init; } = DepositScore.EaseOfDoingBusiness;

    /// <summary>Penalty per t Li of unmet demand and year (default 532,300 USD).</summary>
    public double UnmetDemandCostUsdPerTonneLi { get; init; } = DepositProblem.DefaultUnmetDemandCostUsdPerTonneLi;

    /// <summary>Wall-clock limit for the whole run (both stages and the dual LP); <see langword="null"/> for none.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Relative MIP gap at which each stage may stop (default 1e-3, i.e. 0.1 %).</summary>
    public double? RelativeGap { get; init; } = 1e-3;

    /// <summary>MIP backend (<see cref="Solving.SolverBackends.Cbc"/>, <see cref="Solving.SolverBackends.Scip"/>, <see cref="Solving.SolverBackends.Highs"/>); <see langword="null"/> for CBC where available (the one measured to reach the gap on the reference case, docs/deposits.md).</summary>
    public Solving.ISolverBackend? Backend { get; init; }

    /// <summary>Whether each stage first rounds its LP relaxation's openings up (a plan with a proven gap from two LPs) and calls the MIP backend only when that gap is too wide (default true; see <see cref="DepositSolver.Solve"/>).</summary>
    public bool RoundRelaxationFirst { get; init; } = true;

    /// <summary>
    /// Openings of a start plan, e.g. <see cref="DepositResult.Openings"/> of a neighbouring scenario's run (<see langword="null"/>
    /// for none): each stage also solves its LP with these openings fixed (deposits not named stay shut) and keeps that plan
    /// when it is feasible and better, so a grid can start from its neighbour. A start naming a deposit or year the instance
    /// lacks is ignored with a note; one infeasible for a stage is ignored there with a note.
    /// </summary>
    public IReadOnlyList<DepositOpening>? StartOpenings { get; init; }

    /// <summary>Whether to solve the LP with the openings fixed for demand duals (default true).</summary>
    public bool ComputeDuals { get; init; } = true;
}

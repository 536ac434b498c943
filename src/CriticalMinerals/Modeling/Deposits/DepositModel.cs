using System.Globalization;

namespace CriticalMinerals.Modeling.Deposits;

/// <summary>
/// The deposit dispatch MIP of Busch et al. (2025) (<c>Scripts/Supply Model/Optimization/RunOptimization.jl</c> of
/// github.com/pmbusch/Lithium-Supply) as a <see cref="LinearModel"/> with variables and rows named in deposit terms
/// (deposits as <c>ISO3-id</c>, years as calendar years). Objective in million USD discounted to the first year; kt Li.
/// </summary>
/// <remarks>
/// <para>For deposit <c>d</c> and year <c>t</c>:</para>
/// <list type="bullet">
/// <item><c>extract[d,tier,t]</c> ≥ 0, kt: extraction from the reserve, demonstrated and inferred tiers at <c>cost1..3</c>;
/// rows <c>tier_limit[d,tier]</c>: Σ_t extract ≤ the tier's tonnage.</item>
/// <item><c>added[d,t]</c> ∈ [0, max_ramp_up], kt/yr: capacity added at <c>cost_expansion</c>; 0 in the first <c>delay_years</c> years
/// (the paper prices it at 1e6 million USD per kt there, which no optimum pays while unmet demand costs 532 per kt).</item>
/// <item><c>capacity[d,t]</c> = planned capacity + Σ_{t'≤t} added, row <c>capacity_balance[d,t]</c> (the paper writes the sum out;
/// the running total is the same polytope with fewer nonzeros); row <c>extract_capacity[d,t]</c>: Σ_tier extract ≤ capacity.</item>
/// <item><c>opened[d,t]</c> binary: the mine is open in year <c>t</c>; <c>open[d,t]</c> ∈ [0, 1] = opened[t] − opened[t−1] (row
/// <c>opened_balance[d,t]</c>) is the paper's opening binary <c>w</c>, paid at <c>cost_opening</c>: its lower bound 0 makes opened
/// non-decreasing and opened ≤ 1 is the paper's "open only once", so open is 0/1 whenever opened is. Row <c>max_rate[d,t]</c>:
/// capacity ≤ reach · opened, where reach is max_prod_rate or, where lower, the capacity the deposit can have built by the year (planned plus ramp-up past the delay): the same integer plans, a tighter relaxation. (With the binary on <c>open</c> instead, SCIP 9 through OR-Tools returned points that
/// violate rows by 0.5 on the tests' three-deposit instance; on the state variable it solves them.)</item>
/// <item><c>unmet[t]</c> ≥ 0, kt: the backlog, row <c>demand[t]</c>: Σ extract + unmet[t] ≥ demand[t] + unmet[t−1], priced every year it is
/// carried, exactly as the paper's code.</item>
/// </list>
/// <para>Every cost of year index <c>k</c> is divided by the discounter (1+r)^k or 1+r·k, the unmet-demand cost too. The second
/// objective is Σ_d score[d] · Σ_t added[d,t], undiscounted, as in the paper.</para>
/// </remarks>
public sealed class DepositModel
{
    private static readonly ResourceTier[] Tiers = [ResourceTier.Reserve, ResourceTier.Demonstrated, ResourceTier.Inferred];

    private readonly int[,,] _extract;
    private readonly int[,] _added;
    private readonly int[,] _capacity;
    private readonly int[,] _open;
    private readonly int[,] _opened;
    private readonly int[] _unmet;
    private readonly int[] _demandRows;
    private readonly double[] _cost;
    private readonly double[] _second;

    private DepositModel(DepositProblem problem)
    {
        var invalid = problem.Validate();
        if (invalid.Count > 0)
        {
            throw new ArgumentException("Invalid deposit problem: " + string.Join(" ", invalid), nameof(problem));
        }

        Problem = problem;
        int n = problem.Deposits.Count, years = problem.DemandKt.Count;
        var model = new LinearModel("deposits", variableCapacity: n * years * 7, rowCapacity: n * years * 4, termCapacity: n * years * 14);
        _extract = new int[n, 3, years];
        _added = new int[n, years];
        _capacity = new int[n, years];
        _open = new int[n, years];
        _opened = new int[n, years];
        _unmet = new int[years];
        _demandRows = new int[years];
        var discounter = Enumerable.Range(0, years).Select(problem.Discounter).ToArray();

        for (int i = 0; i < n; i++)
        {
            var d = problem.Deposits[i];
            string key = Key(d);
            var tierLimit = new[] { d.ReserveKt, d.ResourceDemonstratedKt, d.ResourceInferredKt };
            var tierCost = new[] { d.Cost1UsdPerTonneLi, d.Cost2UsdPerTonneLi, d.Cost3UsdPerTonneLi };
            for (int t = 0; t < years; t++)
            {
                string year = Year(t);
                for (int k = 0; k < 3; k++)
                {
                    _extract[i, k, t] = tierLimit[k] > 0
                        ? model.AddVariable(0, double.PositiveInfinity, tierCost[k] / 1e3 / discounter[t], name: $"extract[{key},{TierName(Tiers[k])},{year}]")
                        : -1; // an empty tier has nothing to extract
                }

                bool delayed = t < d.DelayYears;
                _added[i, t] = model.AddVariable(0, delayed ? 0 : d.MaxRampUpKtPerYear, d.ExpansionCostUsdPerTonnePerYear / 1e3 / discounter[t], name: $"added[{key},{year}]");
                _capacity[i, t] = model.AddVariable(0, double.PositiveInfinity, name: $"capacity[{key},{year}]");
                _open[i, t] = model.AddVariable(0, 1, d.OpeningCostUsd / 1e6 / discounter[t], name: $"open[{key},{year}]");
                _opened[i, t] = model.AddVariable(0, 1, isInteger: true, name: $"opened[{key},{year}]");
            }
        }

        for (int t = 0; t < years; t++)
        {
            _unmet[t] = model.AddVariable(0, double.PositiveInfinity, problem.UnmetDemandCostUsdPerTonneLi / 1e3 / discounter[t], name: $"unmet[{Year(t)}]");
        }

        for (int i = 0; i < n; i++)
        {
            var d = problem.Deposits[i];
            string key = Key(d);
            for (int t = 0; t < years; t++)
            {
                string year = Year(t);
                double planned = DepositProblem.PlannedCapacityKt(d, problem.FirstYear + t);
                double plannedBefore = t == 0 ? 0 : DepositProblem.PlannedCapacityKt(d, problem.FirstYear + t - 1);

                // capacity[t] − capacity[t−1] − added[t] = planned[t] − planned[t−1]
                int balance = model.AddRow(planned - plannedBefore, planned - plannedBefore, $"capacity_balance[{key},{year}]");
                if (t > 0)
                {
                    model.AddTerm(balance, _capacity[i, t - 1], -1);
                }

                model.AddTerm(balance, _added[i, t], -1);
                model.AddTerm(balance, _capacity[i, t], 1);

                int extract = model.AddRow(double.NegativeInfinity, 0, $"extract_capacity[{key},{year}]");
                for (int k = 0; k < 3; k++)
                {
                    if (_extract[i, k, t] >= 0)
                    {
                        model.AddTerm(extract, _extract[i, k, t], 1);
                    }
                }

                model.AddTerm(extract, _capacity[i, t], -1);

                // opened[t] − opened[t−1] − open[t] = 0
                int opened = model.AddRow(0, 0, $"opened_balance[{key},{year}]");
                if (t > 0)
                {
                    model.AddTerm(opened, _opened[i, t - 1], -1);
                }

                model.AddTerm(opened, _open[i, t], -1);
                model.AddTerm(opened, _opened[i, t], 1);

                int rate = model.AddRow(double.NegativeInfinity, 0, $"max_rate[{key},{year}]");
                model.AddTerm(rate, _capacity[i, t], 1);
                model.AddTerm(rate, _opened[i, t], -CapacityReach(d, t, planned));
            }

            var tierLimit = new[] { d.ReserveKt, d.ResourceDemonstratedKt, d.ResourceInferredKt };
            for (int k = 0; k < 3; k++)
            {
                if (tierLimit[k] <= 0)
                {
                    continue;
                }

                int limit = model.AddRow(double.NegativeInfinity, tierLimit[k], $"tier_limit[{key},{TierName(Tiers[k])}]");
                for (int t = 0; t < years; t++)
                {
                    model.AddTerm(limit, _extract[i, k, t], 1);
                }
            }
        }

        for (int t = 0; t < years; t++)
        {
            // Σ extract + unmet[t] − unmet[t−1] ≥ demand[t]
            int row = model.AddRow(problem.DemandKt[t], double.PositiveInfinity, $"demand[{Year(t)}]");
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < 3; k++)
                {
                    if (_extract[i, k, t] >= 0)
                    {
                        model.AddTerm(row, _extract[i, k, t], 1);
                    }
                }
            }

            model.AddTerm(row, _unmet[t], 1);
            if (t > 0)
            {
                model.AddTerm(row, _unmet[t - 1], -1);
            }

            _demandRows[t] = row;
        }

        Model = model;
        _cost = model.ObjectiveCoefficients.ToArray();
        _second = new double[model.VariableCount];
        for (int i = 0; i < n; i++)
        {
            double score = problem.ScoreOf(problem.Deposits[i]);
            for (int t = 0; t < years; t++)
            {
                _second[_added[i, t]] = score;
            }
        }
    }

    /// <summary>The instance.</summary>
    public DepositProblem Problem { get; }

    /// <summary>The MIP with the cost objective (million USD, discounted).</summary>
    public LinearModel Model { get; }

    /// <summary>Cost objective coefficients, by variable (million USD per kt, per kt/yr of capacity or per opening, discounted).</summary>
    public IReadOnlyList<double> CostObjective => _cost;

    /// <summary>Second objective coefficients, by variable: the deposit's score on every <c>added</c> variable.</summary>
    public IReadOnlyList<double> SecondObjective => _second;

    /// <summary>Builds the model of an instance.</summary>
    /// <param name="problem">The instance.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The instance is invalid; the message lists every problem.</exception>
    public static DepositModel Build(DepositProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new DepositModel(problem);
    }

    /// <summary>Index of <c>extract[d,tier,t]</c>, or −1 when the tier is empty.</summary>
    /// <param name="deposit">Index of the deposit in <see cref="DepositProblem.Deposits"/>.</param>
    /// <param name="tier">Tier.</param>
    /// <param name="yearIndex">Year index (0 for the first year).</param>
    /// <returns>Variable index or −1.</returns>
    public int ExtractVariable(int deposit, ResourceTier tier, int yearIndex) => _extract[deposit, (int)tier, yearIndex];

    /// <summary>Index of <c>added[d,t]</c> (capacity added in the year, kt/yr).</summary>
    /// <param name="deposit">Deposit index.</param>
    /// <param name="yearIndex">Year index.</param>
    /// <returns>Variable index.</returns>
    public int AddedVariable(int deposit, int yearIndex) => _added[deposit, yearIndex];

    /// <summary>Index of <c>capacity[d,t]</c> (planned plus added capacity, kt/yr).</summary>
    /// <param name="deposit">Deposit index.</param>
    /// <param name="yearIndex">Year index.</param>
    /// <returns>Variable index.</returns>
    public int CapacityVariable(int deposit, int yearIndex) => _capacity[deposit, yearIndex];

    /// <summary>Index of <c>open[d,t]</c> (1 in the year the mine opens; integral because <see cref="OpenedVariable"/> is).</summary>
    /// <param name="deposit">Deposit index.</param>
    /// <param name="yearIndex">Year index.</param>
    /// <returns>Variable index.</returns>
    public int OpenVariable(int deposit, int yearIndex) => _open[deposit, yearIndex];

    /// <summary>Index of the binary <c>opened[d,t]</c> (1 once the mine has opened).</summary>
    /// <param name="deposit">Deposit index.</param>
    /// <param name="yearIndex">Year index.</param>
    /// <returns>Variable index.</returns>
    public int OpenedVariable(int deposit, int yearIndex) => _opened[deposit, yearIndex];

    /// <summary>Index of <c>unmet[t]</c> (backlog of unmet demand, kt).</summary>
    /// <param name="yearIndex">Year index.</param>
    /// <returns>Variable index.</returns>
    public int UnmetVariable(int yearIndex) => _unmet[yearIndex];

    /// <summary>Index of row <c>demand[t]</c>.</summary>
    /// <param name="yearIndex">Year index.</param>
    /// <returns>Row index.</returns>
    public int DemandRow(int yearIndex) => _demandRows[yearIndex];

    /// <summary>
    /// The model's variable vector of a plan given per deposit and year (as the paper's <c>Base_Julia.csv</c> holds it): the
    /// derived variables (capacity, opened, unmet backlog at its least) are filled in, so a published plan can be checked
    /// against this model and its cost computed (<see cref="LinearModel.EvaluateObjective"/>, <see cref="LinearModel.ComputeRowActivities"/>).
    /// </summary>
    /// <param name="plan">Rows by deposit id and calendar year; missing rows are zeros.</param>
    /// <returns>Variable values in model order.</returns>
    public double[] ToVariables(IEnumerable<DepositYear> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var index = Problem.Deposits.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        int years = Problem.DemandKt.Count;
        var x = new double[Model.VariableCount];
        foreach (var row in plan)
        {
            int t = row.Year - Problem.FirstYear;
            if (!index.TryGetValue(row.DepositId, out int i) || t < 0 || t >= years)
            {
                continue;
            }

            double[] tiers = [row.ReserveKt, row.DemonstratedKt, row.InferredKt];
            for (int k = 0; k < 3; k++)
            {
                if (_extract[i, k, t] >= 0)
                {
                    x[_extract[i, k, t]] = tiers[k];
                }
            }

            x[_added[i, t]] = row.CapacityAddedKt;
            x[_open[i, t]] = row.OpensThisYear ? 1 : 0;
        }

        for (int i = 0; i < Problem.Deposits.Count; i++)
        {
            double capacity = 0, opened = 0;
            for (int t = 0; t < years; t++)
            {
                capacity += x[_added[i, t]];
                opened += x[_open[i, t]];
                x[_capacity[i, t]] = capacity + DepositProblem.PlannedCapacityKt(Problem.Deposits[i], Problem.FirstYear + t);
                x[_opened[i, t]] = opened;
            }
        }

        double backlog = 0;
        for (int t = 0; t < years; t++)
        {
            double supplied = 0;
            for (int i = 0; i < Problem.Deposits.Count; i++)
            {
                for (int k = 0; k < 3; k++)
                {
                    supplied += _extract[i, k, t] >= 0 ? x[_extract[i, k, t]] : 0;
                }
            }

            backlog = Math.Max(0, Problem.DemandKt[t] + backlog - supplied);
            x[_unmet[t]] = backlog;
        }

        return x;
    }

    /// <summary>
    /// The coefficient of <c>opened</c> in <c>max_rate[d,t]</c>: the paper's max_prod_rate, or less where the capacity the
    /// deposit can reach by year <c>t</c> (planned capacity plus the ramp-up of every year past the delay) is lower. Valid for
    /// every integer plan (capacity never exceeds either), and a tighter relaxation: a mine opened a fraction early can no longer
    /// use that fraction of its full rate before it could have built it.
    /// </summary>
    internal static double CapacityReach(Data.LithiumDeposit d, int yearIndex, double plannedKt)
    {
        int rampYears = Math.Max(0, yearIndex + 1 - d.DelayYears);
        return Math.Min(d.MaxProductionRateKtPerYear, Math.Max(plannedKt, 0) + (rampYears * d.MaxRampUpKtPerYear));
    }

    internal static string Key(Data.LithiumDeposit d) => string.Create(CultureInfo.InvariantCulture, $"{d.Iso3}-{d.Id}");

    internal static string TierName(ResourceTier tier) => tier switch
    {
        ResourceTier.Reserve => "reserve",
        ResourceTier.Demonstrated => "demonstrated",
        _ => "inferred",
    };

    private string Year(int t) => (Problem.FirstYear + t).ToString(CultureInfo.InvariantCulture);
}

using CriticalMinerals.Modeling;

namespace CriticalMinerals.Tests.Solving;

/// <summary>Small models whose optimum, duals and reduced costs are computed by hand in the comments.</summary>
internal static class ConformanceModels
{
    private const double Inf = double.PositiveInfinity;

    /// <summary>
    /// Wyndor Glass: max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18, x, y ≥ 0.
    /// Optimum (2, 6) = 36. Duals (∂z/∂rhs): 0, 1.5, 1. Reduced costs 0, 0.
    /// </summary>
    public static LinearModel Wyndor()
    {
        var m = new LinearModel("wyndor") { Sense = ObjectiveSense.Maximize };
        int x = m.AddVariable(0, Inf, 3, name: "x");
        int y = m.AddVariable(0, Inf, 5, name: "y");
        m.AddRow(-Inf, 4, [x], [1.0], "plant1");
        m.AddRow(-Inf, 12, [y], [2.0], "plant2");
        m.AddRow(-Inf, 18, [x, y], [3.0, 2.0], "plant3");
        return m;
    }

    /// <summary>
    /// min 2x + 3y + 10z, x + y + z ≥ 4, x + 3y ≥ 6, x, y, z ≥ 0.
    /// Optimum (3, 1, 0) = 9. Duals from 2 = y1 + y2, 3 = y1 + 3y2: y1 = 1.5, y2 = 0.5.
    /// Reduced cost of z = 10 − 1.5 = 8.5.
    /// </summary>
    public static LinearModel Diet()
    {
        var m = new LinearModel("diet");
        int x = m.AddVariable(0, Inf, 2, name: "x");
        int y = m.AddVariable(0, Inf, 3, name: "y");
        int z = m.AddVariable(0, Inf, 10, name: "z");
        m.AddRow(4, Inf, [x, y, z], [1.0, 1.0, 1.0], "need1");
        m.AddRow(6, Inf, [x, y], [1.0, 3.0], "need2");
        return m;
    }

    /// <summary>
    /// Degenerate: max x + y, x ≤ 1, y ≤ 1, x + y ≤ 2. Optimum 2 at (1, 1) where three rows meet, so the duals are
    /// not unique: any y ≥ 0 with y1 + y3 = 1 and y2 + y3 = 1.
    /// </summary>
    public static LinearModel Degenerate()
    {
        var m = new LinearModel("degenerate") { Sense = ObjectiveSense.Maximize };
        int x = m.AddVariable(0, Inf, 1, name: "x");
        int y = m.AddVariable(0, Inf, 1, name: "y");
        m.AddRow(-Inf, 1, [x], [1.0]);
        m.AddRow(-Inf, 1, [y], [1.0]);
        m.AddRow(-Inf, 2, [x, y], [1.0, 1.0]);
        return m;
    }

    /// <summary>
    /// Equality and ranged rows: min x + 2y, x + y = 3, 1 ≤ x − y ≤ 2, x, y ≥ 0.
    /// y = 3 − x and 2x − 3 ≤ 2 give x = 2.5, y = 0.5, objective 3.5.
    /// Duals from 1 = y1 + y2, 2 = y1 − y2: y1 = 1.5, y2 = −0.5 (the range's upper end binds).
    /// </summary>
    public static LinearModel EqualityAndRange()
    {
        var m = new LinearModel("ranged");
        int x = m.AddVariable(0, Inf, 1, name: "x");
        int y = m.AddVariable(0, Inf, 2, name: "y");
        m.AddRow(3, 3, [x, y], [1.0, 1.0], "sum");
        m.AddRow(1, 2, [x, y], [1.0, -1.0], "spread");
        return m;
    }

    /// <summary>
    /// Free variables: min x + y, x + 2y ≥ 4, 2x + y ≥ 5, x and y free. Optimum (2, 1) = 3; duals 1/3, 1/3.
    /// Also an objective offset of 10, so the objective is 13.
    /// </summary>
    public static LinearModel FreeVariables()
    {
        var m = new LinearModel("free") { ObjectiveOffset = 10 };
        int x = m.AddVariable(double.NegativeInfinity, Inf, 1, name: "x");
        int y = m.AddVariable(double.NegativeInfinity, Inf, 1, name: "y");
        m.AddRow(4, Inf, [x, y], [1.0, 2.0]);
        m.AddRow(5, Inf, [x, y], [2.0, 1.0]);
        return m;
    }

    /// <summary>Infeasible: x + y ≥ 5 with x, y ∈ [0, 1].</summary>
    public static LinearModel Infeasible()
    {
        var m = new LinearModel("infeasible");
        int x = m.AddVariable(0, 1, 1);
        int y = m.AddVariable(0, 1, 1);
        m.AddRow(5, Inf, [x, y], [1.0, 1.0]);
        return m;
    }

    /// <summary>Unbounded: max x + y, x − y ≤ 1, x, y ≥ 0 (the ray (1, 1) improves without end).</summary>
    public static LinearModel Unbounded()
    {
        var m = new LinearModel("unbounded") { Sense = ObjectiveSense.Maximize };
        int x = m.AddVariable(0, Inf, 1);
        int y = m.AddVariable(0, Inf, 1);
        m.AddRow(-Inf, 1, [x, y], [1.0, -1.0]);
        return m;
    }

    /// <summary>
    /// 0-1 knapsack: max 10a + 13b + 7c + 8d, 4a + 6b + 3c + 5d ≤ 10. By enumeration: {a, b} weighs 10 and is
    /// worth 23, the best of all 16 subsets.
    /// </summary>
    public static LinearModel Knapsack()
    {
        var m = new LinearModel("knapsack") { Sense = ObjectiveSense.Maximize };
        double[] value = [10, 13, 7, 8];
        double[] weight = [4, 6, 3, 5];
        var items = value.Select((v, k) => m.AddVariable(0, 1, v, isInteger: true, name: "item" + k)).ToArray();
        m.AddRow(-Inf, 10, items, weight, "capacity");
        return m;
    }

    /// <summary>
    /// Fixed charge with continuous flows: demand 8 from two plants (capacity 10 and 8, fixed cost 20 and 15,
    /// unit cost 2 and 3). Plant 1 alone: 20 + 16 = 36; plant 2 alone: 15 + 24 = 39; both cost more.
    /// Optimum 36 with flow 8 from plant 1. The LP relaxation gives 32 (open 0.8 of plant 1).
    /// </summary>
    public static LinearModel FixedCharge()
    {
        var m = new LinearModel("fixed_charge");
        int f1 = m.AddVariable(0, Inf, 2, name: "flow1");
        int f2 = m.AddVariable(0, Inf, 3, name: "flow2");
        int o1 = m.AddVariable(0, 1, 20, isInteger: true, name: "open1");
        int o2 = m.AddVariable(0, 1, 15, isInteger: true, name: "open2");
        m.AddRow(8, 8, [f1, f2], [1.0, 1.0], "demand");
        m.AddRow(-Inf, 0, [f1, o1], [1.0, -10.0], "cap1");
        m.AddRow(-Inf, 0, [f2, o2], [1.0, -8.0], "cap2");
        return m;
    }

    /// <summary>An empty model with an offset: the optimum is the offset.</summary>
    public static LinearModel Empty() => new("empty") { ObjectiveOffset = 4.5 };

    /// <summary>No rows: min −x, 0 ≤ x ≤ 10. Optimum −10 at x = 10 (CLP returned ABNORMAL on it through OR-Tools 9.15).</summary>
    public static LinearModel NoRows()
    {
        var m = new LinearModel("no_rows");
        m.AddVariable(0, 10, -1, name: "x");
        return m;
    }

    /// <summary>No rows and no bound on the improving side: min −x, x ≥ 0. Unbounded.</summary>
    public static LinearModel NoRowsUnbounded()
    {
        var m = new LinearModel("no_rows_unbounded");
        m.AddVariable(0, Inf, -1, name: "x");
        return m;
    }

    /// <summary>Rows but no variables: −1 ≤ 0 ≤ 1 and 0 ≤ 0 ≤ 2, offset 2. Optimum 2 (CLP crashed the process on it).</summary>
    public static LinearModel RowsWithoutVariables()
    {
        var m = new LinearModel("rows_only") { ObjectiveOffset = 2 };
        m.AddRow(-1, 1, "r1");
        m.AddRow(0, 2, "r2");
        return m;
    }

    /// <summary>Rows but no variables, and a row that excludes 0: 1 ≤ 0 ≤ 2. Infeasible.</summary>
    public static LinearModel RowsWithoutVariablesInfeasible()
    {
        var m = new LinearModel("rows_only_infeasible");
        m.AddRow(1, 2, "r1");
        return m;
    }

    /// <summary>
    /// Integer values beyond 1e7: min x + y, x + 2y ≥ 30,000,001, x, y ≥ 0 integer (no upper bounds). Optimum
    /// 15,000,001 (y = 15,000,000 and x = 1, or y = 15,000,001). OR-Tools truncates CP-SAT's domains to ±1e7, where the model is infeasible.
    /// </summary>
    public static LinearModel LargeIntegerValues(double upperBound = Inf)
    {
        var m = new LinearModel("large_integers");
        int x = m.AddVariable(0, upperBound, 1, isInteger: true, name: "x");
        int y = m.AddVariable(0, upperBound, 1, isInteger: true, name: "y");
        m.AddRow(30_000_001, Inf, [x, y], [1.0, 2.0], "need");
        return m;
    }

    /// <summary>
    /// Badly scaled objective: max 4e-7·x + 1e-7·y, x + y ≤ 21, x, y ∈ {0..15}, y ≤ 6. Optimum at (15, 6) = 6.6e-6.
    /// Through OR-Tools 9.15 CP-SAT rounds the objective coefficients to 0 and reports OPTIMAL at (0, 0).
    /// </summary>
    public static LinearModel TinyObjective()
    {
        var m = new LinearModel("tiny_objective") { Sense = ObjectiveSense.Maximize };
        int x = m.AddVariable(0, 15, 4e-7, isInteger: true, name: "x");
        int y = m.AddVariable(0, 6, 1e-7, isInteger: true, name: "y");
        m.AddRow(-Inf, 21, [x, y], [1.0, 1.0], "cap");
        return m;
    }

    /// <summary>
    /// Badly scaled row: max y − 1,000,000·x, y − 1,000,000.4·x ≤ 0, x ∈ {0..9}, y ∈ {0..9,999,999}. y ≤ ⌊1,000,000.4·x⌋ gives
    /// x = 9, y = 9,000,003: optimum 3. A solver that rounds the coefficient to 1,000,000 reports 0.
    /// </summary>
    public static LinearModel FractionalRow()
    {
        var m = new LinearModel("fractional_row") { Sense = ObjectiveSense.Maximize };
        int x = m.AddVariable(0, 9, -1_000_000, isInteger: true, name: "x");
        int y = m.AddVariable(0, 9_999_999, 1, isInteger: true, name: "y");
        m.AddRow(-Inf, 0, [y, x], [1.0, -1_000_000.4], "ratio");
        return m;
    }

    /// <summary>
    /// A random transportation LP, feasible by construction (total supply exceeds total demand), with
    /// <paramref name="sources"/> × <paramref name="sinks"/> continuous variables and seeded costs.
    /// </summary>
    public static LinearModel Transportation(int sources, int sinks, int seed)
    {
        var random = new Random(seed);
        var m = new LinearModel("transport", sources * sinks, sources + sinks, 2 * sources * sinks);
        var demand = Enumerable.Range(0, sinks).Select(_ => 10 + (90 * random.NextDouble())).ToArray();
        double supplyEach = demand.Sum() * 1.2 / sources;
        for (int i = 0; i < sources; i++)
        {
            for (int j = 0; j < sinks; j++)
            {
                m.AddVariable(0, Inf, 1 + (99 * random.NextDouble()));
            }
        }

        for (int i = 0; i < sources; i++)
        {
            int row = m.AddRow(-Inf, supplyEach);
            for (int j = 0; j < sinks; j++)
            {
                m.AddTerm(row, (i * sinks) + j, 1);
            }
        }

        for (int j = 0; j < sinks; j++)
        {
            int row = m.AddRow(demand[j], Inf);
            for (int i = 0; i < sources; i++)
            {
                m.AddTerm(row, (i * sinks) + j, 1);
            }
        }

        return m;
    }

    /// <summary>
    /// A market-split instance (Cornuéjols and Dawande): equality-constrained 0-1 rows with slacks; branch and bound
    /// needs far more than a second on it, which makes it a reliable subject for time limits and cancellation.
    /// Pure integer, so every MIP backend including CP-SAT takes it.
    /// </summary>
    public static LinearModel MarketSplit(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var m = new LinearModel("market_split");
        var x = Enumerable.Range(0, columns).Select(j => m.AddVariable(0, 1, 0, isInteger: true)).ToArray();
        for (int i = 0; i < rows; i++)
        {
            var a = Enumerable.Range(0, columns).Select(_ => (double)random.Next(0, 100)).ToArray();
            double rhs = Math.Floor(a.Sum() / 2);
            int plus = m.AddVariable(0, rhs, 1, isInteger: true);
            int minus = m.AddVariable(0, rhs, 1, isInteger: true);
            int row = m.AddRow(rhs, rhs, x, a);
            m.AddTerm(row, plus, 1);
            m.AddTerm(row, minus, -1);
        }

        return m;
    }
}

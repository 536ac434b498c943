using CriticalMinerals.Modeling;
using Google.OrTools.ModelBuilder;

namespace CriticalMinerals.Benchmarks;

/// <summary>
/// A seeded, deterministic transportation LP: <c>sources × sinks</c> shipments <c>x[i,j] ≥ 0</c> at random
/// unit costs, one supply row <c>Σ_j x[i,j] ≤ supply[i]</c> per source and one demand row
/// <c>Σ_i x[i,j] ≥ demand[j]</c> per sink. Every source reaches every sink and total demand is 90 % of total
/// supply, so the LP is feasible and bounded by construction.
/// </summary>
public sealed class TransportationInstance
{
    private TransportationInstance(int sources, int sinks, double[] costs, double[] supply, double[] demand)
    {
        Sources = sources;
        Sinks = sinks;
        Costs = costs;
        Supply = supply;
        Demand = demand;
    }

    /// <summary>Number of sources (supply rows).</summary>
    public int Sources { get; }

    /// <summary>Number of sinks (demand rows).</summary>
    public int Sinks { get; }

    /// <summary>Unit cost of shipment <c>(i, j)</c> at index <c>i * Sinks + j</c>.</summary>
    public double[] Costs { get; }

    /// <summary>Capacity of each source.</summary>
    public double[] Supply { get; }

    /// <summary>Requirement of each sink.</summary>
    public double[] Demand { get; }

    /// <summary>Number of variables, <c>Sources × Sinks</c>.</summary>
    public int VariableCount => Sources * Sinks;

    /// <summary>Number of rows, <c>Sources + Sinks</c>.</summary>
    public int RowCount => Sources + Sinks;

    /// <summary>Number of nonzero coefficients: every variable is in one supply and one demand row.</summary>
    public int NonzeroCount => 2 * Sources * Sinks;

    /// <summary>Side of the square instance closest to <paramref name="variables"/> variables (1e4 → 100, 1e5 → 316, 1e6 → 1000).</summary>
    public static int SideFor(int variables) => (int)Math.Round(Math.Sqrt(variables));

    /// <summary>Nonzeros of the square instance for a nominal variable count.</summary>
    public static long NonzerosFor(int variables) => 2L * SideFor(variables) * SideFor(variables);

    /// <summary>A square instance of about <paramref name="variables"/> variables.</summary>
    public static TransportationInstance Create(int variables, int seed = 20_260_101)
    {
        int side = SideFor(variables);
        return Create(side, side, seed);
    }

    /// <summary>An instance with the given shape; the same arguments give the same instance.</summary>
    public static TransportationInstance Create(int sources, int sinks, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sources);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sinks);
        var random = new Random(seed);
        var costs = new double[sources * sinks];
        for (int k = 0; k < costs.Length; k++)
        {
            costs[k] = 1 + Math.Round(random.NextDouble() * 99, 2);
        }

        var supply = new double[sources];
        double totalSupply = 0;
        for (int i = 0; i < sources; i++)
        {
            supply[i] = 50 + Math.Round(random.NextDouble() * 150);
            totalSupply += supply[i];
        }

        var demand = new double[sinks];
        double totalDemand = 0;
        for (int j = 0; j < sinks; j++)
        {
            demand[j] = 1 + random.NextDouble();
            totalDemand += demand[j];
        }

        // Scale demand to 90 % of supply and round down: feasible by construction with slack to spare.
        double scale = 0.9 * totalSupply / totalDemand;
        for (int j = 0; j < sinks; j++)
        {
            demand[j] = Math.Floor(demand[j] * scale * 100) / 100;
        }

        return new TransportationInstance(sources, sinks, costs, supply, demand);
    }

    /// <summary>The library's model of the instance, built through the index path with capacities reserved.</summary>
    public LinearModel BuildLinearModel()
    {
        var model = new LinearModel("transportation", VariableCount, RowCount, NonzeroCount);
        int m = Sources;
        int n = Sinks;
        var costs = Costs;
        for (int k = 0; k < costs.Length; k++)
        {
            model.AddVariable(0, double.PositiveInfinity, costs[k]);
        }

        for (int i = 0; i < m; i++)
        {
            int row = model.AddRow(double.NegativeInfinity, Supply[i]);
            int first = i * n;
            for (int j = 0; j < n; j++)
            {
                model.AddTerm(row, first + j, 1);
            }
        }

        for (int j = 0; j < n; j++)
        {
            int row = model.AddRow(Demand[j], double.PositiveInfinity);
            for (int i = 0; i < m; i++)
            {
                model.AddTerm(row, (i * n) + j, 1);
            }
        }

        return model;
    }

    /// <summary>
    /// The same model written straight into OR-Tools' ModelBuilder through its index API, in the same order as
    /// <see cref="BuildLinearModel"/> followed by the library's copy: the baseline the library is measured against.
    /// </summary>
    public void BuildRaw(ModelBuilderHelper builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        int m = Sources;
        int n = Sinks;
        var costs = Costs;
        for (int k = 0; k < costs.Length; k++)
        {
            int v = builder.AddVar();
            // A new variable or row starts at [-∞, +∞]: the floor sets only the bounds that differ.
            builder.SetVarLowerBound(v, 0);
            builder.SetVarObjectiveCoefficient(v, costs[k]);
        }

        for (int i = 0; i < m; i++)
        {
            int r = builder.AddLinearConstraint();
            builder.SetConstraintUpperBound(r, Supply[i]);
            int first = i * n;
            for (int j = 0; j < n; j++)
            {
                builder.AddConstraintTerm(r, first + j, 1);
            }
        }

        for (int j = 0; j < n; j++)
        {
            int r = builder.AddLinearConstraint();
            builder.SetConstraintLowerBound(r, Demand[j]);
            for (int i = 0; i < m; i++)
            {
                builder.AddConstraintTerm(r, (i * n) + j, 1);
            }
        }

        builder.SetMaximize(false);
        builder.SetObjectiveOffset(0);
    }
}

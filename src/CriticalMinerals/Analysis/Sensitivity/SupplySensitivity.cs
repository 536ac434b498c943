using System.Globalization;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Sensitivity;

/// <summary>The shadow price of one row of the supply LP, in domain words.</summary>
/// <param name="Row">Row index.</param>
/// <param name="Name">Row name in the model, e.g. <c>mine_balance[AUS]</c>.</param>
/// <param name="Description">What the row says, e.g. "ore shipped from mines in AUS ≤ their output".</param>
/// <param name="Activity">Row activity at the optimum.</param>
/// <param name="LowerBound">Row lower bound.</param>
/// <param name="UpperBound">Row upper bound.</param>
/// <param name="Dual">Shadow price: kt of shortfall added per +1 of the row's right-hand side.</param>
/// <param name="Binding">Whether the activity is at a finite bound (within 1e-7 relative).</param>
public sealed record ShadowPrice(int Row, string Name, string Description, double Activity, double LowerBound, double UpperBound, double Dual, bool Binding);

/// <summary>The reduced cost of one variable of the supply LP, in domain words.</summary>
/// <param name="Variable">Variable index.</param>
/// <param name="Name">Variable name in the model, e.g. <c>refined[CHL]</c>.</param>
/// <param name="Description">What the variable is, e.g. "refined output in CHL (capacity)".</param>
/// <param name="Value">Value at the optimum (kt).</param>
/// <param name="LowerBound">Lower bound.</param>
/// <param name="UpperBound">Upper bound (the capacity, for capacity variables).</param>
/// <param name="ReducedCost">kt of shortfall added per +1 kt of the variable forced in; at an upper bound, minus the shortfall avoided per +1 kt of that bound.</param>
/// <param name="AtBound">Whether the value is at a finite bound.</param>
public sealed record ReducedCostEntry(int Variable, string Name, string Description, double Value, double LowerBound, double UpperBound, double ReducedCost, bool AtBound);

/// <summary>Which right-hand side a range moves.</summary>
public enum RangedSide
{
    /// <summary>A row's active bound (both bounds of an equality row).</summary>
    Row,

    /// <summary>A variable's upper bound (a capacity, available recycling or scrap feed).</summary>
    VariableUpperBound,
}

/// <summary>
/// How far one right-hand side can move, alone, while its shadow price stays what it is: the interval on which the
/// optimal shortfall is the straight line <c>z₀ + dual·(b − b₀)</c>.
/// </summary>
/// <param name="Side">Row or variable bound.</param>
/// <param name="Index">Row or variable index.</param>
/// <param name="Name">Row or variable name.</param>
/// <param name="Description">Domain words.</param>
/// <param name="Value">The right-hand side now.</param>
/// <param name="Dual">Its shadow price (row dual or reduced cost).</param>
/// <param name="LowerLimit">Lowest value with the same shadow price (−∞ if none was found within 10⁹·(1 + |b₀|)).</param>
/// <param name="UpperLimit">Highest value with the same shadow price (+∞ likewise).</param>
public sealed record RhsRange(RangedSide Side, int Index, string Name, string Description, double Value, double Dual, double LowerLimit, double UpperLimit);

/// <summary>Options of right-hand-side ranging.</summary>
public sealed record RangingOptions
{
    /// <summary>Range variable bounds (capacities) as well as rows; on by default.</summary>
    public bool IncludeVariableBounds { get; init; } = true;

    /// <summary>Relative width <c>tol·(1 + |b₀|)</c> at which bisection stops; each limit is the last point found inside. 1e-7 by default.</summary>
    public double LimitTolerance { get; init; } = 1e-7;

    /// <summary>A re-solve is on the line when <c>|z − z₀ − dual·Δb| ≤ tol·(1 + |z₀| + |dual·Δb|)</c>. 1e-8 by default.</summary>
    public double LineTolerance { get; init; } = 1e-8;
}

/// <summary>The sensitivity of one network's optimum.</summary>
/// <param name="Network">The network.</param>
/// <param name="ShortfallKt">Optimal shortfall.</param>
/// <param name="ShadowPrices">Every row.</param>
/// <param name="ReducedCosts">Every variable.</param>
/// <param name="Ranges">Ranges of the binding rows, then of the variables at their upper bound, in model order.</param>
public sealed record SensitivityReport(SupplyNetwork Network, double ShortfallKt, IReadOnlyList<ShadowPrice> ShadowPrices, IReadOnlyList<ReducedCostEntry> ReducedCosts, IReadOnlyList<RhsRange> Ranges);

/// <summary>One point of a parametric curve.</summary>
/// <param name="Value">Value of the parameter.</param>
/// <param name="Status">Solve status.</param>
/// <param name="DemandKt">Demand.</param>
/// <param name="ShortfallKt">Optimal shortfall.</param>
/// <param name="Coverage">Supplied over demand.</param>
public sealed record CurvePoint(double Value, SolveStatus Status, double DemandKt, double ShortfallKt, double Coverage);

/// <summary>A parametric curve: the optimum as one parameter moves.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Points">One point per value, in the order given.</param>
public sealed record ParametricCurve(ScenarioParameter Parameter, IReadOnlyList<CurvePoint> Points);

/// <summary>A parameter of a tornado and its low and high values.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Low">Low value.</param>
/// <param name="High">High value.</param>
public sealed record TornadoInput(ScenarioParameter Parameter, double Low, double High);

/// <summary>One bar of a tornado.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Low">Low value.</param>
/// <param name="High">High value.</param>
/// <param name="ShortfallAtLowKt">Shortfall with the parameter at its low value, the others at base.</param>
/// <param name="ShortfallAtHighKt">Shortfall at the high value.</param>
/// <param name="SwingKt">|high − low| shortfall.</param>
public sealed record TornadoBar(ScenarioParameter Parameter, double Low, double High, double ShortfallAtLowKt, double ShortfallAtHighKt, double SwingKt);

/// <summary>Tornado data: bars sorted by swing, largest first (ties by parameter name).</summary>
/// <param name="BaseShortfallKt">Shortfall of the base network.</param>
/// <param name="Bars">The bars.</param>
public sealed record TornadoResult(double BaseShortfallKt, IReadOnlyList<TornadoBar> Bars);

/// <summary>
/// Sensitivity of the coalition supply LP: shadow prices and reduced costs in domain words, right-hand-side ranging,
/// parametric curves and tornado data, all on warm re-solves of one session.
/// </summary>
/// <remarks>
/// <para>
/// Ranging is parametric, not read from the basis: OR-Tools' session does not expose the basis, and a basis-based
/// range is also wrong at a degenerate optimum, where the basis can change while the shadow price does not. For each
/// right-hand side <c>b</c> with shadow price <c>y</c>, the optimal shortfall <c>z(b)</c> is convex and piecewise linear
/// in <c>b</c>, so the values where <c>z(b) = z₀ + y·(b − b₀)</c> form an interval around <c>b₀</c>: the range over which
/// the shadow price stays <c>y</c>. Its ends are found by doubling steps (from 1/8·max(1, |b₀|)) until a re-solve leaves the
/// line, then bisection to <see cref="RangingOptions.LimitTolerance"/>; each limit is the last point found on the line,
/// so it lies inside the range and within the tolerance of the true breakpoint; a kink is seen only where the slope change
/// times the distance exceeds <see cref="RangingOptions.LineTolerance"/>·(1 + |z₀|), and a limit within 1e-6·(1 + |b₀|) of
/// <c>b₀</c> is reported as <c>b₀</c> (at a degenerate optimum the price may hold at <c>b₀</c> alone). A bound moved past
/// the opposite bound of its row or variable, or a re-solve that is not optimal, counts as off the line.
/// </para>
/// </remarks>
public sealed class SupplySensitivity
{
    private static readonly SolveOptions s_noDuals = SolveOptions.Default with { ComputeDuals = false };
    private readonly ISolverBackend? _backend;

    /// <summary>Creates the analysis.</summary>
    /// <param name="backend">Backend; the automatic choice (CLP, correct duals, warm) when <see langword="null"/>.</param>
    public SupplySensitivity(ISolverBackend? backend = null) => _backend = backend;

    /// <summary>Shadow prices, reduced costs and right-hand-side ranges of a network's optimum.</summary>
    /// <exception cref="InvalidOperationException">The network does not solve to optimality with duals.</exception>
    public SensitivityReport Analyze(SupplyNetwork network, RangingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new RangingOptions();
        using var solver = new SupplySolver(_backend);
        var (model, session) = solver.SessionFor(network);
        var solution = session.Solve(SolveOptions.Default, cancellationToken);
        if (solution.Status != SolveStatus.Optimal || solution.Duals is not { } duals || solution.ReducedCosts is not { } reduced)
        {
            throw new InvalidOperationException($"The network did not solve to optimality with duals: {solution.Status}. {solution.Message}");
        }

        var lp = session.Model;
        double z0 = solution.ObjectiveValue!.Value;
        var prices = new List<ShadowPrice>();
        var ranges = new List<RhsRange>();
        for (int i = 0; i < lp.RowCount; i++)
        {
            double activity = solution.RowActivities[i], lo = lp.RowLowerBounds[i], hi = lp.RowUpperBounds[i];
            bool atLower = double.IsFinite(lo) && Near(activity, lo);
            bool atUpper = double.IsFinite(hi) && Near(activity, hi);
            string name = lp.RowName(i);
            string description = DescribeRow(name);
            prices.Add(new ShadowPrice(i, name, description, activity, lo, hi, Clean(duals[i]), atLower || atUpper));
            if (atLower || atUpper)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool equality = lo == hi;
                bool upperSide = atUpper && !equality;
                double b0 = upperSide ? hi : lo;
                void Set(double b) => session.SetRowBounds(i, equality ? b : upperSide ? lo : b, equality || upperSide ? b : hi);
                bool Allowed(double b) => equality || (upperSide ? b >= lo : b <= hi);
                var (lower, upper) = Range(session, Set, Allowed, b0, z0, duals[i], options, cancellationToken);
                ranges.Add(new RhsRange(RangedSide.Row, i, name, description, b0, Clean(duals[i]), lower, upper));
            }
        }

        var costs = new List<ReducedCostEntry>();
        for (int j = 0; j < lp.VariableCount; j++)
        {
            double value = solution.Values[j], lo = lp.VariableLowerBounds[j], hi = lp.VariableUpperBounds[j];
            bool atLower = double.IsFinite(lo) && Near(value, lo);
            bool atUpper = double.IsFinite(hi) && Near(value, hi);
            string name = lp.VariableName(j);
            string description = DescribeVariable(name);
            costs.Add(new ReducedCostEntry(j, name, description, value, lo, hi, Clean(reduced[j]), atLower || atUpper));
            if (options.IncludeVariableBounds && atUpper)
            {
                // Upper bounds are the capacities; the lower bounds (all 0) are not constraints a planner moves.
                int v = j;
                void Set(double b) => session.SetVariableBounds(v, lo, b);
                bool Allowed(double b) => b >= lo;
                var (lower, upper) = Range(session, Set, Allowed, hi, z0, reduced[j], options, cancellationToken);
                ranges.Add(new RhsRange(RangedSide.VariableUpperBound, j, name, description, hi, Clean(reduced[j]), lower, upper));
            }
        }

        return new SensitivityReport(network, solution.Values[model.ShortfallVariable], prices, costs, ranges);
    }

    /// <summary>The optimum as one parameter takes each of the values, on warm re-solves.</summary>
    /// <param name="network">The base network.</param>
    /// <param name="parameter">The parameter (e.g. <see cref="RecyclingShare"/>).</param>
    /// <param name="values">Its values.</param>
    /// <param name="context">Earlier-year capacities for <see cref="ProjectDelay"/>; none by default.</param>
    /// <param name="progress">Receives the number of points done.</param>
    /// <param name="cancellationToken">Stops before the next point; the points done are returned.</param>
    public ParametricCurve Parametric(SupplyNetwork network, ScenarioParameter parameter, IReadOnlyList<double> values, ScenarioContext? context = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(values);
        context ??= ScenarioContext.None;
        using var solver = new SupplySolver(_backend);
        var points = new List<CurvePoint>();
        foreach (double value in values)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var changed = parameter.Apply(network, value, context);
            var (outcome, _) = solver.Solve(changed, cancellationToken);
            double shortfall = outcome.ShortfallKt;
            double demand = changed.DemandKt;
            points.Add(new CurvePoint(value, outcome.Solution.Status, demand, shortfall, demand > 0 ? (demand - shortfall) / demand : 1));
            progress?.Report(points.Count);
        }

        return new ParametricCurve(parameter, points);
    }

    /// <summary>Tornado data: the shortfall with each parameter swung alone to its low and high value, sorted by swing.</summary>
    /// <exception cref="InvalidOperationException">A swing did not solve to optimality.</exception>
    public TornadoResult Tornado(SupplyNetwork network, IReadOnlyList<TornadoInput> inputs, ScenarioContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        context ??= ScenarioContext.None;
        using var solver = new SupplySolver(_backend);
        double Shortfall(SupplyNetwork n)
        {
            var (outcome, _) = solver.Solve(n, cancellationToken);
            return outcome.Solution.Status == SolveStatus.Optimal
                ? outcome.ShortfallKt
                : throw new InvalidOperationException($"A tornado swing did not solve: {outcome.Solution.Status}. {outcome.Solution.Message}");
        }

        double baseShortfall = Shortfall(network);
        var bars = inputs.Select(input =>
        {
            double low = Shortfall(input.Parameter.Apply(network, input.Low, context));
            double high = Shortfall(input.Parameter.Apply(network, input.High, context));
            return new TornadoBar(input.Parameter, input.Low, input.High, low, high, Math.Abs(high - low));
        }).ToArray();
        return new TornadoResult(baseShortfall, bars.OrderByDescending(b => Math.Round(b.SwingKt, 9)).ThenBy(b => b.Parameter.Name, StringComparer.Ordinal).ToArray());
    }

    private static (double Lower, double Upper) Range(ISolverSession session, Action<double> set, Func<double, bool> allowed, double b0, double z0, double slope, RangingOptions options, CancellationToken cancellationToken)
    {
        double scale = 1 + Math.Abs(b0);
        bool OnLine(double b)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!allowed(b))
            {
                return false;
            }

            set(b);
            var s = session.Solve(s_noDuals, cancellationToken);
            if (s.Status != SolveStatus.Optimal)
            {
                return false;
            }

            double predicted = z0 + (slope * (b - b0));
            return Math.Abs(s.ObjectiveValue!.Value - predicted) <= options.LineTolerance * (1 + Math.Abs(z0) + Math.Abs(slope * (b - b0)));
        }

        double Limit(int direction)
        {
            double step = Math.Max(1, Math.Abs(b0)) / 8;
            double inside = b0, outside = double.NaN;
            while (step <= 1e9 * scale)
            {
                double trial = b0 + (direction * step);
                if (OnLine(trial))
                {
                    inside = trial;
                    step *= 2;
                }
                else
                {
                    outside = trial;
                    break;
                }
            }

            if (double.IsNaN(outside))
            {
                return direction * double.PositiveInfinity;
            }

            while (Math.Abs(outside - inside) > options.LimitTolerance * scale)
            {
                double mid = (inside + outside) / 2;
                if (OnLine(mid))
                {
                    inside = mid;
                }
                else
                {
                    outside = mid;
                }
            }

            // A kink closer than the solver can see (a degenerate optimum: the price holds at b₀ only) is b₀ itself.
            return Math.Abs(inside - b0) <= 1e-6 * scale ? b0 : inside;
        }

        try
        {
            return (Limit(-1), Limit(+1));
        }
        finally
        {
            set(b0);
        }
    }

    private static bool Near(double value, double bound) => Math.Abs(value - bound) <= 1e-7 * (1 + Math.Abs(bound));

    private static double Clean(double value) => Math.Abs(value) < 1e-12 ? 0 : value;

    /// <summary>A row of the supply LP in words.</summary>
    public static string DescribeRow(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Split(name) switch
        {
            ("demand", var b) => $"demand of {b}: refined output + recycling + other routes + shortfall = demand (kt)",
            ("mine_balance", var p) => $"ore shipped from mines in {p} = their output (kt)",
            ("refinery_balance", var q) => $"refined output in {q} = ore received + scrap feed of its refineries (kt)",
            ("ship_balance", var q) => $"refined output shipped from {q} = its refined output (kt)",
            ("other_route", var s) => $"other-route output (synthetic graphite) of {s} ≤ what is available (kt)",
            ("intake", var rule) when rule.EndsWith(",ore", StringComparison.Ordinal) => "non-members' ore ≤ the allowed share of members' refinery feed (kt)",
            ("intake", var rule) when rule.EndsWith(",refined", StringComparison.Ordinal) => "non-members' refined output ≤ the allowed share of demand (kt)",
            ("trade_cap", var rule) => $"what a bloc may take from a supplier ≤ its allowed share ({rule}) (kt)",
            _ => name,
        };
    }

    /// <summary>A variable of the supply LP in words.</summary>
    public static string DescribeVariable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Split(name) switch
        {
            ("mine", var p) => $"mined output in {p}, up to its mining capacity (kt)",
            ("refined", var q) => $"refined output in {q}, up to its refining capacity (kt)",
            ("secondary", var q) => $"scrap and other non-mined feed of refineries in {q} (kt)",
            ("ore", var pq) => string.Create(CultureInfo.InvariantCulture, $"ore from mines in {pq.Split(',')[0]} to refineries in {pq.Split(',')[^1]} (kt)"),
            ("ship", var qb) => string.Create(CultureInfo.InvariantCulture, $"refined output of {qb.Split(',')[0]} to the demand of {qb.Split(',')[^1]} (kt)"),
            ("other", var sb) => string.Create(CultureInfo.InvariantCulture, $"other-route output of {sb.Split(',')[0]} to the demand of {sb.Split(',')[^1]} (kt)"),
            ("recycled", _) => "recycled supply, up to what is available (kt)",
            ("other_own", _) => "supply from other routes of one's own, up to what is available (kt)",
            ("shortfall", _) => "demand left unserved (kt)",
            _ => name,
        };
    }

    private static (string Head, string Argument) Split(string name)
    {
        int open = name.IndexOf('[', StringComparison.Ordinal);
        return open < 0 || !name.EndsWith(']') ? (name, string.Empty) : (name[..open], name[(open + 1)..^1]);
    }
}

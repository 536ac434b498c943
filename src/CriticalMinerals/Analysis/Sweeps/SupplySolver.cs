using System.Globalization;
using System.Text;
using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.Sweeps;

/// <summary>
/// Solves supply networks one after another on one thread, reusing the built model and a warm
/// <see cref="ISolverSession"/> for every network with the same structure (same commodity, year, countries and
/// membership at each stage, and non-member mined-feed share): such networks differ only in bounds and right-hand
/// sides, which are written into the session. Not thread-safe: one per worker.
/// </summary>
public sealed class SupplySolver : IDisposable
{
    private readonly ISolverBackend? _backend;
    private readonly bool _warm;
    private readonly SolveOptions _options;
    private readonly Dictionary<string, Structure> _structures = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Creates a solver.</summary>
    /// <param name="backend">Backend; the automatic choice (CLP) when <see langword="null"/>.</param>
    /// <param name="warm">Reuse models and sessions across networks of one structure; <see langword="false"/> builds and solves each network cold, as <see cref="CoalitionAnalysis.Answer"/> does.</param>
    /// <param name="options">Solve options; without duals by default (a sweep needs none).</param>
    public SupplySolver(ISolverBackend? backend = null, bool warm = true, SolveOptions? options = null)
    {
        _backend = backend;
        _warm = warm;
        _options = options ?? SolveOptions.Default with { ComputeDuals = false };
    }

    /// <summary>How many distinct model structures this solver has built.</summary>
    public int StructureCount => _structures.Count;

    /// <summary>Solves one network.</summary>
    /// <param name="network">The network.</param>
    /// <param name="cancellationToken">Stops the solve (the outcome then has no solution and <see cref="StopReason.Cancelled"/>).</param>
    /// <returns>The outcome read back in supply-chain terms, and whether it was a warm re-solve.</returns>
    /// <exception cref="ArgumentException">A field of the network is out of range.</exception>
    public (SupplyOutcome Outcome, bool Warm) Solve(SupplyNetwork network, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(network);
        network.Validate();
        if (!_warm)
        {
            var cold = SupplyModel.Create(network);
            var backend = _backend ?? SolverBackends.Choose(cold.Model);
            var solution = backend.Solve(cold.Model, _options, cancellationToken);
            return (Read(cold, cold.Model, network, solution), false);
        }

        string key = StructureKey(network);
        bool reuse = _structures.TryGetValue(key, out var structure);
        if (!reuse)
        {
            var model = SupplyModel.Create(network);
            var backend = _backend ?? SolverBackends.Choose(model.Model);
            structure = new Structure(model, backend.CreateSession(model.Model));
            _structures[key] = structure;
        }
        else
        {
            structure!.Apply(network);
        }

        var result = structure!.Session.Solve(_options, cancellationToken);
        return (Read(structure.Model, structure.Session.Model, network, result), reuse && structure.Session.IsWarm);
    }

    /// <summary>
    /// The session holding a network's structure, with the network's bounds written into it, for callers that
    /// change bounds themselves (ranging). The session belongs to this solver: do not dispose it.
    /// </summary>
    internal (SupplyModel Model, ISolverSession Session) SessionFor(SupplyNetwork network)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        network.Validate();
        string key = StructureKey(network);
        if (!_structures.TryGetValue(key, out var structure))
        {
            var model = SupplyModel.Create(network);
            var backend = _backend ?? SolverBackends.Choose(model.Model);
            structure = new Structure(model, backend.CreateSession(model.Model));
            _structures[key] = structure;
        }
        else
        {
            structure.Apply(network);
        }

        return (structure.Model, structure.Session);
    }

    /// <summary>Frees every session.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var structure in _structures.Values)
        {
            structure.Session.Dispose();
        }

        _structures.Clear();
    }

    /// <summary>
    /// The structure of a network: everything that decides the LP's variables, rows and coefficients. Networks with
    /// the same key give models that differ only in bounds and right-hand sides.
    /// </summary>
    internal static string StructureKey(SupplyNetwork n)
    {
        var sb = new StringBuilder(256);
        sb.Append(n.Commodity).Append('|').Append(n.Year.ToString(CultureInfo.InvariantCulture)).Append('|')
          .Append(n.Rules.MaxNonMemberShareOfMinedFeed.ToString("R", CultureInfo.InvariantCulture)).Append("|M:");
        foreach (var c in n.Mines)
        {
            sb.Append(c.Iso3).Append(c.IsMember ? '+' : '-');
        }

        sb.Append("|R:");
        foreach (var c in n.Refineries)
        {
            sb.Append(c.Iso3).Append(c.IsMember ? '+' : '-');
        }

        sb.Append("|O:");
        foreach (string iso3 in n.OtherMembers)
        {
            sb.Append(iso3).Append(',');
        }

        return sb.ToString();
    }

    /// <summary>Reads a solution back like <see cref="SupplyOutcome.From"/>, with capacities from the model actually solved.</summary>
    internal static SupplyOutcome Read(SupplyModel structure, LinearModel solved, SupplyNetwork network, Solution solution)
    {
        if (!solution.HasSolution)
        {
            return new SupplyOutcome(network, solution, double.NaN, new Dictionary<string, double>(), new Dictionary<string, double>(), []);
        }

        var mined = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var feed in structure.FeedVariables)
        {
            mined[feed.Mine] = mined.GetValueOrDefault(feed.Mine) + solution.Values[feed.Variable];
        }

        var refined = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var marginal = new List<CapacityValue>();
        var upper = solved.VariableUpperBounds;
        foreach (var (key, variable) in structure.CapacityVariables)
        {
            if (key.Kind == CapacityKind.Refining)
            {
                refined[key.Iso3] = solution.Values[variable];
            }

            if (solution.ReducedCosts is { } reduced)
            {
                double value = -reduced[variable];
                marginal.Add(new CapacityValue(key.Kind, key.Iso3, Math.Abs(value) < 1e-9 ? 0 : value, upper[variable], solution.Values[variable]));
            }
        }

        return new SupplyOutcome(
            network,
            solution,
            solution.Values[structure.ShortfallVariable],
            mined,
            refined,
            marginal.OrderByDescending(v => v.ShortfallAvoidedPerKt).ThenBy(v => v.Kind).ThenBy(v => v.Iso3, StringComparer.Ordinal).ToArray());
    }

    /// <summary>One model structure: the model as first built, its session, and where each network figure goes.</summary>
    private sealed class Structure
    {
        private readonly (string Iso3, int Variable)[] _mines;
        private readonly (string Iso3, int Variable)[] _refineries;
        private readonly (string Iso3, int Variable)[] _secondary;
        private readonly int _recycled;
        private readonly int _other;
        private readonly int _refinedRule;

        public Structure(SupplyModel model, ISolverSession session)
        {
            Model = model;
            Session = session;
            var lp = model.Model;
            _mines = model.CapacityVariables.Where(kv => kv.Key.Kind == CapacityKind.Mining).Select(kv => (kv.Key.Iso3, kv.Value)).ToArray();
            _refineries = model.CapacityVariables.Where(kv => kv.Key.Kind == CapacityKind.Refining).Select(kv => (kv.Key.Iso3, kv.Value)).ToArray();
            _recycled = model.CapacityVariables[new CapacityKey(CapacityKind.Recycling, CapacityKey.Coalition)];
            _other = model.CapacityVariables[new CapacityKey(CapacityKind.OtherRoute, CapacityKey.Coalition)];
            _secondary = [.. model.World.SecondaryVariables.Select(kv => (kv.Key, kv.Value))];
            _refinedRule = model.RefinedSupplyRuleRow;
        }

        public SupplyModel Model { get; }

        public ISolverSession Session { get; }

        /// <summary>Writes a network's bounds and right-hand sides into the session, with the same arithmetic as <see cref="SupplyModel"/>.</summary>
        public void Apply(SupplyNetwork n)
        {
            var mines = ToCapacities(n.Mines);
            var refineries = ToCapacities(n.Refineries);
            foreach (var (iso3, variable) in _mines)
            {
                SetUpper(variable, mines.GetValueOrDefault(iso3));
            }

            foreach (var (iso3, variable) in _refineries)
            {
                SetUpper(variable, refineries.GetValueOrDefault(iso3));
            }

            foreach (var (iso3, variable) in _secondary)
            {
                SetUpper(variable, n.SecondaryFeedShare * refineries.GetValueOrDefault(iso3));
            }

            SetUpper(_recycled, n.RecyclingKt);
            SetUpper(_other, n.OtherRouteKt);
            if (Session.Model.RowUpperBounds[Model.OtherRouteOutsideRow] != n.NonMemberOtherRouteKt)
            {
                Session.SetRowBounds(Model.OtherRouteOutsideRow, double.NegativeInfinity, n.NonMemberOtherRouteKt);
            }
            var lp = Session.Model;
            double ruleUpper = n.Rules.MaxNonMemberShareOfRefinedSupply * n.DemandKt;
            if (lp.RowUpperBounds[_refinedRule] != ruleUpper)
            {
                Session.SetRowBounds(_refinedRule, double.NegativeInfinity, ruleUpper);
            }

            if (lp.RowLowerBounds[Model.DemandRow] != n.DemandKt || lp.RowUpperBounds[Model.DemandRow] != n.DemandKt)
            {
                Session.SetRowBounds(Model.DemandRow, n.DemandKt, n.DemandKt);
            }
        }

        private void SetUpper(int variable, double upper)
        {
            if (Session.Model.VariableUpperBounds[variable] != upper || Session.Model.VariableLowerBounds[variable] != 0)
            {
                Session.SetVariableBounds(variable, 0, upper);
            }
        }

        private static Dictionary<string, double> ToCapacities(IReadOnlyList<StageCapacity> list)
        {
            var d = new Dictionary<string, double>(list.Count, StringComparer.Ordinal);
            foreach (var c in list)
            {
                d[c.Iso3] = c.CapacityKt;
            }

            return d;
        }
    }
}

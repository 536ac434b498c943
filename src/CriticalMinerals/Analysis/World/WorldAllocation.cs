using System.Globalization;
using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.World;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Analysis.World;

/// <summary>
/// Solves a <see cref="WorldNetwork"/> under its allocation rule and reads the answer back: flows, each bloc's coverage, its
/// marginal price and friendshoring premium, and the concentration of its sourcing.
/// </summary>
public static class WorldAllocation
{
    private const double RelativeTolerance = 1e-9;

    /// <summary>Allocates one world's supply across its blocs.</summary>
    /// <param name="network">The network.</param>
    /// <param name="backend">LP backend; the automatic choice when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops between and (where the backend allows) within solves.</param>
    /// <returns>The allocation.</returns>
    /// <exception cref="ArgumentException">The network is invalid.</exception>
    /// <exception cref="InvalidOperationException">A solve found no solution (the status and message are in the text).</exception>
    public static WorldAllocationResult Solve(WorldNetwork network, ISolverBackend? backend = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        var world = WorldModel.Create(network);
        int solves = 0;
        var notes = new List<string>();
        var floors = new Dictionary<string, double>(StringComparer.Ordinal);
        if (network.Rule == AllocationRule.MaxMinFairness)
        {
            floors = FairCoverages(world, backend, ref solves, cancellationToken);
            notes.Add("Allocation: lexicographic max-min fairness of coverage, then least cost and shortfall within those coverages; prices are duals of that last stage.");
        }
        else
        {
            notes.Add(network.Rule == AllocationRule.CostMinimal
                ? "Allocation: least cost plus a shortfall penalty, the same for every bloc (a market); without costs, who gets the scarce supply is not unique."
                : "Allocation: least cost plus each bloc's shortfall penalty times its priority weight.");
        }

        var final = world.Model.Clone();
        SetMarketObjective(world, final, network.Rule == AllocationRule.PriorityWeights);
        foreach (var (bloc, coverage) in floors)
        {
            CapShortfall(world, final, bloc, coverage);
        }

        var solution = SolveChecked(final, backend, computeDuals: true, ref solves, cancellationToken);
        var flows = PreferHome(world, final, solution, backend, ref solves, cancellationToken);
        double? openPrice = OpenWorldPrice(network, backend, ref solves, cancellationToken);
        return Read(world, solution, flows, openPrice, solves, notes);
    }

    /// <summary>Raises the lowest coverage as far as it goes, fixes the blocs that cannot go higher, and repeats for the rest.</summary>
    private static Dictionary<string, double> FairCoverages(WorldModel world, ISolverBackend? backend, ref int solves, CancellationToken cancellationToken)
    {
        var network = world.Network;
        var fixedCoverage = new Dictionary<string, double>(StringComparer.Ordinal);
        var open = network.Blocs.Where(b => b.DemandKt > 0).Select(b => b.Name).ToList();
        while (open.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lp = world.Model.Clone();
            foreach (var (bloc, coverage) in fixedCoverage)
            {
                CapShortfall(world, lp, bloc, coverage);
            }

            // max z: shortfall_b + D_b·z ≤ D_b for every open bloc.
            int z = lp.AddVariable(0, 1, -1, name: "fair_level");
            foreach (string bloc in open)
            {
                double demand = DemandOf(network, bloc);
                int row = lp.AddRow(double.NegativeInfinity, demand, $"fair[{bloc}]");
                lp.AddTerm(row, world.ShortfallVariables[bloc], 1);
                lp.AddTerm(row, z, demand);
            }

            double level = SolveChecked(lp, backend, computeDuals: false, ref solves, cancellationToken).Values[z];

            // A bloc is saturated when, with every other open bloc held at the level, its own coverage cannot rise above it.
            var saturated = new List<string>();
            foreach (string bloc in open)
            {
                var probe = world.Model.Clone();
                foreach (var (other, coverage) in fixedCoverage)
                {
                    CapShortfall(world, probe, other, coverage);
                }

                foreach (string other in open.Where(o => o != bloc))
                {
                    CapShortfall(world, probe, other, level);
                }

                probe.SetObjectiveCoefficient(world.ShortfallVariables[bloc], 1);
                double best = SolveChecked(probe, backend, computeDuals: false, ref solves, cancellationToken).Values[world.ShortfallVariables[bloc]];
                double demand = DemandOf(network, bloc);
                if (best >= ((1 - level) * demand) - (1e-7 * (1 + demand)))
                {
                    saturated.Add(bloc);
                }
            }

            foreach (string bloc in saturated.Count > 0 ? saturated : open.ToList())
            {
                fixedCoverage[bloc] = level;
                open.Remove(bloc);
            }
        }

        return fixedCoverage;
    }

    private static double DemandOf(WorldNetwork network, string bloc) => network.Blocs.First(b => b.Name == bloc).DemandKt;

    /// <summary>shortfall_b ≤ (1 − coverage)·D_b, with a relative slack so a held optimum stays feasible.</summary>
    private static void CapShortfall(WorldModel world, LinearModel lp, string bloc, double coverage)
    {
        double demand = DemandOf(world.Network, bloc);
        int variable = world.ShortfallVariables[bloc];
        double cap = Math.Max(0, (1 - coverage) * demand) + (RelativeTolerance * (1 + demand));
        lp.SetVariableBounds(variable, 0, cap);
    }

    private static void SetMarketObjective(WorldModel world, LinearModel lp, bool weighted)
    {
        for (int j = 0; j < lp.VariableCount; j++)
        {
            lp.SetObjectiveCoefficient(j, world.CostCoefficients[j]);
        }

        foreach (var bloc in world.Network.Blocs)
        {
            lp.SetObjectiveCoefficient(world.ShortfallVariables[bloc.Name], world.Network.ShortfallPenaltyPerKt * (weighted ? bloc.Weight : 1));
        }
    }

    /// <summary>
    /// Without costs, who ships to whom is not unique. Holding the last stage's optimum, a further stage minimises the flows
    /// across bloc borders, so the flows read back are home first and stable; prices stay those of the last stage.
    /// </summary>
    private static double[] PreferHome(WorldModel world, LinearModel final, Solution optimum, ISolverBackend? backend, ref int solves, CancellationToken cancellationToken)
    {
        var blocOf = world.Network.BlocOfSite();
        var lp = final.Clone();
        double best = optimum.ObjectiveValue ?? final.EvaluateObjective(optimum.Values.ToArray());
        int hold = lp.AddRow(double.NegativeInfinity, best + (RelativeTolerance * (1 + Math.Abs(best))) + 1e-9, "hold_optimum");
        for (int j = 0; j < lp.VariableCount; j++)
        {
            if (final.ObjectiveCoefficients[j] != 0)
            {
                lp.AddTerm(hold, j, final.ObjectiveCoefficients[j]);
            }

            lp.SetObjectiveCoefficient(j, 0);
        }

        // Each bloc's shortfall stays what the last stage found: within the hold tolerance it could otherwise drift by a few
        // grams, and those grams would be reported as a shortfall.
        foreach (int shortfall in world.ShortfallVariables.Values)
        {
            double kt = Math.Max(0, optimum.Values[shortfall]);
            lp.SetVariableBounds(shortfall, kt, kt);
        }

        foreach (var flow in world.Flows)
        {
            string to = flow.Stage == TradeStage.Ore ? blocOf[flow.To] : flow.To;
            if (blocOf[flow.From] != to)
            {
                lp.SetObjectiveCoefficient(flow.Variable, 1);
            }
        }

        return SolveChecked(lp, backend, computeDuals: false, ref solves, cancellationToken).Values.Take(final.VariableCount).ToArray();
    }

    private static double? OpenWorldPrice(WorldNetwork network, ISolverBackend? backend, ref int solves, CancellationToken cancellationToken)
    {
        var merged = new Bloc("open_world", network.Sites.Select(s => s.Iso3).ToArray(), network.Blocs.Sum(b => b.DemandKt)) { RecycledKt = network.Blocs.Sum(b => b.RecycledKt) };
        var open = network with { Blocs = [merged], TradeRules = [], IntakeRules = [], RecyclingRules = [], Rule = AllocationRule.CostMinimal };
        var model = WorldModel.Create(open);
        var lp = model.Model.Clone();
        SetMarketObjective(model, lp, weighted: false);
        var solution = SolveChecked(lp, backend, computeDuals: true, ref solves, cancellationToken);
        return solution.Duals is { } duals ? duals[model.DemandRows[merged.Name]] : null;
    }

    private static Solution SolveChecked(LinearModel lp, ISolverBackend? backend, bool computeDuals, ref int solves, CancellationToken cancellationToken)
    {
        solves++;
        var chosen = backend ?? SolverBackends.Choose(lp);
        var solution = chosen.Solve(lp, SolveOptions.Default with { ComputeDuals = computeDuals }, cancellationToken);
        return solution.HasSolution
            ? solution
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The world allocation LP '{lp.Name}' was not solved: {solution.Status}. {solution.Message}"));
    }

    private static WorldAllocationResult Read(WorldModel world, Solution solution, double[] values, double? openPrice, int solves, List<string> notes)
    {
        var network = world.Network;
        var blocOf = network.BlocOfSite();
        var flows = world.Flows.Where(f => values[f.Variable] > 1e-9).Select(f => new WorldFlow(f.From, f.To, f.Stage, values[f.Variable], f.IsOtherRoute)).ToArray();
        var blocs = new List<BlocAllocation>();
        foreach (var bloc in network.Blocs)
        {
            var intake = flows.Where(f => f.Stage == TradeStage.Refined && f.To == bloc.Name).ToArray();
            double shortfall = values[world.ShortfallVariables[bloc.Name]];
            double supplied = bloc.DemandKt - shortfall;
            var bySupplier = intake.GroupBy(f => f.From).ToDictionary(g => g.Key, g => g.Sum(f => f.Kt), StringComparer.Ordinal);
            var (largestShare, hhi) = CoalitionAnalysis.Concentration(bySupplier);
            double? price = solution.Duals is { } duals ? duals[world.DemandRows[bloc.Name]] : null;
            blocs.Add(new BlocAllocation(
                bloc.Name,
                bloc.DemandKt,
                supplied,
                shortfall,
                bloc.DemandKt > 0 ? supplied / bloc.DemandKt : 1,
                intake.Where(f => blocOf[f.From] != bloc.Name).Sum(f => f.Kt),
                price,
                price is { } p && openPrice is { } o ? p - o : null,
                bySupplier.Count > 0 ? bySupplier.MaxBy(kv => kv.Value).Key : null,
                largestShare,
                hhi)
            {
                RecycledKt = values[world.RecycledVariables[bloc.Name]],
                RecycledAvailableKt = bloc.RecycledKt,
            });
        }

        foreach (var rule in network.RecyclingRules)
        {
            notes.Add(RecyclingRuleNote(rule, blocs.First(b => b.Bloc == rule.Bloc), world, values));
        }

        static Dictionary<string, double> Of(IReadOnlyDictionary<string, int> variables, IReadOnlyList<double> values) =>
            variables.ToDictionary(kv => kv.Key, kv => values[kv.Value], StringComparer.Ordinal);
        return new WorldAllocationResult(
            network.Commodity,
            network.Year,
            network.Rule,
            solution.Status,
            solution.Backend,
            blocs,
            flows,
            Of(world.MineVariables, values),
            Of(world.RefinedVariables, values),
            Of(world.SecondaryVariables, values),
            openPrice,
            solves,
            notes);
    }

    /// <summary>Whether a recycling-share rule is met on the allocation's flows, and for a hard rule whether it binds.</summary>
    private static string RecyclingRuleNote(RecyclingShareRule rule, BlocAllocation bloc, WorldModel world, double[] values)
    {
        double consumption = bloc.SuppliedKt;
        double needed = rule.MinShare * consumption;
        string share = consumption > 0 ? (bloc.RecycledKt / consumption).ToString("P1", CultureInfo.InvariantCulture) : "-";
        string head = string.Create(CultureInfo.InvariantCulture, $"{rule.Label} ({rule.Mode.ToString().ToLowerInvariant()}): {rule.Bloc} recycles {bloc.RecycledKt:0.##} of the {consumption:0.##} it consumes ({share})");
        if (rule.Mode == Modeling.Planning.RuleMode.Hard)
        {
            int row = world.RecyclingRuleRows[rule.Bloc];
            double activity = values[world.RecycledVariables[rule.Bloc]] + (rule.MinShare * values[world.ShortfallVariables[rule.Bloc]]);
            bool binds = bloc.ShortfallKt > 1e-7 && activity <= world.Model.RowLowerBounds[row] + (1e-7 * (1 + Math.Abs(world.Model.RowLowerBounds[row])));
            return binds
                ? head + string.Create(CultureInfo.InvariantCulture, $": met because it binds, capping consumption at recycled ÷ {rule.MinShare:P0} = {bloc.RecycledAvailableKt / Math.Max(rule.MinShare, 1e-12):0.##} of demand {bloc.DemandKt:0.##}.")
                : head + ": met without binding.";
        }

        return bloc.RecycledKt >= needed - 1e-7
            ? head + ": met."
            : head + string.Create(CultureInfo.InvariantCulture, $": missed by {needed - bloc.RecycledKt:0.##} (soft: checked, not imposed).");
    }
}

using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Solving;
using CriticalMinerals.Tests.Solving;
using CsCheck;

namespace CriticalMinerals.Tests.Reliability;

/// <summary>
/// Laws that hold for every model of a family, checked on seeded random members (see <see cref="Seeded"/>):
/// backends agree, duals are complementary to the primal, units rescale, capacity and rules act monotonically,
/// flows conserve mass.
/// </summary>
public sealed class PropertyTests
{
    private static readonly string[] Countries = ["C0", "C1", "C2", "C3"];

    private static IEnumerable<ISolverBackend> LpBackends => SolverBackends.All.Where(b => b.Capabilities.ContinuousVariables && b.IsAvailable);

    private static double Rounded(double value) => Math.Round(value, 3);

    /// <summary>
    /// A random supply network over four countries and "ROW": each country a member or not, with a mine and a
    /// refinery of 0–100 kt (a fifth of them zero), ROW non-member at both stages, demand 0–400 kt, and random rules.
    /// </summary>
    private static readonly Gen<SupplyNetwork> GenNetwork =
        from members in Gen.Bool.Array[Countries.Length]
        from mines in Gen.Double[0, 100].Select(Rounded).Array[Countries.Length + 1]
        from refineries in Gen.Double[0, 100].Select(Rounded).Array[Countries.Length + 1]
        from zeros in Gen.Int[0, 4].Array[Countries.Length + 1]
        from demand in Gen.Double[0, 400].Select(Rounded)
        from share in Gen.Double[0, 0.5].Select(Rounded)
        from recycling in Gen.Double[0, 30].Select(Rounded)
        from other in Gen.Double[0, 10].Select(Rounded)
        from alphaMine in Gen.Double[0, 1].Select(Rounded)
        from alphaRefined in Gen.Double[0, 1].Select(Rounded)
        select new SupplyNetwork(
            "lithium",
            2030,
            demand,
            Stage(members, mines, zeros, 0),
            Stage(members, refineries, zeros, 1),
            share,
            recycling,
            other,
            new SourcingRules(alphaMine, alphaRefined));

    private static StageCapacity[] Stage(bool[] members, double[] capacity, int[] zeros, int stage) =>
    [
        .. Countries.Select((c, i) => new StageCapacity(c, zeros[i] == stage ? 0 : capacity[i], members[i])),
        new StageCapacity("ROW", capacity[Countries.Length], false),
    ];

    private static Solution SolveClp(SupplyModel model, bool duals = false)
    {
        var s = SolverBackends.Clp.Solve(model.Model, SolveOptions.Default with { ComputeDuals = duals });
        s.Status.Should().Be(SolveStatus.Optimal, s.Message);
        return s;
    }

    private static double Shortfall(SupplyNetwork network)
    {
        var model = SupplyModel.Create(network);
        return SolveClp(model).Values[model.ShortfallVariable];
    }

    [Fact]
    public void LP_backends_agree_on_random_transportation_objectives()
    {
        var gen = Gen.Select(Gen.Int[2, 6], Gen.Int[2, 6], Gen.Int[0, int.MaxValue]);
        Seeded.Check(gen, seed: 11, cases: 12, t =>
        {
            var model = ConformanceModels.Transportation(t.Item1, t.Item2, t.Item3);
            double reference = SolverBackends.Clp.Solve(model, SolveOptions.Default with { ComputeDuals = false }).ObjectiveValue!.Value;
            foreach (var backend in LpBackends)
            {
                var s = backend.Solve(model, SolveOptions.Default with { ComputeDuals = false });
                s.Status.Should().Be(SolveStatus.Optimal, $"{backend.Name}: {s.Message}");
                double tolerance = Math.Max(1e-6, backend.Capabilities.ObjectiveTolerance) * (1 + Math.Abs(reference));
                s.ObjectiveValue!.Value.Should().BeApproximately(reference, tolerance, backend.Name);
            }
        });
    }

    [Fact]
    public void Duals_are_complementary_to_the_primal_on_every_backend()
    {
        var transport = Gen.Select(Gen.Int[2, 5], Gen.Int[2, 5], Gen.Int[0, int.MaxValue]).Select(t => ConformanceModels.Transportation(t.Item1, t.Item2, t.Item3));
        var supply = GenNetwork.Select(n => SupplyModel.Create(n).Model);
        Seeded.Check(Gen.OneOf(transport, supply), seed: 12, cases: 12, model =>
        {
            foreach (var backend in LpBackends)
            {
                var s = backend.Solve(model);
                s.Status.Should().Be(SolveStatus.Optimal, $"{backend.Name}: {s.Message}");
                s.Duals.Should().NotBeNull($"{backend.Name}: {s.Message}");
                ExpectComplementarySlackness(model, s, backend.Name);
            }
        });
    }

    /// <summary>
    /// Computed from the model, not from the checker: in minimisation form a positive row dual (or reduced cost) prices
    /// the lower bound, so the row (variable) must sit on it, and a negative one the upper bound. Product of the
    /// multiplier and the distance to its bound ≤ 1e-6 (1 + |objective|).
    /// </summary>
    private static void ExpectComplementarySlackness(LinearModel model, Solution s, string backend)
    {
        double sign = model.Sense == ObjectiveSense.Minimize ? 1 : -1;
        double tolerance = 1e-6 * (1 + Math.Abs(s.ObjectiveValue!.Value));
        // Multipliers below 1e-9 (1 + ‖c‖∞) are rounding noise of c − Aᵀy, not prices.
        double zero = 1e-9 * (1 + model.ObjectiveCoefficients.ToArray().Max(Math.Abs));
        var activities = model.ComputeRowActivities([.. s.Values]);
        var reduced = model.ObjectiveCoefficients.ToArray();
        var rows = model.GetRows();
        for (int i = 0; i < model.RowCount; i++)
        {
            var columns = rows.RowColumns(i);
            var values = rows.RowValues(i);
            for (int p = 0; p < columns.Length; p++)
            {
                reduced[columns[p]] -= values[p] * s.Duals![i];
            }

            Complementary(sign * s.Duals![i], activities[i], model.RowLowerBounds[i], model.RowUpperBounds[i], tolerance, zero, $"{backend} row {model.RowName(i)}");
        }

        for (int j = 0; j < model.VariableCount; j++)
        {
            reduced[j].Should().BeApproximately(s.ReducedCosts![j], 1e-9 * (1 + Math.Abs(reduced[j])), $"{backend}: reduced cost of {model.VariableName(j)} is c − Aᵀy");
            Complementary(sign * reduced[j], s.Values[j], model.VariableLowerBounds[j], model.VariableUpperBounds[j], tolerance, zero, $"{backend} variable {model.VariableName(j)}");
        }
    }

    private static void Complementary(double multiplier, double value, double lower, double upper, double tolerance, double zero, string what)
    {
        if (multiplier > zero)
        {
            double.IsFinite(lower).Should().BeTrue($"{what}: multiplier {multiplier} prices a lower bound of −∞");
            (multiplier * (value - lower)).Should().BeLessThanOrEqualTo(tolerance, $"{what}: multiplier {multiplier} but {value - lower} above its lower bound");
        }
        else if (multiplier < -zero)
        {
            double.IsFinite(upper).Should().BeTrue($"{what}: multiplier {multiplier} prices an upper bound of +∞");
            (-multiplier * (upper - value)).Should().BeLessThanOrEqualTo(tolerance, $"{what}: multiplier {multiplier} but {upper - value} below its upper bound");
        }
    }

    [Fact]
    public void Rescaling_units_by_1000_rescales_shortfall_and_flows()
    {
        Seeded.Check(GenNetwork, seed: 13, cases: 40, network =>
        {
            static StageCapacity[] Scale(IReadOnlyList<StageCapacity> list) => [.. list.Select(c => c with { CapacityKt = c.CapacityKt * 1000 })];
            var small = SupplyModel.Create(network);
            var large = SupplyModel.Create(network with
            {
                DemandKt = network.DemandKt * 1000,
                Mines = Scale(network.Mines),
                Refineries = Scale(network.Refineries),
                RecyclingKt = network.RecyclingKt * 1000,
                OtherRouteKt = network.OtherRouteKt * 1000,
            });
            var s = SolveClp(small);
            var t = SolveClp(large);
            t.Values[large.ShortfallVariable].Should().BeApproximately(1000 * s.Values[small.ShortfallVariable], 1e-6 * (1 + (1000 * network.DemandKt)));

            // Flows at a degenerate optimum need not be the same vertex, so the law is checked as: the large solution's
            // flows divided by 1000 are feasible for the small model and reach its optimum.
            double[] back = [.. t.Values.Select(v => v / 1000)];
            var check = SolutionChecker.CheckPrimal(small.Model, back, small.Model.ComputeRowActivities(back), 1e-6);
            check.PrimalFeasible.Should().BeTrue($"row violation {check.MaxRowViolation}, bound violation {check.MaxBoundViolation}");
            small.Model.EvaluateObjective(back).Should().BeApproximately(s.ObjectiveValue!.Value, 1e-6 * (1 + network.DemandKt));
        });
    }

    [Fact]
    public void More_capacity_never_increases_the_shortfall()
    {
        var gen = Gen.Select(GenNetwork, Gen.Int[0, (2 * (Countries.Length + 1)) + 1], Gen.Double[0, 50].Select(Rounded));
        Seeded.Check(gen, seed: 14, cases: 60, t =>
        {
            var (network, which, extra) = t;
            int n = Countries.Length + 1;
            var more = which switch
            {
                _ when which < n => network with { Mines = [.. network.Mines.Select((c, i) => i == which ? c with { CapacityKt = c.CapacityKt + extra } : c)] },
                _ when which < 2 * n => network with { Refineries = [.. network.Refineries.Select((c, i) => i == which - n ? c with { CapacityKt = c.CapacityKt + extra } : c)] },
                _ when which == 2 * n => network with { RecyclingKt = network.RecyclingKt + extra },
                _ => network with { OtherRouteKt = network.OtherRouteKt + extra },
            };
            Shortfall(more).Should().BeLessThanOrEqualTo(Shortfall(network) + (1e-7 * (1 + network.DemandKt)));
        });
    }

    [Fact]
    public void A_tighter_sourcing_rule_never_lowers_the_shortfall()
    {
        var gen = Gen.Select(GenNetwork, Gen.Double[0, 1].Select(Rounded), Gen.Double[0, 1].Select(Rounded));
        Seeded.Check(gen, seed: 15, cases: 60, t =>
        {
            var (network, mineFactor, refinedFactor) = t;
            var tighter = network with
            {
                Rules = new SourcingRules(network.Rules.MaxNonMemberShareOfMinedFeed * mineFactor, network.Rules.MaxNonMemberShareOfRefinedSupply * refinedFactor),
            };
            Shortfall(tighter).Should().BeGreaterThanOrEqualTo(Shortfall(network) - (1e-7 * (1 + network.DemandKt)));
        });
    }

    [Fact]
    public void Every_flow_conserves_mass_and_respects_capacity_and_rules()
    {
        Seeded.Check(GenNetwork, seed: 16, cases: 60, network =>
        {
            var model = SupplyModel.Create(network);
            var s = SolveClp(model);
            var m = model.Model;
            var byName = Enumerable.Range(0, m.VariableCount).ToDictionary(m.VariableName, j => s.Values[j]);
            double tolerance = 1e-6 * (1 + network.DemandKt);
            var memberRefineries = model.FeedVariables.Select(f => f.Refinery).Distinct().ToArray();
            memberRefineries.Should().BeEquivalentTo(network.Refineries.Where(r => r.IsMember).Select(r => r.Iso3).Concat(network.Mines.Where(r => r.IsMember).Select(r => r.Iso3)).Distinct());

            foreach (string q in memberRefineries)
            {
                double feed = model.FeedVariables.Where(f => f.Refinery == q).Sum(f => s.Values[f.Variable]);
                byName[$"refined[{q}]"].Should().BeApproximately(feed + byName[$"secondary[{q}]"], tolerance, $"refinery {q}: refined = Σ feed + secondary");
            }

            foreach (var mine in network.Mines)
            {
                double shipped = model.FeedVariables.Where(f => f.Mine == mine.Iso3).Sum(f => s.Values[f.Variable]);
                shipped.Should().BeLessThanOrEqualTo(mine.CapacityKt + tolerance, $"mine {mine.Iso3} ships at most its capacity");
            }

            foreach (var refinery in network.Refineries)
            {
                byName[$"refined[{refinery.Iso3}]"].Should().BeLessThanOrEqualTo(refinery.CapacityKt + tolerance);
                if (refinery.IsMember)
                {
                    byName[$"secondary[{refinery.Iso3}]"].Should().BeLessThanOrEqualTo((network.SecondaryFeedShare * refinery.CapacityKt) + tolerance);
                }
            }

            double supplied = network.Refineries.Sum(r => byName[$"refined[{r.Iso3}]"]) + byName["recycled[coalition]"] + byName["other_own[coalition]"] + byName["other[ROW,coalition]"];
            double shortfall = s.Values[model.ShortfallVariable];
            (supplied + shortfall).Should().BeGreaterThanOrEqualTo(network.DemandKt - tolerance, "demand is met or short");
            shortfall.Should().BeApproximately(Math.Max(0, network.DemandKt - supplied), tolerance, "no shortfall beyond what is not supplied");

            double nonMemberRefined = network.Refineries.Where(r => !r.IsMember).Sum(r => byName[$"refined[{r.Iso3}]"]);
            nonMemberRefined.Should().BeLessThanOrEqualTo((network.Rules.MaxNonMemberShareOfRefinedSupply * network.DemandKt) + tolerance);
            var memberMines = network.Mines.Where(c => c.IsMember).Select(c => c.Iso3).ToHashSet();
            double totalFeed = model.FeedVariables.Sum(f => s.Values[f.Variable]);
            double nonMemberFeed = model.FeedVariables.Where(f => !memberMines.Contains(f.Mine)).Sum(f => s.Values[f.Variable]);
            nonMemberFeed.Should().BeLessThanOrEqualTo((network.Rules.MaxNonMemberShareOfMinedFeed * totalFeed) + tolerance);
        });
    }
}

using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Modeling.Supply;

/// <summary>Tiny supply networks whose optimum, flows and marginal values are worked out by hand.</summary>
public sealed class SupplyModelTests
{
    public static TheoryData<string> DualBackends => new("CLP", "GLOP");

    /// <summary>
    /// Members A (mine 60, refinery 70) and B (mine 30); non-member C (mine 50, refinery 100); demand 100.
    /// Coalition-only: A's refinery takes 70 of the members' 90 kt of ore, so 70 is supplied and 30 is short.
    /// Refining binds: +1 kt of refining in A (or new refining in B, fed by B's spare ore) avoids 1 kt of shortfall;
    /// mining is slack and worth 0; C's refinery is barred by the rule and worth 0.
    /// </summary>
    private static SupplyNetwork TwoMembers(SourcingRules rules) => new(
        "test", 2030, 100,
        [new("A", 60, true), new("B", 30, true), new("C", 50, false)],
        [new("A", 70, true), new("C", 100, false)],
        SecondaryFeedShare: 0, RecyclingKt: 0, OtherRouteKt: 0, rules);

    [Theory]
    [MemberData(nameof(DualBackends))]
    public void Coalition_only_supply_is_capped_by_members_refining(string backend)
    {
        var model = SupplyModel.Create(TwoMembers(SourcingRules.CoalitionOnly));
        var solution = SolverBackends.Get(backend).Solve(model.Model);
        var outcome = SupplyOutcome.From(model, solution);

        solution.Status.Should().Be(SolveStatus.Optimal);
        outcome.ShortfallKt.Should().BeApproximately(30, 1e-9);
        outcome.RefinedByCountry["A"].Should().BeApproximately(70, 1e-9);
        outcome.RefinedByCountry["C"].Should().BeApproximately(0, 1e-9);
        outcome.MinedFeedByCountry["C"].Should().BeApproximately(0, 1e-9, "non-member ore is barred");
        (outcome.MinedFeedByCountry["A"] + outcome.MinedFeedByCountry["B"]).Should().BeApproximately(70, 1e-9);
        solution.Dual(model.DemandRow).Should().BeApproximately(1, 1e-9, "one more kt of demand is one more kt short");

        Value(outcome, CapacityKind.Refining, "A").Should().BeApproximately(1, 1e-9);
        Value(outcome, CapacityKind.Refining, "C").Should().BeApproximately(0, 1e-9);
        Value(outcome, CapacityKind.Mining, "A").Should().BeApproximately(0, 1e-9);
        Value(outcome, CapacityKind.Mining, "C").Should().BeApproximately(0, 1e-9);
    }

    [Fact]
    public void Open_market_closes_the_gap_with_non_member_refining()
    {
        var model = SupplyModel.Create(TwoMembers(SourcingRules.OpenMarket));
        var outcome = SupplyOutcome.From(model, SolverBackends.Clp.Solve(model.Model));
        outcome.ShortfallKt.Should().BeApproximately(0, 1e-9);
    }

    /// <summary>
    /// Members' mines hold 10 kt; up to half the feed may come from non-member C. So the refinery takes 10 + 10 = 20,
    /// 80 is short, and one more kt of member ore unlocks one more kt of non-member ore: worth 2 kt of shortfall.
    /// </summary>
    [Theory]
    [MemberData(nameof(DualBackends))]
    public void Partial_friendshoring_rule_doubles_the_value_of_member_ore(string backend)
    {
        var network = new SupplyNetwork(
            "test", 2030, 100,
            [new("A", 5, true), new("B", 5, true), new("C", 50, false)],
            [new("A", 70, true)],
            0, 0, 0, new SourcingRules(MaxNonMemberShareOfMinedFeed: 0.5));
        var model = SupplyModel.Create(network);
        var outcome = SupplyOutcome.From(model, SolverBackends.Get(backend).Solve(model.Model));

        outcome.ShortfallKt.Should().BeApproximately(80, 1e-9);
        outcome.MinedFeedByCountry["C"].Should().BeApproximately(10, 1e-9);
        Value(outcome, CapacityKind.Mining, "A").Should().BeApproximately(2, 1e-9);
        Value(outcome, CapacityKind.Mining, "C").Should().BeApproximately(0, 1e-9);
        Value(outcome, CapacityKind.Refining, "A").Should().BeApproximately(0, 1e-9);
    }

    /// <summary>With no member ore, a member refinery of 50 kt runs on its 20 % secondary feed only: 10 kt.</summary>
    [Fact]
    public void Secondary_feed_runs_a_refinery_without_mines()
    {
        var network = new SupplyNetwork("copper", 2024, 100, [new("C", 500, false)], [new("A", 50, true)], 0.2, 0, 0, SourcingRules.CoalitionOnly);
        var model = SupplyModel.Create(network);
        var outcome = SupplyOutcome.From(model, SolverBackends.Clp.Solve(model.Model));
        outcome.ShortfallKt.Should().BeApproximately(90, 1e-9);
    }

    [Fact]
    public void Recycling_and_other_routes_serve_demand_directly()
    {
        var network = new SupplyNetwork("graphite", 2030, 100, [], [], 0, RecyclingKt: 15, OtherRouteKt: 25, SourcingRules.CoalitionOnly);
        var model = SupplyModel.Create(network);
        SupplyOutcome.From(model, SolverBackends.Clp.Solve(model.Model)).ShortfallKt.Should().BeApproximately(60, 1e-9);
    }

    [Fact]
    public void Every_member_gets_priced_capacity_even_without_any()
    {
        var model = SupplyModel.Create(TwoMembers(SourcingRules.CoalitionOnly));
        model.CapacityVariables.Keys.Should().Contain([new CapacityKey(CapacityKind.Refining, "B"), new CapacityKey(CapacityKind.Mining, "A")]);
        model.Model.VariableUpperBounds[model.CapacityVariables[new CapacityKey(CapacityKind.Refining, "B")]].Should().Be(0);
    }

    [Fact]
    public void Out_of_range_input_names_the_field()
    {
        var bad = TwoMembers(SourcingRules.CoalitionOnly) with { SecondaryFeedShare = 1.5 };
        var act = () => SupplyModel.Create(bad);
        act.Should().Throw<ArgumentException>().WithMessage("*SecondaryFeedShare*1.5*[0, 1]*");

        var negative = TwoMembers(SourcingRules.CoalitionOnly) with { Mines = [new("A", -1, true)] };
        ((Action)(() => SupplyModel.Create(negative))).Should().Throw<ArgumentException>().WithMessage("*Mines[A].CapacityKt*-1*");
    }

    /// <summary>Law: more capacity anywhere never raises the shortfall; and every solution conserves mass.</summary>
    [Fact]
    public void More_capacity_never_raises_shortfall_and_flows_conserve_mass()
    {
        var random = new Random(2024);
        for (int trial = 0; trial < 150; trial++)
        {
            var network = RandomNetwork(random);
            var model = SupplyModel.Create(network);
            var solution = SolverBackends.Clp.Solve(model.Model, new SolveOptions { ComputeDuals = false });
            solution.Status.Should().Be(SolveStatus.Optimal);
            double before = solution.Values[model.ShortfallVariable];
            AssertMassBalance(model, solution);

            bool mining = random.Next(2) == 0;
            var list = mining ? network.Mines : network.Refineries;
            int k = random.Next(list.Count);
            var raised = list.Select((c, i) => i == k ? c with { CapacityKt = c.CapacityKt + (50 * random.NextDouble()) } : c).ToArray();
            var bigger = mining ? network with { Mines = raised } : network with { Refineries = raised };
            var biggerModel = SupplyModel.Create(bigger);
            double after = SolverBackends.Clp.Solve(biggerModel.Model, new SolveOptions { ComputeDuals = false }).Values[biggerModel.ShortfallVariable];
            after.Should().BeLessThanOrEqualTo(before + 1e-7, "trial {0}", trial);
        }
    }

    private static void AssertMassBalance(SupplyModel model, Solution solution)
    {
        foreach (var refinery in model.Network.Refineries.Where(r => r.IsMember))
        {
            double refined = solution.Values[model.CapacityVariables[new CapacityKey(CapacityKind.Refining, refinery.Iso3)]];
            double feed = model.FeedVariables.Where(f => f.Refinery == refinery.Iso3).Sum(f => solution.Values[f.Variable]);
            refined.Should().BeLessThanOrEqualTo(feed + (model.Network.SecondaryFeedShare * refinery.CapacityKt) + 1e-7);
            refined.Should().BeGreaterThanOrEqualTo(feed - 1e-7);
        }

        foreach (var mine in model.Network.Mines)
        {
            double shipped = model.FeedVariables.Where(f => f.Mine == mine.Iso3).Sum(f => solution.Values[f.Variable]);
            shipped.Should().BeLessThanOrEqualTo(mine.CapacityKt + 1e-7);
        }
    }

    private static SupplyNetwork RandomNetwork(Random random)
    {
        string[] countries = ["AAA", "BBB", "CCC", "DDD", "EEE"];
        StageCapacity[] Stage() => countries.Where(_ => random.NextDouble() < 0.8)
            .Select(c => new StageCapacity(c, 100 * random.NextDouble(), c is "AAA" or "BBB" or "CCC")).ToArray();
        return new SupplyNetwork("random", 2030, 50 + (200 * random.NextDouble()), Stage(), Stage(),
            0.3 * random.NextDouble(), 10 * random.NextDouble(), 0,
            new SourcingRules(random.NextDouble(), random.NextDouble()));
    }

    private static double Value(SupplyOutcome outcome, CapacityKind kind, string iso3) =>
        outcome.MarginalValues.Single(v => v.Kind == kind && v.Iso3 == iso3).ShortfallAvoidedPerKt;
}

using CriticalMinerals.Analysis.World;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Modeling.Policy;
using CriticalMinerals.Modeling.World;

namespace CriticalMinerals.Tests.Analysis.World;

/// <summary>
/// The EU CRMA recycling benchmark (25 % of consumption from the bloc's own recycling) on the real flows of the world model.
/// Hand instance: country A mines and refines 200 (bloc Rest, demand 50); bloc EU (country E, no capacity) needs 100 and
/// recycles R of its own. Supply is ample, so without the rule both blocs are fully served.
/// </summary>
public sealed class RecyclingRuleTests
{
    private static readonly RecyclingShareRule Crma = EuCrma.RecyclingRule(MineralDataset.Default, "EU");

    private static WorldNetwork World(double recycledKt, RuleMode mode) => new(
        "test",
        2030,
        [new WorldSite("A", 200, 200), new WorldSite("E", 0, 0)],
        [new Bloc("EU", ["E"], 100) { RecycledKt = recycledKt }, new Bloc("Rest", ["A"], 50)])
    { RecyclingRules = [Crma with { Mode = mode }] };

    [Fact]
    public void The_benchmark_is_the_datas_25_percent()
    {
        Crma.MinShare.Should().Be(0.25);
        Crma.Label.Should().Be("EU CRMA 2030: recycling ≥ 25 % of consumption [S63]");
    }

    [Fact]
    public void Hard_with_10_kt_recycled_it_binds_and_caps_EU_consumption_at_40()
    {
        // recycled 10 ≥ 0.25 × consumption → consumption ≤ 40: 30 kt from A plus the 10 recycled; 60 short.
        var r = WorldAllocation.Solve(World(10, RuleMode.Hard));
        r.Bloc("EU").SuppliedKt.Should().BeApproximately(40, 1e-6);
        r.Bloc("EU").RecycledKt.Should().BeApproximately(10, 1e-6);
        r.Bloc("EU").ShortfallKt.Should().BeApproximately(60, 1e-6);
        r.Bloc("Rest").Coverage.Should().BeApproximately(1, 1e-7);
        r.Notes.Should().Contain(n => n.Contains("(hard): EU recycles 10 of the 40 it consumes (25.0 %): met because it binds, capping consumption at recycled ÷ 25 % = 40", StringComparison.Ordinal));
    }

    [Fact]
    public void Hard_with_30_kt_recycled_it_does_not_bind()
    {
        // 30 ≥ 0.25 × 100: the EU is fully served, 70 kt from A.
        var r = WorldAllocation.Solve(World(30, RuleMode.Hard));
        r.Bloc("EU").SuppliedKt.Should().BeApproximately(100, 1e-6);
        r.Bloc("EU").RecycledKt.Should().BeApproximately(30, 1e-6);
        r.Notes.Should().Contain(n => n.Contains("EU recycles 30 of the 100 it consumes (30.0 %): met without binding", StringComparison.Ordinal));
    }

    [Fact]
    public void Soft_it_is_only_checked_and_reports_the_miss()
    {
        // 10 of 100 consumed: 0.25 × 100 − 10 = 15 short of the benchmark; the allocation is the one without the rule.
        var r = WorldAllocation.Solve(World(10, RuleMode.Soft));
        r.Bloc("EU").SuppliedKt.Should().BeApproximately(100, 1e-6);
        r.Notes.Should().Contain(n => n.Contains("(soft): EU recycles 10 of the 100 it consumes (10.0 %): missed by 15", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_for_an_unknown_bloc_or_a_share_above_one_is_refused()
    {
        var network = World(10, RuleMode.Hard) with { RecyclingRules = [new RecyclingShareRule("Nowhere", 1.5, "x")] };
        var act = () => WorldModel.Create(network);
        act.Should().Throw<ArgumentException>().WithMessage("*RecyclingRules[Nowhere].Bloc is Nowhere; expected a bloc name*").WithMessage("*MinShare is 1.5*");
    }
}

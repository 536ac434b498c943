using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.World;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.World;

namespace CriticalMinerals.Tests.Analysis.World;

/// <summary>The world allocation model built from the embedded data.</summary>
public sealed class WorldAnalysisTests
{
    private static readonly MineralDataset Data = MineralDataset.Default;

    private static WorldQuestion Cobalt2024() => new()
    {
        Commodity = "cobalt",
        Blocs = [Data.GetCoalition("MSP_Minerals_Security_Partnership")],
        DemandShares = new Dictionary<string, double> { ["MSP_Minerals_Security_Partnership"] = 0.4 },
        Scenario = DemandScenario.Observed,
        Year = 2024,
    };

    [Fact]
    public void Every_named_producer_is_a_site_and_the_unattributed_rest_belongs_to_the_rest_bloc()
    {
        var (network, _, sources) = new WorldAnalysis(Data).BuildNetwork(Cobalt2024());
        // Cobalt mining 2024: COD 181.796 named; CAN from Rest of world 45.691 × 2100 / 28900, the USGS MCS2024 2023 output
        // (t) of the countries the IEA does not name: USA 500, CAN 2100, CUB 3200, MDG 4000, NCL 3000, PNG 2900, PHL 3800,
        // TUR 2800, Other countries 6600.
        network.Sites.Single(s => s.Iso3 == "COD").MiningKt.Should().Be(181.796);
        network.Sites.Single(s => s.Iso3 == "CAN").MiningKt.Should().BeApproximately(45.691 * 2100 / 28900, 1e-9);
        network.Sites.Single(s => s.Iso3 == "CAN").RefiningKt.Should().Be(1.754);
        network.Blocs.Single(b => b.Name == "Non-aligned").Members.Should().Contain(["ROW", "COD", "CHN"]);
        network.Blocs.Single(b => b.Name == "MSP_Minerals_Security_Partnership").Members.Should().Contain(["CAN", "FIN", "AUS"], "EU member states come with EUU");
        network.Blocs.Sum(b => b.DemandKt).Should().BeApproximately(220.726, 1e-9);
        sources.Should().Contain(["S48", "S26"]);
    }

    [Fact]
    public void Cutting_the_DRC_starves_refineries_everywhere()
    {
        // Cobalt 2024: world mining 273.337 of which COD 181.796; refineries may add 1 − 273.337/250.15 < 0 → no scrap.
        // Without Congolese ore the world refines at most the other 91.5 kt, whoever the refinery belongs to.
        var analysis = new WorldAnalysis(Data);
        var (network, _, _) = analysis.BuildNetwork(Cobalt2024());
        var cut = network with { Sites = network.Sites.Select(s => s.Iso3 == "COD" ? s with { MiningKt = 0 } : s).ToArray() };
        var before = WorldAllocation.Solve(network);
        var after = WorldAllocation.Solve(cut);
        double otherMines = network.Sites.Where(s => s.Iso3 != "COD").Sum(s => s.MiningKt);
        after.RefinedKt.Values.Sum().Should().BeLessThanOrEqualTo(otherMines + 1e-6);
        before.Blocs.Sum(b => b.SuppliedKt).Should().BeApproximately(220.726, 1e-6, "2024 demand is met before the cut");
        after.Blocs.Sum(b => b.SuppliedKt).Should().BeApproximately(otherMines, 1e-6);
        after.RefinedKt.GetValueOrDefault("CHN").Should().BeLessThan(before.RefinedKt["CHN"], "China's refineries, outside the bloc, lose their ore too");
    }

    [Fact]
    public void Blocs_that_overlap_are_refused()
    {
        var question = Cobalt2024() with
        {
            Blocs = [Data.GetCoalition("G7"), Data.GetCoalition("EU27")],
            DemandShares = new Dictionary<string, double> { ["G7"] = 0.3, ["EU27"] = 0.2 },
        };
        var act = () => new WorldAnalysis(Data).BuildNetwork(question);
        act.Should().Throw<ArgumentException>().WithMessage("*Blocs overlap: * is in G7 and EU27*", "the G7 lists the EU as a party, which brings its member states");
    }

    [Fact]
    public void Graphite_synthetic_output_sits_with_the_unattributed_rest()
    {
        var question = new WorldQuestion
        {
            Commodity = "graphite",
            Blocs = [Coalition.Create("China-centred", ["CHN", "RUS"])],
            DemandShares = new Dictionary<string, double> { ["China-centred"] = 0.5 },
            Scenario = DemandScenario.Observed,
            Year = 2024,
            Rule = AllocationRule.CostMinimal,
        };
        var result = new WorldAnalysis(Data).Allocate(question);
        result.Flows.Where(f => f.IsOtherRoute).Sum(f => f.Kt).Should().BeApproximately(4765.557 - 1847.235, 1e-6);
        result.Blocs.Sum(b => b.ShortfallKt).Should().BeApproximately(0, 1e-6, "synthetic graphite closes the 2024 balance");
    }

    [Fact]
    public void The_main_grid_takes_each_blocs_demand_from_the_data_and_the_rest_takes_the_remainder()
    {
        var analysis = new WorldAnalysis(Data);
        var questions = analysis.MainQuestions(2030);
        questions.Should().HaveCount(Data.Commodities.Count * 4 * 6, "six minerals × (2024 + three scenarios) × (five coalitions vs rest + one two-bloc split)");
        var g7 = questions.Single(q => q.Commodity == "lithium" && q.Scenario == DemandScenario.Steps && q.Setup == "G7 vs Rest of world");
        var estimate = Data.CoalitionDemand("lithium", Data.GetCoalition("G7"), DemandScenario.Steps, 2030);
        g7.DemandShares["G7"].Should().Be(estimate.Share);
        g7.DemandNotes.Should().Contain(n => n.StartsWith("[ASSUMPTION]", StringComparison.Ordinal));
        var (network, _, _) = analysis.BuildNetwork(g7);
        network.Blocs.Sum(b => b.DemandKt).Should().BeApproximately(Data.TotalDemand("lithium", DemandScenario.Steps, 2030).Value, 1e-9);
        network.Blocs.Single(b => b.Name == "G7").DemandKt.Should().BeApproximately(estimate.CoalitionKt, 1e-9);
    }

    [Fact]
    public void Sourcing_at_home_gives_a_bloc_exactly_what_the_coalition_view_gives_it()
    {
        // One formulation: a named bloc that sources only at home, and comes first (the rest may not take its ore before it is
        // served), gets in the world model what the coalition-only LP gives it against the same demand.
        var analysis = new WorldAnalysis(Data);
        var question = analysis.WithDataDemand(new WorldQuestion
        {
            Commodity = "nickel",
            Blocs = [Data.GetCoalition("IPEF")],
            DemandShares = new Dictionary<string, double>(),
            Scenario = DemandScenario.Nze,
            Year = 2030,
            NamedBlocsSourceAtHome = true,
        });
        var (network, _, _) = analysis.BuildNetwork(question with { Rule = AllocationRule.PriorityWeights });
        network = network with { Blocs = [.. network.Blocs.Select(b => b.Name == "IPEF" ? b with { Weight = 100 } : b)] };
        var world = WorldAllocation.Solve(network).Bloc("IPEF");
        var coalition = new CoalitionAnalysis(Data).Answer(new CoalitionQuestion { Commodity = "nickel", Coalition = Data.GetCoalition("IPEF"), Scenario = DemandScenario.Nze, Year = 2030 });
        world.DemandKt.Should().BeApproximately(coalition.OwnDemand!.CoalitionKt, 1e-9);
        world.ShortfallKt.Should().BeApproximately(coalition.OwnShortfallKt!.Value, 1e-6);
    }
}

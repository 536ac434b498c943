using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Analysis.World;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Policy;
using CriticalMinerals.Modeling.Recycling;
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
        after.Blocs.Sum(b => b.SuppliedKt).Should().BeApproximately(otherMines + network.Blocs.Sum(b => b.RecycledKt), 1e-6, "plus the little recycled from batteries of 2022–2023");
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

        // The EU CRMA recycling benchmark (a 2030 target) is checked for the EU27 bloc in the projection year only.
        var eu = questions.Where(q => q.Commodity == "lithium" && q.Setup == "EU27 vs Rest of world").ToArray();
        eu.Single(q => q.Year == 2030 && q.Scenario == DemandScenario.Aps).RecyclingRules.Should().ContainSingle().Which.Should().Be(EuCrma.RecyclingRule(Data, "EU27"));
        eu.Single(q => q.Year == 2024).RecyclingRules.Should().BeEmpty();
        g7.RecyclingRules.Should().BeEmpty();
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
            Recycling = RecyclingBasis.None, // the coalition view counts no recycled supply by default
        });
        var (network, _, _) = analysis.BuildNetwork(question with { Rule = AllocationRule.PriorityWeights });
        network = network with { Blocs = [.. network.Blocs.Select(b => b.Name == "IPEF" ? b with { Weight = 100 } : b)] };
        var world = WorldAllocation.Solve(network).Bloc("IPEF");
        var coalition = new CoalitionAnalysis(Data).Answer(new CoalitionQuestion { Commodity = "nickel", Coalition = Data.GetCoalition("IPEF"), Scenario = DemandScenario.Nze, Year = 2030 });
        world.DemandKt.Should().BeApproximately(coalition.OwnDemand!.CoalitionKt, 1e-9);
        world.ShortfallKt.Should().BeApproximately(coalition.OwnShortfallKt!.Value, 1e-6);
    }

    private static WorldQuestion Eu(string commodity, DemandScenario scenario = DemandScenario.Aps, int year = 2040) => new()
    {
        Commodity = commodity,
        Blocs = [Data.GetCoalition("EU27")],
        RestName = "Rest of world",
        DemandShares = new Dictionary<string, double> { ["EU27"] = 0.2 },
        Scenario = scenario,
        Year = year,
    };

    [Fact]
    public void By_default_each_bloc_gets_the_stock_models_secondary_supply_of_the_regions_it_holds()
    {
        // The EU27 is Busch's region 'European Union' exactly, so the two blocs split the world's recycled lithium between them.
        var analysis = new WorldAnalysis(Data);
        var (network, notes, sources) = analysis.BuildNetwork(Eu("lithium"));
        var flows = ScenarioBatteryFlows.Create(Data, DemandScenario.Aps);
        double eu = flows.Projection.Rows.Single(r => r.Mineral == BatteryMinerals.Lithium && r.Region == "European Union" && r.Year == 2040).RecycledKt;
        network.Blocs.Single(b => b.Name == "EU27").RecycledKt.Should().BeApproximately(eu, 1e-9).And.BeGreaterThan(0);
        network.Blocs.Sum(b => b.RecycledKt).Should().BeApproximately(flows.Projection.RecycledKt(BatteryMinerals.Lithium, 2040), 1e-9);
        notes.Should().Contain(n => n.StartsWith("Recycled supply APS 2040 (stock model, kt Li): EU27", StringComparison.Ordinal));
        notes.Should().Contain(n => n.StartsWith("[ASSUMPTION] stock model: lifetime:", StringComparison.Ordinal));
        sources.Should().Contain("B25");
    }

    [Fact]
    public void The_old_basis_has_no_recycled_supply_and_recycling_never_lowers_coverage()
    {
        var analysis = new WorldAnalysis(Data);
        var withRecycling = analysis.Allocate(Eu("cobalt", DemandScenario.Nze, 2035));
        var without = analysis.Allocate(Eu("cobalt", DemandScenario.Nze, 2035) with { Recycling = RecyclingBasis.None });
        without.Blocs.All(b => b.RecycledKt == 0 && b.RecycledAvailableKt == 0).Should().BeTrue();
        without.Notes.Should().Contain(n => n.StartsWith("Recycled supply: none (RecyclingBasis.None", StringComparison.Ordinal));
        withRecycling.Blocs.Sum(b => b.RecycledAvailableKt).Should().BeGreaterThan(0);
        foreach (var bloc in withRecycling.Blocs)
        {
            bloc.RecycledKt.Should().BeLessThanOrEqualTo(bloc.RecycledAvailableKt + 1e-9);
            bloc.Coverage.Should().BeGreaterThanOrEqualTo(without.Bloc(bloc.Bloc).Coverage - 1e-9);
        }
    }

    [Fact]
    public void On_the_Busch_basis_a_bloc_gets_Busch_recycled_lithium_of_its_regions_and_no_other_mineral()
    {
        var analysis = new WorldAnalysis(Data);
        var (lithium, notes, _) = analysis.BuildNetwork(Eu("lithium") with { Recycling = RecyclingBasis.Busch2025 });
        double published = Data.Busch2025.Recycling.Single(r => r.Scenario == Busch2025Data.ReferenceScenario && r.Region == "European Union" && r.Year == 2040).RecyclingKt;
        lithium.Blocs.Single(b => b.Name == "EU27").RecycledKt.Should().Be(published);
        notes.Should().Contain(n => n.StartsWith("Recycled supply APS 2040 (Busch et al. Recycling.csv, kt Li)", StringComparison.Ordinal));
        var (nickel, _, _) = analysis.BuildNetwork(Eu("nickel") with { Recycling = RecyclingBasis.Busch2025 });
        nickel.Blocs.All(b => b.RecycledKt == 0).Should().BeTrue();
    }

    [Fact]
    public void A_recycling_capacity_caps_the_blocs_secondary_supply()
    {
        var analysis = new WorldAnalysis(Data);
        var (open, _, _) = analysis.BuildNetwork(Eu("nickel"));
        double available = open.Blocs.Single(b => b.Name == "EU27").RecycledKt;
        available.Should().BeGreaterThan(2);
        var (capped, notes, _) = analysis.BuildNetwork(Eu("nickel") with { RecyclingCapacityKt = new Dictionary<string, double> { ["EU27"] = 2 } });
        capped.Blocs.Single(b => b.Name == "EU27").RecycledKt.Should().Be(2);
        capped.Blocs.Single(b => b.Name == "Rest of world").RecycledKt.Should().Be(open.Blocs.Single(b => b.Name == "Rest of world").RecycledKt, "no cap given for it");
        notes.Should().Contain(n => n.Contains("EU27 2, capped at 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Copper_has_no_stock_model_and_keeps_no_recycled_supply_flagged()
    {
        var (network, notes, _) = new WorldAnalysis(Data).BuildNetwork(Eu("copper"));
        network.Blocs.All(b => b.RecycledKt == 0).Should().BeTrue();
        notes.Should().Contain(n => n.StartsWith("Recycled supply: none [ASSUMPTION]: the battery stock model does not cover Copper", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lithium", BatteryMinerals.Lithium)]
    [InlineData("nickel", BatteryMinerals.Nickel)]
    [InlineData("cobalt", BatteryMinerals.Cobalt)]
    [InlineData("graphite", BatteryMinerals.Graphite)]
    public void Doubling_LFP_moves_each_battery_minerals_demand_the_way_its_LFP_intensity_lies_against_the_other_chemistries(string commodity, string mineral)
    {
        // mineral_intensity.csv: LFP has the least lithium of the 2022 mix (0.0915 kg/kWh, LMO next at 0.1015), no nickel or
        // cobalt (nor has LMO, at 0.3 % of the mix, so every other chemistry has more), and the most graphite (0.985, NMC 95
        // not in the mix). A larger LFP share must lower the first three and raise graphite; copper demand does not move.
        var intensities = Data.Busch2025.MineralIntensities.Where(i => i.Mineral == mineral).ToDictionary(i => i.Chemistry, i => i.KgPerKwh);
        var mix = Data.Busch2025.BatteryDemand.Select(b => b.Chemistry).Distinct().ToArray();
        double lfp = intensities["LFP"];
        var others = mix.Where(c => c != "LFP").Select(c => intensities[c]).ToArray();
        int expected = lfp <= others.Min() ? -1 : lfp >= others.Max() ? 1 : 0;
        expected.Should().NotBe(0, "LFP lies at one end for each of these minerals");

        var analysis = new WorldAnalysis(Data);
        var (before, _, _) = analysis.BuildNetwork(Eu(commodity));
        var (after, notes, _) = analysis.BuildNetwork(Eu(commodity) with { ChemistryShifts = [new ChemistryShift("LFP", 2)] });
        double change = after.Blocs.Sum(b => b.DemandKt) - before.Blocs.Sum(b => b.DemandKt);
        Math.Sign(change).Should().Be(expected);
        notes.Should().Contain(n => n.StartsWith("APS 2040: chemistry shift LFP x2: battery demand", StringComparison.Ordinal));

        var (copperBefore, _, _) = analysis.BuildNetwork(Eu("copper"));
        var (copperAfter, _, _) = analysis.BuildNetwork(Eu("copper") with { ChemistryShifts = [new ChemistryShift("LFP", 2)] });
        copperAfter.Blocs.Sum(b => b.DemandKt).Should().Be(copperBefore.Blocs.Sum(b => b.DemandKt));
    }
}

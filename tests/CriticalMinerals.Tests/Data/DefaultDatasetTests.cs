using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Data;

public class DefaultDatasetTests
{
    private static MineralDataset Data => MineralDataset.Default;

    [Fact]
    public void Default_loads_with_edition_MCS2024_and_six_commodities()
    {
        Data.UsgsEdition.Should().Be("MCS2024");
        Data.AvailableUsgsEditions.Should().Equal("MCS2023", "MCS2024", "MCS2026");
        Data.Commodities.Select(c => c.Code).Should().Equal("lithium", "nickel", "cobalt", "copper", "graphite", "magnet_rare_earths");
        Data.UsgsRecords.Should().OnlyContain(r => r.Edition == "MCS2024");
        Data.SupplyRecords.Should().HaveCount(340); // iea_supply_by_country.csv has 341 lines incl. header
        Data.DemandRecords.Should().HaveCount(912); // iea_demand_projections.csv has 913 lines incl. header
        Data.SupplyYears.Should().Equal(2024, 2030, 2035, 2040);
        Data.DemandYears.Should().Equal(2024, 2030, 2035, 2040, 2045, 2050);
        Data.Scenarios.Should().Equal(DemandScenario.Observed, DemandScenario.Steps, DemandScenario.Aps, DemandScenario.Nze);
    }

    [Fact]
    public void Lithium_mining_2024_Australia_and_World()
    {
        // iea_supply_by_country.csv: lithium,Australia,AUS,mining,2024,observed,89.969,kt Li content,0.3522,,S48
        //                            lithium,World,WLD,mining,2024,observed,255.448,kt Li content,1.0,,S48
        //                            lithium,Rest of world,ROW,mining,2024,observed,23.07,...
        var s = Data.Supply("lithium", SupplyStage.Mining, 2024, SupplyCase.Observed);
        var aus = s.Countries.Single(r => r.Country.Iso3 == "AUS");
        aus.Value.Should().Be(89.969);
        aus.ShareOfWorld.Should().Be(0.3522);
        aus.Unit.Should().Be("kt Li content");
        aus.SourceId.Should().Be("S48");
        Data.Sources[aus.SourceId].Title.Should().Contain("IEA");
        s.World!.Value.Should().Be(255.448);
        s.World.Country.IsAggregate.Should().BeTrue();
        s.RestOfWorld!.Value.Should().Be(23.07);
        s.Countries.Should().NotContain(r => r.Country.IsAggregate);
        // AUS, CHN, CHL, ARG, ZWE are the five country rows of lithium mining 2024.
        s.Countries.Select(r => r.Country.Iso3).Should().BeEquivalentTo(["AUS", "CHN", "CHL", "ARG", "ZWE"]);
    }

    [Fact]
    public void Nze_2030_lithium_total_demand()
    {
        // iea_demand_projections.csv: lithium,NZE,2030,total_demand,701.476,kt Li content (NOT LCE),...,S48
        var d = Data.TotalDemand("lithium", DemandScenario.Nze, 2030);
        d.Value.Should().Be(701.476);
        d.Unit.Should().Be("kt Li content (NOT LCE)");
        d.SourceId.Should().Be("S48");
    }

    [Fact]
    public void Chile_lithium_reserves_MCS2024_in_kt()
    {
        // usgs_mcs_production_reserves.csv: lithium,Chile,CHL,reserves,reserves,2023,9300000,9300000,t Li content,n/a,MCS2024,...,S25
        // 9,300,000 t Li * 0.001 = 9,300 kt Li; world 28,000,000 t = 28,000 kt.
        var r = Data.Reserves("lithium");
        r.Edition.Should().Be("MCS2024");
        r.Year.Should().Be(2023);
        r.ModelUnit.Should().Be("kt Li");
        var chl = r.Countries.Single(a => a.Record.Country.Iso3 == "CHL");
        chl.ValueInModelUnit.Should().BeApproximately(9300, 1e-9);
        chl.Record.Value.Should().Be(9_300_000);
        chl.Record.SourceId.Should().Be("S25");
        r.World!.ValueInModelUnit.Should().BeApproximately(28_000, 1e-9);
    }
}

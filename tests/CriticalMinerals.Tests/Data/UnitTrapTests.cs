using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Data;

public class UnitTrapTests
{
    private static MineralDataset Data => MineralDataset.Default;

    [Fact]
    public void Lithium_is_lithium_content_not_LCE()
    {
        var li = Data.GetCommodity("lithium");
        li.ModelUnit.Should().Be("kt Li");
        li.IeaSupplyUnit.Should().Be("kt Li content");
        li.IeaDemandUnit.Should().Be("kt Li content (NOT LCE)");
        li.UsgsMiningUnit.Should().Be("t Li content");
        li.UsgsToModelFactor.Should().Be(0.001);
        li.Trap.Should().Contain("NOT lithium carbonate equivalent").And.Contain("1 t Li = 5.323 t LCE");
        Data.SupplyRecords.Where(r => r.Commodity == "lithium").Should().OnlyContain(r => r.Unit == "kt Li content");
    }

    [Fact]
    public void Magnet_rare_earths_have_no_USGS_mapping_and_no_reserves()
    {
        var ree = Data.GetCommodity("magnet_rare_earths");
        ree.UsgsMineral.Should().BeNull();
        ree.UsgsToModelFactor.Should().BeNull();
        ree.IeaSupplyUnit.Should().Be("kt magnet REEs (Nd, Pr, Dy, Tb)");
        ree.Trap.Should().Contain("NO USGS mapping").And.Contain("rare-earth-oxide equivalent of ALL elements");
        var act = () => Data.Reserves("magnet_rare_earths");
        act.Should().Throw<NotSupportedException>().WithMessage("*no USGS mapping*unavailable*");
        // USGS rare_earths (t REO, all elements) is still in the raw rows, under its own mineral code.
        Data.UsgsRecords.Should().Contain(r => r.Mineral == "rare_earths" && r.Unit == "t REO equivalent");
    }

    [Fact]
    public void Graphite_demand_is_all_grades_while_mining_is_natural_graphite()
    {
        var g = Data.GetCommodity("graphite");
        g.IeaDemandMineral.Should().Be("graphite_all_grades");
        g.IeaDemandUnit.Should().Be("kt graphite, all grades (natural + synthetic)");
        g.IeaSupplyUnit.Should().Contain("mining = natural graphite mined");
        g.UsgsMineral.Should().Be("natural_graphite");
        g.Trap.Should().Contain("natural and synthetic").And.Contain("never cover demand alone");
        var d = Data.TotalDemand("graphite", DemandScenario.Observed, 2024);
        d.Mineral.Should().Be("graphite_all_grades");
        d.Commodity.Should().Be("graphite");
    }

    [Fact]
    public void Copper_refinery_output_includes_secondary_copper()
    {
        var cu = Data.GetCommodity("copper");
        cu.UsgsRefiningUnit.Should().Be("kt refined Cu (primary+secondary refinery output)");
        cu.UsgsToModelFactor.Should().Be(1);
        cu.Trap.Should().Contain("secondary (scrap) copper");
        Data.Usgs("copper", UsgsStage.Refining).Countries.Should().OnlyContain(a => a.Record.Unit == cu.UsgsRefiningUnit);
    }

    [Fact]
    public void Lithium_2022_world_production_differs_between_editions_and_is_never_mixed()
    {
        // lithium,World total,WLD,mining,production,2022,130000,130000,t Li content,...,MCS2023,...,S01
        // lithium,World total,WLD,mining,production,2022,146000,146000,t Li content,...,MCS2024,...,S24
        var mcs2024 = Data.Usgs("lithium", UsgsStage.Mining, 2022);
        mcs2024.World!.Record.Value.Should().Be(146_000);
        mcs2024.World.ValueInModelUnit.Should().BeApproximately(146, 1e-9);
        mcs2024.World.Record.SourceId.Should().Be("S24");

        var mcs2023Data = MineralDataset.Load(new DatasetLoadOptions { UsgsEdition = "MCS2023" });
        var mcs2023 = mcs2023Data.Usgs("lithium", UsgsStage.Mining, 2022);
        mcs2023.World!.Record.Value.Should().Be(130_000);
        mcs2023.World.Record.SourceId.Should().Be("S01");
        mcs2023Data.UsgsRecords.Should().OnlyContain(r => r.Edition == "MCS2023");

        var mixing = () => Data.Usgs("lithium", UsgsStage.Mining, 2022, edition: "MCS2023");
        mixing.Should().Throw<InvalidOperationException>().WithMessage("*MCS2024 only*never mixed*");
    }

    [Fact]
    public void MCS2026_is_a_separate_lithium_only_edition()
    {
        // lithium,Chile,CHL,reserves,reserves,2025,9200000,...,MCS2026,...,S47
        var mcs2026 = MineralDataset.Load(new DatasetLoadOptions { UsgsEdition = "MCS2026" });
        mcs2026.UsgsRecords.Select(r => r.Mineral).Distinct().Should().Equal("lithium");
        var r = mcs2026.Reserves("lithium");
        r.Year.Should().Be(2025);
        r.Countries.Single(a => a.Record.Country.Iso3 == "CHL").ValueInModelUnit.Should().BeApproximately(9200, 1e-9);
        var nickel = () => mcs2026.Reserves("nickel");
        nickel.Should().Throw<ArgumentException>().WithMessage("*MCS2026 has no Reserves rows for nickel*");
    }

    [Fact]
    public void Withheld_US_lithium_production_is_null_not_zero()
    {
        // lithium,United States,USA,mining,production,2023,,W,t Li content,...,MCS2024
        var usa = Data.Usgs("lithium", UsgsStage.Mining, 2023).Countries.Single(a => a.Record.Country.Iso3 == "USA");
        usa.Record.Value.Should().BeNull();
        usa.Record.ValueRaw.Should().Be("W");
        usa.ValueInModelUnit.Should().BeNull();
    }

    [Fact]
    public void Bounds_and_text_stay_missing_with_their_raw_text()
    {
        var raws = Data.UsgsRecords.Where(r => r.Value is null).Select(r => r.ValueRaw).Distinct().ToArray();
        raws.Should().NotBeEmpty();
        raws.Should().OnlyContain(s => s.Length > 0);
        Data.UsgsRecords.Where(r => r.ValueRaw == "W").Should().OnlyContain(r => r.Value == null);
    }
}

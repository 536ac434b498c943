using CriticalMinerals.Data;
using CriticalMinerals.Data.Loading;

namespace CriticalMinerals.Tests.Data;

/// <summary>The Busch et al. (2025) inputs as loaded into the embedded dataset; every figure quoted from its row.</summary>
public sealed class Busch2025Tests
{
    private const string Reference = Busch2025Data.ReferenceScenario;

    private static Busch2025Data Busch => MineralDataset.Default.Busch2025;

    [Fact]
    public void Every_file_of_shared_busch2025_is_embedded_including_the_12_deposit_variants()
    {
        Busch2025Files.EmbeddedScenarioFiles.Should().HaveCount(12);
        var shared = TestPaths.FindUp(Path.Combine("shared", "data", "busch2025"));
        if (shared is null)
        {
            return;
        }

        var onDisk = Directory.GetFiles(shared, "*", SearchOption.AllDirectories)
            .Select(p => "busch2025/" + Path.GetRelativePath(shared, p).Replace('\\', '/'));
        Busch2025Files.All.Should().BeEquivalentTo(onDisk);
    }

    [Fact]
    public void Counts_and_source_id()
    {
        Busch.Deposits.Should().HaveCount(160);
        Busch.DepositScenarios.Keys.Should().BeEquivalentTo(
            "2_prodRate", "2yRampUp", "5_prodRate", "8yRampUp", "AllDLE_prodRate", "NoInferredResources", "NoRampUp", "NoTax",
            "RockTransportCosts", "longer_LeadTime", "noDLE_prodRate", "shorter_LeadTime");
        Busch.DepositScenarios.Values.Should().OnlyContain(v => v.Count == 160);
        Busch.Scenarios.Should().HaveCount(11).And.Contain(Reference);
        Busch.Years.Should().Equal(Enumerable.Range(2022, 49));
        Busch.WorldDemand.Should().HaveCount(11 * 49);
        Busch.RegionalDemand.Should().HaveCount(11 * 49 * 18);
        Busch.Recycling.Should().HaveCount(11 * 48 * 18); // 2023-2070
        Busch.BatteryDemand.Should().HaveCount(232).And.OnlyContain(b => b.Year == 2022, "battery_region.csv holds 2022 only");
        Busch.MineralIntensities.Should().HaveCount(205);
        Busch.Regions.Should().HaveCount(18);
        Busch.Regions.Sum(r => r.Countries.Count).Should().Be(203);

        Busch.SourceId.Should().Be("B25");
        var source = MineralDataset.Default.Sources["B25"];
        source.Title.Should().Contain("10.1038/s41893-025-01561-5").And.Contain("299a6c42").And.Contain("MIT");
        Busch.Deposits.Should().OnlyContain(d => d.SourceId == "B25" && d.File == "busch2025/Deposit.csv" && d.Row >= 2);
        Busch.DepositScenarios["NoTax"].Should().OnlyContain(d => d.File == "busch2025/deposit_scenarios/NoTax.csv");
    }

    [Fact]
    public void Deposit_rows_are_typed_with_NA_as_null_never_zero()
    {
        // 1,"Chile","Salar de Atacama (SQM)","Brine",-23.55,-68.36,"Producing","Open",0.2,0.186341463414634,0.13,TRUE,360,7840,2600,10800,
        //   51066.2005,51211.2682183842,51809.6725567187,324,81,56955.8377136237,0,"Report",27.1428571428571,31.4285714285714,
        //   39.4514371594965,39.4514371594965,3,"Brine",27.4,2.38,40.3,0.27,21238.77,21461.9511052064,22382.5731641827,"Salar de Atacama"
        var atacama = Busch.Deposits[0];
        atacama.Should().BeEquivalentTo(new
        {
            Id = 1, CountryName = "Chile", Iso3 = "CHL", Name = "Salar de Atacama (SQM)", ResourceType = "Brine", Latitude = -23.55, Longitude = -68.36,
            GradeReservePercentLi = (double?)0.2, OpenMine = true, ReserveKt = 360.0, ResourceDemonstratedKt = 7840.0, ResourceInferredKt = 2600.0,
            AllResourceKt = 10800.0, Cost1UsdPerTonneLi = 51066.2005, MaxProductionRateKtPerYear = 324.0, MaxRampUpKtPerYear = 81.0, OpeningCostUsd = 0.0,
            CostSource = "Report", DelayYears = 3, Edb = 27.4, CorporateTaxRate = 0.27, Cost1NoTaxUsdPerTonneLi = 21238.77, LabelName = "Salar de Atacama", Row = 2,
        });

        // 2,"Bolivia","Salar de Uyuni","Brine",-20.16,-67.63,"Producing","Open",NA,NA,NA,TRUE,5400,...
        var uyuni = Busch.Deposits[1];
        (uyuni.GradeReservePercentLi, uyuni.GradeResourcePercentLi, uyuni.GradeInferredPercentLi).Should().Be((null, null, null));
        uyuni.Iso3.Should().Be("BOL", "'Bolivia' is mapped by the alias table (ISO: 'Bolivia, Plurinational State of')");

        // 4,...: label_name is empty for most rows -> null
        Busch.Deposits.Count(d => d.LabelName is null).Should().Be(117);
    }

    [Fact]
    public void Deposit_country_names_map_to_ISO3_and_lookups_work()
    {
        // 11,"DR Congo","Manono-Kitotolo",... and 72,"Russia","Kolmorzerskoe",...
        Busch.Deposits.Single(d => d.Id == 11).Iso3.Should().Be("COD");
        Busch.Deposits.Single(d => d.Id == 72).Iso3.Should().Be("RUS");
        Busch.Deposits.Select(d => d.Iso3).Distinct().Should().HaveCount(28);
        Busch.DepositsIn("CHL").Should().HaveCount(16).And.OnlyContain(d => d.CountryName == "Chile");
        Busch.DepositsIn("can").Should().HaveCount(34);
        Busch.DepositsIn("JPN").Should().BeEmpty();
    }

    [Fact]
    public void Regions_list_ISO3_codes_with_territories_marked()
    {
        // European Union,Denmark,Denmark,DNK / European Union,Denmark,Faroe Islands,FRO
        var eu = Busch.RegionOf("FRO")!;
        eu.Name.Should().Be("European Union");
        eu.Countries.Single(c => c.Iso3 == "FRO").IsTerritory.Should().BeTrue();
        eu.Countries.Single(c => c.Iso3 == "DNK").IsTerritory.Should().BeFalse();
        eu.Countries.Should().HaveCount(31);
        eu.SovereignCountries.Select(c => c.Iso3).Should().BeEquivalentTo(MineralDataset.Default.GetCoalition("EU27").Members.Select(m => m.Iso3));
        eu.Countries.Where(c => c.IsTerritory).Select(c => c.Iso3).Should().BeEquivalentTo("FRO", "REU", "BES", "CUW");

        // Other Europe,Serbia,Kosovo (under UNSC res. 1244),XKX: a user-assigned code, counted under Serbia.
        Busch.RegionOf("XKX")!.Name.Should().Be("Other Europe");
        Busch.GetRegion("United States").SovereignCountries.Select(c => c.Iso3).Should().Equal("USA");
        Busch.GetRegion("ASEAN").SovereignCountries.Should().HaveCount(10);
        Busch.RegionOf("ATA").Should().BeNull();
    }

    [Fact]
    public void Regional_demand_is_in_t_and_sums_to_the_world_figure_in_kt()
    {
        // Demand.csv row 90:          2030,"Ambitious-Baseline-Baseline-Baseline-Baseline",696.238169729914   (kt Li)
        // Demand_Region.csv row 1663: 2030,"European Union","Ambitious-Baseline-Baseline-Baseline-Baseline",124392.745037484   (t Li)
        var world = Busch.WorldDemandIn(Reference, 2030);
        world.DemandKt.Should().Be(696.238169729914);
        world.Row.Should().Be(90);
        var regions = Busch.RegionalDemandIn(Reference, 2030);
        var eu = regions.Single(r => r.Region == "European Union");
        (eu.DemandTonnes, eu.Row).Should().Be((124392.745037484, 1663));
        eu.DemandKt.Should().BeApproximately(124.392745037484, 1e-12);

        // The trap: without /1000 the regions are 1000x the world. With it they agree to the 15 digits R printed: over all 539
        // scenario-years the largest relative gap is 4.9e-15, so 1e-12 is a safe bound (the loader refuses above 1e-9).
        regions.Sum(r => r.DemandTonnes).Should().BeApproximately(1000 * world.DemandKt, 1000 * world.DemandKt * 1e-12);
        foreach (var w in Busch.WorldDemand)
        {
            var sum = Busch.RegionalDemandIn(w.Scenario, w.Year).Sum(r => r.DemandKt);
            Math.Abs(sum - w.DemandKt).Should().BeLessThanOrEqualTo(1e-12 * w.DemandKt, $"{w.Scenario} {w.Year}");
        }
    }

    [Fact]
    public void Unknown_scenario_or_year_is_an_argument_error()
    {
        var act = () => Busch.WorldDemandIn(Reference, 2071);
        act.Should().Throw<ArgumentException>().WithMessage("*2022–2070*2071*");
        act = () => Busch.WorldDemandIn("Ambitious", 2030);
        act.Should().Throw<ArgumentException>().WithMessage("*Unknown Busch scenario 'Ambitious'*");
    }

    [Fact]
    public void LCE_is_5_323_t_per_t_Li()
    {
        // Li2CO3: 73.89 g/mol over 2 Li at 6.941 g/mol = 5.3227.
        LithiumUnits.LcePerLi.Should().Be(5.323);
        (73.89 / (2 * 6.941)).Should().BeApproximately(LithiumUnits.LcePerLi, 5e-4);
        LithiumUnits.ToLce(1000).Should().BeApproximately(5323, 1e-9);
        LithiumUnits.FromLce(5323).Should().BeApproximately(1000, 1e-9);

        // World 2030 reference demand, 696.238169729914 kt Li, is 3706.1 kt LCE.
        LithiumUnits.ToLce(Busch.WorldDemandIn(Reference, 2030).DemandKt).Should().BeApproximately(3706.076, 1e-3);
    }

    [Fact]
    public void Costs_are_USD_per_t_Li_content_as_the_model_reads_them()
    {
        // RunOptimization.jl: cost_extraction1 = cost1 ./ 1e3 (million USD per kt); cost_opening ./ 1e6 (million USD).
        // Atacama cost1 = 51066.2005 USD/t Li = 51.0662005 million USD per kt Li = 9593.5 USD per t LCE.
        var atacama = Busch.Deposits[0];
        (atacama.Cost1UsdPerTonneLi / 1e3).Should().BeApproximately(51.0662005, 1e-12);
        (atacama.Cost1UsdPerTonneLi / LithiumUnits.LcePerLi).Should().BeApproximately(9593.50, 0.01);

        // 3,"United States","Salton Sea (All)",...,cost_opening 199701729.182192 USD = 199.7 million USD.
        (Busch.Deposits[2].OpeningCostUsd / 1e6).Should().BeApproximately(199.701729182192, 1e-9);
        Busch.Deposits.Should().OnlyContain(d => d.Cost1UsdPerTonneLi > 0 && d.Cost2UsdPerTonneLi > 0 && d.Cost3UsdPerTonneLi > 0);
    }

    [Fact]
    public void Battery_and_intensity_rows()
    {
        // "BEV","2022","China","NMC 811",42441.535810087,678113.057089403,0.145412477374632,7.66067360884678,52.6823677524609
        var bev = Busch.BatteryDemand.Single(b => b is { Powertrain: "BEV", Region: "China", Chemistry: "NMC 811" });
        (bev.MWh, bev.Vehicles, bev.Row).Should().Be((42441.535810087, 678113.057089403, 41));

        // Nickel,NMC 811,0.6583745077921409 (kg/kWh)
        Busch.MineralIntensities.Single(i => i is { Mineral: "Nickel", Chemistry: "NMC 811" }).KgPerKwh.Should().Be(0.6583745077921409);
        Busch.MineralIntensities.Select(i => i.Mineral).Distinct().Should().Contain(["Lithium", "Nickel", "Cobalt", "Manganese", "Graphite", "Copper"]);
    }
}

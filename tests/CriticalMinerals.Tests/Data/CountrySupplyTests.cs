using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Data;

/// <summary>Every named producer counted: IEA rows, the IEA Rest of world split over the countries it hides by USGS output.</summary>
public class CountrySupplyTests
{
    private static MineralDataset Data => MineralDataset.Default;

    [Fact]
    public void G7_lithium_mining_includes_Canada_from_the_IEA_rest_of_world()
    {
        // iea_supply_by_country.csv: lithium,Rest of world,ROW,mining,2024,observed,23.07 (AUS, CHN, CHL, ARG, ZWE named).
        // usgs (MCS2024, 2023, t Li): BRA 4900, CAN 3400, PRT 380, OTHER 0, USA W (withheld: no share).
        var table = Data.CountrySupply("lithium", SupplyStage.Mining, 2024, SupplyCase.Observed);
        double key = 4.9 + 3.4 + 0.38;
        var canada = table.Countries.Single(r => r.Country.Iso3 == "CAN");
        canada.ValueKt.Should().BeApproximately(23.07 * 3.4 / key, 1e-9);
        canada.Derivation.Should().Be(SupplyDerivation.RestOfWorldSplit);
        canada.IsDerived.Should().BeTrue();
        canada.SourceIds.Should().Equal("S48", "S24");
        canada.Method.Should().Contain("IEA Rest of world 2024").And.Contain("USGS MCS2024 2023");
        table.ValueOf("PRT").Should().BeApproximately(23.07 * 0.38 / key, 1e-9);
        table.ValueOf("USA").Should().Be(0);
        table.Notes.Should().Contain(n => n.Contains("USA (W)", StringComparison.Ordinal));
        table.Unattributed.Should().BeNull("USGS 'Other countries' is 0 for lithium in 2023");

        double g7 = table.MembersOf(Data.GetCoalition("G7")).Sum(r => r.ValueKt);
        g7.Should().BeApproximately(23.07 * 3.4 / key, 1e-9, "Canada is the only G7 lithium miner the data names (USA withheld)");
    }

    [Fact]
    public void EU27_refined_copper_is_the_sum_of_its_members_from_USGS_shares()
    {
        // IEA copper refining 2024: ROW 9890; named CHN, RUS, CHL, JPN, IND. USGS MCS2024 2023 refinery output (kt) of the
        // countries the IEA does not name: USA 890, AUS 450, CAN 310, COD 1900, DEU 610, IDN 200, KAZ 440, KOR 620, MEX 480,
        // PER 400, POL 590, ZMB 380; Other countries 2900.
        double key = 890 + 450 + 310 + 1900 + 610 + 200 + 440 + 620 + 480 + 400 + 590 + 380 + 2900;
        var table = Data.CountrySupply("copper", SupplyStage.Refining, 2024, SupplyCase.Observed);
        table.ValueOf("DEU").Should().BeApproximately(9890 * 610 / key, 1e-9);
        table.ValueOf("POL").Should().BeApproximately(9890 * 590 / key, 1e-9);
        table.MembersOf(Data.GetCoalition("EU27")).Sum(r => r.ValueKt).Should().BeApproximately(9890 * (610 + 590) / key, 1e-9);
        table.Unattributed!.ValueKt.Should().BeApproximately(9890 * 2900 / key, 1e-9);
        table.Unattributed.Country.IsAggregate.Should().BeTrue();
    }

    [Fact]
    public void MSP_copper_mining_includes_Australia_and_Canada_and_IPEF_Indonesia()
    {
        // IEA copper mining 2024: USA 1138 named, ROW 7757. USGS MCS2024 2023 mine output (kt) of the hidden countries:
        // AUS 810, CAN 480, DEU 0, IDN 840, JPN 0, KAZ 600, KOR 0, MEX 750, POL 400, ZMB 760; Other countries 3100.
        double key = 810 + 480 + 840 + 600 + 750 + 400 + 760 + 3100;
        var table = Data.CountrySupply("copper", SupplyStage.Mining, 2024, SupplyCase.Observed);
        double msp = table.MembersOf(Data.GetCoalition("MSP_Minerals_Security_Partnership")).Sum(r => r.ValueKt);
        msp.Should().BeApproximately(1138 + (7757 * (810 + 480) / key), 1e-9); // USA, AUS, CAN (DEU mines 0)
        double ipef = table.MembersOf(Data.GetCoalition("IPEF")).Sum(r => r.ValueKt);
        ipef.Should().BeApproximately(1138 + (7757 * (810 + 840) / key), 1e-9); // USA, AUS, IDN
        table.Countries.Should().NotContain(r => r.Country.Iso3 == "DEU", "a zero key gives no row");
    }

    [Theory]
    [MemberData(nameof(EveryTable))]
    public void Rows_add_up_exactly_to_the_IEA_named_rows_plus_rest_of_world(string commodity, SupplyStage stage, int year, SupplyCase supplyCase)
    {
        var iea = Data.Supply(commodity, stage, year, supplyCase);
        var table = Data.CountrySupply(commodity, stage, year, supplyCase);
        double expected = iea.Countries.Sum(r => r.Value) + (iea.RestOfWorld?.Value ?? 0);
        table.TotalKt.Should().BeApproximately(expected, 1e-9 * Math.Max(1, expected));
        table.AllRows.Should().OnlyContain(r => r.ValueKt >= 0 && r.SourceIds.Count >= 1);
        table.Countries.Where(r => r.IsDerived).All(r => r.SourceIds.Count == 2 && r.Method.Contains("USGS", StringComparison.Ordinal)).Should().BeTrue("a derived row names its method and both sources");
        foreach (var named in iea.Countries)
        {
            table.ValueOf(named.Country.Iso3).Should().Be(named.Value, "where the IEA names a country its row is kept as published");
        }
    }

    [Fact]
    public void Projections_split_rest_of_world_by_the_same_USGS_shares()
    {
        // lithium,Rest of world,ROW,mining,2030,base_case_projection,73.939
        var table = Data.CountrySupply("lithium", SupplyStage.Mining, 2030, SupplyCase.BaseCaseProjection);
        table.ValueOf("CAN").Should().BeApproximately(73.939 * 3.4 / (4.9 + 3.4 + 0.38), 1e-9);
        table.Notes.Should().Contain(n => n.Contains("same USGS 2023 shares", StringComparison.Ordinal));
    }

    [Fact]
    public void Refining_without_a_country_source_stays_unattributed_with_a_note()
    {
        // USGS publishes no lithium refinery output by country: lithium,Rest of world,ROW,refining,2024,observed,5.15
        var table = Data.CountrySupply("lithium", SupplyStage.Refining, 2024, SupplyCase.Observed);
        table.Countries.Should().OnlyContain(r => r.Derivation == SupplyDerivation.IeaReported);
        table.Unattributed!.ValueKt.Should().Be(5.15);
        table.Notes.Should().Contain(n => n.Contains("stays unattributed", StringComparison.Ordinal));
    }

    [Fact]
    public void Magnet_rare_earths_use_USGS_rare_earth_oxide_only_as_a_flagged_proxy_key()
    {
        var table = Data.CountrySupply("magnet_rare_earths", SupplyStage.Mining, 2024, SupplyCase.Observed);
        table.Countries.Where(r => r.IsDerived).Should().NotBeEmpty().And.OnlyContain(r => r.Method.Contains("proxy", StringComparison.Ordinal));
        // USGS 2023 REO (t) of hidden producers: THA 7100, IND 2900, RUS 2600, MDG 960, VNM 600, BRA 80, MYS 80.
        table.ValueOf("THA").Should().BeApproximately(7.145 * 7100 / (7100 + 2900 + 2600 + 960 + 600 + 80 + 80), 1e-9);
        Data.Reconcile("magnet_rare_earths").Should().OnlyContain(r => r.Kind == ReconciliationKind.WorldAgainstRows, "t REO of all elements is never compared with kt of magnet REEs");
    }

    [Fact]
    public void Reconciliation_lists_IEA_against_USGS_and_the_IEA_world_against_its_rows()
    {
        var rows = Data.Reconcile("nickel");
        // IEA nickel mining 2024: IDN 2463 + PHL 345 + NCL 116 + RUS 190 + CAN 118 + AUS 100 + ROW 629 = 3961 against World 3861.
        var world = rows.Single(r => r.Kind == ReconciliationKind.WorldAgainstRows && r.Stage == SupplyStage.Mining && r.Year == 2024);
        world.FirstKt.Should().Be(3861);
        world.SecondKt.Should().BeApproximately(3961, 1e-9);
        world.ExceedsTolerance.Should().BeFalse("2.5 % is within 10 %");
        // IDN: IEA 2463 (2024) against USGS 1,800,000 t (2023): +36.8 %.
        var indonesia = rows.Single(r => r.Kind == ReconciliationKind.IeaAgainstUsgs && r.Iso3 == "IDN" && r.Stage == SupplyStage.Mining);
        indonesia.RelativeDifference.Should().BeApproximately((2463 - 1800.0) / 1800, 1e-12);
        indonesia.ExceedsTolerance.Should().BeTrue();
        indonesia.SecondLabel.Should().Be("USGS MCS2024 2023");
    }

    public static TheoryData<string, SupplyStage, int, SupplyCase> EveryTable()
    {
        var data = new TheoryData<string, SupplyStage, int, SupplyCase>();
        foreach (var key in MineralDataset.Default.SupplyRecords.Select(r => (r.Commodity, r.Stage, r.Year, r.Case)).Distinct())
        {
            data.Add(key.Commodity, key.Stage, key.Year, key.Case);
        }

        return data;
    }
}

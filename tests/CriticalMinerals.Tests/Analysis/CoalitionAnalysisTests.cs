using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Analysis;

/// <summary>Coverage on the embedded data, checked against numbers computed by hand from the CSV rows.</summary>
public sealed class CoalitionAnalysisTests
{
    private static readonly MineralDataset Data = MineralDataset.Default;
    private static readonly CoalitionAnalysis Analysis = new(Data);

    private static CoalitionQuestion Lithium(string coalition, DemandScenario scenario, int year) => new()
    {
        Commodity = "lithium",
        Coalition = Data.GetCoalition(coalition),
        Scenario = scenario,
        Year = year,
    };

    /// <summary>Recycled lithium of whole Busch regions in the stock model's flows of an IEA scenario (observed 2024 reads STEPS).</summary>
    private static double RecycledLithium(DemandScenario scenario, int year, params string[] regions) =>
        CriticalMinerals.Analysis.Recycling.ScenarioBatteryFlows.Create(Data, scenario == DemandScenario.Observed ? DemandScenario.Steps : scenario)
            .Projection.RecycledKt("Lithium", year, regions);

    [Fact]
    public void A_member_EUU_brings_the_mines_and_refineries_of_the_EU_member_states()
    {
        // MSP, lithium 2024: AUS 89.969 mined; CAN and PRT hidden in Rest of world (23.07) with USGS MCS2024 2023 shares
        // CAN 3400 and PRT 380 of BRA 4900 + CAN 3400 + PRT 380 t. Portugal is not an MSP partner in its own right; it
        // comes with the European Union (EUU), as its demand does and as it does in the world blocs.
        var msp = Analysis.Answer(Lithium("MSP_Minerals_Security_Partnership", DemandScenario.Observed, 2024));
        double restShare = 23.07 / (4900 + 3400 + 380);
        msp.Mining.CoalitionKt.Should().BeApproximately(89.969 + ((3400 + 380) * restShare), 1e-9);
        msp.Notes.Should().Contain(n => n.Contains("European Union as a party", StringComparison.Ordinal) && n.Contains("21 of them", StringComparison.Ordinal));

        // A coalition of the EU as a party alone is the EU27: same chain, same demand (cobalt STEPS 2030: FIN refines 19.9).
        CoalitionQuestion Cobalt(Coalition c) => new() { Commodity = "cobalt", Coalition = c, Scenario = DemandScenario.Steps, Year = 2030 };
        var party = Analysis.Answer(Cobalt(Coalition.Create("EU as a party", ["EUU"])));
        var eu27 = Analysis.Answer(Cobalt(Data.GetCoalition("EU27")));
        party.Refining.CoalitionKt.Should().Be(eu27.Refining.CoalitionKt).And.BeGreaterThan(19);
        party.SuppliedKt.Should().Be(eu27.SuppliedKt);
        party.OwnDemand!.CoalitionKt.Should().Be(eu27.OwnDemand!.CoalitionKt);
    }

    [Fact]
    public void US_FTA_lithium_2024_coverage_from_the_rows()
    {
        // iea_supply_by_country.csv, lithium 2024 observed: mining AUS 89.969, CHL 49.274 (ARG, CHN, ZWE are not
        // FTA partners), and Canada hidden in Rest of world (23.07) with USGS MCS2024 2023 shares CAN 3400 of
        // BRA 4900 + CAN 3400 + PRT 380 t; refining CHL 49.274, AUS 4.333. Demand: observed 2024 total_demand 205.0 kt Li.
        var r = Analysis.Answer(Lithium("US_FTA_partners_20", DemandScenario.Observed, 2024));
        double canada = 23.07 * 3400 / (4900 + 3400 + 380);

        r.DemandKt.Should().Be(205.0);
        r.Unit.Should().Be("kt Li");
        r.Mining.CoalitionKt.Should().BeApproximately(89.969 + 49.274 + canada, 1e-9);
        r.Mining.Coverage.Should().BeApproximately((89.969 + 49.274 + canada) / 205.0, 1e-12);
        r.Mining.WorldKt.Should().Be(255.448);
        r.Refining.CoalitionKt.Should().BeApproximately(49.274 + 4.333, 1e-9);
        r.Refining.Coverage.Should().BeApproximately((49.274 + 4.333) / 205.0, 1e-12);

        // World mining (255.448) exceeds world refining (241.612), so no secondary feed: the chain is capped by
        // members' refining, 53.607 kt, plus the members' own recycled lithium (stock model, the Busch regions the partners
        // hold whole: Canada, South Korea, Mexico, United States; a few tonnes in 2024), and the rest of 205 kt is short.
        double recycled = RecycledLithium(DemandScenario.Observed, 2024, "Canada", "South Korea", "Mexico", "United States");
        r.RecycledKt.Should().BeApproximately(recycled, 1e-12).And.BeInRange(1e-6, 0.01);
        r.ShortfallKt.Should().BeApproximately(205.0 - 53.607 - recycled, 1e-6);
        r.TotalCoverage.Should().BeApproximately((53.607 + recycled) / 205.0, 1e-8);
        r.Status.Should().Be(SolveStatus.Optimal);

        // HHI of members' mining: shares of AUS, CHL and CAN in their sum.
        double sum = 89.969 + 49.274 + canada;
        double a = 100 * 89.969 / sum, b = 100 * 49.274 / sum, c = 100 * canada / sum;
        r.Mining.Hhi.Should().BeApproximately((a * a) + (b * b) + (c * c), 1e-6);
        r.Mining.LargestMember.Should().Be("AUS");
        r.SourceIds.Should().Contain("S48");
    }

    [Fact]
    public void Investment_targets_name_the_binding_stage_and_are_confirmed_by_re_solving()
    {
        var r = Analysis.Answer(Lithium("US_FTA_partners_20", DemandScenario.Observed, 2024));

        // Refining binds with ore to spare (139.2 mined vs 53.6 refined), so each kt of members' refining is worth
        // a kt; ties go to the largest existing refiner, Chile (49.274), then Australia (4.333).
        r.InvestmentTargets.Should().HaveCount(3);
        r.InvestmentTargets.Should().OnlyContain(t => t.Kind == CapacityKind.Refining && Math.Abs(t.ShortfallAvoidedPerKt - 1) < 1e-9);
        r.InvestmentTargets[0].Iso3.Should().Be("CHL");
        r.InvestmentTargets[1].Iso3.Should().Be("AUS");
        r.InvestmentTargets[0].Description.Should().Be("+1 kt of lithium refining capacity in CHL in 2024 cuts the shortfall by 1 kt");
    }

    [Fact]
    public void A_coalition_that_refines_none_of_a_mineral_is_short_by_all_of_demand()
    {
        // No G7 member appears in the IEA lithium refining rows for 2030 (CHN, CHL, ARG, AUS, ROW); Canada and Portugal
        // (an EU member state: the EU is a G7 party) mine, hidden in Rest of world 73.939 × USGS shares (3400 + 380) / 8680,
        // but no member refines, so nothing reaches demand.
        // Only the members' own recycled lithium reaches it (stock model: the EU, Canada, Japan, the UK and the US, whole).
        var r = Analysis.Answer(Lithium("G7", DemandScenario.Nze, 2030));
        double recycled = RecycledLithium(DemandScenario.Nze, 2030, "European Union", "Canada", "Japan", "United Kingdom", "United States");

        r.Mining.CoalitionKt.Should().BeApproximately(73.939 * (3400 + 380) / 8680, 1e-9);
        r.Refining.CoalitionKt.Should().Be(0);
        r.DemandKt.Should().Be(701.476);
        recycled.Should().BeInRange(0.1, 1, "the EU recycles a few hundred tonnes of lithium in 2030");
        r.RecycledKt.Should().BeApproximately(recycled, 1e-12);
        r.ShortfallKt.Should().BeApproximately(701.476 - recycled, 1e-9);
        r.TotalCoverage.Should().BeApproximately(recycled / 701.476, 1e-12);
        // Only refining helps (the members' ore is idle; a mine alone does not; recycled supply is bounded by what retires,
        // so recycling capacity is no target although the dual of its bound is 1). Canada and Portugal rank first for their
        // ore at home (Canada's is the larger), the US next for its reserves (USGS MCS2024: 1,100,000 t); the other 28
        // (JPN, GBR, DEU, FRA, ITA and 23 EU states) are worth the same and the data cannot tell them apart, so they are
        // one target, not ranked by code.
        r.InvestmentTargets.Should().OnlyContain(t => t.Kind == CapacityKind.Refining && Math.Abs(t.ShortfallAvoidedPerKt - 1) < 1e-9);
        r.InvestmentTargets.Select(t => t.Iso3).Take(3).Should().Equal("CAN", "PRT", "USA");

        // A user share of demand is a recycling capacity the user states, so it can be a target again.
        var share = Analysis.Answer(Lithium("G7", DemandScenario.Nze, 2030) with { RecyclingShareOfDemand = 0.01 });
        share.RecycledKt.Should().BeApproximately(0.01 * 701.476, 1e-9);
        share.InvestmentTargets.Should().Contain(t => t.Kind == CapacityKind.Recycling);
    }

    [Fact]
    public void A_coalition_with_neither_mines_nor_refineries_gets_no_target_and_says_why()
    {
        // EU27 lithium 2030 has Portugal's mining (Rest of world 73.939 × 380/8680); EU27 magnet rare earths none at all.
        var r = Analysis.Answer(new CoalitionQuestion { Commodity = "magnet_rare_earths", Coalition = Data.GetCoalition("EU27"), Scenario = DemandScenario.Nze, Year = 2030 });
        r.Mining.CoalitionKt.Should().Be(0);
        r.Refining.CoalitionKt.Should().Be(0);
        r.ShortfallKt.Should().BeApproximately(r.DemandKt, 1e-9);
    }

    [Fact]
    public void A_coalition_around_China_works_like_any_other()
    {
        // China + Russia, lithium 2024: CHN mines 56.858 and refines 169.678; coalition-only, the refineries can
        // only use that ore, so 205 − 56.858 − China's own recycled lithium (stock model; Russia sits in "Other Europe",
        // held in part, so not counted) is short and one more kt of Chinese mining is worth a kt.
        var chinaBloc = Coalition.Create("China+", ["CHN", "RUS"]);
        var r = Analysis.Answer(new CoalitionQuestion { Commodity = "lithium", Coalition = chinaBloc, Scenario = DemandScenario.Observed, Year = 2024 });

        r.Mining.CoalitionKt.Should().Be(56.858);
        r.Refining.CoalitionKt.Should().Be(169.678);
        double recycled = RecycledLithium(DemandScenario.Observed, 2024, "China");
        recycled.Should().BeGreaterThan(0.001);
        r.ShortfallKt.Should().BeApproximately(205.0 - 56.858 - recycled, 1e-6);
        r.InvestmentTargets[0].Should().Match<CriticalMinerals.Results.InvestmentTarget>(t => t.Kind == CapacityKind.Mining && t.Iso3 == "CHN");
    }

    [Fact]
    public void Open_market_supplies_what_the_world_refines()
    {
        // With no sourcing limits the coalition buys all world refining: 241.612 ≥ 205, nothing is short.
        var r = Analysis.Answer(Lithium("G7", DemandScenario.Observed, 2024) with { Rules = SourcingRules.OpenMarket });
        r.ShortfallKt.Should().BeApproximately(0, 1e-9);
    }

    [Fact]
    public void Reserve_coverage_is_members_reserves_over_cumulative_demand_to_2050()
    {
        var r = Analysis.Answer(Lithium("US_FTA_partners_20", DemandScenario.Nze, 2030));

        // NZE lithium total_demand: 2030 701.476, 2035 1215.607, 2040 1546.036, 2045 1757.939, 2050 1833.575 (trapezoids).
        double cumulative = (5 * (701.476 + 1215.607) / 2) + (5 * (1215.607 + 1546.036) / 2) + (5 * (1546.036 + 1757.939) / 2) + (5 * (1757.939 + 1833.575) / 2);
        double memberReserves = Data.Reserves("lithium").Countries
            .Where(a => Data.GetCoalition("US_FTA_partners_20").Contains(a.Record.Country.Iso3))
            .Sum(a => a.ValueInModelUnit ?? 0);

        r.Reserves.Should().NotBeNull();
        r.Reserves!.Edition.Should().Be("MCS2024");
        r.Reserves.CumulativeDemandKt.Should().BeApproximately(cumulative, 1e-9);
        r.Reserves.CoalitionReservesKt.Should().BeApproximately(memberReserves, 1e-9);
        r.Reserves.Coverage.Should().BeApproximately(memberReserves / cumulative, 1e-12);
        memberReserves.Should().BeGreaterThan(9_300, "Chile alone holds 9,300 kt (MCS2024) and is an FTA partner");
    }

    [Fact]
    public void Magnet_rare_earths_have_no_reserve_coverage_because_USGS_counts_all_rare_earth_oxide()
    {
        var r = Analysis.Answer(new CoalitionQuestion { Commodity = "magnet_rare_earths", Coalition = Data.GetCoalition("MSP_Minerals_Security_Partnership"), Scenario = DemandScenario.Nze, Year = 2030 });
        r.Reserves.Should().BeNull();
        r.ReservesNote.Should().Contain("rare-earth-oxide");
    }

    [Fact]
    public void Copper_refineries_get_the_secondary_feed_the_world_rows_imply()
    {
        // Copper 2024: world mining 22,794, world refining 26,944 kt: 1 − 22794/26944 of refinery feed is scrap.
        var network = Analysis.BuildNetwork(new CoalitionQuestion { Commodity = "copper", Coalition = Data.GetCoalition("G7"), Scenario = DemandScenario.Observed, Year = 2024 });
        network.SecondaryFeedShare.Should().BeApproximately(1 - (22794.0 / 26944.0), 1e-12);

        var lithium = Analysis.BuildNetwork(Lithium("G7", DemandScenario.Observed, 2024));
        lithium.SecondaryFeedShare.Should().Be(0, "world lithium mining exceeds world refining");
    }

    [Fact]
    public void Demand_share_scales_the_demand_served()
    {
        var r = Analysis.Answer(Lithium("US_FTA_partners_20", DemandScenario.Observed, 2024) with { DemandShare = 0.25 });
        r.DemandKt.Should().BeApproximately(205.0 * 0.25, 1e-12);
        r.ShortfallKt.Should().BeApproximately(0, 1e-9, "53.6 kt of members' refining covers 51.25 kt");
    }

    [Theory]
    [InlineData(DemandScenario.Nze, 2024, "observed scenario goes with 2024")]
    [InlineData(DemandScenario.Observed, 2030, "observed scenario goes with 2024")]
    [InlineData(DemandScenario.Nze, 2045, "no IEA supply figures")]
    public void Questions_that_do_not_fit_the_data_are_refused_with_the_reason(DemandScenario scenario, int year, string reason)
    {
        var act = () => Analysis.Answer(Lithium("G7", scenario, year));
        act.Should().Throw<ArgumentException>().Which.Message.Should().ContainAny(reason.Split(' ').Where(w => w.Length > 5).ToArray());
    }

    [Fact]
    public void The_main_job_answers_every_commodity_coalition_and_scenario()
    {
        var questions = Analysis.MainQuestions();
        questions.Should().HaveCount(6 * 5 * 4);
        var results = Analysis.AnswerAll(questions);
        results.Should().OnlyContain(r => r.Status == SolveStatus.Optimal);
        results.Should().OnlyContain(r => r.ShortfallKt >= -1e-9 && r.ShortfallKt <= r.DemandKt + 1e-9);
        results.Should().OnlyContain(r => r.SuppliedKt <= (r.Refining.CoalitionKt * 1.0000001) + r.RecycledKt + 1e-9 || r.Refining.CoalitionKt == 0,
            "coalition-only, the chain cannot deliver more than members refine and recycle");
        results.Should().OnlyContain(r => r.RecycledKt >= 0 && r.Notes.Count(n => n.StartsWith("Recycled supply", StringComparison.Ordinal)) == 1,
            "every answer says where its recycled supply comes from");
        results.Where(r => r.Commodity is "copper" or "magnet_rare_earths").Should().OnlyContain(r => r.RecycledKt == 0 && r.Notes.Any(n => n.StartsWith("Recycled supply: none [ASSUMPTION]", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_chain_is_measured_against_the_coalitions_own_demand_too()
    {
        // G7 lithium 2030 STEPS: own demand from the data's regional lithium demand; Canada's ore has no member refinery, so
        // the chain delivers only the members' own recycled lithium against either demand.
        var r = Analysis.Answer(Lithium("G7", DemandScenario.Steps, 2030));
        var estimate = Data.CoalitionDemand("lithium", Data.GetCoalition("G7"), DemandScenario.Steps, 2030);
        double recycled = RecycledLithium(DemandScenario.Steps, 2030, "European Union", "Canada", "Japan", "United Kingdom", "United States");
        r.OwnDemand!.CoalitionKt.Should().Be(estimate.CoalitionKt);
        r.OwnShortfallKt.Should().BeApproximately(estimate.CoalitionKt - recycled, 1e-6);
        r.OwnCoverage.Should().BeApproximately(recycled / estimate.CoalitionKt, 1e-9);
        r.Notes.Should().Contain(n => n.StartsWith("Own demand", StringComparison.Ordinal));

        // IPEF nickel 2030 NZE: 2,074 kt of members' refining fed by Indonesian ore exceeds IPEF's own demand: covered in full.
        var ipef = Analysis.Answer(new CoalitionQuestion { Commodity = "nickel", Coalition = Data.GetCoalition("IPEF"), Scenario = DemandScenario.Nze, Year = 2030 });
        ipef.OwnDemand!.CoalitionKt.Should().BeLessThan(ipef.SuppliedKt);
        ipef.OwnCoverage.Should().BeApproximately(1, 1e-9);
    }

    [Fact]
    public void A_zero_stage_says_whether_it_is_the_world_or_a_gap_in_the_data()
    {
        // Nickel mining 2024: no EU27 member in the IEA rows or USGS MCS2024 country rows; 401 kt of the IEA Rest of world is
        // USGS "Other countries" (Finland and Greece mine nickel), so the EU27's 0 is a lower bound.
        var nickel = Analysis.Answer(new CoalitionQuestion { Commodity = "nickel", Coalition = Data.GetCoalition("EU27"), Scenario = DemandScenario.Observed, Year = 2024, InvestmentTargetCount = 0 });
        nickel.Mining.CoalitionKt.Should().Be(0);
        nickel.Notes.Should().Contain(n => n.StartsWith("EU27 nickel mining 2024 is 0 in the data, a lower bound: 401", StringComparison.Ordinal));

        // Magnet rare earths mining: no EU member mines rare earths in USGS, and Rest of world is fully attributed: a true 0.
        var ree = Analysis.Answer(new CoalitionQuestion { Commodity = "magnet_rare_earths", Coalition = Data.GetCoalition("EU27"), Scenario = DemandScenario.Observed, Year = 2024, InvestmentTargetCount = 0 });
        ree.Notes.Should().Contain("EU27 magnet rare earths mining 2024 is 0: no IEA or USGS country row names a member, and the IEA Rest of world is fully attributed to other countries.");

        // Graphite refining 2024: the IEA names Germany and Sweden at 0 (iea_supply_by_country.csv), and 34.4 kt is unattributed.
        var graphite = Analysis.Answer(new CoalitionQuestion { Commodity = "graphite", Coalition = Data.GetCoalition("EU27"), Scenario = DemandScenario.Observed, Year = 2024, InvestmentTargetCount = 0 });
        graphite.Notes.Should().Contain("EU27 graphite refining 2024 is 0: the IEA reports DEU, SWE at 0.");
        graphite.Notes.Should().Contain(n => n.StartsWith("EU27 graphite refining 2024 is 0 in the data, a lower bound: 34.4", StringComparison.Ordinal));
    }

    [Fact]
    public void The_coalitions_own_recycled_supply_comes_from_the_stock_model_by_default()
    {
        // The EU27 is Busch's region 'European Union' exactly: its recycled cobalt is that region's row of the APS flows.
        var question = new CoalitionQuestion { Commodity = "cobalt", Coalition = Data.GetCoalition("EU27"), Scenario = DemandScenario.Aps, Year = 2035, InvestmentTargetCount = 0 };
        var flows = CriticalMinerals.Analysis.Recycling.ScenarioBatteryFlows.Create(Data, DemandScenario.Aps);
        double eu = flows.Projection.Rows.Single(r => r.Mineral == "Cobalt" && r.Region == "European Union" && r.Year == 2035).RecycledKt;
        eu.Should().BeGreaterThan(1);

        var none = question with { Recycling = CriticalMinerals.Analysis.Recycling.RecyclingBasis.None };
        Analysis.BuildNetwork(question).RecyclingKt.Should().BeApproximately(eu, 1e-9);
        Analysis.BuildNetwork(none).RecyclingKt.Should().Be(0);
        Analysis.BuildNetwork(question with { RecyclingShareOfDemand = 0.1 }).RecyclingKt.Should().BeApproximately(0.1 * Analysis.BuildNetwork(question).DemandKt, 1e-9, "a user share replaces the stock model");
        Analysis.BuildNetwork(question with { RecyclingShareOfDemand = 0 }).RecyclingKt.Should().Be(0, "a user share of 0 is a figure too");

        // The chain delivers what members refine (with their ore and scrap share) plus the recycled cobalt, so the shortfall
        // falls by exactly the recycled supply while the refineries stay the binding stage.
        var answer = Analysis.Answer(question);
        var without = Analysis.Answer(none);
        answer.RecycledKt.Should().BeApproximately(eu, 1e-9);
        answer.ShortfallKt.Should().BeApproximately(without.ShortfallKt - eu, 1e-6);
        answer.Notes.Should().Contain(n => n.StartsWith("Recycled supply APS 2035: ", StringComparison.Ordinal) && n.Contains("(stock model; European Union)", StringComparison.Ordinal));
        answer.Notes.Should().Contain(n => n.StartsWith("[ASSUMPTION] stock model: ", StringComparison.Ordinal) && n.Contains("lifetime", StringComparison.Ordinal));
        answer.SourceIds.Should().Contain(Data.Busch2025.SourceId);
        without.Notes.Should().Contain("Recycled supply: none (RecyclingBasis.None).");
    }

    [Fact]
    public void A_coalition_holding_a_region_in_part_counts_none_of_its_recycling_and_says_so()
    {
        // The US FTA partners hold Australia but not New Zealand: Busch's 'Australia/NZ' region is not counted (a lower bound).
        var r = Analysis.Answer(Lithium("US_FTA_partners_20", DemandScenario.Aps, 2030) with { InvestmentTargetCount = 0 });
        r.RecycledKt.Should().BeApproximately(RecycledLithium(DemandScenario.Aps, 2030, "Canada", "South Korea", "Mexico", "United States"), 1e-12);
        r.Notes.Should().Contain(n => n.StartsWith("Recycled supply APS 2030: ", StringComparison.Ordinal) && n.Contains("lower bound: ", StringComparison.Ordinal) && n.Contains("Australia/NZ", StringComparison.Ordinal));
    }
}

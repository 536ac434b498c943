using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Data;

/// <summary>Coalition demand: IEA world demand split by Busch et al. (2025) keys; hand calculations from the rows.</summary>
public sealed class CoalitionDemandTests
{
    private static MineralDataset Data => MineralDataset.Default;

    // Demand_Region.csv, 2030, Ambitious-Baseline-Baseline-Baseline-Baseline (t Li):
    //   Canada 14382.1813860628, European Union 124392.745037484, Japan 21521.5068916497,
    //   United Kingdom 25191.6784863069, United States 113279.922702411; all 18 regions 696238.1697299137 (= 1000 × Demand.csv 696.238169729914).
    private const double WorldRegions2030 = 696238.1697299137;
    private const double Eu2030 = 124392.745037484;
    private const double Japan2030 = 21521.5068916497;

    [Fact]
    public void EU27_lithium_2030_is_IEA_world_times_the_EU_region_share()
    {
        // iea_demand_projections.csv: lithium,STEPS,2030,total_demand,455.487,kt Li content (NOT LCE),...,S48
        var e = Data.CoalitionDemand("lithium", Data.GetCoalition("EU27"), DemandScenario.Steps, 2030);
        e.WorldKt.Should().Be(455.487);
        e.Share.Should().BeApproximately(Eu2030 / WorldRegions2030, 1e-12); // 0.178664
        e.CoalitionKt.Should().BeApproximately(455.487 * Eu2030 / WorldRegions2030, 1e-9); // 81.379 kt Li
        e.Parts.Should().ContainSingle().Which.Name.Should().Be("all");
        e.SourceIds.Should().Equal("S48", "B25");
        e.Method.Should().Contain("IEA").And.Contain("Busch et al. 2025");
        e.Assumptions.Should().BeEmpty("all 27 sovereign EU countries are members: no partial region, no rest key");
        e.Unit.Should().Be("kt Li content (NOT LCE)");
    }

    [Fact]
    public void G7_lithium_2030_counts_EUU_as_the_whole_EU_region()
    {
        // G7: CAN, FRA, DEU, ITA, JPN, GBR, USA and EUU (the European Union as a party) -> the whole EU region.
        var e = Data.CoalitionDemand("lithium", Data.GetCoalition("G7"), DemandScenario.Steps, 2030);
        double g7 = 14382.1813860628 + Eu2030 + Japan2030 + 25191.6784863069 + 113279.922702411;
        e.Share.Should().BeApproximately(g7 / WorldRegions2030, 1e-12); // 0.429118
        e.CoalitionKt.Should().BeApproximately(195.457476548, 1e-6);
        e.Assumptions.Should().ContainSingle().Which.Should().Contain("EUU").And.Contain("whole European Union region");
    }

    [Fact]
    public void Nickel_battery_part_is_split_by_battery_region_times_intensity()
    {
        // nickel,STEPS,2030: total_demand 4388.735; clean_tech:Electric vehicles 959.08; clean_tech:Grid battery storage 68.039 (kt Ni, S48).
        // Japan, battery_region.csv (MWh) × mineral_intensity.csv Nickel (kg/kWh), e.g.
        //   "BEV","2022","Japan","NMC 622",6649.15743898672,... × Nickel,NMC 622,0.5462605311417683 = 3632.17 t
        //   "BEV","2022","Japan","LFP",236.7829,... × Nickel,LFP,0 = 0
        // Σ Japan (14 rows) = 10028.43357927799 t Ni; Σ all 232 rows = 454109.2563049651 t Ni -> 2.2084 %.
        var japan = Coalition.Create("Japan", ["JPN"]);
        var e = Data.CoalitionDemand("nickel", japan, DemandScenario.Steps, 2030);
        var battery = e.Parts.Single(p => p.Name == "battery");
        battery.Components.Should().Equal("clean_tech:Electric vehicles", "clean_tech:Grid battery storage");
        battery.WorldKt.Should().BeApproximately(959.08 + 68.039, 1e-9);
        battery.Share.Should().BeApproximately(10028.43357927799 / 454109.2563049651, 1e-12);
        var jpRows = Data.Busch2025.BatteryDemand.Where(b => b.Region == "Japan").ToArray();
        jpRows.Should().HaveCount(14);
        jpRows.Single(b => b is { Powertrain: "BEV", Chemistry: "NMC 622" }).MWh.Should().Be(6649.15743898672);

        var rest = e.Parts.Single(p => p.Name == "rest");
        rest.WorldKt.Should().BeApproximately(4388.735 - 1027.119, 1e-9);
        rest.Share.Should().BeApproximately(Japan2030 / WorldRegions2030, 1e-12, "the default rest key is the lithium regional key");
        e.CoalitionKt.Should().BeApproximately((1027.119 * 10028.43357927799 / 454109.2563049651) + (3361.616 * Japan2030 / WorldRegions2030), 1e-9);
        e.WorldKt.Should().Be(4388.735);
        e.Assumptions.Should().Contain(a => a.StartsWith("rest of nickel demand split by share of Busch et al. 2025 regional primary lithium demand", StringComparison.Ordinal)
            && a.EndsWith("an assumption, no dataset gives nickel consumption by country", StringComparison.Ordinal));
        e.Assumptions.Should().Contain(a => a.Contains("held for 2030", StringComparison.Ordinal));
    }

    [Fact]
    public void Copper_and_magnet_rare_earths_are_split_whole_by_the_rest_key_and_flagged()
    {
        var usa = Coalition.Create("US", ["USA"]);
        foreach (var mineral in new[] { "copper", "magnet_rare_earths" })
        {
            var e = Data.CoalitionDemand(mineral, usa, DemandScenario.Aps, 2040);
            e.Parts.Should().ContainSingle().Which.Name.Should().Be("all");
            e.Assumptions.Should().Contain(a => a.StartsWith($"all of {mineral} demand split by", StringComparison.Ordinal));
        }

        var battery = Data.CoalitionDemand("copper", usa, DemandScenario.Aps, 2040, new CoalitionDemandOptions { RestKey = DemandSplitKey.BatteryMineral });
        battery.Assumptions.Should().Contain(a => a.Contains("2022 EV batteries", StringComparison.Ordinal));
        var act = () => Data.CoalitionDemand("magnet_rare_earths", usa, DemandScenario.Aps, 2040, new CoalitionDemandOptions { RestKey = DemandSplitKey.BatteryMineral });
        act.Should().Throw<ArgumentException>().WithMessage("*no intensity for magnet_rare_earths*");
    }

    [Fact]
    public void Manganese_uses_clean_tech_demand_and_says_it_has_no_battery_component()
    {
        // manganese,STEPS,2030,clean_tech_demand,601.768,kt,... (the only manganese component)
        var e = Data.CoalitionDemand("manganese", Coalition.Create("China", ["CHN"]), DemandScenario.Steps, 2030);
        e.WorldKt.Should().Be(601.768);
        e.Parts.Single(p => p.Name == "battery").WorldKt.Should().Be(0);
        e.Assumptions.Should().Contain(a => a.StartsWith("IEA gives no battery component", StringComparison.Ordinal));
    }

    [Fact]
    public void Graphite_uses_graphite_all_grades()
    {
        var e = Data.CoalitionDemand("graphite", Coalition.Create("China", ["CHN"]), DemandScenario.Nze, 2035);
        e.DemandMineral.Should().Be("graphite_all_grades");
        e.Parts.Single(p => p.Name == "battery").Components.Should().Equal("clean_tech:Electric vehicles", "clean_tech:Grid battery storage");
    }

    [Fact]
    public void IPEF_flags_the_regions_it_holds_only_in_part()
    {
        // ASEAN lists 10 countries, 7 in IPEF; Other Asia Pacific lists 24 codes, Fiji in IPEF.
        var e = Data.CoalitionDemand("lithium", Data.GetCoalition("IPEF"), DemandScenario.Nze, 2030);
        e.Assumptions.Should().ContainSingle().Which.Should().Contain("ASEAN 7/10").And.Contain("Other Asia Pacific 1/").And.Contain("no population or GDP");

        // Weights given by the caller replace the count: ASEAN split by made-up weights, Indonesia 90 of 100.
        var weights = Data.Busch2025.Regions.SelectMany(r => r.Countries).ToDictionary(c => c.Iso3, c => c.Iso3 == "IDN" ? 90.0 : 1.0);
        var weighted = Data.CoalitionDemand("lithium", Coalition.Create("Indonesia", ["IDN"]), DemandScenario.Nze, 2030, new CoalitionDemandOptions { CountryWeights = weights });
        var asean = Data.Busch2025.RegionalDemandIn(Busch2025Data.ReferenceScenario, 2030).Single(r => r.Region == "ASEAN").DemandTonnes; // 23608.2656044889
        weighted.Share.Should().BeApproximately(asean * 90 / 99 / WorldRegions2030, 1e-12);
        weighted.Assumptions.Should().ContainSingle().Which.Should().Contain("CountryWeights");
    }

    public static TheoryData<string> Minerals => new(["lithium", "nickel", "cobalt", "manganese", "graphite", "copper", "magnet_rare_earths"]);

    [Theory]
    [MemberData(nameof(Minerals))]
    public void The_18_regions_as_18_coalitions_add_up_to_world_demand(string mineral)
    {
        var regions = Data.Busch2025.Regions.Select(r => Coalition.Create(r.Name, r.SovereignCountries.Select(c => c.Iso3))).ToArray();
        foreach (var key in new[] { DemandSplitKey.LithiumRegional, DemandSplitKey.BatteryMineral })
        {
            if (key == DemandSplitKey.BatteryMineral && mineral == "magnet_rare_earths")
            {
                continue;
            }

            var options = new CoalitionDemandOptions { RestKey = key };
            var parts = regions.Select(c => Data.CoalitionDemand(mineral, c, DemandScenario.Steps, 2035, options)).ToArray();
            double world = parts[0].WorldKt;
            parts.Sum(p => p.CoalitionKt).Should().BeApproximately(world, 1e-9 * world, $"{mineral} {key}");
        }
    }

    [Fact]
    public void A_coalition_and_its_complement_add_up_to_world_demand_with_explicit_shares_too()
    {
        var ipef = Data.GetCoalition("IPEF");
        var allSovereign = Data.Busch2025.Regions.SelectMany(r => r.SovereignCountries).Select(c => c.Iso3);
        var complement = Coalition.Create("not IPEF", allSovereign.Where(c => !ipef.Contains(c)));
        var explicitShares = new CoalitionDemandOptions
        {
            RestKey = DemandSplitKey.Explicit,
            ExplicitShares = new Dictionary<string, double> { ["ASEAN"] = 0.25, ["China"] = 0.5, ["USA"] = 0.25 },
        };
        foreach (var options in new[] { new CoalitionDemandOptions(), explicitShares })
        {
            var a = Data.CoalitionDemand("cobalt", ipef, DemandScenario.Observed, 2024, options);
            var b = Data.CoalitionDemand("cobalt", complement, DemandScenario.Observed, 2024, options);
            (a.CoalitionKt + b.CoalitionKt).Should().BeApproximately(a.WorldKt, 1e-9 * a.WorldKt);
        }

        // Explicit: IPEF holds 7/10 of ASEAN and the USA: rest share = 0.25 × 0.7 + 0.25.
        var e = Data.CoalitionDemand("copper", ipef, DemandScenario.Observed, 2024, explicitShares);
        e.Share.Should().BeApproximately((0.25 * 0.7) + 0.25, 1e-12);
        e.SourceIds.Should().Contain("caller: ExplicitShares");
    }

    [Fact]
    public void Bad_questions_are_argument_errors_naming_the_value()
    {
        var eu = Data.GetCoalition("EU27");
        var act = () => Data.CoalitionDemand("lithium", eu, DemandScenario.Steps, 2031);
        act.Should().Throw<ArgumentException>().WithMessage("*No IEA demand row for lithium Steps 2031*");
        act = () => Data.CoalitionDemand("gallium", eu, DemandScenario.Steps, 2030);
        act.Should().Throw<ArgumentException>().WithMessage("*No demand split for 'gallium'*");
        act = () => Data.CoalitionDemand("lithium", eu, DemandScenario.Steps, 2030, new CoalitionDemandOptions { BuschScenario = "Ambitious" });
        act.Should().Throw<ArgumentException>().WithMessage("*Unknown Busch scenario 'Ambitious'*");
        act = () => Data.CoalitionDemand("copper", eu, DemandScenario.Steps, 2030, new CoalitionDemandOptions { RestKey = DemandSplitKey.Explicit, ExplicitShares = new Dictionary<string, double> { ["China"] = 0.5 } });
        act.Should().Throw<ArgumentException>().WithMessage("*sum to 0.5*");
    }
}

using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Recycling;
using CriticalMinerals.Tests.Data;

namespace CriticalMinerals.Tests.Modeling.Recycling;

/// <summary>Battery mineral demand from deployment × intensity, chemistry shifts, and the regional projection.</summary>
public sealed class BatteryRecyclingTests
{
    private static readonly MineralDataset Dataset = MineralDataset.Default;

    /// <summary>kg/kWh of a (mineral, chemistry) read straight from the shipped <c>mineral_intensity.csv</c> text.</summary>
    private static double FromFile(string mineral, string chemistry)
    {
        var line = File.ReadLines(Path.Combine(TestPaths.EmbeddedDefaultFolder, "busch2025", "mineral_intensity.csv"))
            .Single(l => l.StartsWith(mineral + "," + chemistry + ",", StringComparison.Ordinal));
        return double.Parse(line.Split(',')[^1], CultureInfo.InvariantCulture);
    }

    private static BatteryDeployment D(string chemistry, int year, double gwh, string region = "R") => new(region, chemistry, year, gwh, "test");

    [Theory]
    [InlineData("Lithium", "LFP")]
    [InlineData("Lithium", "NMC 811")]
    [InlineData("Nickel", "NMC 811")]
    [InlineData("Cobalt", "NMC 111")]
    [InlineData("Manganese", "LMO")]
    [InlineData("Graphite", "NCA")]
    public void One_GWh_of_a_chemistry_needs_its_intensity_row_in_kt(string mineral, string chemistry)
    {
        var rows = BatteryMineralDemand.Compute([D(chemistry, 2030, 1)], Dataset.Busch2025.MineralIntensities, [mineral]);
        rows.Should().ContainSingle().Which.Kt.Should().Be(FromFile(mineral, chemistry));
        int line = File.ReadLines(Path.Combine(TestPaths.EmbeddedDefaultFolder, "busch2025", "mineral_intensity.csv")).ToList()
            .FindIndex(l => l.StartsWith(mineral + "," + chemistry + ",", StringComparison.Ordinal)) + 1;
        rows[0].Provenance.Should().Contain($"B25 busch2025/mineral_intensity.csv row {line})");
    }

    [Fact]
    public void Two_chemistries_add_up_by_hand()
    {
        // 3 GWh LFP + 2 GWh NMC 811: lithium 3 x LFP + 2 x NMC 811 kg/kWh, nickel 2 x NMC 811 (LFP has none).
        var rows = BatteryMineralDemand.Compute([D("LFP", 2030, 3), D("NMC 811", 2030, 2)], Dataset.Busch2025.MineralIntensities);
        rows.Single(r => r.Mineral == "Lithium").Kt.Should().BeApproximately((3 * FromFile("Lithium", "LFP")) + (2 * FromFile("Lithium", "NMC 811")), 1e-12);
        rows.Single(r => r.Mineral == "Nickel").Kt.Should().BeApproximately((3 * FromFile("Nickel", "LFP")) + (2 * FromFile("Nickel", "NMC 811")), 1e-12);
        FromFile("Nickel", "LFP").Should().Be(0);
    }

    [Fact]
    public void Unknown_chemistry_is_refused_naming_it()
    {
        var act = () => BatteryMineralDemand.Compute([D("NMC 999", 2030, 1), D("XYZ", 2030, 1)], Dataset.Busch2025.MineralIntensities, ["Lithium"]);
        act.Should().Throw<ArgumentException>().WithMessage("*Lithium/NMC 999*").WithMessage("*Lithium/XYZ*");
    }

    [Fact]
    public void Doubling_LFP_keeps_the_GWh_and_moves_every_battery_mineral_at_once()
    {
        // 2 GWh LFP + 2 GWh NMC 811; doubled LFP weight 4 vs 2 of 6 -> 8/3 GWh LFP, 4/3 GWh NMC 811.
        var shifted = new ChemistryShift("LFP", 2).Apply([D("LFP", 2030, 2), D("NMC 811", 2030, 2)]);
        shifted.Single(d => d.Chemistry == "LFP").Gwh.Should().BeApproximately(8.0 / 3, 1e-12);
        shifted.Single(d => d.Chemistry == "NMC 811").Gwh.Should().BeApproximately(4.0 / 3, 1e-12);
        shifted.Sum(d => d.Gwh).Should().BeApproximately(4, 1e-12);

        var before = BatteryMineralDemand.Compute([D("LFP", 2030, 2), D("NMC 811", 2030, 2)], Dataset.Busch2025.MineralIntensities);
        var after = BatteryMineralDemand.Compute(shifted, Dataset.Busch2025.MineralIntensities);
        foreach (var mineral in new[] { "Nickel", "Cobalt", "Manganese" })
        {
            after.Single(r => r.Mineral == mineral).Kt.Should().BeApproximately(before.Single(r => r.Mineral == mineral).Kt * 2 / 3, 1e-12, mineral + " is all in NMC 811");
        }
    }

    [Fact]
    public void Busch_implied_GWh_give_back_Busch_gross_lithium_demand()
    {
        var busch = Dataset.Busch2025;
        var deployments = BatteryDeployments.FromBuschLithium(busch, busch.MineralIntensities);
        var eu2040 = deployments.Where(d => d.Region == "European Union" && d.Year == 2040).ToArray();
        double lithium = BatteryMineralDemand.Compute(eu2040, busch.MineralIntensities, ["Lithium"]).Single().Kt;

        double net = busch.RegionalDemandIn(Busch2025Data.ReferenceScenario, 2040).Single(r => r.Region == "European Union").DemandKt;
        double recycled = busch.Recycling.Single(r => r.Scenario == Busch2025Data.ReferenceScenario && r.Region == "European Union" && r.Year == 2040).RecyclingKt;
        (lithium / (1 - 0.04)).Should().BeApproximately(net + recycled, 1e-9);
        eu2040.Select(d => d.Chemistry).Should().BeEquivalentTo(busch.BatteryDemand.Where(b => b.Region == "European Union").Select(b => b.Chemistry).Distinct());
    }

    [Fact]
    public void Projection_of_one_chemistry_matches_the_one_product_model_times_intensity()
    {
        var deployments = new[] { D("NMC 622", 2020, 10), D("NMC 622", 2021, 30), D("NMC 622", 2022, 20) };
        var options = new BatteryRecyclingOptions(2020, 2040)
        {
            Lifetime = new WeibullLifetime(3, 8),
            CollectionRate = RateSchedule.Constant(0.9),
            Recovery = RecoveryRates.Uniform(RateSchedule.Constant(0.7), ["Nickel"]),
            Minerals = ["Nickel"],
        };
        var projection = BatteryRecyclingProjection.Run(deployments, Dataset.Busch2025.MineralIntensities, options);
        var single = StockFlowModel.Run(new StockFlowInput(deployments.Select(d => new YearAmount(d.Year, d.Gwh)).ToArray(), options.Lifetime,
            options.CollectionRate, RateSchedule.Constant(0.7), 2020, 2040, 1));
        double k = FromFile("Nickel", "NMC 622");
        projection.Rows.Should().HaveCount(21);
        foreach (var (row, one) in projection.Rows.Zip(single))
        {
            row.StockInUseKt.Should().BeApproximately(one.StockInUse * k, 1e-9);
            row.RetiredKt.Should().BeApproximately(one.Retired * k, 1e-9);
            row.RecycledKt.Should().BeApproximately(one.Recycled * k, 1e-9);
            row.PrimaryDemandKt.Should().BeApproximately(one.PrimaryDemand * k, 1e-9);
        }

        projection.Assumptions.Should().Contain(a => a.Contains("unlimited", StringComparison.Ordinal));
    }

    [Fact]
    public void Shared_capacity_is_split_pro_rata_across_chemistries_and_the_rest_waits()
    {
        // Fixed lifetime 1: 6 GWh LFP and 2 GWh NMC 811 retire in 2021; capacity 4 GWh processes half of each.
        var options = new BatteryRecyclingOptions(2021, 2022)
        {
            Lifetime = new FixedLifetime(1),
            RecyclingDelayYears = 0,
            Recovery = RecoveryRates.Uniform(RateSchedule.Constant(1), ["Lithium"]),
            Minerals = ["Lithium"],
            CapacityGwhPerYear = new Dictionary<string, IReadOnlyList<YearAmount>> { ["R"] = [new(2021, 4), new(2022, 4)] },
        };
        var rows = BatteryRecyclingProjection.Run([D("LFP", 2020, 6), D("NMC 811", 2020, 2)], Dataset.Busch2025.MineralIntensities, options).Rows;
        double li = (6 * FromFile("Lithium", "LFP")) + (2 * FromFile("Lithium", "NMC 811"));
        rows[0].CollectedKt.Should().BeApproximately(li, 1e-12);
        rows[0].RecycledKt.Should().BeApproximately(li / 2, 1e-12);
        rows[0].BacklogKt.Should().BeApproximately(li / 2, 1e-12);
        rows[1].RecycledKt.Should().BeApproximately(li / 2, 1e-12);
        rows[1].BacklogKt.Should().BeApproximately(0, 1e-12);
    }

    [Fact]
    public void Scrap_adds_to_demand_and_is_recycled_the_same_year_it_is_made_plus_the_delay()
    {
        var options = new BatteryRecyclingOptions(2030, 2031)
        {
            Lifetime = new FixedLifetime(50),
            ScrapShare = 0.04,
            Recovery = RecoveryRates.Uniform(RateSchedule.Constant(0.5), ["Lithium"]),
            Minerals = ["Lithium"],
        };
        var rows = BatteryRecyclingProjection.Run([D("LFP", 2030, 96)], Dataset.Busch2025.MineralIntensities, options).Rows;
        double k = FromFile("Lithium", "LFP");
        rows[0].DemandKt.Should().BeApproximately(100 * k, 1e-9);   // 96 / 0.96
        rows[0].CollectedKt.Should().BeApproximately(4 * k, 1e-9);  // the scrap
        rows[1].RecycledKt.Should().BeApproximately(2 * k, 1e-9);   // half of it, a year later
    }

    [Fact]
    public void Regional_stock_is_conserved_for_random_deployments()
    {
        var random = new Random(7);
        string[] chemistries = ["LFP", "NMC 811", "NCA", "NMC 111"];
        for (int trial = 0; trial < 40; trial++)
        {
            var deployments = Enumerable.Range(2015, 25).SelectMany(y => chemistries.Where(_ => random.NextDouble() < 0.7)
                .Select(c => D(c, y, random.NextDouble() * 50, random.Next(2) == 0 ? "A" : "B"))).ToArray();
            var options = new BatteryRecyclingOptions(2020, 2045)
            {
                Lifetime = new WeibullLifetime(1 + (random.NextDouble() * 3), 5 + (random.NextDouble() * 10)),
                CapacityGwhPerYear = new Dictionary<string, IReadOnlyList<YearAmount>> { ["A"] = Enumerable.Range(2015, 31).Select(y => new YearAmount(y, random.NextDouble() * 20)).ToArray() },
            };
            var rows = BatteryRecyclingProjection.Run(deployments, Dataset.Busch2025.MineralIntensities, options).Rows;
            foreach (var series in rows.GroupBy(r => (r.Mineral, r.Region)))
            {
                var list = series.OrderBy(r => r.Year).ToArray();
                for (int i = 1; i < list.Length; i++)
                {
                    (list[i].StockInUseKt - list[i - 1].StockInUseKt).Should().BeApproximately(list[i].DemandKt - list[i].RetiredKt, 1e-7);
                    (list[i].BacklogKt - list[i - 1].BacklogKt).Should().BeApproximately(list[i].CollectedKt - list[i].ProcessedKt, 1e-7);
                }
            }
        }
    }

    [Fact]
    public void Busch_2022_deliveries_are_the_file_MWh_in_GWh_by_region_and_chemistry()
    {
        var busch = Dataset.Busch2025;
        var deployments = BatteryDeployments.Busch2022(busch);
        deployments.Sum(d => d.Gwh).Should().BeApproximately(busch.BatteryDemand.Sum(b => b.MWh) / 1000, 1e-9);
        var euLfp = deployments.Single(d => d.Region == "European Union" && d.Chemistry == "LFP");
        euLfp.Gwh.Should().BeApproximately(busch.BatteryDemand.Where(b => b.Region == "European Union" && b.Chemistry == "LFP").Sum(b => b.MWh) / 1000, 1e-12);
        euLfp.Year.Should().Be(2022);
    }

    [Fact]
    public void Fleet_lifetime_is_the_weighted_survival_of_its_parts()
    {
        var fleet = LifetimeDistribution.BuschFleetBattery;
        double w = 27066.0 / 33475.0;
        for (int a = 0; a <= 31; a++)
        {
            fleet.SurvivalAt(a).Should().BeApproximately((w * new LogisticLifetime(15, 4, 30).SurvivalAt(a)) + ((1 - w) * new LogisticLifetime(8, 4, 30).SurvivalAt(a)), 1e-12);
        }

        var bad = new MixtureLifetime([(new FixedLifetime(3), 0.5), (new FixedLifetime(5), 0.2)]);
        FluentActions.Invoking(() => bad.SurvivalAt(1)).Should().Throw<InvalidOperationException>().WithMessage("*summing to 1*0.5, 0.2*");
    }
}

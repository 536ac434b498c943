using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;

namespace CriticalMinerals.Tests.Data;

/// <summary>The base year closes: synthetic graphite, copper scrap, and the data's own discrepancy.</summary>
public class SupplyRoutesTests
{
    private static MineralDataset Data => MineralDataset.Default;

    [Fact]
    public void Synthetic_graphite_is_all_grades_demand_minus_natural_mining_and_is_flagged_when_held()
    {
        // graphite_all_grades,observed,2024,total_demand,4765.557 ; graphite,World,WLD,mining,2024,observed,1847.235
        var observed = Data.OtherRouteSupply("graphite", 2024)!;
        observed.Value.Should().BeApproximately(4765.557 - 1847.235, 1e-9);
        observed.IsAssumption.Should().BeFalse();
        observed.SourceIds.Should().Equal("S48");
        var later = Data.OtherRouteSupply("graphite", 2030)!;
        later.Value.Should().Be(observed.Value);
        later.IsAssumption.Should().BeTrue();
        later.Method.Should().Contain("held at the 2024 level");
        Data.OtherRouteSupply("lithium", 2024).Should().BeNull();
    }

    [Fact]
    public void Copper_scrap_share_comes_from_world_rows_and_graphite_has_none()
    {
        // copper World mining 2024 22794, refining 26944: 1 − 22794/26944 = 15.40 %.
        Data.SecondaryFeedShare("copper", 2024, SupplyCase.Observed).Value.Should().BeApproximately(1 - (22794.0 / 26944), 1e-12);
        // graphite 2030: refining 4427.101 against mining 1990.929 is a series break, not 55 % scrap.
        Data.SecondaryFeedShare("graphite", 2030, SupplyCase.BaseCaseProjection).Value.Should().Be(0);
        // lithium 2024: mining 255.448 > refining 241.612, so no scrap share.
        Data.SecondaryFeedShare("lithium", 2024, SupplyCase.Observed).Value.Should().Be(0);
    }

    [Fact]
    public void Magnet_rare_earth_discrepancy_is_demand_over_world_refining()
    {
        // magnet_rare_earths observed 2024: demand 90.922, World refining 80.805, mining 75.099 (scrap share 1 − 75.099/80.805).
        Data.ObservedDiscrepancy("magnet_rare_earths", 2024).Value.Should().BeApproximately((90.922 - 80.805) / 90.922, 1e-12);
        Data.ObservedDiscrepancy("graphite", 2024).Value.Should().BeApproximately(0, 1e-12);
    }

    [Theory]
    [InlineData("lithium")]
    [InlineData("nickel")]
    [InlineData("cobalt")]
    [InlineData("copper")]
    [InlineData("graphite")]
    [InlineData("magnet_rare_earths")]
    public void The_world_as_one_open_market_covers_2024_demand_within_the_data_discrepancy(string commodity)
    {
        var answer = new CoalitionAnalysis(Data).Answer(new CoalitionQuestion
        {
            Commodity = commodity,
            Coalition = Data.GetCoalition("G7"),
            Scenario = DemandScenario.Observed,
            Year = 2024,
            Rules = SourcingRules.OpenMarket,
            InvestmentTargetCount = 0,
        });
        double discrepancy = Data.ObservedDiscrepancy(commodity, 2024).Value;
        answer.TotalCoverage.Should().BeApproximately(1 - discrepancy, 1e-9);
        answer.Notes.Should().Contain(n => n.StartsWith("Data discrepancy 2024", StringComparison.Ordinal));
    }

    [Fact]
    public void Coalition_only_graphite_gets_no_synthetic_graphite_unless_the_user_gives_its_own()
    {
        var analysis = new CoalitionAnalysis(Data);
        var question = new CoalitionQuestion { Commodity = "graphite", Coalition = Data.GetCoalition("EU27"), Scenario = DemandScenario.Observed, Year = 2024, InvestmentTargetCount = 0 };
        var network = analysis.BuildNetwork(question);
        network.NonMemberOtherRouteKt.Should().BeApproximately(4765.557 - 1847.235, 1e-9);
        var own = analysis.Answer(question with { OtherRouteKt = 100 });
        var none = analysis.Answer(question);
        (none.ShortfallKt - own.ShortfallKt).Should().BeApproximately(100, 1e-6);
        none.Notes.Should().Contain(n => n.Contains("OtherRouteKt, default 0 [ASSUMPTION]", StringComparison.Ordinal));
    }
}

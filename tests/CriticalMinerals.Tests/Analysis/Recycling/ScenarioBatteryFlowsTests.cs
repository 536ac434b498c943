using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Recycling;

namespace CriticalMinerals.Tests.Analysis.Recycling;

/// <summary>Battery stocks and flows by Busch region scaled to an IEA scenario: the basis of recycled supply in the world and deposit models.</summary>
public sealed class ScenarioBatteryFlowsTests
{
    private static readonly MineralDataset Dataset = MineralDataset.Default;

    private static double IeaBattery(string iea, DemandScenario scenario, int year) =>
        Dataset.Demand(iea, scenario, year).Where(d => d.Component is "clean_tech:Electric vehicles" or "clean_tech:Grid battery storage").Sum(d => d.Value);

    [Theory]
    [InlineData(BatteryMinerals.Lithium, "lithium", 2030)]
    [InlineData(BatteryMinerals.Nickel, "nickel", 2035)]
    [InlineData(BatteryMinerals.Cobalt, "cobalt", 2040)]
    [InlineData(BatteryMinerals.Graphite, "graphite_all_grades", 2050)]
    public void At_an_IEA_year_the_regions_add_up_to_the_IEA_battery_demand(string mineral, string iea, int year)
    {
        var flows = ScenarioBatteryFlows.Create(Dataset, DemandScenario.Aps);
        double regions = flows.Projection.Rows.Where(r => r.Mineral == mineral && r.Year == year).Sum(r => r.DemandKt);
        regions.Should().BeApproximately(IeaBattery(iea, DemandScenario.Aps, year), 1e-6);
        flows.BatteryDemandKt(mineral, year).Should().BeApproximately(regions, 1e-9, "no shift: shifted and unshifted are the same");
        flows.UnshiftedBatteryDemandKt(mineral, year).Should().BeApproximately(regions, 1e-6);
    }

    [Fact]
    public void With_a_fixed_lifetime_a_region_recycles_its_recovery_rate_times_what_it_put_into_use_that_many_years_before()
    {
        // Fixed life of 3 years, half recovered, no delay: recycled(2030) = 0.5 × put into use in 2027.
        var options = ScenarioBatteryFlows.DefaultOptions with
        {
            Lifetime = new FixedLifetime(3),
            Recovery = RecoveryRates.Uniform(RateSchedule.Constant(0.5), ScenarioBatteryFlows.Minerals),
            RecyclingDelayYears = 0,
        };
        var rows = ScenarioBatteryFlows.Create(Dataset, DemandScenario.Steps, options).Projection.Rows
            .Where(r => r.Mineral == BatteryMinerals.Nickel && r.Region == "United States").ToDictionary(r => r.Year);
        rows[2030].RecycledKt.Should().BeApproximately(0.5 * rows[2027].DemandKt, 1e-9);
        rows[2030].RetiredKt.Should().BeApproximately(rows[2027].DemandKt, 1e-9);
        rows[2030].StockInUseKt.Should().BeApproximately(rows[2028].DemandKt + rows[2029].DemandKt + rows[2030].DemandKt, 1e-9);
        rows[2024].RecycledKt.Should().Be(0, "nothing was put into use before 2022, so nothing retires before 2025");
    }

    [Fact]
    public void The_default_recovery_makes_China_recycle_85_percent_of_its_collected_lithium_a_year_later()
    {
        var rows = ScenarioBatteryFlows.Create(Dataset, DemandScenario.Nze).Projection.Rows
            .Where(r => r.Mineral == BatteryMinerals.Lithium && r.Region == "China").ToDictionary(r => r.Year);
        rows[2040].RecycledKt.Should().BeApproximately(0.85 * rows[2039].CollectedKt, 1e-9).And.BeGreaterThan(0);
        rows[2040].CollectedKt.Should().Be(rows[2040].RetiredKt, "everything retired is collected by default");
    }

    [Fact]
    public void Graphite_has_no_recovery_rate_so_it_is_never_recycled()
    {
        var flows = ScenarioBatteryFlows.Create(Dataset, DemandScenario.Aps);
        flows.Projection.Rows.Where(r => r.Mineral == BatteryMinerals.Graphite).All(r => r.RecycledKt == 0).Should().BeTrue();
        flows.Projection.Rows.Where(r => r.Mineral == BatteryMinerals.Graphite && r.Year == 2040).Sum(r => r.RetiredKt).Should().BeGreaterThan(0);
    }

    [Fact]
    public void Observed_uses_the_STEPS_path_which_starts_at_the_observed_2024_point()
    {
        var flows = ScenarioBatteryFlows.Create(Dataset, DemandScenario.Observed);
        flows.Scenario.Should().Be(DemandScenario.Steps);
        flows.BatteryDemandKt(BatteryMinerals.Lithium, 2024).Should().BeApproximately(IeaBattery("lithium", DemandScenario.Observed, 2024), 1e-6);
    }

    [Fact]
    public void Options_it_cannot_honour_are_refused_together()
    {
        var options = ScenarioBatteryFlows.DefaultOptions with
        {
            Minerals = [BatteryMinerals.Manganese],
            ScrapShare = 0.04,
            CapacityGwhPerYear = new Dictionary<string, IReadOnlyList<YearAmount>> { ["China"] = [new YearAmount(2030, 1)] },
        };
        var act = () => ScenarioBatteryFlows.Create(Dataset, DemandScenario.Aps, options);
        act.Should().Throw<ArgumentException>().WithMessage("*Manganese*").WithMessage("*ScrapShare is 0.04*").WithMessage("*kt instead*");
    }

    [Fact]
    public void The_assumptions_name_lifetime_collection_recovery_chemistry_basis_and_capacity()
    {
        var notes = ScenarioBatteryFlows.Create(Dataset, DemandScenario.Aps).Assumptions;
        notes.Should().Contain(n => n.StartsWith("lifetime: logistic mean 15", StringComparison.Ordinal) && n.Contains("08-SurvivalCurve_Simulation.R", StringComparison.Ordinal));
        notes.Should().Contain(n => n.StartsWith("collection:", StringComparison.Ordinal));
        notes.Should().Contain(n => n.StartsWith("recovery: Busch et al. baseline", StringComparison.Ordinal));
        notes.Should().Contain(n => n.Contains("2022 EV chemistry mix", StringComparison.Ordinal) && n.Contains("IEA APS battery demand", StringComparison.Ordinal));
        notes.Should().Contain(n => n.StartsWith("recycling capacity:", StringComparison.Ordinal));
    }
}

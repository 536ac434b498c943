using CriticalMinerals.Analysis.Deposits;
using CriticalMinerals.Analysis.Recycling;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Modeling.Recycling;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Deposits.DepositTestProblems;

namespace CriticalMinerals.Tests.Analysis.Deposits;

/// <summary>Friendshoring on deposits: instances whose optimum is worked out by hand, the coalition demand series against data rows, and the law of restriction.</summary>
public sealed class LithiumFriendshoringTests
{
    private static readonly FriendshoringOptions Exact = new() { RelativeGap = 0, Backend = SolverBackends.Cbc, TimeLimitPerRun = null };

    /// <summary>
    /// 2022–2023, r = 10 % (discounters 1 and 1.1), demand 10 then 20 kt. A (CHL, not a member): open, planned 30 kt/yr,
    /// 5,000 USD/t. B (USA): closed, 6,000 USD/t, max 25 kt/yr, expansion 1,000 USD per t/yr, opening 10 million USD.
    /// C (CAN): closed, 9,000 USD/t, expansion 500, opening 5 million USD.
    /// Open world: A serves 10 + 20 kt at 5 million USD per kt: 50 + 100/1.1. Members only: B opens in 2022 with 10 kt/yr and
    /// adds 10 more in 2023 (capacity bought as late as it is needed), extracts 10 then 20 kt at 6: 10 + 10 + 60 + (10 + 120)/1.1;
    /// C instead: 5 + 5 + 90 + (5 + 180)/1.1; B for 2022 and C for the 2023 growth: C's 100/1.1 against B's 70/1.1.
    /// </summary>
    private static DepositProblem Members() => new(
        [
            Deposit(1, "CHL", reserve: 100, cost1: 5_000, maxRate: 30, rampUp: 0, planned: 30),
            Deposit(2, "USA", reserve: 100, cost1: 6_000, maxRate: 25, rampUp: 25, expansionCost: 1_000, openingCost: 10e6),
            Deposit(3, "CAN", reserve: 100, cost1: 9_000, maxRate: 25, rampUp: 25, expansionCost: 500, openingCost: 5e6),
        ],
        2022,
        [10, 20],
        DiscountRate: 0.1,
        Degradation: 0,
        Label: "members");

    private const double OpenWorldCost = 50 + (100 / 1.1);
    private const double MembersCost = 10 + 10 + 60 + ((10 + 120) / 1.1);

    private static DepositRestriction UsaAndCanada => DepositRestriction.MembersOf(Coalition.Create("North America", ["USA", "CAN"]), MineralDataset.Default.Busch2025);

    [Fact]
    public void Restricting_to_members_opens_the_dearer_mine_and_costs_the_hand_computed_difference()
    {
        var result = LithiumFriendshoring.Compare(Members(), UsaAndCanada, Exact);

        result.OpenWorldCostMillionUsd.Should().BeApproximately(OpenWorldCost, 1e-6);
        result.FriendshoredCostMillionUsd.Should().BeApproximately(MembersCost, 1e-6);
        (5 + 5 + 90 + ((5 + 180) / 1.1)).Should().BeGreaterThan(MembersCost, "C alone is dearer");
        result.ExtraCostMillionUsd.Should().BeApproximately(MembersCost - OpenWorldCost, 1e-6);
        result.ExtraCostLowerBoundMillionUsd.Should().BeApproximately(MembersCost - OpenWorldCost, 1e-6);
        result.ExtraCostUpperBoundMillionUsd.Should().BeApproximately(MembersCost - OpenWorldCost, 1e-6);
        result.ExtraCostUsdPerTonneLi.Should().BeApproximately((MembersCost - OpenWorldCost) * 1e6 / (10e3 + (20e3 / 1.1)), 1e-6, "over the discounted tonnes");
        result.ExtraOpenings.Should().ContainSingle().Which.Should().Be(new FriendshoringOpening(2, "Deposit 2", "USA", null, 2022, 30));
        result.Friendshored.Openings.Single(o => o.DepositId == 3).OpenedYear.Should().BeNull();
        result.Friendshored.Deposits.Where(d => d.DepositId == 2).Select(d => d.CapacityAddedKt).Should().Equal([10, 10], (x, y) => Math.Abs(x - y) < 1e-6);
        result.Friendshored.Deposits.Where(d => d.DepositId == 2).Select(d => d.ExtractionKt).Should().Equal([10, 20], (x, y) => Math.Abs(x - y) < 1e-6);
        result.Years.All(y => y.FriendshoredUnmetKt == 0 && y.OpenWorldUnmetKt == 0).Should().BeTrue();
        result.SelfSufficientFromYear.Should().Be(2022);
        result.MeetsYearlyDemandFromYear.Should().Be(2022);
        result.SourceIds.Should().Equal("TEST");
    }

    /// <summary>
    /// Marginal costs with the openings fixed, in each year's money. Open world: A has spare capacity, 5,000 USD/t both years.
    /// Friendshored, B open: one more t in 2022 is one more t/yr of B capacity in 2022 and one less added in 2023 (1,000 −
    /// 1,000/1.1) plus one t extracted (6,000): 6,090.91; one more t in 2023 is one more t/yr added in 2023 and one t extracted,
    /// 1,000 + 6,000 (B's 25 kt/yr leave room). Both rows are non-degenerate (B adds capacity in both years).
    /// </summary>
    [Fact]
    public void Marginal_costs_of_the_friendshored_plan_are_the_members_mine_costs()
    {
        var result = LithiumFriendshoring.Compare(Members(), UsaAndCanada, Exact);

        result.Years.Select(y => y.OpenWorldMarginalUsdPerTonneLi!.Value).Should().Equal([5_000, 5_000], (x, y) => Math.Abs(x - y) < 1e-6);
        result.Years.Select(y => y.FriendshoredMarginalUsdPerTonneLi!.Value).Should().Equal([6_000 + 1_000 - (1_000 / 1.1), 7_000], (x, y) => Math.Abs(x - y) < 1e-6);
        result.In(2023).FriendshoredMarginalUsdPerTonneLce.Should().BeApproximately(7_000 / 5.323, 1e-6);
        result.In(2023).WorldMarketMarginalUsdPerTonneLi.Should().BeNull("a custom instance has no world market run");
    }

    /// <summary>
    /// No member deposit: all demand is carried as a backlog, 10 then 30 kt, at 532,300 USD per t and year:
    /// 10 × 532.3 + 30 × 532.3 / 1.1 million USD. One more t in 2023 is carried one year, 532,300 USD; in 2022 two years,
    /// 532,300 + 532,300 / 1.1 in 2022 money.
    /// </summary>
    [Fact]
    public void A_coalition_without_deposits_carries_all_its_demand_unmet()
    {
        var result = LithiumFriendshoring.Compare(Members(), DepositRestriction.MembersOf(Coalition.Create("Japan", ["JPN"]), MineralDataset.Default.Busch2025), Exact);

        result.Friendshored.Deposits.Should().BeEmpty();
        result.Years.Select(y => y.FriendshoredUnmetKt).Should().Equal([10, 30], (x, y) => Math.Abs(x - y) < 1e-6);
        result.Years.Select(y => y.FriendshoredShortfallKt).Should().Equal([10, 20], (x, y) => Math.Abs(x - y) < 1e-6);
        const double penalty = (10 * 532.3) + (30 * 532.3 / 1.1);
        result.FriendshoredCostMillionUsd.Should().BeApproximately(penalty, 1e-6);
        result.FriendshoredPenaltyMillionUsd.Should().BeApproximately(penalty, 1e-6);
        result.ExtraCostMillionUsd.Should().BeApproximately(penalty - OpenWorldCost, 1e-6);
        result.ExtraPenaltyMillionUsd.Should().BeApproximately(penalty, 1e-6);
        result.ExtraMineCostMillionUsd.Should().BeApproximately(-OpenWorldCost, 1e-6, "no mine is paid for");
        result.SelfSufficientFromYear.Should().BeNull();
        result.MeetsYearlyDemandFromYear.Should().BeNull();
        result.FinalUnmetKt.Should().BeApproximately(30, 1e-6);
        result.UnmetKtYears.Should().BeApproximately(40, 1e-6);
        result.Years.Select(y => y.FriendshoredMarginalUsdPerTonneLi!.Value).Should().Equal([532_300 + (532_300 / 1.1), 532_300], (x, y) => Math.Abs(x - y) < 1e-3);
    }

    /// <summary>
    /// Japan alone on the Busch data (reference scenario): no deposit in Japan, so every t of its own demand (the Japan row of
    /// Demand_Region.csv) is carried to 2070: the backlog is the running sum of the series, and the open world meets it all.
    /// </summary>
    [Fact]
    public void Japan_alone_on_the_Busch_data_carries_its_whole_demand()
    {
        var analysis = new LithiumFriendshoring(MineralDataset.Default, new FriendshoringOptions { IncludeWorldMarket = false, Recycling = RecyclingBasis.Busch2025 });
        var result = analysis.Run(Coalition.Create("Japan", ["JPN"]), Busch2025Data.ReferenceScenario);

        var japan = MineralDataset.Default.Busch2025.RegionalDemand.Where(r => r.Region == "Japan" && r.Scenario == Busch2025Data.ReferenceScenario).OrderBy(r => r.Year).Select(r => r.DemandKt).ToArray();
        result.Demand!.DemandKt.Should().Equal(japan);
        double running = 0;
        foreach (var (year, k) in result.Years.Select((y, k) => (y, k)))
        {
            running += japan[k];
            year.FriendshoredUnmetKt.Should().BeApproximately(running, 1e-6);
            year.OpenWorldUnmetKt.Should().BeApproximately(0, 1e-6);
        }

        result.SelfSufficientFromYear.Should().BeNull();
        result.ExtraOpenings.Should().BeEmpty();
        result.ExtraCostMillionUsd.Should().BePositive();
        result.Notes.Should().Contain(n => n.Contains("532,300", StringComparison.Ordinal)).And.Contain(n => n.Contains("7.0 %", StringComparison.Ordinal));
    }

    /// <summary>
    /// By default the coalition's own recycling comes from the stock model: Japan's primary demand is its Demand_Region row plus
    /// Busch's recycled lithium of Japan (Recycling.csv) less the library's (RecyclingChecks.BuschProjection, the same scenario).
    /// </summary>
    [Fact]
    public void By_default_the_stock_model_replaces_Busch_recycling_in_the_coalitions_demand()
    {
        var data = MineralDataset.Default.Busch2025;
        var demand = new LithiumFriendshoring(MineralDataset.Default).OwnDemand(Coalition.Create("Japan", ["JPN"]), Busch2025Data.ReferenceScenario);
        var library = RecyclingChecks.BuschProjection(data).SecondarySupply(BatteryMinerals.Lithium).Where(r => r.Region == "Japan").ToDictionary(r => r.Year, r => r.RecycledKt);
        foreach (int year in new[] { 2030, 2050, 2070 })
        {
            double net = data.RegionalDemand.Single(r => r.Region == "Japan" && r.Scenario == Busch2025Data.ReferenceScenario && r.Year == year).DemandKt;
            double busch = data.Recycling.Single(r => r.Region == "Japan" && r.Scenario == Busch2025Data.ReferenceScenario && r.Year == year).RecyclingKt;
            demand.In(year).Should().BeApproximately(net + busch - library[year], 1e-9);
        }

        demand.Method.Should().Contain("stock-model recycled lithium");
        demand.Assumptions.Should().Contain(a => a.StartsWith("stock model: lifetime:", StringComparison.Ordinal));
        var gross = new LithiumFriendshoring(MineralDataset.Default, new FriendshoringOptions { Recycling = RecyclingBasis.None }).OwnDemand(Coalition.Create("Japan", ["JPN"]), Busch2025Data.ReferenceScenario);
        gross.In(2050).Should().BeGreaterThan(demand.In(2050), "no recycling leaves the whole gross demand to the mines");
    }

    [Fact]
    public void The_N_minus_1_restriction_drops_only_that_country()
    {
        var withoutChile = DepositRestriction.WorldWithout(["CHL"]);
        var result = LithiumFriendshoring.Compare(Members(), withoutChile, Exact);

        result.Friendshored.Deposits.Select(d => d.Iso3).Distinct().Should().BeEquivalentTo("USA", "CAN");
        result.ExtraCostMillionUsd.Should().BeApproximately(MembersCost - OpenWorldCost, 1e-6, "without Chile the members' case is all that is left");
        withoutChile.MayServe(MineralDataset.Default.Busch2025.Deposits.First(d => d.Iso3 == "ARG")).Should().BeTrue();
        DepositRestriction.WorldWithoutRegion(MineralDataset.Default.Busch2025, "China").MayServe(MineralDataset.Default.Busch2025.Deposits.First(d => d.Iso3 == "CHN")).Should().BeFalse();
    }

    [Fact]
    public void A_member_EUU_brings_the_deposits_of_the_EU_countries_as_it_brings_their_demand()
    {
        var data = MineralDataset.Default.Busch2025;
        var g7 = DepositRestriction.MembersOf(MineralDataset.Default.GetCoalition("G7"), data);

        g7.MayServe(data.Deposits.First(d => d.Iso3 == "PRT")).Should().BeTrue("Portugal is in the EU, a G7 party");
        g7.MayServe(data.Deposits.First(d => d.Iso3 == "AUS")).Should().BeFalse();
        g7.Assumptions.Should().ContainSingle().Which.Should().Contain("EUU").And.Contain("27 member states");
        DepositRestriction.MembersOf(MineralDataset.Default.GetCoalition("IPEF"), data).Assumptions.Should().BeEmpty();

        // One reading of EUU in every view: the Busch region's sovereign countries are the data's EU27 group.
        data.GetRegion("European Union").SovereignCountries.Select(c => c.Iso3).Order(StringComparer.Ordinal)
            .Should().Equal(MineralDataset.Default.GetCoalition("EU27").Members.Select(m => m.Iso3).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// G7, reference scenario, 2030: five regions wholly in it (Canada, European Union through EUU, Japan, United Kingdom,
    /// United States), busch2025/Demand_Region.csv lines 1630, 1663, 1685, 1762, 1773, in t Li.
    /// </summary>
    [Fact]
    public void Own_demand_of_whole_regions_is_the_sum_of_their_rows()
    {
        var dataset = MineralDataset.Default;
        var demand = CoalitionLithiumDemand.From(dataset, dataset.GetCoalition("G7"), Busch2025Data.ReferenceScenario);

        double expected = (14382.1813860628 + 124392.745037484 + 21521.5068916497 + 25191.6784863069 + 113279.922702411) / 1000;
        demand.In(2030).Should().BeApproximately(expected, 1e-9);
        demand.WorldDemandKt[2030 - 2022].Should().BeApproximately(696.238169729914, 1e-9, "Demand.csv line 90");
        demand.ShareIn(2030).Should().BeApproximately(expected / 696.238169729914, 1e-12);
        demand.Weights.PartialRegions.Should().BeEmpty();
        demand.Assumptions.Should().ContainSingle().Which.Should().Contain("EUU");
        demand.Years.Should().HaveCount(49).And.StartWith(2022).And.EndWith(2070);
        demand.SourceIds.Should().Equal("B25");
    }

    /// <summary>
    /// US FTA partners, reference, 2030: United States, Canada, Mexico, South Korea whole (lines 1773, 1630, 1696, 1751);
    /// Australia/NZ 1 of 2 sovereign countries (AUS; line 1608), Other Latin America and Caribbean 10/33, Africa 1/53 (Morocco),
    /// Middle East 4/15, ASEAN 1/10 (Singapore): the sovereign-country count, flagged.
    /// </summary>
    [Fact]
    public void Own_demand_counts_a_partial_region_by_its_member_share_and_says_so()
    {
        var dataset = MineralDataset.Default;
        var demand = CoalitionLithiumDemand.From(dataset, dataset.GetCoalition("US_FTA_partners_20"), Busch2025Data.ReferenceScenario);

        double whole = 113279.922702411 + 14382.1813860628 + 11131.29753813 + 14625.8499762554;
        double partial = (5831.41468239933 / 2) + (28848.133667012 * 10 / 33) + (16272.8142430417 / 53) + (24871.1064648647 * 4 / 15) + (23608.2656044889 / 10);
        demand.In(2030).Should().BeApproximately((whole + partial) / 1000, 1e-9);
        demand.Weights.Weights["Australia/NZ"].Should().Be(0.5);
        demand.Weights.PartialRegions.Should().BeEquivalentTo("Australia/NZ", "Other Latin America and Caribbean", "Africa", "Middle East", "ASEAN");
        demand.Assumptions.Should().ContainSingle(a => a.Contains("Australia/NZ 1/2", StringComparison.Ordinal) && a.Contains("sovereign", StringComparison.Ordinal));
        demand.Method.Should().Contain("0.5 × Australia/NZ").And.Contain("Demand_Region.csv");
    }

    /// <summary>
    /// The law of restriction on random instances solved to optimality: a subset of the deposits never serves the same demand
    /// for less, and, with unmet demand priced above every mine of the instance, never leaves less of it unmet (Σ backlog ÷
    /// discounter, up to the mine cost the restricted plan spends ÷ the price).
    /// </summary>
    [Fact]
    public void Restricting_deposits_never_lowers_cost_or_unmet_demand()
    {
        var random = new Random(20251128);
        string[] countries = ["CHL", "AUS", "USA", "CAN", "ARG"];
        int dearer = 0, moreUnmet = 0;
        for (int instance = 0; instance < 25; instance++)
        {
            var deposits = Enumerable.Range(1, random.Next(2, 5)).Select(id =>
            {
                bool open = random.NextDouble() < 0.4;
                double maxRate = random.Next(5, 20);
                return Deposit(id, countries[random.Next(countries.Length)], reserve: random.Next(10, 60), cost1: random.Next(4_000, 12_000),
                    maxRate: maxRate, rampUp: random.Next(2, 12), expansionCost: random.Next(0, 3_000), openingCost: random.Next(0, 50) * 1e6,
                    planned: open ? Math.Min(maxRate, random.Next(1, 8)) : 0, delay: random.Next(0, 2));
            }).ToArray();
            var demand = Enumerable.Range(0, random.Next(3, 6)).Select(_ => (double)random.Next(2, 25)).ToArray();
            var problem = new DepositProblem(deposits, 2022, demand, DiscountRate: 0.07, Degradation: 0, UnmetDemandCostUsdPerTonneLi: 1e8, Label: $"random {instance}");
            var members = countries.Where(_ => random.NextDouble() < 0.5).ToArray();
            var restriction = DepositRestriction.MembersOf(Coalition.Create("random", members.Length > 0 ? members : ["USA"]), MineralDataset.Default.Busch2025);

            var result = LithiumFriendshoring.Compare(problem, restriction, Exact);

            result.FriendshoredCostMillionUsd!.Value.Should().BeGreaterThanOrEqualTo(result.OpenWorldCostMillionUsd!.Value - 1e-6, $"instance {instance}");
            double Discounted(Func<FriendshoringYear, double> unmet) => result.Years.Select((y, k) => unmet(y) / Math.Pow(1.07, k)).Sum();
            double mineCost = result.FriendshoredCostMillionUsd.Value - result.FriendshoredPenaltyMillionUsd!.Value;
            Discounted(y => y.FriendshoredUnmetKt).Should().BeGreaterThanOrEqualTo(Discounted(y => y.OpenWorldUnmetKt) - (mineCost / 1e5) - 1e-6, $"instance {instance}");
            dearer += result.ExtraCostMillionUsd > 1e-6 ? 1 : 0;
            moreUnmet += result.UnmetKtYears > result.OpenWorldUnmetKtYears + 1e-6 ? 1 : 0;
        }

        dearer.Should().BeGreaterThan(5, "the sample restricts deposits that matter");
        moreUnmet.Should().BeGreaterThan(2, "the sample has restrictions that leave demand unmet");
    }
}

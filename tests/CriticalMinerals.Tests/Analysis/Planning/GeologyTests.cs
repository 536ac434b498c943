using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Analysis.Planning;

/// <summary>The geology rule on the embedded data: no mine without a known resource, every member's extraction bounded.</summary>
public sealed class GeologyTests
{
    private static readonly MineralDataset Data = MineralDataset.Default;
    private static readonly PlanningAnalysis Analysis = new(Data);

    private static PlanningQuestion Question(string commodity, string coalition) => new()
    {
        Commodity = commodity,
        Coalition = Data.GetCoalition(coalition),
        Scenario = DemandScenario.Nze,
    };

    public static TheoryData<string> Commodities()
    {
        var data = new TheoryData<string>();
        foreach (var c in Data.Commodities)
        {
            data.Add(c.Code);
        }

        return data;
    }

    private static double Reserves(string commodity, string iso3) =>
        Data.GetCommodity(commodity).UsgsMineral is null ? 0 : Data.Reserves(commodity).Countries.FirstOrDefault(a => a.Record.Country.Iso3 == iso3)?.ValueInModelUnit ?? 0;

    private static double Output2024(string commodity, string iso3) =>
        Data.CountrySupply(commodity, SupplyStage.Mining, 2024, SupplyCase.Observed).ValueOf(iso3);

    /// <summary>
    /// Every commodity × built-in coalition, NZE, defaults: every member with new mining has USGS reserves &gt; 0 or 2024 output
    /// &gt; 0; every member's cumulative extraction is bounded and within its limit; where only production is known the limit is
    /// 30 years of 2024 output, and the notes name the site.
    /// </summary>
    [Theory]
    [MemberData(nameof(Commodities))]
    public void No_default_plan_opens_a_mine_where_no_resource_is_known(string commodity)
    {
        foreach (var coalition in Data.Coalitions)
        {
            var question = Question(commodity, coalition.Name);
            var problem = Analysis.BuildProblem(question);
            var result = Analysis.Solve(problem);
            result.HasSolution.Should().BeTrue($"{commodity} {coalition.Name}");
            foreach (var build in result.Capacities.Where(c => c.Stage == SupplyStage.Mining && c.IsMember && c.NewBuildKt > 1e-6))
            {
                bool deposit = commodity == "lithium" && Data.Busch2025.DepositsIn(build.Iso3).Count > 0;
                (Reserves(commodity, build.Iso3) > 0 || Output2024(commodity, build.Iso3) > 0 || deposit)
                    .Should().BeTrue($"{commodity} {coalition.Name}: {build.Iso3} builds {build.NewBuildKt} kt/yr of mining in {build.Year}");
            }

            foreach (var site in problem.Sites.Where(s => s.IsMember))
            {
                site.ReservesKt.Should().NotBeNull($"{commodity} {coalition.Name} {site.Iso3}: a missing figure never means no bound");
                double reserves = Reserves(commodity, site.Iso3);
                double output = Output2024(commodity, site.Iso3);
                bool hasDeposit = commodity == "lithium" && Data.Busch2025.DepositsIn(site.Iso3).Count > 0;
                if (hasDeposit)
                {
                    site.ReservesKt.Should().BeGreaterThan(reserves, $"{site.Iso3}: the deposit table adds resources");
                }
                else if (reserves <= 0 && output > 0)
                {
                    site.ReservesKt.Should().BeApproximately(30 * output, 1e-9 * Math.Max(1, output));
                    problem.Notes.Should().Contain(n => n.StartsWith("Where only production is known", StringComparison.Ordinal) && n.Contains(site.Iso3, StringComparison.Ordinal));
                }
                else if (reserves > 0)
                {
                    site.ReservesKt.Should().Be(reserves);
                }
            }

            foreach (var use in result.Reserves)
            {
                use.CumulativeExtractionKt.Should().BeLessThanOrEqualTo(use.ReservesKt!.Value * (1 + 1e-7) + 1e-6, $"{commodity} {coalition.Name} {use.Iso3}");
            }
        }
    }

    /// <summary>
    /// The issue: G7 lithium under NZE built 566 kt/yr of mining in the UK by 2030 and 1,080 by 2035, with no UK reserves or
    /// output in the data. Now the UK gets no mining build at all, and the notes say why.
    /// </summary>
    [Fact]
    public void Regression_no_uk_lithium_mine()
    {
        Reserves("lithium", "GBR").Should().Be(0);
        Output2024("lithium", "GBR").Should().Be(0);
        var problem = Analysis.BuildProblem(Question("lithium", "G7") with { Geology = new GeologyOptions { UseDepositTable = false } });
        problem.Sites.Single(s => s.Iso3 == "GBR").NewMiningAllowed.Should().BeFalse();
        var result = Analysis.Solve(problem);
        result.Capacities.Where(c => c.Iso3 == "GBR" && c.Stage == SupplyStage.Mining).Should().OnlyContain(c => c.NewBuildKt == 0 && c.OutputKt == 0);
        result.Builds.Should().NotContain(b => b.Iso3 == "GBR" && b.Stage == SupplyStage.Mining);
        result.Notes.Should().Contain(n => n.StartsWith("No new lithium mines", StringComparison.Ordinal) && n.Contains("GBR", StringComparison.Ordinal));
    }

    /// <summary>
    /// With the deposit table the UK has one known lithium deposit (Busch et al. 2025, Deposit.csv: United Kingdom, its reserve,
    /// demonstrated and inferred tonnages): a mine may open there, and its whole extraction stays within that deposit.
    /// </summary>
    [Fact]
    public void A_deposit_in_the_deposit_table_allows_a_mine_bounded_by_it()
    {
        var deposits = Data.Busch2025.DepositsIn("GBR");
        deposits.Should().ContainSingle();
        double total = deposits.Sum(d => d.ReserveKt + d.ResourceDemonstratedKt + d.ResourceInferredKt);
        var problem = Analysis.BuildProblem(Question("lithium", "G7"));
        var uk = problem.Sites.Single(s => s.Iso3 == "GBR");
        uk.NewMiningAllowed.Should().BeTrue();
        uk.ReservesKt.Should().BeApproximately(total, 1e-9);
        uk.ExtractionLimitBasis.Should().Contain("Busch et al. 2025");
        problem.SourceIds.Should().Contain("B25");
        var result = Analysis.Solve(problem);
        result.Reserves.Where(r => r.Iso3 == "GBR").Should().OnlyContain(r => r.CumulativeExtractionKt <= total + 1e-6);
    }

    /// <summary>
    /// The issue: EU27 nickel put a 5,363 kt/yr mine in Spain. No EU member has USGS nickel reserves or 2024 mine output in the
    /// data (Finland and Greece sit in USGS "Other countries"), so the plan opens no nickel mine anywhere and says so in words.
    /// </summary>
    [Fact]
    public void Regression_eu_nickel_builds_mines_only_where_resources_are_known()
    {
        var eu = Data.GetCoalition("EU27");
        var withResource = eu.Members.Select(m => m.Iso3).Where(iso3 => Reserves("nickel", iso3) > 0 || Output2024("nickel", iso3) > 0).ToArray();
        withResource.Should().BeEmpty("the data show no EU nickel resource");
        var result = Analysis.Plan(Question("nickel", "EU27"));
        result.Status.Should().Be(SolveStatus.Optimal);
        result.Capacities.Where(c => c.Stage == SupplyStage.Mining && c.IsMember).Should().OnlyContain(c => c.NewBuildKt == 0);
        result.Builds.Should().NotContain(b => b.Stage == SupplyStage.Mining);
        result.Notes.Should().Contain("No member has known nickel resources (USGS reserves or 2024 mine output): the plan opens no nickel mine; name a greenfield site (GeologyOptions.GreenfieldSites) to ask what one would add.");
    }

    /// <summary>
    /// A greenfield site named by the user may build up to its limit: G7 lithium with a UK site of 20 kt/yr and 300 kt, refining
    /// unconstrained so ore is what is short. The UK builds 20 from 2035 (the 7-year mine lead time; the growth limit does not
    /// apply to a named site), extracts 200 ≤ 300 kt, and the notes name the site and the stated limit.
    /// </summary>
    [Fact]
    public void A_named_greenfield_site_builds_up_to_its_limit()
    {
        var question = Question("lithium", "G7") with
        {
            Build = new BuildOptions { Refining = StageBuildLimits.None },
            Geology = new GeologyOptions { GreenfieldSites = [new GreenfieldSite("GBR", 20, 300, "test deposit")] },
        };
        var result = Analysis.Plan(question);
        var uk = result.Capacities.Where(c => c.Iso3 == "GBR" && c.Stage == SupplyStage.Mining).ToArray();
        uk.Single(c => c.Year == 2030).NewBuildKt.Should().Be(0);
        uk.Single(c => c.Year == 2040).NewBuildKt.Should().BeApproximately(20, 1e-6);
        uk.Should().OnlyContain(c => c.NewBuildKt <= 20 + 1e-6);
        result.Reserves.Single(r => r.Iso3 == "GBR").CumulativeExtractionKt.Should().BeLessThanOrEqualTo(300 + 1e-6);
        result.Notes.Should().Contain(n => n.StartsWith("Greenfield site named by the question: GBR", StringComparison.Ordinal));
        result.Notes.Should().Contain(n => n.StartsWith("New mining reaches the limit stated", StringComparison.Ordinal) && n.Contains("GBR", StringComparison.Ordinal));
        FluentActions.Invoking(() => Analysis.BuildProblem(question with { Geology = new GeologyOptions { GreenfieldSites = [new GreenfieldSite("CHN", 1, 1, "x")] } }))
            .Should().Throw<ArgumentException>().WithMessage("*not a member*");
    }

    /// <summary>A resource known from a deposit table (the hook for Busch et al. 2025) counts: the UK may then build, within it.</summary>
    [Fact]
    public void A_known_resource_counts_as_a_resource()
    {
        var question = Question("lithium", "G7") with
        {
            Geology = new GeologyOptions { UseDepositTable = false, KnownResources = [new KnownResource("GBR", 100, "test deposits") { SourceIds = ["S-test"] }] },
        };
        var problem = Analysis.BuildProblem(question);
        var uk = problem.Sites.Single(s => s.Iso3 == "GBR");
        uk.NewMiningAllowed.Should().BeTrue();
        uk.ReservesKt.Should().Be(100);
        uk.ExtractionLimitBasis.Should().Contain("test deposits");
        problem.SourceIds.Should().Contain("S-test");
    }

    /// <summary>
    /// Canada's lithium mine output sits in the IEA Rest of world; CountrySupply credits it a USGS share, so Canada mines in the
    /// plan, the derived row's sources (IEA and USGS) are the problem's, and the notes name it.
    /// </summary>
    [Fact]
    public void Members_hidden_in_rest_of_world_count()
    {
        var row = Data.CountrySupply("lithium", SupplyStage.Mining, 2024, SupplyCase.Observed).Countries.Single(r => r.Country.Iso3 == "CAN");
        row.Derivation.Should().Be(SupplyDerivation.RestOfWorldSplit);
        var problem = Analysis.BuildProblem(Question("lithium", "G7"));
        problem.Sites.Single(s => s.Iso3 == "CAN").Mining.ExistingKt[0].Should().BeApproximately(row.ValueKt, 1e-9);
        problem.SourceIds.Should().Contain(row.SourceIds);
        problem.Notes.Should().Contain(n => n.StartsWith("Members the IEA counts in Rest of world", StringComparison.Ordinal) && n.Contains("CAN mining", StringComparison.Ordinal));
    }

    /// <summary>With the rules off (for comparison) the old behaviour returns: the UK may open a mine and has no bound.</summary>
    [Fact]
    public void Geology_off_restores_the_old_bounds()
    {
        var problem = Analysis.BuildProblem(Question("lithium", "G7") with { Geology = GeologyOptions.Off });
        var uk = problem.Sites.Single(s => s.Iso3 == "GBR");
        uk.NewMiningAllowed.Should().BeTrue();
        uk.ReservesKt.Should().BeNull();
        problem.Notes.Should().Contain(n => n.StartsWith("Geology rules off", StringComparison.Ordinal));
    }
}

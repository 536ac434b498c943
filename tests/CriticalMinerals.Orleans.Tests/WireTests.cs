using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Orleans.Wire;
using CriticalMinerals.Solving;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CriticalMinerals.Orleans.Tests;

/// <summary>The wire forms through Orleans' own serializer: scenarios, results, work items and dataset payloads come back equal.</summary>
public sealed class WireTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private Serializer Serializer => _services.GetRequiredService<Serializer>();

    public void Dispose() => _services.Dispose();

    private T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    private static SweepScenario EveryParameter(Coalition coalition) => new(
        new CoalitionQuestion
        {
            Commodity = "graphite",
            Coalition = coalition,
            Scenario = DemandScenario.Aps,
            Year = 2035,
            Rules = new SourcingRules(0.25, 0.5),
            DemandShare = 0.7,
            RecyclingShareOfDemand = 0.1,
            OtherRouteKt = 12.5,
            SecondaryFeedShare = 0.15,
            InvestmentTargetCount = 5,
        },
        [
            new ParameterSetting(new CapacityMultiplier(SupplyStage.Refining, "CHN"), 0.5),
            new ParameterSetting(new CapacityMultiplier(), 1.1),
            new ParameterSetting(new DemandMultiplier(), 1.2),
            new ParameterSetting(new RecyclingShare(), 0.05),
            new ParameterSetting(new OtherRouteSupply(), 3),
            new ParameterSetting(new SecondaryFeedShare(), 0.2),
            new ParameterSetting(new NonMemberRefinedShare(), 0.3),
            new ParameterSetting(new NonMemberMinedShare(), 0.4),
            new ParameterSetting(new ProjectDelay(SupplyStage.Mining, "AUS"), 2),
            new ParameterSetting(new ProjectDelay(), 1),
        ]);

    public static TheoryData<string> Coalitions => ["G7", "EU27", "user"];

    [Theory]
    [MemberData(nameof(Coalitions))]
    public void A_scenario_with_every_parameter_type_round_trips(string coalitionName)
    {
        var coalition = coalitionName == "user" ? Coalition.Create("China+", ["CHN", "RUS", "IDN"]) : TestScenarios.Data.GetCoalition(coalitionName);
        var scenario = EveryParameter(coalition);

        var back = ScenarioWire.FromDto(RoundTrip(ScenarioWire.ToDto(scenario)), TestScenarios.Data);

        back.Question.Should().BeEquivalentTo(scenario.Question, o => o.Excluding(q => q.Coalition));
        back.Question.Coalition.Name.Should().Be(coalition.Name);
        back.Question.Coalition.Members.Should().Equal(coalition.Members);
        if (coalitionName != "user")
        {
            back.Question.Coalition.Should().BeSameAs(coalition, "a built-in coalition is the silo dataset's own, with its join dates and sources");
        }

        back.Settings.Should().Equal(scenario.Settings, "parameters are records: same type, stage, country and value");
        back.Settings.Select(s => s.Parameter.Name).Should().Equal(scenario.Settings.Select(s => s.Parameter.Name));
    }

    [Fact]
    public void Built_networks_are_the_same_after_a_round_trip()
    {
        var sweep = new ScenarioSweep(TestScenarios.Data);
        foreach (var scenario in TestScenarios.Grid())
        {
            var back = ScenarioWire.FromDto(RoundTrip(ScenarioWire.ToDto(scenario)), TestScenarios.Data);
            ResultWire.ToDto(sweep.BuildNetwork(back)).Should().BeEquivalentTo(ResultWire.ToDto(sweep.BuildNetwork(scenario)), o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public void Results_with_outcomes_and_errors_round_trip_bit_for_bit()
    {
        var data = TestScenarios.Data;
        var scenarios = new[]
        {
            new SweepScenario(new CoalitionQuestion { Commodity = "lithium", Coalition = data.GetCoalition("G7") }),
            new SweepScenario(new CoalitionQuestion { Commodity = "copper", Coalition = data.GetCoalition("IPEF"), Rules = SourcingRules.OpenMarket }),
            new SweepScenario(new CoalitionQuestion { Commodity = "lithium", Coalition = data.GetCoalition("G7"), Year = 2024 }), // does not fit: NZE has no 2024
        };
        var local = TestScenarios.Local(scenarios, new SweepOptions { Solve = SolveOptions.Default });
        local.Results.Should().HaveCount(3);
        local.Results[2].Status.Should().Be(SolveStatus.Error);
        local.Results[0].Outcome!.Solution.Duals.Should().NotBeNull("duals were asked for, so they travel too");

        foreach (var result in local.Results)
        {
            var back = ResultWire.FromDto(RoundTrip(ResultWire.ToDto(result)), result.Scenario);
            TestScenarios.ShouldEqualExactly(back, result, includeWarmFlag: true);
            back.Outcome?.Solution.Elapsed.Should().Be(result.Outcome!.Solution.Elapsed);
        }

        var table = new SweepResult(local.Results.Select(r => ResultWire.FromDto(RoundTrip(ResultWire.ToDto(r)), r.Scenario)).ToArray(), 3, false, TimeSpan.Zero, 0)
            .ToTable(countryDetail: true);
        table.Should().BeEquivalentTo(local.ToTable(countryDetail: true), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Work_items_and_dataset_payloads_round_trip()
    {
        var scenarios = TestScenarios.Grid();
        var item = new WorkItem(
            Guid.NewGuid(),
            ClusterDataset.EmbeddedKey,
            SweepSettingsDto.From(new SweepOptions { Solve = SolveOptions.Default with { TimeLimit = TimeSpan.FromSeconds(3), RelativeGap = 1e-4 } }, "GLOP"),
            [0, 1, 2],
            [.. scenarios.Take(3).Select(ScenarioWire.ToDto)]);
        var back = RoundTrip(item);
        back.Should().BeEquivalentTo(item, o => o.WithStrictOrdering());
        back.Settings.ToSolveOptions().Should().Be(SolveOptions.Default with { TimeLimit = TimeSpan.FromSeconds(3), RelativeGap = 1e-4 });

        var dataset = ClusterDataset.FromFiles(new Dictionary<string, byte[]> { ["iea_demand_projections.csv"] = DefaultFile("iea_demand_projections.csv") }, new DatasetLoadOptions { FallBackToDefaults = true });
        var payload = RoundTrip(dataset.Payload!);
        payload.Key.Should().Be(dataset.Key).And.StartWith("sha256:");
        ClusterDataset.HashOf(payload).Should().Be(dataset.Key, "the silo checks the bytes against the key");
    }

    [Fact]
    public void A_dataset_key_changes_with_any_byte()
    {
        byte[] demand = DefaultFile("iea_demand_projections.csv");
        var a = ClusterDataset.FromFiles(new Dictionary<string, byte[]> { ["iea_demand_projections.csv"] = demand }, new DatasetLoadOptions { FallBackToDefaults = true });
        var b = ClusterDataset.FromFiles(new Dictionary<string, byte[]> { ["iea_demand_projections.csv"] = [.. demand, (byte)'\n'] }, new DatasetLoadOptions { FallBackToDefaults = true });
        a.Key.Should().NotBe(b.Key);
        a.Key.Should().Be(ClusterDataset.FromFiles(new Dictionary<string, byte[]> { ["iea_demand_projections.csv"] = demand }, new DatasetLoadOptions { FallBackToDefaults = true }).Key);
        ClusterDataset.Embedded.Payload.Should().BeNull();
    }

    internal static byte[] DefaultFile(string name)
    {
        using var stream = typeof(MineralDataset).Assembly.GetManifestResourceStream("CriticalMinerals.Data.Default." + name)
            ?? throw new InvalidOperationException(name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

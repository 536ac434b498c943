using CriticalMinerals.Data;

namespace CriticalMinerals.Tests.Data;

/// <summary>User rows that extend the embedded data instead of replacing it.</summary>
public sealed class ExtendDefaultsTests : IDisposable
{
    private const string Supply = "iea_supply_by_country.csv";
    private const string Header = "mineral,country,iso3,stage,year,case,value,unit,share_of_world,note,source_id";
    private static readonly DatasetLoadOptions Extend = new() { FallBackToDefaults = true, ExtendDefaults = true };
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-extend-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_users_row_joins_the_embedded_rows()
    {
        // Canada is not among the IEA's 2024 lithium miners (it sits in Rest of world); a user adds a figure of its own.
        File.WriteAllText(Path.Combine(_dir, Supply), Header + "\nlithium,Canada,CAN,mining,2024,observed,3.5,kt Li content,,user estimate,S48\n");
        var data = MineralDataset.Load(_dir, Extend);

        var mining = data.Supply("lithium", SupplyStage.Mining, 2024, SupplyCase.Observed);
        mining.Countries.Select(r => r.Country.Iso3).Should().Contain(["CAN", "AUS", "CHL"]);
        mining.Countries.Single(r => r.Country.Iso3 == "CAN").Value.Should().Be(3.5);
        data.SupplyRecords.Should().HaveCount(MineralDataset.Default.SupplyRecords.Count + 1);
    }

    [Fact]
    public void A_row_that_duplicates_an_embedded_row_is_named_in_the_users_file()
    {
        // Australia's 2024 lithium mining row is already embedded (89.969 kt).
        File.WriteAllText(Path.Combine(_dir, Supply), Header + "\nlithium,Australia,AUS,mining,2024,observed,90,kt Li content,,,S48\n");
        var act = () => MineralDataset.Load(_dir, Extend);

        var problem = act.Should().Throw<DatasetException>().Which.Problems.Should().ContainSingle().Subject;
        problem.File.Should().Be(Supply);
        problem.Row.Should().Be(2, "the user's first data row");
    }

    [Fact]
    public void A_different_header_cannot_extend()
    {
        File.WriteAllText(Path.Combine(_dir, Supply), "mineral,iso3,value\nlithium,CAN,3.5\n");
        var act = () => MineralDataset.Load(_dir, Extend);
        act.Should().Throw<DatasetException>().Which.Problems.Should().ContainSingle()
            .Which.Should().Match<DataProblem>(p => p.File == Supply && p.Row == 1 && p.Field == "(header)");
    }
}

using CriticalMinerals.Analysis;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;

namespace CriticalMinerals.Tests.Analysis;

/// <summary>Investment targets name only capacities that can exist, and never rank by country code.</summary>
public sealed class InvestmentTargetTests
{
    private static readonly MineralDataset Data = MineralDataset.Default;

    [Fact]
    public void No_main_job_target_proposes_a_mine_where_no_geology_is_known()
    {
        var analysis = new CoalitionAnalysis(Data);
        var answers = analysis.AnswerAll(analysis.MainQuestions());
        foreach (var answer in answers)
        {
            var commodity = Data.GetCommodity(answer.Commodity);
            var supplyCase = CoalitionAnalysis.CaseOf(answer.Year);
            var mining = Data.CountrySupply(answer.Commodity, SupplyStage.Mining, answer.Year, supplyCase);
            var reserves = commodity.UsgsMineral is null
                ? new Dictionary<string, double>()
                : Data.Reserves(answer.Commodity).Countries.Where(a => a.ValueInModelUnit is > 0).ToDictionary(a => a.Record.Country.Iso3, a => a.ValueInModelUnit!.Value);
            foreach (var target in answer.InvestmentTargets.Where(t => t.Kind == CapacityKind.Mining))
            {
                bool deposit = answer.Commodity == "lithium" && Data.Busch2025.DepositsIn(target.Iso3).Count > 0;
                (reserves.ContainsKey(target.Iso3) || mining.ValueOf(target.Iso3) > 0 || deposit).Should()
                    .BeTrue($"{answer.Coalition} {answer.Commodity} {answer.Year}: '{target.Description}' needs reserves, current output or a known deposit in {target.Iso3}");
            }
        }
    }

    [Fact]
    public void EU27_nickel_says_no_member_has_known_resources_and_names_no_mine()
    {
        // usgs MCS2024 nickel: no EU member has mine output or reserves (Finland is inside 'Other countries').
        var answer = new CoalitionAnalysis(Data).Answer(new CoalitionQuestion { Commodity = "nickel", Coalition = Data.GetCoalition("EU27"), Scenario = DemandScenario.Nze, Year = 2030 });
        answer.InvestmentTargets.Should().NotContain(t => t.Kind == CapacityKind.Mining);
        answer.Notes.Should().Contain(n => n.StartsWith("No member has known nickel resources", StringComparison.Ordinal));
    }

    [Fact]
    public void Candidates_the_data_cannot_tell_apart_are_reported_together()
    {
        // EU27 magnet rare earths 2030: no member mines or refines them, so refining anywhere is worth the same.
        var answer = new CoalitionAnalysis(Data).Answer(new CoalitionQuestion { Commodity = "magnet_rare_earths", Coalition = Data.GetCoalition("EU27"), Scenario = DemandScenario.Nze, Year = 2030 });
        answer.InvestmentTargets.Should().NotContain(t => t.Description.Contains(" in AUT in", StringComparison.Ordinal), "Austria is first only by its code");
        answer.InvestmentTargets.Where(t => t.Kind == CapacityKind.Refining).Should().OnlyContain(t => t.Description.Contains("any one of", StringComparison.Ordinal));
    }
}

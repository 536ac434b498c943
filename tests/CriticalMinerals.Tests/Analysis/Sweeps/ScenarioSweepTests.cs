using System.Text.Json;
using CriticalMinerals.Analysis;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Analysis.Sweeps;

/// <summary>Sweeps on the embedded data: the same numbers as one-by-one answers, warm equal to cold, cancellation keeps work.</summary>
public sealed class ScenarioSweepTests
{
    private static readonly MineralDataset Data = MineralDataset.Default;
    private static readonly ScenarioSweep Sweep = new(Data);

    private static SweepGrid SmallGrid() => new()
    {
        Commodities = ["lithium", "nickel"],
        Coalitions = [Data.GetCoalition("US_FTA_partners_20"), Data.GetCoalition("G7")],
        Scenarios = [DemandScenario.Observed, DemandScenario.Steps, DemandScenario.Nze],
        Years = [2024, 2030],
        DemandShares = [1, 0.5],
    };

    /// <summary>A synchronous progress sink (Progress&lt;T&gt; posts to the thread pool, too late for a test to act on).</summary>
    private sealed class Sink(Action<SweepProgress> action) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => action(value);
    }

    [Fact]
    public void Scenarios_are_visited_by_structure_and_in_input_order_within_one()
    {
        // Structure: commodity, coalition, year, mining-stage sourcing rule (ordinal, then ascending).
        SweepScenario Scenario(string commodity, string coalition, int year, double share = 0) => new(new CoalitionQuestion
        {
            Commodity = commodity,
            Coalition = Data.GetCoalition(coalition),
            Year = year,
            Rules = new SourcingRules(share),
        });
        SweepScenario[] scenarios =
        [
            Scenario("lithium", "G7", 2030),        // 0
            Scenario("copper", "G7", 2030),         // 1
            Scenario("lithium", "EU27", 2030),      // 2
            Scenario("lithium", "G7", 2024),        // 3
            Scenario("copper", "G7", 2030, 0.5),    // 4
            Scenario("lithium", "G7", 2030),        // 5: same structure as 0, after it
            Scenario("copper", "G7", 2030),         // 6: same structure as 1, after it
        ];

        ScenarioSweep.OrderByStructure(scenarios).Should().Equal(1, 6, 4, 2, 3, 0, 5);
    }

    [Fact]
    public void The_grid_pairs_the_observed_scenario_with_2024_only()
    {
        var scenarios = SmallGrid().Expand();

        // 2 commodities × 2 coalitions × (2024 observed + 2030 STEPS + 2030 NZE) × 2 demand shares.
        scenarios.Should().HaveCount(2 * 2 * 3 * 2);
        scenarios.Should().OnlyContain(s => (s.Question.Year == 2024) == (s.Question.Scenario == DemandScenario.Observed));
    }

    [Fact]
    public void A_sweep_gives_the_numbers_of_the_same_questions_answered_one_by_one()
    {
        var scenarios = SmallGrid().Expand();
        var analysis = new CoalitionAnalysis(Data);

        var result = Sweep.Run(scenarios, new SweepOptions { MaxDegreeOfParallelism = 2 });

        result.IsComplete.Should().BeTrue();
        result.Results.Should().HaveCount(scenarios.Count);
        result.Results.Select(r => r.Index).Should().Equal(Enumerable.Range(0, scenarios.Count));
        foreach (var r in result.Results)
        {
            var answer = analysis.Answer(r.Scenario.Question with { InvestmentTargetCount = 0 });
            r.Status.Should().Be(SolveStatus.Optimal);
            r.DemandKt.Should().Be(answer.DemandKt);
            r.ShortfallKt.Should().BeApproximately(answer.ShortfallKt, 1e-9 * Math.Max(1, answer.DemandKt));
            r.Coverage.Should().BeApproximately(answer.TotalCoverage, 1e-9);
            r.Unit.Should().Be(answer.Unit);
        }

        // 2 commodities × 2 coalitions × 2 years = 8 structures; the other scenarios were warm re-solves.
        result.Structures.Should().BeInRange(8, 16);
        result.Results.Count(r => r.WarmResolve).Should().BeGreaterThan(0);
    }

    [Fact]
    public void Warm_session_results_equal_cold_results_to_1e_9_relative()
    {
        var grid = new SweepGrid
        {
            Commodities = ["lithium", "cobalt"],
            Coalitions = [Data.GetCoalition("MSP_Minerals_Security_Partnership")],
            Scenarios = [DemandScenario.Steps, DemandScenario.Aps, DemandScenario.Nze],
            RecyclingShares = [0, 0.1],
            Rules = [SourcingRules.CoalitionOnly, new SourcingRules(0, 0.3)],
            Parameters =
            [
                (new CapacityMultiplier(SupplyStage.Refining), [0.8, 1.2]),
                (new CapacityMultiplier(SupplyStage.Mining, "AUS"), [0.5, 1.5]),
            ],
        };
        var scenarios = grid.Expand();

        var warm = Sweep.Run(scenarios, new SweepOptions { MaxDegreeOfParallelism = 2 });
        var cold = Sweep.Run(scenarios, new SweepOptions { MaxDegreeOfParallelism = 2, WarmStart = false });

        warm.Results.Count(r => r.WarmResolve).Should().BeGreaterThan(scenarios.Count / 2);
        cold.Results.Should().OnlyContain(r => !r.WarmResolve);
        for (int i = 0; i < scenarios.Count; i++)
        {
            warm.Results[i].Status.Should().Be(SolveStatus.Optimal);
            double expected = cold.Results[i].ShortfallKt;
            warm.Results[i].ShortfallKt.Should().BeApproximately(expected, 1e-9 * Math.Max(1, Math.Abs(expected)));
        }
    }

    [Fact]
    public void Bounds_written_into_a_session_equal_those_of_a_freshly_built_model()
    {
        var baseScenario = new SweepScenario(new CoalitionQuestion { Commodity = "copper", Coalition = Data.GetCoalition("EU27"), Scenario = DemandScenario.Aps });
        var first = Sweep.BuildNetwork(baseScenario);
        using var solver = new SupplySolver();
        solver.SessionFor(first);

        var changed = Sweep.BuildNetwork(baseScenario with
        {
            Settings =
            [
                new(new DemandMultiplier(), 1.3), new(new RecyclingShare(), 0.2), new(new CapacityMultiplier(SupplyStage.Refining), 0.7),
                new(new SecondaryFeedShare(), 0.25), new(new NonMemberRefinedShare(), 0.4), new(new OtherRouteSupply(), 12), new(new ProjectDelay(), 2),
            ],
        });
        var (_, session) = solver.SessionFor(changed);
        var fresh = SupplyModel.Create(changed).Model;

        session.Model.VariableUpperBounds.ToArray().Should().Equal(fresh.VariableUpperBounds.ToArray());
        session.Model.VariableLowerBounds.ToArray().Should().Equal(fresh.VariableLowerBounds.ToArray());
        session.Model.RowLowerBounds.ToArray().Should().Equal(fresh.RowLowerBounds.ToArray());
        session.Model.RowUpperBounds.ToArray().Should().Equal(fresh.RowUpperBounds.ToArray());
        solver.StructureCount.Should().Be(1);
    }

    [Fact]
    public void A_project_delay_moves_capacity_back_towards_the_earlier_year()
    {
        var question = new CoalitionQuestion { Commodity = "lithium", Coalition = Data.GetCoalition("G7"), Scenario = DemandScenario.Nze };
        var base2030 = Sweep.BuildNetwork(new SweepScenario(question));
        var delayed = Sweep.BuildNetwork(new SweepScenario(question, [new(new ProjectDelay(SupplyStage.Mining, "AUS"), 3)]));
        var context = Sweep.ContextOf("lithium", 2030);

        // 2024 → 2030 is 6 years: a 3-year delay is half way back to the 2024 figure.
        context.EarlierYear.Should().Be(2024);
        double c2030 = base2030.Mines.Single(m => m.Iso3 == "AUS").CapacityKt;
        double c2024 = context.EarlierMines["AUS"];
        delayed.Mines.Single(m => m.Iso3 == "AUS").CapacityKt.Should().BeApproximately((c2030 + c2024) / 2, 1e-9);
        delayed.Refineries.Should().Equal(base2030.Refineries);
    }

    [Fact]
    public void Cancellation_keeps_the_finished_results()
    {
        var scenarios = SmallGrid().Expand();
        using var cts = new CancellationTokenSource();
        var reports = new List<SweepProgress>();
        var progress = new Sink(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }

            if (p.Done == 5)
            {
                cts.Cancel();
            }
        });

        var result = Sweep.Run(scenarios, new SweepOptions { MaxDegreeOfParallelism = 1 }, progress, cts.Token);

        result.Cancelled.Should().BeTrue();
        result.IsComplete.Should().BeFalse();
        result.Total.Should().Be(scenarios.Count);
        result.Results.Should().HaveCount(5);
        result.Results.Should().OnlyContain(r => r.Status == SolveStatus.Optimal && !double.IsNaN(r.ShortfallKt));
        reports.Select(p => p.Done).Should().Equal(1, 2, 3, 4, 5);
        reports.Should().OnlyContain(p => p.Total == scenarios.Count);
    }

    [Fact]
    public void A_scenario_that_does_not_fit_the_data_is_reported_without_stopping_the_others()
    {
        var good = new SweepScenario(new CoalitionQuestion { Commodity = "lithium", Coalition = Data.GetCoalition("G7") });
        var bad = good with { Question = good.Question with { Year = 2031 } };

        var result = Sweep.Run([good, bad]);

        result.IsComplete.Should().BeTrue();
        result.Results[0].Status.Should().Be(SolveStatus.Optimal);
        result.Results[1].Status.Should().Be(SolveStatus.Error);
        result.Results[1].Message.Should().Contain("2031");
    }

    [Fact]
    public void The_tidy_table_exports_to_csv_and_json_with_scenario_keys_as_columns()
    {
        var grid = new SweepGrid
        {
            Commodities = ["lithium"],
            Coalitions = [Data.GetCoalition("G7")],
            Parameters = [(new CapacityMultiplier(SupplyStage.Refining), [1.0, 2.0])],
        };
        var result = Sweep.Run(grid);
        var table = result.ToTable();

        table.KeyColumns.Should().StartWith(SweepTable.QuestionColumns).And.EndWith("capacity_multiplier[refining,*]");
        table.Rows.Should().HaveCount(2 * 7);
        table.Value(1, "shortfall_kt").Should().BeLessThanOrEqualTo(table.Value(0, "shortfall_kt")!.Value);
        table.Value(0, "coverage").Should().Be(result.Results[0].Coverage);

        using var csv = new StringWriter();
        table.WriteCsv(csv);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1 + table.Rows.Count);
        lines[0].TrimEnd('\r').Should().EndWith("\"capacity_multiplier[refining,*]\",quantity,value,unit", "a name with a comma is quoted");
        lines[1].Should().StartWith("0,lithium,G7,NZE,2030,0,0,1,0,0,,true,Optimal,1,demand_kt,", "labels as users write them; a derived share is an empty number and a flag, not text in a number column");

        using var json = new MemoryStream();
        table.WriteJson(json);
        using var document = JsonDocument.Parse(json.ToArray());
        document.RootElement.GetArrayLength().Should().Be(table.Rows.Count);
        document.RootElement[2].GetProperty("quantity").GetString().Should().Be("shortfall_kt");
        document.RootElement[2].GetProperty("value").GetDouble().Should().Be(result.Results[0].ShortfallKt);
        // Typed as a notebook reads them: numbers as numbers, the label as users write it, a flag as a boolean.
        var first = document.RootElement[0];
        first.GetProperty("year").ValueKind.Should().Be(JsonValueKind.Number);
        first.GetProperty("year").GetInt32().Should().Be(2030);
        first.GetProperty("scenario_index").GetInt32().Should().Be(0);
        first.GetProperty("demand_share").GetDouble().Should().Be(1);
        first.GetProperty("scenario").GetString().Should().Be("NZE");
        first.GetProperty("secondary_feed_share").ValueKind.Should().Be(JsonValueKind.Null);
        first.GetProperty("secondary_feed_derived").GetBoolean().Should().BeTrue();
        document.RootElement[7].GetProperty("capacity_multiplier[refining,*]").GetDouble().Should().Be(2);
    }

    [Fact]
    public void A_parameter_named_as_a_question_column_gets_its_own_column()
    {
        var grid = new SweepGrid
        {
            Commodities = ["copper"],
            Coalitions = [Data.GetCoalition("G7")],
            Parameters = [(new RecyclingShare(), [0.0, 0.25])],
        };
        var table = Sweep.Run(grid).ToTable();

        table.KeyColumns.Should().OnlyHaveUniqueItems();
        table.KeyColumns.Should().Contain("recycling_share").And.Contain("recycling_share" + SweepTable.SettingSuffix);
        int setting = table.KeyColumns.ToList().IndexOf("recycling_share" + SweepTable.SettingSuffix);
        table.Rows.Select(r => r.Keys[setting]).Distinct().Should().BeEquivalentTo(["0", "0.25"]);
    }
}

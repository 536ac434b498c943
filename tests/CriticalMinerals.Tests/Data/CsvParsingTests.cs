using System.Text;
using CriticalMinerals.Data;
using CriticalMinerals.Data.Loading;

namespace CriticalMinerals.Tests.Data;

public class CsvParsingTests
{
    private static readonly string[] Columns = ["a", "b"];

    [Fact]
    public void Quoted_fields_doubled_quotes_CRLF_BOM_and_blank_lines()
    {
        var text = "\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",2\r\n";
        var log = new ProblemLog();
        var table = CsvTable.Read("t.csv", Encoding.UTF8.GetBytes(text), Columns, log);
        log.Problems.Should().BeEmpty();
        table!.Rows.Should().HaveCount(2);
        table.Rows[0]["a"].Should().Be("x, y");
        table.Rows[0]["b"].Should().Be("say \"hi\"");
        table.Rows[0].Line.Should().Be(2);
        table.Rows[1]["a"].Should().Be("multi\nline");
        table.Rows[1].Line.Should().Be(4); // line 3 is blank
    }

    [Fact]
    public void Text_after_a_closing_quote_is_a_problem()
    {
        var log = new ProblemLog();
        var table = CsvTable.Read("t.csv", Encoding.UTF8.GetBytes("a,b\n\"x\"y,1\n2,3\n"), Columns, log);
        log.Problems.Should().ContainSingle().Which.Should().Be(new DataProblem("t.csv", 2, "a", "xy", "a comma or line end right after a closing quote"));
        table!.Rows.Should().ContainSingle().Which.Line.Should().Be(3);
    }

    [Fact]
    public void Default_dataset_is_loaded_once()
    {
        MineralDataset.Default.Should().BeSameAs(MineralDataset.Default);
    }

    [Fact]
    public void Every_catalogue_commodity_has_supply_for_both_stages_and_demand_in_every_scenario()
    {
        var data = MineralDataset.Default;
        foreach (var c in data.Commodities)
        {
            foreach (var stage in new[] { SupplyStage.Mining, SupplyStage.Refining })
            {
                data.Supply(c.Code, stage, 2024, SupplyCase.Observed).World.Should().NotBeNull($"{c.Code} {stage}");
            }

            data.TotalDemand(c.Code, DemandScenario.Observed, 2024).Unit.Should().Be(c.IeaDemandUnit);
            foreach (var s in new[] { DemandScenario.Steps, DemandScenario.Aps, DemandScenario.Nze })
            {
                data.TotalDemand(c.Code, s, 2050).Value.Should().BePositive();
            }
        }
    }

    [Fact]
    public void Queries_without_rows_fail_loudly()
    {
        var data = MineralDataset.Default;
        var observed2030 = () => data.Supply("lithium", SupplyStage.Mining, 2030, SupplyCase.Observed);
        observed2030.Should().Throw<ArgumentException>().WithMessage("*No IEA supply rows for lithium Mining 2030 Observed*");
        var unknown = () => data.GetCommodity("LCE");
        unknown.Should().Throw<ArgumentException>().WithMessage("*Unknown commodity 'LCE'*");
    }
}

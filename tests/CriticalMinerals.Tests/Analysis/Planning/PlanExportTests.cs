using CriticalMinerals.Analysis.Planning;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Planning.PlanTestProblems;

namespace CriticalMinerals.Tests.Analysis.Planning;

public sealed class PlanExportTests
{
    [Fact]
    public void Csv_tables_have_one_line_per_row()
    {
        var result = PlanSolver.Solve(PlanModel.Create(OpenMarket()), SolverBackends.Clp);
        var periods = PlanExport.PeriodsCsv(result).TrimEnd('\n').Split('\n');
        periods.Should().HaveCount(3);
        periods[1].Should().StartWith("test,kt,2024,6,20,5,5,0,15,");
        var capacities = PlanExport.CapacitiesCsv(result).TrimEnd('\n').Split('\n');
        capacities.Should().HaveCount(1 + (2 * 2 * 2));
        capacities[1].Should().Be("test,kt,A,mining,2024,true,5,0,0,0,5,5");
    }
}

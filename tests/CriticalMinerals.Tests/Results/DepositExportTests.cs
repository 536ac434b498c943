using CriticalMinerals.Modeling.Deposits;
using CriticalMinerals.Results;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Deposits.DepositTestProblems;

namespace CriticalMinerals.Tests.Results;

/// <summary>The tidy rows of a deposit plan (the three-deposit instance of DepositModelTests).</summary>
public sealed class DepositExportTests
{
    [Fact]
    public void One_csv_row_per_deposit_and_year_with_the_years_demand_and_unmet_demand()
    {
        var result = DepositSolver.Solve(ThreeDeposits(), SolverBackends.Cbc, new SolveOptions { RelativeGap = 0, ComputeDuals = false });
        using var writer = new StringWriter();
        DepositExport.WriteCsv(result, writer);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        lines.Should().HaveCount(1 + (3 * 4));
        lines[0].Should().Be(string.Join(",", DepositExport.Columns));
        // B in 2024: opens, 8 kt/yr added, 8 kt of reserve; in 2025: 7 reserve + 11 demonstrated, 10 kt/yr added.
        Numbers(lines, "2,Deposit 2,AUS,2024,").Should().Equal([8, 0, 0, 8, 8, 8, 1, 1, 20, 0], (x, y) => Math.Abs(x - y) < 1e-6);
        Numbers(lines, "2,Deposit 2,AUS,2025,").Should().Equal([7, 11, 0, 18, 10, 18, 0, 1, 30, 0], (x, y) => Math.Abs(x - y) < 1e-6);
    }

    private static double[] Numbers(string[] lines, string prefix) =>
        lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Split(',')
            .Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Json_holds_the_stages_years_and_openings()
    {
        var result = DepositSolver.Solve(ThreeDeposits(), SolverBackends.Cbc, new SolveOptions { RelativeGap = 0 });
        using var stream = new MemoryStream();
        DepositExport.WriteJson(result, stream);
        using var json = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Contain(n => n.Equals("openings", StringComparison.OrdinalIgnoreCase));
        root.EnumerateObject().Single(p => p.Name.Equals("years", StringComparison.OrdinalIgnoreCase)).Value.GetArrayLength().Should().Be(4);
    }
}

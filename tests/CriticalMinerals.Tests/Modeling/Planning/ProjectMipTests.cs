using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;
using CriticalMinerals.Solving;
using static CriticalMinerals.Tests.Modeling.Planning.PlanTestProblems;

namespace CriticalMinerals.Tests.Modeling.Planning;

/// <summary>Lumpy projects (binary build, minimum size, lead time) on every MIP backend.</summary>
public sealed class ProjectMipTests
{
    public static TheoryData<string> MipBackends => new("SCIP", "CBC", "HiGHS");

    /// <summary>
    /// A mines and refines 10; demand 10 (2024), 25 (2030), 25 (2035), 5-year periods; no continuous build. Candidates decided
    /// in 2024: mining M (6-year lead → 2030, 10–20 kt); refining R1 (6-year lead → 2030, min 20, max 30); refining R2
    /// (11-year lead → 2035, 10–20). 2030 needs 15 more of each stage, so M is built at 15 and R1 at its minimum 20:
    /// no shortfall, cost 15 + 20 = 35, R2 not built.
    /// </summary>
    private static PlanningProblem Lumpy(params ProjectCandidate[] projects) => new()
    {
        Commodity = "test",
        Periods = Periods((2024, 5, 10), (2030, 5, 25), (2035, 5, 25)),
        Sites = [Site("A", true, 10, 10, 3)],
        Build = new BuildOptions { AllowContinuousBuild = false },
        // Without a stockpile: with one, shortfall could move from 2030 to 2024 (stocked, then released) at equal total.
        Stockpile = new StockpileOptions { Enabled = false },
        Projects = projects,
    };

    private static readonly ProjectCandidate M = new("A", SupplyStage.Mining, 2024, 10, 20, 6);
    private static readonly ProjectCandidate R1 = new("A", SupplyStage.Refining, 2024, 20, 30, 6);
    private static readonly ProjectCandidate R2 = new("A", SupplyStage.Refining, 2024, 10, 20, 11);

    [Theory]
    [MemberData(nameof(MipBackends))]
    public void Minimum_size_and_lead_time_choose_the_project(string backend)
    {
        var result = PlanSolver.Solve(PlanModel.Create(Lumpy(M, R1, R2)), SolverBackends.Get(backend));

        result.IsMixedInteger.Should().BeTrue();
        result.Status.Should().Be(SolveStatus.Optimal);
        result.TotalShortfallKt.Should().BeApproximately(0, 1e-6);
        result.Cost!.ObjectiveValue.Should().BeApproximately(35, 1e-6);
        var decisions = result.Projects.ToDictionary(d => d.Project.Name);
        decisions[M.Name].Built.Should().BeTrue();
        decisions[M.Name].SizeKt.Should().BeApproximately(15, 1e-6);
        decisions[M.Name].FirstOutputYear.Should().Be(2030);
        decisions[R1.Name].SizeKt.Should().BeApproximately(20, 1e-6, "the minimum size binds");
        decisions[R2.Name].Built.Should().BeFalse();
        decisions[R2.Name].FirstOutputYear.Should().Be(2035);
    }

    /// <summary>With only R2 for refining, the lead time leaves 2030 15 kt/yr short (75 kt); 2035 is covered.</summary>
    [Theory]
    [MemberData(nameof(MipBackends))]
    public void Lead_time_delays_output(string backend)
    {
        var result = PlanSolver.Solve(PlanModel.Create(Lumpy(M, R2)), SolverBackends.Get(backend));

        result.Period(2030).ShortfallKt.Should().BeApproximately(15, 1e-6);
        result.Period(2035).ShortfallKt.Should().BeApproximately(0, 1e-6);
        result.TotalShortfallKt.Should().BeApproximately(75, 1e-6);
    }

    /// <summary>SCIP and CBC prove a bound (gap 0 at the optimum); HiGHS proves none through OR-Tools, so it is null.</summary>
    [Theory]
    [InlineData("SCIP", true)]
    [InlineData("CBC", true)]
    [InlineData("HiGHS", false)]
    public void Bound_and_gap_are_reported_where_proven(string backend, bool proves)
    {
        var result = PlanSolver.Solve(PlanModel.Create(Lumpy(M, R1, R2)), SolverBackends.Get(backend));

        if (proves)
        {
            result.Cost!.BestBound.Should().BeApproximately(35, 1e-6);
            result.Cost.RelativeGap.Should().BeApproximately(0, 1e-6);
        }
        else
        {
            result.Cost!.BestBound.Should().BeNull();
            result.Cost.RelativeGap.Should().BeNull();
        }
    }

    [Fact]
    public void Cp_sat_refuses_the_plan_with_continuous_variables()
    {
        var result = PlanSolver.Solve(PlanModel.Create(Lumpy(M, R1)), SolverBackends.CpSat);
        result.Shortfall.Status.Should().Be(SolveStatus.NotSupported);
        result.HasSolution.Should().BeFalse();
    }

    [Fact]
    public void A_project_after_the_horizon_adds_nothing_and_is_noted()
    {
        var late = new ProjectCandidate("A", SupplyStage.Refining, 2030, 10, 20, 10);
        var plan = PlanModel.Create(Lumpy(M, late));
        plan.Projects.Single(p => p.Project == late).FirstPeriod.Should().BeNull();
        plan.Notes.Should().Contain(n => n.Contains(late.Name, StringComparison.Ordinal));
    }

    /// <summary>A time limit never loses a found plan: the result is optimal, or stopped with a plan, or stopped without one (and says so).</summary>
    [Fact]
    public void A_time_limit_returns_the_best_plan_found()
    {
        var options = SolveOptions.Default with { TimeLimit = TimeSpan.FromSeconds(5) };
        var result = PlanSolver.Solve(PlanModel.Create(Lumpy(M, R1, R2)), SolverBackends.Scip, options);
        result.Status.Should().BeOneOf(SolveStatus.Optimal, SolveStatus.StoppedWithSolution);
        result.HasSolution.Should().BeTrue();
    }
}

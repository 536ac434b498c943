using System.Diagnostics;
using CriticalMinerals.Modeling;
using CriticalMinerals.Solving;
using CriticalMinerals.Solving.Backends;
using CriticalMinerals.Tests.Reliability;

namespace CriticalMinerals.Tests.Solving;

/// <summary>
/// A time limit bounds the whole call: the backend's solve, the diagnosis of its status, a dual re-solve and the MIP
/// check all share one deadline. Asserted on the deadline arithmetic where possible; the one wall-clock case is generous.
/// </summary>
public sealed class TimeLimitTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Deadline_counts_down_from_the_start_of_the_call_and_never_goes_negative()
    {
        long now = 0;
        var deadline = Deadline.After(TimeSpan.FromSeconds(2), () => now);
        deadline.IsLimited.Should().BeTrue();
        deadline.Remaining.Should().Be(TimeSpan.FromSeconds(2));

        now += (long)(0.5 * Stopwatch.Frequency);
        deadline.Remaining!.Value.TotalSeconds.Should().BeApproximately(1.5, 1e-9);
        deadline.Expired.Should().BeFalse();

        now += 3 * Stopwatch.Frequency;
        deadline.Remaining.Should().Be(TimeSpan.Zero);
        deadline.Expired.Should().BeTrue();
        deadline.ForNativeSolve().Should().Be(TimeSpan.FromMilliseconds(1), "a native solver may read a zero limit as none");

        Deadline.None.Remaining.Should().BeNull();
        Deadline.None.Expired.Should().BeFalse();
        Deadline.None.ForNativeSolve().Should().BeNull();
        Deadline.After(null).IsLimited.Should().BeFalse();
    }

    [Fact]
    public void The_diagnosis_gets_what_is_left_of_the_limit_not_a_fresh_one()
    {
        // The backend spends 400 ms of a 3 s limit, then says INFEASIBLE of a feasible model: the check without the
        // objective (on the same backend) must get at most 2.6 s.
        var slow = new ScriptedBackend("slow", false, (m, _) =>
        {
            Thread.Sleep(400);
            return new RawResult(RawStatus.Infeasible, null, null, null, string.Empty);
        });

        var solution = slow.Solve(ConformanceModels.Diet(), new SolveOptions { TimeLimit = 3 * Second, ComputeDuals = false });

        slow.Remaining.Should().HaveCountGreaterThanOrEqualTo(2);
        slow.Remaining[0]!.Value.Should().BeLessThanOrEqualTo(3 * Second);
        slow.Remaining[1]!.Value.Should().BeLessThanOrEqualTo(slow.Remaining[0]!.Value - TimeSpan.FromMilliseconds(400));
        solution.Status.Should().Be(SolveStatus.Error, "GLOP finds the point the backend denied; " + solution.Message);
    }

    [Fact]
    public void Borrowed_duals_are_not_re_solved_after_the_deadline()
    {
        // A backend without correct duals answers Wyndor's optimum after its whole limit: no CLP re-solve starts.
        var slow = new ScriptedBackend("slow", false, (m, deadline) =>
        {
            Thread.Sleep(deadline.Remaining!.Value + TimeSpan.FromMilliseconds(10));
            return new RawResult(RawStatus.Optimal, [2, 6], null, null, string.Empty);
        });

        var solution = slow.Solve(ConformanceModels.Wyndor(), new SolveOptions { TimeLimit = TimeSpan.FromMilliseconds(200) });

        solution.Status.Should().Be(SolveStatus.Optimal);
        solution.Duals.Should().BeNull();
        solution.Message.Should().Contain("time limit ran out before a CLP re-solve");
    }

    [Fact]
    public void A_MIP_check_that_cannot_run_within_the_limit_leaves_a_stopped_solution()
    {
        var slow = new ScriptedBackend("slow", ScriptedBackend.Mip, (m, deadline) =>
        {
            Thread.Sleep(deadline.Remaining!.Value + TimeSpan.FromMilliseconds(10));
            return new RawResult(RawStatus.Optimal, [8, 0, 1, 0], null, null, string.Empty);
        });

        var solution = slow.Solve(ConformanceModels.FixedCharge(), new SolveOptions { TimeLimit = TimeSpan.FromMilliseconds(200) });

        solution.Status.Should().Be(SolveStatus.StoppedWithSolution, solution.Message);
        solution.StopReason.Should().Be(StopReason.TimeLimit);
        solution.ObjectiveValue.Should().Be(36);
    }

    /// <summary>Margin of the wall-clock case: the native solvers' own overrun of their limit plus the library's linear-time checks (docs/guarantees.md).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData("HiGHS")]
    [InlineData("SCIP")]
    public void A_long_infeasible_LP_returns_within_its_limit_diagnosis_included(string name)
    {
        // 202,500 variables, infeasible (supply 0.1 % short of demand). HiGHS proves it in about 3 s here, and its
        // diagnosis (the model without its objective, then GLOP's confirmation) took as long again without a deadline.
        var model = InfeasibleTransportation(450);
        var limit = TimeSpan.FromSeconds(4);
        var clock = Stopwatch.StartNew();

        var solution = SolverBackends.Get(name).Solve(model, new SolveOptions { TimeLimit = limit });

        clock.Elapsed.Should().BeLessThan(limit + Margin, solution.Message);
        solution.Status.Should().BeOneOf(SolveStatus.Infeasible, SolveStatus.StoppedWithoutSolution);
        if (solution.Status == SolveStatus.StoppedWithoutSolution)
        {
            solution.StopReason.Should().Be(StopReason.TimeLimit, solution.Message);
        }
    }

    private static LinearModel InfeasibleTransportation(int n)
    {
        var random = new Random(11);
        var m = new LinearModel("infeasible_transport", n * n, 2 * n, 2 * n * n);
        var demand = Enumerable.Range(0, n).Select(_ => 10 + (90 * random.NextDouble())).ToArray();
        double supplyEach = demand.Sum() * 0.999 / n;
        for (int k = 0; k < n * n; k++)
        {
            m.AddVariable(0, double.PositiveInfinity, 1 + (99 * random.NextDouble()));
        }

        for (int i = 0; i < n; i++)
        {
            int row = m.AddRow(double.NegativeInfinity, supplyEach);
            for (int j = 0; j < n; j++)
            {
                m.AddTerm(row, (i * n) + j, 1);
            }
        }

        for (int j = 0; j < n; j++)
        {
            int row = m.AddRow(demand[j], double.PositiveInfinity);
            for (int i = 0; i < n; i++)
            {
                m.AddTerm(row, (i * n) + j, 1);
            }
        }

        return m;
    }
}

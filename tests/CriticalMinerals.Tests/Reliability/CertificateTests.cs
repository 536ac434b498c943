using CriticalMinerals.Modeling;
using CriticalMinerals.Solving;
using CriticalMinerals.Solving.Backends;
using CriticalMinerals.Tests.Solving;

namespace CriticalMinerals.Tests.Reliability;

/// <summary>
/// Backends that lie, built on the real pipeline (<see cref="OrToolsBackend"/>) with a scripted native solve: the
/// library's checks must turn every wrong answer into an honest status, never pass it on as optimal.
/// </summary>
public sealed class CertificateTests
{
    private static readonly SolveOptions NoDuals = SolveOptions.Default with { ComputeDuals = false };

    private static bool HasObjective(LinearModel model)
    {
        foreach (double c in model.ObjectiveCoefficients)
        {
            if (c != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What CLP says, as a raw result, without duals.</summary>
    private static RawResult Honest(LinearModel model)
    {
        var s = SolverBackends.Clp.Solve(model, NoDuals);
        return s.Status switch
        {
            SolveStatus.Optimal => new RawResult(RawStatus.Optimal, [.. s.Values], null, null, string.Empty),
            SolveStatus.Infeasible => new RawResult(RawStatus.Infeasible, null, null, null, string.Empty),
            _ => new RawResult(RawStatus.Unbounded, null, null, null, string.Empty),
        };
    }

    [Fact]
    public void Optimal_with_an_infeasible_point_is_an_error()
    {
        // Wyndor: x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18. The point (4, 6) breaks the third row by 6.
        var liar = new ScriptedBackend("liar", false, _ => new RawResult(RawStatus.Optimal, [4, 6], null, null, string.Empty));

        var s = liar.Solve(ConformanceModels.Wyndor());

        s.Status.Should().Be(SolveStatus.Error);
        s.HasSolution.Should().BeFalse();
        s.Values.Should().BeEmpty();
        s.Check!.PrimalFeasible.Should().BeFalse();
        s.Check.MaxRowViolation.Should().BeApproximately(6.0 / 19, 1e-12, "(3·4 + 2·6 − 18) / (1 + 18)");
        s.Message.Should().Contain("not feasible");
    }

    [Fact]
    public void A_proven_infeasibility_stands_even_when_most_of_the_time_limit_went_by()
    {
        // The backend takes 60 ms of a 300 ms limit to prove infeasibility: that is a proof, not a stop (its own
        // check without the objective and GLOP's confirmation take the rest).
        var slow = new ScriptedBackend("slow", false, m =>
        {
            if (HasObjective(m))
            {
                Thread.Sleep(60);
            }

            return new RawResult(RawStatus.Infeasible, null, null, null, string.Empty);
        });

        var s = slow.Solve(ConformanceModels.Infeasible(), NoDuals with { TimeLimit = TimeSpan.FromMilliseconds(300) });

        s.Status.Should().Be(SolveStatus.Infeasible, s.Message);
        s.StopReason.Should().Be(StopReason.None);
    }

    [Fact]
    public void An_infeasibility_claim_that_cannot_be_confirmed_within_the_limit_is_a_stop_not_a_claim()
    {
        // The backend spends the whole limit: no time is left for the confirmation, so the library does not vouch for it.
        var slow = new ScriptedBackend("slow", false, (m, deadline) =>
        {
            Thread.Sleep(deadline.Remaining!.Value + TimeSpan.FromMilliseconds(20));
            return new RawResult(RawStatus.Infeasible, null, null, null, string.Empty);
        });

        var s = slow.Solve(ConformanceModels.Infeasible(), NoDuals with { TimeLimit = TimeSpan.FromMilliseconds(100) });

        s.Status.Should().Be(SolveStatus.StoppedWithoutSolution, s.Message);
        s.StopReason.Should().Be(StopReason.TimeLimit);
        s.Message.Should().Contain("time limit ran out");
        slow.Calls.Should().Be(1, "no check starts after the deadline");
    }

    [Fact]
    public void A_MIP_optimum_whose_continuous_part_a_checked_LP_beats_is_an_error()
    {
        // Fixed charge with both plants open (integers 1, 1) and all 8 units from the dearer plant: 24 + 35 = 59.
        // With the integers fixed there, the LP sends the 8 units from plant 1: 16 + 35 = 51, proven by CLP's duals.
        var lazy = new ScriptedBackend("lazy", ScriptedBackend.Mip, (_, _) => new RawResult(RawStatus.Optimal, [0, 8, 1, 1], null, null, string.Empty));

        var s = lazy.Solve(ConformanceModels.FixedCharge());

        s.Status.Should().Be(SolveStatus.Error);
        s.Message.Should().Contain("59").And.Contain("51").And.Contain("integer values fixed");
    }

    [Fact]
    public void A_MIP_optimum_whose_continuous_part_is_optimal_for_its_integers_stands()
    {
        // The true optimum: plant 1 open, 8 units from it, 36.
        var honest = new ScriptedBackend("honest", ScriptedBackend.Mip, (_, _) => new RawResult(RawStatus.Optimal, [8, 0, 1, 0], null, null, string.Empty));

        var s = honest.Solve(ConformanceModels.FixedCharge());

        s.Status.Should().Be(SolveStatus.Optimal, s.Message);
        s.ObjectiveValue.Should().Be(36);
    }

    [Fact]
    public void Optimal_with_a_feasible_but_suboptimal_point_is_an_error_when_duals_are_asked_for()
    {
        // Wyndor's optimum is 36 at (2, 6); (0, 6) is feasible and worth 30. CLP's checked pair proves 36.
        var lazy = new ScriptedBackend("lazy", false, _ => new RawResult(RawStatus.Optimal, [0, 6], null, null, string.Empty));

        var s = lazy.Solve(ConformanceModels.Wyndor());

        s.Status.Should().Be(SolveStatus.Error);
        s.Duals.Should().BeNull();
        s.Message.Should().Contain("proves the optimum is 36");

        lazy.Solve(ConformanceModels.Wyndor(), NoDuals).Status.Should().Be(SolveStatus.Optimal,
            "without duals nothing re-solves the model, so the claim cannot be refuted: the point is still checked feasible");
    }

    [Fact]
    public void Optimal_with_a_point_outside_its_bounds_or_not_a_number_is_an_error()
    {
        var outside = new ScriptedBackend("outside", false, _ => new RawResult(RawStatus.Optimal, [-1, 0], null, null, string.Empty));
        var s = outside.Solve(ConformanceModels.Wyndor());
        s.Status.Should().Be(SolveStatus.Error);
        s.Check!.MaxBoundViolation.Should().Be(1);

        var nan = new ScriptedBackend("nan", false, _ => new RawResult(RawStatus.Feasible, [double.NaN, 0], null, null, string.Empty));
        nan.Solve(ConformanceModels.Wyndor()).Status.Should().Be(SolveStatus.Error);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Wrong_duals_are_never_returned(bool claimsCorrectDuals)
    {
        // HiGHS through OR-Tools 9.15: a correct point, with row activities in place of duals.
        var model = ConformanceModels.Wyndor();
        var highsLike = new ScriptedBackend("highs-like", claimsCorrectDuals, m =>
        {
            var honest = Honest(m);
            return honest with { Duals = m.ComputeRowActivities(honest.Values!) };
        });

        var s = highsLike.Solve(model);

        s.Status.Should().Be(SolveStatus.Optimal);
        s.Values.Should().Equal(2, 6);
        s.DualsBackend.Should().Be("CLP", "the row activities (2, 12, 18) fail the dual check and CLP's duals replace them");
        s.Duals.Should().Equal(0, 1.5, 1);
        s.ReducedCosts.Should().Equal(0, 0);
        s.Check!.DualFeasible.Should().BeTrue();
    }

    [Fact]
    public void Infeasible_said_of_a_feasible_bounded_model_is_an_error_when_the_backend_is_honest_without_the_objective()
    {
        // Says INFEASIBLE to the real question only; the library's feasibility probe (objective removed) gets a point.
        var model = ConformanceModels.Wyndor();
        var liar = new ScriptedBackend("liar", false, m => HasObjective(m) ? new RawResult(RawStatus.Infeasible, null, null, null, string.Empty) : Honest(m));

        var s = liar.Solve(model);

        s.Status.Should().Be(SolveStatus.Error, s.Message);
        s.HasSolution.Should().BeFalse();
        s.Message.Should().Contain("no improving ray");
    }

    [Fact]
    public void Infeasible_said_of_a_feasible_bounded_model_is_an_error_even_when_the_backend_always_says_it()
    {
        // Found by this test: the probe asked the same backend, so a backend that says INFEASIBLE to everything was
        // believed. An independent backend (GLOP) now has to fail to find a feasible point too.
        var model = ConformanceModels.Wyndor();
        var liar = new ScriptedBackend("liar", false, _ => new RawResult(RawStatus.Infeasible, null, null, null, string.Empty));

        var s = liar.Solve(model);

        s.Status.Should().Be(SolveStatus.Error, s.Message);
        s.Message.Should().Contain("GLOP found a feasible point");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Infeasible_said_of_an_unbounded_model_is_unbounded(bool alsoWithoutObjective)
    {
        // max x + y, x − y ≤ 1, x, y ≥ 0: feasible (0, 0), improving ray (1, 1).
        var model = ConformanceModels.Unbounded();
        SolverBackends.Clp.Solve(model).Status.Should().Be(SolveStatus.Unbounded, "the model is unbounded in fact");
        var liar = new ScriptedBackend("liar", false, m => alsoWithoutObjective || HasObjective(m)
            ? new RawResult(RawStatus.Infeasible, null, null, null, string.Empty)
            : Honest(m));

        var s = liar.Solve(model);

        s.Status.Should().Be(SolveStatus.Unbounded, s.Message);
        s.Message.Should().Contain("improving ray");
    }

    [Fact]
    public void An_infeasible_model_stays_infeasible_when_the_backend_is_right()
    {
        var honest = new ScriptedBackend("honest", false, Honest);
        var s = honest.Solve(ConformanceModels.Infeasible());
        s.Status.Should().Be(SolveStatus.Infeasible, s.Message);
        honest.Calls.Should().Be(2, "the model, then the model without its objective");
    }

    [Fact]
    public void The_checker_agrees_with_an_independent_MathNet_residual_on_random_models_and_points()
    {
        // Residuals recomputed with MathNet's sparse matrix (a different code path from SparseRows) on 200 random
        // models and points, half of them feasible by construction.
        var random = new Random(20240611);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(1, 12);
            int rows = random.Next(0, 10);
            var model = new LinearModel("random");
            var x = new double[n];
            for (int j = 0; j < n; j++)
            {
                double lo = random.Next(3) == 0 ? double.NegativeInfinity : random.Next(-5, 5);
                double hi = random.Next(3) == 0 ? double.PositiveInfinity : (double.IsFinite(lo) ? lo : -5) + random.Next(0, 10);
                model.AddVariable(lo, hi, random.NextDouble());
                x[j] = (random.NextDouble() * 20) - 10;
            }

            var a = MathNet.Numerics.LinearAlgebra.Double.SparseMatrix.Create(Math.Max(rows, 1), n, 0.0);
            for (int i = 0; i < rows; i++)
            {
                int row = model.AddRow(double.NegativeInfinity, double.PositiveInfinity);
                for (int k = 0; k < 3; k++)
                {
                    int j = random.Next(n);
                    double v = random.Next(-4, 5);
                    model.AddTerm(row, j, v);
                    a[i, j] += v;
                }
            }

            var mx = a.Multiply(MathNet.Numerics.LinearAlgebra.Double.DenseVector.OfArray(x));
            bool makeFeasible = trial % 2 == 0;
            for (int i = 0; i < rows; i++)
            {
                double lo = makeFeasible ? mx[i] - random.Next(0, 3) : mx[i] + random.Next(-3, 3);
                double hi = makeFeasible ? mx[i] + random.Next(0, 3) : lo + random.Next(0, 4);
                model.SetRowBounds(i, lo, hi);
            }

            double expectedRow = 0;
            for (int i = 0; i < rows; i++)
            {
                double lo = model.RowLowerBounds[i], hi = model.RowUpperBounds[i], v = mx[i];
                expectedRow = Math.Max(expectedRow, v < lo ? (lo - v) / (1 + Math.Abs(lo)) : v > hi ? (v - hi) / (1 + Math.Abs(hi)) : 0);
            }

            double expectedBound = 0;
            for (int j = 0; j < n; j++)
            {
                double lo = model.VariableLowerBounds[j], hi = model.VariableUpperBounds[j], v = x[j];
                expectedBound = Math.Max(expectedBound, v < lo ? (lo - v) / (1 + Math.Abs(lo)) : v > hi ? (v - hi) / (1 + Math.Abs(hi)) : 0);
            }

            var check = SolutionChecker.CheckPrimal(model, x, model.ComputeRowActivities(x), 1e-6);
            check.MaxRowViolation.Should().BeApproximately(expectedRow, 1e-12, $"trial {trial}");
            check.MaxBoundViolation.Should().BeApproximately(expectedBound, 1e-12, $"trial {trial}");
            check.PrimalFeasible.Should().Be(expectedRow <= 1e-6 && expectedBound <= 1e-6, $"trial {trial}");
            if (makeFeasible)
            {
                expectedRow.Should().Be(0, "rows were built around A·x");
            }
        }
    }
}

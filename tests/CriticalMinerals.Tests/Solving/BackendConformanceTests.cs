using CriticalMinerals.Modeling;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Solving;

/// <summary>
/// One suite every backend must pass, in the spirit of MathOptInterface's <c>MOI.Test</c>. A backend that cannot
/// take a model class must refuse it (<see cref="SolveStatus.NotSupported"/>), and that refusal is asserted too,
/// so no case is skipped silently. Tolerances are the ones each backend declares in its capabilities.
/// </summary>
public sealed class BackendConformanceTests
{
    public static TheoryData<string> Backends => new(SolverBackends.All.Select(b => b.Name));

    public static TheoryData<string> LpBackends => new(SolverBackends.All.Where(b => b.Capabilities.ContinuousVariables).Select(b => b.Name));

    public static TheoryData<string> MipBackends => new(SolverBackends.All.Where(b => b.Capabilities.IntegerVariables).Select(b => b.Name));

    [Theory]
    [MemberData(nameof(Backends))]
    public void Every_backend_is_available_on_linux_x64(string name) =>
        SolverBackends.Get(name).IsAvailable.Should().BeTrue();

    [Theory]
    [MemberData(nameof(Backends))]
    public void Wyndor_optimum_duals_and_reduced_costs(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.Wyndor());
        if (RefusesContinuous(backend, solution))
        {
            return;
        }

        ExpectOptimal(backend, solution, 36, [2, 6]);
        ExpectDuals(backend, solution, [0, 1.5, 1], [0, 0]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Diet_minimum_with_a_priced_out_variable(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.Diet());
        if (RefusesContinuous(backend, solution))
        {
            return;
        }

        ExpectOptimal(backend, solution, 9, [3, 1, 0]);
        ExpectDuals(backend, solution, [1.5, 0.5], [0, 0, 8.5]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Degenerate_vertex_gives_some_valid_dual(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.Degenerate());
        if (RefusesContinuous(backend, solution))
        {
            return;
        }

        ExpectOptimal(backend, solution, 2, [1, 1]);
        solution.Duals.Should().NotBeNull(solution.Message);
        var y = solution.Duals!;
        double tol = Tolerance(backend);
        y.Should().OnlyContain(v => v >= -tol, "rows of a maximisation bound from above price non-negatively");
        (y[0] + y[2]).Should().BeApproximately(1, tol, "stationarity in x");
        (y[1] + y[2]).Should().BeApproximately(1, tol, "stationarity in y");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Equality_and_ranged_rows(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.EqualityAndRange());
        if (RefusesContinuous(backend, solution))
        {
            return;
        }

        ExpectOptimal(backend, solution, 3.5, [2.5, 0.5]);
        ExpectDuals(backend, solution, [1.5, -0.5], [0, 0]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Free_variables_and_objective_offset(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.FreeVariables());
        if (RefusesContinuous(backend, solution))
        {
            return;
        }

        ExpectOptimal(backend, solution, 13, [2, 1]);
        ExpectDuals(backend, solution, [1.0 / 3, 1.0 / 3], [0, 0]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Infeasible_model_is_reported_infeasible(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.Infeasible());
        if (RefusesContinuous(backend, solution))
        {
            return;
        }

        solution.Status.Should().Be(SolveStatus.Infeasible, solution.Message);
        solution.HasSolution.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Unbounded_model_is_reported_unbounded(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.Unbounded());
        if (RefusesContinuous(backend, solution))
        {
            return;
        }

        solution.Status.Should().Be(SolveStatus.Unbounded, solution.Message);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Empty_model_solves_to_its_offset(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.Empty());
        solution.Status.Should().Be(SolveStatus.Optimal, solution.Message);
        solution.ObjectiveValue.Should().Be(4.5);
        solution.Values.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Model_without_rows_goes_to_its_best_bound(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.NoRows());
        if (RefusesContinuous(backend, solution))
        {
            return;
        }

        ExpectOptimal(backend, solution, -10, [10]);
        ExpectDuals(backend, solution, [], [-1]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Model_without_rows_and_an_open_improving_side_is_unbounded(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.NoRowsUnbounded());
        if (RefusesContinuous(backend, solution))
        {
            return;
        }

        solution.Status.Should().Be(SolveStatus.Unbounded, solution.Message);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Rows_without_variables_are_checked_not_crashed_on(string name)
    {
        var backend = SolverBackends.Get(name);
        var feasible = backend.Solve(ConformanceModels.RowsWithoutVariables());
        feasible.Status.Should().Be(SolveStatus.Optimal, feasible.Message);
        feasible.ObjectiveValue.Should().Be(2);

        var infeasible = backend.Solve(ConformanceModels.RowsWithoutVariablesInfeasible());
        infeasible.Status.Should().Be(SolveStatus.Infeasible, infeasible.Message);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Rows_without_variables_in_a_session_are_not_crashed_on(string name)
    {
        using var session = SolverBackends.Get(name).CreateSession(ConformanceModels.RowsWithoutVariables());
        session.Solve().Status.Should().Be(SolveStatus.Optimal);
        session.SetRowBounds(0, 1, 2);
        session.Solve().Status.Should().Be(SolveStatus.Infeasible);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Integer_values_beyond_1e7_are_found_or_refused(string name)
    {
        var backend = SolverBackends.Get(name);
        foreach (double upper in new[] { double.PositiveInfinity, 1e9 })
        {
            var solution = backend.Solve(ConformanceModels.LargeIntegerValues(upper));
            if (!backend.Capabilities.IntegerVariables || backend.Capabilities.IntegerDataOnly)
            {
                solution.Status.Should().Be(SolveStatus.NotSupported, solution.Message);
                solution.Message.Should().NotBeNullOrEmpty();
                continue;
            }

            solution.Status.Should().Be(SolveStatus.Optimal, solution.Message);
            solution.ObjectiveValue.Should().BeApproximately(15_000_001, 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Badly_scaled_objective_is_solved_or_refused(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.TinyObjective());
        if (!backend.Capabilities.IntegerVariables || backend.Capabilities.IntegerDataOnly)
        {
            solution.Status.Should().Be(SolveStatus.NotSupported, solution.Message);
            solution.Message.Should().Contain(backend.Capabilities.IntegerDataOnly ? "objective" : "LPs only");
            return;
        }

        ExpectOptimal(backend, solution, 6.6e-6, [15, 6]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Fractional_row_coefficient_is_solved_or_refused(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.FractionalRow());
        if (!backend.Capabilities.IntegerVariables || backend.Capabilities.IntegerDataOnly)
        {
            solution.Status.Should().Be(SolveStatus.NotSupported, solution.Message);
            return;
        }

        // A wrong point is caught by the feasibility check (Error); a wrong optimum must never be claimed.
        solution.Status.Should().BeOneOf(SolveStatus.Optimal, SolveStatus.Error);
        if (solution.Status == SolveStatus.Optimal)
        {
            solution.ObjectiveValue.Should().BeApproximately(3, 1e-6, solution.Message);
        }
    }

    [Fact]
    public void CP_SAT_still_takes_pure_integer_models_over_integer_data()
    {
        SolverBackends.CpSat.Solve(ConformanceModels.Knapsack()).ObjectiveValue.Should().Be(23);
        SolverBackends.CpSat.Capabilities.IntegerDataOnly.Should().BeTrue();
        SolverBackends.All.Where(b => b != SolverBackends.CpSat).Should().OnlyContain(b => !b.Capabilities.IntegerDataOnly);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Sixteen_threads_on_one_session_throw_instead_of_crashing(string name)
    {
        var backend = SolverBackends.Get(name);
        var model = backend.Capabilities.ContinuousVariables ? ConformanceModels.Transportation(30, 30, seed: 5) : ConformanceModels.MarketSplit(3, 12, seed: 1);
        using var session = backend.CreateSession(model);
        using var start = new Barrier(16);
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<object>();
        var threads = Enumerable.Range(0, 16).Select(k => new Thread(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < 5; round++)
            {
                try
                {
                    if (k % 4 == 3)
                    {
                        session.SetVariableBounds(0, 0, 1);
                        outcomes.Add("changed");
                    }
                    else
                    {
                        outcomes.Add(session.Solve(new SolveOptions { TimeLimit = TimeSpan.FromSeconds(20) }));
                    }
                }
                catch (InvalidOperationException e)
                {
                    outcomes.Add(e);
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        outcomes.Should().HaveCount(80, string.Join("; ", outcomes.Select(o => o.ToString()).Distinct()));
        // Which calls get the session depends on the scheduler (under load every solve can collide with a change); none that
        // got it may fail. All() rather than OnlyContain(): the set may be empty.
        outcomes.OfType<InvalidOperationException>().All(e => e.Message.Contains("one caller at a time", StringComparison.Ordinal)).Should().BeTrue();
        outcomes.OfType<Solution>().All(s => s.Status != SolveStatus.Error).Should().BeTrue("no call that got the session failed");

        // Still usable once the threads are gone, and disposable.
        session.Solve().Status.Should().NotBe(SolveStatus.Error);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Knapsack_optimum(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.Knapsack());
        if (!backend.Capabilities.IntegerVariables)
        {
            solution.Status.Should().Be(SolveStatus.NotSupported);
            return;
        }

        ExpectOptimal(backend, solution, 23, [1, 1, 0, 0]);
        solution.Duals.Should().BeNull("a MIP has no duals");
        if (backend.Capabilities.ProvesBound)
        {
            solution.BestBound.Should().BeApproximately(23, 1e-6);
        }
        else
        {
            solution.BestBound.Should().BeNull("a bound the backend does not prove is not reported");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Fixed_charge_optimum_or_refusal(string name)
    {
        var backend = SolverBackends.Get(name);
        var solution = backend.Solve(ConformanceModels.FixedCharge());
        if (!backend.Capabilities.IntegerVariables || !backend.Capabilities.ContinuousVariables)
        {
            // CP-SAT must refuse: measured through OR-Tools 9.15 it reports OPTIMAL at a wrong value on such models.
            solution.Status.Should().Be(SolveStatus.NotSupported);
            solution.Message.Should().NotBeNullOrEmpty();
            return;
        }

        ExpectOptimal(backend, solution, 36, [8, 0, 1, 0]);
    }

    [Theory]
    [MemberData(nameof(LpBackends))]
    public void Random_10000_variable_LP_agrees_with_CLP_to_1e6_relative(string name)
    {
        var model = ConformanceModels.Transportation(100, 100, seed: 7);
        var reference = SolverBackends.Clp.Solve(model, new SolveOptions { ComputeDuals = false });
        reference.Status.Should().Be(SolveStatus.Optimal, reference.Message);

        var solution = SolverBackends.Get(name).Solve(model, new SolveOptions { ComputeDuals = false });
        solution.Status.Should().Be(SolveStatus.Optimal, solution.Message);
        double relative = Math.Abs(solution.ObjectiveValue!.Value - reference.ObjectiveValue!.Value) / Math.Abs(reference.ObjectiveValue.Value);
        relative.Should().BeLessThan(1e-6);
        solution.Check!.PrimalFeasible.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(MipBackends))]
    public void Time_limit_stops_a_hard_MIP(string name)
    {
        var backend = SolverBackends.Get(name);
        var model = ConformanceModels.MarketSplit(rows: 6, columns: 50, seed: 3);
        var solution = backend.Solve(model, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(1) });

        solution.Status.Should().BeOneOf(SolveStatus.StoppedWithSolution, SolveStatus.StoppedWithoutSolution);
        solution.StopReason.Should().Be(StopReason.TimeLimit, solution.Message);
        if (solution.HasSolution)
        {
            solution.Check!.PrimalFeasible.Should().BeTrue("a solution returned at the limit is still checked");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Cancelled_token_stops_before_solving(string name)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var solution = SolverBackends.Get(name).Solve(ConformanceModels.Knapsack(), cancellationToken: cancelled.Token);

        solution.Status.Should().BeOneOf(SolveStatus.StoppedWithoutSolution, SolveStatus.NotSupported);
        if (solution.Status == SolveStatus.StoppedWithoutSolution)
        {
            solution.StopReason.Should().Be(StopReason.Cancelled);
        }
    }

    [Theory]
    [MemberData(nameof(MipBackends))]
    public void Cancellation_stops_a_running_MIP_on_every_backend(string name)
    {
        var backend = SolverBackends.Get(name);
        var model = ConformanceModels.MarketSplit(rows: 6, columns: 50, seed: 3);
        using var cancellation = CancelOnOwnThread.After(TimeSpan.FromMilliseconds(300));

        // Every backend returns on the cancellation, long before its limit: an interruptible one with its incumbent, the
        // others (CBC, HiGHS) at once, their native solve left to end in the background.
        // The limit bounds what an abandoned native solve burns in the background of the test run.
        var solution = backend.Solve(model, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(10) }, cancellation.Token);

        solution.Status.Should().BeOneOf(SolveStatus.StoppedWithSolution, SolveStatus.StoppedWithoutSolution);
        solution.StopReason.Should().Be(StopReason.Cancelled, solution.Message);
        solution.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the cancellation came 9.7 s before the limit");
        if (solution.HasSolution)
        {
            solution.Check!.PrimalFeasible.Should().BeTrue("an incumbent returned on cancellation is still checked");
        }
    }

    public static TheoryData<string> LpOnlyBackends =>
        new(SolverBackends.All.Where(b => b.Capabilities.ContinuousVariables && !b.Capabilities.IntegerVariables).Select(b => b.Name));

    [Theory]
    [MemberData(nameof(LpOnlyBackends))]
    public void Cancellation_stops_a_running_LP_on_every_backend(string name)
    {
        // 490,000 variables: CLP needs over a second, GLOP and PDLP far longer.
        var model = ConformanceModels.Transportation(700, 700, seed: 11);
        using var cancellation = CancelOnOwnThread.After(TimeSpan.FromMilliseconds(200));
        var solution = SolverBackends.Get(name).Solve(model, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(10) }, cancellation.Token);

        solution.StopReason.Should().Be(StopReason.Cancelled, solution.Message);
        solution.Status.Should().BeOneOf(SolveStatus.StoppedWithSolution, SolveStatus.StoppedWithoutSolution);
        solution.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the cancellation came 9.8 s before the limit");
    }

    [Fact]
    public void A_cancelled_CLP_session_solves_again_afterwards()
    {
        using var session = SolverBackends.Clp.CreateSession(ConformanceModels.Transportation(700, 700, seed: 11));
        using (var cancellation = CancelOnOwnThread.After(TimeSpan.FromMilliseconds(200)))
        {
            session.Solve(cancellationToken: cancellation.Token).StopReason.Should().Be(StopReason.Cancelled);
        }

        session.SetRowBounds(0, double.NegativeInfinity, 1e9);
        var again = session.Solve(new SolveOptions { ComputeDuals = false });
        again.Status.Should().Be(SolveStatus.Optimal, again.Message);
        again.Check!.PrimalFeasible.Should().BeTrue();
    }

    [Fact]
    public void HiGHS_and_SCIP_duals_are_borrowed_from_a_backend_whose_duals_are_correct()
    {
        foreach (var backend in new[] { SolverBackends.Highs, SolverBackends.Scip, SolverBackends.Pdlp })
        {
            var solution = backend.Solve(ConformanceModels.Wyndor());
            solution.DualsBackend.Should().BeOneOf("CLP", "GLOP");
            solution.Duals.Should().Equal([0, 1.5, 1], (a, b) => Math.Abs(a - b) < 1e-7);
        }
    }

    [Fact]
    public void Duals_can_be_turned_off()
    {
        var solution = SolverBackends.Glop.Solve(ConformanceModels.Wyndor(), new SolveOptions { ComputeDuals = false });
        solution.Status.Should().Be(SolveStatus.Optimal);
        solution.Duals.Should().BeNull();
        solution.ReducedCosts.Should().BeNull();
    }

    [Fact]
    public void Automatic_choice_picks_a_simplex_for_LPs_and_a_bound_proving_MIP_solver()
    {
        SolverBackends.Choose(ConformanceModels.Wyndor()).Capabilities.CorrectDuals.Should().BeTrue();
        SolverBackends.Choose(ConformanceModels.FixedCharge()).Capabilities.ProvesBound.Should().BeTrue();
        SolverBackends.Solve(ConformanceModels.FixedCharge()).ObjectiveValue.Should().BeApproximately(36, 1e-6);
    }

    [Fact]
    public void Unknown_backend_name_lists_the_known_ones()
    {
        var act = () => SolverBackends.Get("gurobi");
        act.Should().Throw<ArgumentException>().WithMessage("*gurobi*CLP*HiGHS*");
    }

    private static double Tolerance(ISolverBackend backend) => Math.Max(1e-7, backend.Capabilities.ObjectiveTolerance * 10);

    private static bool RefusesContinuous(ISolverBackend backend, Solution solution)
    {
        if (backend.Capabilities.ContinuousVariables)
        {
            return false;
        }

        solution.Status.Should().Be(SolveStatus.NotSupported, "{0} cannot solve continuous models correctly", backend.Name);
        solution.Message.Should().Contain("continuous");
        return true;
    }

    private static void ExpectOptimal(ISolverBackend backend, Solution solution, double objective, double[] values)
    {
        double tol = Tolerance(backend);
        solution.Status.Should().Be(SolveStatus.Optimal, solution.Message);
        solution.Backend.Should().Be(backend.Name);
        solution.ObjectiveValue.Should().BeApproximately(objective, tol * (1 + Math.Abs(objective)));
        solution.Values.Should().Equal(values, (a, b) => Math.Abs(a - b) <= tol * 10 * (1 + Math.Abs(b)));
        solution.Check!.PrimalFeasible.Should().BeTrue();
    }

    private static void ExpectDuals(ISolverBackend backend, Solution solution, double[] duals, double[] reducedCosts)
    {
        double tol = Tolerance(backend) * 10;
        solution.Duals.Should().NotBeNull(solution.Message);
        solution.Duals.Should().Equal(duals, (a, b) => Math.Abs(a - b) <= tol);
        solution.ReducedCosts.Should().Equal(reducedCosts, (a, b) => Math.Abs(a - b) <= tol);
        solution.Check!.DualFeasible.Should().BeTrue();
        if (!backend.Capabilities.CorrectDuals)
        {
            solution.DualsBackend.Should().NotBe(backend.Name, "{0}'s own duals are wrong through OR-Tools", backend.Name);
        }
    }
}

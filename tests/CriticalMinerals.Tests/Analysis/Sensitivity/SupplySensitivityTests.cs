using CriticalMinerals.Analysis.Sensitivity;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Analysis.Sensitivity;

/// <summary>Sensitivity on a network small enough to solve by hand.</summary>
public sealed class SupplySensitivityTests
{
    /// <summary>
    /// Member mines AAA 60 and BBB 20, a non-member mine CCC 50; member refineries AAA 70 and DDD 20; demand 100,
    /// coalition-only, no scrap feed. Members mine 80 and can refine 90, so mining binds: shortfall = 100 − 80 = 20.
    /// </summary>
    private static SupplyNetwork Tiny() => new(
        "lithium",
        2030,
        100,
        [new StageCapacity("AAA", 60, true), new StageCapacity("BBB", 20, true), new StageCapacity("CCC", 50, false)],
        [new StageCapacity("AAA", 70, true), new StageCapacity("DDD", 20, true)],
        0,
        0,
        0,
        SourcingRules.CoalitionOnly);

    private static readonly SupplySensitivity Sensitivity = new();

    [Fact]
    public void Shadow_prices_and_ranges_match_the_hand_solution()
    {
        var report = Sensitivity.Analyze(Tiny());

        report.ShortfallKt.Should().BeApproximately(20, 1e-9);
        var demand = report.ShadowPrices.Single(p => p.Name == "demand[coalition]");
        demand.Dual.Should().BeApproximately(1, 1e-9, "each extra kt of demand is a kt short");
        demand.Binding.Should().BeTrue();
        demand.Description.Should().Contain("demand");

        // Demand can fall to 80 (what members mine) before the shortfall stops moving with it; no upper limit.
        var demandRange = report.Ranges.Single(r => r.Name == "demand[coalition]");
        demandRange.LowerLimit.Should().BeApproximately(80, 1e-4);
        demandRange.UpperLimit.Should().Be(double.PositiveInfinity);

        // One more kt of AAA mining avoids a kt of shortfall until mining reaches refining: 60 + 20 → 90, so up to 70; down to 0.
        var mineAaa = report.Ranges.Single(r => r.Name == "mine[AAA]");
        mineAaa.Side.Should().Be(RangedSide.VariableUpperBound);
        mineAaa.Dual.Should().BeApproximately(-1, 1e-9);
        mineAaa.Value.Should().Be(60);
        mineAaa.LowerLimit.Should().BeApproximately(0, 1e-4);
        mineAaa.UpperLimit.Should().BeApproximately(70, 1e-4);
        report.ReducedCosts.Single(c => c.Name == "mine[AAA]").Description.Should().Be("mined output in AAA, up to its mining capacity (kt)");

        // Allowing 1 kt of non-member ore (CCC) avoids 1 kt of shortfall, up to the 10 kt of spare refining.
        var rule = report.Ranges.Single(r => r.Name == "intake[coalition,ore]");
        rule.Dual.Should().BeApproximately(-1, 1e-9);
        rule.UpperLimit.Should().BeApproximately(10, 1e-4);
        rule.LowerLimit.Should().BeApproximately(0, 1e-4, "below 0 the rule cannot be met");
    }

    [Fact]
    public void Re_solving_just_inside_each_limit_keeps_the_dual_and_just_outside_changes_it()
    {
        var network = Tiny();
        var report = Sensitivity.Analyze(network);
        var model = SupplyModel.Create(network).Model;
        int checkedLimits = 0;

        foreach (var range in report.Ranges)
        {
            foreach (var (limit, direction) in new[] { (range.LowerLimit, -1), (range.UpperLimit, +1) })
            {
                if (!double.IsFinite(limit))
                {
                    continue;
                }

                double delta = 1e-3 * (1 + Math.Abs(range.Value));
                double inside = limit - (direction * Math.Min(delta, Math.Abs(limit - range.Value) / 2));
                double outside = limit + (direction * delta);
                var (insideStatus, insideDual) = SolveAt(model, range, inside);
                insideStatus.Should().Be(SolveStatus.Optimal);
                insideDual.Should().BeApproximately(range.Dual, 1e-7, $"{range.Name} at {inside} is inside [{range.LowerLimit}, {range.UpperLimit}]");

                var (outsideStatus, outsideDual) = SolveAt(model, range, outside);
                if (outsideStatus == SolveStatus.Optimal)
                {
                    Math.Abs(outsideDual - range.Dual).Should().BeGreaterThan(1e-6, $"{range.Name} at {outside} is outside [{range.LowerLimit}, {range.UpperLimit}]");
                }

                checkedLimits++;
            }
        }

        checkedLimits.Should().BeGreaterThan(5);
    }

    private static (SolveStatus Status, double Dual) SolveAt(CriticalMinerals.Modeling.LinearModel original, RhsRange range, double b)
    {
        var model = original.Clone();
        if (range.Side == RangedSide.Row)
        {
            double lo = model.RowLowerBounds[range.Index], hi = model.RowUpperBounds[range.Index];
            if (lo == hi)
            {
                model.SetRowBounds(range.Index, b, b);
            }
            else if (range.Value == hi)
            {
                if (b < lo)
                {
                    return (SolveStatus.Infeasible, double.NaN);
                }

                model.SetRowBounds(range.Index, lo, b);
            }
            else
            {
                model.SetRowBounds(range.Index, b, hi);
            }
        }
        else
        {
            if (b < model.VariableLowerBounds[range.Index])
            {
                return (SolveStatus.Infeasible, double.NaN);
            }

            model.SetVariableBounds(range.Index, model.VariableLowerBounds[range.Index], b);
        }

        var solution = SolverBackends.Clp.Solve(model);
        if (solution.Status != SolveStatus.Optimal)
        {
            return (solution.Status, double.NaN);
        }

        return (solution.Status, range.Side == RangedSide.Row ? solution.Duals![range.Index] : solution.ReducedCosts![range.Index]);
    }

    [Fact]
    public void The_tornado_is_sorted_by_hand_computed_swings()
    {
        var result = Sensitivity.Tornado(Tiny(),
        [
            new TornadoInput(new RecyclingShare(), 0, 0.05),
            new TornadoInput(new CapacityMultiplier(SupplyStage.Refining), 0.8, 1.2),
            new TornadoInput(new DemandMultiplier(), 0.9, 1.1),
            new TornadoInput(new CapacityMultiplier(SupplyStage.Mining, "AAA"), 0.5, 1.5),
        ]);

        // Mining AAA 30/90: members mine 50 (short 50) or 110 capped by refining 90 (short 10): swing 40.
        // Demand 90/110: short 10/30: swing 20. Refining ×0.8 = 72 < 80 mined: short 28; ×1.2: short 20: swing 8.
        // Recycling 0/5 kt: short 20/15: swing 5.
        result.BaseShortfallKt.Should().BeApproximately(20, 1e-9);
        result.Bars.Select(b => b.Parameter.Name).Should().Equal(
            "capacity_multiplier[mining,AAA]", "demand_multiplier", "capacity_multiplier[refining,*]", "recycling_share");
        result.Bars.Select(b => b.SwingKt).Should().Equal([40, 20, 8, 5], (a, b) => Math.Abs(a - b) < 1e-7);
        result.Bars[0].ShortfallAtLowKt.Should().BeApproximately(50, 1e-7);
        result.Bars[0].ShortfallAtHighKt.Should().BeApproximately(10, 1e-7);
        result.Bars[2].ShortfallAtLowKt.Should().BeApproximately(28, 1e-7);
    }

    [Fact]
    public void A_parametric_curve_of_coverage_against_recycling()
    {
        var curve = Sensitivity.Parametric(Tiny(), new RecyclingShare(), [0, 0.1, 0.2, 0.3]);

        // Recycling r·100 kt fills the 20 kt gap: shortfall max(0, 20 − 100r).
        curve.Points.Select(p => p.ShortfallKt).Should().Equal([20, 10, 0, 0], (a, b) => Math.Abs(a - b) < 1e-7);
        curve.Points.Select(p => p.Coverage).Should().Equal([0.8, 0.9, 1, 1], (a, b) => Math.Abs(a - b) < 1e-9);
        curve.Points.Should().OnlyContain(p => p.Status == SolveStatus.Optimal);
    }

    [Fact]
    public void Rows_and_variables_are_named_in_domain_words()
    {
        SupplySensitivity.DescribeRow("mine_balance[AUS]").Should().Be("ore shipped from mines in AUS = their output (kt)");
        SupplySensitivity.DescribeRow("intake[coalition,refined]").Should().Be("non-members' refined output ≤ the allowed share of demand (kt)");
        SupplySensitivity.DescribeRow("refinery_balance[CHL]").Should().Contain("refined output in CHL");
        SupplySensitivity.DescribeVariable("ore[AUS,CHN]").Should().Be("ore from mines in AUS to refineries in CHN (kt)");
        SupplySensitivity.DescribeVariable("refined[CHL]").Should().Contain("refining capacity");
    }
}

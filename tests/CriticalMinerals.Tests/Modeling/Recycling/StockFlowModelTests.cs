using CriticalMinerals.Modeling.Recycling;

namespace CriticalMinerals.Tests.Modeling.Recycling;

/// <summary>One product, series computed by hand; mass conservation over random inputs; capacity binding and not.</summary>
public sealed class StockFlowModelTests
{
    private static StockFlowInput Input(YearAmount[] inflows, LifetimeDistribution lifetime, double collection, double recovery, int first, int last, int delay = 0, YearAmount[]? capacity = null) =>
        new(inflows, lifetime, RateSchedule.Constant(collection), RateSchedule.Constant(recovery), first, last, delay, capacity);

    [Fact]
    public void Fixed_lifetime_retires_each_cohort_whole_at_its_age_and_recycles_a_year_later()
    {
        // 10, 20, 30, 40 put into use 2020-2023; every unit lasts 2 years; half is collected, 80 % of it recovered, 1 year later.
        var rows = StockFlowModel.Run(Input(
            [new(2020, 10), new(2021, 20), new(2022, 30), new(2023, 40)], new FixedLifetime(2), 0.5, 0.8, 2020, 2026, delay: 1));

        rows.Select(r => r.Year).Should().Equal(2020, 2021, 2022, 2023, 2024, 2025, 2026);
        rows.Select(r => r.Retired).Should().Equal(0, 0, 10, 20, 30, 40, 0);           // cohort y retires in y+2
        rows.Select(r => r.StockInUse).Should().Equal(10, 30, 50, 70, 40, 0, 0);       // the last two cohorts
        rows.Select(r => r.Collected).Should().Equal(0, 0, 5, 10, 15, 20, 0);          // half
        rows.Select(r => r.Recycled).Should().Equal(0, 0, 0, 4, 8, 12, 16);            // 0.8 x collected, one year later
        rows.Select(r => r.PrimaryDemand).Should().Equal(10, 20, 30, 36, 0, 0, 0);     // inflow - recycled, floored at 0
        rows.Select(r => r.RecycledSurplus).Should().Equal(0, 0, 0, 0, 8, 12, 16);
        rows.Select(r => r.Backlog).Should().OnlyContain(b => b == 0);
    }

    [Fact]
    public void Weibull_lifetime_retires_by_the_difference_of_survival_shares()
    {
        // Shape 2, scale 2 years: S(a) = exp(-(a/2)^2) = 1, e^-0.25, e^-1, e^-2.25, e^-4 ...
        var rows = StockFlowModel.Run(Input([new(2020, 100)], new WeibullLifetime(2, 2), 1, 1, 2020, 2024));

        double[] s = [1, Math.Exp(-0.25), Math.Exp(-1), Math.Exp(-2.25), Math.Exp(-4)];
        for (int a = 0; a < 5; a++)
        {
            rows[a].StockInUse.Should().BeApproximately(100 * s[a], 1e-9);
            rows[a].Retired.Should().BeApproximately(a == 0 ? 0 : 100 * (s[a - 1] - s[a]), 1e-9);
            rows[a].Recycled.Should().BeApproximately(rows[a].Retired, 1e-12);
        }

        rows[1].Retired.Should().BeApproximately(22.120, 1e-3);   // 100 (1 - e^-0.25)
        rows[2].Retired.Should().BeApproximately(41.092, 1e-3);   // 100 (e^-0.25 - e^-1)
    }

    [Fact]
    public void Busch_logistic_lifetime_is_half_gone_at_its_mean_and_gone_after_the_cut()
    {
        var lifetime = LifetimeDistribution.BuschCarBattery;
        double scale = 4 * Math.Sqrt(3) / Math.PI;
        double upper0 = 1 / (1 + Math.Exp(-15 / scale));
        lifetime.SurvivalAt(15).Should().BeApproximately(0.5 / upper0, 1e-12);   // 0.50056: F(0) is not quite 0
        lifetime.SurvivalAt(30).Should().BeGreaterThan(0);
        lifetime.SurvivalAt(31).Should().Be(0);
        lifetime.RetirementShares().Sum().Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Survival_curve_names_every_problem()
    {
        var curve = new SurvivalCurveLifetime([0.9, 1.2, 0.5, 0.7]);
        var problems = curve.Problems();
        problems.Should().HaveCount(3);
        problems[0].Should().Contain("Age 0").And.Contain("expected 1");
        problems[1].Should().Contain("Age 1").And.Contain("[0, 1]");
        problems[2].Should().Contain("Age 3").And.Contain("never rises");
        FluentActions.Invoking(() => curve.SurvivalAt(2)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Survival_curve_given_year_by_year_is_used_as_given()
    {
        var rows = StockFlowModel.Run(Input([new(2000, 50)], new SurvivalCurveLifetime([1, 0.6, 0.2]), 1, 0.5, 2000, 2003));
        rows.Select(r => r.Retired).Should().Equal(0, 20, 20, 10);
        rows.Select(r => r.Recycled).Should().Equal(0, 10, 10, 5);
    }

    [Fact]
    public void Capacity_that_binds_keeps_a_backlog_processed_first_when_capacity_frees()
    {
        // Fixed lifetime 1: 10, 20, 0, 0 retire in 2001-2004; capacity 12, 12, 12, 12.
        YearAmount[] cap = [new(2001, 12), new(2002, 12), new(2003, 12), new(2004, 12)];
        var rows = StockFlowModel.Run(Input([new(2000, 10), new(2001, 20)], new FixedLifetime(1), 1, 1, 2001, 2004, capacity: cap));

        rows.Select(r => r.Collected).Should().Equal(10, 20, 0, 0);
        rows.Select(r => r.Processed).Should().Equal(10, 12, 8, 0);
        rows.Select(r => r.Backlog).Should().Equal(0, 8, 0, 0);
        rows.Select(r => r.Recycled).Should().Equal(10, 12, 8, 0);
    }

    [Fact]
    public void Capacity_that_does_not_bind_changes_nothing()
    {
        var inflows = new YearAmount[] { new(2000, 10), new(2001, 20), new(2002, 5) };
        var free = StockFlowModel.Run(Input(inflows, new WeibullLifetime(1.5, 3), 0.7, 0.9, 2000, 2010, 1));
        var capped = StockFlowModel.Run(Input(inflows, new WeibullLifetime(1.5, 3), 0.7, 0.9, 2000, 2010, 1,
            Enumerable.Range(2000, 11).Select(y => new YearAmount(y, 1000)).ToArray()));
        capped.Should().BeEquivalentTo(free);
        capped.Select(r => r.Backlog).Should().OnlyContain(b => b == 0);
        capped.Sum(r => r.Recycled).Should().BeGreaterThan(0);
    }

    [Fact]
    public void Mass_is_conserved_for_random_inflows_lifetimes_and_capacities()
    {
        var random = new Random(15);
        for (int trial = 0; trial < 300; trial++)
        {
            int first = 2000 + random.Next(5);
            int last = first + 5 + random.Next(40);
            var inflows = Enumerable.Range(first - random.Next(10), last - first + 10).Where(_ => random.NextDouble() < 0.8)
                .Select(y => new YearAmount(y, random.NextDouble() * 100)).ToArray();
            LifetimeDistribution lifetime = random.Next(4) switch
            {
                0 => new FixedLifetime(1 + random.Next(30)),
                1 => new WeibullLifetime(0.5 + (random.NextDouble() * 4), 1 + (random.NextDouble() * 20)),
                2 => new LogisticLifetime(random.NextDouble() * 20, 0.5 + (random.NextDouble() * 6), 1 + random.Next(40)),
                _ => new SurvivalCurveLifetime(Curve(random)),
            };
            var capacity = random.NextDouble() < 0.5 ? null : Enumerable.Range(first - 10, 60).Select(y => new YearAmount(y, random.NextDouble() * 30)).ToArray();
            var rows = StockFlowModel.Run(Input(inflows, lifetime, random.NextDouble(), random.NextDouble(), first, last, random.Next(3), capacity));

            rows.Should().HaveCount(last - first + 1);
            var history = StockFlowModel.Retirements(inflows, lifetime, first - 1, first - 1).Stock;
            double stockBefore = history.Count > 0 ? history[^1] : 0;
            double? backlogBefore = null; // the backlog of history years before the first row is not reported
            foreach (var row in rows)
            {
                (row.StockInUse - stockBefore).Should().BeApproximately(row.Inflow - row.Retired, 1e-7, "stock change = inflow - outflow ({0}, {1})", lifetime, row.Year);
                (row.Backlog - (backlogBefore ?? row.Backlog - row.Collected + row.Processed)).Should().BeApproximately(row.Collected - row.Processed, 1e-7);
                row.Collected.Should().BeLessThanOrEqualTo(row.Retired + 1e-9);
                if (capacity is not null)
                {
                    row.Processed.Should().BeLessThanOrEqualTo(capacity.Single(c => c.Year == row.Year).Amount + 1e-9);
                }

                stockBefore = row.StockInUse;
                backlogBefore = row.Backlog;
            }
        }
    }

    [Fact]
    public void Bad_input_is_refused_with_every_problem_named()
    {
        var act = () => StockFlowModel.Run(Input([new(2000, -1), new(2001, double.NaN)], new FixedLifetime(2), 1, 1, 2005, 2001, -1));
        act.Should().Throw<ArgumentException>()
            .WithMessage("*inflow 2000: -1*").WithMessage("*inflow 2001: NaN*").WithMessage("*last year 2001 before first year 2005*").WithMessage("*delay -1*");
    }

    [Fact]
    public void Rate_schedule_interpolates_and_holds_its_ends()
    {
        var eu = RecoveryRates.EuTargetPath(BatteryMinerals.Lithium);
        // Busch et al.: 0.5/7*(y-2021) until 2028, then 0.5 + 0.3/5*(y-2027) until 2032, then 0.8.
        eu.At(2020).Should().Be(0);
        eu.At(2025).Should().BeApproximately(0.5 / 7 * 4, 1e-12);
        eu.At(2028).Should().BeApproximately(0.5, 1e-12);
        eu.At(2029).Should().BeApproximately(0.62, 1e-12);
        eu.At(2031).Should().BeApproximately(0.74, 1e-12);
        eu.At(2040).Should().Be(0.8);
        FluentActions.Invoking(() => RateSchedule.Create([(2030, 1.5), (2020, 0.1)], "test")).Should().Throw<ArgumentException>()
            .WithMessage("*share 1.5*").WithMessage("*year 2020 not after 2030*");
    }

    private static double[] Curve(Random random)
    {
        var curve = new double[1 + random.Next(25)];
        curve[0] = 1;
        for (int i = 1; i < curve.Length; i++)
        {
            curve[i] = curve[i - 1] * random.NextDouble();
        }

        return curve;
    }
}

using CriticalMinerals.Data;
using CriticalMinerals.Modeling;
using CriticalMinerals.Modeling.World;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Tests.Modeling.World;

/// <summary>The multi-period world model: mass balance at every node in every period, and the one-period model as its special case.</summary>
public sealed class WorldPlanModelTests
{
    private const double Tolerance = 1e-6;

    private static IReadOnlyList<double> SolveShortfallFirst(WorldPlanModel world)
    {
        var model = world.Model;
        var n = world.Network;
        for (int v = 0; v < model.VariableCount; v++)
        {
            model.SetObjectiveCoefficient(v, world.CostCoefficients[v]);
        }

        for (int t = 0; t < n.Periods.Count; t++)
        {
            foreach (var b in n.Blocs)
            {
                model.SetObjectiveCoefficient(world.Shortfall(b.Name, t), 1000 * n.Periods[t].LengthYears * b.Weight);
            }
        }

        var solution = SolverBackends.Clp.Solve(model);
        solution.Status.Should().Be(SolveStatus.Optimal);
        return solution.Values;
    }

    /// <summary>
    /// Random small worlds over 2–4 periods with build (growth limits, start allowances, lead times), extraction limits, stocks,
    /// lagged recycling, scrap feed and trade caps: at every node and period ore in = ore out, refined = ore received + scrap ≤
    /// capacity + build, scrap ≤ σ·(capacity + build), shipped = refined; every demand row closes; stocks and extraction balance.
    /// </summary>
    [Fact]
    public void Mass_balances_at_every_node_and_period()
    {
        for (int seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            int periods = random.Next(2, 5);
            var years = new List<int> { 2024 };
            for (int t = 1; t < periods; t++)
            {
                years.Add(years[^1] + random.Next(1, 6));
            }

            var worldPeriods = years.Select((y, t) => new WorldPeriod(y, t + 1 < periods ? years[t + 1] - y : 5)).ToArray();
            double[] Path() => Enumerable.Range(0, periods).Select(_ => random.Next(0, 3) == 0 ? 0.0 : random.Next(1, 40)).ToArray();
            CapacityBuild? Build() => random.Next(0, 2) == 0 ? null : new CapacityBuild(random.Next(1, periods))
            {
                MaxGrowthRatePerYear = random.Next(0, 2) == 0 ? null : random.NextDouble() * 0.3,
                StartKtPerYear = random.Next(0, 3),
                CapitalCostPerKt = 1,
            };
            int siteCount = random.Next(2, 6);
            var sites = Enumerable.Range(0, siteCount).Select(i => new WorldSitePlan($"S{i}", Path(), Path())
            {
                MiningBuild = Build(),
                RefiningBuild = Build(),
                ExtractionLimitKt = random.Next(0, 3) == 0 ? random.Next(0, 200) : null,
                OtherRouteKt = random.Next(0, 5) == 0 ? Path() : [],
                MiningCostPerKt = random.Next(0, 3),
            }).ToArray();
            int blocCount = random.Next(1, Math.Min(siteCount, 3) + 1);
            var blocs = Enumerable.Range(0, blocCount).Select(b => new BlocPlan($"B{b}", sites.Where((_, i) => i % blocCount == b).Select(s => s.Iso3).ToArray(), Path())
            {
                RecyclingCollectionRate = random.Next(0, 2) == 0 ? 0 : random.NextDouble() * 0.5,
                RecyclingLagPeriods = random.Next(1, 3),
                RecycledKt = random.Next(0, 3) == 0 ? Path() : [],
                Stockpile = random.Next(0, 2) == 0 ? null : new BlocStockpile { InitialKt = random.Next(0, 30), MaxReleasePerYearKt = random.Next(1, 20) },
                RecyclingPlants = random.Next(0, 2) == 0 ? null : new RecyclingPlants([random.Next(0, 10)]) { Build = Build() },
            }).ToArray();
            var trade = random.Next(0, 2) == 0 ? [] : new[] { new TradeRule(TradeRule.AnyOutsider, "B0", random.Next(0, 2) == 0 ? TradeStage.Ore : TradeStage.Refined, random.NextDouble()) };
            var network = new WorldPlanNetwork("random", worldPeriods, sites, blocs) { SecondaryFeedShare = random.Next(0, 2) == 0 ? 0 : 0.2, TradeRules = trade };
            var world = WorldPlanModel.Create(network);
            var x = SolveShortfallFirst(world);
            AssertBalances(world, x, $"seed {seed}");
        }
    }

    /// <summary>
    /// Periods that share nothing (no build, stock, recycling lag or extraction limit) solve as one-period models of each year:
    /// the world's shortfall in each period equals that of the one-period model of its year.
    /// </summary>
    [Fact]
    public void Separate_periods_solve_as_the_one_period_model_of_each_year()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var random = new Random(1000 + seed);
            var networks = Enumerable.Range(0, 3).Select(t => new WorldNetwork("random", 2030 + (5 * t),
                Enumerable.Range(0, 4).Select(i => new WorldSite($"S{i}", random.Next(0, 30), random.Next(0, 30)) { OtherRouteKt = random.Next(0, 4) == 0 ? random.Next(1, 5) : 0 }).ToArray(),
                [new Bloc("A", ["S0", "S1"], random.Next(0, 50)) { RecycledKt = random.Next(0, 5) }, new Bloc("B", ["S2", "S3"], random.Next(0, 50))])
            {
                SecondaryFeedShare = 0.2,
                IntakeRules = [new IntakeRule("A", TradeStage.Refined, 0.5)],
            }).ToArray();
            var oneYear = networks.Select(WorldPlanNetwork.OfYear).ToArray();
            var combined = new WorldPlanNetwork(
                "random",
                networks.Select(n => new WorldPeriod(n.Year, 5)).ToArray(),
                oneYear[0].Sites.Select((s, i) => s with
                {
                    MiningKt = oneYear.Select(o => o.Sites[i].MiningKt[0]).ToArray(),
                    RefiningKt = oneYear.Select(o => o.Sites[i].RefiningKt[0]).ToArray(),
                    OtherRouteKt = oneYear.Select(o => o.Sites[i].OtherRouteKt[0]).ToArray(),
                }).ToArray(),
                oneYear[0].Blocs.Select((b, j) => b with
                {
                    DemandKt = oneYear.Select(o => o.Blocs[j].DemandKt[0]).ToArray(),
                    RecycledKt = oneYear.Select(o => o.Blocs[j].RecycledKt[0]).ToArray(),
                }).ToArray())
            {
                SecondaryFeedShare = 0.2,
                IntakeRules = networks[0].IntakeRules,
            };
            var world = WorldPlanModel.Create(combined);
            var x = SolveShortfallFirst(world);
            for (int t = 0; t < networks.Length; t++)
            {
                var single = WorldModel.Create(networks[t]);
                var y = SolveShortfallFirst(single.Periods);
                // The split between blocs may have ties; the world's total shortfall per period may not.
                (x[world.Shortfall("A", t)] + x[world.Shortfall("B", t)]).Should().BeApproximately(y[single.ShortfallVariables["A"]] + y[single.ShortfallVariables["B"]], 1e-6, $"seed {seed}, period {t}");
            }

            AssertBalances(world, x, $"seed {seed}");
        }
    }

    /// <summary>The one-period model keeps its names (no year), so its rows read as before: <c>mine_balance[S0]</c>.</summary>
    [Fact]
    public void One_period_names_have_no_year_and_several_periods_name_theirs()
    {
        var one = WorldModel.Create(new WorldNetwork("x", 2030, [new WorldSite("S0", 1, 1)], [new Bloc("A", ["S0"], 1)]));
        Enumerable.Range(0, one.Model.RowCount).Select(one.Model.RowName).Should().Contain(["mine_balance[S0]", "refinery_balance[S0]", "demand[A]"]);
        var many = WorldPlanModel.Create(new WorldPlanNetwork("x", [new(2030, 5), new(2035, 5)], [new WorldSitePlan("S0", [1, 1], [1, 1])], [new BlocPlan("A", ["S0"], [1, 1])]));
        Enumerable.Range(0, many.Model.RowCount).Select(many.Model.RowName).Should().Contain(["mine_balance[S0,2030]", "refinery_balance[S0,2035]", "demand[A,2035]"]);
    }

    private static void AssertBalances(WorldPlanModel world, IReadOnlyList<double> x, string because)
    {
        var n = world.Network;
        double V(int v) => v < 0 ? 0 : x[v];
        double Built(string iso3, SupplyStage stage, int t) => Enumerable.Range(0, t + 1).Sum(k => V(world.Build(iso3, stage, k)));
        for (int t = 0; t < n.Periods.Count; t++)
        {
            var flows = world.Flows.Where(f => f.Period == t).ToArray();
            foreach (var site in n.Sites)
            {
                double mined = V(world.Mine(site.Iso3, t));
                double refined = V(world.Refined(site.Iso3, t));
                double secondary = V(world.Secondary(site.Iso3, t));
                double oreOut = flows.Where(f => f.Stage == TradeStage.Ore && f.From == site.Iso3).Sum(f => x[f.Variable]);
                double oreIn = flows.Where(f => f.Stage == TradeStage.Ore && f.To == site.Iso3).Sum(f => x[f.Variable]);
                double shipped = flows.Where(f => f.Stage == TradeStage.Refined && !f.IsOtherRoute && f.From == site.Iso3).Sum(f => x[f.Variable]);
                double other = flows.Where(f => f.IsOtherRoute && f.From == site.Iso3).Sum(f => x[f.Variable]);
                oreOut.Should().BeApproximately(mined, Tolerance, $"{because}: mine {site.Iso3} in period {t} ships what it extracts");
                mined.Should().BeLessThanOrEqualTo(site.MiningKt[t] + Built(site.Iso3, SupplyStage.Mining, t) + Tolerance, because);
                refined.Should().BeApproximately(oreIn + secondary, Tolerance, $"{because}: refinery {site.Iso3} in period {t} refines only the ore it receives and its scrap");
                refined.Should().BeLessThanOrEqualTo(site.RefiningKt[t] + Built(site.Iso3, SupplyStage.Refining, t) + Tolerance, because);
                secondary.Should().BeLessThanOrEqualTo((n.SecondaryFeedShare * (site.RefiningKt[t] + Built(site.Iso3, SupplyStage.Refining, t))) + Tolerance, because);
                shipped.Should().BeApproximately(refined, Tolerance, $"{because}: refinery {site.Iso3} in period {t} ships what it refines");
                other.Should().BeLessThanOrEqualTo(site.OtherRouteKtAt(t) + Tolerance, because);
            }

            foreach (var bloc in n.Blocs)
            {
                double intake = flows.Where(f => f.Stage == TradeStage.Refined && f.To == bloc.Name).Sum(f => x[f.Variable]);
                double own = V(world.Recycled(bloc.Name, t));
                double stockIn = V(world.StockIn(bloc.Name, t)), release = V(world.Release(bloc.Name, t));
                double ownOther = Enumerable.Range(0, world.Model.VariableCount).Where(v => world.Model.VariableName(v) == $"other_own[{bloc.Name},{n.Periods[t].Year}]").Sum(v => x[v]);
                double shortfall = V(world.Shortfall(bloc.Name, t));
                (intake + own + ownOther + release - stockIn + shortfall).Should().BeApproximately(bloc.DemandKt[t], Tolerance, $"{because}: demand of {bloc.Name} in period {t} closes");
                shortfall.Should().BeGreaterThanOrEqualTo(-Tolerance);
                if (bloc.Stockpile is not null)
                {
                    double previous = t == 0 ? bloc.Stockpile.InitialKt : V(world.Stock(bloc.Name, t - 1));
                    V(world.Stock(bloc.Name, t)).Should().BeApproximately(previous + (n.Periods[t].LengthYears * (stockIn - release)), Tolerance, $"{because}: stock of {bloc.Name} in period {t}");
                }

                if (bloc.RecyclingPlants is { } plants)
                {
                    double built = Enumerable.Range(0, t + 1).Select(k => world.RecyclingBuild(bloc.Name, k)).Where(v => v >= 0).Sum(V);
                    own.Should().BeLessThanOrEqualTo(plants.CapacityKtAt(t) + built + Tolerance, $"{because}: recycling plants of {bloc.Name} in period {t}");
                }

                if (bloc.RecyclingCollectionRate > 0 && t >= bloc.RecyclingLagPeriods)
                {
                    int source = t - bloc.RecyclingLagPeriods;
                    own.Should().BeLessThanOrEqualTo(bloc.RecycledKtAt(t) + (bloc.RecyclingCollectionRate * (bloc.DemandKt[source] - V(world.Shortfall(bloc.Name, source)))) + Tolerance, because);
                }
            }
        }

        foreach (var site in n.Sites.Where(s => s.ExtractionLimitKt is not null))
        {
            Enumerable.Range(0, n.Periods.Count).Sum(t => n.Periods[t].LengthYears * V(world.Mine(site.Iso3, t))).Should().BeLessThanOrEqualTo(site.ExtractionLimitKt!.Value + Tolerance, because);
        }

        foreach (var growth in world.GrowthRows)
        {
            var site = n.Sites.Single(s => s.Iso3 == growth.Iso3);
            double dy = n.Periods[growth.Period].Year - n.Periods[growth.Period - 1].Year;
            var build = site.BuildOf(growth.Stage)!;
            double previous = site.CapacityKt(growth.Stage, growth.Period - 1) + Built(site.Iso3, growth.Stage, growth.Period - 1);
            V(growth.BuildVariable).Should().BeLessThanOrEqualTo((build.MaxGrowthRatePerYear!.Value * dy * previous) + (build.StartKtPerYear * dy) + Tolerance, because);
        }
    }
}

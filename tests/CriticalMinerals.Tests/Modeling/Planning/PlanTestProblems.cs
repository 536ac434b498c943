using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Planning;

namespace CriticalMinerals.Tests.Modeling.Planning;

/// <summary>Small hand-checkable planning problems.</summary>
internal static class PlanTestProblems
{
    /// <summary>Periods from (year, length, demand).</summary>
    public static PlanPeriod[] Periods(params (int Year, double Length, double Demand)[] periods) =>
        periods.Select(p => new PlanPeriod(p.Year, p.Length, p.Demand)).ToArray();

    /// <summary>A site with the same existing capacity in every period.</summary>
    public static PlanSite Site(string iso3, bool member, double mining, double refining, int periods, double? reserves = null) =>
        new(iso3, member, CapacityPath.Constant(mining, periods), CapacityPath.Constant(refining, periods), reserves);

    /// <summary>A site with capacities given per period.</summary>
    public static PlanSite Site(string iso3, bool member, double[] mining, double[] refining, double? reserves = null) =>
        new(iso3, member, new CapacityPath(mining, new double[mining.Length]), new CapacityPath(refining, new double[refining.Length]), reserves);

    /// <summary>Member A (mine 5, refine 5), non-member C (100, 100); 2024 (6 years) and 2030 (5 years), demand 20; no build.</summary>
    public static PlanningProblem OpenMarket() => new()
    {
        Commodity = "test",
        Periods = Periods((2024, 6, 20), (2030, 5, 20)),
        Sites = [Site("A", true, 5, 5, 2), Site("C", false, 100, 100, 2)],
        Build = new BuildOptions { AllowContinuousBuild = false },
    };

    /// <summary>Row of the capacity table.</summary>
    public static CapacityRow Capacity(PlanResult result, string iso3, SupplyStage stage, int year) =>
        result.Capacities.Single(c => c.Iso3 == iso3 && c.Stage == stage && c.Year == year);
}

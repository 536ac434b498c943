using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Deposits;

namespace CriticalMinerals.Tests.Modeling.Deposits;

/// <summary>Small deposit instances whose optimum is worked out by hand in the tests.</summary>
internal static class DepositTestProblems
{
    /// <summary>A deposit with the fields the model reads; planned capacity flat at <paramref name="planned"/> unless given per year.</summary>
    public static LithiumDeposit Deposit(
        int id,
        string iso3,
        double reserve,
        double cost1,
        double maxRate,
        double rampUp,
        double expansionCost = 0,
        double openingCost = 0,
        double planned = 0,
        int delay = 0,
        double edb = 50,
        double demonstrated = 0,
        double cost2 = 0,
        double inferred = 0,
        double cost3 = 0,
        (double P2022, double P2023, double P2025, double P2030)? plannedByYear = null)
    {
        var p = plannedByYear ?? (planned, planned, planned, planned);
        return new LithiumDeposit(
            id, iso3, iso3, $"Deposit {id}", "Brine", 0, 0, planned > 0 ? "Producing" : "Evaluation", planned > 0 ? "Open" : "Evaluation",
            null, null, null, planned > 0, reserve, demonstrated, inferred, reserve + demonstrated + inferred, cost1, cost2, cost3,
            maxRate, rampUp, expansionCost, openingCost, "Report", p.P2022, p.P2023, p.P2025, p.P2030, delay, "Brine",
            edb, 1, 1, 0.25, cost1, cost2, cost3, null, "TEST", "test.csv", id + 1);
    }

    /// <summary>
    /// Three deposits, 2022–2025, demand 10, 10, 20, 30 kt Li, r = 10 % exponential (discounters 1, 1.1, 1.21, 1.331):
    /// <list type="bullet">
    /// <item>A (CHL-1): open, planned 12 kt/yr every year = its maximum rate, 100 kt reserve at 5,000 USD/t, no expansion.</item>
    /// <item>B (AUS-2): closed, 15 kt reserve at 6,000 and 100 kt demonstrated at 8,000 USD/t; max 20 kt/yr, ramp-up 15 kt/yr,
    /// expansion 1,000 USD per t/yr, opening 50 million USD, delay 1 year; EDB 80.</item>
    /// <item>C (ARG-3): closed, 100 kt reserve at 7,000; max 20, ramp-up 20, expansion 3,500 USD per t/yr, opening 10 million USD; EDB 10.</item>
    /// </list>
    /// </summary>
    public static DepositProblem ThreeDeposits(double degradation = 0, double rampB = 15) => new(
        [
            Deposit(1, "CHL", reserve: 100, cost1: 5_000, maxRate: 12, rampUp: 0, planned: 12),
            Deposit(2, "AUS", reserve: 15, cost1: 6_000, demonstrated: 100, cost2: 8_000, maxRate: 20, rampUp: rampB, expansionCost: 1_000, openingCost: 50e6, delay: 1, edb: 80),
            Deposit(3, "ARG", reserve: 100, cost1: 7_000, maxRate: 20, rampUp: 20, expansionCost: 3_500, openingCost: 10e6, edb: 10),
        ],
        2022,
        [10, 10, 20, 30],
        DiscountRate: 0.1,
        Degradation: degradation,
        Label: "three deposits");

    /// <summary>One closed deposit and a demand series, no discounting: 100 kt reserve at 5,000 USD/t, max rate 20.</summary>
    public static DepositProblem OneDeposit(double[] demand, double rampUp = 20, int delay = 0, double discountRate = 0, Discounting discounting = Discounting.Exponential) => new(
        [Deposit(7, "CAN", reserve: 100, cost1: 5_000, maxRate: 20, rampUp: rampUp, expansionCost: 1_000, openingCost: 1e6, delay: delay)],
        2022,
        demand,
        DiscountRate: discountRate,
        Discounting: discounting,
        Degradation: 0,
        Label: "one deposit");
}

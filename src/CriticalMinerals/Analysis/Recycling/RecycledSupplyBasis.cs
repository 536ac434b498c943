using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Recycling;

namespace CriticalMinerals.Analysis.Recycling;

/// <summary>
/// A <see cref="RecyclingBasis"/> resolved for one mineral: the regional projection a group's recycled supply is read from, how
/// the basis is named in notes, and its assumptions. One reading for the world model's blocs and the single-coalition answer.
/// </summary>
/// <param name="Projection">Recycled supply by Busch region and year.</param>
/// <param name="Label">The basis as notes name it ("stock model", "Busch et al. Recycling.csv").</param>
/// <param name="Assumptions">What the figures assume, to be printed with every answer that uses them.</param>
internal sealed record RecycledSupplyBasis(BatteryRecyclingProjection Projection, string Label, IReadOnlyList<string> Assumptions)
{
    /// <summary>Why a mineral without a stock model gets no recycled supply.</summary>
    public static string NoStockModelNote(Commodity commodity) =>
        $"Recycled supply: none [ASSUMPTION]: the battery stock model does not cover {commodity.Name} (its end-of-life supply comes mostly from wires, buildings, motors and equipment, for which the data has no stocks or lifetimes).";

    /// <summary>The basis for a mineral, or <see langword="null"/> when it gives no recycled supply (<see cref="RecyclingBasis.None"/>, or no stock model for the mineral).</summary>
    /// <param name="dataset">The data (Busch et al.'s regions and recycling).</param>
    /// <param name="basis">The basis asked for.</param>
    /// <param name="mineral">The mineral in Busch spelling (<see cref="ScenarioBatteryFlows.MineralOf"/>), or <see langword="null"/> without a stock model.</param>
    /// <param name="flows">The scenario's stock-model flows; required unless <paramref name="basis"/> is <see cref="RecyclingBasis.None"/>.</param>
    public static RecycledSupplyBasis? Resolve(MineralDataset dataset, RecyclingBasis basis, string? mineral, ScenarioBatteryFlows? flows)
    {
        if (basis == RecyclingBasis.None || mineral is null || flows is null)
        {
            return null;
        }

        if (basis == RecyclingBasis.Busch2025)
        {
            // Busch's recycled lithium by region, their reference scenario; no other mineral.
            var busch = dataset.Busch2025;
            var rows = mineral == BatteryMinerals.Lithium
                ? busch.Recycling.Where(r => r.Scenario == Busch2025Data.ReferenceScenario).Select(r => new RecyclingRow(BatteryMinerals.Lithium, r.Region, r.Year, 0, 0, 0, 0, 0, 0, r.RecyclingKt, 0)).ToArray()
                : [];
            return new RecycledSupplyBasis(
                new BatteryRecyclingProjection(rows, []),
                "Busch et al. Recycling.csv",
                [$"Busch et al. recycled lithium by region ({busch.SourceId} Recycling.csv, reference scenario, whatever the IEA scenario); other minerals none"]);
        }

        return new RecycledSupplyBasis(flows.Projection, "stock model", flows.Assumptions);
    }

    /// <summary>The recycled supply of a group of countries in a year: the Busch regions it holds whole (a region held in part is not counted).</summary>
    public BlocSecondarySupply For(MineralDataset dataset, IReadOnlyCollection<string> iso3, string mineral, int year) =>
        BlocSecondarySupply.For(Projection, dataset.Busch2025, iso3, mineral, year);
}

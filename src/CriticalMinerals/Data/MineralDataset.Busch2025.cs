namespace CriticalMinerals.Data;

/// <summary>The Busch et al. (2025) part of the dataset.</summary>
public sealed partial class MineralDataset
{
    /// <summary>
    /// The inputs of Busch et al. (2025): lithium deposits and their supply variants, world and regional lithium demand,
    /// recycling, 2022 EV battery deliveries, battery mineral intensities and the regions (source id <c>B25</c>). Loaded from
    /// the <c>busch2025/</c> sub-folder of a dataset directory, or the embedded copy when the directory has none.
    /// </summary>
    public Busch2025Data Busch2025 { get; }
}

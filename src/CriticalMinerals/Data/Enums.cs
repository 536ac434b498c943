using System.Reflection;
using System.Text.Json.Serialization;

namespace CriticalMinerals.Data;

/// <summary>Supply stage of the IEA country tables.</summary>
public enum SupplyStage
{
    /// <summary>Mined output (<c>mining</c>).</summary>
    Mining,

    /// <summary>Refined or processed output (<c>refining</c>).</summary>
    Refining,
}

/// <summary>Case of an IEA supply row.</summary>
public enum SupplyCase
{
    /// <summary>Observed output of the base year (<c>observed</c>).</summary>
    [JsonStringEnumMemberName("observed")]
    Observed,

    /// <summary>IEA base case: operating and announced projects weighted by their chance of coming online (<c>base_case_projection</c>).</summary>
    [JsonStringEnumMemberName("base_case_projection")]
    BaseCaseProjection,
}

/// <summary>Scenario of an IEA demand row.</summary>
public enum DemandScenario
{
    /// <summary>Observed demand of the base year (<c>observed</c>).</summary>
    [JsonStringEnumMemberName("observed")]
    Observed,

    /// <summary>Stated Policies Scenario (<c>STEPS</c>).</summary>
    [JsonStringEnumMemberName("STEPS")]
    Steps,

    /// <summary>Announced Pledges Scenario (<c>APS</c>).</summary>
    [JsonStringEnumMemberName("APS")]
    Aps,

    /// <summary>Net Zero Emissions by 2050 Scenario (<c>NZE</c>).</summary>
    [JsonStringEnumMemberName("NZE")]
    Nze,
}

/// <summary>
/// The labels users and the data files write (<c>STEPS</c>, <c>NZE</c>, <c>base_case_projection</c>), one place for every
/// CSV, JSON, table and chart: a pandas filter on <c>"NZE"</c> finds the rows whatever wrote them.
/// </summary>
public static class DataLabels
{
    /// <summary>The scenario as the data files and the IEA write it: <c>observed</c>, <c>STEPS</c>, <c>APS</c>, <c>NZE</c>.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>Its label.</returns>
    public static string Label(this DemandScenario scenario) => LabelOf(scenario);

    /// <summary>The supply case as the data files write it: <c>observed</c>, <c>base_case_projection</c>.</summary>
    /// <param name="supplyCase">The case.</param>
    /// <returns>Its label.</returns>
    public static string Label(this SupplyCase supplyCase) => LabelOf(supplyCase);

    // The JSON member names are the labels, so JSON export and these strings cannot drift apart.
    private static string LabelOf<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
        ?? throw new ArgumentOutOfRangeException(nameof(value), value, $"No label for {typeof(T).Name} value {value}.");
}

/// <summary>Stage of a USGS Mineral Commodity Summaries row.</summary>
public enum UsgsStage
{
    /// <summary>Mine production (<c>mining</c>).</summary>
    Mining,

    /// <summary>Refinery or primary production (<c>refining</c>).</summary>
    Refining,

    /// <summary>Reserves, a stock rather than a yearly flow (<c>reserves</c>).</summary>
    Reserves,
}

/// <summary>Measure of a USGS row.</summary>
public enum UsgsMeasure
{
    /// <summary>Yearly production (<c>production</c>).</summary>
    Production,

    /// <summary>Reserves (<c>reserves</c>).</summary>
    Reserves,

    /// <summary>Production capacity (<c>capacity</c>).</summary>
    Capacity,
}

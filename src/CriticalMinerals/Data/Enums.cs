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
    Observed,

    /// <summary>IEA base case: operating and announced projects weighted by their chance of coming online (<c>base_case_projection</c>).</summary>
    BaseCaseProjection,
}

/// <summary>Scenario of an IEA demand row.</summary>
public enum DemandScenario
{
    /// <summary>Observed demand of the base year (<c>observed</c>).</summary>
    Observed,

    /// <summary>Stated Policies Scenario (<c>STEPS</c>).</summary>
    Steps,

    /// <summary>Announced Pledges Scenario (<c>APS</c>).</summary>
    Aps,

    /// <summary>Net Zero Emissions by 2050 Scenario (<c>NZE</c>).</summary>
    Nze,
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

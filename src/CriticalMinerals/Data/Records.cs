namespace CriticalMinerals.Data;

/// <summary>One row of the IEA supply-by-country table.</summary>
/// <param name="Commodity">Catalogue commodity code.</param>
/// <param name="Country">Producing country, or an aggregate (World, Rest of world).</param>
/// <param name="Stage">Mining or refining.</param>
/// <param name="Year">Year of the figure.</param>
/// <param name="Case">Observed or base-case projection.</param>
/// <param name="Value">Output in kt of the commodity's model unit (IEA figures are already kt).</param>
/// <param name="Unit">Unit string exactly as in the file.</param>
/// <param name="ShareOfWorld">Share of world output as published, or <see langword="null"/> where the file leaves it empty.</param>
/// <param name="Note">Note of the row, or <see langword="null"/>.</param>
/// <param name="SourceId">Id in <c>sources.csv</c>.</param>
/// <param name="Row">1-based line number in the file (header is line 1).</param>
public sealed record SupplyRecord(
    string Commodity,
    Country Country,
    SupplyStage Stage,
    int Year,
    SupplyCase Case,
    double Value,
    string Unit,
    double? ShareOfWorld,
    string? Note,
    string SourceId,
    int Row);

/// <summary>One row of the IEA demand projections table.</summary>
/// <param name="Commodity">Catalogue commodity code, or the raw mineral code for minerals not in the catalogue.</param>
/// <param name="Mineral">Mineral code exactly as in the file (e.g. <c>graphite_all_grades</c>).</param>
/// <param name="Scenario">Observed, STEPS, APS or NZE.</param>
/// <param name="Year">Year of the figure.</param>
/// <param name="Component">Component, e.g. <c>total_demand</c>, <c>clean_tech_demand</c>, <c>other_uses_demand</c>, <c>clean_tech:Electric vehicles</c>.</param>
/// <param name="Value">Demand in the unit of the row.</param>
/// <param name="Unit">Unit string exactly as in the file.</param>
/// <param name="Note">Note of the row, or <see langword="null"/>.</param>
/// <param name="SourceId">Id in <c>sources.csv</c>.</param>
/// <param name="Row">1-based line number in the file.</param>
public sealed record DemandRecord(
    string Commodity,
    string Mineral,
    DemandScenario Scenario,
    int Year,
    string Component,
    double Value,
    string Unit,
    string? Note,
    string SourceId,
    int Row);

/// <summary>One row of the USGS Mineral Commodity Summaries table, in the units USGS prints.</summary>
/// <param name="Mineral">USGS mineral code, e.g. <c>lithium</c>, <c>natural_graphite</c>.</param>
/// <param name="Country">Country, or an aggregate (World total, Other countries).</param>
/// <param name="Stage">Mining, refining or reserves.</param>
/// <param name="Measure">Production, reserves or capacity.</param>
/// <param name="Year">Year; for reserves the latest production year of the edition.</param>
/// <param name="Value">Value in <paramref name="Unit"/>, or <see langword="null"/> where USGS withholds it (W, NA, XX, a bound, text): never zero.</param>
/// <param name="ValueRaw">The value exactly as USGS prints it.</param>
/// <param name="Unit">Unit string exactly as in the file.</param>
/// <param name="Estimated"><see langword="true"/>/<see langword="false"/> from <c>yes</c>/<c>no</c>; <see langword="null"/> for <c>n/a</c>.</param>
/// <param name="Edition">Edition, e.g. <c>MCS2024</c>.</param>
/// <param name="SourceType">USGS table column description.</param>
/// <param name="Note">Note of the row, or <see langword="null"/>.</param>
/// <param name="SourceId">Id in <c>sources.csv</c>.</param>
/// <param name="Row">1-based line number in the file.</param>
public sealed record UsgsRecord(
    string Mineral,
    Country Country,
    UsgsStage Stage,
    UsgsMeasure Measure,
    int Year,
    double? Value,
    string ValueRaw,
    string Unit,
    bool? Estimated,
    string Edition,
    string SourceType,
    string? Note,
    string SourceId,
    int Row);

/// <summary>A policy target or threshold from <c>policy_targets.csv</c>.</summary>
/// <param name="Policy">Policy name, e.g. <c>EU CRMA</c>.</param>
/// <param name="Jurisdiction">Jurisdiction, e.g. <c>EU27</c>, <c>USA</c>.</param>
/// <param name="Parameter">Parameter name.</param>
/// <param name="Year">Year text as published, e.g. <c>2030</c>, <c>2027+</c>, <c>after 2025-09-30</c>.</param>
/// <param name="FromYear">Year from which it applies where the text is a plain year or <c>YYYY+</c>; otherwise <see langword="null"/> (read <paramref name="Year"/>).</param>
/// <param name="Operator">Comparison operator: <c>&gt;=</c>, <c>&lt;=</c> or <c>==</c>.</param>
/// <param name="Value">Threshold value.</param>
/// <param name="Unit">Unit string as in the file.</param>
/// <param name="AppliesTo">What the target applies to.</param>
/// <param name="Note">Note, or <see langword="null"/>.</param>
/// <param name="SourceId">Id in <c>sources.csv</c>.</param>
/// <param name="Row">1-based line number in the file.</param>
public sealed record PolicyTarget(
    string Policy,
    string Jurisdiction,
    string Parameter,
    string Year,
    int? FromYear,
    string Operator,
    double Value,
    string Unit,
    string AppliesTo,
    string? Note,
    string SourceId,
    int Row);

/// <summary>A published IEA share figure of another vintage, from <c>iea_published_shares.csv</c>.</summary>
/// <param name="Mineral">Mineral code as in the file.</param>
/// <param name="Country">Country or group name as in the file.</param>
/// <param name="Stage">Stage text as in the file.</param>
/// <param name="Year">Year text as in the file (may be approximate).</param>
/// <param name="Value">Share as a number, or <see langword="null"/> where the file prints a bound such as <c>&gt;0.75</c>.</param>
/// <param name="ValueRaw">Value exactly as in the file.</param>
/// <param name="Unit">Unit text.</param>
/// <param name="Vintage">Publication vintage.</param>
/// <param name="Exactness">How exact the figure is (rounded quotes etc.).</param>
/// <param name="Note">Note, or <see langword="null"/>.</param>
/// <param name="SourceId">Id in <c>sources.csv</c>.</param>
/// <param name="Row">1-based line number in the file.</param>
public sealed record PublishedShare(
    string Mineral,
    string Country,
    string Stage,
    string Year,
    double? Value,
    string ValueRaw,
    string Unit,
    string Vintage,
    string Exactness,
    string? Note,
    string SourceId,
    int Row);

/// <summary>IEA supply of one commodity, stage, year and case: country rows apart from the aggregate rows.</summary>
/// <param name="Commodity">Catalogue commodity code.</param>
/// <param name="Stage">Mining or refining.</param>
/// <param name="Year">Year.</param>
/// <param name="Case">Observed or base-case projection.</param>
/// <param name="Countries">Per-country rows, aggregates excluded.</param>
/// <param name="World">The World row, or <see langword="null"/> if absent.</param>
/// <param name="RestOfWorld">The Rest of world row (small producers lumped together), or <see langword="null"/> if absent.</param>
public sealed record StageSupply(
    string Commodity,
    SupplyStage Stage,
    int Year,
    SupplyCase Case,
    IReadOnlyList<SupplyRecord> Countries,
    SupplyRecord? World,
    SupplyRecord? RestOfWorld);

/// <summary>A USGS row with its value converted to the commodity's model unit.</summary>
/// <param name="Record">The USGS row as published.</param>
/// <param name="ValueInModelUnit">Value times the catalogue factor (kt), or <see langword="null"/> where USGS withholds it.</param>
public sealed record UsgsAmount(UsgsRecord Record, double? ValueInModelUnit);

/// <summary>USGS figures of one commodity, stage and year from a single edition.</summary>
/// <param name="Commodity">Catalogue commodity code.</param>
/// <param name="Edition">The one USGS edition the figures come from.</param>
/// <param name="Stage">Mining, refining or reserves.</param>
/// <param name="Year">Year (for reserves: the latest production year of the edition).</param>
/// <param name="ModelUnit">Unit of <see cref="UsgsAmount.ValueInModelUnit"/>.</param>
/// <param name="Countries">Per-country rows, aggregates excluded.</param>
/// <param name="World">The World total row, or <see langword="null"/> if absent.</param>
/// <param name="OtherCountries">The Other countries row, or <see langword="null"/> if absent.</param>
public sealed record UsgsTable(
    string Commodity,
    string Edition,
    UsgsStage Stage,
    int Year,
    string ModelUnit,
    IReadOnlyList<UsgsAmount> Countries,
    UsgsAmount? World,
    UsgsAmount? OtherCountries);

namespace CriticalMinerals.Data;

/// <summary>
/// One lithium deposit of <c>busch2025/Deposit.csv</c> (or of a <c>deposit_scenarios/*.csv</c> variant), every column typed.
/// Units are those of the model code (<c>Scripts/Supply Model/Optimization/RunOptimization.jl</c> of
/// github.com/pmbusch/Lithium-Supply, which divides costs per t by 1e3 to get million USD per kt and opening costs by 1e6):
/// tonnages kt Li content (not LCE), costs USD (2022) per t Li content, opening cost USD, rates kt Li per year.
/// <c>NA</c> in the file is <see langword="null"/> here, never 0.
/// </summary>
/// <param name="Id">Deposit number (<c>d</c>), unique within a file.</param>
/// <param name="CountryName">Country as printed (<c>Country</c>), e.g. <c>DR Congo</c>.</param>
/// <param name="Iso3">ISO 3166-1 alpha-3 code the country name maps to (by the ISO list's names or the library's alias table).</param>
/// <param name="Name">Deposit name (<c>Deposit_Name</c>).</param>
/// <param name="ResourceType">Resource type used by the model (<c>Resource_Type</c>): Brine, Hard Rock, Volcano-Sedimentary.</param>
/// <param name="Latitude">Latitude in degrees (<c>Latitude</c>).</param>
/// <param name="Longitude">Longitude in degrees (<c>Longitude</c>).</param>
/// <param name="Status">Project status (<c>Status</c>), e.g. Producing, Construction, Evaluation, No info.</param>
/// <param name="StatusDelay">Status class that sets the expansion delay (<c>Status_Delay</c>): Open, Construction, Evaluation, No Info.</param>
/// <param name="GradeReservePercentLi">Reserve grade in % Li (<c>Grade_percLi_Reserve</c>), or <see langword="null"/> for NA.</param>
/// <param name="GradeResourcePercentLi">Demonstrated-resource grade in % Li (<c>grade_resource</c>), or <see langword="null"/> for NA.</param>
/// <param name="GradeInferredPercentLi">Inferred-resource grade in % Li (<c>grade_resource_inferred</c>), or <see langword="null"/> for NA.</param>
/// <param name="OpenMine">Whether the mine is open (producing or under construction) at the start (<c>open_mine</c>).</param>
/// <param name="ReserveKt">Reserves, kt Li (<c>reserve</c>), extracted at <paramref name="Cost1UsdPerTonneLi"/>.</param>
/// <param name="ResourceDemonstratedKt">Demonstrated resources beyond reserves, kt Li (<c>resource_demostrated</c>, spelled so in the file), at <paramref name="Cost2UsdPerTonneLi"/>.</param>
/// <param name="ResourceInferredKt">Inferred resources beyond those, kt Li (<c>resource_inferred</c>), at <paramref name="Cost3UsdPerTonneLi"/>.</param>
/// <param name="AllResourceKt">Reserves + demonstrated + inferred, kt Li (<c>all_resource</c>).</param>
/// <param name="Cost1UsdPerTonneLi">Extraction cost of the reserve tier, USD per t Li, corporate tax included (<c>cost1</c>).</param>
/// <param name="Cost2UsdPerTonneLi">Extraction cost of the demonstrated tier, USD per t Li (<c>cost2</c>).</param>
/// <param name="Cost3UsdPerTonneLi">Extraction cost of the inferred tier, USD per t Li (<c>cost3</c>).</param>
/// <param name="MaxProductionRateKtPerYear">Maximum production rate, kt Li per year (<c>max_prod_rate</c>).</param>
/// <param name="MaxRampUpKtPerYear">Maximum capacity added in one year, kt Li per year (<c>max_ramp_up</c>).</param>
/// <param name="ExpansionCostUsdPerTonnePerYear">Cost of added capacity, USD per (t Li per year) of capacity (<c>cost_expansion</c>).</param>
/// <param name="OpeningCostUsd">One-off cost of opening the mine, USD (<c>cost_opening</c>; 0 for open mines).</param>
/// <param name="CostSource">How the extraction cost was obtained (<c>cost_source</c>): Report, Regression, Quantile.</param>
/// <param name="ProductionRate2022KtPerYear">Planned capacity 2022, kt Li per year (<c>prod_rate2022</c>).</param>
/// <param name="ProductionRate2023KtPerYear">Planned capacity 2023, kt Li per year (<c>prod_rate2023</c>).</param>
/// <param name="ProductionRate2025KtPerYear">Planned capacity 2025, kt Li per year (<c>prod_rate2025</c>).</param>
/// <param name="ProductionRate2030KtPerYear">Planned capacity 2030 and later, kt Li per year (<c>prod_rate2030</c>).</param>
/// <param name="DelayYears">Years from 2022 before the model allows expansion (<c>delay_years</c>).</param>
/// <param name="ResourceTypeOriginal">Resource type before grouping (<c>Resource_Type_orig</c>), e.g. Other (Geothermal).</param>
/// <param name="Edb">Ease of doing business score (<c>edb</c>), 0 best to 100 worst; the model's second objective.</param>
/// <param name="Wgi">World Governance Indicator, political stability (<c>wgi</c>), used in a sensitivity run.</param>
/// <param name="Wcr">World Competitiveness Ranking (<c>wcr</c>), used in a sensitivity run.</param>
/// <param name="CorporateTaxRate">Corporate tax rate as a fraction (<c>Corporate_Tax_Rate</c>), e.g. 0.27.</param>
/// <param name="Cost1NoTaxUsdPerTonneLi">Reserve-tier cost without corporate tax, USD per t Li (<c>cost1_noTax</c>).</param>
/// <param name="Cost2NoTaxUsdPerTonneLi">Demonstrated-tier cost without corporate tax, USD per t Li (<c>cost2_noTax</c>).</param>
/// <param name="Cost3NoTaxUsdPerTonneLi">Inferred-tier cost without corporate tax, USD per t Li (<c>cost3_noTax</c>).</param>
/// <param name="LabelName">Short label for charts (<c>label_name</c>), or <see langword="null"/> where empty.</param>
/// <param name="SourceId">Id in <see cref="MineralDataset.Sources"/> (<c>B25</c>).</param>
/// <param name="File">File the row comes from, e.g. <c>busch2025/Deposit.csv</c>.</param>
/// <param name="Row">1-based line number in the file (header is line 1).</param>
public sealed record LithiumDeposit(
    int Id,
    string CountryName,
    string Iso3,
    string Name,
    string ResourceType,
    double Latitude,
    double Longitude,
    string Status,
    string StatusDelay,
    double? GradeReservePercentLi,
    double? GradeResourcePercentLi,
    double? GradeInferredPercentLi,
    bool OpenMine,
    double ReserveKt,
    double ResourceDemonstratedKt,
    double ResourceInferredKt,
    double AllResourceKt,
    double Cost1UsdPerTonneLi,
    double Cost2UsdPerTonneLi,
    double Cost3UsdPerTonneLi,
    double MaxProductionRateKtPerYear,
    double MaxRampUpKtPerYear,
    double ExpansionCostUsdPerTonnePerYear,
    double OpeningCostUsd,
    string CostSource,
    double ProductionRate2022KtPerYear,
    double ProductionRate2023KtPerYear,
    double ProductionRate2025KtPerYear,
    double ProductionRate2030KtPerYear,
    int DelayYears,
    string ResourceTypeOriginal,
    double Edb,
    double Wgi,
    double Wcr,
    double CorporateTaxRate,
    double Cost1NoTaxUsdPerTonneLi,
    double Cost2NoTaxUsdPerTonneLi,
    double Cost3NoTaxUsdPerTonneLi,
    string? LabelName,
    string SourceId,
    string File,
    int Row);

/// <summary>World primary lithium demand of one Busch scenario and year (<c>busch2025/Demand.csv</c>), net of recycling.</summary>
/// <param name="Year">Year (<c>t</c>), 2022–2070.</param>
/// <param name="Scenario">Scenario string (<c>demand-chemistry-capacity-lifetime-recycling</c>).</param>
/// <param name="DemandKt">Demand in kt Li content per year (the R script divides t by 1e3); never LCE.</param>
/// <param name="SourceId">Id in <see cref="MineralDataset.Sources"/>.</param>
/// <param name="File">File the row comes from.</param>
/// <param name="Row">1-based line number.</param>
public sealed record BuschWorldDemand(int Year, string Scenario, double DemandKt, string SourceId, string File, int Row);

/// <summary>
/// Primary lithium demand of one of the 18 regions (<c>busch2025/Demand_Region.csv</c>), net of that region's recycling.
/// Unit trap: the file is in <b>t</b> Li per year while <c>Demand.csv</c> is in kt; the sum over the regions divided by 1000
/// equals the world figure (checked at load time).
/// </summary>
/// <param name="Year">Year (<c>t</c>).</param>
/// <param name="Region">Region name as in <c>region_countries.csv</c>.</param>
/// <param name="Scenario">Scenario string.</param>
/// <param name="DemandTonnes">Demand in t Li content per year, as published.</param>
/// <param name="SourceId">Id in <see cref="MineralDataset.Sources"/>.</param>
/// <param name="File">File the row comes from.</param>
/// <param name="Row">1-based line number.</param>
public sealed record BuschRegionalDemand(int Year, string Region, string Scenario, double DemandTonnes, string SourceId, string File, int Row)
{
    /// <summary>The same demand in kt Li content per year (<see cref="DemandTonnes"/> / 1000).</summary>
    public double DemandKt => DemandTonnes / 1000.0;
}

/// <summary>
/// Lithium recovered by recycling in a region (<c>busch2025/Recycling.csv</c>), in kt Li per year: the R script
/// (<c>Scripts/Demand Model/03-CreateDemand.R</c>) writes <c>-sum(tons_mineral)/1e3</c> of the Recycling rows, t to kt.
/// Regional and world demand are already net of it.
/// </summary>
/// <param name="Scenario">Scenario string.</param>
/// <param name="Region">Region name.</param>
/// <param name="Year">Year (<c>t</c>), 2023–2070.</param>
/// <param name="RecyclingKt">Recycled lithium, kt Li content per year.</param>
/// <param name="SourceId">Id in <see cref="MineralDataset.Sources"/>.</param>
/// <param name="File">File the row comes from.</param>
/// <param name="Row">1-based line number.</param>
public sealed record BuschRecycling(string Scenario, string Region, int Year, double RecyclingKt, string SourceId, string File, int Row);

/// <summary>
/// Electric-vehicle battery deliveries of one region, powertrain and chemistry (<c>busch2025/battery_region.csv</c>), built by
/// <c>Scripts/Demand Model/Prepare_Data/02-Battery_Analysis.R</c> from EV Volumes data; the file holds 2022 only.
/// </summary>
/// <param name="Powertrain">BEV or PHEV.</param>
/// <param name="Year">Year (2022 in the shipped file).</param>
/// <param name="Region">Region name.</param>
/// <param name="Chemistry">Cathode chemistry, e.g. <c>NMC 811</c>, <c>LFP</c>; listed in <c>mineral_intensity.csv</c>.</param>
/// <param name="MWh">Battery capacity delivered, MWh.</param>
/// <param name="Vehicles">Vehicles sold with that chemistry (<c>unit</c> column: a count, not a unit name).</param>
/// <param name="ShareOfVehicles">Share of the region's vehicles of that powertrain with this chemistry (<c>share_units</c>).</param>
/// <param name="KwhPerVehicleWeighted">Average kWh per vehicle times <paramref name="ShareOfVehicles"/> (<c>kwh_veh</c>).</param>
/// <param name="KwhPerVehicleTotal">Average kWh per vehicle of the region and powertrain (<c>kwh_veh_total</c>).</param>
/// <param name="SourceId">Id in <see cref="MineralDataset.Sources"/>.</param>
/// <param name="File">File the row comes from.</param>
/// <param name="Row">1-based line number.</param>
public sealed record BatteryDemandRecord(
    string Powertrain,
    int Year,
    string Region,
    string Chemistry,
    double MWh,
    double Vehicles,
    double ShareOfVehicles,
    double KwhPerVehicleWeighted,
    double KwhPerVehicleTotal,
    string SourceId,
    string File,
    int Row);

/// <summary>Kilograms of a mineral per kWh of battery of one chemistry (<c>busch2025/mineral_intensity.csv</c>; BatPaC, SolidPac, Zhao et al. 2023).</summary>
/// <param name="Mineral">Mineral as printed, e.g. <c>Lithium</c>, <c>Nickel</c>, <c>Graphite</c>.</param>
/// <param name="Chemistry">Chemistry, e.g. <c>NMC 811</c>.</param>
/// <param name="KgPerKwh">kg of the mineral per kWh of battery capacity (kg/kWh = t/MWh).</param>
/// <param name="SourceId">Id in <see cref="MineralDataset.Sources"/>.</param>
/// <param name="File">File the row comes from.</param>
/// <param name="Row">1-based line number.</param>
public sealed record MineralIntensity(string Mineral, string Chemistry, double KgPerKwh, string SourceId, string File, int Row);

/// <summary>One country or territory of a Busch region (<c>busch2025/region_countries.csv</c>).</summary>
/// <param name="Iso3">ISO 3166-1 alpha-3 code (<c>XKX</c> for Kosovo, a user-assigned code).</param>
/// <param name="IcctCountry">The ICCT country it is counted under (<c>icct_country</c>), e.g. <c>Denmark</c> for the Faroe Islands.</param>
/// <param name="UnCountry">UN name (<c>un_country</c>).</param>
/// <param name="IsTerritory">
/// <see langword="true"/> when the code is not the ICCT country's own code but a territory counted under it (e.g. FRO under
/// Denmark, PRI under the United States): several codes share that ICCT country and this one's UN or ISO name is not it.
/// </param>
/// <param name="SourceId">Id in <see cref="MineralDataset.Sources"/>.</param>
/// <param name="File">File the row comes from.</param>
/// <param name="Row">1-based line number.</param>
public sealed record BuschRegionCountry(string Iso3, string IcctCountry, string UnCountry, bool IsTerritory, string SourceId, string File, int Row);

/// <summary>A Busch (ICCT) region and the codes it lists.</summary>
/// <param name="Name">Region name, e.g. <c>European Union</c>, <c>ASEAN</c>.</param>
/// <param name="Countries">Listed codes in file order, territories included.</param>
public sealed record BuschRegion(string Name, IReadOnlyList<BuschRegionCountry> Countries)
{
    /// <summary>The codes of the region that are not territories (the sovereign ICCT countries).</summary>
    public IReadOnlyList<BuschRegionCountry> SovereignCountries => Countries.Where(c => !c.IsTerritory).ToArray();
}

/// <summary>Lithium unit conversions.</summary>
public static class LithiumUnits
{
    /// <summary>Tonnes of lithium carbonate equivalent (Li2CO3) per tonne of lithium content: 73.89 / (2 × 6.941) = 5.323 (stoichiometry).</summary>
    public const double LcePerLi = 5.323;

    /// <summary>Converts lithium content to lithium carbonate equivalent (same mass unit).</summary>
    /// <param name="lithiumContent">Mass of lithium content.</param>
    /// <returns>Mass of LCE.</returns>
    public static double ToLce(double lithiumContent) => lithiumContent * LcePerLi;

    /// <summary>Converts lithium carbonate equivalent to lithium content (same mass unit).</summary>
    /// <param name="lce">Mass of LCE.</param>
    /// <returns>Mass of lithium content.</returns>
    public static double FromLce(double lce) => lce / LcePerLi;
}

using System.Globalization;

namespace CriticalMinerals.Data.Loading;

/// <summary>File names of the Busch et al. (2025) inputs, relative to a dataset directory (forward slashes).</summary>
internal static class Busch2025Files
{
    public const string Deposit = "busch2025/Deposit.csv";
    public const string Demand = "busch2025/Demand.csv";
    public const string DemandRegion = "busch2025/Demand_Region.csv";
    public const string Recycling = "busch2025/Recycling.csv";
    public const string Battery = "busch2025/battery_region.csv";
    public const string Intensity = "busch2025/mineral_intensity.csv";
    public const string Regions = "busch2025/region_countries.csv";
    public const string ScenarioFolder = "busch2025/deposit_scenarios/";

    /// <summary>The CSV files the loader reads, deposit variants apart.</summary>
    public static readonly IReadOnlyList<string> Tables = [Regions, Intensity, Demand, DemandRegion, Recycling, Battery, Deposit];

    /// <summary>Files copied along with the tables (licence and provenance).</summary>
    public static readonly IReadOnlyList<string> Documents = ["busch2025/LICENSE", "busch2025/README.md"];

    private const string ScenarioResourcePrefix = "CriticalMinerals.Data.Default.busch2025.deposit_scenarios.";

    /// <summary>The deposit-variant files of the embedded copy, e.g. <c>busch2025/deposit_scenarios/NoTax.csv</c>, ordinal order.</summary>
    public static IReadOnlyList<string> EmbeddedScenarioFiles { get; } = typeof(Busch2025Files).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ScenarioResourcePrefix, StringComparison.Ordinal))
        .Select(n => ScenarioFolder + n[ScenarioResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Every file of the embedded copy.</summary>
    public static IEnumerable<string> All => Tables.Concat(EmbeddedScenarioFiles).Concat(Documents);
}

/// <summary>Reads and cross-checks the Busch et al. (2025) files; logs every problem and returns <see langword="null"/> if any.</summary>
internal static class Busch2025Loader
{
    /// <summary>The library-owned source id of these figures (<c>library_sources.csv</c>).</summary>
    public const string SourceId = "B25";

    private const int FirstYear = 2022;
    private const int LastYear = 2070;

    /// <summary>Relative tolerance of Σ regions (t) / 1000 against the world figure (kt): the files agree to 5e-15 (15 printed digits).</summary>
    private const double RegionSumTolerance = 1e-9;

    private static readonly string[] DepositColumns =
    [
        "d", "Country", "Deposit_Name", "Resource_Type", "Latitude", "Longitude", "Status", "Status_Delay", "Grade_percLi_Reserve",
        "grade_resource", "grade_resource_inferred", "open_mine", "reserve", "resource_demostrated", "resource_inferred", "all_resource",
        "cost1", "cost2", "cost3", "max_prod_rate", "max_ramp_up", "cost_expansion", "cost_opening", "cost_source", "prod_rate2022",
        "prod_rate2023", "prod_rate2025", "prod_rate2030", "delay_years", "Resource_Type_orig", "edb", "wgi", "wcr", "Corporate_Tax_Rate",
        "cost1_noTax", "cost2_noTax", "cost3_noTax", "label_name",
    ];

    private static readonly string[] DemandColumns = ["t", "Scenario", "Demand"];
    private static readonly string[] DemandRegionColumns = ["t", "Region", "Scenario", "Demand"];
    private static readonly string[] RecyclingColumns = ["Scenario", "Region", "t", "Recycling"];
    private static readonly string[] BatteryColumns = ["Powertrain", "Year", "Region", "chemistry", "MWh", "unit", "share_units", "kwh_veh", "kwh_veh_total"];
    private static readonly string[] IntensityColumns = ["mineral", "chemistry", "kg_per_kwh"];
    private static readonly string[] RegionColumns = ["region", "icct_country", "un_country", "iso3"];

    private static readonly Dictionary<string, bool> Booleans = new(StringComparer.Ordinal) { ["TRUE"] = true, ["FALSE"] = false };

    /// <summary>Codes outside ISO 3166-1 that the region list uses: Kosovo's user-assigned code (EU, IMF, World Bank usage).</summary>
    internal static readonly IReadOnlyDictionary<string, string> UserAssignedCodes = new Dictionary<string, string>(StringComparer.Ordinal) { ["XKX"] = "Kosovo" };

    /// <summary>Deposit country names that are not an ISO 3166-1 name (the ISO list says e.g. "Russian Federation").</summary>
    internal static readonly IReadOnlyDictionary<string, string> CountryAliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Bolivia"] = "BOL",
        ["Czech Republic"] = "CZE",
        ["DR Congo"] = "COD",
        ["Russia"] = "RUS",
        ["Tanzania"] = "TZA",
    };

    public static Busch2025Data? Read(
        Func<string, byte[]?> read,
        IReadOnlyList<string> scenarioFiles,
        IReadOnlyDictionary<string, string> known,
        IReadOnlyDictionary<string, Source> sources,
        ProblemLog log)
    {
        int before = log.Count;
        if (!sources.ContainsKey(SourceId))
        {
            log.Add(DefaultFiles.LibrarySources, 1, "source_id", "(no row " + SourceId + ")", $"a row for {SourceId}, the source of the busch2025/ files");
            return null;
        }

        var regions = ReadRegions(Table(Busch2025Files.Regions, RegionColumns), known, log);
        var regionNames = regions.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var intensities = ReadIntensities(Table(Busch2025Files.Intensity, IntensityColumns), log);
        var chemistries = intensities.Select(i => i.Chemistry).ToHashSet(StringComparer.Ordinal);
        var world = ReadWorldDemand(Table(Busch2025Files.Demand, DemandColumns), log);
        var scenarios = world.Select(w => w.Scenario).ToHashSet(StringComparer.Ordinal);
        var regional = ReadRegionalDemand(Table(Busch2025Files.DemandRegion, DemandRegionColumns), regionNames, scenarios, log);
        var recycling = ReadRecycling(Table(Busch2025Files.Recycling, RecyclingColumns), regionNames, scenarios, log);
        var battery = ReadBattery(Table(Busch2025Files.Battery, BatteryColumns), regionNames, chemistries, log);
        var isoByName = IsoNames(known);
        var deposits = ReadDeposits(Table(Busch2025Files.Deposit, DepositColumns), isoByName, log);
        var variants = new SortedDictionary<string, IReadOnlyList<LithiumDeposit>>(StringComparer.Ordinal);
        foreach (var file in scenarioFiles)
        {
            variants[Path.GetFileNameWithoutExtension(file)] = ReadDeposits(Table(file, DepositColumns), isoByName, log);
        }

        if (regions.Count > 0 && world.Count > 0)
        {
            CheckRegionsAddUp(world, regional, regionNames, log);
            CheckScenarios(world, recycling.Select(r => r.Scenario), Busch2025Files.Recycling, log);
        }

        return log.Count > before
            ? null
            : new Busch2025Data(SourceId, deposits, variants, world, regional, recycling, battery, intensities, regions);

        CsvTable? Table(string file, string[] columns) => CsvTable.Read(file, read(file), columns, log);
    }

    private static List<BuschRegion> ReadRegions(CsvTable? table, IReadOnlyDictionary<string, string> known, ProblemLog log)
    {
        if (table is null)
        {
            return [];
        }

        var rows = new List<(string Region, string Icct, string Un, string Iso3, int Line)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var region = r.Required("region");
            var icct = r.Required("icct_country");
            var un = r.Required("un_country");
            var iso3 = r.Required("iso3");
            if (iso3 is not null && !known.ContainsKey(iso3) && !UserAssignedCodes.ContainsKey(iso3))
            {
                r.Problem("iso3", iso3, "an ISO 3166-1 alpha-3 code of iso3166.csv (or XKX, Kosovo)");
            }
            else if (iso3 is not null && !seen.TryAdd(iso3, r.Line))
            {
                r.Problem("iso3", iso3, string.Create(CultureInfo.InvariantCulture, $"each code in one region once (first at row {seen[iso3]})"));
            }

            if (r.Ok)
            {
                rows.Add((region!, icct!, un!, iso3!, r.Line));
            }
        }

        // A territory is a code counted under an ICCT country that several codes share, whose own names are not that country's.
        bool IsOwnCode((string Region, string Icct, string Un, string Iso3, int Line) x) =>
            string.Equals(x.Un, x.Icct, StringComparison.OrdinalIgnoreCase)
            || string.Equals(known.GetValueOrDefault(x.Iso3), x.Icct, StringComparison.OrdinalIgnoreCase);
        var territories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(x => (x.Region, x.Icct)).Where(g => g.Count() > 1))
        {
            var own = group.Where(IsOwnCode).ToArray();
            if (own.Length != 1)
            {
                var first = group.First();
                log.Add(table.File, first.Line, "icct_country", first.Icct, $"exactly one code of the {group.Count()} codes counted under {first.Icct} whose un_country or ISO name is {first.Icct} (found {own.Length}): the others are its territories");
                continue;
            }

            territories.UnionWith(group.Where(x => x.Iso3 != own[0].Iso3).Select(x => x.Iso3));
        }

        return rows.GroupBy(x => x.Region, StringComparer.Ordinal)
            .Select(g => new BuschRegion(g.Key, g.Select(x => new BuschRegionCountry(x.Iso3, x.Icct, x.Un, territories.Contains(x.Iso3), SourceId, table.File, x.Line)).ToArray()))
            .ToList();
    }

    private static List<MineralIntensity> ReadIntensities(CsvTable? table, ProblemLog log) =>
        ReadUnique<MineralIntensity, (string, string)>(table, log, "mineral/chemistry", (r, file) =>
        {
            var mineral = r.Required("mineral");
            var chemistry = r.Required("chemistry");
            var value = r.Number("kg_per_kwh", max: 10);
            return r.Ok ? ((mineral!, chemistry!), $"{mineral},{chemistry}", new MineralIntensity(mineral!, chemistry!, value!.Value, SourceId, file, r.Line)) : null;
        });

    private static List<BuschWorldDemand> ReadWorldDemand(CsvTable? table, ProblemLog log) =>
        ReadUnique<BuschWorldDemand, (string, int)>(table, log, "year/scenario", (r, file) =>
        {
            var year = ModelYear(r, "t");
            var scenario = r.Required("Scenario");
            var value = r.Number("Demand");
            return r.Ok ? ((scenario!, year!.Value), $"{year},{scenario}", new BuschWorldDemand(year.Value, scenario!, value!.Value, SourceId, file, r.Line)) : null;
        });

    private static List<BuschRegionalDemand> ReadRegionalDemand(CsvTable? table, HashSet<string> regions, HashSet<string> scenarios, ProblemLog log) =>
        ReadUnique<BuschRegionalDemand, (string, string, int)>(table, log, "year/region/scenario", (r, file) =>
        {
            var year = ModelYear(r, "t");
            var region = OneOf(r, "Region", regions, "region", Busch2025Files.Regions);
            var scenario = OneOf(r, "Scenario", scenarios, "scenario", Busch2025Files.Demand);
            var value = r.Number("Demand");
            return r.Ok ? ((scenario!, region!, year!.Value), $"{year},{region},{scenario}", new BuschRegionalDemand(year.Value, region!, scenario!, value!.Value, SourceId, file, r.Line)) : null;
        });

    private static List<BuschRecycling> ReadRecycling(CsvTable? table, HashSet<string> regions, HashSet<string> scenarios, ProblemLog log) =>
        ReadUnique<BuschRecycling, (string, string, int)>(table, log, "scenario/region/year", (r, file) =>
        {
            var scenario = OneOf(r, "Scenario", scenarios, "scenario", Busch2025Files.Demand);
            var region = OneOf(r, "Region", regions, "region", Busch2025Files.Regions);
            var year = ModelYear(r, "t");
            var value = r.Number("Recycling");
            return r.Ok ? ((scenario!, region!, year!.Value), $"{scenario},{region},{year}", new BuschRecycling(scenario!, region!, year.Value, value!.Value, SourceId, file, r.Line)) : null;
        });

    private static List<BatteryDemandRecord> ReadBattery(CsvTable? table, HashSet<string> regions, HashSet<string> chemistries, ProblemLog log) =>
        ReadUnique<BatteryDemandRecord, (string, int, string, string)>(table, log, "powertrain/year/region/chemistry", (r, file) =>
        {
            var powertrain = r.Required("Powertrain");
            var year = ModelYear(r, "Year");
            var region = OneOf(r, "Region", regions, "region", Busch2025Files.Regions);
            var chemistry = OneOf(r, "chemistry", chemistries, "chemistry", Busch2025Files.Intensity);
            var mwh = r.Number("MWh");
            var vehicles = r.Number("unit");
            var share = r.Number("share_units", max: 1);
            var kwh = r.Number("kwh_veh");
            var kwhTotal = r.Number("kwh_veh_total");
            return r.Ok
                ? ((powertrain!, year!.Value, region!, chemistry!), $"{powertrain},{year},{region},{chemistry}",
                    new BatteryDemandRecord(powertrain!, year.Value, region!, chemistry!, mwh!.Value, vehicles!.Value, share!.Value, kwh!.Value, kwhTotal!.Value, SourceId, file, r.Line))
                : null;
        });

    /// <summary>Reads each row with <paramref name="read"/> (null when the row has a problem) and keeps rows whose key is new.</summary>
    private static List<T> ReadUnique<T, TKey>(CsvTable? table, ProblemLog log, string keyName, Func<RowReader, string, (TKey Key, string Shown, T Record)?> read)
        where TKey : notnull
    {
        var result = new List<T>();
        if (table is null)
        {
            return result;
        }

        var keys = new Dictionary<TKey, int>();
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            if (read(r, table.File) is { } x && Unique(r, keys, x.Key, x.Shown, keyName))
            {
                result.Add(x.Record);
            }
        }

        return result;
    }

    private static List<LithiumDeposit> ReadDeposits(CsvTable? table, Dictionary<string, string> isoByName, ProblemLog log)
    {
        var result = new List<LithiumDeposit>();
        if (table is null)
        {
            return result;
        }

        var ids = new Dictionary<int, int>();
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var id = Integer(r, "d", 1);
            var country = r.Required("Country");
            string? iso3 = null;
            if (country is not null && !isoByName.TryGetValue(country, out iso3) && !CountryAliases.TryGetValue(country, out iso3))
            {
                r.Problem("Country", country, "a country name of iso3166.csv or of the alias table (" + string.Join(", ", CountryAliases.Select(a => a.Key + " = " + a.Value)) + ")");
            }

            var name = r.Required("Deposit_Name");
            var type = r.Required("Resource_Type");
            var latitude = r.Number("Latitude", min: -90, max: 90);
            var longitude = r.Number("Longitude", min: -180, max: 180);
            var status = r.Required("Status");
            var statusDelay = r.Required("Status_Delay");
            var grade = NumberOrNa(r, "Grade_percLi_Reserve");
            var gradeResource = NumberOrNa(r, "grade_resource");
            var gradeInferred = NumberOrNa(r, "grade_resource_inferred");
            var open = r.Enum("open_mine", Booleans);
            var reserve = r.Number("reserve");
            var demonstrated = r.Number("resource_demostrated");
            var inferred = r.Number("resource_inferred");
            var all = r.Number("all_resource");
            var cost1 = Positive(r, "cost1");
            var cost2 = Positive(r, "cost2");
            var cost3 = Positive(r, "cost3");
            var maxRate = r.Number("max_prod_rate");
            var rampUp = r.Number("max_ramp_up");
            var expansion = Positive(r, "cost_expansion");
            var opening = r.Number("cost_opening");
            var costSource = r.Required("cost_source");
            var rate2022 = r.Number("prod_rate2022");
            var rate2023 = r.Number("prod_rate2023");
            var rate2025 = r.Number("prod_rate2025");
            var rate2030 = r.Number("prod_rate2030");
            var delay = Integer(r, "delay_years", 0);
            var typeOriginal = r.Required("Resource_Type_orig");
            var edb = r.Number("edb", max: 100);
            var wgi = r.Number("wgi", min: double.MinValue);
            var wcr = r.Number("wcr", min: double.MinValue);
            var tax = r.Number("Corporate_Tax_Rate", max: 1);
            var cost1NoTax = Positive(r, "cost1_noTax");
            var cost2NoTax = Positive(r, "cost2_noTax");
            var cost3NoTax = Positive(r, "cost3_noTax");
            var label = r.Optional("label_name");
            if (id is { } key && !ids.TryAdd(key, r.Line))
            {
                r.Problem("d", r.Raw("d").Trim(), string.Create(CultureInfo.InvariantCulture, $"each deposit id once (first at row {ids[key]})"));
            }

            if (r.Ok)
            {
                result.Add(new LithiumDeposit(
                    id!.Value, country!, iso3!, name!, type!, latitude!.Value, longitude!.Value, status!, statusDelay!, grade, gradeResource, gradeInferred, open!.Value,
                    reserve!.Value, demonstrated!.Value, inferred!.Value, all!.Value, cost1!.Value, cost2!.Value, cost3!.Value, maxRate!.Value, rampUp!.Value,
                    expansion!.Value, opening!.Value, costSource!, rate2022!.Value, rate2023!.Value, rate2025!.Value, rate2030!.Value, delay!.Value, typeOriginal!,
                    edb!.Value, wgi!.Value, wcr!.Value, tax!.Value, cost1NoTax!.Value, cost2NoTax!.Value, cost3NoTax!.Value, label, SourceId, table.File, r.Line));
            }
        }

        return result;
    }

    /// <summary>Every year and scenario of Demand.csv needs one row per region, and Σ regions (t) / 1000 must equal the world figure (kt).</summary>
    private static void CheckRegionsAddUp(List<BuschWorldDemand> world, List<BuschRegionalDemand> regional, HashSet<string> regions, ProblemLog log)
    {
        var byKey = regional.GroupBy(d => (d.Scenario, d.Year)).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var w in world)
        {
            var rows = byKey.GetValueOrDefault((w.Scenario, w.Year)) ?? [];
            var missing = regions.Except(rows.Select(d => d.Region), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (missing.Length > 0)
            {
                log.Add(w.File, w.Row, "(row)", string.Create(CultureInfo.InvariantCulture, $"{w.Year},{w.Scenario}"), $"a row of {Busch2025Files.DemandRegion} for every region; missing: {string.Join(", ", missing)}");
                continue;
            }

            double sumKt = rows.Sum(d => d.DemandTonnes) / 1000.0;
            if (Math.Abs(sumKt - w.DemandKt) > RegionSumTolerance * Math.Max(Math.Abs(w.DemandKt), 1e-12))
            {
                log.Add(w.File, w.Row, "Demand", w.DemandKt.ToString("R", CultureInfo.InvariantCulture), string.Create(
                    CultureInfo.InvariantCulture,
                    $"the sum of the regions of {Busch2025Files.DemandRegion} / 1000 = {sumKt:R} kt within {RegionSumTolerance:G} relative ({Busch2025Files.DemandRegion} is in t Li, {Busch2025Files.Demand} in kt Li)"));
            }
        }
    }

    private static void CheckScenarios(List<BuschWorldDemand> world, IEnumerable<string> present, string file, ProblemLog log)
    {
        var found = present.ToHashSet(StringComparer.Ordinal);
        foreach (var first in world.GroupBy(w => w.Scenario, StringComparer.Ordinal).Select(g => g.First()).Where(w => !found.Contains(w.Scenario)))
        {
            log.Add(first.File, first.Row, "Scenario", first.Scenario, "a scenario that " + file + " also has");
        }
    }

    private static Dictionary<string, string> IsoNames(IReadOnlyDictionary<string, string> known)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, name) in known)
        {
            if (!KnownCountries.Aggregates.ContainsKey(code))
            {
                result.TryAdd(name, code);
            }
        }

        return result;
    }

    private static bool Unique<TKey>(RowReader r, Dictionary<TKey, int> keys, TKey key, string shown, string what)
        where TKey : notnull
    {
        if (keys.TryAdd(key, r.Line))
        {
            return true;
        }

        r.Problem("(row)", shown, string.Create(CultureInfo.InvariantCulture, $"one row per {what} (first at row {keys[key]})"));
        return false;
    }

    private static int? ModelYear(RowReader r, string column)
    {
        var year = r.Year(column);
        if (year is < FirstYear or > LastYear)
        {
            r.Problem(column, r.Raw(column).Trim(), string.Create(CultureInfo.InvariantCulture, $"a year of the model, {FirstYear}..{LastYear}"));
            return null;
        }

        return year;
    }

    /// <summary>A required value that must be in <paramref name="known"/> (the values of <paramref name="file"/>; not checked when that file gave none).</summary>
    private static string? OneOf(RowReader r, string column, HashSet<string> known, string noun, string file)
    {
        var value = r.Required(column);
        if (value is not null && known.Count > 0 && !known.Contains(value))
        {
            r.Problem(column, value, $"a {noun} of {file}");
            return null;
        }

        return value;
    }

    private static double? NumberOrNa(RowReader r, string column) =>
        r.Raw(column).Trim() == "NA" ? null : r.Number(column);

    private static double? Positive(RowReader r, string column)
    {
        var value = r.Number(column);
        if (value is 0)
        {
            r.Problem(column, r.Raw(column).Trim(), "a positive cost (USD per t Li)");
            return null;
        }

        return value;
    }

    private static int? Integer(RowReader r, string column, int min)
    {
        var v = r.Required(column);
        if (v is null)
        {
            return null;
        }

        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i < min)
        {
            r.Problem(column, v, string.Create(CultureInfo.InvariantCulture, $"an integer of at least {min}"));
            return null;
        }

        return i;
    }
}

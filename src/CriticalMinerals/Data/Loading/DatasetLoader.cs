using System.Globalization;
using System.Text.RegularExpressions;

namespace CriticalMinerals.Data.Loading;

/// <summary>Reads, validates and assembles all files of a dataset; throws once with every problem.</summary>
internal static partial class DatasetLoader
{
    private static readonly string[] SourceColumns = ["source_id", "source", "source_url"];
    private static readonly string[] CommodityColumns =
    [
        "code", "name", "model_unit", "iea_supply_mineral", "iea_supply_unit", "iea_demand_mineral", "iea_demand_unit",
        "usgs_mineral", "usgs_mining_unit", "usgs_refining_unit", "usgs_reserves_unit", "usgs_to_model_factor", "trap",
    ];

    private static readonly string[] OtherMineralColumns = ["file", "mineral", "stage", "measure", "unit"];
    private static readonly string[] IsoColumns = ["iso3", "name"];
    private static readonly string[] SupplyColumns = ["mineral", "country", "iso3", "stage", "year", "case", "value", "unit", "share_of_world", "note", "source_id"];
    private static readonly string[] DemandColumns = ["mineral", "scenario", "year", "component", "value", "unit", "note", "source_id"];
    private static readonly string[] UsgsColumns = ["mineral", "country", "iso3", "stage", "measure", "year", "value", "value_raw", "unit", "estimated", "source_edition", "source_type", "note", "source_id"];
    private static readonly string[] GroupColumns = ["group", "country", "iso3", "note", "source_id"];
    private static readonly string[] PolicyColumns = ["policy", "jurisdiction", "parameter", "year", "operator", "value", "unit", "applies_to", "note", "source_id"];
    private static readonly string[] ShareColumns = ["mineral", "country", "stage", "year", "value", "unit", "vintage", "exactness", "note", "source_id"];

    internal static readonly IReadOnlyDictionary<string, SupplyStage> SupplyStages = new Dictionary<string, SupplyStage>(StringComparer.Ordinal)
    {
        ["mining"] = SupplyStage.Mining,
        ["refining"] = SupplyStage.Refining,
    };

    internal static readonly IReadOnlyDictionary<string, SupplyCase> SupplyCases = new Dictionary<string, SupplyCase>(StringComparer.Ordinal)
    {
        ["observed"] = SupplyCase.Observed,
        ["base_case_projection"] = SupplyCase.BaseCaseProjection,
    };

    internal static readonly IReadOnlyDictionary<string, DemandScenario> Scenarios = new Dictionary<string, DemandScenario>(StringComparer.Ordinal)
    {
        ["observed"] = DemandScenario.Observed,
        ["STEPS"] = DemandScenario.Steps,
        ["APS"] = DemandScenario.Aps,
        ["NZE"] = DemandScenario.Nze,
    };

    internal static readonly IReadOnlyDictionary<string, UsgsStage> UsgsStages = new Dictionary<string, UsgsStage>(StringComparer.Ordinal)
    {
        ["mining"] = UsgsStage.Mining,
        ["refining"] = UsgsStage.Refining,
        ["reserves"] = UsgsStage.Reserves,
    };

    internal static readonly IReadOnlyDictionary<string, UsgsMeasure> UsgsMeasures = new Dictionary<string, UsgsMeasure>(StringComparer.Ordinal)
    {
        ["production"] = UsgsMeasure.Production,
        ["reserves"] = UsgsMeasure.Reserves,
        ["capacity"] = UsgsMeasure.Capacity,
    };

    private static readonly Dictionary<string, bool?> Estimated = new(StringComparer.Ordinal)
    {
        ["yes"] = true,
        ["no"] = false,
        ["n/a"] = null,
    };

    private static readonly string[] Operators = [">=", "<=", "=="];

    /// <summary>The year of the observed supply rows (the model's base year, <c>CoalitionAnalysis.BaseYear</c>).</summary>
    internal const int ObservedSupplyYear = 2024;

    /// <summary>Loads the embedded default dataset.</summary>
    public static MineralDataset LoadEmbedded(DatasetLoadOptions options) =>
        Load(DefaultFiles.ReadEmbedded, options);

    /// <summary>Loads a dataset from a directory (schema files and, if asked, missing data files fall back to the embedded copies).</summary>
    public static MineralDataset LoadDirectory(string directory, DatasetLoadOptions options)
    {
        if (!Directory.Exists(directory))
        {
            throw new DatasetException([new DataProblem(directory, 0, "(directory)", directory, "an existing directory")]);
        }

        return LoadFrom(new DirectorySource(directory), options);
    }

    /// <summary>Loads a dataset from named streams, with the same checks and fallbacks as a directory.</summary>
    public static MineralDataset LoadStreams(IReadOnlyDictionary<string, Stream> streams, DatasetLoadOptions options) =>
        LoadFrom(new StreamSource(streams), options);

    /// <summary>
    /// A reader's text as UTF-8 bytes, read in chunks up to <paramref name="maxChars"/> characters (one more is read to
    /// notice a larger text, which then fails the size check of the stream loader with the file's name).
    /// </summary>
    internal static MemoryStream Utf8Of(string name, TextReader reader, long maxChars)
    {
        ArgumentNullException.ThrowIfNull(reader, name);
        var text = new System.Text.StringBuilder();
        var buffer = new char[8192];
        int read;
        while (text.Length <= maxChars && (read = reader.Read(buffer, 0, (int)Math.Min(buffer.Length, maxChars + 1 - text.Length))) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Loads a dataset from a source of files (schema files and, if asked, missing data files fall back to the embedded copies).</summary>
    private static MineralDataset LoadFrom(DataSource source, DatasetLoadOptions options)
    {
        var unreadable = new List<DataProblem>();
        var fromJson = new Dictionary<string, (string Json, IReadOnlyList<int> LineToObject)>(StringComparer.Ordinal);
        var extended = new Dictionary<string, int>(StringComparer.Ordinal);
        var fallbacks = new List<string>();
        byte[]? Read(string file)
        {
            var given = ReadGiven(file);
            if (given is null && !unreadable.Exists(p => p.File == file || p.File == JsonRows.JsonName(file)) && (DefaultFiles.SchemaFiles.Contains(file) || options.FallBackToDefaults))
            {
                fallbacks.Add(file);
                return DefaultFiles.ReadEmbedded(file);
            }

            if (given is null || !options.ExtendDefaults || !DefaultFiles.DataFiles.Contains(file))
            {
                return given;
            }

            // The user's rows follow the embedded ones, so they meet the same checks, duplicates against the defaults included.
            var (combined, embeddedLines, problem) = DefaultExtension.Append(file, fromJson.TryGetValue(file, out var asJson) ? asJson.Json : file, DefaultFiles.ReadEmbedded(file)!, given);
            if (problem is not null)
            {
                unreadable.Add(problem);
                return null;
            }

            extended[file] = embeddedLines;
            return combined;
        }

        byte[]? ReadUser(string file)
        {
            var (bytes, problem) = source.Read(file, options.MaxFileBytes);
            if (problem is not null)
            {
                unreadable.Add(problem);
            }

            return bytes;
        }

        byte[]? ReadGiven(string file)
        {
            if (!source.Exists(file) && source.Exists(JsonRows.JsonName(file)))
            {
                // The same rows as JSON: converted to the CSV layout so they meet the same checks.
                var json = ReadUser(JsonRows.JsonName(file));
                if (json is null)
                {
                    return null;
                }

                var (csv, lineToObject, problem) = JsonRows.ToCsv(JsonRows.JsonName(file), json);
                fromJson[file] = (JsonRows.JsonName(file), lineToObject);
                if (problem is not null)
                {
                    unreadable.Add(problem);
                }

                return csv;
            }

            return source.Exists(file) ? ReadUser(file) : null;
        }

        var (entries, listProblem) = source.List(string.Empty);
        if (listProblem is not null)
        {
            throw new DatasetException([listProblem]);
        }

        unreadable.AddRange(AmbiguousNames(entries));
        var files = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var file in DefaultFiles.SchemaFiles.Concat(DefaultFiles.DataFiles))
        {
            files[file] = Read(file);
        }

        var buschScenarioFiles = ReadBusch2025Folder(source, options, files, unreadable, fallbacks, ReadUser);
        if (unreadable.Count > 0)
        {
            throw new DatasetException(unreadable);
        }

        try
        {
            var dataset = Load(f => files[f], options, buschScenarioFiles);
            dataset.FallbackFiles = fallbacks.ToArray();
            return dataset;
        }
        catch (DatasetException e) when (fromJson.Count > 0 || extended.Count > 0)
        {
            DataProblem Map(DataProblem p)
            {
                if (extended.TryGetValue(p.File, out int embeddedLines))
                {
                    if (p.Row <= embeddedLines)
                    {
                        return p with { File = "(embedded) " + p.File };
                    }

                    p = p with { Row = p.Row - embeddedLines + 1 };
                }

                return fromJson.TryGetValue(p.File, out var json) ? JsonRows.MapProblem(p, json.Json, json.LineToObject) : p;
            }

            throw new DatasetException(e.Problems.Select(Map).ToArray());
        }
    }

    /// <summary>
    /// Entries whose names equal a dataset file's but for case or extension (<c>Sources.CSV</c>, or <c>sources.json</c> next
    /// to <c>sources.csv</c>): which one is meant is ambiguous, and on a case-sensitive file system one would be skipped unseen.
    /// </summary>
    private static IEnumerable<DataProblem> AmbiguousNames(IReadOnlyList<string> entries)
    {
        var byStem = entries.ToLookup(e => Path.GetFileNameWithoutExtension(e), StringComparer.OrdinalIgnoreCase);
        foreach (var file in DefaultFiles.SchemaFiles.Concat(DefaultFiles.DataFiles))
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var json = JsonRows.JsonName(file);
            var alike = byStem[stem].Where(e => Path.GetExtension(e).ToUpperInvariant() is ".CSV" or ".JSON").Order(StringComparer.Ordinal).ToArray();
            bool ambiguous = alike.Length > 1 || alike.Any(e => e != file && e != json);
            foreach (var entry in ambiguous ? alike : [])
            {
                yield return new DataProblem(entry, 0, "(file name)", entry, $"one file named exactly {file} or {json} (found {string.Join(", ", alike)}: names that differ only by case or extension are ambiguous)");
            }
        }
    }

    private static MineralDataset Load(Func<string, byte[]?> read, DatasetLoadOptions options, IReadOnlyList<string>? buschScenarioFiles = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var log = new ProblemLog();
        var editionOption = options.UsgsEdition?.Trim() ?? string.Empty;
        if (!EditionPattern().IsMatch(editionOption))
        {
            log.Add(DefaultFiles.Usgs, 0, "source_edition", options.UsgsEdition ?? string.Empty, "DatasetLoadOptions.UsgsEdition like MCS2024");
        }

        // Schema first: ISO list, sources, commodity catalogue, other minerals.
        var isoTable = CsvTable.Read(DefaultFiles.Iso3166, read(DefaultFiles.Iso3166), IsoColumns, log);
        var known = isoTable is null ? new Dictionary<string, string>(StringComparer.Ordinal) : KnownCountries.ReadIsoList(isoTable, log);
        foreach (var (code, name) in KnownCountries.Shipped)
        {
            if (!KnownCountries.Aggregates.ContainsKey(code) || !known.ContainsKey(code))
            {
                known.TryAdd(code, name);
            }
        }

        var sources = ReadSources(CsvTable.Read(DefaultFiles.Sources, read(DefaultFiles.Sources), SourceColumns, log), log);
        AddLibrarySources(CsvTable.Read(DefaultFiles.LibrarySources, read(DefaultFiles.LibrarySources), SourceColumns, log), sources, log);
        var commodities = ReadCommodities(CsvTable.Read(DefaultFiles.Commodities, read(DefaultFiles.Commodities), CommodityColumns, log), log);
        var units = new UnitTable(commodities);
        ReadOtherMinerals(CsvTable.Read(DefaultFiles.OtherMinerals, read(DefaultFiles.OtherMinerals), OtherMineralColumns, log), units, log);

        var supply = ReadSupply(CsvTable.Read(DefaultFiles.Supply, read(DefaultFiles.Supply), SupplyColumns, log), units, known, sources, log);
        var demand = ReadDemand(CsvTable.Read(DefaultFiles.Demand, read(DefaultFiles.Demand), DemandColumns, log), units, sources, log);
        var (usgs, editions) = ReadUsgs(CsvTable.Read(DefaultFiles.Usgs, read(DefaultFiles.Usgs), UsgsColumns, log), units, known, sources, editionOption, options.RequireSingleUsgsEdition, log);
        var coalitions = ReadGroups(CsvTable.Read(DefaultFiles.Groups, read(DefaultFiles.Groups), GroupColumns, log), known, sources, log);
        var policies = ReadPolicies(CsvTable.Read(DefaultFiles.Policy, read(DefaultFiles.Policy), PolicyColumns, log), sources, log);
        var shares = ReadShares(CsvTable.Read(DefaultFiles.Shares, read(DefaultFiles.Shares), ShareColumns, log), sources, log);
        var busch = Busch2025Loader.Read(read, buschScenarioFiles ?? Busch2025Files.EmbeddedScenarioFiles, known, sources, log);

        if (log.Count > 0)
        {
            // File by file in load order, row by row within a file (stable: same-row problems keep column order).
            var fileOrder = log.Problems.Select(p => p.File).Distinct().ToList();
            throw new DatasetException(log.Problems.OrderBy(p => fileOrder.IndexOf(p.File)).ThenBy(p => p.Row).ToArray());
        }

        var countries = new SortedDictionary<string, Country>(StringComparer.Ordinal);
        foreach (var (code, name) in known)
        {
            countries[code] = new Country(code, name, KnownCountries.Aggregates.ContainsKey(code));
        }

        return new MineralDataset(
            editionOption,
            editions,
            commodities,
            countries,
            sources,
            supply,
            demand,
            usgs.Where(r => string.Equals(r.Edition, editionOption, StringComparison.Ordinal)).ToArray(),
            coalitions,
            policies,
            shares,
            busch!);
    }

    [GeneratedRegex("^MCS[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex EditionPattern();

    [GeneratedRegex(@"^joined (?<y>[0-9]{4})(-(?<m>[0-9]{2}))?", RegexOptions.CultureInvariant)]
    private static partial Regex JoinedPattern();

    [GeneratedRegex(@"^(?<y>[0-9]{4})\+?$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyYearPattern();

    private static SortedDictionary<string, Source> ReadSources(CsvTable? table, ProblemLog log)
    {
        var result = new SortedDictionary<string, Source>(StringComparer.Ordinal);
        if (table is null)
        {
            return result;
        }

        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var id = r.Required("source_id");
            var title = r.Required("source");
            var url = r.Optional("source_url") ?? string.Empty;
            if (id is null || title is null)
            {
                continue;
            }

            if (!result.TryAdd(id, new Source(id, title, url)))
            {
                r.Problem("source_id", id, "each source_id once");
            }
        }

        return result;
    }

    private static List<Commodity> ReadCommodities(CsvTable? table, ProblemLog log)
    {
        var result = new List<Commodity>();
        if (table is null)
        {
            return result;
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var code = r.Required("code");
            var name = r.Required("name");
            var modelUnit = r.Required("model_unit");
            var supplyMineral = r.Required("iea_supply_mineral");
            var supplyUnit = r.Required("iea_supply_unit");
            var demandMineral = r.Required("iea_demand_mineral");
            var demandUnit = r.Required("iea_demand_unit");
            var usgsMineral = r.Optional("usgs_mineral");
            var mining = r.Optional("usgs_mining_unit");
            var refining = r.Optional("usgs_refining_unit");
            var reserves = r.Optional("usgs_reserves_unit");
            var factor = r.Number("usgs_to_model_factor", allowEmpty: true);
            var trap = r.Required("trap");
            if (usgsMineral is not null && factor is null && r.Ok)
            {
                r.Problem("usgs_to_model_factor", string.Empty, "a factor to the model unit when usgs_mineral is given");
            }

            if (usgsMineral is null && (mining ?? refining ?? reserves ?? (factor is null ? null : "factor")) is not null)
            {
                r.Problem("usgs_mineral", string.Empty, "a USGS mineral code when USGS units or a factor are given");
            }

            if (code is not null && !codes.Add(code))
            {
                r.Problem("code", code, "each code once");
            }

            if (r.Ok)
            {
                result.Add(new Commodity(code!, name!, modelUnit!, supplyMineral!, supplyUnit!, demandMineral!, demandUnit!, usgsMineral, mining, refining, reserves, factor, trap!));
            }
        }

        return result;
    }

    private static void ReadOtherMinerals(CsvTable? table, UnitTable units, ProblemLog log)
    {
        if (table is null)
        {
            return;
        }

        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var file = r.Required("file");
            var mineral = r.Required("mineral");
            var unit = r.Required("unit");
            if (file is null || mineral is null || unit is null)
            {
                continue;
            }

            switch (file)
            {
                case DefaultFiles.Demand:
                    if (!units.Demand.TryAdd(mineral, unit))
                    {
                        r.Problem("mineral", mineral, "a mineral not already listed for " + file);
                    }

                    break;
                case DefaultFiles.Usgs:
                    var stage = r.Enum("stage", UsgsStages);
                    var measure = r.Enum("measure", UsgsMeasures);
                    if (stage is { } s && measure is { } m && !units.Usgs.TryAdd((mineral, s, m), unit))
                    {
                        r.Problem("mineral", mineral, "a mineral/stage/measure not already listed for " + file);
                    }

                    break;
                default:
                    r.Problem("file", file, $"{DefaultFiles.Demand} or {DefaultFiles.Usgs}");
                    break;
            }
        }
    }

    private static List<SupplyRecord> ReadSupply(CsvTable? table, UnitTable units, IReadOnlyDictionary<string, string> known, IReadOnlyDictionary<string, Source> sources, ProblemLog log)
    {
        var result = new List<SupplyRecord>();
        if (table is null)
        {
            return result;
        }

        var keys = new Dictionary<(string, string, SupplyStage, int, SupplyCase), int>();
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var mineral = r.Required("mineral");
            Commodity? commodity = null;
            if (mineral is not null && !units.SupplyByMineral.TryGetValue(mineral, out commodity))
            {
                r.Problem("mineral", mineral, "an IEA supply mineral code of the catalogue: " + string.Join(", ", units.SupplyByMineral.Keys));
            }

            var country = r.Site("iso3", "country", known);
            var stage = r.Enum("stage", SupplyStages);
            var year = r.Year("year");
            var supplyCase = r.Enum("case", SupplyCases);
            CheckCaseYear(r, supplyCase, year);

            var value = r.Number("value");
            var unit = r.Required("unit");
            if (commodity is not null && unit is not null && !string.Equals(unit, commodity.IeaSupplyUnit, StringComparison.Ordinal))
            {
                r.Problem("unit", unit, $"'{commodity.IeaSupplyUnit}' for {mineral}");
            }

            var share = r.Number("share_of_world", allowEmpty: true, max: 1.0);
            var note = r.Optional("note");
            var sourceId = r.SourceId("source_id", sources);
            if (!r.Ok)
            {
                continue;
            }

            var key = (commodity!.Code, country!.Iso3, stage!.Value, year!.Value, supplyCase!.Value);
            if (!keys.TryAdd(key, r.Line))
            {
                r.Problem("(row)", $"{mineral},{country.Iso3},{r.Raw("stage")},{year},{r.Raw("case")}", string.Create(CultureInfo.InvariantCulture, $"one row per mineral/iso3/stage/year/case (first at row {keys[key]})"));
                continue;
            }

            result.Add(new SupplyRecord(commodity.Code, country, stage.Value, year.Value, supplyCase.Value, value!.Value, unit!, share, note, sourceId!, r.Line));
        }

        CheckWorldTotals(table.File, result, log);
        return result;
    }

    /// <summary>The model reads observed supply at <see cref="ObservedSupplyYear"/> and projections after it; any other row would be dropped unseen.</summary>
    private static void CheckCaseYear(RowReader r, SupplyCase? supplyCase, int? year)
    {
        if (supplyCase is not { } c || year is not { } y)
        {
            return;
        }

        if (c == SupplyCase.Observed && y != ObservedSupplyYear)
        {
            r.Problem("year", r.Raw("year").Trim(), string.Create(CultureInfo.InvariantCulture, $"{ObservedSupplyYear} for case observed (the observed year the model reads; a row of another year would be ignored)"));
        }
        else if (c == SupplyCase.BaseCaseProjection && y <= ObservedSupplyYear)
        {
            r.Problem("year", r.Raw("year").Trim(), string.Create(CultureInfo.InvariantCulture, $"a year after {ObservedSupplyYear} for case base_case_projection (a projection of the observed year would be ignored)"));
        }
    }

    /// <summary>A World row must hold at least the sum of its named countries (0.1 % allowed for rounding); the problem names the rows.</summary>
    private static void CheckWorldTotals(string file, List<SupplyRecord> records, ProblemLog log)
    {
        var world = new Dictionary<(string, SupplyStage, int, SupplyCase), SupplyRecord>();
        var countries = new Dictionary<(string, SupplyStage, int, SupplyCase), List<SupplyRecord>>();
        foreach (var record in records)
        {
            var key = (record.Commodity, record.Stage, record.Year, record.Case);
            if (record.Country.Iso3 == "WLD")
            {
                world[key] = record;
            }
            else if (!record.Country.IsAggregate)
            {
                if (!countries.TryGetValue(key, out var list))
                {
                    countries[key] = list = [];
                }

                list.Add(record);
            }
        }

        foreach (var (key, total) in world)
        {
            if (!countries.TryGetValue(key, out var list))
            {
                continue;
            }

            double sum = list.Sum(c => c.Value);
            if (sum > (total.Value * (1 + 1e-3)) + 1e-9)
            {
                var rows = string.Join(", ", list.Take(10).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Country.Iso3} row {c.Row}")));
                log.Add(file, total.Row, "value", total.Value.ToString("R", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture,
                    $"at least the sum of its countries, {sum:R} {total.Unit} ({rows}{(list.Count > 10 ? ", ..." : string.Empty)}): a World total below its parts makes shares above 100 %"));
            }
        }
    }

    private static List<DemandRecord> ReadDemand(CsvTable? table, UnitTable units, IReadOnlyDictionary<string, Source> sources, ProblemLog log)
    {
        var result = new List<DemandRecord>();
        if (table is null)
        {
            return result;
        }

        var keys = new Dictionary<(string, DemandScenario, int, string), int>();
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var mineral = r.Required("mineral");
            string? expectedUnit = null;
            if (mineral is not null && !units.Demand.TryGetValue(mineral, out expectedUnit))
            {
                r.Problem("mineral", mineral, "an IEA demand mineral code of commodities.csv or other_minerals.csv");
            }

            var scenario = r.Enum("scenario", Scenarios);
            var year = r.Year("year");
            var component = r.Required("component");
            var value = r.Number("value");
            var unit = r.Required("unit");
            if (expectedUnit is not null && unit is not null && !string.Equals(unit, expectedUnit, StringComparison.Ordinal))
            {
                r.Problem("unit", unit, $"'{expectedUnit}' for {mineral}");
            }

            var note = r.Optional("note");
            var sourceId = r.SourceId("source_id", sources);
            if (!r.Ok)
            {
                continue;
            }

            var key = (mineral!, scenario!.Value, year!.Value, component!);
            if (!keys.TryAdd(key, r.Line))
            {
                r.Problem("(row)", $"{mineral},{r.Raw("scenario")},{year},{component}", string.Create(CultureInfo.InvariantCulture, $"one row per mineral/scenario/year/component (first at row {keys[key]})"));
                continue;
            }

            var code = units.DemandCommodity.TryGetValue(mineral!, out var c) ? c.Code : mineral!;
            result.Add(new DemandRecord(code, mineral!, scenario.Value, year.Value, component!, value!.Value, unit!, note, sourceId!, r.Line));
        }

        return result;
    }

    private static (List<UsgsRecord> Records, IReadOnlyList<string> Editions) ReadUsgs(
        CsvTable? table, UnitTable units, IReadOnlyDictionary<string, string> known, IReadOnlyDictionary<string, Source> sources, string edition, bool strict, ProblemLog log)
    {
        var result = new List<UsgsRecord>();
        var editions = new SortedSet<string>(StringComparer.Ordinal);
        if (table is null)
        {
            return (result, []);
        }

        var keys = new Dictionary<(string, string, UsgsStage, UsgsMeasure, int, string), int>();
        var usgsMinerals = units.UsgsMinerals.ToHashSet(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var mineral = r.Required("mineral");
            if (mineral is not null && !usgsMinerals.Contains(mineral))
            {
                r.Problem("mineral", mineral, "a USGS mineral code of commodities.csv or other_minerals.csv");
                mineral = null;
            }

            var country = r.Site("iso3", "country", known);
            var stage = r.Enum("stage", UsgsStages);
            var measure = r.Enum("measure", UsgsMeasures);
            var year = r.Year("year");
            var value = r.Number("value", allowEmpty: true);
            var raw = r.Required("value_raw");
            var unit = r.Required("unit");
            var estimatedText = r.Required("estimated");
            bool? estimated = null;
            if (estimatedText is not null && !Estimated.TryGetValue(estimatedText, out estimated))
            {
                r.Problem("estimated", estimatedText, "one of yes, no, n/a");
            }

            var rowEdition = r.Required("source_edition");
            if (rowEdition is not null && !EditionPattern().IsMatch(rowEdition))
            {
                r.Problem("source_edition", rowEdition, "an edition like MCS2024");
                rowEdition = null;
            }

            var sourceType = r.Required("source_type");
            var note = r.Optional("note");
            var sourceId = r.SourceId("source_id", sources);

            if (mineral is not null && stage is { } s && measure is { } m)
            {
                if ((s == UsgsStage.Reserves) != (m == UsgsMeasure.Reserves))
                {
                    r.Problem("measure", r.Raw("measure"), s == UsgsStage.Reserves ? "reserves for stage reserves" : "production or capacity for stage " + r.Raw("stage"));
                }
                else if (!units.Usgs.TryGetValue((mineral, s, m), out var expectedUnit))
                {
                    r.Problem("stage", r.Raw("stage"), $"a stage/measure that USGS data exists for {mineral} (catalogue has no {r.Raw("stage")}/{r.Raw("measure")} unit)");
                }
                else if (unit is not null && !string.Equals(unit, expectedUnit, StringComparison.Ordinal))
                {
                    r.Problem("unit", unit, $"'{expectedUnit}' for {mineral} {r.Raw("stage")}");
                }
            }

            // Withheld values stay missing: an empty value needs a non-numeric raw text, a value must match a numeric raw text.
            if (raw is not null && r.Ok)
            {
                var rawNumeric = RowReader.TryParseNumber(raw.Replace(",", string.Empty, StringComparison.Ordinal), out var rawValue);
                if (value is null && rawNumeric)
                {
                    r.Problem("value", string.Empty, $"the number of value_raw '{raw}' (a printed number is not withheld)");
                }
                else if (value is { } v && rawNumeric && v != rawValue)
                {
                    r.Problem("value", r.Raw("value"), $"the number of value_raw '{raw}'");
                }
                else if (value is not null && !rawNumeric && IsWithheldMarker(raw))
                {
                    r.Problem("value", r.Raw("value"), $"empty: value_raw '{raw}' is withheld/not available, which is missing, not a number");
                }
            }

            if (rowEdition is not null)
            {
                var isNew = editions.Add(rowEdition);
                if (strict && isNew && !string.Equals(rowEdition, edition, StringComparison.Ordinal))
                {
                    r.Problem("source_edition", rowEdition, $"only {edition} (RequireSingleUsgsEdition: editions are never mixed)");
                }
            }

            if (!r.Ok)
            {
                continue;
            }

            var key = (mineral!, country!.Iso3, stage!.Value, measure!.Value, year!.Value, rowEdition!);
            if (!keys.TryAdd(key, r.Line))
            {
                r.Problem("(row)", $"{mineral},{country.Iso3},{r.Raw("stage")},{r.Raw("measure")},{year},{rowEdition}", string.Create(CultureInfo.InvariantCulture, $"one row per mineral/iso3/stage/measure/year/edition (first at row {keys[key]})"));
                continue;
            }

            result.Add(new UsgsRecord(mineral!, country, stage.Value, measure.Value, year.Value, value, raw!, unit!, estimated, rowEdition!, sourceType!, note, sourceId!, r.Line));
        }

        if (edition.Length > 0 && editions.Count > 0 && !editions.Contains(edition))
        {
            log.Add(table.File, 0, "source_edition", edition, "an edition present in the file: " + string.Join(", ", editions));
        }

        return (result, editions.ToArray());
    }

    private static bool IsWithheldMarker(string raw) =>
        raw is "W" or "NA" or "XX" || raw.StartsWith('>') || raw.StartsWith('<');

    private static List<Coalition> ReadGroups(CsvTable? table, IReadOnlyDictionary<string, string> known, IReadOnlyDictionary<string, Source> sources, ProblemLog log)
    {
        // Dictionaries and sets: linear in the rows (a search per row took 30 s for 100k rows).
        var groups = new Dictionary<string, (List<CoalitionMember> Members, HashSet<string> Codes, int FirstRow, int LastRow)>(StringComparer.Ordinal);
        var order = new List<string>();
        if (table is null)
        {
            return [];
        }

        string? previous = null;
        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var group = r.Required("group");
            var country = r.Country("iso3", "country", known);
            if (country is { IsAggregate: true })
            {
                r.Problem("iso3", country.Iso3, "a country, not an aggregate row");
            }

            var note = r.Optional("note");
            var sourceId = r.SourceId("source_id", sources);
            if (group is not null && !string.Equals(group, previous, StringComparison.Ordinal) && groups.TryGetValue(group, out var earlier))
            {
                // A name given again further down is a second, conflicting member list, not a continuation.
                r.Problem("group", group, string.Create(CultureInfo.InvariantCulture, $"each group's rows together: {group} is already defined at rows {earlier.FirstRow}..{earlier.LastRow}"));
            }

            previous = group ?? previous;
            if (!r.Ok)
            {
                continue;
            }

            if (!groups.TryGetValue(group!, out var entry))
            {
                entry = ([], new HashSet<string>(StringComparer.Ordinal), r.Line, r.Line);
                order.Add(group!);
            }

            groups[group!] = entry with { LastRow = r.Line };
            if (!entry.Codes.Add(country!.Iso3))
            {
                r.Problem("iso3", country!.Iso3, "each country once per group " + group);
                continue;
            }

            DateOnly? joined = null;
            string? joinedText = null;
            var match = note is null ? null : JoinedPattern().Match(note);
            if (match is { Success: true })
            {
                var y = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
                var month = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 1;
                if (month is < 1 or > 12 || y is < RowReader.MinYear or > RowReader.MaxYear)
                {
                    r.Problem("note", note!, "a join date 'joined YYYY' or 'joined YYYY-MM' with a valid month and year");
                    continue;
                }

                joined = new DateOnly(y, month, 1);
                joinedText = match.Value["joined ".Length..];
            }

            entry.Members.Add(new CoalitionMember(country!.Iso3, country.Name, joined, joinedText, note, sourceId));
        }

        return order.Select(g => new Coalition(g, groups[g].Members.ToArray())).ToList();
    }

    private static List<PolicyTarget> ReadPolicies(CsvTable? table, IReadOnlyDictionary<string, Source> sources, ProblemLog log)
    {
        var result = new List<PolicyTarget>();
        if (table is null)
        {
            return result;
        }

        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var policy = r.Required("policy");
            var jurisdiction = r.Required("jurisdiction");
            var parameter = r.Required("parameter");
            var yearText = r.Required("year");
            int? fromYear = null;
            var match = yearText is null ? null : PolicyYearPattern().Match(yearText);
            if (match is { Success: true })
            {
                var y = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
                if (y is < RowReader.MinYear or > RowReader.MaxYear)
                {
                    r.Problem("year", yearText!, string.Create(CultureInfo.InvariantCulture, $"a year in {RowReader.MinYear}..{RowReader.MaxYear}"));
                }
                else
                {
                    fromYear = y;
                }
            }

            var op = r.Required("operator");
            if (op is not null && !Operators.Contains(op))
            {
                r.Problem("operator", op, "one of " + string.Join(", ", Operators));
            }

            var value = r.Number("value");
            var unit = r.Required("unit");
            var appliesTo = r.Required("applies_to");
            var note = r.Optional("note");
            var sourceId = r.SourceId("source_id", sources);
            if (r.Ok)
            {
                result.Add(new PolicyTarget(policy!, jurisdiction!, parameter!, yearText!, fromYear, op!, value!.Value, unit!, appliesTo!, note, sourceId!, r.Line));
            }
        }

        return result;
    }

    private static List<PublishedShare> ReadShares(CsvTable? table, IReadOnlyDictionary<string, Source> sources, ProblemLog log)
    {
        var result = new List<PublishedShare>();
        if (table is null)
        {
            return result;
        }

        foreach (var row in table.Rows)
        {
            var r = new RowReader(table.File, row, log);
            var mineral = r.Required("mineral");
            var country = r.Required("country");
            var stage = r.Required("stage");
            var year = r.Required("year");
            var raw = r.Required("value");
            double? value = null;
            if (raw is not null && !raw.StartsWith('>') && !raw.StartsWith('<'))
            {
                value = r.Number("value", max: 1.0);
            }

            var unit = r.Required("unit");
            var vintage = r.Required("vintage");
            var exactness = r.Required("exactness");
            var note = r.Optional("note");
            var sourceId = r.SourceId("source_id", sources);
            if (r.Ok)
            {
                result.Add(new PublishedShare(mineral!, country!, stage!, year!, value, raw!, unit!, vintage!, exactness!, note, sourceId!, r.Line));
            }
        }

        return result;
    }

    /// <summary>Expected units by file and mineral, built from the catalogue and <c>other_minerals.csv</c>.</summary>
    private sealed class UnitTable
    {
        public UnitTable(IReadOnlyList<Commodity> commodities)
        {
            foreach (var c in commodities)
            {
                SupplyByMineral.TryAdd(c.IeaSupplyMineral, c);
                DemandCommodity.TryAdd(c.IeaDemandMineral, c);
                Demand.TryAdd(c.IeaDemandMineral, c.IeaDemandUnit);
                if (c.UsgsMineral is null)
                {
                    continue;
                }

                foreach (var stage in new[] { UsgsStage.Mining, UsgsStage.Refining, UsgsStage.Reserves })
                {
                    if (c.UsgsUnit(stage) is { } unit)
                    {
                        Usgs.TryAdd((c.UsgsMineral, stage, stage == UsgsStage.Reserves ? UsgsMeasure.Reserves : UsgsMeasure.Production), unit);
                    }
                }
            }
        }

        public Dictionary<string, Commodity> SupplyByMineral { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Commodity> DemandCommodity { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Demand { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string Mineral, UsgsStage Stage, UsgsMeasure Measure), string> Usgs { get; } = [];

        public IEnumerable<string> UsgsMinerals => Usgs.Keys.Select(k => k.Mineral);
    }
}

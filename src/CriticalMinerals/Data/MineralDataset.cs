using System.Globalization;
using CriticalMinerals.Data.Loading;

namespace CriticalMinerals.Data;

/// <summary>
/// The validated, immutable dataset: commodity catalogue, IEA supply and demand, one edition of USGS figures,
/// coalitions, policy targets, published shares and sources. Every figure keeps its <c>source_id</c>.
/// </summary>
public sealed partial class MineralDataset
{
    private static readonly Lazy<MineralDataset> s_default = new(() => DatasetLoader.LoadEmbedded(new DatasetLoadOptions()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Commodity> _commodityByCode;
    private readonly Dictionary<string, Coalition> _coalitionByName;

    internal MineralDataset(
        string usgsEdition,
        IReadOnlyList<string> availableUsgsEditions,
        IReadOnlyList<Commodity> commodities,
        IReadOnlyDictionary<string, Country> countries,
        IReadOnlyDictionary<string, Source> sources,
        IReadOnlyList<SupplyRecord> supply,
        IReadOnlyList<DemandRecord> demand,
        IReadOnlyList<UsgsRecord> usgs,
        IReadOnlyList<Coalition> coalitions,
        IReadOnlyList<PolicyTarget> policyTargets,
        IReadOnlyList<PublishedShare> publishedShares,
        Busch2025Data busch2025)
    {
        UsgsEdition = usgsEdition;
        AvailableUsgsEditions = availableUsgsEditions;
        Commodities = commodities;
        Countries = countries;
        Sources = sources;
        SupplyRecords = supply;
        DemandRecords = demand;
        UsgsRecords = usgs;
        Coalitions = coalitions;
        PolicyTargets = policyTargets;
        PublishedShares = publishedShares;
        Busch2025 = busch2025;
        _commodityByCode = commodities.ToDictionary(c => c.Code, StringComparer.Ordinal);
        _coalitionByName = coalitions.ToDictionary(c => c.Name, StringComparer.Ordinal);
        SupplyYears = supply.Select(s => s.Year).Distinct().Order().ToArray();
        DemandYears = demand.Select(d => d.Year).Distinct().Order().ToArray();
        Scenarios = demand.Select(d => d.Scenario).Distinct().Order().ToArray();
    }

    /// <summary>The embedded default dataset (USGS edition MCS2024), loaded once, thread-safe.</summary>
    /// <exception cref="DatasetException">The embedded files are invalid (a packaging bug).</exception>
    public static MineralDataset Default => s_default.Value;

    /// <summary>The single USGS edition this dataset holds, e.g. <c>MCS2024</c>.</summary>
    public string UsgsEdition { get; }

    /// <summary>The USGS editions found in the source file (only <see cref="UsgsEdition"/> is kept).</summary>
    public IReadOnlyList<string> AvailableUsgsEditions { get; }

    /// <summary>The commodity catalogue.</summary>
    public IReadOnlyList<Commodity> Commodities { get; }

    /// <summary>Known codes (ISO 3166-1 list, codes of the data, aggregates) by code.</summary>
    public IReadOnlyDictionary<string, Country> Countries { get; }

    /// <summary>Sources by id.</summary>
    public IReadOnlyDictionary<string, Source> Sources { get; }

    /// <summary>All IEA supply rows.</summary>
    public IReadOnlyList<SupplyRecord> SupplyRecords { get; }

    /// <summary>All IEA demand rows, including minerals not in the catalogue.</summary>
    public IReadOnlyList<DemandRecord> DemandRecords { get; }

    /// <summary>USGS rows of <see cref="UsgsEdition"/> only, for all minerals in the file.</summary>
    public IReadOnlyList<UsgsRecord> UsgsRecords { get; }

    /// <summary>Built-in coalitions of <c>country_groups.csv</c>, in file order.</summary>
    public IReadOnlyList<Coalition> Coalitions { get; }

    /// <summary>Policy targets and thresholds.</summary>
    public IReadOnlyList<PolicyTarget> PolicyTargets { get; }

    /// <summary>Published IEA share figures of other vintages.</summary>
    public IReadOnlyList<PublishedShare> PublishedShares { get; }

    /// <summary>
    /// Files (and <c>busch2025/</c> when that whole folder is absent) that the directory given to
    /// <see cref="Load(string, DatasetLoadOptions)"/> lacked, so the embedded copies were used; empty for the embedded dataset.
    /// An answer computed from a directory is partly the embedded data when this is not empty.
    /// </summary>
    public IReadOnlyList<string> FallbackFiles { get; internal set; } = [];

    /// <summary>Years of the IEA supply table, ascending.</summary>
    public IReadOnlyList<int> SupplyYears { get; }

    /// <summary>Years of the IEA demand table, ascending.</summary>
    public IReadOnlyList<int> DemandYears { get; }

    /// <summary>Demand scenarios present, in enum order.</summary>
    public IReadOnlyList<DemandScenario> Scenarios { get; }

    /// <summary>Loads the embedded default dataset with other options (e.g. another USGS edition).</summary>
    /// <param name="options">Load options.</param>
    /// <returns>A new dataset.</returns>
    /// <exception cref="DatasetException">Lists every problem found.</exception>
    public static MineralDataset Load(DatasetLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return DatasetLoader.LoadEmbedded(options);
    }

    /// <summary>
    /// Loads a dataset from a directory holding files with the default names. The schema files
    /// (<c>commodities.csv</c>, <c>other_minerals.csv</c>, <c>iso3166.csv</c>) are taken from the embedded copy when absent;
    /// missing data files are an error unless <see cref="DatasetLoadOptions.FallBackToDefaults"/> is set. A data file may
    /// also be given as JSON (<c>x.json</c> instead of <c>x.csv</c>): an array of objects whose property names are the CSV
    /// columns; it meets the same checks, and problems name the JSON file and the object number.
    /// </summary>
    /// <param name="directory">The directory.</param>
    /// <param name="options">Load options, or <see langword="null"/> for the defaults.</param>
    /// <returns>A new dataset.</returns>
    /// <exception cref="DatasetException">Lists every problem of every file; nothing is half-loaded.</exception>
    public static MineralDataset Load(string directory, DatasetLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return DatasetLoader.LoadDirectory(directory, options ?? new DatasetLoadOptions());
    }

    /// <summary>
    /// Loads a dataset from named streams instead of a directory (a web app's uploads, files held in memory): the names are
    /// the file names of a directory (<c>iea_supply_by_country.csv</c>, <c>sources.json</c>, <c>busch2025/Deposit.csv</c>),
    /// and everything <see cref="Load(string, DatasetLoadOptions)"/> does holds: the same checks, the same fallbacks, the
    /// same size cap per stream. Each stream is read once from its current position and not disposed.
    /// </summary>
    /// <param name="files">File name to stream.</param>
    /// <param name="options">Load options, or <see langword="null"/> for the defaults.</param>
    /// <returns>A new dataset.</returns>
    /// <exception cref="DatasetException">Lists every problem of every stream; nothing is half-loaded.</exception>
    public static MineralDataset Load(IReadOnlyDictionary<string, Stream> files, DatasetLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        return DatasetLoader.LoadStreams(files, options ?? new DatasetLoadOptions());
    }

    /// <summary>
    /// Loads a dataset from named text readers (text already decoded, e.g. from a form field); as
    /// <see cref="Load(IReadOnlyDictionary{string, Stream}, DatasetLoadOptions)"/>, with the size cap applied to the text as UTF-8.
    /// </summary>
    /// <param name="files">File name to reader.</param>
    /// <param name="options">Load options, or <see langword="null"/> for the defaults.</param>
    /// <returns>A new dataset.</returns>
    /// <exception cref="DatasetException">Lists every problem of every reader; nothing is half-loaded.</exception>
    public static MineralDataset Load(IReadOnlyDictionary<string, TextReader> files, DatasetLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= new DatasetLoadOptions();
        var streams = new Dictionary<string, Stream>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, reader) in files)
            {
                streams[name] = DatasetLoader.Utf8Of(name, reader, options.MaxFileBytes);
            }

            return DatasetLoader.LoadStreams(streams, options);
        }
        finally
        {
            foreach (var stream in streams.Values)
            {
                stream.Dispose();
            }
        }
    }

    /// <summary>
    /// Loads a dataset from an Excel workbook (.xlsx): one sheet per data file, named like the CSV file without its extension
    /// (<c>iea_supply_by_country</c>, …), first row the CSV header. Every check of the CSV loader applies, and problems name
    /// the workbook, sheet, row and column; sheets the workbook lacks fall back as files do.
    /// </summary>
    /// <param name="path">The workbook.</param>
    /// <param name="options">Load options, or <see langword="null"/> for the defaults.</param>
    /// <returns>A new dataset.</returns>
    /// <exception cref="DatasetException">Every problem of the workbook and its data; nothing is half-loaded.</exception>
    public static MineralDataset LoadWorkbook(string path, DatasetLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return WorkbookDataset.Load(path, options ?? new DatasetLoadOptions());
    }

    /// <summary>Loads a dataset from an Excel workbook in a stream (an upload), as <see cref="LoadWorkbook(string, DatasetLoadOptions)"/> does from a file.</summary>
    /// <param name="workbook">The workbook's bytes, read once from the stream's position (capped like a file) and not disposed.</param>
    /// <param name="name">The name problems give the workbook (e.g. the uploaded file's name).</param>
    /// <param name="options">Load options, or <see langword="null"/> for the defaults.</param>
    /// <returns>A new dataset.</returns>
    /// <exception cref="DatasetException">Every problem of the workbook and its data; nothing is half-loaded.</exception>
    public static MineralDataset LoadWorkbook(Stream workbook, string name = "workbook.xlsx", DatasetLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return WorkbookDataset.Load(name, workbook, options ?? new DatasetLoadOptions());
    }

    /// <summary>A commodity of the catalogue by code.</summary>
    /// <param name="code">Code, e.g. <c>lithium</c>.</param>
    /// <returns>The commodity.</returns>
    /// <exception cref="ArgumentException">Unknown code.</exception>
    public Commodity GetCommodity(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _commodityByCode.TryGetValue(code, out var c)
            ? c
            : throw new ArgumentException($"Unknown commodity '{code}'; known: {string.Join(", ", _commodityByCode.Keys)}.", nameof(code));
    }

    /// <summary>A built-in coalition by name.</summary>
    /// <param name="name">Name as in <c>country_groups.csv</c>, e.g. <c>G7</c>.</param>
    /// <returns>The coalition.</returns>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public Coalition GetCoalition(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _coalitionByName.TryGetValue(name, out var c)
            ? c
            : throw new ArgumentException($"Unknown coalition '{name}'; known: {string.Join(", ", _coalitionByName.Keys)}.", nameof(name));
    }

    /// <summary>IEA supply of a commodity: per-country rows, with the World and Rest of world rows apart.</summary>
    /// <param name="commodity">Catalogue code.</param>
    /// <param name="stage">Mining or refining.</param>
    /// <param name="year">Year.</param>
    /// <param name="supplyCase">Observed or base-case projection.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ArgumentException">Unknown commodity, or no rows for that stage, year and case.</exception>
    public StageSupply Supply(string commodity, SupplyStage stage, int year, SupplyCase supplyCase)
    {
        var c = GetCommodity(commodity);
        var rows = SupplyRecords.Where(r => r.Commodity == c.Code && r.Stage == stage && r.Year == year && r.Case == supplyCase).ToArray();
        if (rows.Length == 0)
        {
            var available = SupplyRecords.Where(r => r.Commodity == c.Code && r.Stage == stage).Select(r => $"{r.Year} {r.Case}").Distinct();
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"No IEA supply rows for {c.Code} {stage} {year} {supplyCase}; available: {string.Join(", ", available)}."));
        }

        return new StageSupply(
            c.Code,
            stage,
            year,
            supplyCase,
            rows.Where(r => !r.Country.IsAggregate).ToArray(),
            rows.SingleOrDefault(r => r.Country.Iso3 == "WLD"),
            rows.SingleOrDefault(r => r.Country.Iso3 == "ROW"));
    }

    /// <summary>The IEA <c>total_demand</c> row of a commodity.</summary>
    /// <param name="commodity">Catalogue code (e.g. <c>graphite</c>, whose demand row is <c>graphite_all_grades</c>).</param>
    /// <param name="scenario">Scenario (use <see cref="DemandScenario.Observed"/> for the base year).</param>
    /// <param name="year">Year.</param>
    /// <returns>The row.</returns>
    /// <exception cref="ArgumentException">Unknown commodity or no such row.</exception>
    public DemandRecord TotalDemand(string commodity, DemandScenario scenario, int year)
    {
        var c = GetCommodity(commodity);
        return Demand(c.Code, scenario, year).SingleOrDefault(d => d.Component == "total_demand")
            ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"No IEA total_demand row for {c.Code} {scenario} {year}; demand years: {string.Join(", ", DemandYears)}."));
    }

    /// <summary>All IEA demand rows (every component) of a commodity or raw demand mineral code, scenario and year.</summary>
    /// <param name="commodityOrMineral">Catalogue code or a raw IEA demand mineral code (e.g. <c>manganese</c>).</param>
    /// <param name="scenario">Scenario.</param>
    /// <param name="year">Year.</param>
    /// <returns>The rows in file order (empty if none).</returns>
    public IReadOnlyList<DemandRecord> Demand(string commodityOrMineral, DemandScenario scenario, int year) =>
        DemandRecords.Where(d => (d.Commodity == commodityOrMineral || d.Mineral == commodityOrMineral) && d.Scenario == scenario && d.Year == year).ToArray();

    /// <summary>USGS reserves of a commodity per country in the model unit (kt), from <see cref="UsgsEdition"/> only.</summary>
    /// <param name="commodity">Catalogue code.</param>
    /// <returns>The table; withheld values are <see langword="null"/>.</returns>
    /// <exception cref="NotSupportedException">The commodity has no USGS mapping (magnet rare earths: reserves unavailable).</exception>
    /// <exception cref="ArgumentException">Unknown commodity, or the edition has no such rows.</exception>
    public UsgsTable Reserves(string commodity) => Usgs(commodity, UsgsStage.Reserves);

    /// <summary>USGS figures of a commodity per country in the model unit (kt), from <see cref="UsgsEdition"/> only.</summary>
    /// <param name="commodity">Catalogue code.</param>
    /// <param name="stage">Mining, refining or reserves (production for the first two).</param>
    /// <param name="year">Year, or <see langword="null"/> for the latest year of that stage in the edition.</param>
    /// <param name="edition">The edition the caller expects, or <see langword="null"/>; any other than <see cref="UsgsEdition"/> is an error, since editions are never mixed.</param>
    /// <returns>The table; withheld values are <see langword="null"/>, never zero.</returns>
    /// <exception cref="NotSupportedException">The commodity has no USGS mapping.</exception>
    /// <exception cref="InvalidOperationException">Another edition was asked for.</exception>
    /// <exception cref="ArgumentException">Unknown commodity, or no rows for it in this edition, stage and year.</exception>
    public UsgsTable Usgs(string commodity, UsgsStage stage, int? year = null, string? edition = null)
    {
        var c = GetCommodity(commodity);
        if (edition is not null && !string.Equals(edition, UsgsEdition, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"This dataset holds USGS edition {UsgsEdition} only; load another with DatasetLoadOptions.UsgsEdition = \"{edition}\". USGS revises past years between editions, so editions are never mixed.");
        }

        if (c.UsgsMineral is null || c.UsgsToModelFactor is not { } factor)
        {
            throw new NotSupportedException($"{c.Name} has no USGS mapping, so USGS figures (including reserves) are unavailable for it. {c.Trap}");
        }

        var measure = stage == UsgsStage.Reserves ? UsgsMeasure.Reserves : UsgsMeasure.Production;
        var rows = UsgsRecords.Where(r => r.Mineral == c.UsgsMineral && r.Stage == stage && r.Measure == measure).ToArray();
        if (rows.Length == 0)
        {
            throw new ArgumentException($"USGS edition {UsgsEdition} has no {stage} rows for {c.UsgsMineral}.", nameof(commodity));
        }

        var y = year ?? rows.Max(r => r.Year);
        rows = rows.Where(r => r.Year == y).ToArray();
        if (rows.Length == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"USGS edition {UsgsEdition} has no {stage} rows for {c.UsgsMineral} in {y}."), nameof(year));
        }

        return TableOf(c, factor, stage, y, rows);
    }

    /// <summary>One year's USGS rows of a commodity as a table in the model unit: countries apart from World and Other countries.</summary>
    private UsgsTable TableOf(Commodity c, double factor, UsgsStage stage, int year, UsgsRecord[] rowsOfYear)
    {
        UsgsAmount Convert(UsgsRecord r) => new(r, r.Value * factor);
        var world = rowsOfYear.SingleOrDefault(r => r.Country.Iso3 == "WLD");
        var other = rowsOfYear.SingleOrDefault(r => r.Country.Iso3 == "OTHER");
        return new UsgsTable(
            c.Code,
            UsgsEdition,
            stage,
            year,
            c.ModelUnit,
            rowsOfYear.Where(r => !r.Country.IsAggregate).Select(Convert).ToArray(),
            world is null ? null : Convert(world),
            other is null ? null : Convert(other));
    }
}

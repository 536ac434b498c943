namespace CriticalMinerals.Data.Loading;

/// <summary>File names of a dataset and access to the embedded default copies.</summary>
internal static class DefaultFiles
{
    public const string Usgs = "usgs_mcs_production_reserves.csv";
    public const string Supply = "iea_supply_by_country.csv";
    public const string Demand = "iea_demand_projections.csv";
    public const string Shares = "iea_published_shares.csv";
    public const string Groups = "country_groups.csv";
    public const string Policy = "policy_targets.csv";
    public const string Sources = "sources.csv";
    public const string Commodities = "commodities.csv";
    public const string OtherMinerals = "other_minerals.csv";
    public const string Iso3166 = "iso3166.csv";
    public const string LibrarySources = "library_sources.csv";

    /// <summary>The seven data files a directory must hold.</summary>
    public static readonly IReadOnlyList<string> DataFiles = [Usgs, Supply, Demand, Shares, Groups, Policy, Sources];

    /// <summary>The schema files: taken from the directory if present there, else from the embedded copy.</summary>
    public static readonly IReadOnlyList<string> SchemaFiles = [Commodities, OtherMinerals, Iso3166, LibrarySources];

    private const string ResourcePrefix = "CriticalMinerals.Data.Default.";

    /// <summary>The bytes of an embedded default file (sub-folders with '/', e.g. <c>busch2025/Demand.csv</c>), or <see langword="null"/> if there is no such resource.</summary>
    public static byte[]? ReadEmbedded(string file)
    {
        using var stream = typeof(DefaultFiles).Assembly.GetManifestResourceStream(ResourcePrefix + file.Replace('/', '.'));
        if (stream is null)
        {
            return null;
        }

        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}

/// <summary>Codes known to the library: the ISO 3166-1 list, the codes of the shipped data and the aggregates.</summary>
internal static class KnownCountries
{
    /// <summary>Aggregate codes and their names (IEA World/Rest of world, USGS World total/Other countries).</summary>
    public static readonly IReadOnlyDictionary<string, string> Aggregates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["WLD"] = "World",
        ["ROW"] = "Rest of world",
        ["OTHER"] = "Other countries",
    };

    /// <summary>Codes of groups of countries (e.g. the EU): members of a coalition, never a mine or refinery site of their own.</summary>
    public static readonly IReadOnlyDictionary<string, string> Groupings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["EUU"] = "European Union",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string>> s_shipped = new(BuildShipped, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Code to name: ISO list plus the non-ISO codes of the shipped data files (aggregates included).</summary>
    public static IReadOnlyDictionary<string, string> Shipped => s_shipped.Value;

    /// <summary>Reads the ISO list (code, name) from a table; logs problems for malformed codes.</summary>
    public static Dictionary<string, string> ReadIsoList(CsvTable table, ProblemLog log)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var code = row["iso3"];
            if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
            {
                log.Add(table.File, row.Line, "iso3", code, "three upper-case letters");
            }
            else if (!result.TryAdd(code, row["name"]))
            {
                log.Add(table.File, row.Line, "iso3", code, "each code once");
            }
        }

        return result;
    }

    private static Dictionary<string, string> BuildShipped()
    {
        var log = new ProblemLog();
        var iso = CsvTable.Read(DefaultFiles.Iso3166, DefaultFiles.ReadEmbedded(DefaultFiles.Iso3166), ["iso3", "name"], log);
        var result = iso is null ? new Dictionary<string, string>(StringComparer.Ordinal) : ReadIsoList(iso, log);
        foreach (var (code, name) in Aggregates)
        {
            result.TryAdd(code, name);
        }

        foreach (var file in new[] { DefaultFiles.Groups, DefaultFiles.Supply, DefaultFiles.Usgs })
        {
            var bytes = DefaultFiles.ReadEmbedded(file);
            if (bytes is null)
            {
                continue;
            }

            var text = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
            var records = CsvTable.Parse(file, text, log);
            if (records.Count == 0)
            {
                continue;
            }

            var header = records[0].Fields;
            var isoIndex = Array.IndexOf(header, "iso3");
            var nameIndex = Array.IndexOf(header, "country");
            if (isoIndex < 0 || nameIndex < 0)
            {
                continue;
            }

            foreach (var (_, fields, ok) in records.Skip(1))
            {
                if (ok && fields.Length == header.Length && fields[isoIndex].Length > 0)
                {
                    result.TryAdd(fields[isoIndex], fields[nameIndex]);
                }
            }
        }

        return result;
    }
}

using System.CommandLine;
using System.Globalization;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Solving;

namespace CriticalMinerals.Cli.Infrastructure;

/// <summary>Options shared by several commands. Each call creates a fresh option, so commands never share instances.</summary>
internal static class CommonOptions
{
    public static Option<string> Format() => WithChoices(
        new Option<string>("--format") { Description = "Output: table (for people), csv or json (for programs)", DefaultValueFactory = _ => "table" },
        "table", "csv", "json");

    public static Option<FileSystemInfo?> Data() => new("--data")
    {
        Description = "Your data: a directory of CSV/JSON files in the embedded layout, or an Excel workbook (.xlsx) with one sheet per file; missing files fall back to the embedded data",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return null;
            }

            string path = result.Tokens[0].Value;
            if (string.IsNullOrWhiteSpace(path) || path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                result.AddError($"--data {CliInput.Show(path)}: expected a directory of CSV/JSON files or an .xlsx workbook.");
                return null;
            }

            return Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase) ? new FileInfo(path) : new DirectoryInfo(path);
        },
    };

    public static Option<string> Recycling(string defaultBasis = "stock", string? description = null) => WithChoices(
        new Option<string>("--recycling") { Description = description ?? "Recycled supply: stock (the battery stock model, default), busch (Busch et al.'s Recycling.csv, lithium only) or none (the old basis)", DefaultValueFactory = _ => defaultBasis },
        "stock", "busch", "none");

    public static Analysis.Recycling.RecyclingBasis ParseRecycling(string value) => value switch
    {
        "none" => Analysis.Recycling.RecyclingBasis.None,
        "busch" => Analysis.Recycling.RecyclingBasis.Busch2025,
        _ => Analysis.Recycling.RecyclingBasis.StockModel,
    };

    public static Option<string?> Shift() => new("--shift") { Description = "Chemistry shift CHEMISTRY=FACTOR, e.g. LFP=2 (double the LFP share of every region-year, re-normalised): every battery mineral's demand and recycling move with it" };

    public static Modeling.Recycling.ChemistryShift[] ParseShift(string? value)
    {
        if (value is null)
        {
            return [];
        }

        var parts = value.Split('=');
        return parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double factor)
            ? [new Modeling.Recycling.ChemistryShift(parts[0].Trim(), factor)]
            : throw new ArgumentException($"--shift {CliInput.Show(value)}: expected CHEMISTRY=FACTOR, e.g. LFP=2.");
    }

    public static Option<string?> Backend() => new("--backend")
    {
        Description = "Solver backend: " + string.Join(", ", SolverBackends.All.Select(b => b.Name)) + " (default: automatic)",
    };

    public static Option<int> Year(int defaultYear = 2030) => new("--year")
    {
        Description = "Scenario year (2030, 2035, 2040; 2024 goes with the observed scenario)",
        DefaultValueFactory = _ => defaultYear,
    };

    public static Option<string> Commodity() => new("--commodity")
    {
        Description = "Commodity code: lithium, nickel, cobalt, copper, graphite, magnet_rare_earths",
        Required = true,
    };

    public static Option<string> Coalition() => new("--coalition")
    {
        Description = "A coalition of the data (US_FTA_partners_20, MSP_Minerals_Security_Partnership, G7, EU27, IPEF, ...) or NAME=ISO3,ISO3,...",
        DefaultValueFactory = _ => "MSP_Minerals_Security_Partnership",
    };

    public static Option<string> Scenario() => WithChoices(
        new Option<string>("--scenario") { Description = "IEA demand scenario: observed (with 2024), STEPS, APS, NZE", DefaultValueFactory = _ => "NZE" },
        "observed", "STEPS", "APS", "NZE", "steps", "aps", "nze");

    public static Option<string> Rules() => new("--rules")
    {
        Description = "Sourcing rules: coalition-only (the friendshoring question), open-market, or MINED,REFINED: the largest share non-members may supply of refineries' mined feed and of refined supply (e.g. 0.2,0.1)",
        DefaultValueFactory = _ => "coalition-only",
    };

    /// <summary>The largest figure a user's data may hold: far above any supply-chain quantity (world copper demand is about 2.7e4 kt).</summary>
    public const double MaxDataValue = 1e12;

    /// <summary>Loads the dataset named by <c>--data</c>, or the embedded one; a user's figure beyond <see cref="MaxDataValue"/> is bad input. Files taken from the embedded copy because <c>--data</c> lacks them are named on <paramref name="notices"/> (stderr by default).</summary>
    public static MineralDataset LoadDataset(FileSystemInfo? data, TextWriter? notices = null)
    {
        var dataset = Load(data);
        if (data is not null)
        {
            if (dataset.FallbackFiles.Count > 0)
            {
                // Said every time: an answer from --data that is partly the embedded data must never pass for the user's own.
                (notices ?? Console.Error).WriteLine($"--data {CliInput.Show(data.FullName)}: not found there, the embedded copies are used: {string.Join(", ", dataset.FallbackFiles)}");
            }

            var huge = dataset.DemandRecords.Select(r => (r.Value, What: string.Create(CultureInfo.InvariantCulture, $"{r.Mineral} demand ({r.Scenario} {r.Year}, {r.Component})"), r.Unit))
                .Concat(dataset.SupplyRecords.Select(r => (r.Value, What: string.Create(CultureInfo.InvariantCulture, $"{r.Commodity} {r.Stage.ToString().ToLowerInvariant()} of {r.Country.Iso3} ({r.Case} {r.Year})"), r.Unit)))
                .FirstOrDefault(r => !(Math.Abs(r.Value) <= MaxDataValue));
            if (huge.What is not null)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"--data {CliInput.Show(data.FullName)}: {huge.What} is {huge.Value:G6} {huge.Unit}, beyond {MaxDataValue:G3}: no supply-chain figure is that large; check the value and its unit."));
            }
        }

        return dataset;
    }

    private static MineralDataset Load(FileSystemInfo? data) => data switch
    {
        null => MineralDataset.Default,
        FileInfo workbook => MineralDataset.LoadWorkbook(workbook.FullName, new DatasetLoadOptions { FallBackToDefaults = true }),
        _ when Directory.Exists(data.FullName) => MineralDataset.Load(data.FullName, new DatasetLoadOptions { FallBackToDefaults = true }),
        _ => throw new ArgumentException($"--data {CliInput.Show(data.FullName)}: no such directory (give a directory of CSV/JSON files or an .xlsx workbook)."),
    };

    public static ISolverBackend? ResolveBackend(string? name) => name is null ? null : SolverBackends.Get(name);

    /// <summary>A coalition by name from the data, or made from <c>NAME=ISO3,ISO3,...</c>.</summary>
    public static Coalition ParseCoalition(string spec, MineralDataset dataset)
    {
        if (!spec.Contains('=', StringComparison.Ordinal))
        {
            try
            {
                return dataset.GetCoalition(spec);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--coalition {CliInput.Show(spec)}: {CliInput.Message(e)}", e);
            }
        }

        var parts = spec.Split('=', 2);
        var members = parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts[0].Trim().Length == 0 || members.Length == 0)
        {
            throw new ArgumentException($"--coalition {CliInput.Show(spec)}: expected NAME=ISO3,ISO3,...");
        }

        foreach (string member in members)
        {
            if (!(member.Length == 3 && member.All(char.IsAsciiLetter)))
            {
                throw new ArgumentException($"--coalition {CliInput.Show(spec)}: member {CliInput.Show(member)} is not an ISO 3166-1 alpha-3 code (three letters A–Z).");
            }
        }

        try
        {
            return CriticalMinerals.Data.Coalition.Create(parts[0].Trim(), members);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--coalition {CliInput.Show(spec)}: {CliInput.Message(e)}", e);
        }
    }

    public static DemandScenario ParseScenario(string value) => value.ToUpperInvariant() switch
    {
        "OBSERVED" => DemandScenario.Observed,
        "STEPS" => DemandScenario.Steps,
        "APS" => DemandScenario.Aps,
        "NZE" => DemandScenario.Nze,
        _ => throw new ArgumentException($"--scenario {CliInput.Show(value)}: expected observed, STEPS, APS or NZE."),
    };

    public static string Label(DemandScenario scenario) => scenario.Label();

    public static SourcingRules ParseRules(string value)
    {
        switch (value.ToUpperInvariant())
        {
            case "COALITION-ONLY":
                return SourcingRules.CoalitionOnly;
            case "OPEN-MARKET":
                return SourcingRules.OpenMarket;
        }

        var parts = value.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double mined) && mined is >= 0 and <= 1
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double refined) && refined is >= 0 and <= 1)
        {
            return new SourcingRules(mined, refined);
        }

        throw new ArgumentException($"--rules {CliInput.Show(value)}: expected coalition-only, open-market, or two shares in [0, 1] as MINED,REFINED (e.g. 0.2,0.1).");
    }

    private static Option<string> WithChoices(Option<string> option, params string[] choices)
    {
        option.AcceptOnlyFromAmong(choices);
        return option;
    }
}

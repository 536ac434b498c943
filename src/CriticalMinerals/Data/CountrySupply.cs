using System.Collections.Concurrent;
using System.Globalization;

namespace CriticalMinerals.Data;

/// <summary>How a country's output figure was obtained.</summary>
public enum SupplyDerivation
{
    /// <summary>The IEA names the country: its row, as published.</summary>
    IeaReported,

    /// <summary>
    /// The IEA hides the country in "Rest of world": the IEA Rest-of-world figure times the country's share of the USGS output
    /// of the countries the IEA does not name (a derived figure with two sources).
    /// </summary>
    RestOfWorldSplit,

    /// <summary>The part of the IEA Rest of world that no source attributes to a country (USGS "Other countries", or no USGS table at all).</summary>
    Unattributed,
}

/// <summary>One country's output at one stage and year, with where it comes from.</summary>
/// <param name="Country">The country; for <see cref="SupplyDerivation.Unattributed"/> the Rest-of-world aggregate.</param>
/// <param name="ValueKt">Output in the commodity's model unit (kt per year).</param>
/// <param name="Derivation">How the figure was obtained.</param>
/// <param name="Method">The method in words, e.g. <c>IEA Rest of world 2024 (23.07) × USGS MCS2024 2023 share 39.2 %</c>.</param>
/// <param name="SourceIds">Every source the figure rests on (one for a reported row, two for a split).</param>
public sealed record CountryOutput(Country Country, double ValueKt, SupplyDerivation Derivation, string Method, IReadOnlyList<string> SourceIds)
{
    /// <summary>Whether the figure is derived rather than read from one row.</summary>
    public bool IsDerived => Derivation != SupplyDerivation.IeaReported;
}

/// <summary>
/// Output of one commodity, stage, year and case per country, counting every named producer: IEA rows where the IEA names a
/// country, and the IEA "Rest of world" split over the countries it hides by their USGS output. The country rows plus
/// <see cref="Unattributed"/> add up to the IEA Rest of world plus the named rows, exactly.
/// </summary>
/// <param name="Commodity">Catalogue code.</param>
/// <param name="Stage">Mining or refining.</param>
/// <param name="Year">Year.</param>
/// <param name="Case">Observed or base-case projection.</param>
/// <param name="Unit">Model unit (kt of the commodity).</param>
/// <param name="Countries">Country rows, reported and derived, largest first.</param>
/// <param name="Unattributed">The part of Rest of world no source attributes to a country, or <see langword="null"/> where none is left.</param>
/// <param name="WorldKt">The IEA World figure, or <see langword="null"/> where the IEA gives none.</param>
/// <param name="SplitKey">The USGS table whose shares split Rest of world, or <see langword="null"/> where none applies.</param>
/// <param name="Notes">What a reader must know: the split key and its year, withheld values, proxies.</param>
public sealed record CountrySupplyTable(
    string Commodity,
    SupplyStage Stage,
    int Year,
    SupplyCase Case,
    string Unit,
    IReadOnlyList<CountryOutput> Countries,
    CountryOutput? Unattributed,
    double? WorldKt,
    UsgsTable? SplitKey,
    IReadOnlyList<string> Notes)
{
    /// <summary>Country rows and the unattributed remainder: every row that carries output.</summary>
    public IEnumerable<CountryOutput> AllRows => Unattributed is null ? Countries : Countries.Append(Unattributed);

    /// <summary>Sum of every row (country rows and the unattributed remainder).</summary>
    public double TotalKt => AllRows.Sum(r => r.ValueKt);

    /// <summary>A country's output, 0 where it has no row.</summary>
    /// <param name="iso3">ISO 3166-1 alpha-3 code.</param>
    /// <returns>kt per year.</returns>
    public double ValueOf(string iso3) => Countries.FirstOrDefault(r => r.Country.Iso3 == iso3)?.ValueKt ?? 0;

    /// <summary>The rows of the members of a coalition.</summary>
    /// <param name="coalition">The coalition.</param>
    /// <returns>The rows, largest first.</returns>
    public IReadOnlyList<CountryOutput> MembersOf(Coalition coalition)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        return Countries.Where(r => coalition.Contains(r.Country.Iso3)).ToArray();
    }
}

/// <summary>What a reconciliation row compares.</summary>
public enum ReconciliationKind
{
    /// <summary>The IEA World figure against the sum of the country rows and the unattributed remainder.</summary>
    WorldAgainstRows,

    /// <summary>The IEA figure of a country the IEA names against the USGS figure of the same country (latest USGS year of the edition).</summary>
    IeaAgainstUsgs,

    /// <summary>The IEA World figure against the USGS World total (latest USGS year of the edition).</summary>
    IeaWorldAgainstUsgsWorld,
}

/// <summary>One comparison of two figures for the same thing.</summary>
/// <param name="Commodity">Catalogue code.</param>
/// <param name="Stage">Mining or refining.</param>
/// <param name="Year">IEA year.</param>
/// <param name="Kind">What is compared.</param>
/// <param name="Iso3">The country, or <c>WLD</c>.</param>
/// <param name="FirstKt">The IEA figure (kt).</param>
/// <param name="SecondKt">The figure it is compared with (kt).</param>
/// <param name="SecondLabel">Where the second figure comes from, e.g. <c>USGS MCS2024 2023</c> or <c>sum of rows</c>.</param>
/// <param name="RelativeDifference">(first − second) / second, or <see langword="null"/> where the second is 0.</param>
/// <param name="ExceedsTolerance">Whether |difference| is over <see cref="MineralDataset.ReconciliationTolerance"/>.</param>
public sealed record ReconciliationRow(
    string Commodity,
    SupplyStage Stage,
    int Year,
    ReconciliationKind Kind,
    string Iso3,
    double FirstKt,
    double SecondKt,
    string SecondLabel,
    double? RelativeDifference,
    bool ExceedsTolerance);

public sealed partial class MineralDataset
{
    /// <summary>Relative difference above which a reconciliation row is listed as a discrepancy (10 %).</summary>
    public const double ReconciliationTolerance = 0.10;

    private const string UnattributedName = "Rest of world (unattributed)";

    // USGS has no magnet rare earths; its rare-earth-oxide mine output by country stands in as the split key only.
    private static readonly Dictionary<string, string> s_proxySplitKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["magnet_rare_earths"] = "rare_earths",
    };

    private readonly ConcurrentDictionary<(string Commodity, SupplyStage Stage, int Year, SupplyCase Case), CountrySupplyTable> _countrySupply = new();

    /// <summary>
    /// Output per country counting every named producer: the IEA row where the IEA names the country; otherwise the IEA Rest
    /// of world split over the countries it hides in proportion to their USGS output (latest year of <see cref="UsgsEdition"/>;
    /// projections use the same shares); what USGS itself lumps into "Other countries", withholds, or does not publish (refining
    /// other than copper) stays unattributed. Every derived row names its method and both sources.
    /// </summary>
    /// <param name="commodity">Catalogue code.</param>
    /// <param name="stage">Mining or refining.</param>
    /// <param name="year">Year of the IEA figures.</param>
    /// <param name="supplyCase">Observed or base-case projection.</param>
    /// <returns>The table (cached; immutable).</returns>
    /// <exception cref="ArgumentException">Unknown commodity or no IEA rows for that stage, year and case.</exception>
    public CountrySupplyTable CountrySupply(string commodity, SupplyStage stage, int year, SupplyCase supplyCase)
    {
        var iea = Supply(commodity, stage, year, supplyCase);
        return _countrySupply.GetOrAdd((iea.Commodity, stage, year, supplyCase), _ => BuildCountrySupply(iea));
    }

    /// <summary>
    /// Reconciles the sources of a commodity: per stage and IEA year, the IEA World against the sum of rows; for the observed
    /// year, the IEA against USGS for every country both name and World against World. Rows over
    /// <see cref="ReconciliationTolerance"/> are flagged.
    /// </summary>
    /// <param name="commodity">Catalogue code.</param>
    /// <returns>All comparisons, flagged ones included.</returns>
    public IReadOnlyList<ReconciliationRow> Reconcile(string commodity)
    {
        var c = GetCommodity(commodity);
        var rows = new List<ReconciliationRow>();
        foreach (var (stage, year, supplyCase) in SupplyRecords.Where(r => r.Commodity == c.Code).Select(r => (r.Stage, r.Year, r.Case)).Distinct().OrderBy(k => k.Stage).ThenBy(k => k.Year))
        {
            var table = CountrySupply(c.Code, stage, year, supplyCase);
            if (table.WorldKt is { } world)
            {
                rows.Add(Compare(c.Code, stage, year, ReconciliationKind.WorldAgainstRows, "WLD", world, table.TotalKt, "sum of rows"));
            }

            // A proxy split key (USGS rare-earth oxide for magnet rare earths) is another commodity: shares only, never compared.
            if (supplyCase != SupplyCase.Observed || c.UsgsMineral is null || UsgsTableOf(c, stage) is not { } usgs)
            {
                continue;
            }

            string label = string.Create(CultureInfo.InvariantCulture, $"USGS {usgs.Edition} {usgs.Year}");
            foreach (var row in table.Countries.Where(r => r.Derivation == SupplyDerivation.IeaReported))
            {
                if (usgs.Countries.FirstOrDefault(a => a.Record.Country.Iso3 == row.Country.Iso3)?.ValueInModelUnit is { } usgsValue)
                {
                    rows.Add(Compare(c.Code, stage, year, ReconciliationKind.IeaAgainstUsgs, row.Country.Iso3, row.ValueKt, usgsValue, label));
                }
            }

            if (table.WorldKt is { } ieaWorld && usgs.World?.ValueInModelUnit is { } usgsWorld)
            {
                rows.Add(Compare(c.Code, stage, year, ReconciliationKind.IeaWorldAgainstUsgsWorld, "WLD", ieaWorld, usgsWorld, label));
            }
        }

        return rows;
    }

    private static ReconciliationRow Compare(string commodity, SupplyStage stage, int year, ReconciliationKind kind, string iso3, double first, double second, string label)
    {
        double? relative = second != 0 ? (first - second) / second : (first == 0 ? 0 : null);
        bool exceeds = relative is { } r ? Math.Abs(r) > ReconciliationTolerance : true;
        return new ReconciliationRow(commodity, stage, year, kind, iso3, first, second, label, relative, exceeds);
    }

    /// <summary>The USGS production table whose country shares split the IEA Rest of world, or <see langword="null"/> where USGS has none for the stage.</summary>
    private UsgsTable? UsgsTableOf(Commodity commodity, SupplyStage stage)
    {
        var usgsStage = stage == SupplyStage.Mining ? UsgsStage.Mining : UsgsStage.Refining;
        string? mineral = commodity.UsgsMineral ?? s_proxySplitKeys.GetValueOrDefault(commodity.Code);
        if (mineral is null || (commodity.UsgsMineral is not null && commodity.UsgsUnit(usgsStage) is null))
        {
            return null;
        }

        var rows = UsgsRecords.Where(r => r.Mineral == mineral && r.Stage == usgsStage && r.Measure == UsgsMeasure.Production).ToArray();
        if (rows.Length == 0)
        {
            return null;
        }

        int year = rows.Max(r => r.Year);
        return TableOf(commodity, commodity.UsgsToModelFactor ?? 1, usgsStage, year, [.. rows.Where(r => r.Year == year)]);
    }

    private CountrySupplyTable BuildCountrySupply(StageSupply iea)
    {
        var commodity = GetCommodity(iea.Commodity);
        var notes = new List<string>();
        var rows = iea.Countries
            .Select(r => new CountryOutput(r.Country, r.Value, SupplyDerivation.IeaReported, string.Create(CultureInfo.InvariantCulture, $"IEA {r.Year} ({Describe(r.Case)})"), [r.SourceId]))
            .ToList();
        CountryOutput? unattributed = null;
        UsgsTable? key = null;
        if (iea.RestOfWorld is { } rest)
        {
            key = UsgsTableOf(commodity, iea.Stage);
            var named = iea.Countries.Select(r => r.Country.Iso3).ToHashSet(StringComparer.Ordinal);
            var hidden = key?.Countries.Where(a => !named.Contains(a.Record.Country.Iso3)).ToArray() ?? [];
            var withheld = hidden.Where(a => a.ValueInModelUnit is null).Select(a => $"{a.Record.Country.Iso3} ({a.Record.ValueRaw})").ToArray();
            var weighted = hidden.Where(a => a.ValueInModelUnit is > 0).ToArray();
            double other = Math.Max(0, key?.OtherCountries?.ValueInModelUnit ?? 0);
            double weight = weighted.Sum(a => a.ValueInModelUnit!.Value) + other;
            var unattributedSources = new SortedSet<string>(StringComparer.Ordinal) { rest.SourceId };
            double remainder = rest.Value;
            if (key is not null && weight > 0 && rest.Value > 0)
            {
                string proxy = commodity.UsgsMineral is null ? $" (proxy: USGS {s_proxySplitKeys[commodity.Code]} output, not {commodity.Name.ToLowerInvariant()})" : string.Empty;
                foreach (var amount in weighted)
                {
                    double share = amount.ValueInModelUnit!.Value / weight;
                    double value = rest.Value * share;
                    rows.Add(new CountryOutput(
                        amount.Record.Country,
                        value,
                        SupplyDerivation.RestOfWorldSplit,
                        string.Create(CultureInfo.InvariantCulture, $"IEA Rest of world {iea.Year} ({rest.Value:0.###}) × USGS {key.Edition} {key.Year} share {share:P1}{proxy}"),
                        [rest.SourceId, amount.Record.SourceId]));
                }

                if (key.OtherCountries is { } otherRow)
                {
                    unattributedSources.Add(otherRow.Record.SourceId);
                }

                remainder = other > 0 ? rest.Value * other / weight : 0;
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"IEA Rest of world ({rest.Value:0.###} {commodity.ModelUnit}) split over {weighted.Length} countries the IEA does not name by their USGS {key.Edition} {key.Year} output{proxy}; USGS 'Other countries' ({other / Math.Max(weight, double.Epsilon):P1} of the key) stays unattributed."));
                if (iea.Case == SupplyCase.BaseCaseProjection)
                {
                    notes.Add(string.Create(CultureInfo.InvariantCulture, $"The {iea.Year} Rest of world projection is split by the same USGS {key.Year} shares (no source projects these countries)."));
                }
            }
            else
            {
                notes.Add(iea.Stage == SupplyStage.Refining && key is null
                    ? $"No source names {commodity.Name.ToLowerInvariant()} refiners outside the IEA's list: Rest of world ({rest.Value.ToString("0.###", CultureInfo.InvariantCulture)} {commodity.ModelUnit}) stays unattributed."
                    : $"No USGS output of countries the IEA does not name: Rest of world ({rest.Value.ToString("0.###", CultureInfo.InvariantCulture)} {commodity.ModelUnit}) stays unattributed.");
            }

            if (withheld.Length > 0)
            {
                notes.Add($"USGS withholds the output of {string.Join(", ", withheld)}: no share of Rest of world is attributed to it.");
            }

            if (remainder > 0)
            {
                unattributed = new CountryOutput(
                    new Country(rest.Country.Iso3, UnattributedName, true),
                    remainder,
                    SupplyDerivation.Unattributed,
                    key is not null && weight > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"IEA Rest of world {iea.Year} × USGS {key.Edition} {key.Year} share of 'Other countries'")
                        : string.Create(CultureInfo.InvariantCulture, $"IEA Rest of world {iea.Year}, no country key"),
                    [.. unattributedSources]);
            }
        }

        return new CountrySupplyTable(
            commodity.Code,
            iea.Stage,
            iea.Year,
            iea.Case,
            commodity.ModelUnit,
            [.. rows.OrderByDescending(r => r.ValueKt).ThenBy(r => r.Country.Iso3, StringComparer.Ordinal)],
            unattributed,
            iea.World?.Value,
            key,
            notes);
    }

    private static string Describe(SupplyCase supplyCase) => supplyCase == SupplyCase.Observed ? "observed" : "base case";
}

using System.Globalization;

namespace CriticalMinerals.Data.Loading;

/// <summary>Reads typed fields of one row, logging a problem (and returning <see langword="null"/>) for each bad field.</summary>
internal sealed class RowReader(string file, CsvRow row, ProblemLog log)
{
    public const int MinYear = 1990;
    public const int MaxYear = 2100;

    private int _problemsAtStart = log.Count;

    public int Line => row.Line;

    /// <summary>Whether no problem was logged for this row since it was opened.</summary>
    public bool Ok => log.Count == _problemsAtStart;

    public void Problem(string field, string value, string expected) => log.Add(file, row.Line, field, value, expected);

    public string Raw(string column) => row[column];

    public string? Optional(string column)
    {
        var v = row[column].Trim();
        return v.Length == 0 ? null : v;
    }

    public string? Required(string column)
    {
        var v = row[column].Trim();
        if (v.Length == 0)
        {
            Problem(column, string.Empty, "a non-empty value");
            return null;
        }

        return v;
    }

    public int? Year(string column)
    {
        var v = Required(column);
        if (v is null)
        {
            return null;
        }

        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            Problem(column, v, "an integer year");
            return null;
        }

        if (year is < MinYear or > MaxYear)
        {
            Problem(column, v, string.Create(CultureInfo.InvariantCulture, $"a year in {MinYear}..{MaxYear}"));
            return null;
        }

        return year;
    }

    /// <summary>A finite number of at least <paramref name="min"/> (non-negative by default); empty is a problem unless <paramref name="allowEmpty"/>.</summary>
    public double? Number(string column, bool allowEmpty = false, double? max = null, double min = 0)
    {
        var v = row[column].Trim();
        if (v.Length == 0)
        {
            if (!allowEmpty)
            {
                Problem(column, string.Empty, "a number");
            }

            return null;
        }

        if (!TryParseNumber(v, out var d))
        {
            Problem(column, v, "a number (invariant culture, '.' as decimal point)");
            return null;
        }

        if (!double.IsFinite(d))
        {
            Problem(column, v, "a finite number");
            return null;
        }

        if (d < min)
        {
            Problem(column, v, min == 0 ? "a non-negative number" : string.Create(CultureInfo.InvariantCulture, $"a number of at least {min}"));
            return null;
        }

        if (max is { } m && d > m)
        {
            Problem(column, v, string.Create(CultureInfo.InvariantCulture, $"a number at most {m}"));
            return null;
        }

        return d;
    }

    public static bool TryParseNumber(string v, out double d) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out d);

    public T? Enum<T>(string column, IReadOnlyDictionary<string, T> values)
        where T : struct
    {
        var v = Required(column);
        if (v is null)
        {
            return null;
        }

        if (values.TryGetValue(v, out var result))
        {
            return result;
        }

        Problem(column, v, "one of " + string.Join(", ", values.Keys));
        return null;
    }

    public string? SourceId(string column, IReadOnlyDictionary<string, Source> sources)
    {
        var v = Required(column);
        if (v is null)
        {
            return null;
        }

        if (!sources.ContainsKey(v))
        {
            Problem(column, v, "a source_id listed in sources.csv");
            return null;
        }

        return v;
    }

    public Country? Country(string isoColumn, string nameColumn, IReadOnlyDictionary<string, string> known)
    {
        var code = Required(isoColumn);
        var name = Required(nameColumn);
        if (code is null || name is null)
        {
            return null;
        }

        if (!known.ContainsKey(code))
        {
            Problem(isoColumn, code, "an ISO 3166-1 alpha-3 code or an aggregate (WLD, ROW, OTHER)");
            return null;
        }

        return new Country(code, name, KnownCountries.Aggregates.ContainsKey(code));
    }

    /// <summary>
    /// A country where something is mined or refined (or an aggregate row): a group of countries such as <c>EUU</c> is a
    /// problem there, since its members have rows of their own and would be counted twice.
    /// </summary>
    public Country? Site(string isoColumn, string nameColumn, IReadOnlyDictionary<string, string> known)
    {
        var country = Country(isoColumn, nameColumn, known);
        if (country is { Iso3: var site } && KnownCountries.Groupings.TryGetValue(site, out var grouping))
        {
            Problem(isoColumn, site, $"a single country as mine or refinery site (or WLD, ROW), not the group {grouping}: its members would be counted twice");
            return null;
        }

        return country;
    }
}

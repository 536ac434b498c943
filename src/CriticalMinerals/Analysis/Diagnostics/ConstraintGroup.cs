using System.Globalization;
using CriticalMinerals.Modeling;

namespace CriticalMinerals.Analysis.Diagnostics;

/// <summary>
/// A named set of rows that may be relaxed together when a model is infeasible, for instance every
/// single-country cap, or the demand rows of one scenario. Rows in no group stay hard.
/// </summary>
/// <param name="Name">The group's name, unique among the groups of one explanation.</param>
/// <param name="Rows">Indices of the rows in the group; a row belongs to at most one group.</param>
/// <param name="Description">
/// Optional template of the sentence written for each relaxed row, in the caller's own words. Placeholders:
/// <c>{group}</c>, <c>{row}</c> (row name), <c>{op}</c> (≥ or ≤), <c>{bound}</c>, <c>{needed}</c> (the value the row
/// must be allowed to take), <c>{amount}</c> (|needed − bound|); a number placeholder takes a .NET format after a colon,
/// e.g. <c>{bound:P0}</c>. Write <c>{{</c> and <c>}}</c> for braces. Numbers are formatted with the invariant culture.
/// Example: <c>"the {bound:P0} single-country cap on refined lithium for the EU in 2030 cannot hold; it needs {needed:P0}"</c>.
/// When <see langword="null"/>, the sentence reads <c>"row cap[EU] ≤ 0.65 needs 0.78"</c>.
/// </param>
/// <param name="Weight">Cost of relaxing any row of the group by one unit of that row; finite and positive (default 1).</param>
public sealed record ConstraintGroup(string Name, IReadOnlyList<int> Rows, string? Description = null, double Weight = 1)
{
    /// <summary>
    /// Groups the rows of a model by a function of the row index (for instance a prefix of the row name);
    /// rows for which it returns <see langword="null"/> stay hard. Groups come out ordered by name, rows by index.
    /// </summary>
    /// <param name="model">The model whose rows are grouped.</param>
    /// <param name="groupOfRow">The group name of a row, or <see langword="null"/> to keep the row hard.</param>
    /// <param name="weights">Optional weight per group name; groups not listed weigh 1.</param>
    /// <param name="descriptions">Optional description template per group name.</param>
    public static IReadOnlyList<ConstraintGroup> FromRows(
        LinearModel model,
        Func<int, string?> groupOfRow,
        IReadOnlyDictionary<string, double>? weights = null,
        IReadOnlyDictionary<string, string>? descriptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groupOfRow);
        var rows = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < model.RowCount; i++)
        {
            if (groupOfRow(i) is { } name)
            {
                if (!rows.TryGetValue(name, out var list))
                {
                    rows[name] = list = [];
                }

                list.Add(i);
            }
        }

        return rows.Select(kv => new ConstraintGroup(
            kv.Key,
            kv.Value.ToArray(),
            descriptions is not null && descriptions.TryGetValue(kv.Key, out var description) ? description : null,
            weights is not null && weights.TryGetValue(kv.Key, out double weight) ? weight : 1)).ToArray();
    }

    /// <summary>
    /// Groups rows by the part of their name before the first <c>[</c> (<c>cap[EU,lithium,2030]</c> is in group <c>cap</c>),
    /// keeping hard the rows whose prefix <paramref name="isRelaxable"/> rejects.
    /// </summary>
    /// <param name="model">The model whose rows are grouped.</param>
    /// <param name="isRelaxable">Whether rows of a prefix may be relaxed; all when <see langword="null"/>.</param>
    public static IReadOnlyList<ConstraintGroup> ByNamePrefix(LinearModel model, Func<string, bool>? isRelaxable = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return FromRows(model, i =>
        {
            string name = model.RowName(i);
            int bracket = name.IndexOf('[', StringComparison.Ordinal);
            string prefix = bracket > 0 ? name[..bracket] : name;
            return isRelaxable is null || isRelaxable(prefix) ? prefix : null;
        });
    }

    internal void Validate(int rowCount)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A constraint group needs a name.");
        }

        if (!(double.IsFinite(Weight) && Weight > 0))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Constraint group '{Name}' has weight {Weight}; expected a finite number > 0."));
        }

        ArgumentNullException.ThrowIfNull(Rows);
        foreach (int row in Rows)
        {
            if ((uint)row >= (uint)rowCount)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Constraint group '{Name}' names row {row}; the model has rows 0..{rowCount - 1}."));
            }
        }

        if (Description is not null)
        {
            // A malformed template or an unknown placeholder is reported before anything is solved.
            try
            {
                _ = RelaxationText.Format(Description, Name, "row", "≤", 0, 0, 0);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"Constraint group '{Name}': {e.Message}", e);
            }
        }
    }
}

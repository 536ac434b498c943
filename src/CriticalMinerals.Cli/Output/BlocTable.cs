using System.Globalization;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Data;
using CriticalMinerals.Results;
using Spectre.Console;

namespace CriticalMinerals.Cli.Output;

/// <summary>The human-readable tables of world allocations: one per commodity, a row per setup, scenario and bloc.</summary>
internal static class BlocTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, IReadOnlyList<WorldAllocationResult> results, MineralDataset dataset)
    {
        console.WriteLine("World allocation across blocs: one world's mines and refineries shared by blocs that partition it (mass balance at every mine and refinery).");
        console.WriteLine("Recycled: the bloc's own secondary supply used (battery stock model on the scenario; part of 'supplied'; assumptions in the notes).");
        console.WriteLine("Coverage: the bloc's supply over its own demand; 'of world': over world demand. Price: kt of shortfall per extra kt of the bloc's demand (no cost data); premium: price − open-world price.");
        console.WriteLine();
        foreach (var group in results.GroupBy(r => r.Commodity))
        {
            var first = group.First();
            var table = new Table { Border = TableBorder.Simple, Title = new TableTitle(Markup.Escape($"{dataset.GetCommodity(first.Commodity).Name} ({first.Unit}), {first.Rule}")) };
            table.AddColumn("setup");
            table.AddColumn("scenario");
            table.AddColumn("bloc");
            foreach (string column in new[] { "demand", "recycled", "supplied", "cov", "of world", "from outside", "price", "premium" })
            {
                table.AddColumn(new TableColumn(column).RightAligned());
            }

            table.AddColumn("largest supplier");
            foreach (var r in group)
            {
                foreach (var b in r.Blocs)
                {
                    table.AddRow(
                        Cell(r.Setup),
                        Cell(r.Scenario is { } s ? $"{CommonOptions.Label(s)} {r.Year}" : r.Year.ToString(C)),
                        Cell(b.Bloc),
                        Cell(b.DemandKt.ToString("N1", C)),
                        Cell(b.RecycledKt.ToString("N1", C)),
                        Cell(b.SuppliedKt.ToString("N1", C)),
                        Cell(b.Coverage.ToString("P0", C)),
                        Cell(r.WorldDemandKt is { } w && w > 0 ? (b.SuppliedKt / w).ToString("P0", C) : "-"),
                        Cell(b.FromOutsideKt.ToString("N1", C)),
                        Cell(b.Price is { } p ? p.ToString("0.##", C) : "-"),
                        Cell(b.Premium is { } q ? q.ToString("+0.##;-0.##;0", C) : "-"),
                        Cell(b.LargestSupplier is { } top ? string.Create(C, $"{top} {b.LargestSupplierShare:P0}") : "-"));
                }
            }

            console.Write(table);
            foreach (string note in group.SelectMany(r => r.Notes).Distinct())
            {
                console.WriteLine("  note: " + note);
            }

            var ids = group.SelectMany(r => r.SourceIds).Distinct().Order(StringComparer.Ordinal).ToArray();
            console.WriteLine("  sources: " + string.Join("; ", ids.Take(4).Select(id => id + " " + dataset.Sources[id].Title)) + (ids.Length > 4 ? "; …" : string.Empty));
            console.WriteLine();
        }
    }

    private static Text Cell(string text) => new(text);
}

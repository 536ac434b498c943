using System.Globalization;
using CriticalMinerals.Cli.Infrastructure;
using CriticalMinerals.Data;
using CriticalMinerals.Modeling.Supply;
using CriticalMinerals.Results;
using Spectre.Console;

namespace CriticalMinerals.Cli.Output;

/// <summary>The human-readable tables: one per commodity for the main job, a card for one answer.</summary>
internal static class CoverageTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, IReadOnlyList<CoverageResult> results, MineralDataset dataset, SourcingRules rules)
    {
        console.WriteLine("CriticalMinerals: coalition supply against IEA demand");
        console.WriteLine(Describe(rules));
        console.WriteLine("Demand: world total demand of the scenario; 'own dem' the coalition's own (regional lithium demand, battery chemistry, a stated key for the rest; see notes), 'own cov' the chain against it. Mining and refining: sum of members' rows (the IEA row where the IEA names a country, otherwise its Rest of world split by USGS output, see notes); 'chain' is what the LP delivers through the members' own chain.");
        console.WriteLine("Recycled: the coalition's own recycled supply (battery stock model on the scenario, the Busch regions it holds whole: a lower bound; none for copper and magnet rare earths; --recycling none|busch), part of 'chain'; figures and assumptions in the notes.");
        console.WriteLine();
        foreach (var group in results.GroupBy(r => r.Commodity))
        {
            var first = group.First();
            var table = new Table { Border = TableBorder.Simple, Title = new TableTitle(Markup.Escape($"{dataset.GetCommodity(first.Commodity).Name} ({first.Unit})")) };
            table.AddColumn("coalition");
            table.AddColumn("scenario");
            foreach (string column in new[] { "demand", "own dem", "mining", "cov", "refining", "cov", "recycled", "chain", "own cov", "shortfall", "reserves" })
            {
                table.AddColumn(new TableColumn(column).RightAligned());
            }

            table.AddColumn("top investment target");
            foreach (var r in group)
            {
                table.AddRow(
                    Cell(r.Coalition),
                    Cell($"{CommonOptions.Label(r.Scenario)} {r.Year}"),
                    Cell(r.DemandKt.ToString("N1", C)),
                    Cell(r.OwnDemand is { } own ? own.CoalitionKt.ToString("N1", C) : "-"),
                    Cell(r.Mining.CoalitionKt.ToString("N1", C)),
                    Cell(r.Mining.Coverage.ToString("P0", C)),
                    Cell(r.Refining.CoalitionKt.ToString("N1", C)),
                    Cell(r.Refining.Coverage.ToString("P0", C)),
                    Cell(r.RecycledKt.ToString("N1", C)),
                    Cell(r.TotalCoverage.ToString("P0", C)),
                    Cell(r.OwnCoverage is { } ownCoverage ? ownCoverage.ToString("P0", C) : "-"),
                    Cell(r.ShortfallKt.ToString("N1", C)),
                    Cell(r.Reserves is { } res ? res.Coverage.ToString("P0", C) : "n/a"),
                    Cell(r.InvestmentTargets.Count > 0 ? r.InvestmentTargets[0].Description : "-"));
            }

            console.Write(table);
            foreach (string note in group.SelectMany(r => r.Notes).Distinct())
            {
                console.WriteLine("  note: " + note);
            }

            console.WriteLine(string.Format(C, "  world {0} {1}: mining {2:N1}, refining {3:N1} ({4})", CommonOptions.Label(first.Scenario), first.Year, first.Mining.WorldKt, first.Refining.WorldKt, first.Unit));
            if (dataset.SupplyRecords.Any(r => r.Commodity == first.Commodity && r.Case == SupplyCase.Observed && r.Year == first.Year) && first.Scenario == DemandScenario.Observed)
            {
                var gap = dataset.ObservedDiscrepancy(first.Commodity, first.Year);
                console.WriteLine(string.Format(C, "  world {0} as one open market covers {1:P1} of IEA demand; the data's own discrepancy is {2:P1} {3}", first.Year, 1 - gap.Value, gap.Value, gap.Method));
                var flagged = dataset.Reconcile(first.Commodity).Where(x => x.Year == first.Year && x.ExceedsTolerance).ToArray();
                if (flagged.Length > 0)
                {
                    console.WriteLine("  reconciliation (over 10 %): " + string.Join("; ", flagged.Select(x => string.Format(C, "{0} {1} IEA {2:N1} vs {3} {4:N1}", x.Stage.ToString().ToLowerInvariant(), x.Iso3, x.FirstKt, x.SecondLabel, x.SecondKt))));
                }
            }

            var ids = group.SelectMany(r => r.SourceIds).Distinct().Order(StringComparer.Ordinal).ToArray();
            console.WriteLine("  sources: " + string.Join("; ", ids.Take(4).Select(id => id + " " + dataset.Sources[id].Title)) + (ids.Length > 4 ? "; …" : string.Empty));
            console.WriteLine();
        }

        console.WriteLine("Reserves: coalition reserves (USGS " + dataset.UsgsEdition + ") over cumulative scenario demand from the year to 2050.");
    }

    /// <summary>One answer in full: the figures, the investment targets and the notes.</summary>
    public static void WriteAnswer(IAnsiConsole console, CoverageResult r, MineralDataset dataset, SourcingRules rules)
    {
        console.WriteLine(string.Create(C, $"{dataset.GetCommodity(r.Commodity).Name}, {r.Coalition}, {CommonOptions.Label(r.Scenario)} {r.Year} ({r.Unit}); solved by {r.Backend}: {r.Status}"));
        console.WriteLine(Describe(rules));
        var figures = new Table { Border = TableBorder.Simple };
        figures.AddColumn("measure");
        figures.AddColumn(new TableColumn("value").RightAligned());
        figures.AddColumn("detail");
        figures.AddRow(Cell("demand"), Cell(r.DemandKt.ToString("N1", C)), Cell("world demand × demand share"));
        if (r.OwnDemand is { } own)
        {
            figures.AddRow(Cell("own demand"), Cell(own.CoalitionKt.ToString("N1", C)), Cell(string.Create(C, $"{own.Share:P1} of world; the chain covers {r.OwnCoverage:P1} of it")));
        }

        figures.AddRow(Cell("mining (members)"), Cell(r.Mining.CoalitionKt.ToString("N1", C)), Cell(string.Create(C, $"{r.Mining.Coverage:P0} of demand; largest {r.Mining.LargestMember ?? "-"} {r.Mining.LargestMemberShare:P0}; HHI {r.Mining.Hhi:N0}")));
        figures.AddRow(Cell("refining (members)"), Cell(r.Refining.CoalitionKt.ToString("N1", C)), Cell(string.Create(C, $"{r.Refining.Coverage:P0} of demand; largest {r.Refining.LargestMember ?? "-"} {r.Refining.LargestMemberShare:P0}; HHI {r.Refining.Hhi:N0}")));
        figures.AddRow(Cell("recycled (own)"), Cell(r.RecycledKt.ToString("N1", C)), Cell("the coalition's own recycled supply available to the chain (basis and assumptions in the notes)"));
        figures.AddRow(Cell("supplied (LP chain)"), Cell(r.SuppliedKt.ToString("N1", C)), Cell(string.Create(C, $"coverage {r.TotalCoverage:P1}; sourcing HHI {r.SourcingHhi:N0}")));
        figures.AddRow(Cell("shortfall"), Cell(r.ShortfallKt.ToString("N1", C)), Cell("demand left unserved"));
        figures.AddRow(Cell("reserves / cumulative demand"), Cell(r.Reserves is { } res ? res.Coverage.ToString("P0", C) : "n/a"), Cell(r.Reserves is { } res2 ? string.Create(C, $"{res2.CoalitionReservesKt:N0} over {res2.CumulativeDemandKt:N0} ({res2.FromYear}–2050, USGS {res2.Edition})") : r.ReservesNote ?? string.Empty));
        console.Write(figures);
        if (r.InvestmentTargets.Count > 0)
        {
            var targets = new Table { Border = TableBorder.Simple, Title = new TableTitle("investment targets") };
            targets.AddColumn("#");
            targets.AddColumn("stage");
            targets.AddColumn("where");
            targets.AddColumn(new TableColumn("kt avoided per kt").RightAligned());
            targets.AddColumn("in words");
            int rank = 1;
            foreach (var t in r.InvestmentTargets)
            {
                targets.AddRow(Cell((rank++).ToString(C)), Cell(t.Kind.ToString()), Cell(t.Iso3), Cell(t.ShortfallAvoidedPerKt.ToString("0.###", C)), Cell(t.Description));
            }

            console.Write(targets);
        }
        else
        {
            console.WriteLine(r.ShortfallKt > 1e-9 ? "investment targets: none (see notes)" : "investment targets: none needed (no shortfall)");
        }

        foreach (string note in r.Notes)
        {
            console.WriteLine("note: " + note);
        }

        console.WriteLine("sources: " + string.Join(", ", r.SourceIds));
    }

    public static string Describe(SourcingRules rules) =>
        rules == SourcingRules.CoalitionOnly ? "Sourcing: coalition-only at every stage (members' mines feed members' refineries)."
        : rules == SourcingRules.OpenMarket ? "Sourcing: open market (non-members may supply without limit)."
        : string.Create(C, $"Sourcing: non-members may supply up to {rules.MaxNonMemberShareOfMinedFeed:P0} of mined feed and {rules.MaxNonMemberShareOfRefinedSupply:P0} of refined supply.");

    private static Text Cell(string text) => new(text);
}

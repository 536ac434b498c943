using CriticalMinerals.Cli.Infrastructure;
using Spectre.Console;

namespace CriticalMinerals.Cli.Output;

/// <summary>A plain table for people (Spectre.Console): header, right-aligned numbers, no hand padding.</summary>
internal static class TextTable
{
    /// <summary>Writes rows under a header; columns listed in <paramref name="numeric"/> are right-aligned.</summary>
    public static void Write(CliEnvironment environment, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? numeric = null)
    {
        var table = new Table().Border(TableBorder.Simple);
        for (int k = 0; k < header.Count; k++)
        {
            var column = new TableColumn(Markup.Escape(header[k]));
            table.AddColumn(numeric?.Contains(k) == true ? column.RightAligned() : column);
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => new Text(cell)).ToArray());
        }

        environment.CreateOutputConsole().Write(table);
    }
}

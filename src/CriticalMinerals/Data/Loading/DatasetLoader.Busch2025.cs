namespace CriticalMinerals.Data.Loading;

/// <summary>The loader's part for the library-owned sources and the <c>busch2025/</c> folder of a directory.</summary>
internal static partial class DatasetLoader
{
    /// <summary>Adds the library-owned sources (<c>library_sources.csv</c>) to those of <c>sources.csv</c>; an id in both is a problem.</summary>
    private static void AddLibrarySources(CsvTable? table, SortedDictionary<string, Source> sources, ProblemLog log)
    {
        if (table is null)
        {
            return;
        }

        var own = ReadSources(table, log);
        foreach (var row in table.Rows)
        {
            var id = row["source_id"].Trim();
            if (own.TryGetValue(id, out var source) && !sources.TryAdd(id, source))
            {
                log.Add(table.File, row.Line, "source_id", id, $"an id that {DefaultFiles.Sources} does not use (library sources are merged into it)");
            }
        }
    }

    /// <summary>
    /// Reads the <c>busch2025/</c> sub-folder of a directory into <paramref name="files"/>. Without that folder the embedded copy
    /// is used; with it, each file comes from it, and a file missing there is taken from the embedded copy only when
    /// <see cref="DatasetLoadOptions.FallBackToDefaults"/> is set (else it is reported). Returns the deposit-variant files.
    /// </summary>
    private static IReadOnlyList<string> ReadBusch2025Folder(
        DataSource source, DatasetLoadOptions options, Dictionary<string, byte[]?> files, List<DataProblem> unreadable, List<string> fallbacks, Func<string, byte[]?> readUser)
    {
        bool ownFolder = source.FolderExists(Busch2025Data.Folder);
        bool ownScenarios = ownFolder && source.FolderExists(Busch2025Files.ScenarioFolder.TrimEnd('/'));
        IReadOnlyList<string> scenarioFiles = ownFolder && !options.FallBackToDefaults ? [] : Busch2025Files.EmbeddedScenarioFiles;
        if (ownScenarios)
        {
            var (entries, problem) = source.List(Busch2025Files.ScenarioFolder.TrimEnd('/'));
            if (problem is not null)
            {
                unreadable.Add(problem with { File = Busch2025Files.ScenarioFolder });
                scenarioFiles = [];
            }
            else
            {
                scenarioFiles = entries.Where(e => e.EndsWith(".csv", StringComparison.Ordinal)).Select(e => Busch2025Files.ScenarioFolder + e).Order(StringComparer.Ordinal).ToArray();
            }
        }

        if (ownFolder && !ownScenarios && !options.FallBackToDefaults)
        {
            unreadable.Add(new DataProblem(Busch2025Files.ScenarioFolder, 0, "(file)", "(missing)", "the folder of the deposit supply variants (or FallBackToDefaults)"));
        }

        if (!ownFolder)
        {
            fallbacks.Add(Busch2025Data.Folder + "/");
        }

        foreach (var file in Busch2025Files.Tables.Concat(scenarioFiles))
        {
            if (!ownFolder || (!source.Exists(file) && options.FallBackToDefaults))
            {
                if (ownFolder)
                {
                    fallbacks.Add(file);
                }

                files[file] = DefaultFiles.ReadEmbedded(file);
                continue;
            }

            files[file] = source.Exists(file) ? readUser(file) : null;
        }

        return scenarioFiles;
    }
}

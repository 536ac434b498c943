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
        string directory, DatasetLoadOptions options, Dictionary<string, byte[]?> files, List<DataProblem> unreadable, List<string> fallbacks, Func<string, string, byte[]?> readUser)
    {
        var folder = Path.Combine(directory, Busch2025Data.Folder);
        var scenarioFolder = Path.Combine(directory, Busch2025Files.ScenarioFolder);
        bool ownFolder = Directory.Exists(folder);
        bool ownScenarios = ownFolder && Directory.Exists(scenarioFolder);
        IReadOnlyList<string> scenarioFiles = ownFolder && !options.FallBackToDefaults ? [] : Busch2025Files.EmbeddedScenarioFiles;
        if (ownScenarios)
        {
            try
            {
                scenarioFiles = Directory.GetFiles(scenarioFolder, "*.csv").Select(p => Busch2025Files.ScenarioFolder + Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(new DataProblem(Busch2025Files.ScenarioFolder, 0, "(directory)", scenarioFolder, "a readable directory (" + e.Message + ")"));
                scenarioFiles = [];
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
            var path = Path.Combine(directory, file);
            if (!ownFolder || (!File.Exists(path) && !Directory.Exists(path) && options.FallBackToDefaults))
            {
                if (ownFolder)
                {
                    fallbacks.Add(file);
                }

                files[file] = DefaultFiles.ReadEmbedded(file);
                continue;
            }

            files[file] = File.Exists(path) || Directory.Exists(path) ? readUser(file, path) : null;
        }

        return scenarioFiles;
    }
}

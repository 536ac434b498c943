namespace CriticalMinerals.Tests.Data;

internal static class TestPaths
{
    /// <summary>Walks up from the test's base directory to the first folder holding <paramref name="relative"/>.</summary>
    public static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The malformed-input corpus, read from the source tree (the test project file is not ours to change).</summary>
    public static string Malformed =>
        FindUp(Path.Combine("tests", "CriticalMinerals.Tests", "Data", "Malformed"))
        ?? throw new DirectoryNotFoundException("tests/CriticalMinerals.Tests/Data/Malformed not found above " + AppContext.BaseDirectory);

    public static string EmbeddedDefaultFolder =>
        FindUp(Path.Combine("src", "CriticalMinerals", "Data", "Default"))
        ?? throw new DirectoryNotFoundException("src/CriticalMinerals/Data/Default not found above " + AppContext.BaseDirectory);
}

namespace CriticalMinerals.Data.Loading;

/// <summary>
/// Where a dataset's files come from: a directory, or named streams (a web app's uploads, files in memory). Names are
/// relative, with <c>/</c> between folder and file (<c>busch2025/Deposit.csv</c>).
/// </summary>
internal abstract class DataSource
{
    /// <summary>What to name in a problem about the source as a whole (the directory, or "(streams)").</summary>
    public abstract string Name { get; }

    /// <summary>Whether an entry of that name exists (a directory too, so it is reported rather than skipped).</summary>
    public abstract bool Exists(string name);

    /// <summary>Whether a folder of that name exists.</summary>
    public abstract bool FolderExists(string folder);

    /// <summary>Names of the entries directly in a folder ("" for the top), or a problem if it cannot be listed.</summary>
    public abstract (IReadOnlyList<string> Entries, DataProblem? Problem) List(string folder);

    /// <summary>The bytes of an entry, or the problem that keeps it from being read.</summary>
    public abstract (byte[]? Bytes, DataProblem? Problem) Read(string name, long maxBytes);
}

/// <summary>Files of a directory.</summary>
internal sealed class DirectorySource(string directory) : DataSource
{
    public override string Name => directory;

    public override bool Exists(string name) => File.Exists(PathOf(name)) || Directory.Exists(PathOf(name));

    public override bool FolderExists(string folder) => Directory.Exists(PathOf(folder));

    public override (IReadOnlyList<string> Entries, DataProblem? Problem) List(string folder)
    {
        string path = PathOf(folder);
        try
        {
            return (Directory.GetFileSystemEntries(path).Select(e => Path.GetFileName(e)).ToArray(), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], new DataProblem(folder.Length == 0 ? directory : folder, 0, "(directory)", path, "a readable directory (" + e.Message + ")"));
        }
    }

    public override (byte[]? Bytes, DataProblem? Problem) Read(string name, long maxBytes) => DataFileAccess.Read(name, PathOf(name), maxBytes);

    private string PathOf(string name) => name.Length == 0 ? directory : Path.Combine(directory, name.Replace('/', Path.DirectorySeparatorChar));
}

/// <summary>Named streams, read once each (capped like files); folders are the prefixes of the names.</summary>
internal sealed class StreamSource(IReadOnlyDictionary<string, Stream> streams) : DataSource
{
    private readonly Dictionary<string, Stream> _streams = streams.ToDictionary(kv => kv.Key.Replace('\\', '/').TrimStart('/'), kv => kv.Value, StringComparer.Ordinal);

    public override string Name => "(streams)";

    public override bool Exists(string name) => _streams.ContainsKey(name) || FolderExists(name);

    public override bool FolderExists(string folder) => _streams.Keys.Any(k => k.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal));

    public override (IReadOnlyList<string> Entries, DataProblem? Problem) List(string folder)
    {
        string prefix = folder.Length == 0 ? string.Empty : folder.TrimEnd('/') + "/";
        return (_streams.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal)
            .ToArray(), null);
    }

    public override (byte[]? Bytes, DataProblem? Problem) Read(string name, long maxBytes)
    {
        if (!_streams.TryGetValue(name, out var stream))
        {
            return (null, new DataProblem(name, 0, "(file)", name, "a stream of that name"));
        }

        try
        {
            return DataFileAccess.ReadCapped(name, stream, maxBytes);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            return (null, new DataProblem(name, 0, "(file)", name, "a readable stream (" + e.Message + ")"));
        }
    }
}

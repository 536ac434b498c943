using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CriticalMinerals.Data;
using CriticalMinerals.Orleans.Wire;

namespace CriticalMinerals.Orleans;

/// <summary>
/// The dataset a cluster sweep solves against, named by its content hash. The embedded dataset needs no transfer (every
/// silo has it); a user dataset travels as its CSV bytes once per silo, and work items carry only <see cref="Key"/>.
/// </summary>
public sealed class ClusterDataset
{
    /// <summary>Key of the embedded dataset.</summary>
    public const string EmbeddedKey = "embedded:default";

    private ClusterDataset(string key, DatasetPayload? payload)
    {
        Key = key;
        Payload = payload;
    }

    /// <summary>The embedded dataset (<see cref="MineralDataset.Default"/>).</summary>
    public static ClusterDataset Embedded { get; } = new(EmbeddedKey, null);

    /// <summary>Content hash of the files and load options (<c>sha256:…</c>), or <see cref="EmbeddedKey"/>.</summary>
    public string Key { get; }

    /// <summary>What travels to a silo that lacks the dataset; <see langword="null"/> for the embedded one.</summary>
    public DatasetPayload? Payload { get; }

    /// <summary>Bytes that travel once per silo (0 for the embedded dataset).</summary>
    public long PayloadBytes => Payload?.Files.Sum(f => (long)f.Content.Length) ?? 0;

    /// <summary>A user dataset from the <c>*.csv</c> files of a directory (same layout as <see cref="MineralDataset.Load(string, DatasetLoadOptions?)"/>).</summary>
    /// <exception cref="DatasetException">The files do not load (checked here, before anything travels).</exception>
    public static ClusterDataset FromDirectory(string directory, DatasetLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var files = Directory.EnumerateFiles(directory, "*.csv")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
        return FromFiles(files, options);
    }

    /// <summary>A user dataset from CSV files by name.</summary>
    /// <exception cref="ArgumentException">A name is not a bare file name.</exception>
    /// <exception cref="DatasetException">The files do not load (checked here, before anything travels).</exception>
    public static ClusterDataset FromFiles(IReadOnlyDictionary<string, byte[]> files, DatasetLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= new DatasetLoadOptions();
        var list = files.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new DatasetFileDto(CheckName(kv.Key), [.. kv.Value]))
            .ToImmutableArray();
        var payload = new DatasetPayload(string.Empty, list, options.UsgsEdition, options.RequireSingleUsgsEdition, options.FallBackToDefaults);
        payload = payload with { Key = HashOf(payload) };
        var dataset = new ClusterDataset(payload.Key, payload);
        _ = LoadPayload(payload);
        return dataset;
    }

    /// <summary>The dataset itself, loaded here (for a local run on the same data).</summary>
    public MineralDataset Load() => Payload is null ? MineralDataset.Default : LoadPayload(Payload);

    /// <summary>The content hash of a payload's files and options.</summary>
    internal static string HashOf(DatasetPayload payload)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(s));
            hash.AppendData([0]);
        }

        Add(payload.UsgsEdition);
        Add(payload.RequireSingleUsgsEdition.ToString(CultureInfo.InvariantCulture));
        Add(payload.FallBackToDefaults.ToString(CultureInfo.InvariantCulture));
        foreach (var file in payload.Files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            Add(file.Name);
            Add(file.Content.Length.ToString(CultureInfo.InvariantCulture));
            hash.AppendData(file.Content.AsSpan());
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Loads a payload through a private temporary directory (the loader reads directories).</summary>
    internal static MineralDataset LoadPayload(DatasetPayload payload)
    {
        string directory = Path.Combine(Path.GetTempPath(), "criticalminerals-cluster", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            foreach (var file in payload.Files)
            {
                File.WriteAllBytes(Path.Combine(directory, CheckName(file.Name)), file.Content.AsSpan());
            }

            return MineralDataset.Load(directory, new DatasetLoadOptions
            {
                UsgsEdition = payload.UsgsEdition,
                RequireSingleUsgsEdition = payload.RequireSingleUsgsEdition,
                FallBackToDefaults = payload.FallBackToDefaults,
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string CheckName(string name) =>
        !string.IsNullOrWhiteSpace(name) && Path.GetFileName(name) == name && name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? name
            : throw new ArgumentException($"'{name}' is not a bare .csv file name.", nameof(name));
}

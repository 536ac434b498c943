using System.Collections.Concurrent;
using CriticalMinerals.Analysis.Sweeps;
using CriticalMinerals.Orleans.Wire;

namespace CriticalMinerals.Orleans;

/// <summary>
/// The datasets one silo holds, by content hash: registered once per silo (a user dataset's CSV bytes arrive once) and
/// shared by every worker grain of the silo. The embedded dataset is always there. Thread-safe; one per silo
/// (registered by <see cref="SweepHostingExtensions.AddCriticalMineralsSweeps"/>).
/// </summary>
public sealed class SiloDatasetCache
{
    private readonly ConcurrentDictionary<string, Lazy<ScenarioSweep>> _sweeps = new(StringComparer.Ordinal);
    private int _registrations;
    private long _bytesReceived;

    /// <summary>Creates a cache holding the embedded dataset.</summary>
    public SiloDatasetCache()
    {
        _sweeps[ClusterDataset.EmbeddedKey] = new Lazy<ScenarioSweep>(() => new ScenarioSweep(Data.MineralDataset.Default));
    }

    /// <summary>User datasets registered on this silo so far (a second registration of the same key is not counted).</summary>
    public int Registrations => Volatile.Read(ref _registrations);

    /// <summary>Bytes of user datasets received by this silo.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Whether the silo holds a dataset.</summary>
    public bool Contains(string key) => _sweeps.ContainsKey(key);

    /// <summary>Registers a user dataset after checking its hash; a dataset already held is left as it is.</summary>
    /// <exception cref="ArgumentException">The payload's files do not match its key.</exception>
    /// <exception cref="Data.DatasetException">The files do not load.</exception>
    public void Register(DatasetPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (_sweeps.ContainsKey(payload.Key))
        {
            return;
        }

        if (ClusterDataset.HashOf(payload) != payload.Key)
        {
            throw new ArgumentException($"Dataset payload does not match its key {payload.Key}.", nameof(payload));
        }

        var sweep = new ScenarioSweep(ClusterDataset.LoadPayload(payload));
        if (_sweeps.TryAdd(payload.Key, new Lazy<ScenarioSweep>(sweep)))
        {
            Interlocked.Increment(ref _registrations);
            Interlocked.Add(ref _bytesReceived, payload.Files.Sum(f => (long)f.Content.Length));
        }
    }

    /// <summary>The sweep runner over a dataset the silo holds, or <see langword="null"/>.</summary>
    public ScenarioSweep? Get(string key) => _sweeps.TryGetValue(key, out var sweep) ? sweep.Value : null;
}

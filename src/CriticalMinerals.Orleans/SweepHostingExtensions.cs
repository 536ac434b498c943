using Microsoft.Extensions.DependencyInjection;

namespace CriticalMinerals.Orleans;

/// <summary>Registers what a silo needs to take part in cluster sweeps.</summary>
public static class SweepHostingExtensions
{
    /// <summary>Adds the per-silo dataset cache used by <see cref="ISweepWorkerGrain"/>; the grains themselves are found by Orleans in this assembly.</summary>
    public static ISiloBuilder AddCriticalMineralsSweeps(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<SiloDatasetCache>();
        return builder;
    }
}

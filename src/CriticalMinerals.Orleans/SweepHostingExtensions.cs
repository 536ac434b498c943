using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// Registers a <see cref="ClusterSweep"/> on a cluster client's services, its <see cref="ClusterSweepOptions"/> bound from
    /// configuration (e.g. <c>"ClusterSweep": { "MaxInFlightPerSilo": 8, "MaxAttempts": 5 }</c>) and checked when the sweep
    /// is first resolved, and its retries logged through the host's logging.
    /// </summary>
    /// <param name="services">The client's services (they must provide <see cref="IGrainFactory"/>, as an Orleans client does).</param>
    /// <param name="configuration">The section holding the options, or <see langword="null"/> for the defaults (or options set with <c>Configure</c>).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCriticalMineralsClusterSweep(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ClusterSweepOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        services.AddSingleton(provider => new ClusterSweep(
            provider.GetRequiredService<IGrainFactory>(),
            dataset: null,
            provider.GetRequiredService<IOptions<ClusterSweepOptions>>().Value,
            provider.GetService<ILogger<ClusterSweep>>()));
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CriticalMinerals.Orleans.Tests;

/// <summary>The cluster sweep as a host registers it: options from configuration, checked when the sweep is made.</summary>
public sealed class HostingTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton(UnusedGrainFactory.Create())
            .AddLogging()
            .AddCriticalMineralsClusterSweep(configuration.GetSection("ClusterSweep"))
            .BuildServiceProvider();
    }

    [Fact]
    public void Options_bind_from_configuration_and_the_rest_keep_their_defaults()
    {
        using var services = Services(new()
        {
            ["ClusterSweep:MaxInFlightPerSilo"] = "8",
            ["ClusterSweep:MaxAttempts"] = "3",
            ["ClusterSweep:SuspectSiloCooldown"] = "00:00:30",
            ["ClusterSweep:Backend"] = "GLOP",
        });

        var options = services.GetRequiredService<IOptions<ClusterSweepOptions>>().Value;

        options.MaxInFlightPerSilo.Should().Be(8);
        options.MaxAttempts.Should().Be(3);
        options.SuspectSiloCooldown.Should().Be(TimeSpan.FromSeconds(30));
        options.Backend.Should().Be("GLOP");
        options.BatchSize.Should().BeNull();
        options.MembershipRefresh.Should().Be(ClusterSweepOptions.Default.MembershipRefresh);
        services.GetRequiredService<ClusterSweep>().Should().NotBeNull();
    }

    [Fact]
    public void Bad_options_from_configuration_are_refused_when_the_sweep_is_made()
    {
        using var services = Services(new() { ["ClusterSweep:MaxInFlightPerSilo"] = "0" });

        var act = () => services.GetRequiredService<ClusterSweep>();

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxInFlightPerSilo*");
    }

    /// <summary>Registration needs a grain factory; these tests never reach a cluster, so every call throws.</summary>
    public class UnusedGrainFactory : System.Reflection.DispatchProxy
    {
        public static IGrainFactory Create() => Create<IGrainFactory, UnusedGrainFactory>();

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) =>
            throw new NotSupportedException("No cluster in this test.");
    }
}

using Orleans.Configuration;
using Orleans.TestingHost;

namespace NearDup.Distributed.Tests;

/// <summary>Three silos in this process (Orleans' InProcessTestCluster), with memory grain storage for the partitions.</summary>
public sealed class OrleansClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage(Grains.PartitionGrain<object>.StorageName));
        PatientCalls(builder);
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>
    /// Calls wait up to two minutes for an answer instead of Orleans' 30 s: on a 2-core machine shared with other builds
    /// a partition's write took longer than 30 s under load (a timeout, not a wrong answer).
    /// </summary>
    public static void PatientCalls(InProcessTestClusterBuilder builder)
    {
        var timeout = TimeSpan.FromMinutes(2);
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = timeout));
        builder.ConfigureSilo((_, silo) => silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = timeout));
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }
}

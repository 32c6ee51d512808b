using NearDup.Distributed.Hosting;
using Orleans.TestingHost;

namespace NearDup.Distributed.Tests;

/// <summary>Three silos in this process (Orleans' InProcessTestCluster), with the partitions' state in memory.</summary>
public sealed class OrleansClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public async ValueTask InitializeAsync()
    {
        var builder = PatientMessaging.Apply(new InProcessTestClusterBuilder(3));
        var log = new Partitions.MemoryPartitionLog();
        builder.ConfigureSilo((_, silo) => silo.AddNearDupMemoryStorage(log).AddNearDupShardIngest(new JsonLinesTestReader()).AddIncomingGrainCallFilter(InjectedFailures.Filter));
        builder.ConfigureClient(client => client.AddOutgoingGrainCallFilter(ClientCalls.Filter));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
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

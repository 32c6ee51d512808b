using System.Collections.Concurrent;
using NearDup.Distributed.Hosting;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run right after the silos restart on a stored index, when every partition activates (reads its state) on its
/// first call: the run waits for them and sends failed reads again, and its result is the single machine's.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class ColdStartTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task ClusterAsync_RightAfterRestartingTheSilos_SameAsSingleMachine()
    {
        // One connection per silo: the partitions' first reads all queue for it, as 96 partitions did on a pool of 10.
        string connection = await PostgresTest.ConnectionOrSkip() + ";Maximum Pool Size=1";
        string index = "cold-" + Guid.NewGuid().ToString("N")[..8];
        var docs = TestCorpus.Documents(800, seed: 24, strongCopies: true);
        await using (var cluster = await PostgresTest.StartCluster(connection, silos: 2))
        {
            var client = await NearDupClusterClient.CreateAsync(cluster.Client, index, partitions: 6);
            await client.AddRangeAsync(docs);
            await cluster.StopAllSilosAsync();
        }
        await using (var cluster = await PostgresTest.StartCluster(connection, silos: 2))
        {
            var client = await NearDupClusterClient.OpenAsync(cluster.Client, index);
            var result = await client.ClusterAsync();
            Assert.Equal(ClusterEqualityTests.Json(ClusterEqualityTests.SingleMachine(docs, includePairs: false).Clusters), ClusterEqualityTests.Json(result.Clusters));
            Assert.Equal(4 * 6, await client.WarmUpAsync());
        }
    }

    [Fact]
    public async Task ClusterAsync_ListingCallsFail_SentAgainAndReported()
    {
        var docs = TestCorpus.Documents(400, seed: 25, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "cold-retried", partitions: 3);
        await client.AddRangeAsync(docs);
        var reported = new ConcurrentBag<string>();
        client.CallRetried += reported.Add;
        InjectedFailures.FailScans("cold-retried", 2);

        var result = await client.ClusterAsync();

        Assert.Equal(2, client.RetriedCalls);
        Assert.Equal(2, reported.Count);
        Assert.All(reported, message => Assert.Contains("listing of partition", message, StringComparison.Ordinal));
        Assert.All(reported, message => Assert.Contains("injected: the partition's silo is gone", message, StringComparison.Ordinal));
        Assert.Equal(ClusterEqualityTests.Json(ClusterEqualityTests.SingleMachine(docs, includePairs: false).Clusters), ClusterEqualityTests.Json(result.Clusters));
    }

    [Theory]
    [InlineData("Host=h", 300, 300)]
    [InlineData("Host=h", 5, 15)]          // never below Npgsql's own 15 s
    [InlineData("Host=h", 3600, 1024)]     // Npgsql's maximum
    [InlineData("Host=h;Timeout=20", 300, 20)] // the connection string's own wins
    public void Settings_ConnectionWait_FromTheResponseTimeoutUnlessSet(string connectionString, int responseSeconds, int expected) =>
        Assert.Equal(expected, NearDupSiloExtensions.Settings(connectionString, 10, TimeSpan.FromSeconds(responseSeconds)).Timeout);
}

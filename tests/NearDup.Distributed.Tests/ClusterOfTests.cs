using System.Text.Json;
using NearDup.Clustering;

namespace NearDup.Distributed.Tests;

/// <summary>
/// <see cref="NearDupClusterClient.ClusterOfAsync"/>: a document's cluster in the index's last batch run, kept in the
/// result partitions and replaced by the next run.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class ClusterOfTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task ClusterOfAsync_NoRunYet_ThrowsNamingTheIndex()
    {
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "cluster-of-none", partitions: 3);
        await client.AddRangeAsync(TestCorpus.Documents(20, seed: 50, strongCopies: true));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ClusterOfAsync("anything"));
        Assert.Contains("'cluster-of-none' has no clustering yet", error.Message);
    }

    [Fact]
    public async Task ClusterOfAsync_EveryDocument_ItsClusterInTheRun_ThenReplacedByTheNext()
    {
        var docs = TestCorpus.Documents(900, seed: 51, strongCopies: true);
        var first = docs.Take(600).ToList();
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "cluster-of-runs", partitions: 5);
        await client.AddRangeAsync(first);
        var run1 = await client.ClusterAsync();
        Assert.True(run1.Clusters.Any(c => c.Members.Count > 2), "the corpus should make clusters of several members");
        await AssertEveryDocument(client, run1);
        Assert.Null(await client.ClusterOfAsync("no-such-document"));

        // Changes after a run are not in its answers: a document added since is unknown, a removed one still answered.
        await client.AddRangeAsync(docs.Skip(600));
        Assert.True(await client.RemoveAsync(first[0].Id));
        Assert.Null(await client.ClusterOfAsync(docs[700].Id));
        Assert.NotNull(await client.ClusterOfAsync(first[0].Id));

        // The next run replaces them all, from another client of the same index.
        var run2 = await (await NearDupClusterClient.OpenAsync(fixture.Cluster.Client, "cluster-of-runs")).ClusterAsync();
        await AssertEveryDocument(client, run2);
        Assert.Null(await client.ClusterOfAsync(first[0].Id));
    }

    /// <summary>Every member of every cluster of <paramref name="run"/> answers with that cluster, serialized alike.</summary>
    private static async Task AssertEveryDocument(NearDupClusterClient client, ClusteringResult run)
    {
        foreach (var cluster in run.Clusters)
        {
            string expected = JsonSerializer.Serialize(cluster);
            foreach (var member in cluster.Members)
            {
                Assert.Equal(expected, JsonSerializer.Serialize(await client.ClusterOfAsync(member.Id)));
            }
        }
    }
}

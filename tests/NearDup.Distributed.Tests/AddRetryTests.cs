using NearDup.Clustering;

namespace NearDup.Distributed.Tests;

/// <summary>A batch whose calls fail for a reason of the cluster's is sent again by the client, not by its caller.</summary>
[Collection(OrleansCollection.Name)]
public sealed class AddRetryTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task AddRange_KeyCallsFailTwice_TheBatchIsSentAgain_EveryDocumentIndexed()
    {
        var docs = TestCorpus.Documents(300, seed: 23, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "resent", partitions: 4);
        // After the batch's sketches are stored, before all its key rows are: as calls to a silo that died fail.
        // (Killing one of the in-process silos fails no call: its grains move first.)
        InjectedFailures.FailKeyAdds("resent", 2);

        await client.AddRangeAsync(docs);

        Assert.Equal(1, client.ResentBatches);
        Assert.Equal(docs.Count, await client.CountAsync());
        foreach (var doc in docs.Where((_, i) => i % 15 == 0))
        {
            Assert.Contains(await client.QueryAsync(doc.Text!), m => m.Id == doc.Id && m.Role == CopyRole.Exact);
        }
    }
}

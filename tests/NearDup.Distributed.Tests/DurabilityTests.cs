using NearDup.Clustering;

namespace NearDup.Distributed.Tests;

/// <summary>Partitions stored in PostgreSQL: what was acknowledged is served after silos stop or die.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task RestartAllSilos_ServesAcknowledgedAddsAndRemovals()
    {
        string connection = await PostgresTest.ConnectionOrSkip();
        string index = "durable-" + Guid.NewGuid().ToString("N")[..8];
        var docs = TestCorpus.Documents(400, seed: 21, strongCopies: true);
        var queries = docs.Take(30).Select(d => d.Text!).ToList();
        var before = new List<IReadOnlyList<QueryMatch>>();
        await using (var cluster = await PostgresTest.StartCluster(connection))
        {
            var client = await NearDupClusterClient.CreateAsync(cluster.Client, index, partitions: 4);
            await client.AddRangeAsync(docs);
            for (int i = 0; i < 5; i++)
            {
                Assert.True(await client.RemoveAsync(docs[i].Id));
            }
            foreach (string query in queries)
            {
                before.Add(await client.QueryAsync(query));
            }
            await cluster.StopAllSilosAsync();
        }
        await using (var cluster = await PostgresTest.StartCluster(connection))
        {
            var client = await NearDupClusterClient.OpenAsync(cluster.Client, index);
            Assert.Equal(4, client.Partitions);
            Assert.Equal(395, await client.CountAsync());
            Assert.False(await client.ContainsAsync(docs[0].Id));
            for (int i = 0; i < queries.Count; i++)
            {
                Assert.Equal(before[i], await client.QueryAsync(queries[i]));
            }
        }
    }

    [Fact]
    public async Task KillOneSilo_DuringAdds_EveryAcknowledgedDocumentStays()
    {
        string connection = await PostgresTest.ConnectionOrSkip();
        string index = "killed-" + Guid.NewGuid().ToString("N")[..8];
        var docs = TestCorpus.Documents(600, seed: 22, strongCopies: true);
        await using var cluster = await PostgresTest.StartCluster(connection);
        var client = await NearDupClusterClient.CreateAsync(cluster.Client, index, partitions: 6);
        int batch = 0, retries = 0;
        foreach (var chunk in docs.Chunk(50))
        {
            if (batch++ == 4)
            {
                await cluster.KillSiloAsync(cluster.Silos[^1]);
            }
            // A batch that failed part-way is sent again: stored documents answer "already present" and get their keys.
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    await client.AddRangeAsync(chunk);
                    break;
                }
                catch (Exception) when (attempt < 60)
                {
                    retries++;
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }
        Assert.Equal(2, cluster.GetActiveSilos().Count());
        Assert.Equal(docs.Count, await client.CountAsync());
        foreach (var doc in docs.Where((_, i) => i % 20 == 0))
        {
            Assert.Contains(await client.QueryAsync(doc.Text!), m => m.Id == doc.Id && m.Role == CopyRole.Exact);
        }
    }
}

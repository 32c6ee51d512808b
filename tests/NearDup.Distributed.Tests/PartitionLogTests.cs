using NearDup.Distributed.Hosting;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Partitions stored as a whole table at merges plus a log of each call's changes (<see cref="PostgresPartitionLog"/>):
/// adds between merges go to the log only, restarted silos replay it, and a merge folds it away.
/// </summary>
public sealed class PartitionLogTests
{
    [Fact]
    public async Task AddsBetweenMerges_LoggedNotRewritten_ReplayedAfterRestart_FoldedByMerge()
    {
        string connection = await PostgresTest.ConnectionOrSkip();
        string index = "logged-" + Guid.NewGuid().ToString("N")[..8];
        var docs = TestCorpus.Documents(240, seed: 61, strongCopies: true);
        await using (var cluster = await PostgresTest.StartCluster(connection))
        {
            var client = await NearDupClusterClient.CreateAsync(cluster.Client, index, partitions: 2);
            foreach (var chunk in docs.Chunk(20))
            {
                await client.AddRangeAsync(chunk);
            }
            // About 120 sketches per document partition, under the merge threshold: a document partition writes its whole
            // table only if its quiet-time timer merged it (a stalled machine), and its adds are otherwise in the log.
            var stats = await client.StatsAsync(Partitions.PartitionKind.Document);
            long wholeTables = await Scalar(connection, $"SELECT count(*) FROM {PostgresGrainStorage.TableName} WHERE state_name = 'documents' AND grain_id LIKE '%{index}/%'");
            Assert.Equal(stats.Count(s => s.Merges > 0), wholeTables);
            long unmerged = stats.Where(s => s.Merges == 0).Sum(s => (long)s.Rows);
            Assert.True(unmerged == 0 || await Scalar(connection, LogRows(index)) >= unmerged / 20, "each add call should append to the log");
            await cluster.StopAllSilosAsync();
        }
        await using (var cluster = await PostgresTest.StartCluster(connection))
        {
            var client = await NearDupClusterClient.OpenAsync(cluster.Client, index);
            Assert.Equal(docs.Count, await client.CountAsync());
            Assert.True(await client.RemoveAsync(docs[0].Id));
            await client.MergeAsync();
            Assert.Equal(0L, await Scalar(connection, LogRows(index)));
            await cluster.StopAllSilosAsync();
        }
        await using (var cluster = await PostgresTest.StartCluster(connection))
        {
            var client = await NearDupClusterClient.OpenAsync(cluster.Client, index);
            Assert.Equal(docs.Count - 1, await client.CountAsync());
            Assert.False(await client.ContainsAsync(docs[0].Id));
            Assert.Contains(await client.QueryAsync(docs[5].Text!), m => m.Id == docs[5].Id);
        }
    }

    private static string LogRows(string index) => $"SELECT count(*) FROM {PostgresPartitionLog.TableName} WHERE partition LIKE '%{index}/%'";

    private static async Task<long> Scalar(string connection, string sql)
    {
        await using var dataSource = PostgresTest.DataSource(connection);
        return await PostgresTest.Retried(async () =>
        {
            await using var command = dataSource.CreateCommand(sql);
            return (long)(await command.ExecuteScalarAsync())!;
        });
    }
}

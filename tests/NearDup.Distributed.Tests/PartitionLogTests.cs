using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Hosting;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Partitions stored as pieces in PostgreSQL (<see cref="PostgresPartitionLog"/>): each call's changes, merged by size
/// into pieces of at most a cap, never the whole table in one row; restarted silos replay them, and a whole table that
/// a build before pieces stored is still read under its pieces.
/// </summary>
// In the shared collection: not at the same time as the other PostgreSQL test classes, on a server other suites use too.
[Collection(OrleansCollection.Name)]
public sealed class PartitionLogTests
{
    [Fact]
    public async Task Adds_StoredAsPiecesNotWholeTables_ReplayedAfterRestart_RemovalKept()
    {
        string connection = await PostgresTest.ConnectionOrSkip();
        string index = "logged-" + Guid.NewGuid().ToString("N")[..8];
        var docs = TestCorpus.Documents(240, seed: 61, strongCopies: true);
        await using (var cluster = await PostgresTest.StartCluster(connection))
        {
            var client = await NearDupClusterClient.CreateAsync(cluster.Client, index, partitions: 2);
            foreach (var chunk in docs.Chunk(10))
            {
                await client.AddRangeAsync(chunk);
            }
            await client.MergeAsync();
            Assert.Equal(0L, await Scalar(connection, $"SELECT count(*) FROM {PostgresGrainStorage.TableName} WHERE state_name IN ('documents', 'keys') AND grain_id LIKE '%{index}/%'"));
            // 24 calls of about 5 documents per document partition: merged into a few pieces, not kept as 24.
            long documentPieces = await Scalar(connection, $"SELECT count(*) FROM {PostgresPartitionLog.TableName} WHERE partition LIKE 'documentpartition/{index}/%'");
            Assert.InRange(documentPieces, 2, 2 * 8);
            await cluster.StopAllSilosAsync();
        }
        await using (var cluster = await PostgresTest.StartCluster(connection))
        {
            var client = await NearDupClusterClient.OpenAsync(cluster.Client, index);
            Assert.Equal(docs.Count, await client.CountAsync());
            Assert.True(await client.RemoveAsync(docs[0].Id));
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

    [Fact]
    public async Task Log_ReplaceOfPieces_AtOnceInTheLastOnesPlace_RefusedWhenOneIsGone()
    {
        string connection = await PostgresTest.ConnectionOrSkip();
        string partition = "test/" + Guid.NewGuid().ToString("N")[..8];
        await using var dataSource = PostgresTest.DataSource(connection);
        var log = new PostgresPartitionLog(dataSource);
        long[] sequences = [.. await Task.WhenAll(Enumerable.Range(0, 4).Select(async i => await log.Append(partition, 0, [(byte)i])))];
        Array.Sort(sequences);
        await log.Replace(partition, 0, sequences[1..3], [9]);
        var entries = await log.Read(partition);
        Assert.Equal([sequences[0], sequences[2], sequences[3]], entries.Select(e => e.Sequence));
        Assert.Equal([9], entries[1].Delta);
        Assert.Equal([sequences[3]], (await log.Read(partition, sequences[3])).Select(e => e.Sequence));

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.Replace(partition, 0, [sequences[0], sequences[1]], [7]));
        Assert.Equal(3, (await log.Read(partition)).Length); // nothing deleted
        await log.Truncate(partition, 1);
        Assert.Empty(await log.Read(partition));
    }

    [Fact]
    public async Task WholeTableOfABuildBeforePieces_ServedWithThePiecesAddedSince()
    {
        string connection = await PostgresTest.ConnectionOrSkip() + ";Maximum Pool Size=4";
        string index = "legacy-" + Guid.NewGuid().ToString("N")[..8];
        var docs = TestCorpus.Documents(30, seed: 62, strongCopies: false);
        string key = PartitionMap.GrainKey(index, PartitionKind.Document, 0);
        await using (var cluster = await PostgresTest.StartCluster(connection, silos: 1))
        {
            var client = await NearDupClusterClient.CreateAsync(cluster.Client, index, partitions: 1);
            await client.AddRangeAsync(docs.Take(20));
            await client.MergeAsync();
            // As the build before pieces stored it: the whole table in grain storage, its merge count on the log's rows.
            var serializer = cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
            await using var dataSource = PostgresTest.DataSource(connection);
            var log = new PostgresPartitionLog(dataSource);
            string name = "documentpartition/" + key;
            var pieces = await log.Read(name);
            var rows = PieceMerge.Combine<StoredSketch, StoredSketchOrder>(pieces.Select(e => Unpacked(Read(serializer, e.Delta))), fromStart: true).Tail;
            var table = new SegmentState<StoredSketch> { Segment = rows, Merges = 5, Format = StoredFormat.FoldedFacts };
            await PostgresTest.PutGrainState(connection, "documents", name, serializer.SerializeToArray(table));
            await log.Truncate(name, int.MaxValue);
            await cluster.StopAllSilosAsync();
        }
        await using (var cluster = await PostgresTest.StartCluster(connection, silos: 1))
        {
            var client = await NearDupClusterClient.OpenAsync(cluster.Client, index);
            Assert.Equal(20, await client.CountAsync());
            await client.AddRangeAsync(docs.Skip(20));
            Assert.True(await client.RemoveAsync(docs[0].Id));
            await cluster.StopAllSilosAsync();
        }
        await using (var cluster = await PostgresTest.StartCluster(connection, silos: 1))
        {
            var client = await NearDupClusterClient.OpenAsync(cluster.Client, index);
            Assert.Equal(29, await client.CountAsync());
            Assert.False(await client.ContainsAsync(docs[0].Id));
            Assert.True(await client.ContainsAsync(docs[25].Id));
            Assert.True(await client.ContainsAsync(docs[10].Id));
        }
    }

    [Fact]
    public async Task PieceOfTheFormatBeforePacking_StillRead_NewPiecesPacked()
    {
        string connection = await PostgresTest.ConnectionOrSkip() + ";Maximum Pool Size=4";
        string index = "unpacked-" + Guid.NewGuid().ToString("N")[..8];
        var docs = TestCorpus.Documents(30, seed: 63, strongCopies: false);
        string name = "documentpartition/" + PartitionMap.GrainKey(index, PartitionKind.Document, 0);
        await using var dataSource = PostgresTest.DataSource(connection);
        var log = new PostgresPartitionLog(dataSource);
        await using (var cluster = await PostgresTest.StartCluster(connection, silos: 1))
        {
            var client = await NearDupClusterClient.CreateAsync(cluster.Client, index, partitions: 1);
            await client.AddRangeAsync(docs.Take(20));
            // As format 2 stored it: the rows through Orleans' codecs, in the piece's own arrays.
            var serializer = cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
            var pieces = await log.Read(name);
            Assert.All(pieces, e => Assert.Equal(StoredFormat.PackedPieces, Read(serializer, e.Delta).Format));
            var rows = PieceMerge.Combine<StoredSketch, StoredSketchOrder>(pieces.Select(e => Unpacked(Read(serializer, e.Delta))), fromStart: true).Tail;
            await log.Truncate(name, int.MaxValue);
            await log.Append(name, 0, serializer.SerializeToArray(new SegmentState<StoredSketch> { Tail = rows, Format = StoredFormat.FoldedFacts }));
            await cluster.StopAllSilosAsync();
        }
        await using (var cluster = await PostgresTest.StartCluster(connection, silos: 1))
        {
            var client = await NearDupClusterClient.OpenAsync(cluster.Client, index);
            Assert.Equal(20, await client.CountAsync());
            await client.AddRangeAsync(docs.Skip(20));
            await cluster.StopAllSilosAsync();
        }
        await using (var cluster = await PostgresTest.StartCluster(connection, silos: 1))
        {
            var client = await NearDupClusterClient.OpenAsync(cluster.Client, index);
            Assert.Equal(30, await client.CountAsync());
            Assert.True(await client.ContainsAsync(docs[3].Id));
            Assert.True(await client.ContainsAsync(docs[25].Id));
            // The old piece as it was, and the new one packed (not merged: four pieces make a merge).
            var serializer = cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
            var formats = (await log.Read(name)).Select(e => Read(serializer, e.Delta).Format);
            Assert.Equal([StoredFormat.FoldedFacts, StoredFormat.PackedPieces], formats);
        }
    }

    /// <summary>A stored piece with its rows unpacked, as a document partition reads it.</summary>
    private static SegmentState<StoredSketch> Unpacked(SegmentState<StoredSketch> piece) =>
        new() { Tail = new SketchPage { Ids = piece.TailIds, Data = piece.TailData, Parts = SketchParts.All }.Unpack(), Format = piece.Format };

    private static SegmentState<StoredSketch> Read(Serializer serializer, byte[] record) =>
        serializer.Deserialize<SegmentState<StoredSketch>>(new ReadOnlySequence<byte>(record)) ?? throw new InvalidDataException("An empty record.");

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

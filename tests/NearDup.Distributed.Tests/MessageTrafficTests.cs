using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Hosting;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

[Collection(OrleansCollection.Name)]
public sealed class MessageTrafficTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task Counts_AnAdd_CarriesEverySketchOverAConnection()
    {
        var docs = TestCorpus.Documents(200, seed: 21, strongCopies: false);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "traffic", partitions: 4);
        using var traffic = MessageTraffic.Start();
        var before = traffic.Counts;
        Assert.Equal(200, await client.AddRangeAsync(docs));
        var add = traffic.Counts.Since(before);

        // The test's client reaches every grain through a gateway connection, so each stored sketch crossed one at
        // least once, in Orleans' serialization: the bytes counted are at least the sketches' serialized bytes.
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long sketchBytes = 0;
        for (int p = 0; p < client.Partitions; p++)
        {
            var partition = fixture.Cluster.Client.GetGrain<Grains.IDocumentPartitionGrain>(PartitionMap.GrainKey("traffic", PartitionKind.Document, p));
            foreach (var sketch in await partition.Get(await partition.Ids()))
            {
                sketchBytes += serializer.SerializeToArray(sketch).Length;
            }
        }
        Assert.True(sketchBytes > 200 * 1000, $"sketches of 200 documents: {sketchBytes:N0} B");
        Assert.True(add.SentBytes >= sketchBytes, $"sent {add.SentBytes:N0} B, the sketches alone are {sketchBytes:N0} B");
        // One call per document partition, then per key partition of each kind, each answered.
        Assert.True(add.SentMessages >= 4 * client.Partitions, $"{add.SentMessages} messages sent");
        Assert.True(add.ReceivedMessages >= 4 * client.Partitions && add.ReceivedBytes > 0, add.ToString());
    }
}

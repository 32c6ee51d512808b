using NearDup.Distributed.Grains;
using NearDup.Distributed.Hosting;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

[Collection(OrleansCollection.Name)]
public sealed class PartitionPlacementTests(OrleansClusterFixture fixture)
{
    /// <summary>Partition p of each kind on the (p mod 3)th of the 3 silos by address, whichever silo the calls came in on.</summary>
    [Fact]
    public async Task Partitions_RoundTheSilos_ByNumber()
    {
        string index = "placed-" + Guid.NewGuid().ToString("N")[..8];
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 6);
        await client.AddRangeAsync(TestCorpus.Documents(120, seed: 71, strongCopies: false));

        var silos = (await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys
            .OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        Assert.Equal(3, silos.Length);
        var live = await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var placed = live.Where(g => g.GrainId.Key.ToString()!.StartsWith(index + "/", StringComparison.Ordinal)
            && (g.GrainType.Contains(nameof(DocumentPartitionGrain), StringComparison.Ordinal) || g.GrainType.Contains(nameof(KeyPartitionGrain), StringComparison.Ordinal))).ToArray();
        Assert.Equal(4 * 6, placed.Length);
        Assert.All(placed, g => Assert.Equal(silos[PartitionMap.PartitionOfKey(g.GrainId.Key.ToString()!) % 3], g.SiloAddress));
    }

    /// <summary>
    /// A silo that joins after the partitions were activated gets its share within seconds: each misplaced partition
    /// deactivates, and its next call activates it where the placement says, with every row it stored.
    /// </summary>
    [Fact]
    public async Task SiloJoins_PartitionsMoveToIt_NothingLost()
    {
        var builder = PatientMessaging.Apply(new Orleans.TestingHost.InProcessTestClusterBuilder(1));
        var log = new MemoryPartitionLog();
        builder.ConfigureSilo((_, silo) => silo.AddNearDupMemoryStorage(log));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var docs = TestCorpus.Documents(200, seed: 72, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(cluster.Client, "joined", partitions: 4);
        await client.AddRangeAsync(docs.Take(100));
        Assert.All(await PlacedAsync(cluster.Client, "joined"), g => Assert.Equal(cluster.Silos[0].SiloAddress, g.Silo));

        await cluster.StartAdditionalSiloAsync();
        var expected = (await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.ToArray();
        Assert.Equal(2, expected.Length);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        IReadOnlyList<(int Partition, Orleans.Runtime.SiloAddress Silo, bool Document)> placed;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await client.CountAsync(); // a call to every document partition, which activates a moved one where it belongs
            placed = await PlacedAsync(cluster.Client, "joined");
        }
        while (placed.Any(g => !g.Silo.Equals(Hosting.SiloTurns.Of(g.Partition, expected))) && DateTime.UtcNow < deadline);
        var documentPartitions = placed.Where(g => g.Document).ToArray();
        Assert.All(documentPartitions, g => Assert.Equal(Hosting.SiloTurns.Of(g.Partition, expected), g.Silo));
        Assert.Equal(2, documentPartitions.Select(g => g.Silo).Distinct().Count());

        await client.AddRangeAsync(docs.Skip(100));
        Assert.Equal(docs.Count, await client.CountAsync());
        Assert.Contains(await client.QueryAsync(docs[7].Text!), m => m.Id == docs[7].Id);
    }

    /// <summary>Where the index's partitions are active: each with its number, silo, and whether it is a document partition.</summary>
    private static async Task<IReadOnlyList<(int Partition, Orleans.Runtime.SiloAddress Silo, bool Document)>> PlacedAsync(IClusterClient client, string index)
    {
        var live = await client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. live.Where(g => g.GrainId.Key.ToString()!.StartsWith(index + "/", StringComparison.Ordinal)
                && (g.GrainType.Contains(nameof(DocumentPartitionGrain), StringComparison.Ordinal) || g.GrainType.Contains(nameof(KeyPartitionGrain), StringComparison.Ordinal)))
            .Select(g => (PartitionMap.PartitionOfKey(g.GrainId.Key.ToString()!), g.SiloAddress, g.GrainType.Contains(nameof(DocumentPartitionGrain), StringComparison.Ordinal)))];
    }

    [Theory]
    [InlineData("news/Document/0", 0)]
    [InlineData("a/b/Anchor/17", 17)]
    public void PartitionOfKey_LastPart(string key, int partition) => Assert.Equal(partition, PartitionMap.PartitionOfKey(key));

    [Fact]
    public void PartitionOfKey_NoNumber_SaysWhichKey() =>
        Assert.Contains("'news/Document/x'", Assert.Throws<FormatException>(() => PartitionMap.PartitionOfKey("news/Document/x")).Message, StringComparison.Ordinal);
}

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

        var silos = await SilosByAddressAsync(fixture.Cluster.Client);
        Assert.Equal(3, silos.Length);
        var live = await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var placed = live.Where(g => g.GrainId.Key.ToString()!.StartsWith(index + "/", StringComparison.Ordinal)
            && (g.GrainType.Contains(nameof(DocumentPartitionGrain), StringComparison.Ordinal) || g.GrainType.Contains(nameof(KeyPartitionGrain), StringComparison.Ordinal))).ToArray();
        Assert.Equal(4 * 6, placed.Length);
        Assert.All(placed, g => Assert.Equal(silos[PartitionMap.PartitionOfKey(g.GrainId.Key.ToString()!) % 3], g.SiloAddress));

        // What an operator reads (GET /activations): per silo in address order, 2 document and 2 x 3 key partitions.
        var activations = await client.ActivationsAsync();
        Assert.Equal(silos.Select(s => s.ToParsableString()), activations.Select(a => a.Key));
        Assert.All(activations, a => Assert.Equal(
            [KeyValuePair.Create(nameof(DocumentPartitionGrain), 2), KeyValuePair.Create(nameof(KeyPartitionGrain), 6)], a.Value));
    }

    /// <summary>
    /// A batch run's ranges (boilerplate counts, anchor keys, anchor pairs) and the stored results go round the silos by
    /// number too, whichever silo the calls came in on: anchor-pair range p then lives beside document partition p, which
    /// asks it for its pairs.
    /// </summary>
    [Fact]
    public async Task RunRangesAndResults_RoundTheSilos_ByNumber()
    {
        string index = "ranges-" + Guid.NewGuid().ToString("N")[..8];
        var grains = fixture.Cluster.Client;
        for (int r = 0; r < 6; r++)
        {
            await grains.GetGrain<IFingerprintCountGrain>(PartitionMap.CountKey(index, "run", r)).AsReference<IRunStateProbe>().HeldRunState();
            await grains.GetGrain<IAnchorKeyGrain>(PartitionMap.AnchorKey(index, "run", r)).AsReference<IRunStateProbe>().HeldRunState();
            await grains.GetGrain<IAnchorPairGrain>(PartitionMap.AnchorPairKey(index, "run", r)).AsReference<IRunStateProbe>().HeldRunState();
            await grains.GetGrain<IClusterResultGrain>($"{index}/Result/{r}").ClusterOf(1, "none");
        }

        var silos = await SilosByAddressAsync(grains);
        var live = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var placed = live.Where(g => g.GrainId.Key.ToString()!.StartsWith(index + "/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4 * 6, placed.Length);
        Assert.Equal(4, placed.Select(g => g.GrainType).Distinct().Count());
        Assert.All(placed, g => Assert.Equal(silos[PartitionMap.PartitionOfKey(g.GrainId.Key.ToString()!) % silos.Length], g.SiloAddress));
    }

    /// <summary>
    /// A silo that joins after the partitions were activated gets its share within seconds, with no call to bring them:
    /// each misplaced partition migrates to the silo the placement names and reads every row it stored there. (A
    /// partition that only deactivated waited for a call, which a stale directory entry could send back to the old silo.)
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
            placed = await PlacedAsync(cluster.Client, "joined");
        }
        while ((placed.Count < 4 * 4 || placed.Any(g => !g.Silo.Equals(Hosting.SiloTurns.Of(g.Partition, expected)))) && DateTime.UtcNow < deadline);
        Assert.Equal(4 * 4, placed.Count);
        Assert.All(placed, g => Assert.Equal(Hosting.SiloTurns.Of(g.Partition, expected), g.Silo));
        Assert.Equal(2, placed.Where(g => g.Document).Select(g => g.Silo).Distinct().Count());

        await client.AddRangeAsync(docs.Skip(100));
        Assert.Equal(docs.Count, await client.CountAsync());
        Assert.Contains(await client.QueryAsync(docs[7].Text!), m => m.Id == docs[7].Id);
    }

    /// <summary>The active silos in the order the placement counts them: by address.</summary>
    private static async Task<Orleans.Runtime.SiloAddress[]> SilosByAddressAsync(IClusterClient client) =>
        [.. (await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal)];

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

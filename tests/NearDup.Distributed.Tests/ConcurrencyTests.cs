namespace NearDup.Distributed.Tests;

/// <summary>Writers racing on one index: the outcomes docs/scale-out.md defines ("Failure handling").</summary>
[Collection(OrleansCollection.Name)]
public sealed class ConcurrencyTests(OrleansClusterFixture fixture)
{
    private const string TextA = "the harbour council voted on tuesday to rebuild the old bridge after years of delay and rising repair costs";
    private const string TextB = "a new museum of maritime history opens its doors this weekend with a collection of ship models and charts";

    [Fact]
    public async Task TwoWriters_SameIdOtherTexts_ExactlyOneWins()
    {
        for (int round = 0; round < 10; round++)
        {
            string index = $"race-{round}";
            var first = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 3);
            var second = await NearDupClusterClient.OpenAsync(fixture.Cluster.Client, index);
            var adds = new[] { first.AddAsync("story", TextA), second.AddAsync("story", TextB) };
            var outcome = await Task.WhenAll(adds.Select(async add =>
            {
                try
                {
                    await add;
                    return true;
                }
                catch (ArgumentException e) when (e.Message.Contains("Another document with id 'story'", StringComparison.Ordinal))
                {
                    return false;
                }
            }));
            Assert.Equal(1, outcome.Count(won => won));
            Assert.Equal(1, await first.CountAsync());
            string winner = outcome[0] ? TextA : TextB;
            string loser = outcome[0] ? TextB : TextA;
            Assert.Contains(await second.QueryAsync(winner), m => m.Id == "story" && m.Role == Clustering.CopyRole.Exact);
            Assert.DoesNotContain(await second.QueryAsync(loser), m => m.Id == "story");
        }
    }

    [Fact]
    public async Task TwoWriters_SameDocument_BothAcknowledged_OneCopyOfEachRow()
    {
        var first = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "same-doc", partitions: 3);
        var second = await NearDupClusterClient.OpenAsync(fixture.Cluster.Client, "same-doc");
        await Task.WhenAll(first.AddAsync("story", TextA), second.AddAsync("story", TextA));
        Assert.Equal(1, await first.CountAsync());
        var bands = await first.StatsAsync(Partitions.PartitionKind.Band);
        Assert.Equal(new Clustering.DuplicateDetector().LshParameters.Bands, bands.Sum(s => s.Rows));
    }
}

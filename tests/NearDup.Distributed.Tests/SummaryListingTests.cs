using Microsoft.Extensions.DependencyInjection;
using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's listing of summaries (no fingerprints, positions or facts at the coordinator): what it receives, the
/// steps that read fingerprints and facts measured at the partitions against the library's own, and a listed document
/// changed since the listing failing the run.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class SummaryListingTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task ClusterAsync_ListsSummariesOnly_ScalarsAndIdADocument()
    {
        var docs = TestCorpus.Documents(800, seed: 101, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "summary-listing", partitions: 3);
        await client.AddRangeAsync(docs);
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            await client.ClusterAsync(includePairs: true);
            calls = log.Calls;
        }
        var pages = calls.Where(c => c.Method == nameof(IDocumentPartitionGrain.Scan)).Select(c => (SketchPage)c.Result!).ToArray();
        Assert.Equal(docs.Count, pages.Sum(p => p.Count));
        Assert.All(pages, p => Assert.Equal(SketchParts.Summary, p.Parts));
        // No call brings a sketch's arrays to the coordinator.
        Assert.DoesNotContain(calls, c => c.Result is StoredSketch[] || c.Result is SketchPage { Parts: not SketchParts.Summary });
        // A summary: 24 B of scalars and counts and the id (about 10 B here) with its framing; no SimHash or band keys
        // (25 of 4 B at the defaults), which the key partitions' runs carry themselves.
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long listed = pages.Sum(p => (long)serializer.SerializeToArray(p).Length);
        Assert.True(listed <= 40L * docs.Count, $"listed {listed:N0} B for {docs.Count} documents");
    }

    [Fact]
    public async Task MeasureAsync_Pairs_SharedAsBruteCount_FactsCheckAsTheStage()
    {
        var docs = TestCorpus.Documents(300, seed: 102, strongCopies: true);
        // A series: one text a week apart with other figures, which the facts check keeps from a strong link.
        var week = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        string Report(int tonnes, int price) => $"Weekly grain report. Wheat exports from the port of Rouen rose to {tonnes:N0} tonnes this week, "
            + $"the ministry said on Monday, while the price held at {price} euros a tonne. Barley shipments were unchanged and maize was quiet.";
        docs.Add(new DocumentInput("series-1", Report(1_234, 212), week));
        docs.Add(new DocumentInput("series-2", Report(5_678, 219), week.AddDays(7)));
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "summary-measure", partitions: 3);
        await client.AddRangeAsync(docs);
        var stored = await StoredSketches.ReadAllAsync(fixture.Cluster.Client, "summary-measure", client.Partitions);
        var pairs = Enumerable.Range(0, stored.Length - 1).Select(i => (i, (i * 7 + 3) % stored.Length)).Where(p => p.i != p.Item2)
            .Append((Array.FindIndex(stored, s => s.Id == "series-1"), Array.FindIndex(stored, s => s.Id == "series-2"))).ToArray();
        string[] ids = [.. stored.Select(s => s.Id)];
        ulong[] content = [.. stored.Select(s => s.ContentHash)];

        var (shared, differ) = await client.MeasureAsync(ids, content, pairs, common: null);
        var expectedDiffer = pairs.Select(p => FactRules.SeriesApart(stored[p.Item1].Facts, stored[p.Item1].DateTicks, stored[p.Item1].ShingleCount,
            stored[p.Item2].Facts, stored[p.Item2].DateTicks, stored[p.Item2].ShingleCount)).ToArray();
        Assert.Equal(pairs.Select(p => stored[p.Item1].Fingerprints.Intersect(stored[p.Item2].Fingerprints).Count()), shared);
        Assert.Equal(expectedDiffer, differ);
        Assert.True(differ![^1]); // the series
        Assert.Contains(false, differ);

        // The verified pairs' listing: without the boilerplate, and no facts.
        uint[] common = [.. stored.SelectMany(s => s.Fingerprints).CountBy(f => f).Where(c => c.Value >= 3).Select(c => c.Key).Order()];
        var (withoutCommon, none) = await client.MeasureAsync(ids, content, pairs, common);
        Assert.Null(none);
        Assert.Equal(pairs.Select(p => stored[p.Item1].Fingerprints.Intersect(stored[p.Item2].Fingerprints).Count(f => Array.BinarySearch(common, f) < 0)),
            withoutCommon);
        Assert.Contains(pairs.Select((p, k) => withoutCommon[k] < shared[k]), less => less);
    }

    /// <summary>
    /// A listed document removed, or replaced by another text, or by a copy of another listed document (whose new key
    /// rows then join that document's runs: the listing holds no keys to drop them by), fails the run naming it.
    /// </summary>
    [Theory]
    [InlineData("replaced")]
    [InlineData("copied")]
    [InlineData("removed")]
    public async Task ClusterAsync_ListedDocumentReplacedOrRemovedAfterTheListing_FailsNamingIt(string change)
    {
        var docs = TestCorpus.Documents(600, seed: 103, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, $"summary-{change}", partitions: 3);
        await client.AddRangeAsync(docs);
        string id = docs[change == "removed" ? 42 : 17].Id;
        IReadOnlyList<(string Method, object? Result)> calls;
        InvalidOperationException error;
        using (var log = ClientCalls.Start())
        {
            error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ClusterAsync(includePairs: false, progress: null,
                afterListing: async () =>
                {
                    Assert.True(await client.RemoveAsync(id));
                    if (change != "removed")
                    {
                        await client.AddAsync(id, change == "copied" ? docs[300].Text! : "another text under the same id, which the listing did not see at all");
                    }
                }, CancellationToken.None));
            calls = log.Calls;
        }
        Assert.Contains($"'{id}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("run the clustering again", error.Message, StringComparison.Ordinal);
        if (change == "copied")
        {
            // The copy's rows were paired with the document it copies, and the pair's measure found it changed.
            var measured = calls.Where(c => c.Method == nameof(IDocumentPartitionGrain.Measure)).Select(c => (MeasureAnswer)c.Result!);
            Assert.Contains(measured, a => a.Shared.Contains(-1));
        }
    }
}

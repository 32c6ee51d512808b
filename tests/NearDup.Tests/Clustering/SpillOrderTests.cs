using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Stage 2 in the spill file's order: the same scores, strong links and leftovers as in the pairs' own order, with
/// blocks small enough that every few documents start a new one, and the order itself a block join over the slots.
/// </summary>
public sealed class SpillOrderTests
{
    private const int Documents = 1_500;

    [Theory]
    [InlineData(4_096L, 3)]
    [InlineData(1L, 2)]
    [InlineData(long.MaxValue, 1)]
    public void MeasureInSpillOrder_TinyBlocks_SameVerifiedPairsAsPairOrder(long blockBytes, int workers)
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var spill = new FingerprintSpill(folder.Path);
        var docs = Table(spill);
        var options = NearDupOptions.Default;
        var candidates = CandidateStage.Find(docs, options, new ParallelOptions());
        var pairs = candidates.Candidates;
        Assert.True(pairs.Length > 300, $"{pairs.Length} candidates");
        var verifier = new Verifier(options, BoilerplateFilter.None);
        var sizes = Enumerable.Range(0, docs.Count).Select(docs.FingerprintCount).ToArray();
        var expected = pairs.Select(p => verifier.Measure(docs.Fingerprints(p.A), sizes[p.A], docs.Fingerprints(p.B), sizes[p.B])).ToArray();

        var scores = new Verifier.Score[pairs.Length];
        StrongLinkStage.MeasureInSpillOrder(docs, verifier, sizes, pairs, scores, blockBytes, workers, CancellationToken.None);

        Assert.Equal(expected, scores);
        var direct = StrongLinkStage.Classify(docs, verifier, candidates, expected);
        var ordered = StrongLinkStage.Verify(docs, options, candidates, new ParallelOptions { MaxDegreeOfParallelism = workers });
        Assert.NotEmpty(direct.Pairs);
        Assert.NotEmpty(direct.Leftovers);
        Assert.Equal(direct.Pairs, ordered.Pairs);
        Assert.Equal(direct.Leftovers, ordered.Leftovers);
    }

    [Fact]
    public void Of_IsABlockJoinOverSlots()
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var spill = new FingerprintSpill(folder.Path);
        var docs = Table(spill);
        var pairs = CandidateStage.Find(docs, NearDupOptions.Default, new ParallelOptions()).Candidates;
        (int Early, int Late) Slots(int k) => (Math.Min(docs.Slot(pairs[k].A), docs.Slot(pairs[k].B)), Math.Max(docs.Slot(pairs[k].A), docs.Slot(pairs[k].B)));

        // One block: the later documents are read forward once. A block a document: each block's pairs run together.
        var one = SpillOrder.Of(docs, pairs, long.MaxValue);
        var each = SpillOrder.Of(docs, pairs, 1);

        Assert.Equal(Enumerable.Range(0, pairs.Length), one.Order());
        Assert.Equal(Enumerable.Range(0, pairs.Length), each.Order());
        var lates = one.Select(k => Slots(k).Late).ToArray();
        Assert.Equal(lates.Order(), lates);
        var earlies = each.Select(k => Slots(k).Early).ToArray();
        Assert.Equal(earlies.Order(), earlies);
        Assert.NotEqual(one, each);
    }

    /// <summary>A generated corpus sketched into a spilled store in a shuffled order, so that slots are not ids' order.</summary>
    internal static DocumentTable Table(FingerprintSpill spill)
    {
        var documents = new CorpusGenerator(new CorpusOptions { Documents = Documents, Seed = 77 }).Generate().ToList();
        var sketcher = new Sketcher(NearDupOptions.Default);
        var store = new SketchStore(sketcher.Lsh.Bands, spill);
        var random = new Random(77);
        foreach (var d in documents.OrderBy(_ => random.Next()))
        {
            store.Add(sketcher.Sketch(d.Id, d.Text, 0));
        }
        return new DocumentTable(store, [.. Enumerable.Range(0, store.Count)]);
    }
}

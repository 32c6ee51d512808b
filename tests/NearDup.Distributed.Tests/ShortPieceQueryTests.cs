using NearDup.Clustering;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A sentence of 16 words (12 shingles) that one stored text and the query alone hold, on word seeds where just one of
/// its shingles is an anchor: the partitioned index answers as the single machine does (<c>DistinctiveAnchors</c>).
/// A short query finds the long text holding it and a long query the short text holding it, as reuse; a long query
/// does not find a long text by that key alone; a query that is the sentence alone, found by that key, is reuse, not a
/// copy of the story that opens with it. Each path that skipped the rule would answer differently: the anchor
/// partitions not counting such a key twice, the document partitions scoring a long text found by it, or judging a
/// copy on one anchor.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class ShortPieceQueryTests(OrleansClusterFixture fixture)
{
    private const int SentenceWords = 16;

    /// <summary>Words of its own around the sentence in a short text (96 words) and in a long one (476, over <c>DistinctiveAnchors.MaxFingerprints</c>).</summary>
    private const int ShortAround = 40, LongAround = DistinctiveAnchors.MaxFingerprints / 2 + 5;

    [Fact]
    public async Task Query_DistinctiveSentence_SameAnswersAsSingleMachine()
    {
        var options = NearDupOptions.Default with { CommonShingleDocuments = int.MaxValue };
        var docs = TestCorpus.Documents(300, seed: 15, strongCopies: false);
        var seeds = OneAnchorSeeds(options, 8);
        var queries = new List<(string Text, string Found, PairRelation? Relation)>();
        for (int k = 0; k < seeds.Count; k += 4)
        {
            var (a, b, c, d) = (Words(seeds[k], SentenceWords), Words(seeds[k + 1], SentenceWords), Words(seeds[k + 2], SentenceWords),
                Words(seeds[k + 3], SentenceWords));
            docs.Add(new DocumentInput($"long-a{k}", Text(seeds[k] + 1, LongAround, a)));
            queries.Add((Text(seeds[k] + 2, ShortAround, a), $"long-a{k}", PairRelation.Reuse));
            docs.Add(new DocumentInput($"short-b{k}", Text(seeds[k + 1] + 1, ShortAround, b)));
            queries.Add((Text(seeds[k + 1] + 2, LongAround, b), $"short-b{k}", PairRelation.Reuse));
            docs.Add(new DocumentInput($"long-c{k}", Text(seeds[k + 2] + 1, LongAround, c)));
            queries.Add((Text(seeds[k + 2] + 2, LongAround, c), $"long-c{k}", null));
            docs.Add(new DocumentInput($"story-d{k}", string.Join(' ', [.. d, .. Words(seeds[k + 3] + 1, 300)])));
            queries.Add((string.Join(' ', d), $"story-d{k}", PairRelation.Reuse));
        }
        var detector = new DuplicateDetector(options);
        detector.AddRange(docs);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "short-pieces", partitions: 4, options);
        await client.AddRangeAsync(docs);

        foreach (var (text, found, relation) in queries)
        {
            var expected = detector.Query(text).Select(m => m with { Cluster = "" }).ToList();
            Assert.Equal(relation, expected.Where(m => m.Id == found).Select(m => (PairRelation?)m.Relation).SingleOrDefault());
            Assert.Equal(expected, await client.QueryAsync(text));
        }
    }

    /// <summary><paramref name="around"/> words of its own before and after the sentence.</summary>
    private static string Text(int seed, int around, string[] sentence)
    {
        var own = Words(seed, 2 * around);
        return string.Join(' ', [.. own[..around], .. sentence, .. own[around..]]);
    }

    /// <summary>Seeded words of letters only (no figures or names, which the judge reads as facts), from 50,000.</summary>
    private static string[] Words(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => "w" + Letters(random.Next(0, 50_000)))];
    }

    private static string Letters(int n) => n == 0 ? "" : (char)('a' + n % 26) + Letters(n / 26);

    /// <summary>The first <paramref name="count"/> seeds (a hundred apart) whose sentence has exactly one anchor among its shingles.</summary>
    private static List<int> OneAnchorSeeds(NearDupOptions options, int count)
    {
        var sketcher = new Sketcher(options);
        uint mask = AnchorTable.MaskOf(options);
        var seeds = new List<int>();
        for (int seed = 100; seeds.Count < count; seed += 100)
        {
            var sketch = sketcher.Sketch("sentence", string.Join(' ', Words(seed, SentenceWords)), 0);
            if (sketch.Fingerprints.Count(fp => AnchorTable.IsAnchor(fp, mask)) == 1)
            {
                seeds.Add(seed);
            }
        }
        return seeds;
    }
}

using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Tests.Clustering;

public sealed class SketchStoreTests
{
    [Fact]
    public void Add_ManyDocumentsAndABigOne_ReadBackExactly()
    {
        var random = new Random(7);
        var store = new SketchStore(bands: 3);
        var added = new List<DocumentSketch>();
        // Enough rows for several row pages (4,096 each) and enough fingerprints for several shared pages (1 Mi each),
        // with one document too big for a shared page.
        for (int i = 0; i < 10_000; i++)
        {
            int count = i == 5_000 ? 600_000 : random.Next(0, 400);
            var fingerprints = new uint[count];
            for (int k = 0; k < count; k++)
            {
                fingerprints[k] = (uint)random.Next();
            }
            Array.Sort(fingerprints);
            var sketch = new DocumentSketch
            {
                Id = "d" + i,
                DateTicks = random.NextInt64(),
                ContentHash = (ulong)random.NextInt64(),
                ShingleCount = count + 3,
                SimHash = (ulong)random.NextInt64(),
                BandKeys = [(uint)random.Next(), (uint)random.Next(), (uint)i],
                Fingerprints = fingerprints,
            };
            Assert.Equal(i, store.Add(sketch));
            added.Add(sketch);
        }

        Assert.Equal(added.Count, store.Count);
        for (int i = 0; i < added.Count; i++)
        {
            var expected = added[i];
            Assert.Equal(expected.Id, store.Id(i));
            Assert.Equal(expected.DateTicks, store.DateTicks(i));
            Assert.Equal(expected.ContentHash, store.ContentHash(i));
            Assert.Equal(expected.SimHash, store.SimHash(i));
            Assert.Equal(expected.ShingleCount, store.ShingleCount(i));
            Assert.Equal(expected.BandKeys, store.BandKeys(i).ToArray());
            Assert.Equal(expected.Fingerprints, store.Fingerprints(i).ToArray());
        }
    }

    [Fact]
    public void Add_WrongNumberOfBandKeys_Throws()
    {
        var store = new SketchStore(bands: 2);
        var e = Assert.Throws<ArgumentException>(() => store.Add(new DocumentSketch { Id = "x", BandKeys = [1], Fingerprints = [] }));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentTable_NumbersDocumentsByOrdinalId()
    {
        var store = new SketchStore(bands: 1);
        foreach (string id in new[] { "b", "a", "B", "c" })
        {
            store.Add(new DocumentSketch { Id = id, BandKeys = [0], Fingerprints = [] });
        }
        var table = new DocumentTable(store, [0, 1, 3]); // "B" (slot 2) is not in the table
        Assert.Equal(["a", "b", "c"], Enumerable.Range(0, table.Count).Select(table.Id));
    }

    [Fact]
    public void Remove_MostDocuments_CompactsAndClustersAsAFreshDetector()
    {
        var documents = new CorpusGenerator(new CorpusOptions { Documents = 3_000, Seed = 5 }).Generate().ToList();
        var detector = new DuplicateDetector();
        foreach (var d in documents)
        {
            detector.Add(d.Id, d.Text);
        }
        // Removing 2,600 of 3,000 passes the compaction point (removed > max(1,024, live)).
        foreach (var d in documents.Take(2_600))
        {
            Assert.True(detector.Remove(d.Id));
        }
        var fresh = new DuplicateDetector();
        foreach (var d in documents.Skip(2_600))
        {
            fresh.Add(d.Id, d.Text);
        }
        Assert.Equal(400, detector.Count);
        Assert.True(detector.StoredSlots < 1_500, $"{detector.StoredSlots} slots kept for 400 documents");
        Assert.Equal(Describe(fresh.Cluster(includePairs: true)), Describe(detector.Cluster(includePairs: true)));
        Assert.Equal(fresh.Query(documents[2_700].Text), detector.Query(documents[2_700].Text));
        // Adding after the compaction still works, and a removed id may come back.
        detector.Add(documents[0].Id, documents[0].Text);
        Assert.True(detector.Contains(documents[0].Id));
    }

    private static string Describe(ClusteringResult result) =>
        string.Join("\n", result.Clusters.Select(c => c.Id + " " + c.Canonical + ": " + string.Join(",", c.Members.Select(m => $"{m.Id}/{m.Role}/{m.Jaccard}/{m.Containment}"))))
        + "\n" + string.Join("\n", result.Pairs.Select(p => $"{p.First} {p.Second} {p.Jaccard} {p.Containment}"));
}

using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The documents' spill file written past the page cache (<see cref="NearDupOptions.SpillDirectFromBytes"/>, from the
/// start or from a few pages on): the clusters, with every member's role and scores, are those of a run in memory.
/// </summary>
public sealed class SpillDirectWritesTests
{
    [Theory]
    [InlineData(0L, 2)]
    [InlineData(1L << 20, 1)] // the first page through the cache, the rest past it
    public void Cluster_SpillWrittenPastTheCache_SameAsInMemory(long directFrom, int threads)
    {
        // Enough fingerprints to fill two 4 MiB pages of the spill file or more.
        var documents = new CorpusGenerator(new CorpusOptions { Documents = 3_000, Seed = 17 }).Generate().ToList();
        using var folder = new SketchStoreTests.SpillFolder();
        var options = new NearDupOptions { MaxDegreeOfParallelism = threads };

        var plain = Clusters(documents, options, out _);
        var spilled = Clusters(documents, options with { SpillDirectory = folder.Path, SpillDirectFromBytes = directFrom }, out long spilledBytes);

        Assert.True(spilledBytes > directFrom + (4L << 20), $"{spilledBytes:N0} bytes spilled: no page past {directFrom:N0}");
        Assert.Contains(plain, line => line.Contains(',', StringComparison.Ordinal));
        Assert.Equal(plain, spilled);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    /// <summary>Each cluster as one line: its id, canonical, and every member with its role and scores.</summary>
    private static List<string> Clusters(List<GeneratedDocument> documents, NearDupOptions options, out long spilledBytes)
    {
        using var detector = new DuplicateDetector(options);
        foreach (var d in documents)
        {
            detector.Add(d.Id, d.Text);
        }
        var result = detector.Cluster();
        spilledBytes = result.Statistics.SpilledBytes;
        return [.. result.Clusters.Select(c => $"{c.Id} {c.Canonical}: " + string.Join(", ", c.Members.Select(m => $"{m.Id} {m.Role} {m.Jaccard} {m.Containment}")))];
    }
}

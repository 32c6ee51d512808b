using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="DuplicateDetector.AddRange"/> sketches a batch (512 documents) while the batch before it is copied into
/// the store: a bad id stops the stream where it is, and what was added before it, and only that, stays added.
/// </summary>
public sealed class AddRangeTests
{
    private static DocumentInput Document(int i, string? id = null) =>
        new(id ?? $"d{i:D5}", $"document {i} tells of the {i % 7} harbours and the {i % 11} ships that left them on day {i}");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void RepeatedId_InALaterBatch_KeepsTheDocumentsBeforeIt(int threads)
    {
        using var detector = new DuplicateDetector(NearDupOptions.Default with { MaxDegreeOfParallelism = threads });
        // Document 1,100 (the third batch) repeats the id of document 3 (the first).
        var documents = Enumerable.Range(0, 1500).Select(i => i == 1100 ? Document(i, "d00003") : Document(i));
        var error = Assert.Throws<ArgumentException>(() => detector.AddRange(documents));
        Assert.Contains("d00003", error.Message, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, 1100), i => Assert.True(detector.Contains($"d{i:D5}"), $"d{i:D5} was added before the repeat"));
        Assert.All(Enumerable.Range(1101, 399), i => Assert.False(detector.Contains($"d{i:D5}"), $"d{i:D5} comes after the repeat"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EmptyId_StopsBeforeItsBatch_AfterTheBatchesBefore(int threads)
    {
        using var detector = new DuplicateDetector(NearDupOptions.Default with { MaxDegreeOfParallelism = threads });
        var documents = Enumerable.Range(0, 1500).Select(i => i == 1300 ? Document(i, "") : Document(i));
        Assert.Throws<ArgumentException>(() => detector.AddRange(documents));
        // The third batch (1,024-1,535) holds the empty id, so none of it is added; the two before are.
        Assert.All(Enumerable.Range(0, 1024), i => Assert.True(detector.Contains($"d{i:D5}")));
        Assert.All(Enumerable.Range(1024, 476).Where(i => i != 1300), i => Assert.False(detector.Contains($"d{i:D5}")));
    }

    [Fact]
    public void RepeatedId_InTheBatchBeforeAnEmptyId_IsTheErrorReported()
    {
        using var detector = new DuplicateDetector(NearDupOptions.Default with { MaxDegreeOfParallelism = 2 });
        // Batch two (512-1,023) repeats d00007 at 600 while batch three holds an empty id: the stream stops at 600 first.
        var documents = Enumerable.Range(0, 1500).Select(i => i switch { 600 => Document(i, "d00007"), 1100 => Document(i, ""), _ => Document(i) });
        var error = Assert.Throws<ArgumentException>(() => detector.AddRange(documents));
        Assert.Contains("d00007", error.Message, StringComparison.Ordinal);
        Assert.True(detector.Contains("d00599"));
        Assert.False(detector.Contains("d00601"));
    }

    /// <summary>Two rooms take turns: a room sketched into while its copy still runs would give other sketches than one thread does.</summary>
    [Fact]
    public void ManyBatches_GiveTheClustersOfOneThread()
    {
        using var one = new DuplicateDetector(NearDupOptions.Default with { MaxDegreeOfParallelism = 1 });
        using var two = new DuplicateDetector(NearDupOptions.Default with { MaxDegreeOfParallelism = 2 });
        // Generated news with copies (three batches and a part), so that there are clusters to compare.
        var documents = new CorpusGenerator(new CorpusOptions { Documents = 1300, Seed = 5 }).Generate().Select(d => new DocumentInput(d.Id, System.Text.Encoding.UTF8.GetBytes(d.Text))).ToArray();
        Assert.Equal(1300, one.AddRange(documents));
        Assert.Equal(1300, two.AddRange(documents));
        var a = one.Cluster().Clusters.Select(c => string.Join(',', c.Members.Select(m => m.Id))).ToArray();
        var b = two.Cluster().Clusters.Select(c => string.Join(',', c.Members.Select(m => m.Id))).ToArray();
        Assert.Equal(a, b);
        Assert.Equal(1300, b.Sum(c => c.Split(',').Length));
        Assert.Contains(b, c => c.Contains(','));
    }
}

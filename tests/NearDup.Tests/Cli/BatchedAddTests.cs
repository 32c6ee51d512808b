using NearDup.Cli.Input;
using NearDup.Clustering;
using NearDup.Corpus;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// <see cref="DuplicateDetector.AddBatches"/> fed by <see cref="DocumentReader.ReadBatches()"/>, cluster's path: JSONL lines
/// parsed by the sketching threads out of the reader's buffers still take store slots in input order, give the clusters
/// of <see cref="DuplicateDetector.AddRange"/>, and stop at a bad line naming file and line, with the lines before added.
/// </summary>
public sealed class BatchedAddTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void AddBatches_SlotsInInputOrder_ClustersOfAddRange(int threads)
    {
        using var folder = new TempFolder();
        string path = WriteCorpus(folder.Path, badLine: 0);
        var options = NearDupOptions.Default with { MaxDegreeOfParallelism = threads };
        using var reference = new DuplicateDetector(NearDupOptions.Default with { MaxDegreeOfParallelism = 1 });
        var documents = new DocumentReader(path, new InputOptions { MaxDegreeOfParallelism = 1 }).Read().ToList();
        reference.AddRange(documents);

        using var batched = new DuplicateDetector(options);
        // 64 KiB buffers: the 1,300 documents come in dozens of batches, some lines longer than the buffer.
        var reader = new DocumentReader(path, new InputOptions()) { LineBufferSize = 64 << 10 };
        Assert.Equal(documents.Count, batched.AddBatches(reader.ReadBatches()));
        Assert.Equal(documents.Select(d => d.Id), Enumerable.Range(0, documents.Count).Select(batched.StoredId));
        Assert.Equal(Clusters(reference), Clusters(batched));
        Assert.Contains(Clusters(batched), c => c.Contains(','));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AddBatches_BadLine_StopsThereNamingFileAndLine(int threads)
    {
        using var folder = new TempFolder();
        string path = WriteCorpus(folder.Path, badLine: 700);
        using var detector = new DuplicateDetector(NearDupOptions.Default with { MaxDegreeOfParallelism = threads });
        var reader = new DocumentReader(path, new InputOptions()) { LineBufferSize = 64 << 10 };
        var error = Assert.Throws<InputException>(() => detector.AddBatches(reader.ReadBatches()));
        Assert.StartsWith($"{path}:700: malformed JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(699, detector.Count);
        Assert.Equal("g0698", detector.StoredId(698));

        var skipping = new DocumentReader(path, new InputOptions { SkipInvalid = true }) { LineBufferSize = 64 << 10 };
        using var all = new DuplicateDetector(NearDupOptions.Default with { MaxDegreeOfParallelism = threads });
        Assert.Equal(1299, all.AddBatches(skipping.ReadBatches()));
        Assert.Equal(1, skipping.Skipped);
        Assert.False(all.Contains("g0699"));
    }

    /// <summary>Generated news with copies as JSONL, ids g0000 on; line <paramref name="badLine"/> (from 1) cut short, if any.</summary>
    private static string WriteCorpus(string folder, int badLine)
    {
        var lines = new CorpusGenerator(new CorpusOptions { Documents = 1300, Seed = 5 }).Generate()
            .Select((d, i) => i + 1 == badLine ? "{\"id\": \"cut"u8.ToArray() : CliHarness.Line($"g{i:D4}", d.Text)).ToArray();
        return CliHarness.WriteLines(folder, "docs.jsonl", lines);
    }

    private static string[] Clusters(DuplicateDetector detector) =>
        [.. detector.Cluster().Clusters.Select(c => string.Join(',', c.Members.Select(m => m.Id)))];
}

using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

/// <summary>
/// The query state an index saves from format 6 on (<see cref="QueryStateSection"/>): a loaded index answers queries
/// from it exactly as a clustering of its documents would, never serves it for other documents or other thresholds,
/// and refuses a corrupt one naming the section.
/// </summary>
public sealed class QueryStateTests
{
    private static readonly Lazy<(DuplicateDetector Clustered, byte[] File)> s_saved = new(() =>
    {
        var detector = IndexTestData.Build(IndexTestData.Corpus);
        detector.Cluster();
        return (detector, IndexTestData.SaveToBytes(detector));
    });

    private static DuplicateDetector Load(byte[] file, NearDupOptions? options = null) => DuplicateDetector.Load(new MemoryStream(file), options);

    [Fact]
    public void Load_SavedAfterClustering_AnswersFromTheStateAsAClusteringDoes()
    {
        var (clustered, file) = s_saved.Value;
        var loaded = Load(file);
        Assert.True(loaded.HasQueryState);
        var fresh = IndexTestData.Build(IndexTestData.Corpus);
        Assert.False(fresh.HasQueryState);
        string expected = IndexTestData.QueryAll(fresh);
        Assert.Equal(expected, IndexTestData.QueryAll(loaded));
        Assert.Equal(expected, IndexTestData.QueryAll(clustered));
        // Queries reach the cluster ids, exact copies and judged copies: the state is used, not bypassed.
        Assert.Matches(@",c\d{6},", expected);
        Assert.Contains(",Exact,", expected, StringComparison.Ordinal);
        Assert.True(expected.Contains(",Rewritten,", StringComparison.Ordinal) || expected.Contains(",Excerpt,", StringComparison.Ordinal));
    }

    [Fact]
    public void Save_LoadedWithState_SameBytes()
    {
        var (_, file) = s_saved.Value;
        Assert.Equal(file, IndexTestData.SaveToBytes(Load(file)));
    }

    [Fact]
    public void FromSaved_EveryPart_EqualsTheClusteringRun()
    {
        var detector = IndexTestData.Build(IndexTestData.Corpus);
        var docs = detector.Snapshot().Documents;
        var run = ClusterBuilder.Build(docs, detector.Options, includePairs: false, progress: null, CancellationToken.None);
        var state = run.ToSavedState();
        var loaded = ClusterIndex.FromSaved(docs, detector.Options, state);
        var members = new int[state.Rep.Length];
        foreach (int g in state.GroupOf)
        {
            members[g]++;
        }
        int multi = state.AnchorPostings.Select(p => (int)(uint)p).Distinct().Count(g => members[g] > 1);
        Assert.True(multi > 5, $"only {multi} groups of several members have saved anchors");
        Assert.True(state.Boilerplate.Length > 0 || run.Anchors.Count > 0);
        Assert.Equal(run.Anchors.Keys.ToArray(), loaded.Anchors.Keys.ToArray());
        Assert.Equal(run.Anchors.Documents.ToArray(), loaded.Anchors.Documents.ToArray());
        Assert.Equal(state, loaded.ToSavedState(), SavedStateComparer.Instance);
    }

    /// <summary>The section read back holds the anchor table a clustering builds from the groups' cores, key for key and group for group.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_SavedSection_AnchorTableEqualsTheBuiltOne(bool packed)
    {
        var detector = IndexTestData.Build(IndexTestData.Corpus);
        var run = ClusterBuilder.Build(detector.Snapshot().Documents, detector.Options, includePairs: false, progress: null, CancellationToken.None);
        detector.Cluster();
        var file = IndexTestData.SaveToBytes(detector, packed ? IndexCodecs.Default : IndexCodecs.None);
        var read = IndexReader.Read(new MemoryStream(file)).QueryState!;
        var built = run.Anchors;
        Assert.True(built.Count > 100, $"only {built.Count} anchor postings");
        Assert.Equal(built.Keys.ToArray(), read.AnchorPostings.Select(p => (uint)(p >> 32)).ToArray());
        Assert.Equal(built.Documents.ToArray(), read.AnchorPostings.Select(p => (int)(uint)p).ToArray());
    }

    /// <summary>A query state of format 6 to 9 saved each group's anchors; it is refused, naming the version and the rebuild.</summary>
    [Fact]
    public void Load_QueryStateOfFormatNine_RefusedNamingTheRebuild()
    {
        var parts = IndexFileParts.Parse(s_saved.Value.File);
        parts.Version = IndexFormat.SortedAnchorsVersion - 1;
        string message = Assert.Throws<InvalidDataException>(() => Load(parts.ToBytes())).Message;
        Assert.StartsWith($"NearDup index format version {IndexFormat.SortedAnchorsVersion - 1} saves its query state's anchors group by group",
            message, StringComparison.Ordinal);
        Assert.Contains($"format {IndexFormat.Version}): neardup index build", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_AfterAddOrRemove_LeavesTheStateOut()
    {
        var detector = IndexTestData.Build(IndexTestData.Corpus.Skip(1));
        detector.Cluster();
        Assert.True(Load(IndexTestData.SaveToBytes(detector)).HasQueryState);
        IndexTestData.Add(detector, IndexTestData.Corpus.Take(1));
        var afterAdd = Load(IndexTestData.SaveToBytes(detector));
        Assert.False(afterAdd.HasQueryState);
        Assert.Equal(IndexTestData.QueryAll(IndexTestData.Build(IndexTestData.Corpus)), IndexTestData.QueryAll(afterAdd));

        afterAdd.Cluster();
        Assert.True(afterAdd.Remove(IndexTestData.Corpus[0].Id));
        var afterRemove = Load(IndexTestData.SaveToBytes(afterAdd));
        Assert.False(afterRemove.HasQueryState);
        Assert.Equal(IndexTestData.QueryAll(IndexTestData.Build(IndexTestData.Corpus.Skip(1))), IndexTestData.QueryAll(afterRemove));
    }

    [Fact]
    public void Load_AddAfterLoading_QueriesTheNewDocumentsToo()
    {
        var detector = IndexTestData.Build(IndexTestData.Corpus.Skip(1));
        detector.Cluster();
        var loaded = Load(IndexTestData.SaveToBytes(detector));
        Assert.True(loaded.HasQueryState);
        IndexTestData.Add(loaded, IndexTestData.Corpus.Take(1));
        Assert.False(loaded.HasQueryState);
        Assert.Contains(loaded.Query(IndexTestData.Corpus[0].Text), m => m.Id == IndexTestData.Corpus[0].Id);
    }

    [Fact]
    public void Load_OtherThresholds_ClustersAgain_OtherThreadsKeepTheState()
    {
        var (clustered, file) = s_saved.Value;
        Assert.True(Load(file, clustered.Options with { MaxDegreeOfParallelism = 1 }).HasQueryState);
        var other = clustered.Options with { CommonShingleDocuments = 3 };
        var loaded = Load(file, other);
        Assert.False(loaded.HasQueryState);
        Assert.Equal(IndexTestData.QueryAll(IndexTestData.Build(IndexTestData.Corpus, other)), IndexTestData.QueryAll(loaded));
    }

    [Fact]
    public void Read_FormatSixWithoutTheSection_NamesIt()
    {
        var parts = IndexFileParts.Parse(s_saved.Value.File);
        parts.Headers.RemoveAt(3);
        parts.Payloads.RemoveAt(3);
        string message = Assert.Throws<InvalidDataException>(() => Load(parts.ToBytes())).Message;
        Assert.StartsWith("NearDup index is corrupt: the query state section", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StateByteFlippedOrTruncated_NamesTheQueryStateSection()
    {
        var file = s_saved.Value.File;
        var parts = IndexFileParts.Parse(file);
        int payloadStart = file.Length - IndexFormat.TrailerBytes - 8 - parts.Payloads[3].Length;
        foreach (int at in new[] { payloadStart, payloadStart + 17, payloadStart + parts.Payloads[3].Length / 2, file.Length - IndexFormat.TrailerBytes - 9 })
        {
            var flipped = (byte[])file.Clone();
            flipped[at] ^= 0x10;
            Assert.Contains("the query state section", Assert.Throws<InvalidDataException>(() => Load(flipped)).Message, StringComparison.Ordinal);
        }
        var truncated = file.AsSpan(0, payloadStart + parts.Payloads[3].Length / 2).ToArray();
        Assert.Contains("the query state section", Assert.Throws<InvalidDataException>(() => Load(truncated)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("group", "gives a document's group as")]
    [InlineData("rep", "the representative of group")]
    [InlineData("cluster", "gives a document's cluster as")]
    [InlineData("size", "fingerprints without boilerplate but it has")]
    [InlineData("boilerplate", "lists boilerplate fingerprints out of order")]
    [InlineData("flags", "has flags 8, which no NearDup writes")]
    public void Read_StateThatCannotBe_RefusedNamingTheSection(string field, string problem)
    {
        var detector = IndexTestData.Build(IndexTestData.Corpus);
        detector.Cluster();
        var parts = IndexFileParts.Parse(IndexTestData.SaveToBytes(detector, IndexCodecs.None));
        var payload = parts.Payloads[3];
        int n = (int)IndexReaderData.U32(payload, 4), groups = (int)IndexReaderData.U32(payload, 8);
        int groupOf = 16, rep = groupOf + 4 * n, clusterOf = rep + 4 * groups, sizes = clusterOf + 4 * n, boilerplate = sizes + 4 * n;
        switch (field)
        {
            case "group": IndexReaderData.SetU32(payload, groupOf + 8, (uint)groups); break;
            case "rep": IndexReaderData.SetU32(payload, rep, IndexReaderData.U32(payload, rep + 4)); break;
            case "cluster": IndexReaderData.SetU32(payload, clusterOf, uint.MaxValue); break;
            case "size": IndexReaderData.SetU32(payload, sizes, 1_000_000); break;
            case "boilerplate":
                Assert.True(IndexReaderData.U32(payload, boilerplate) >= 2, "the corpus has too little boilerplate for this test");
                IndexReaderData.SetU32(payload, boilerplate + 8, IndexReaderData.U32(payload, boilerplate + 4));
                break;
            default: IndexReaderData.SetU32(payload, 0, 8); break;
        }
        parts.SetPayload(3, payload);
        string message = Assert.Throws<InvalidDataException>(() => Load(parts.ToBytes())).Message;
        Assert.StartsWith("NearDup index is corrupt: the query state section", message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    /// <summary>Saved states compared array by array.</summary>
    private sealed class SavedStateComparer : IEqualityComparer<SavedQueryState>
    {
        public static SavedStateComparer Instance { get; } = new();

        public bool Equals(SavedQueryState? x, SavedQueryState? y) =>
            x is not null && y is not null && x.GroupOf.SequenceEqual(y.GroupOf) && x.Rep.SequenceEqual(y.Rep) && x.ClusterOf.SequenceEqual(y.ClusterOf)
            && x.Clusters == y.Clusters && x.Sizes.SequenceEqual(y.Sizes) && x.Boilerplate.SequenceEqual(y.Boilerplate)
            && x.AnchorPostings.SequenceEqual(y.AnchorPostings);

        public int GetHashCode(SavedQueryState obj) => obj.GroupOf.Length;
    }
}

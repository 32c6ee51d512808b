using System.Globalization;
using NearDup.Clustering;
using NearDup.Corpus;
using NearDup.Persistence;
using NearDup.Signatures;
using NearDup.Text;

namespace NearDup.Tests.Persistence;

public sealed class IndexRoundTripTests
{
    [Fact]
    public void SaveLoad_Folder_SameClustersAndQueries()
    {
        var original = IndexTestData.Build(IndexTestData.Corpus);
        using var folder = new TempFolder();
        original.Save(folder.Path);
        var loaded = DuplicateDetector.Load(folder.Path);

        Assert.Equal(original.Count, loaded.Count);
        Assert.Equal(original.Options with { MaxDegreeOfParallelism = -1 }, loaded.Options);
        Assert.Equal(IndexTestData.Serialize(original.Cluster(includePairs: true)), IndexTestData.Serialize(loaded.Cluster(includePairs: true)));
        Assert.Equal(original.Cluster(includePairs: true).Pairs, loaded.Cluster(includePairs: true).Pairs);
        Assert.Equal(IndexTestData.QueryAll(original), IndexTestData.QueryAll(loaded));
        Assert.Equal([DuplicateDetector.IndexFileName], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SaveLoad_EveryDocument_SameFingerprintsPositionsAndFacts(bool packed)
    {
        var original = IndexTestData.Build(IndexTestData.Corpus);
        var codecs = packed ? IndexCodecs.Default : IndexCodecs.None;
        var loaded = DuplicateDetector.Load(new MemoryStream(IndexTestData.SaveToBytes(original, codecs)));
        var before = original.Snapshot().Documents;
        var after = loaded.Snapshot().Documents;
        Assert.Equal(before.Count, after.Count);
        int withFacts = 0;
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Equal(before.Fingerprints(i).ToArray(), after.Fingerprints(i).ToArray());
            Assert.False(before.Positions(i).IsEmpty && !before.Fingerprints(i).IsEmpty);
            Assert.Equal(before.Positions(i).ToArray(), after.Positions(i).ToArray());
            Assert.Equal(before.Facts(i).ToArray(), after.Facts(i).ToArray());
            withFacts += before.Facts(i).IsEmpty ? 0 : 1;
        }
        Assert.True(withFacts > before.Count / 2, $"only {withFacts} of {before.Count} documents have facts");
    }

    /// <summary>Facts saved before format 9 were hashed unfolded: such a file is refused, naming both versions and the rebuild.</summary>
    [Theory]
    [InlineData(IndexFormat.FactsVersion)]
    [InlineData(IndexFormat.HanWordsVersion)]
    [InlineData(IndexFormat.FigureFactsVersion)]
    public void Load_FactsHashedBeforeTheFold_RefusedNamingBothVersionsAndTheRebuild(int version)
    {
        var parts = IndexFileParts.Parse(IndexTestData.SaveToBytes(IndexTestData.Build(IndexTestData.Corpus)));
        parts.Version = version;
        string message = Assert.Throws<InvalidDataException>(() => DuplicateDetector.Load(new MemoryStream(parts.ToBytes()))).Message;
        Assert.StartsWith($"NearDup index format version {version} holds facts hashed before version {IndexFormat.FoldedFactsVersion}", message, StringComparison.Ordinal);
        Assert.Contains($"format {IndexFormat.Version}): neardup index build", message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveLoad_FillInNotices_StayApartAfterLoading()
    {
        // Two notices in the same words around other names and figures: judged apart on their facts, which the
        // index must keep for a loaded index to judge them the same way.
        var frame = Enumerable.Range(0, 280).Select(i => "word" + (char)('a' + i % 26) + (char)('a' + i / 26 % 26)).ToArray();
        static string Notice(string[] frame, int first) => string.Join(' ', frame.Select((w, i) => i % 7 == 6
            ? w + " " + (first + i / 7).ToString("N0", CultureInfo.InvariantCulture) + " Kor" + (char)('a' + (first + i) % 26) + "ville" : w));
        var original = new DuplicateDetector();
        original.Add("notice", Notice(frame, 0));
        original.Add("other-company", Notice(frame, 5000));
        var loaded = DuplicateDetector.Load(new MemoryStream(IndexTestData.SaveToBytes(original)));
        Assert.Equal(2, original.Cluster().Clusters.Count);
        Assert.Equal(IndexTestData.Serialize(original.Cluster()), IndexTestData.Serialize(loaded.Cluster()));
    }

    [Fact]
    public void SaveLoad_ForwardOnlyStream_SameClusters()
    {
        var original = IndexTestData.Build(IndexTestData.Corpus);
        byte[] bytes = IndexTestData.SaveToBytes(original);
        var loaded = DuplicateDetector.Load(new ForwardOnlyStream(new MemoryStream(bytes)));
        Assert.Equal(IndexTestData.Serialize(original.Cluster()), IndexTestData.Serialize(loaded.Cluster()));
    }

    [Theory]
    [InlineData((int)SectionCodec.Raw)]
    [InlineData((int)SectionCodec.Brotli)]
    [InlineData((int)SectionCodec.ZLib)]
    [InlineData((int)SectionCodec.Lz4)]
    [InlineData((int)SectionCodec.Raw, false)]
    [InlineData((int)SectionCodec.Lz4, false)]
    public void SaveLoad_EveryCodec_SameClusters(int codec, bool packed = true)
    {
        var original = IndexTestData.Build(IndexTestData.Corpus);
        var codecs = new IndexCodecs { Documents = (SectionCodec)codec, Bands = (SectionCodec)codec, Fingerprints = (SectionCodec)codec, PackFingerprints = packed };
        using var stream = new MemoryStream();
        original.Save(stream, codecs);
        stream.Position = 0;
        var loaded = DuplicateDetector.Load(stream);
        Assert.Equal(IndexTestData.Serialize(original.Cluster()), IndexTestData.Serialize(loaded.Cluster()));
        Assert.Equal(IndexTestData.QueryAll(original), IndexTestData.QueryAll(loaded));
    }

    [Fact]
    public void Save_SameDocumentsInAnyOrder_SameBytes()
    {
        var forward = IndexTestData.Build(IndexTestData.Corpus);
        var backward = IndexTestData.Build(IndexTestData.Corpus.Reverse());
        Assert.Equal(IndexTestData.SaveToBytes(forward), IndexTestData.SaveToBytes(backward));
    }

    [Fact]
    public void Save_EmptyDetector_LoadsEmpty()
    {
        var loaded = DuplicateDetector.Load(new MemoryStream(IndexTestData.SaveToBytes(new DuplicateDetector())));
        Assert.Equal(0, loaded.Count);
        Assert.Empty(loaded.Cluster().Clusters);
        Assert.Empty(loaded.Query("a text against an empty index"));
    }

    [Fact]
    public void AddInBatches_SaveLoadBetween_SameClustersAsOneBuild()
    {
        var all = IndexTestData.Corpus;
        var once = IndexTestData.Build(all);

        using var folder = new TempFolder();
        IndexTestData.Build(all.Take(all.Count / 2)).Save(folder.Path);
        var grown = DuplicateDetector.Load(folder.Path);
        IndexTestData.Add(grown, all.Skip(all.Count / 2));
        grown.Save(folder.Path);
        var reloaded = DuplicateDetector.Load(folder.Path);

        string expected = IndexTestData.Serialize(once.Cluster());
        Assert.Equal(expected, IndexTestData.Serialize(grown.Cluster()));
        Assert.Equal(expected, IndexTestData.Serialize(reloaded.Cluster()));
        Assert.Equal(IndexTestData.QueryAll(once), IndexTestData.QueryAll(reloaded));
        Assert.Equal(IndexTestData.SaveToBytes(once), IndexTestData.SaveToBytes(reloaded));
    }

    [Fact]
    public void Remove_CopyOfAStory_GoneFromClustersAndQueriesAlsoAfterSaveLoad()
    {
        var detector = IndexTestData.Build(IndexTestData.Corpus);
        var story = detector.Cluster().Clusters[0];
        Assert.True(story.Members.Count >= 2);
        string removed = story.Members[1].Id;
        string text = IndexTestData.Corpus.Single(d => d.Id == removed).Text;
        Assert.Contains(detector.Query(text), m => m.Id == removed);

        Assert.True(detector.Remove(removed));
        Assert.False(detector.Remove(removed));
        AssertGone(detector);

        using var folder = new TempFolder();
        detector.Save(folder.Path);
        var loaded = DuplicateDetector.Load(folder.Path);
        AssertGone(loaded);
        Assert.Equal(IndexTestData.Serialize(detector.Cluster()), IndexTestData.Serialize(loaded.Cluster()));
        // Removing equals never adding (both clustered, so both files hold the query state too).
        var neverAdded = IndexTestData.Build(IndexTestData.Corpus.Where(d => d.Id != removed));
        neverAdded.Cluster();
        Assert.Equal(IndexTestData.SaveToBytes(neverAdded), IndexTestData.SaveToBytes(loaded));

        void AssertGone(DuplicateDetector d)
        {
            Assert.False(d.Contains(removed));
            Assert.DoesNotContain(d.Cluster().Clusters.SelectMany(c => c.Members), m => m.Id == removed);
            Assert.DoesNotContain(d.Query(text), m => m.Id == removed);
            Assert.NotEmpty(d.Query(text));
        }
    }

    [Fact]
    public void Load_OtherClusteringThresholds_SameAsBuildingWithThem()
    {
        var options = NearDupOptions.Default with { MinContainment = 0.3, CommonShingleDocuments = 4 };
        using var folder = new TempFolder();
        IndexTestData.Build(IndexTestData.Corpus).Save(folder.Path);
        var loaded = DuplicateDetector.Load(folder.Path, options);
        Assert.Equal(IndexTestData.Serialize(IndexTestData.Build(IndexTestData.Corpus, options).Cluster()), IndexTestData.Serialize(loaded.Cluster()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)] // every page written past the page cache
    [InlineData(1L << 20)] // the first page through it, the rest past it
    public void Load_WithSpillFolder_SameClustersAndQueriesWithFingerprintsInTheFile(long? directFrom)
    {
        using var folder = new TempFolder();
        using var spillFolder = new TempFolder();
        // Enough fingerprints to fill several 4 MiB pages, so most of them are read back from the spill file.
        var documents = new CorpusGenerator(CorpusOptions.Default with { Documents = 3_000, Seed = 9 }).Generate().ToList();
        var original = IndexTestData.Build(documents);
        original.Save(folder.Path);
        var expected = original.Cluster();
        using (var loaded = DuplicateDetector.Load(folder.Path, NearDupOptions.Default with { SpillDirectory = spillFolder.Path, SpillDirectFromBytes = directFrom }))
        {
            var result = loaded.Cluster();
            Assert.Equal(IndexTestData.Serialize(expected), IndexTestData.Serialize(result));
            Assert.Equal(IndexTestData.QueryAll(original), IndexTestData.QueryAll(loaded));
            Assert.True(result.Statistics.SpilledBytes >= 4 << 20, $"{result.Statistics.SpilledBytes:N0} bytes spilled");
            Assert.True(result.Statistics.IndexBytes < expected.Statistics.IndexBytes - result.Statistics.SpilledBytes / 2);
        }
        Assert.Empty(Directory.GetFiles(spillFolder.Path));
    }

    [Fact]
    public void Load_OtherSketchOptions_ThrowsNamingTheOption()
    {
        using var folder = new TempFolder();
        IndexTestData.Build(IndexTestData.Corpus.Take(20)).Save(folder.Path);
        var e = Assert.Throws<ArgumentException>(() => DuplicateDetector.Load(folder.Path, NearDupOptions.Default with { Shingles = ShingleOptions.Default with { Size = 4 } }));
        Assert.Contains("Shingles", e.Message);
        e = Assert.Throws<ArgumentException>(() => DuplicateDetector.Load(folder.Path, NearDupOptions.Default with { SampleRate = 0.5 }));
        Assert.Contains("SampleRate", e.Message);
    }

    [Fact]
    public void SaveLoad_NonDefaultOptions_Kept()
    {
        var options = NearDupOptions.Default with
        {
            Shingles = ShingleOptions.Default with { Scheme = ShingleScheme.Character, Size = 9, Seed = 77, Normalization = new NormalizationOptions { RemoveDiacritics = false, RemoveDigits = true } },
            MinHash = MinHashOptions.Default with { Permutations = 64, Seed = 3, Scheme = MinHashScheme.KPermutation },
            LshThreshold = 0.7,
            SampleRate = 0.25,
            AnchorRate = 4,
            MinContainment = 0.2,
        };
        var original = IndexTestData.Build(IndexTestData.Corpus.Take(60), options);
        var loaded = DuplicateDetector.Load(new MemoryStream(IndexTestData.SaveToBytes(original)));
        Assert.Equal(options, loaded.Options);
        Assert.Equal(IndexTestData.Serialize(original.Cluster()), IndexTestData.Serialize(loaded.Cluster()));
        using var folder = new TempFolder();
        original.Save(folder.Path);
        var info = IndexInfo.Read(folder.Path);
        Assert.Equal((DuplicateDetector.IndexFormatVersion, 60L, options), (info.FormatVersion, info.Documents, info.Options with { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }));
        Assert.Equal(new FileInfo(DuplicateDetector.IndexPath(folder.Path)).Length, info.FileBytes);
    }

    /// <summary>
    /// One thread adds documents in a fixed order while others save and query: every saved file must hold exactly the
    /// first k documents for some k (a consistent snapshot), and no call may throw.
    /// </summary>
    [Fact]
    public async Task Save_WhileAnotherThreadAdds_EverySnapshotIsAPrefix()
    {
        var documents = IndexTestData.Corpus;
        var detector = new DuplicateDetector();
        var snapshots = new List<byte[]>();
        using var done = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            foreach (var d in documents)
            {
                detector.Add(d.Id, d.Text, IndexTestData.Date(d));
            }
            done.Cancel();
        });
        var saver = Task.Run(() =>
        {
            while (!done.IsCancellationRequested || snapshots.Count < 3)
            {
                snapshots.Add(IndexTestData.SaveToBytes(detector));
            }
        });
        var querier = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                detector.Query(documents[0].Text);
            }
        });
        await Task.WhenAll(writer, saver, querier);

        foreach (byte[] bytes in snapshots)
        {
            var loaded = DuplicateDetector.Load(new MemoryStream(bytes));
            for (int i = 0; i < documents.Count; i++)
            {
                Assert.Equal(i < loaded.Count, loaded.Contains(documents[i].Id));
            }
        }
        Assert.Equal(documents.Count, DuplicateDetector.Load(new MemoryStream(IndexTestData.SaveToBytes(detector))).Count);
    }
}

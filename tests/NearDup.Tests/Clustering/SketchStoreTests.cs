using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Tests.Clustering;

public sealed class SketchStoreTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Add_ManyDocumentsAndABigOne_ReadBackExactly(bool spill)
    {
        using var folder = new SpillFolder();
        using var file = spill ? new FingerprintSpill(folder.Path) : null;
        // 160 band keys each: 6,553 documents fill a page of band keys, so some of those are spilled too.
        var store = new SketchStore(bands: 160, file);
        var added = AddRandom(store, count: 10_000, bigAt: 5_000);

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
        long sketchBytes = added.Sum(d => (long)d.Fingerprints.Length + d.BandKeys.Length) * sizeof(uint);
        if (spill)
        {
            // Everything but the two pages being filled (at most 4 MiB each) went to the file, and the heap holds only those.
            Assert.InRange(file!.Bytes, sketchBytes - (8 << 20), sketchBytes);
            Assert.True(file.Bytes > sketchBytes - 10_000L * 160 * sizeof(uint), "band keys were spilled");
            Assert.True(store.MemoryBytes < (8 << 20) + 2_000_000, $"{store.MemoryBytes:N0} bytes on the heap");
        }
    }

    [Fact]
    public void Spill_TableMadeOverTheStore_ItsSpansSurviveLaterAdds()
    {
        using var folder = new SpillFolder();
        using var file = new FingerprintSpill(folder.Path);
        var store = new SketchStore(bands: 1, file);
        var fingerprints = Enumerable.Range(0, 1000).Select(i => (uint)i * 3).ToArray();
        store.Add("a", long.MaxValue, 1, 1, fingerprints.Length, [5u], fingerprints, []);
        var table = new DocumentTable(store, [0]);
        var taken = table.Fingerprints(0);
        // Sets of a fifth of a page (shared pages, not pages of their own) until the page "a" lies on is spilled and the next filled.
        var filler = Enumerable.Range(0, FingerprintPages.PageSize / 5).Select(i => (uint)i).ToArray();
        for (int i = 0; i < 8; i++)
        {
            store.Add($"f{i}", long.MaxValue, 2, 2, filler.Length, [6u], filler, []);
        }

        Assert.True(file.Bytes > 0);
        Assert.True(taken.SequenceEqual(fingerprints));
        Assert.True(table.Fingerprints(0).SequenceEqual(fingerprints));
    }

    [Fact]
    public void Spill_FileHasNoNameAndReadsFailCleanlyOnceDisposed()
    {
        using var folder = new SpillFolder();
        var file = new FingerprintSpill(folder.Path);
        var store = new SketchStore(bands: 3, file);
        var added = AddRandom(store, count: 6_000, bigAt: 100);
        Assert.Equal(added[100].Fingerprints, store.Fingerprints(100).ToArray());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Empty(Directory.GetFiles(folder.Path)); // unlinked at once: a killed process leaves nothing behind
        }
        file.Dispose();
        Assert.Empty(Directory.GetFiles(folder.Path));
        Assert.Throws<ObjectDisposedException>(() => store.Fingerprints(100).Length);
    }

    [Fact]
    public void Spill_FullDisk_IsAnIOExceptionNamingTheFolder()
    {
        // A real full disk: a 1 MiB tmpfs. Mounting needs root on Linux; elsewhere the test is skipped.
        using var folder = new SpillFolder();
        if (!OperatingSystem.IsLinux() || !Run("mount", $"-t tmpfs -o size=1m tmpfs {folder.Path}"))
        {
            Assert.Skip("needs Linux and the right to mount a tmpfs (root)");
        }
        try
        {
            using var file = new FingerprintSpill(folder.Path);
            var store = new SketchStore(bands: 3, file);
            var e = Assert.Throws<IOException>(() => AddRandom(store, count: 20_000, bigAt: -1));
            Assert.Contains(folder.Path, e.Message, StringComparison.Ordinal);
            Assert.Contains("--spill-dir", e.Message, StringComparison.Ordinal);
            // What was stored before the failed page still reads back.
            Assert.Equal(store.Fingerprints(0).Length, store.FingerprintCount(0));
        }
        finally
        {
            Unmount(folder.Path);
        }
    }

    /// <summary>
    /// Unmounts the test's tmpfs. A fork in another test of this process (Process.Start) or another process looking at
    /// /tmp can hold it for a moment, and umount then fails with EBUSY; so it is tried again, then detached lazily,
    /// so that the folder can be deleted.
    /// </summary>
    private static void Unmount(string path)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            if (Run("umount", path))
            {
                return;
            }
            Thread.Sleep(100);
        }
        Run("umount", "-l " + path);
    }

    private static bool Run(string command, string arguments)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(command, arguments)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [Fact]
    public void Spill_MissingFolder_ThrowsNamingIt()
    {
        string missing = Path.Combine(Path.GetTempPath(), "neardup-no-such-spill-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DirectoryNotFoundException>(() => new FingerprintSpill(missing));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        var options = Assert.Throws<DirectoryNotFoundException>(() => new DuplicateDetector(new NearDupOptions { SpillDirectory = missing }));
        Assert.Contains("SpillDirectory", options.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Add_PositionsOfEveryWidth_ReadBackExactly(bool spill)
    {
        using var folder = new SpillFolder();
        using var file = spill ? new FingerprintSpill(folder.Path) : null;
        var store = new SketchStore(bands: 2, file);
        var added = AddRandom(store, count: 10_000, bigAt: 5_000, withPositions: true);
        for (int i = 0; i < added.Count; i++)
        {
            Assert.Equal(added[i].Positions, store.Positions(i).ToArray());
            Assert.Equal(added[i].Positions.Length > 0 || added[i].Fingerprints.Length == 0, store.HasPositions(i));
        }
    }

    private static List<DocumentSketch> AddRandom(SketchStore store, int count, int bigAt, bool withPositions = false)
    {
        var random = new Random(7);
        var added = new List<DocumentSketch>();
        // Enough rows for several row pages (4,096 each) and enough fingerprints for several shared pages (1 Mi each),
        // with one document too big for a shared page.
        for (int i = 0; i < count; i++)
        {
            int length = i == bigAt ? 600_000 : random.Next(0, 400);
            var fingerprints = new uint[length];
            for (int k = 0; k < length; k++)
            {
                fingerprints[k] = (uint)random.Next();
            }
            Array.Sort(fingerprints);
            // Positions of every width (the store packs them in the bits of the largest), and none for every third document.
            var positions = withPositions && i % 3 != 0 ? RandomPositions(random, length, widest: i % 17 == 16 ? ushort.MaxValue : (1 << random.Next(1, 17)) - 1) : [];
            var sketch = new DocumentSketch
            {
                Id = "d" + i,
                DateTicks = random.NextInt64(),
                ContentHash = (ulong)random.NextInt64(),
                ShingleCount = length + 3,
                SimHash = (ulong)random.NextInt64(),
                BandKeys = [.. Enumerable.Range(0, store.Bands).Select(b => b == 0 ? (uint)i : (uint)random.Next())],
                Fingerprints = fingerprints,
                Positions = positions,
            };
            Assert.Equal(i, store.Add(sketch));
            added.Add(sketch);
        }
        return added;
    }

    private static ushort[] RandomPositions(Random random, int length, int widest) =>
        [.. Enumerable.Range(0, length).Select(_ => (ushort)random.Next(0, widest + 1))];

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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Remove_MostDocuments_CompactsAndClustersAsAFreshDetector(bool spill)
    {
        using var folder = new SpillFolder();
        var documents = new CorpusGenerator(new CorpusOptions { Documents = 3_000, Seed = 5 }).Generate().ToList();
        using var detector = new DuplicateDetector(new NearDupOptions { SpillDirectory = spill ? folder.Path : null });
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

    /// <summary>A temporary folder for spill files, deleted with what is left in it.</summary>
    internal sealed class SpillFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("neardup-spill-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

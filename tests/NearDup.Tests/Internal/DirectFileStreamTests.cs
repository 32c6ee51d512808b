using NearDup.Internal;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Internal;

/// <summary>
/// <see cref="DirectFileStream"/>: a file read past the page cache gives the bytes a <see cref="FileStream"/> gives,
/// at every length around the alignment and the chunk, in reads of any size; and it is used only where it pays.
/// </summary>
public sealed class DirectFileStreamTests
{
    private const int Chunk = DirectFileStream.ChunkBytes;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(DirectIo.Alignment - 1)]
    [InlineData(DirectIo.Alignment)]
    [InlineData(DirectIo.Alignment + 1)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(Chunk + 1)]
    [InlineData((2 * Chunk) + 12345)]
    public void Read_AnyLength_TheFilesBytes(int length)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        byte[] bytes = Bytes(length, seed: length);
        File.WriteAllBytes(path, bytes);

        using var stream = DirectFileStream.TryOpen(path, length, minBytes: 0, maxCachedShare: 1.0);
        Assert.SkipWhen(stream is null, "the temporary folder's file system takes no direct reads");
        Assert.Equal(bytes, ReadAll(stream, [1000, 7 << 20, 1, DirectIo.Alignment, 65536]));
    }

    [Fact]
    public void Read_FileGrownAfterOpening_ReadsOnThroughTheCache()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        byte[] first = Bytes(Chunk + 100, seed: 1), more = Bytes(5000, seed: 2);
        File.WriteAllBytes(path, first);

        using var stream = DirectFileStream.TryOpen(path, first.Length, minBytes: 0, maxCachedShare: 1.0);
        Assert.SkipWhen(stream is null, "the temporary folder's file system takes no direct reads");
        var head = new byte[Chunk];
        stream.ReadExactly(head);
        using (var append = new FileStream(path, FileMode.Append))
        {
            append.Write(more);
        }
        Assert.Equal([.. first, .. more], [.. head, .. ReadAll(stream, [65536])]);
    }

    [Fact]
    public void Seek_AnywhereIncludingPastTheEnd_ReadsWhatFileStreamReads()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "index.ndup");
        byte[] bytes = Bytes((2 * Chunk) + 12345, seed: 4);
        File.WriteAllBytes(path, bytes);

        using var stream = DirectFileStream.TryOpen(path, bytes.Length, minBytes: 0, maxCachedShare: 1.0);
        Assert.SkipWhen(stream is null, "the temporary folder's file system takes no direct reads");
        using var expected = new FileStream(path, FileMode.Open, FileAccess.Read);
        Assert.Equal(bytes.Length, stream.Length);
        long[] targets = [5, Chunk - 3, 17, Chunk, (2 * Chunk) + 100, bytes.Length, bytes.Length + 10, DirectIo.Alignment + 1, 0];
        foreach (long target in targets)
        {
            Assert.Equal(target, stream.Seek(target, SeekOrigin.Begin));
            expected.Position = target;
            Assert.Equal(ReadUpTo(expected, 9000), ReadUpTo(stream, 9000));
            Assert.Equal(expected.Position, stream.Position);
        }
        stream.Seek(-100, SeekOrigin.End);
        stream.Seek(40, SeekOrigin.Current);
        Assert.Equal(bytes[^60..], ReadAll(stream, [7]));
    }

    [Fact]
    public void IndexLoadedPastTheCache_ClustersAsLoadedThroughIt()
    {
        using var folder = new TempFolder();
        var original = IndexTestData.Build(IndexTestData.Corpus);
        original.Save(folder.Path);
        string path = NearDup.Clustering.DuplicateDetector.IndexPath(folder.Path);

        using var stream = DirectFileStream.TryOpen(path, new FileInfo(path).Length, minBytes: 0, maxCachedShare: 1.0);
        Assert.SkipWhen(stream is null, "the temporary folder's file system takes no direct reads");
        var loaded = NearDup.Clustering.DuplicateDetector.Load(stream);
        Assert.Equal(IndexTestData.Serialize(original.Cluster(includePairs: true)), IndexTestData.Serialize(loaded.Cluster(includePairs: true)));
    }

    [Fact]
    public void TryOpen_SmallOrCachedFile_ReadThroughTheCache()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllBytes(path, Bytes(1 << 20, seed: 3));
        Assert.Null(DirectFileStream.TryOpen(path, 1 << 20));
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
        {
            Assert.Same(file, DirectFileStream.InPlaceOf(file));
        }
        // Just written, the file is in the page cache: copied from there, faster than the disk reads it.
        double cached;
        using (var handle = File.OpenHandle(path))
        {
            cached = DirectIo.CachedShare(handle, 1 << 20);
        }
        Assert.SkipWhen(cached < 0, "the system cannot say what the page cache holds");
        Assert.InRange(cached, 0.5, 1.0);
        Assert.Null(DirectFileStream.TryOpen(path, 1 << 20, minBytes: 0));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Up to <paramref name="count"/> bytes from where the stream is, fewer at its end.</summary>
    private static byte[] ReadUpTo(Stream stream, int count)
    {
        var bytes = new byte[count];
        int total = 0;
        for (int read; total < count && (read = stream.Read(bytes.AsSpan(total))) > 0;)
        {
            total += read;
        }
        return bytes[..total];
    }

    /// <summary>The stream to its end, read in pieces of the given sizes in turn.</summary>
    private static byte[] ReadAll(Stream stream, int[] sizes)
    {
        using var all = new MemoryStream();
        for (int i = 0; ; i++)
        {
            var piece = new byte[sizes[i % sizes.Length]];
            int read = stream.Read(piece);
            if (read == 0)
            {
                return all.ToArray();
            }
            all.Write(piece, 0, read);
        }
    }
}

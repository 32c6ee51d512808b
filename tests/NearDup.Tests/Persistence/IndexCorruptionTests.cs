using System.Buffers.Binary;
using System.IO.Hashing;
using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

public sealed class IndexCorruptionTests
{
    private static readonly Lazy<DuplicateDetector> s_detector = new(() => IndexTestData.Build(IndexTestData.Corpus.Take(40)));

    public static TheoryData<int> Codecs => new((int)SectionCodec.Raw, (int)SectionCodec.Brotli, (int)SectionCodec.Lz4);

    private static byte[] Saved(int codec)
    {
        var c = (SectionCodec)codec;
        using var stream = new MemoryStream();
        s_detector.Value.Save(stream, new IndexCodecs { Documents = c, Bands = c, Fingerprints = c });
        return stream.ToArray();
    }

    /// <summary>
    /// Every byte of the frozen prefix, the header and the trailer (XORed with a seeded random non-zero value), plus
    /// 200 generated positions and values: every load must throw <see cref="InvalidDataException"/>, never another
    /// type, never succeed.
    /// </summary>
    [Theory, MemberData(nameof(Codecs))]
    public void Load_FlippedByte_ThrowsInvalidData(int codec)
    {
        byte[] good = Saved(codec);
        var random = new Random(20_240_601 + codec);
        foreach (int position in Enumerable.Range(0, 256).Concat(Enumerable.Range(good.Length - 64, 64)))
        {
            AssertFlipRejected(good, position, random.Next(1, 256));
        }
        Gen.Select(Gen.Int[0, good.Length - 1], Gen.Int[1, 255]).Sample((position, value) => AssertFlipRejected(good, position, value), iter: 200);
    }

    [Theory, MemberData(nameof(Codecs))]
    public void Load_Truncated_ThrowsInvalidData(int codec)
    {
        byte[] good = Saved(codec);
        foreach (int length in Enumerable.Range(0, 300).Concat(Enumerable.Range(good.Length - 100, 100)))
        {
            AssertRejected(good[..length], $"truncated to {length} of {good.Length} bytes");
        }
        Gen.Int[0, good.Length - 1].Sample(length =>
        {
            AssertRejected(good[..length], $"truncated to {length} of {good.Length} bytes");
        }, iter: 200);
    }

    private static void AssertFlipRejected(byte[] good, int position, int value)
    {
        byte[] bad = (byte[])good.Clone();
        bad[position] ^= (byte)value;
        AssertRejected(bad, $"byte {position} of {good.Length} XORed with {value}");
    }

    [Fact]
    public void Load_ExtraBytesAfterTrailer_ThrowsInvalidData()
    {
        byte[] good = Saved((int)SectionCodec.Raw);
        var e = AssertRejected([.. good, 0], "one byte appended");
        Assert.Contains("trailer", e.Message);
    }

    [Fact]
    public void Load_FlippedFingerprintByte_MessageNamesTheSection()
    {
        byte[] bad = Saved((int)SectionCodec.Raw);
        bad[^100] ^= 0x10; // inside the fingerprints, well before the trailer
        var e = AssertRejected(bad, "fingerprint byte");
        Assert.Contains("fingerprints section", e.Message);
    }

    [Fact]
    public void Load_NotAnIndex_ThrowsInvalidData()
    {
        var e = AssertRejected("{\"id\":\"a\",\"text\":\"hello\"}\n"u8.ToArray(), "a JSONL file");
        Assert.Contains("Not a NearDup index", e.Message);
    }

    [Fact]
    public void Load_NewerFormatVersion_ThrowsNamingBothVersions()
    {
        byte[] newer = Saved((int)SectionCodec.Raw);
        BinaryPrimitives.WriteInt32LittleEndian(newer.AsSpan(8), DuplicateDetector.IndexFormatVersion + 1);
        BinaryPrimitives.WriteUInt64LittleEndian(newer.AsSpan(16), XxHash3.HashToUInt64(newer.AsSpan(0, 16)));
        var e = AssertRejected(newer, "newer version");
        Assert.Contains($"version {DuplicateDetector.IndexFormatVersion + 1}", e.Message);
        Assert.Contains($"versions 1 to {DuplicateDetector.IndexFormatVersion}", e.Message);
    }

    [Fact]
    public void Load_MissingFolderOrFile_ThrowsNotFound()
    {
        using var folder = new TempFolder();
        Assert.Throws<DirectoryNotFoundException>(() => DuplicateDetector.Load(Path.Combine(folder.Path, "nope")));
        Assert.Throws<FileNotFoundException>(() => DuplicateDetector.Load(folder.Path));
    }

    /// <summary>
    /// A disk that fills up at any point of the write: Save throws an IOException, the previous index is intact
    /// (byte for byte) and no temporary file is left beside it.
    /// </summary>
    [Fact]
    public void Save_DiskFullAtAnyPoint_PreviousIndexIntactAndNoTempFile()
    {
        using var folder = new TempFolder();
        var small = IndexTestData.Build(IndexTestData.Corpus.Take(10));
        small.Save(folder.Path);
        string path = DuplicateDetector.IndexPath(folder.Path);
        byte[] before = File.ReadAllBytes(path);
        var bigger = s_detector.Value;
        long full = IndexTestData.SaveToBytes(bigger).Length;
        foreach (long capacity in new[] { 0, 1, 23, 24, 200, 4096, full / 2, full - 25, full - 1 })
        {
            Assert.Throws<IOException>(() => bigger.Save(folder.Path, file => new FullDiskStream(file, capacity), codecs: null));
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal([DuplicateDetector.IndexFileName], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        }
        Assert.Equal(small.Count, DuplicateDetector.Load(folder.Path).Count);

        // And a stream that fills up reports it as an IOException too.
        Assert.Throws<IOException>(() => bigger.Save(new FullDiskStream(new MemoryStream(), full / 3)));
    }

    private static InvalidDataException AssertRejected(byte[] bytes, string what)
    {
        try
        {
            DuplicateDetector.Load(new MemoryStream(bytes));
        }
        catch (InvalidDataException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return e;
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: expected InvalidDataException, got {e.GetType().Name}: {e.Message}");
        }
        Assert.Fail($"{what}: the corrupt index loaded");
        return null!;
    }
}

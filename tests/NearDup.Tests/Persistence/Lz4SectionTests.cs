using System.Buffers.Binary;
using System.IO.Hashing;
using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

public sealed class Lz4SectionTests
{
    /// <summary>3.5 blocks of ids-like text and sorted integers, written in odd-sized pieces: blocks cut anywhere.</summary>
    private static byte[] Payload()
    {
        var random = new Random(11);
        var bytes = new byte[IndexFormat.Lz4BlockBytes * 7 / 2];
        for (int i = 0; i + 4 <= bytes.Length; i += 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i), (uint)(i / 64) * 3 + (uint)random.Next(4));
        }
        return bytes;
    }

    private static byte[] Encode(byte[] payload)
    {
        var stored = new MemoryStream();
        var blocks = new Lz4BlockWriter(stored);
        for (int at = 0, piece = 1; at < payload.Length; at += piece, piece = piece * 3 % 100_003 + 1)
        {
            blocks.Write(payload.AsSpan(at, Math.Min(piece, payload.Length - at)));
        }
        blocks.Flush();
        return stored.ToArray();
    }

    private static byte[] Decode(byte[] stored, long raw)
    {
        var storedReader = new PayloadReader(new MemoryStream(stored), stored.Length, "test", new XxHash3());
        var reader = new PayloadReader(new Lz4BlockReader(storedReader), raw, "test", null);
        var decoded = new byte[raw];
        reader.Read(decoded);
        reader.CheckEnd();
        storedReader.CheckEnd();
        return decoded;
    }

    [Fact]
    public void WriteRead_SeveralBlocksInOddPieces_RoundTripsAndCompresses()
    {
        byte[] payload = Payload();
        byte[] stored = Encode(payload);
        Assert.Equal(payload, Decode(stored, payload.Length));
        Assert.True(stored.Length < payload.Length / 2, $"{stored.Length} of {payload.Length}");
    }

    [Fact]
    public void Write_RandomBytes_StoredAsIsNeverLarger()
    {
        var payload = new byte[100_000];
        new Random(3).NextBytes(payload);
        byte[] stored = Encode(payload);
        Assert.Equal(payload.Length + IndexFormat.Lz4BlockHeaderBytes, stored.Length);
        Assert.Equal(payload, Decode(stored, payload.Length));
    }

    [Fact]
    public void Read_FlippedByteInSecondBlock_ThrowsNamingTheBlockBeforeDecodingIt()
    {
        byte[] stored = Encode(Payload());
        int second = IndexFormat.Lz4BlockHeaderBytes + BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(4));
        stored[second + IndexFormat.Lz4BlockHeaderBytes + 5] ^= 0x08;
        var e = Assert.Throws<InvalidDataException>(() => Decode(stored, Payload().Length));
        Assert.Contains("test section fails its checksum in LZ4 block 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_DefaultLz4_AtMostFourFifthsOfUncompressedAndLoadsTheSame()
    {
        var detector = IndexTestData.Build(IndexTestData.Corpus);
        byte[] none = IndexTestData.SaveToBytes(detector, IndexCodecs.None);
        byte[] lz4 = IndexTestData.SaveToBytes(detector);
        Assert.True(lz4.Length * 5L <= none.Length * 4L, $"lz4 {lz4.Length:N0} bytes, none {none.Length:N0}");
        var loaded = DuplicateDetector.Load(new MemoryStream(lz4));
        Assert.Equal(IndexTestData.QueryAll(detector), IndexTestData.QueryAll(loaded));
    }

    [Fact]
    public void Load_FlippedFingerprintByteInLz4Section_MessageNamesSectionAndBlock()
    {
        byte[] bad = IndexTestData.SaveToBytes(IndexTestData.Build(IndexTestData.Corpus.Take(40)));
        bad[^200] ^= 0x10; // inside the fingerprints' only block
        var e = Assert.Throws<InvalidDataException>(() => DuplicateDetector.Load(new MemoryStream(bad)));
        Assert.Contains("fingerprints section fails its checksum in LZ4 block 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_DefaultSave_ListsLz4Sections()
    {
        using var folder = new TempFolder();
        IndexTestData.Build(IndexTestData.Corpus.Take(20)).Save(folder.Path);
        var info = IndexInfo.Read(folder.Path);
        Assert.Equal(IndexFormat.Version, info.FormatVersion);
        Assert.All(info.Sections, s => Assert.Equal("lz4", s.Codec));
        Assert.All(info.Sections, s => Assert.True(s.StoredBytes < s.RawBytes + IndexFormat.Lz4BlockHeaderBytes * 2, s.Name));
    }

    [Fact]
    public void Save_StreamThatCannotSeek_SameBytesAsAFile()
    {
        var detector = IndexTestData.Build(IndexTestData.Corpus.Take(60));
        var target = new MemoryStream();
        detector.Save(new FullDiskStream(target, long.MaxValue), codecs: null);
        Assert.Equal(IndexTestData.SaveToBytes(detector), target.ToArray());
    }
}

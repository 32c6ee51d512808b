using System.Buffers.Binary;
using NearDup.Persistence;
using static NearDup.Tests.Persistence.IndexReaderData;

namespace NearDup.Tests.Persistence;

/// <summary>
/// <see cref="IndexReader"/> on section headers and the documents and band keys payloads, in files rebuilt with
/// matching checksums: each problem is refused with a message naming the section and the value, each edge value loads.
/// </summary>
public sealed class IndexReaderSectionTests
{
    private const int DocumentsSection = 0, BandsSection = 1, FingerprintsSection = 2;

    // Raw documents payload: count, then columns of dates, content hashes, SimHashes, shingle counts, id lengths, id bytes.
    private const int ShingleCounts = 4 + 24 * Count, IdLengths = 4 + 28 * Count, Ids = 4 + 32 * Count;

    [Fact]
    public void Read_SectionTagOutOfPlace_NamesTheMissingSectionAndWhatWasFound()
    {
        var parts = RawParts();
        SetU32(parts.Headers[DocumentsSection], 0, 'X' | 'Y' << 8 | 'Z' << 16 | (uint)'\u0001' << 24);
        Assert.Equal(Corrupt("documents", "is missing: found tag \"XYZ?\" where \"DOCS\" belongs"), Rejected(parts.ToBytes()));
        parts = RawParts();
        parts.Headers.RemoveAt(BandsSection);
        parts.Payloads.RemoveAt(BandsSection);
        Assert.Equal(Corrupt("band keys", "is missing: found tag \"FPRT\" where \"BAND\" belongs"), Rejected(parts.ToBytes()));
    }

    [Theory]
    [InlineData(IndexFormat.Version, 4)]
    [InlineData(IndexFormat.Version, 255)]
    [InlineData(3, (int)SectionCodec.Lz4)]
    public void Read_CodecUnknownAtTheFileVersion_Refused(int version, int codec)
    {
        var parts = RawParts();
        parts.Version = version;
        parts.Headers[DocumentsSection][4] = (byte)codec;
        Assert.Equal(Corrupt("documents", $"declares codec {codec}, which this library does not know"), Rejected(parts.ToBytes()));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Read_ReservedSectionHeaderByteSet_Refused(int at)
    {
        var parts = RawParts();
        parts.Headers[BandsSection][at] = 1;
        Assert.Equal(Corrupt("band keys", "declares codec 0, which this library does not know"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_Lz4SectionsAtFormatFour_PassTheCodecCheck()
    {
        // Format 4 knows LZ4 but not facts: the file gets as far as the fingerprint flags.
        var parts = IndexFileParts.Parse(Default());
        parts.Version = IndexFormat.PayloadFirstChecksumVersion;
        string flags = (IndexFormat.PositionsFlag | IndexFormat.PackedFlag | IndexFormat.FactsFlag).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Corrupt("fingerprints", $"has fingerprint flags {flags}, which no NearDup writes"), Rejected(parts.ToBytes()));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Read_NegativeStoredLength_NamesTheLengths(long stored)
    {
        var parts = RawParts();
        BinaryPrimitives.WriteInt64LittleEndian(parts.Headers[BandsSection].AsSpan(8), stored);
        long left = parts.Payloads[BandsSection].Length + 8 + parts.Headers[2].Length + parts.Payloads[2].Length + 8 + parts.Headers[3].Length
            + parts.Payloads[3].Length;
        Assert.Equal(Corrupt("band keys", $"declares {stored:N0} bytes but the file has {left:N0} left for it"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_StoredLengthPastTheFile_NamesTheLengths()
    {
        var parts = RawParts();
        long left = Raw().Length - IndexFormat.PrefixBytes - parts.Body.Length - 8 - IndexFormat.SectionHeaderBytes - 8 - IndexFormat.TrailerBytes;
        BinaryPrimitives.WriteInt64LittleEndian(parts.Headers[DocumentsSection].AsSpan(8), left + 1);
        Assert.Equal(Corrupt("documents", $"declares {left + 1:N0} bytes but the file has {left:N0} left for it"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_CutJustAfterASectionHeader_SaysTheSectionIsTruncated()
    {
        byte[] raw = Raw();
        var parts = RawParts();
        int fingerprints = IndexFormat.PrefixBytes + parts.Body.Length + 8
            + parts.Payloads.Take(FingerprintsSection).Sum(p => IndexFormat.SectionHeaderBytes + p.Length + 8);
        Assert.Equal(Corrupt("fingerprints", "is truncated"), Rejected(raw[..(fingerprints + IndexFormat.SectionHeaderBytes + 31)]));
        long stored = parts.Payloads[FingerprintsSection].Length;
        Assert.Equal(Corrupt("fingerprints", $"declares {stored:N0} bytes but the file has 0 left for it"),
            Rejected(raw[..(fingerprints + IndexFormat.SectionHeaderBytes + 32)]));
    }

    [Fact]
    public void Read_EmptyPayload_PassesTheHeaderCheckAndEndsAtTheFirstRead()
    {
        var parts = RawParts();
        parts.SetPayload(DocumentsSection, []);
        Assert.Equal(Corrupt("documents", "needs 4 more bytes but only 0 remain of its declared length"), Rejected(parts.ToBytes()));
    }

    [Theory]
    [InlineData((int)SectionCodec.Raw, -1L)]
    [InlineData((int)SectionCodec.Raw, 1L)]
    [InlineData((int)SectionCodec.Lz4, -5L)]
    [InlineData((int)SectionCodec.Lz4, (long)int.MaxValue * 64)]
    public void Read_DecodedLengthThatCannotBe_NamesBothLengths(int codec, long raw)
    {
        var parts = RawParts();
        long stored = parts.Payloads[BandsSection].Length;
        parts.Headers[BandsSection][4] = (byte)codec;
        long declared = raw == 1 ? stored + 1 : raw;
        BinaryPrimitives.WriteInt64LittleEndian(parts.Headers[BandsSection].AsSpan(16), declared);
        Assert.Equal(Corrupt("band keys", $"declares {declared:N0} decoded bytes for {stored:N0} stored, which cannot be"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_LargestDecodedLength_PassesTheHeaderCheck()
    {
        var parts = IndexFileParts.Parse(Default());
        BinaryPrimitives.WriteInt64LittleEndian(parts.Headers[BandsSection].AsSpan(16), Array.MaxLength * 64L);
        Assert.DoesNotContain("which cannot be", Rejected(parts.ToBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LayoutOnly_ListsEverySectionWithoutReadingPayloads()
    {
        foreach (byte[] file in new[] { Raw(), Default() })
        {
            var parts = IndexFileParts.Parse(file);
            var layout = IndexReader.Read(new MemoryStream(file), layoutOnly: true);
            Assert.Null(layout.Documents);
            Assert.Equal(Count, layout.DocumentCount);
            Assert.Equal(file.Length, layout.FileBytes);
            string[] codecs = [.. parts.Headers.Select(h => ((SectionCodec)h[4]).ToString().ToLowerInvariant())];
            Assert.Equal(IndexFormat.SectionsWithQueryState.Select((s, i) => new IndexSectionInfo(s.Name, codecs[i],
                BinaryPrimitives.ReadInt64LittleEndian(parts.Headers[i].AsSpan(8)), BinaryPrimitives.ReadInt64LittleEndian(parts.Headers[i].AsSpan(16)))),
                layout.Sections);
            Assert.Equal(layout.Sections, IndexReader.Read(new ForwardOnlyStream(new MemoryStream(file)), layoutOnly: true).Sections);
            Assert.Equal(layout.Sections, Read(file).Sections);
        }
        Assert.Equal(["raw", "lz4"], new[] { Raw(), Default() }.Select(f => IndexReader.Read(new MemoryStream(f), layoutOnly: true).Sections[0].Codec));
    }

    [Fact]
    public void Read_LayoutOnlyWithASectionChecksumWrong_FailsTheTrailer()
    {
        byte[] bad = Raw();
        bad[^(IndexFormat.TrailerBytes + 1)] ^= 1; // the query state's checksum, which the trailer's covers
        Assert.Equal(Corrupt("trailer", "fails its checksum"), Assert.Throws<InvalidDataException>(() => IndexReader.Read(new MemoryStream(bad), layoutOnly: true)).Message);
        Assert.Equal(Corrupt("query state", "fails its checksum"), Rejected(bad));
    }

    [Fact]
    public void Read_DocumentCountsDisagree_NamesEachSection()
    {
        foreach (var (section, name) in new[] { (DocumentsSection, "documents"), (BandsSection, "band keys"), (FingerprintsSection, "fingerprints") })
        {
            var parts = RawParts();
            SetU32(parts.Payloads[section], 0, Count - 1);
            Assert.Equal(Corrupt(name, $"holds {Count - 1} documents where the header says {Count}"), Rejected(parts.ToBytes()));
        }
    }

    [Fact]
    public void Read_MoreDocumentsThanTheDocumentsBytesHold_RefusedBeforeAllocating()
    {
        var parts = RawParts();
        parts.SetBodyDocuments(5_000);
        SetU32(parts.Payloads[DocumentsSection], 0, 5_000);
        int remaining = parts.Payloads[DocumentsSection].Length - 4;
        Assert.Equal(Corrupt("documents", $"declares {5_000:N0} documents, more than its remaining {remaining:N0} bytes can hold"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_ShingleCountPastInt32_Refused_AtInt32MaxLoaded()
    {
        var parts = RawParts();
        SetU32(parts.Payloads[DocumentsSection], ShingleCounts + 4 * 2, int.MaxValue);
        Assert.Equal(int.MaxValue, Read(parts.ToBytes()).Documents!.ShingleCount(2));
        SetU32(parts.Payloads[DocumentsSection], ShingleCounts + 4 * 2, (uint)int.MaxValue + 1);
        Assert.Equal(Corrupt("documents", "gives document 2 a negative shingle count"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_EmptyRepeatedOrUnorderedIds_Refused()
    {
        Assert.Equal(Corrupt("documents", "gives document 0 an empty id"), Rejected(WithIds(["", "doc-0doc-1", "doc-2", "doc-3", "doc-4", "doc-5"])));
        Assert.Equal(Corrupt("documents", "lists ids out of order at document 2 ('doc-1' then 'doc-1')"),
            Rejected(WithIds(["doc-0", "doc-1", "doc-1", "doc-3", "doc-4", "doc-5"])));
        Assert.Equal(Corrupt("documents", "lists ids out of order at document 5 ('doc-5' then 'doc-4')"),
            Rejected(WithIds(["doc-0", "doc-1", "doc-2", "doc-3", "doc-5", "doc-4"])));
        Assert.Equal(Corrupt("documents", "lists ids out of order at document 1 ('doc-0' then 'doc-')"),
            Rejected(WithIds(["doc-0", "doc-", "1doc-2", "doc-3", "doc-4", "doc-5"])));
    }

    [Fact]
    public void Read_IdsOfOtherLengthsInOrder_LoadAsWritten()
    {
        string[] ids = ["a", "bb", "c-long-id", "d\u00e9j\u00e0", "e", "\u4e2d\u6587"];
        var store = Read(WithIds(ids)).Documents!;
        Assert.Equal(ids, Enumerable.Range(0, Count).Select(store.Id));
    }

    [Fact]
    public void Read_IdNotUtf8OrIdBytesPastThePayload_Refused()
    {
        var parts = RawParts();
        parts.Payloads[DocumentsSection][Ids + 5 * 3 + 1] = 0xC0;
        Assert.Equal(Corrupt("documents", "holds text that is not valid UTF-8"), Rejected(parts.ToBytes()));
        parts = RawParts();
        SetU32(parts.Payloads[DocumentsSection], IdLengths, uint.MaxValue);
        Assert.Equal(Corrupt("documents", $"declares {uint.MaxValue + 25L:N0} id bytes, more than its remaining {5 * Count:N0} bytes can hold"),
            Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_BandKeysPerDocumentDisagree_NamesBothCounts()
    {
        var parts = RawParts();
        int bands = Detector.LshParameters.Bands;
        SetU32(parts.Payloads[BandsSection], 4, (uint)bands + 1);
        Assert.Equal(Corrupt("band keys", $"holds {bands + 1} band keys per document where the header says {bands}"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_FewerBandKeysThanDocumentsNeed_RefusedBeforeAllocating()
    {
        var parts = RawParts();
        int bands = Detector.LshParameters.Bands;
        parts.SetPayload(BandsSection, parts.Payloads[BandsSection][..^4]);
        Assert.Equal(Corrupt("band keys", $"declares {Count * bands:N0} band keys, more than its remaining {Count * bands * 4 - 4:N0} bytes can hold"),
            Rejected(parts.ToBytes()));
    }

    private static byte[] WithIds(string[] ids)
    {
        var parts = RawParts();
        byte[] payload = parts.Payloads[DocumentsSection];
        var bytes = ids.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        for (int i = 0; i < Count; i++)
        {
            SetU32(payload, IdLengths + 4 * i, (uint)bytes[i].Length);
        }
        parts.SetPayload(DocumentsSection, [.. payload.AsSpan(0, Ids), .. bytes.SelectMany(b => b)]);
        return parts.ToBytes();
    }
}

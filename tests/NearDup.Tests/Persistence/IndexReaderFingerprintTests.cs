using System.Buffers.Binary;
using System.Globalization;
using NearDup.Clustering;
using NearDup.Persistence;
using static NearDup.Tests.Persistence.IndexReaderData;

namespace NearDup.Tests.Persistence;

/// <summary>
/// <see cref="IndexReader"/> on the fingerprints section, and on files of formats 1 to 4 made in code from a current one
/// (format 1: 64-bit band keys, no flags; 2: 32-bit keys; 3: a flags word and positions; 4: packing allowed; 5: facts).
/// Each loads with exactly the saved documents, less what its format does not hold.
/// </summary>
public sealed class IndexReaderFingerprintTests
{
    private const int DocumentsSection = 0, BandsSection = 1, FingerprintsSection = 2;
    private const int ShingleCounts = 4 + 24 * Count;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Read_OlderFormat_SameDocumentsLessWhatItDoesNotHold(int version)
    {
        var contents = Read(OldFormat(version).ToBytes());
        Assert.Equal(version, contents.FormatVersion);
        Assert.Equal(Expected(positions: version >= 3, facts: false), Dump(contents, positions: version >= 3, facts: false));
        var store = contents.Documents!;
        Assert.All(Enumerable.Range(0, Count), slot => Assert.True(store.Facts(slot).IsEmpty));
        Assert.Equal(version >= 3, Enumerable.Range(0, Count).All(slot => !store.Positions(slot).IsEmpty));
    }

    [Theory]
    [InlineData(3, IndexFormat.PositionsFlag | IndexFormat.PackedFlag)]
    [InlineData(3, IndexFormat.PositionsFlag | 8)]
    [InlineData(4, IndexFormat.PositionsFlag | IndexFormat.FactsFlag)]
    [InlineData(IndexFormat.Version, IndexFormat.PositionsFlag | IndexFormat.FactsFlag | 8)]
    [InlineData(IndexFormat.Version, 0x8000_0000u)]
    public void Read_FingerprintFlagUnknownAtTheFileVersion_Refused(int version, uint flags)
    {
        var parts = version == IndexFormat.Version ? RawParts() : OldFormat(version);
        SetU32(parts.Payloads[FingerprintsSection], 4, flags);
        Assert.Equal(Corrupt("fingerprints", $"has fingerprint flags {flags}, which no NearDup writes"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_PackedFlagAtFormatFour_Known()
    {
        var parts = OldFormat(4);
        SetU32(parts.Payloads[FingerprintsSection], 4, IndexFormat.PositionsFlag | IndexFormat.PackedFlag);
        Assert.DoesNotContain("has fingerprint flags", Rejected(parts.ToBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FormatFourUnpackedWithoutFacts_Loads()
    {
        var parts = OldFormat(4);
        parts.SetPayload(FingerprintsSection, Fingerprints(positions: false, facts: false, flags: 0u));
        var contents = Read(parts.ToBytes());
        Assert.Equal(Expected(positions: false, facts: false), Dump(contents, positions: false, facts: false));
    }

    [Fact]
    public void Read_MoreFingerprintsThanShingles_NamesTheDocument()
    {
        var parts = RawParts();
        uint fingerprints = U32(parts.Payloads[FingerprintsSection], 8 + 4 * 2);
        SetU32(parts.Payloads[DocumentsSection], ShingleCounts + 4 * 2, fingerprints - 1);
        Assert.Equal(Corrupt("fingerprints", $"gives document 'doc-2' {fingerprints:N0} fingerprints but it has only {fingerprints - 1:N0} shingles"),
            Rejected(parts.ToBytes()));
        SetU32(parts.Payloads[DocumentsSection], ShingleCounts + 4 * 2, fingerprints);
        Assert.Equal((int)fingerprints, Read(parts.ToBytes()).Documents!.ShingleCount(2));
    }

    [Fact]
    public void Read_FingerprintCountsCut_RefusedBeforeReadingThem()
    {
        var parts = RawParts();
        parts.SetPayload(FingerprintsSection, parts.Payloads[FingerprintsSection][..(8 + 4 * Count - 4)]);
        Assert.Equal(Corrupt("fingerprints", $"declares {Count} fingerprint counts, more than its remaining {4 * Count - 4} bytes can hold"),
            Rejected(parts.ToBytes()));
    }

    [Theory]
    [InlineData(false, true, 6)] // raw with positions: 6 bytes a fingerprint
    [InlineData(false, false, 4)]
    [InlineData(true, true, 0.25)] // packed: a bit a fingerprint and one a position
    [InlineData(true, false, 0.125)]
    public void Read_MoreFingerprintsThanBytesLeft_RefusedBeforeReadingThem(bool packed, bool positions, double bytesEach)
    {
        var (parts, remaining) = Inflatable(packed, positions);
        long total = (long)Math.Floor(remaining / bytesEach) + 1;
        Inflate(parts, total);
        Assert.Equal(Corrupt("fingerprints", $"declares {total:N0} fingerprints, more than its remaining {remaining:N0} bytes can hold"),
            Rejected(parts.ToBytes()));
    }

    [Theory]
    [InlineData(false, true, 6)]
    [InlineData(false, false, 4)]
    [InlineData(true, true, 0.25)]
    [InlineData(true, false, 0.125)]
    public void Read_AsManyFingerprintsAsBytesLeftHold_PassTheFirstCheck(bool packed, bool positions, double bytesEach)
    {
        var (parts, remaining) = Inflatable(packed, positions);
        Inflate(parts, (long)Math.Floor(remaining / bytesEach));
        Assert.DoesNotContain(" fingerprints, more than", Rejected(parts.ToBytes()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_VersionOneBandKeysCut_RefusedAtEightBytesAKey()
    {
        var parts = OldFormat(1);
        int keys = Count * Detector.LshParameters.Bands;
        parts.SetPayload(BandsSection, parts.Payloads[BandsSection][..(8 + 4 * keys + 4)]);
        Assert.Equal(Corrupt("band keys", $"declares {keys:N0} band keys, more than its remaining {4 * keys + 4:N0} bytes can hold"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_EmptyIndex_FourSectionsAndNoDocuments()
    {
        byte[] empty = IndexTestData.SaveToBytes(new DuplicateDetector(), IndexCodecs.None);
        var contents = Read(empty);
        Assert.Equal(0, contents.DocumentCount);
        Assert.Equal(0, contents.Documents!.Count);
        Assert.Equal(["documents", "band keys", "fingerprints", "query state"], contents.Sections.Select(s => s.Name));
        Assert.Equal(0, Read(IndexTestData.SaveToBytes(new DuplicateDetector())).Documents!.Count);
    }

    /// <summary>A current raw file made into <paramref name="version"/>'s layout (every checksum recomputed by <see cref="IndexFileParts"/>).</summary>
    private static IndexFileParts OldFormat(int version)
    {
        var parts = RawParts();
        parts.Version = version;
        parts.SetPayload(FingerprintsSection, version >= 3
            ? Fingerprints(positions: true, facts: false, flags: IndexFormat.PositionsFlag)
            : Fingerprints(positions: false, facts: false, flags: null));
        if (version == 1)
        {
            byte[] bands = parts.Payloads[BandsSection];
            var wide = new byte[8 + (bands.Length - 8) * 2];
            bands.AsSpan(0, 8).CopyTo(wide);
            for (int i = 8, j = 8; i < bands.Length; i += 4, j += 8)
            {
                // The high half is junk that the reader drops.
                ulong high = 0xDEAD_0000u ^ (uint)i;
                BinaryPrimitives.WriteUInt64LittleEndian(wide.AsSpan(j), high << 32 | U32(bands, i));
            }
            parts.SetPayload(BandsSection, wide);
        }
        return parts;
    }

    /// <summary>The current raw fingerprints payload rewritten with or without positions, facts and the flags word.</summary>
    private static byte[] Fingerprints(bool positions, bool facts, uint? flags)
    {
        byte[] payload = RawParts().Payloads[FingerprintsSection];
        var output = new MemoryStream();
        output.Write(payload.AsSpan(0, 4));
        if (flags is { } value)
        {
            output.Write(BitConverter.GetBytes(value));
        }
        output.Write(payload.AsSpan(8, 4 * Count));
        int at = 8 + 4 * Count;
        for (int i = 0; i < Count; i++)
        {
            int count = (int)U32(payload, 8 + 4 * i);
            output.Write(payload.AsSpan(at, positions ? 6 * count : 4 * count));
            at += 6 * count;
            int factBytes = 1 + 4 * payload[at];
            output.Write(payload.AsSpan(at, facts ? factBytes : 0));
            at += factBytes;
        }
        Assert.Equal(payload.Length, at);
        return output.ToArray();
    }

    /// <summary>A file whose fingerprint counts can be raised, and the payload bytes left after the counts.</summary>
    private static (IndexFileParts Parts, long Remaining) Inflatable(bool packed, bool positions)
    {
        var codecs = IndexCodecs.None with { PackFingerprints = packed };
        var parts = IndexFileParts.Parse(IndexTestData.SaveToBytes(Detector, codecs));
        if (!positions)
        {
            // Only the flags say whether positions follow: the check comes before any document is read.
            uint flags = U32(parts.Payloads[FingerprintsSection], 4);
            SetU32(parts.Payloads[FingerprintsSection], 4, flags & ~IndexFormat.PositionsFlag);
        }
        return (parts, parts.Payloads[FingerprintsSection].Length - 8 - 4L * Count);
    }

    /// <summary>Raises document 0's fingerprint count (and its shingle count with it) so that the counts add up to <paramref name="total"/>.</summary>
    private static void Inflate(IndexFileParts parts, long total)
    {
        byte[] fingerprints = parts.Payloads[FingerprintsSection];
        long others = Enumerable.Range(1, Count - 1).Sum(i => (long)U32(fingerprints, 8 + 4 * i));
        uint first = checked((uint)(total - others));
        Assert.True(first >= U32(fingerprints, 8), string.Create(CultureInfo.InvariantCulture, $"total {total} would lower document 0's count"));
        SetU32(fingerprints, 8, first);
        SetU32(parts.Payloads[DocumentsSection], ShingleCounts, first);
    }
}

using System.Buffers.Binary;
using System.IO.Hashing;
using NearDup.Persistence;
using NearDup.Signatures;
using static NearDup.Tests.Persistence.IndexReaderData;

namespace NearDup.Tests.Persistence;

/// <summary>
/// <see cref="IndexReader"/> on the prefix, the header body and the trailer: each check gives its own message, and each
/// value at the edge of what is accepted still loads. Files are rebuilt with matching checksums (<see cref="IndexFileParts"/>)
/// so that the checks behind them are reached.
/// </summary>
public sealed class IndexReaderHeaderTests
{
    [Fact]
    public void Parts_Unchanged_GiveTheSameBytesAndLoadTheSavedDocuments()
    {
        byte[] raw = Raw();
        Assert.Equal(raw, IndexFileParts.Parse(raw).ToBytes());
        var contents = Read(raw);
        Assert.Equal(Expected(), Dump(contents));
        Assert.Equal((IndexFormat.Version, (long)Count, (long)raw.Length), (contents.FormatVersion, contents.DocumentCount, contents.FileBytes));
        Assert.Equal(Detector.Options with { MaxDegreeOfParallelism = -1 }, contents.Options);
        Assert.Equal((Detector.LshParameters.Bands, Detector.LshParameters.Rows), (contents.Bands, contents.Rows));
        Assert.Equal(Expected(), Dump(Read(Default())));
    }

    [Fact]
    public void Read_FileAfterOtherBytesInTheStream_ReadsFromTheStreamPosition()
    {
        byte[] raw = Raw();
        var stream = new MemoryStream([.. "junk before"u8, .. raw]) { Position = 11 };
        var contents = IndexReader.Read(stream);
        Assert.Equal(Expected(), Dump(contents));
        Assert.Equal(raw.Length, contents.FileBytes);
        var layout = IndexReader.Read(new MemoryStream([.. "junk before"u8, .. raw]) { Position = 11 }, layoutOnly: true);
        Assert.Equal(raw.Length, layout.FileBytes);
    }

    [Fact]
    public void Read_EmptyOrForeignStart_SaysItIsNotAnIndex()
    {
        Assert.Equal("Not a NearDup index: the file is empty.", Rejected([]));
        const string foreign = "Not a NearDup index: the file does not start with \"NDUPIDX\" (a different file, or its first bytes are corrupt).";
        Assert.Equal(foreign, Rejected("N"u8.ToArray()));
        Assert.Equal(foreign, Rejected("NDUPIDX"u8.ToArray()));
        Assert.Equal(foreign, Rejected([.. "NDUPIDY\0"u8, .. new byte[40]]));
    }

    [Fact]
    public void Read_PrefixCut_SaysTheHeaderIsTruncated()
    {
        byte[] raw = Raw();
        Assert.Equal(Corrupt("header", "is truncated"), Rejected(raw[..8]));
        Assert.Equal(Corrupt("header", "is truncated"), Rejected(raw[..(IndexFormat.PrefixBytes - 1)]));
        Assert.StartsWith(Corrupt("header", "is truncated: the file ends")[..^1], Rejected(raw[..IndexFormat.PrefixBytes]));
    }

    [Fact]
    public void Read_PrefixChecksumWrong_NamesTheVersionAndLengthFields()
    {
        byte[] bad = Raw();
        bad[12] ^= 1; // the header length, without its checksum
        Assert.Equal(Corrupt("header", "fails its checksum (format version or header length corrupt)"), Rejected(bad));
    }

    [Fact]
    public void Read_NewerVersion_NamesBothVersionsAndWhatToDo()
    {
        Assert.Equal($"NearDup index format version {IndexFormat.Version + 1} is newer than this library (NearDup {IndexWriter.LibraryVersion}) reads: "
            + $"it reads versions 1 to {IndexFormat.Version}. Upgrade NearDup, or rebuild the index with this version.",
            Rejected(Prefix(IndexFormat.Version + 1, 150, 64)));
    }

    [Theory]
    [InlineData(0, 150)]
    [InlineData(-1, 150)]
    [InlineData(1, -1)]
    [InlineData(IndexFormat.Version, IndexFormat.MaxHeaderBodyBytes + 1)]
    public void Read_VersionOrLengthNoneWrites_ThrowsNamingBoth(int version, int bodyLength)
    {
        Assert.Equal(Corrupt("header", $"declares format version {version} and {bodyLength} header bytes, which no NearDup writes"),
            Rejected(Prefix(version, bodyLength, 64)));
    }

    [Fact]
    public void Read_LargestHeaderLength_IsReadNotRefused()
    {
        string message = Rejected(Prefix(IndexFormat.Version, IndexFormat.MaxHeaderBodyBytes, 64));
        Assert.Equal(Corrupt("header", $"is truncated: the file ends {IndexFormat.MaxHeaderBodyBytes - 64:N0} bytes short of it"), message);
    }

    [Fact]
    public void Read_EmptyHeaderBody_IsReadAndFailsItsChecksum()
    {
        Assert.Equal(Corrupt("header", "fails its checksum"), Rejected(Prefix(IndexFormat.Version, 0, 64)));
    }

    [Fact]
    public void Read_CutInTheHeaderChecksumOrTheFirstSectionHeader_NamesWhereItEnds()
    {
        byte[] raw = Raw();
        int checksumAt = IndexFormat.PrefixBytes + BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(12));
        Assert.Equal(Corrupt("header", "is truncated: the file ends 3 bytes short of it"), Rejected(raw[..(checksumAt + 5)]));
        Assert.Equal(Corrupt("documents", "is truncated: the file ends 14 bytes short of it"), Rejected(raw[..(checksumAt + 8 + 10)]));
    }

    [Fact]
    public void Read_HeaderBodyChangedOrChecksumWrong_FailsTheHeaderChecksum()
    {
        byte[] raw = Raw();
        byte[] body = (byte[])raw.Clone();
        body[IndexFormat.PrefixBytes + 3] ^= 0x20;
        Assert.Equal(Corrupt("header", "fails its checksum"), Rejected(body));
        int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(12));
        byte[] checksum = (byte[])raw.Clone();
        checksum[IndexFormat.PrefixBytes + bodyLength] ^= 1;
        Assert.Equal(Corrupt("header", "fails its checksum"), Rejected(checksum));
    }

    [Fact]
    public void Read_LibraryVersionOfMoreThan255Bytes_ReadWhole()
    {
        var parts = RawParts();
        string version = string.Concat(Enumerable.Repeat("9.8.7-long+", 30)); // 330 bytes: both length bytes count
        parts.Body = [.. LengthPrefixed(System.Text.Encoding.UTF8.GetBytes(version)), .. parts.Body.AsSpan(parts.Options)];
        var contents = Read(parts.ToBytes());
        Assert.Equal(version, contents.LibraryVersion);
        Assert.Equal(Expected(), Dump(contents));
    }

    [Fact]
    public void Read_LibraryVersionNotUtf8OrTooLong_NamesTheHeader()
    {
        var parts = RawParts();
        byte[] options = parts.Body[parts.Options..];
        parts.Body = [.. LengthPrefixed([0x31, 0xFF, 0x32]), .. options];
        Assert.Equal(Corrupt("header", "holds text that is not valid UTF-8"), Rejected(parts.ToBytes()));
        parts.Body = LengthPrefixed("1.0"u8.ToArray());
        BinaryPrimitives.WriteUInt16LittleEndian(parts.Body, 900);
        Assert.Equal(Corrupt("header", "declares 900 library version bytes, more than its remaining 3 bytes can hold"), Rejected(parts.ToBytes()));
    }

    [Theory]
    [InlineData(IndexFileParts.ShingleScheme, 2)]
    [InlineData(IndexFileParts.MinHashScheme, 2)]
    [InlineData(IndexFileParts.RemoveDiacritics, 2)]
    [InlineData(IndexFileParts.RemoveDigits, 2)]
    [InlineData(IndexFileParts.RemoveDigits, 255)]
    public void Read_OptionByteNoneWrites_Refused(int field, byte value)
    {
        var parts = RawParts();
        parts.Body[parts.Options + field] = value;
        Assert.Equal(Corrupt("header", "holds an option value no NearDup writes"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_OptionBytesAtTheirLargest_Kept()
    {
        var parts = RawParts();
        parts.Body[parts.Options + IndexFileParts.RemoveDiacritics] = 1;
        parts.Body[parts.Options + IndexFileParts.RemoveDigits] = 1;
        parts.Body[parts.Options + IndexFileParts.MinHashScheme] = (byte)MinHashScheme.KPermutation;
        var options = Read(parts.ToBytes()).Options;
        Assert.True(options.Shingles.Normalization.RemoveDiacritics);
        Assert.True(options.Shingles.Normalization.RemoveDigits);
        Assert.Equal(MinHashScheme.KPermutation, options.MinHash.Scheme);
        parts.Body[parts.Options + IndexFileParts.RemoveDiacritics] = 0;
        parts.Body[parts.Options + IndexFileParts.RemoveDigits] = 0;
        options = Read(parts.ToBytes()).Options;
        Assert.False(options.Shingles.Normalization.RemoveDiacritics);
        Assert.False(options.Shingles.Normalization.RemoveDigits);
    }

    [Fact]
    public void Read_CharacterShingles_Kept()
    {
        var parts = RawParts();
        parts.Body[parts.Options + IndexFileParts.ShingleScheme] = (byte)NearDup.Text.ShingleScheme.Character;
        Assert.Equal(NearDup.Text.ShingleScheme.Character, Read(parts.ToBytes()).Options.Shingles.Scheme);
    }

    [Fact]
    public void Read_OptionOutOfRange_NamesTheOptionInTheHeader()
    {
        var parts = RawParts();
        BinaryPrimitives.WriteDoubleLittleEndian(parts.Body.AsSpan(parts.Options + IndexFileParts.LshThreshold), 1.5);
        var e = Assert.Throws<InvalidDataException>(() => Read(parts.ToBytes()));
        Assert.StartsWith(Corrupt("header", "holds invalid options (")[..^1], e.Message);
        Assert.Contains("LshThreshold", e.Message);
        Assert.IsAssignableFrom<ArgumentException>(e.InnerException);
    }

    [Fact]
    public void Read_HeaderBodyLongerThanItsFields_NamesTheExtraBytes()
    {
        var parts = RawParts();
        parts.Body = [.. parts.Body, 7, 7];
        Assert.Equal(Corrupt("header", "has 2 unexplained bytes at its end"), Rejected(parts.ToBytes()));
    }

    [Theory]
    [InlineData(0, 8, 6L, 4u)]
    [InlineData(16, 0, 6L, 4u)]
    [InlineData(-16, 8, 6L, 4u)]
    [InlineData(16, 8, -1L, 4u)]
    [InlineData(16, 8, 2_147_483_648L, 4u)]
    [InlineData(16, 8, 6L, 3u)]
    [InlineData(16, 8, 6L, 5u)]
    [InlineData(65_536, 65_536, 6L, 4u)] // 2^32 permutations: wraps to 0 in 32 bits
    [InlineData(129, 1, 6L, 4u)] // one band more than the 128 permutations hold
    public void Read_LshShapeCountsThatDoNotFit_Refused(int bands, int rows, long documents, uint sections)
    {
        var parts = RawParts();
        parts.SetBodyInt32(IndexFileParts.Bands, bands);
        parts.SetBodyInt32(IndexFileParts.Rows, rows);
        parts.SetBodyDocuments(documents);
        BinaryPrimitives.WriteUInt32LittleEndian(parts.Body.AsSpan(parts.Options + IndexFileParts.SectionCount), sections);
        Assert.Equal(Corrupt("header", $"declares {bands} bands of {rows} rows, {documents} documents and {sections} sections, which do not fit together"),
            Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_OneBandOfOneRow_HeaderAcceptedAndTheBandKeysDisagree()
    {
        var parts = RawParts();
        parts.SetBodyInt32(IndexFileParts.Bands, 1);
        parts.SetBodyInt32(IndexFileParts.Rows, 1);
        Assert.Equal(Corrupt("band keys", $"holds {Detector.LshParameters.Bands} band keys per document where the header says 1"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_BandsTimesRowsEqualToPermutations_HeaderAccepted()
    {
        var parts = RawParts();
        int bands = Detector.LshParameters.Bands;
        parts.SetBodyInt32(IndexFileParts.Permutations, bands * Detector.LshParameters.Rows);
        var contents = Read(parts.ToBytes());
        Assert.Equal(bands * Detector.LshParameters.Rows, contents.Options.MinHash.Permutations);
        Assert.Equal(Expected(), Dump(contents));
    }

    [Fact]
    public void Read_LargestDocumentCount_PassesTheHeaderAndFailsAtTheDocuments()
    {
        var parts = RawParts();
        parts.SetBodyDocuments(int.MaxValue);
        Assert.Equal(Corrupt("documents", $"holds {Count} documents where the header says {int.MaxValue:N0}"), Rejected(parts.ToBytes()));
    }

    [Fact]
    public void Read_TrailerMagicOrLengthWrongWithItsChecksumRecomputed_FailsTheTrailer()
    {
        var parts = RawParts();
        Assert.Equal(Corrupt("trailer", "fails its checksum"), Rejected(parts.ToBytes(t => t[0] = (byte)'X')));
        Assert.Equal(Corrupt("trailer", "fails its checksum"), Rejected(parts.ToBytes(t => t[8] ^= 1)));
        byte[] bad = parts.ToBytes();
        bad[^1] ^= 1;
        Assert.Equal(Corrupt("trailer", "fails its checksum"), Rejected(bad));
    }

    [Fact]
    public void Read_TrailerMissingOrFollowedByBytes_NamesTheLastSectionOrTheTrailer()
    {
        byte[] raw = Raw();
        // The last section, the query state, is 4 bytes (saved without a state): without the trailer it does not fit.
        Assert.Equal(4, RawParts().Payloads[3].Length);
        Assert.Equal(Corrupt("query state", "is truncated"), Rejected(raw[..^IndexFormat.TrailerBytes]));
        Assert.Equal(Corrupt("trailer", "is followed by bytes that are not part of the index"), Rejected([.. raw, 0]));
    }

    private static byte[] Prefix(int version, int bodyLength, int then)
    {
        var prefix = new byte[IndexFormat.PrefixBytes + then];
        IndexFormat.Magic.CopyTo(prefix);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(8), version);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(12), bodyLength);
        BinaryPrimitives.WriteUInt64LittleEndian(prefix.AsSpan(16), XxHash3.HashToUInt64(prefix.AsSpan(0, 16)));
        return prefix;
    }

    private static byte[] LengthPrefixed(byte[] bytes)
    {
        var result = new byte[2 + bytes.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(result, (ushort)bytes.Length);
        bytes.CopyTo(result, 2);
        return result;
    }
}

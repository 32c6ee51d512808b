using System.Globalization;
using System.Buffers.Binary;
using System.IO.Hashing;
using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

/// <summary>
/// Format version 1 stored the LSH band keys in 64 bits; version 2 keeps their low 32 bits, and version 3 adds each
/// fingerprint's position. A version 1 file must load, with the same documents and query matches. There is no version 1
/// writer any more, so the test rewrites a current file into the version 1 layout (band keys widened with junk high
/// halves, positions dropped, every length and checksum recomputed).
/// </summary>
public sealed class IndexVersionOneTests
{
    [Fact]
    public void Load_VersionOneFile_SameDocumentsAndQueryMatches()
    {
        var original = IndexTestData.Build(IndexTestData.Corpus);
        byte[] current = IndexTestData.SaveToBytes(original, IndexCodecs.None);
        byte[] v1 = ToVersionOne(current);
        Assert.NotEqual(current.Length, v1.Length);

        var loaded = DuplicateDetector.Load(new MemoryStream(v1));
        // Without positions every verified weak link is kept and roles go by length (StoryJudge), so clusters and roles
        // may differ from the original's; the documents and the matches with their scores may not.
        Assert.Equal(original.Cluster().Clusters.SelectMany(c => c.Members).Select(m => m.Id).Order(),
            loaded.Cluster().Clusters.SelectMany(c => c.Members).Select(m => m.Id).Order());
        static string MatchesAndScores(string answers) =>
            System.Text.RegularExpressions.Regex.Replace(answers, ",(?:c[0-9]+|Exact|Syndicated|Rewritten|Excerpt)(?=,)", "");
        string expected = MatchesAndScores(IndexTestData.QueryAll(original));
        // Without positions a short passage cannot be told from phrases shared far apart (StoryJudge.SharesPassage):
        // the matches are those verified on counts, each the original's, which adds only such passages.
        var (before, after) = (Matches(expected), Matches(MatchesAndScores(IndexTestData.QueryAll(loaded))));
        Assert.Subset(before, after);
        Assert.All(before.Except(after), m => Assert.True(double.Parse(m.Split(',')[^1], CultureInfo.InvariantCulture) < NearDupOptions.Default.MinContainment, m));
        Assert.Contains("fixture-", expected, StringComparison.Ordinal);
        // Saved again, it is a current file without positions, which loads to the same clusters.
        var again = DuplicateDetector.Load(new MemoryStream(IndexTestData.SaveToBytes(loaded)));
        Assert.Equal(IndexTestData.Serialize(loaded.Cluster(includePairs: true)), IndexTestData.Serialize(again.Cluster(includePairs: true)));
    }

    /// <summary>Each query's matches with their scores, as "query number: match".</summary>
    private static HashSet<string> Matches(string answers) =>
        [.. answers.Split('\n').SelectMany((line, k) => line.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(m => $"{k}: {m}"))];

    [Fact]
    public void Load_VersionOneFileWithAFlippedBandByte_ReportsTheSection()
    {
        byte[] v1 = ToVersionOne(IndexTestData.SaveToBytes(IndexTestData.Build(IndexTestData.Corpus), IndexCodecs.None));
        int band = FindSection(v1, IndexFormat.BandsTag);
        v1[band + IndexFormat.SectionHeaderBytes + 12] ^= 0x40;
        var e = Assert.Throws<InvalidDataException>(() => DuplicateDetector.Load(new MemoryStream(v1)));
        Assert.Contains("band keys", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The unpacked fingerprint section of format 5 (count, positions and facts flags, counts, then each document's
    /// fingerprints, positions and facts) as format 1 and 2 wrote it.
    /// </summary>
    private static byte[] WithoutPositions(byte[] payload)
    {
        int n = BinaryPrimitives.ReadInt32LittleEndian(payload);
        Assert.Equal(IndexFormat.PositionsFlag | IndexFormat.FactsFlag, BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(4)));
        var output = new MemoryStream();
        output.Write(payload.AsSpan(0, 4));
        output.Write(payload.AsSpan(8, 4 * n));
        int at = 8 + 4 * n;
        for (int i = 0; i < n; i++)
        {
            int count = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(8 + 4 * i));
            output.Write(payload.AsSpan(at, 4 * count));
            at += 6 * count;
            at += 1 + 4 * payload[at];
        }
        Assert.Equal(payload.Length, at);
        return output.ToArray();
    }

    private static byte[] ToVersionOne(byte[] current)
    {
        var output = new MemoryStream();
        var checksums = new List<ulong>();
        int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(current.AsSpan(12));
        var head = current.AsSpan(0, IndexFormat.PrefixBytes + bodyLength).ToArray();
        Assert.Equal(IndexFormat.Version, BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(8)));
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(8), 1);
        // Version 1 has three sections: the query state section of the current file is left out.
        int options = IndexFormat.PrefixBytes + 2 + BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(IndexFormat.PrefixBytes));
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(options + IndexFileParts.SectionCount), IndexFormat.Sections.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(head.AsSpan(16), XxHash3.HashToUInt64(head.AsSpan(0, 16)));
        output.Write(head);
        WriteChecksum(output, XxHash3.HashToUInt64(head), checksums);

        int position = head.Length + 8;
        for (int s = 0; s < IndexFormat.Sections.Length; s++)
        {
            var header = current.AsSpan(position, IndexFormat.SectionHeaderBytes).ToArray();
            Assert.Equal((byte)SectionCodec.Raw, header[4]);
            long stored = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(8));
            var payload = current.AsSpan(position + header.Length, (int)stored).ToArray();
            position += header.Length + (int)stored + 8;
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) == IndexFormat.FingerprintsTag)
            {
                payload = WithoutPositions(payload);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), payload.Length);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), payload.Length);
            }
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) == IndexFormat.BandsTag)
            {
                var wide = new byte[8 + (payload.Length - 8) * 2];
                payload.AsSpan(0, 8).CopyTo(wide);
                for (int i = 8, j = 8; i < payload.Length; i += 4, j += 8)
                {
                    uint key = BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(i));
                    BinaryPrimitives.WriteUInt64LittleEndian(wide.AsSpan(j), (ulong)(0xDEADBEEF ^ (uint)i) << 32 | key);
                }
                payload = wide;
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), payload.Length);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), payload.Length);
            }
            output.Write(header);
            output.Write(payload);
            WriteChecksum(output, XxHash3.HashToUInt64([.. header, .. payload]), checksums);
        }

        return IndexFileParts.WithTrailer(output, checksums);
    }

    private static void WriteChecksum(Stream output, ulong checksum, List<ulong> checksums) => IndexFileParts.WriteChecksum(output, checksum, checksums);

    private static int FindSection(byte[] file, uint tag)
    {
        int position = IndexFormat.PrefixBytes + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12)) + 8;
        while (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position)) != tag)
        {
            position += IndexFormat.SectionHeaderBytes + (int)BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(position + 8)) + 8;
        }
        return position;
    }
}

using System.Buffers.Binary;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli.Formats;

/// <summary>
/// zstd and LZ4 input must be whole, as gzip's must: a file cut mid-stream, at a block boundary, before the end mark
/// or inside the checksum is refused as truncated; a damaged checksum or trailing bytes as corrupt; never half-read.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CompressedInputTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly byte[] _jsonl = FormatWriter.Jsonl(FormatWriter.Documents(count: 400, seed: 4));

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.97)]
    public void Cluster_ZstdCutMidStream_RefusedAsTruncated(double fraction)
    {
        byte[] zstd = FormatWriter.Zstd(_jsonl);
        AssertRefused("docs.jsonl.zst", zstd[..(int)(zstd.Length * fraction)], "truncated zstd: the data ends inside a frame after ");
    }

    /// <summary>Cut right after a block (RFC 8878 3.1.1.2: a 3-byte header holding last-block bit, type and size), and before the checksum.</summary>
    [Fact]
    public void Cluster_ZstdCutAtBlockBoundaryOrBeforeChecksum_RefusedAsTruncated()
    {
        byte[] zstd = FormatWriter.Zstd(_jsonl);
        int first = ZstdFirstBlockEnd(zstd, out bool last);
        Assert.False(last, "the test data must make more than one block");
        AssertRefused("docs.jsonl.zst", zstd[..first], "truncated zstd");
        AssertRefused("docs.jsonl.zst", zstd[..^4], "truncated zstd");
    }

    [Fact]
    public void Cluster_ZstdBadChecksumOrTrailingBytes_RefusedAsCorrupt()
    {
        byte[] zstd = FormatWriter.Zstd(_jsonl);
        byte[] bad = (byte[])zstd.Clone();
        bad[^1] ^= 0x01;
        AssertRefused("docs.jsonl.zst", bad, "corrupt zstd after ");
        AssertRefused("docs.jsonl.zst", [.. zstd, .. "garbage!!"u8], "corrupt zstd after ");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.97)]
    public void Cluster_Lz4CutMidStream_RefusedAsTruncated(double fraction)
    {
        byte[] lz4 = FormatWriter.Lz4(_jsonl);
        AssertRefused("docs.jsonl.lz4", lz4[..(int)(lz4.Length * fraction)], "truncated LZ4: the data ends inside a frame after ");
    }

    /// <summary>
    /// Cut after the first block (frame header of 7 bytes without content size, then each block's 4-byte size and
    /// data), before the end mark, and inside the content checksum after it.
    /// </summary>
    [Fact]
    public void Cluster_Lz4CutAtBlockBoundaryOrEndMark_RefusedAsTruncated()
    {
        byte[] lz4 = FormatWriter.Lz4(_jsonl);
        int block = BinaryPrimitives.ReadInt32LittleEndian(lz4.AsSpan(7)) & 0x7FFFFFFF;
        AssertRefused("docs.jsonl.lz4", lz4[..(7 + 4 + block)], "truncated LZ4");
        AssertRefused("docs.jsonl.lz4", lz4[..^8], "truncated LZ4");
        AssertRefused("docs.jsonl.lz4", lz4[..^2], "truncated LZ4");
    }

    [Fact]
    public void Cluster_Lz4BadChecksumOrTrailingBytes_RefusedAsCorrupt()
    {
        byte[] lz4 = FormatWriter.Lz4(_jsonl);
        byte[] bad = (byte[])lz4.Clone();
        bad[^1] ^= 0x01;
        AssertRefused("docs.jsonl.lz4", bad, "corrupt LZ4 after ");
        AssertRefused("docs.jsonl.lz4", [.. lz4, .. "garbage!"u8], "corrupt LZ4 after ");
    }

    /// <summary>
    /// A frame whose descriptor sets the dictionary-ID flag (bit 0 of FLG, a 4-byte id after BD, the header checksum
    /// recomputed) is valid LZ4 that needs a preset dictionary: refused as unsupported, not as damaged.
    /// </summary>
    [Fact]
    public void Cluster_Lz4FrameNeedingAPresetDictionary_RefusedAsUnsupported()
    {
        byte[] lz4 = FormatWriter.Lz4(_jsonl);
        byte[] descriptor = [(byte)(lz4[4] | 0x01), lz4[5], 1, 2, 3, 4];
        byte check = (byte)(System.IO.Hashing.XxHash32.HashToUInt32(descriptor) >> 8);
        byte[] withDictionary = [.. lz4.AsSpan(0, 4), .. descriptor, check, .. lz4.AsSpan(7)];
        AssertRefused("docs.jsonl.lz4", withDictionary, "unsupported LZ4 after 0 bytes of output: the frame needs a preset dictionary");
    }

    /// <summary>A JSON array or CSV under zstd and LZ4 is sniffed inside the compression and read whole.</summary>
    [Fact]
    public void Cluster_CompressedArrayOrCsvCutShort_RefusedAsTruncated()
    {
        var documents = FormatWriter.Documents(count: 200, seed: 9);
        byte[] array = FormatWriter.Zstd(FormatWriter.JsonArray(documents));
        byte[] csv = FormatWriter.Lz4(FormatWriter.Separated(documents, ','));
        AssertRefused("docs.json.zst", array[..(array.Length * 2 / 3)], "truncated zstd");
        AssertRefused("docs.csv.lz4", csv[..(csv.Length * 2 / 3)], "truncated LZ4");
    }

    /// <summary>The end of a frame's first block: after the magic number and frame header, a 3-byte block header and its content.</summary>
    private static int ZstdFirstBlockEnd(byte[] zstd, out bool last)
    {
        byte descriptor = zstd[4];
        int sizeFlag = descriptor >> 6, dictionaryFlag = descriptor & 3;
        bool singleSegment = (descriptor & 0x20) != 0;
        int contentSizeBytes = sizeFlag switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        int header = 4 + 1 + (singleSegment ? 0 : 1) + (dictionaryFlag == 3 ? 4 : dictionaryFlag) + contentSizeBytes;
        int blockHeader = zstd[header] | zstd[header + 1] << 8 | zstd[header + 2] << 16;
        last = (blockHeader & 1) != 0;
        int type = (blockHeader >> 1) & 3, size = blockHeader >> 3;
        return header + 3 + (type == 1 ? 1 : size);
    }

    private void AssertRefused(string name, byte[] bytes, string message)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllBytes(path, bytes);
        string output = Path.Combine(_folder.Path, "out.jsonl");
        foreach (string flag in new[] { "--quiet", "--skip-invalid" })
        {
            var run = CliHarness.Run("cluster", path, "-o", output, flag);
            Assert.True(run.Exit == 2, $"{name} ({bytes.Length} bytes) {flag}: exit {run.Exit}: {run.Error}");
            Assert.Contains($"{path}: {message}", run.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(output), "an output was written from a half-read input");
        }
    }
}

using System.IO.Compression;
using System.Text;
using NearDup.Cli.Input;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// Compressed input must be whole: a gzip file cut at a flush boundary, mid-stream or inside its trailer is refused as
/// truncated, a bad CRC as corrupt; multi-member files and headers with a file name read in full.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class GzipReaderTests
{
    private const int Lines = 400;

    [Fact]
    public void Cluster_GzipCutAtFlushBoundary_RefusedAsTruncated()
    {
        using var folder = new TempFolder();
        var (bytes, flushedAt) = Compress(Jsonl(0, Lines));
        AssertRefused(folder.Path, bytes[..flushedAt], "truncated gzip (member 1): the data ends after");
        var run = CliHarness.Run("cluster", Path.Combine(folder.Path, "docs.jsonl.gz"), "-o", Path.Combine(folder.Path, "clusters.jsonl"));
        Assert.Matches(@"truncated gzip \(member 1\): the data ends after [\d,]+ bytes without the member's end mark; copy or download the file again\.", run.Error);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Cluster_GzipCutMidStream_RefusedAsTruncated(double fraction)
    {
        using var folder = new TempFolder();
        byte[] bytes = Compress(Jsonl(0, Lines)).Bytes;
        AssertRefused(folder.Path, bytes[..(int)(bytes.Length * fraction)], "truncated gzip");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void Cluster_GzipCutInTrailer_RefusedAsTruncated(int cut)
    {
        using var folder = new TempFolder();
        byte[] bytes = Compress(Jsonl(0, Lines)).Bytes;
        AssertRefused(folder.Path, bytes[..^cut], "truncated gzip");
    }

    [Fact]
    public void Cluster_GzipBadCrc_RefusedAsCorrupt()
    {
        using var folder = new TempFolder();
        byte[] bytes = Compress(Jsonl(0, Lines)).Bytes;
        bytes[^6] ^= 0x01;
        AssertRefused(folder.Path, bytes, "corrupt gzip (member 1): the CRC-32 in the trailer does not match the data (a damaged file).");
    }

    [Fact]
    public void Cluster_GzipTrailingGarbage_RefusedAsCorrupt()
    {
        using var folder = new TempFolder();
        byte[] bytes = Compress(Jsonl(0, Lines)).Bytes;
        AssertRefused(folder.Path, [.. bytes, .. "garbage"u8], "corrupt gzip (member 1): 7 or more bytes after the last member");
    }

    [Fact]
    public void Cluster_GzipSecondMemberTruncatedOrBadCrc_Refused()
    {
        using var folder = new TempFolder();
        byte[] first = Compress(Jsonl(0, Lines)).Bytes;
        byte[] second = Compress(Jsonl(Lines, Lines)).Bytes;
        AssertRefused(folder.Path, [.. first, .. second[..(second.Length / 2)]], "truncated gzip (member 2)");
        byte[] badFirst = (byte[])first.Clone();
        badFirst[^6] ^= 0x01;
        AssertRefused(folder.Path, [.. badFirst, .. second], "corrupt gzip (member 1)");
    }

    [Fact]
    public void Read_MultiMemberWithFileName_EveryDocument()
    {
        using var folder = new TempFolder();
        string plain = Path.Combine(folder.Path, "part.jsonl");
        File.WriteAllBytes(plain, Jsonl(Lines, Lines));
        Assert.SkipUnless(CliProcess.TryTool("gzip", "-k", "-f", plain), "needs the gzip tool for a header with a file name (FNAME)");
        string path = Path.Combine(folder.Path, "docs.jsonl.gz");
        File.WriteAllBytes(path, [.. Compress(Jsonl(0, Lines)).Bytes, .. File.ReadAllBytes(plain + ".gz")]);

        var documents = new DocumentReader(path).Read().ToList();

        Assert.Equal(2 * Lines, documents.Count);
        Assert.Equal("d799", documents[^1].Id);
    }

    /// <summary>Megabytes through random read sizes: the buffer's moves keep what the trailer search needs.</summary>
    [Fact]
    public void Read_RandomChunks_SameBytesAsGZipStream()
    {
        byte[] text = Jsonl(0, 20_000);
        byte[] bytes = [.. Compress(text).Bytes, .. Compress(Jsonl(5, 3)).Bytes];
        var random = new Random(14);
        var output = new MemoryStream();
        using var reader = new GzipReader(new MemoryStream(bytes));
        byte[] chunk = new byte[70_000];
        int read;
        while ((read = reader.Read(chunk, 0, random.Next(1, chunk.Length))) > 0)
        {
            output.Write(chunk, 0, read);
        }

        Assert.Equal([.. text, .. Jsonl(5, 3)], output.ToArray());
    }

    private static void AssertRefused(string folder, byte[] bytes, string message)
    {
        string path = Path.Combine(folder, "docs.jsonl.gz");
        File.WriteAllBytes(path, bytes);
        foreach (string skip in new[] { "--quiet", "--skip-invalid" })
        {
            var run = CliHarness.Run("cluster", path, "-o", Path.Combine(folder, "clusters.jsonl"), skip);
            Assert.True(run.Exit == 2, $"{skip}: exit {run.Exit}, {run.Error}");
            Assert.Contains($"{path}: {message}", run.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "clusters.jsonl")));
        }
    }

    private static byte[] Jsonl(int first, int count)
    {
        var text = new StringBuilder();
        for (int i = first; i < first + count; i++)
        {
            text.Append("{\"id\":\"d").Append(i).Append("\",\"text\":\"").Append(CliHarness.Story).Append(" number ").Append(i).Append("\"}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>One gzip member; <c>FlushedAt</c> is its length after a sync flush half way, a cut that ends on whole lines.</summary>
    private static (byte[] Bytes, int FlushedAt) Compress(byte[] data)
    {
        var compressed = new MemoryStream();
        int flushedAt;
        using (var zip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            int half = data.AsSpan(0, data.Length / 2).LastIndexOf((byte)'\n') + 1;
            zip.Write(data, 0, half);
            zip.Flush();
            flushedAt = (int)compressed.Length;
            zip.Write(data, half, data.Length - half);
        }
        return (compressed.ToArray(), flushedAt);
    }
}

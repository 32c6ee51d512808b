using System.Globalization;
using NearDup.Cli.Output;
using NearDup.Clustering;
using NearDup.Corpus;
using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

/// <summary>Seeded documents and helpers shared by the persistence tests.</summary>
internal static class IndexTestData
{
    private static readonly Lazy<IReadOnlyList<GeneratedDocument>> s_corpus = new(() =>
    [
        .. Fixtures.SeedShaped(),
        .. new CorpusGenerator(CorpusOptions.Default with { Documents = 240, Seed = 42, MaxDegreeOfParallelism = 1 }).Generate(),
    ]);

    /// <summary>The seed-shaped fixtures plus 240 generated documents (copies of every kind, some dated).</summary>
    public static IReadOnlyList<GeneratedDocument> Corpus => s_corpus.Value;

    public static DuplicateDetector Build(IEnumerable<GeneratedDocument> documents, NearDupOptions? options = null)
    {
        var detector = new DuplicateDetector(options);
        Add(detector, documents);
        return detector;
    }

    public static void Add(DuplicateDetector detector, IEnumerable<GeneratedDocument> documents) =>
        detector.AddRange(documents.Select(d => new DocumentInput(d.Id, d.Text, Date(d))));

    public static DateTimeOffset? Date(GeneratedDocument d) =>
        d.Date is null ? null : DateTimeOffset.Parse(d.Date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The clusters as the CLI writes them (JSONL): equal strings mean equal clusterings, roles and scores.</summary>
    public static string Serialize(ClusteringResult result)
    {
        using var stream = new MemoryStream();
        ClusterWriter.WriteClusters(stream, result.Clusters, OutputFormat.Jsonl);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Every query result for a fixed set of texts (indexed ones, an edited copy, an unrelated text), one line each.</summary>
    public static string QueryAll(DuplicateDetector detector)
    {
        var lines = new List<string>();
        foreach (var d in Corpus.Where((_, i) => i % 7 == 0))
        {
            lines.Add(Describe(detector.Query(d.Text)));
            lines.Add(Describe(detector.Query(d.Text[..(d.Text.Length / 2)] + " and a new ending written for this test")));
        }
        lines.Add(Describe(detector.Query("nothing in this sentence was ever indexed by anyone")));
        return string.Join('\n', lines);
    }

    public static byte[] SaveToBytes(DuplicateDetector detector, IndexCodecs? codecs = null)
    {
        using var stream = new MemoryStream();
        detector.Save(stream, codecs);
        return stream.ToArray();
    }

    private static string Describe(IReadOnlyList<QueryMatch> matches) =>
        string.Join(';', matches.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Id},{m.Cluster},{m.Role},{m.Jaccard},{m.Containment}")));
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("neardup-index-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Temp is cleaned by the OS later.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}

/// <summary>A stream that accepts <c>capacity</c> bytes and then throws, like a disk that fills up.</summary>
internal sealed class FullDiskStream(Stream inner, long capacity) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_written + buffer.Length > capacity)
        {
            int fits = (int)(capacity - _written);
            inner.Write(buffer[..fits]);
            _written = capacity;
            throw new IOException("No space left on device (simulated).");
        }
        inner.Write(buffer);
        _written += buffer.Length;
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>Hides CanSeek, as a pipe or a network stream does.</summary>
internal sealed class ForwardOnlyStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 777));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

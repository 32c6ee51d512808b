using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NearDup.Clustering;

namespace NearDup.Distributed.Tests;

/// <summary>
/// The in-process silos' shard reader: JSONL lines of id, text and date, a whole file, a byte range or a stripe of a
/// gzip file's lines (<see cref="IngestShard.Reads"/>), lines numbered in the file. (<c>neardup serve</c> reads shards
/// with the CLI's loader, tested in NearDup.Tests.)
/// </summary>
internal sealed class JsonLinesTestReader : IShardReader
{
    public IEnumerable<DocumentInput> Read(IngestShard shard, string settings, Action<long> skipped)
    {
        byte[] file = Contents(shard.Path);
        int start = (int)shard.Start, end = shard.IsRange ? (int)shard.End : file.Length;
        long line = file.AsSpan(0, start).Count((byte)'\n');
        foreach (string text in Encoding.UTF8.GetString(file, start, end - start).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            line++;
            if (shard.Reads(line))
            {
                yield return Parse(shard.Path, line, text);
            }
        }
        skipped(0);
    }

    private static byte[] Contents(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }
        using var zip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        zip.CopyTo(plain);
        return plain.ToArray();
    }

    private static DocumentInput Parse(string path, long line, string text)
    {
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            var date = root.TryGetProperty("date", out var d) ? DateTimeOffset.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
            return new DocumentInput(root.GetProperty("id").GetString()!, root.GetProperty("text").GetString()!, date);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{line}: not a JSON object ({e.Message})");
        }
    }

    /// <summary>
    /// Writes <paramref name="docs"/> as JSONL to <paramref name="path"/> (gzip-compressed if it ends in .gz); returns
    /// where each line starts, and the file's length last (in the decompressed bytes).
    /// </summary>
    public static long[] Write(string path, IEnumerable<DocumentInput> docs, Func<int, string?>? replaceLine = null)
    {
        var starts = new List<long>();
        using var plain = new MemoryStream();
        Write(plain, docs, replaceLine, starts);
        using var file = new FileStream(path, FileMode.Create);
        using var output = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        plain.Position = 0;
        plain.CopyTo(output);
        return [.. starts];
    }

    private static void Write(MemoryStream file, IEnumerable<DocumentInput> docs, Func<int, string?>? replaceLine, List<long> starts)
    {
        int i = 0;
        foreach (var doc in docs)
        {
            starts.Add(file.Position);
            var fields = new Dictionary<string, string> { ["id"] = doc.Id, ["text"] = doc.Text! };
            if (doc.Date is { } date)
            {
                fields["date"] = date.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            }
            string text = replaceLine?.Invoke(i) ?? JsonSerializer.Serialize(fields);
            file.Write(Encoding.UTF8.GetBytes(text + "\n"));
            i++;
        }
        starts.Add(file.Position);
    }
}

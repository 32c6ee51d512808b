using NearDup.Clustering;
using NearDup.Distributed;

namespace NearDup.Cli.Input;

/// <summary>
/// How a silo started by <c>neardup serve</c> reads a shard of <c>remote add --at-silos</c>: with <see cref="DocumentReader"/>,
/// the loader of <c>neardup cluster</c>, so shards take the same formats and flags. A bad document's error names its file
/// and its line in the file: a range's lines are numbered from its start, so on an error the lines before the range
/// are counted and the range read again to that error (errors are rare; counting them up front would read every
/// file's prefix at every silo). A stripe of a compressed file's lines is read from the file's start, so its lines
/// are numbered in the file as they are read.
/// </summary>
internal sealed class DocumentShardReader : IShardReader
{
    public IEnumerable<DocumentInput> Read(IngestShard shard, string settings, Action<long> skipped)
    {
        var options = ShardReaderSettings.Read(settings);
        return Read(shard, options, skipped);
    }

    private static IEnumerable<DocumentInput> Read(IngestShard shard, InputOptions options, Action<long> skipped)
    {
        var reader = new DocumentReader(shard.Path, options) { LineStripe = shard.IsStripe ? shard : null };
        using var documents = Documents(reader, shard).GetEnumerator();
        while (true)
        {
            try
            {
                if (!documents.MoveNext())
                {
                    break;
                }
            }
            catch (InputException e)
            {
                throw new InvalidDataException(shard.IsRange && shard.Start > 0 ? InFileLines(shard, options, e.Message) : e.Message, e);
            }
            yield return documents.Current;
        }
        skipped(reader.Skipped);
    }

    private static IEnumerable<DocumentInput> Documents(DocumentReader reader, IngestShard shard) =>
        shard.IsRange ? reader.ReadRange(shard.Start, shard.End)
        : shard.Files is { } files ? reader.ReadFiles(files, shard.TextIds ?? new string?[files.Length])
        : reader.Read();

    /// <summary>The error the range stops at, with its lines numbered in the whole file.</summary>
    private static string InFileLines(IngestShard shard, InputOptions options, string inRange)
    {
        var reader = new DocumentReader(shard.Path, options with { MaxDegreeOfParallelism = 1 }) { LineOffset = LinesBefore(shard.Path, shard.Start) };
        try
        {
            foreach (var _ in reader.ReadRange(shard.Start, shard.End))
            {
            }
        }
        catch (InputException e)
        {
            return e.Message;
        }
        return inRange;
    }

    private static long LinesBefore(string path, long end)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long lines = 0;
        for (long left = end; left > 0;)
        {
            int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                break;
            }
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            left -= read;
        }
        return lines;
    }
}

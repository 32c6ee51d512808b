using NearDup.Distributed;

namespace NearDup.Cli.Input;

/// <summary>
/// The shards of <c>remote add --at-silos</c>: a shard per input, and a plain (uncompressed) JSONL file larger than the
/// shard size cut into byte ranges at line boundaries, found by reading a little past each cut, not the file. A folder
/// is one shard (its text files take their ids from their paths under it); a compressed file one shard (it cannot be
/// entered in the middle).
/// </summary>
internal static class ShardPlan
{
    public static List<IngestShard> Of(IReadOnlyList<string> inputs, long shardBytes)
    {
        var shards = new List<IngestShard>();
        foreach (string input in inputs)
        {
            if (input == "-")
            {
                throw new InputException("-: --at-silos reads its inputs at the silos, by path; stdin cannot be read there. Give files on storage every silo sees.");
            }
            DocumentReader.CheckExists(input);
            if (Directory.Exists(input) || !IsPlainJsonLines(input) || new FileInfo(input).Length <= shardBytes)
            {
                shards.Add(new IngestShard(Path.GetFullPath(input)));
                continue;
            }
            shards.AddRange(Ranges(Path.GetFullPath(input), shardBytes));
        }
        return shards;
    }

    private static bool IsPlainJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    /// <summary>Cuts after the first line end at or past each multiple of <paramref name="shardBytes"/>.</summary>
    private static IEnumerable<IngestShard> Ranges(string path, long shardBytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12);
        long length = file.Length;
        long start = 0;
        while (start < length)
        {
            long end = start + shardBytes >= length ? length : LineEndFrom(file, start + shardBytes);
            yield return new IngestShard(path, start, end);
            start = end;
        }
    }

    /// <summary>The byte after the first '\n' at or after <paramref name="position"/>, or the file's length.</summary>
    private static long LineEndFrom(FileStream file, long position)
    {
        var buffer = new byte[1 << 16];
        file.Position = position;
        while (true)
        {
            int read = file.Read(buffer);
            if (read == 0)
            {
                return file.Length;
            }
            int newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return position + newline + 1;
            }
            position += read;
        }
    }
}

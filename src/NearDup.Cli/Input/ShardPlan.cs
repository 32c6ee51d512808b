using NearDup.Distributed;

namespace NearDup.Cli.Input;

/// <summary>
/// The shards of <c>remote add --at-silos</c>: a shard per input file, a plain (uncompressed) JSONL file larger than the
/// shard size cut into byte ranges at line boundaries, found by reading a little past each cut, not the file; a folder's
/// files grouped in listing order into shards of about the shard size (its text files with the ids a whole folder's
/// read gives them, computed here over the whole listing; its large plain JSONL files cut as above). A compressed file
/// (.gz, .zst, .lz4) is never cut: its stream decodes only from its start, so a silo cannot seek to a cut.
/// </summary>
internal static class ShardPlan
{
    public static List<IngestShard> Of(IReadOnlyList<string> inputs, long shardBytes, InputOptions? options = null)
    {
        options ??= new InputOptions();
        var shards = new List<IngestShard>();
        foreach (string input in inputs)
        {
            if (input == "-")
            {
                throw new InputException("-: --at-silos reads its inputs at the silos, by path; stdin cannot be read there. Give files on storage every silo sees.");
            }
            DocumentReader.CheckExists(input);
            if (Directory.Exists(input))
            {
                shards.AddRange(OfFolder(Path.GetFullPath(input), shardBytes, options));
            }
            else if (!IsPlainJsonLines(input) || new FileInfo(input).Length <= shardBytes)
            {
                shards.Add(new IngestShard(Path.GetFullPath(input)));
            }
            else
            {
                shards.AddRange(Ranges(Path.GetFullPath(input), shardBytes));
            }
        }
        return shards;
    }

    /// <summary>
    /// A folder's files as the folder is read (text files, then data files, each in ordinal order), grouped until a
    /// group holds <paramref name="shardBytes"/> or more; a plain JSONL file larger than that becomes ranges of its own.
    /// </summary>
    private static List<IngestShard> OfFolder(string root, long shardBytes, InputOptions options)
    {
        var listing = FolderListing.List(root, options.Include, options.Exclude);
        foreach (string warning in listing.Warnings)
        {
            Console.Error.WriteLine("warning: " + warning);
        }
        var texts = listing.Files.Where(f => !FolderFiles.IsData(f.Relative)).ToList();
        string[] ids = FolderFiles.TextIds([.. texts.Select(f => f.Relative)]);
        var files = texts.Select((f, i) => (f.Path, f.Relative, Id: (string?)ids[i]))
            .Concat(listing.Files.Where(f => FolderFiles.IsData(f.Relative)).Select(f => (f.Path, f.Relative, Id: (string?)null)));
        var shards = new List<IngestShard>();
        var group = new List<(string Relative, string? Id)>();
        long bytes = 0;
        foreach (var (path, relative, id) in files)
        {
            long length = new FileInfo(path).Length;
            if (id is null && IsPlainJsonLines(relative) && length > shardBytes)
            {
                shards.AddRange(Ranges(path, shardBytes));
                continue;
            }
            group.Add((relative, id));
            bytes += length;
            if (bytes >= shardBytes)
            {
                shards.Add(FilesOf(root, group));
                group.Clear();
                bytes = 0;
            }
        }
        if (group.Count > 0)
        {
            shards.Add(FilesOf(root, group));
        }
        return shards;
    }

    private static IngestShard FilesOf(string root, List<(string Relative, string? Id)> group) =>
        new(root, Files: [.. group.Select(f => f.Relative)], TextIds: [.. group.Select(f => f.Id)]);

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

using NearDup.Distributed;

namespace NearDup.Cli.Input;

/// <summary>
/// The shards of <c>remote add --at-silos</c>: a shard per input file, a plain (uncompressed) JSONL file larger than the
/// shard size cut into byte ranges at line boundaries, found by reading a little past each cut, not the file; a folder's
/// files grouped in listing order into shards of about the shard size (its text files with the ids a whole folder's
/// read gives them, computed here over the whole listing; its large JSONL files cut as the others). A compressed file
/// (.gz, .zst, .lz4) cannot be cut by bytes, since its stream decodes only from its start: a compressed JSONL file of
/// more than a quarter of the shard size (JSONL text compresses 3 to 5 times, so about a shard or more decompressed)
/// is dealt out by lines into one stripe per silo instead (<see cref="IngestShard.Striped"/>), each silo decompressing
/// the file and adding its own stripe's lines; any other compressed file is one shard.
/// </summary>
internal static class ShardPlan
{
    /// <summary>The shards of <paramref name="inputs"/>; a large compressed JSONL file goes into <paramref name="stripes"/> stripes (the silos).</summary>
    public static List<IngestShard> Of(IReadOnlyList<string> inputs, long shardBytes, InputOptions? options = null, int stripes = 1)
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
            string path = Path.GetFullPath(input);
            if (Directory.Exists(input))
            {
                shards.AddRange(OfFolder(path, shardBytes, stripes, options));
            }
            else
            {
                shards.AddRange(Cut(path, path, new FileInfo(path).Length, shardBytes, stripes) ?? [new IngestShard(path)]);
            }
        }
        return shards;
    }

    /// <summary>
    /// A JSONL file <paramref name="name"/> (at <paramref name="path"/>) too large for one shard cut into byte ranges,
    /// or into stripes when compressed; null when it is one shard.
    /// </summary>
    private static IEnumerable<IngestShard>? Cut(string path, string name, long length, long shardBytes, int stripes)
    {
        string inner = DocumentReader.WithoutCompression(name);
        if (!IsJsonLinesName(inner))
        {
            return null;
        }
        if (inner.Length == name.Length)
        {
            return length > shardBytes ? Ranges(path, shardBytes) : null;
        }
        return stripes > 1 && length > shardBytes / 4 ? IngestShard.Striped(path, stripes) : null;
    }

    /// <summary>
    /// A folder's files as the folder is read (text files, then data files, each in ordinal order), grouped until a
    /// group holds <paramref name="shardBytes"/> or more; a JSONL file too large for a shard is cut on its own (<see cref="Cut"/>).
    /// </summary>
    private static List<IngestShard> OfFolder(string root, long shardBytes, int stripes, InputOptions options)
    {
        var listing = FolderListing.List(root, options.Include, options.Exclude);
        listing.Warn(options.Quiet);
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
            if (id is null && Cut(path, relative, length, shardBytes, stripes) is { } cut)
            {
                shards.AddRange(cut);
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

    private static bool IsJsonLinesName(string path) =>
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

using NearDup.Cli.Input;

namespace NearDup.Cli.Dedup;

/// <summary>The second pass's view of INPUT: its bytes, decompressed when its signature says gzip, zstd or LZ4, as the first pass read it.</summary>
internal static class InputBytes
{
    private static readonly byte[] s_gzip = [0x1f, 0x8b];
    private static readonly byte[] s_zstd = [0x28, 0xb5, 0x2f, 0xfd];
    private static readonly byte[] s_lz4 = [0x04, 0x22, 0x4d, 0x18];

    public static Stream Open(string path)
    {
        FileStream opened;
        try
        {
            opened = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read on the second pass ({e.Message}).");
        }
        // The first pass read a large file past the page cache, which then does not hold it for this one either.
        var file = NearDup.Internal.DirectFileStream.InPlaceOf(opened);
        Span<byte> magic = stackalloc byte[4];
        int read = file.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        file.Position = 0;
        var head = magic[..read];
        Stream bytes = head.StartsWith(s_gzip) ? new GzipReader(file)
            : head.StartsWith(s_zstd) ? new ZstdReader(file)
            : head.StartsWith(s_lz4) ? new Lz4Reader(file)
            : file;
        return bytes;
    }

    /// <summary><see cref="Open"/> without a UTF-8 byte order mark at the start, which the first pass skipped too.</summary>
    public static Stream OpenText(string path)
    {
        var bytes = Open(path);
        try
        {
            var (prefix, length) = PrefixedStream.ReadPrefix(bytes);
            int bom = prefix.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
            return new PrefixedStream(prefix, length, bom, bytes);
        }
        catch (InvalidDataException e)
        {
            bytes.Dispose();
            throw new InputException($"{path}: {e.Message}");
        }
    }
}

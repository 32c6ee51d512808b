namespace NearDup.Cli.Input;

/// <summary>
/// Tells what an input is from its first bytes, never from its name alone: a file called .json may hold JSONL, a JSON
/// array or CSV, and a .txt file may be JSONL. Byte order marks and magic numbers name encodings, gzip, zstd and LZ4
/// frames, Parquet ("PAR1") and other binary formats; the first character tells JSON lines ('{') from a JSON array
/// ('['); a first line of column names is CSV, or TSV when it holds a tab; anything else is text.
/// </summary>
internal static class FormatSniffer
{
    /// <summary>Bytes an input is sniffed on: enough for a first line of ordinary JSONL.</summary>
    public const int PrefixBytes = 1 << 16;

    private static readonly string[] s_columnNames = ["id", "text", "body", "content", "title", "url", "date"];

    public static Sniffed Sniff(ReadOnlySpan<byte> prefix, bool csvByName)
    {
        if (Encoding(prefix) is { } encoding)
        {
            return encoding;
        }
        if (Magic(prefix) is { } magic)
        {
            return magic;
        }
        int bom = prefix.StartsWith("\uFEFF"u8) ? 3 : 0;
        var text = prefix[bom..].TrimStart(" \t\r\n"u8);
        if (text.IsEmpty)
        {
            return new Sniffed(ContentKind.Empty, "nothing but white space", BomLength: bom);
        }
        return text[0] switch
        {
            (byte)'{' => new Sniffed(ContentKind.JsonLines, "JSONL (a JSON object per line)", BomLength: bom),
            (byte)'[' => new Sniffed(ContentKind.JsonArray, "a JSON array", BomLength: bom),
            _ when IsCsvHeader(FirstLine(text), csvByName) => new Sniffed(ContentKind.Csv,
                $"{(FirstLine(text).Contains((byte)'\t') ? "TSV" : "CSV")} (header {Encoding8(FirstLine(text))})", "pass --input-format csv or tsv to read it", bom),
            _ => new Sniffed(ContentKind.Text, "text", BomLength: bom),
        };
    }

    /// <summary>A UTF-16 or UTF-32 byte order mark, or UTF-16 without one (every other byte NUL), else null.</summary>
    public static Sniffed? Encoding(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || prefix.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return new Sniffed(ContentKind.Utf32, "UTF-32 with BOM", "convert with iconv -f UTF-32 -t UTF-8");
        }
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new Sniffed(ContentKind.Utf16, "UTF-16 with BOM", "convert with iconv -f UTF-16 -t UTF-8");
        }
        if (LooksUtf16(prefix, out string order))
        {
            return new Sniffed(ContentKind.Utf16, $"UTF-16 ({order}) without BOM", $"convert with iconv -f UTF-16{order} -t UTF-8");
        }
        return null;
    }

    private static Sniffed? Magic(ReadOnlySpan<byte> prefix)
    {
        Sniffed? known = prefix switch
        {
            [0x1F, 0x8B, ..] => new Sniffed(ContentKind.Gzip, "gzip-compressed data"),
            [0x28, 0xB5, 0x2F, 0xFD, ..] => new Sniffed(ContentKind.Zstd, "zstd-compressed data"),
            [0x04, 0x22, 0x4D, 0x18, ..] => new Sniffed(ContentKind.Lz4, "LZ4-compressed data (frame format)"),
            [(byte)'P', (byte)'A', (byte)'R', (byte)'1', ..] => new Sniffed(ContentKind.Parquet, "Parquet"),
            _ => null,
        };
        if (known is not null)
        {
            return known;
        }
        (string Name, string Hint)? other = prefix switch
        {
            [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, ..] => ("xz-compressed data", "decompress it first: xz -d"),
            [(byte)'B', (byte)'Z', (byte)'h', ..] => ("bzip2-compressed data", "decompress it first: bzip2 -d"),
            [0x02, 0x21, 0x4C, 0x18, ..] => ("LZ4-compressed data in the legacy format", "recompress it in the frame format: lz4 -d, then lz4"),
            [(byte)'P', (byte)'K', 3, 4, ..] => ("a zip archive", "extract it first: unzip"),
            _ => null,
        };
        if (other is { } found)
        {
            return new Sniffed(ContentKind.OtherCompressed, found.Name, found.Hint);
        }
        return prefix[..Math.Min(prefix.Length, 8192)].Contains((byte)0)
            ? new Sniffed(ContentKind.Binary, "binary data (it holds NUL bytes)", "give text, JSONL (plain, .gz, .zst or .lz4), a JSON array, CSV, TSV or Parquet")
            : null;
    }

    /// <summary>ASCII-range UTF-16 has a NUL in most odd (little-endian) or most even (big-endian) bytes and almost none in the others.</summary>
    private static bool LooksUtf16(ReadOnlySpan<byte> prefix, out string order)
    {
        var sample = prefix[..(Math.Min(prefix.Length, 512) & ~1)];
        int evenNuls = 0, oddNuls = 0;
        for (int i = 0; i < sample.Length; i += 2)
        {
            evenNuls += sample[i] == 0 ? 1 : 0;
            oddNuls += sample[i + 1] == 0 ? 1 : 0;
        }
        int pairs = sample.Length / 2;
        order = oddNuls > evenNuls ? "LE" : "BE";
        return pairs >= 2 && Math.Max(evenNuls, oddNuls) * 10 >= pairs * 7 && Math.Min(evenNuls, oddNuls) * 10 <= pairs;
    }

    private static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> text)
    {
        int newline = text.IndexOf((byte)'\n');
        return (newline >= 0 ? text[..newline] : text).TrimEnd((byte)'\r');
    }

    /// <summary>
    /// A first line of two or more short column names split by commas or tabs. A text's first line can look like that
    /// ("Hello, world"), so it counts only when the file is named .csv or .tsv, or a column has a name a corpus uses.
    /// </summary>
    private static bool IsCsvHeader(ReadOnlySpan<byte> line, bool csvByName)
    {
        byte separator = line.Contains((byte)'\t') ? (byte)'\t' : (byte)',';
        string[] columns = Encoding8(line).Split((char)separator);
        if (columns.Length < 2 || !columns.All(IsColumnName))
        {
            return false;
        }
        return csvByName || columns.Any(c => s_columnNames.Contains(c.Trim().Trim('"').ToLowerInvariant()));
    }

    private static bool IsColumnName(string column)
    {
        string name = column.Trim().Trim('"');
        return name.Length is > 0 and <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ' ');
    }

    private static string Encoding8(ReadOnlySpan<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 200)]);
}

using NearDup.Clustering;

namespace NearDup.Cli.Input;

/// <summary>
/// Reading a file or stdin as what its content shows (<see cref="FormatSniffer"/>), under gzip, zstd or LZ4 or not: JSONL,
/// a JSON array, CSV or TSV, Parquet (from a file), or one text document. A content that does not match the name, or
/// cannot be read at all (binary data, UTF-16), stops the read whatever <see cref="InputOptions.SkipInvalid"/> says: it is
/// not one bad document.
/// </summary>
internal sealed partial class DocumentReader
{
    /// <summary>What an input's name leads one to expect.</summary>
    private enum NamedAs
    {
        JsonLines,
        Json,
        Csv,
        Text,
    }

    private IEnumerable<DocumentInput> ReadStream(Stream raw, string name, NamedAs named)
    {
        long before = BytesRead;
        Stream stream = new CountingStream(raw, n => AddBytesRead(n));
        try
        {
            // Open first: it replaces the stream by one that gives back the bytes it sniffed.
            var format = Open(ref stream, name, named);
            return ReadFormat(stream, name, format, before);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <see cref="ReadStream"/> as batches for <see cref="DuplicateDetector.AddBatches"/>: JSONL as raw lines
    /// (<see cref="LineBatchReader"/>), parsed by the sketching threads; any other format as its documents.
    /// </summary>
    private IEnumerable<DocumentBatch> ReadStreamBatches(Stream raw, string name, NamedAs named)
    {
        long before = BytesRead;
        Stream stream = new CountingStream(raw, n => AddBytesRead(n));
        try
        {
            var format = Open(ref stream, name, named);
            return format == InputFormat.Jsonl ? new LineBatchReader(this, stream, name) { BufferSize = LineBufferSize }.ReadAll()
                : InputBatch.Chunk(RequireSome(ReadFormat(stream, name, format, before)));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Sniffs <paramref name="stream"/> (decompressing it if need be) and decides the format it is read as.</summary>
    private InputFormat Open(ref Stream stream, string name, NamedAs named)
    {
        var sniffed = Sniff(ref stream, name, named == NamedAs.Csv);
        var format = Decide(sniffed, name, named);
        ReadAs = format;
        return format;
    }

    private IEnumerable<DocumentInput> ReadFormat(Stream stream, string name, InputFormat format, long before)
    {
        if (format == InputFormat.Parquet)
        {
            // Parquet keeps its index at the end of the file: it is opened again by path, to seek in, and counted by row group.
            stream.Dispose();
            AddBytesRead(before - BytesRead);
            return name == "<stdin>" ? throw new InputException("<stdin>: Parquet, which is read from a file (its index is at the end): give its path instead of -.")
                : ReadParquet(name);
        }
        if (format != InputFormat.Jsonl && LineStripe is { Stripe: > 0 })
        {
            stream.Dispose();
            return [];
        }
        return format switch
        {
            InputFormat.Txt => ReadWholeDocument(stream, name),
            InputFormat.JsonArray => ReadJsonArray(stream, name),
            InputFormat.Csv => ReadCsv(stream, name, ','),
            InputFormat.Tsv => ReadCsv(stream, name, '\t'),
            _ => ReadJsonLines(stream, name),
        };
    }

    private static NamedAs Named(string path)
    {
        return Path.GetExtension(WithoutCompression(path)).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => NamedAs.JsonLines,
            ".json" => NamedAs.Json,
            ".csv" or ".tsv" => NamedAs.Csv,
            _ => NamedAs.Text,
        };
    }

    /// <summary>The name without a .gz, .zst or .lz4 suffix: what the name says of the content inside.</summary>
    internal static string WithoutCompression(string path)
    {
        foreach (string suffix in (ReadOnlySpan<string>)[".gz", ".zst", ".zstd", ".lz4"])
        {
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return path[..^suffix.Length];
            }
        }
        return path;
    }

    /// <summary>Sniffs the stream, and under gzip, zstd or LZ4 the decompressed bytes; leaves <paramref name="stream"/> at the first byte to read.</summary>
    private static Sniffed Sniff(ref Stream stream, string name, bool csvByName)
    {
        var outer = SniffPrefix(ref stream, csvByName);
        stream = outer.Kind switch
        {
            ContentKind.Gzip => new GzipReader(stream),
            ContentKind.Zstd => new ZstdReader(stream),
            ContentKind.Lz4 => new Lz4Reader(stream),
            _ => stream,
        };
        if (outer.Kind is not (ContentKind.Gzip or ContentKind.Zstd or ContentKind.Lz4))
        {
            return outer;
        }
        try
        {
            var inner = SniffPrefix(ref stream, csvByName);
            return inner.Kind is ContentKind.Gzip or ContentKind.Zstd or ContentKind.Lz4 or ContentKind.Parquet
                ? inner with { Kind = ContentKind.OtherCompressed, Description = $"{inner.Description} inside {outer.Description}", Hint = "decompress the outer layer first" }
                : inner;
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"{name}: {e.Message}");
        }
    }

    private static Sniffed SniffPrefix(ref Stream stream, bool csvByName)
    {
        var (prefix, length) = PrefixedStream.ReadPrefix(stream);
        var sniffed = FormatSniffer.Sniff(prefix.AsSpan(0, length), csvByName);
        stream = new PrefixedStream(prefix, length, sniffed.BomLength, stream);
        return sniffed;
    }

    /// <summary>How to read the input, by the content, the name and <see cref="InputOptions.Format"/>; else the reason it cannot be read.</summary>
    private InputFormat Decide(Sniffed sniffed, string name, NamedAs named)
    {
        if (sniffed.Kind is ContentKind.Utf16 or ContentKind.Utf32 or ContentKind.Binary or ContentKind.OtherCompressed)
        {
            throw Refuse(name, sniffed, "text or JSONL");
        }
        if (_options.Format != InputFormat.Auto)
        {
            return Declared(sniffed, name);
        }
        return (named, sniffed.Kind) switch
        {
            (_, ContentKind.Parquet) => InputFormat.Parquet,
            (NamedAs.Json, ContentKind.JsonArray) => InputFormat.JsonArray,
            (_, ContentKind.JsonArray) => throw Refuse(name, sniffed with { Hint = "pass --input-format json to read it" }, named == NamedAs.Text ? "a text document, as its name says" : "JSONL"),
            (NamedAs.Csv, ContentKind.Csv) => sniffed.Description.StartsWith("TSV", StringComparison.Ordinal) ? InputFormat.Tsv : InputFormat.Csv,
            (_, ContentKind.Csv) => throw Refuse(name, sniffed, named == NamedAs.Text ? "a text document, as its name says" : "JSONL"),
            (NamedAs.Csv, _) => throw Refuse(name, sniffed with { Description = $"a .csv name and {sniffed.Description}", Hint = "a CSV or TSV file starts with a header of column names; pass --input-format csv or tsv to read it anyway, or txt to read it as one text document" }, "CSV"),
            (NamedAs.Text, ContentKind.JsonLines) => throw Refuse(name, sniffed with { Hint = "pass --input-format jsonl to read it as JSONL, or --input-format txt to read it as one text document" }, "a text document, as its name says"),
            (NamedAs.Text, _) => InputFormat.Txt,
            _ => InputFormat.Jsonl,
        };
    }

    /// <summary>The format <c>--input-format</c> gives, unless the content is plainly something else.</summary>
    private InputFormat Declared(Sniffed sniffed, string name)
    {
        var format = _options.Format;
        return format switch
        {
            InputFormat.Txt => InputFormat.Txt,
            InputFormat.Jsonl when sniffed.Kind is ContentKind.JsonArray or ContentKind.Csv or ContentKind.Parquet => throw Refuse(name, sniffed, "JSONL (--input-format jsonl)"),
            InputFormat.JsonArray when sniffed.Kind != ContentKind.JsonArray => throw Refuse(name, sniffed, "a JSON array (--input-format json)"),
            InputFormat.Csv or InputFormat.Tsv when sniffed.Kind is ContentKind.JsonLines or ContentKind.JsonArray or ContentKind.Parquet or ContentKind.Empty
                => throw Refuse(name, sniffed, $"{format.ToString().ToUpperInvariant()} (--input-format {FormatName(format)})"),
            InputFormat.Parquet when sniffed.Kind != ContentKind.Parquet => throw Refuse(name, sniffed, "Parquet (--input-format parquet): a Parquet file starts with PAR1"),
            _ => format,
        };
    }

    private static string FormatName(InputFormat format) => format == InputFormat.JsonArray ? "json" : format.ToString().ToLowerInvariant();

    private static InputException Refuse(string name, Sniffed sniffed, string expected) =>
        new($"{name}: {sniffed.Description}, not {expected}" + (sniffed.Hint.Length > 0 ? $": {sniffed.Hint}." : "."));

    /// <summary>The whole input as one document, its id the file name without extension.</summary>
    private IEnumerable<DocumentInput> ReadWholeDocument(Stream stream, string name)
    {
        var text = new MemoryStream();
        using (stream)
        {
            byte[] chunk = new byte[1 << 16];
            int read;
            try
            {
                while ((read = stream.Read(chunk)) > 0 && text.Length <= _options.MaxDocumentBytes)
                {
                    text.Write(chunk, 0, read);
                }
            }
            catch (InvalidDataException e)
            {
                throw new InputException($"{name}: {e.Message}");
            }
        }
        string id = Path.GetFileNameWithoutExtension(WithoutCompression(name));
        var bytes = text.GetBuffer().AsMemory(0, (int)text.Length);
        var parsed = Check(id, bytes.Span) is { } problem ? new Parsed(name, 0, Problem: problem) : new Parsed(name, 0, new DocumentInput(id, bytes));
        if (Commit(parsed) is { } document)
        {
            yield return document;
        }
    }

    /// <summary>Fails when --skip-invalid skipped every document: a whole unreadable input is an error, not an empty corpus.</summary>
    private IEnumerable<DocumentInput> RequireSome(IEnumerable<DocumentInput> documents)
    {
        bool any = false;
        foreach (var document in documents)
        {
            any = true;
            yield return document;
        }
        if (!any)
        {
            ThrowIfAllSkipped();
        }
    }

    /// <summary>With no document taken: fails when --skip-invalid skipped some, as every document was invalid.</summary>
    internal void ThrowIfAllSkipped()
    {
        if (_ids.Count == 0 && Skipped > 0)
        {
            throw new InputException($"{_input}: all {Skipped:N0} documents were invalid and skipped, nothing is left (the first: {_reasons[0]}).");
        }
    }
}

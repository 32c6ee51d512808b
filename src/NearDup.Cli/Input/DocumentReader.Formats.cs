using NearDup.Clustering;

namespace NearDup.Cli.Input;

/// <summary>
/// Reading a file or stdin as what its content shows (<see cref="FormatSniffer"/>), gzip-compressed or not: JSONL, or
/// a JSON array, or one text document. A content that does not match the name, or cannot be read at all (binary
/// data, UTF-16, CSV), stops the read whatever <see cref="InputOptions.SkipInvalid"/> says: it is not one bad document.
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
        Stream stream = new CountingStream(raw, n => AddBytesRead(n));
        try
        {
            var sniffed = Sniff(ref stream, name, named == NamedAs.Csv);
            return Decide(sniffed, name, named) switch
            {
                InputFormat.Txt => ReadWholeDocument(stream, name),
                InputFormat.JsonArray => ReadJsonArray(stream, name),
                _ => ReadJsonLines(stream, name),
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static NamedAs Named(string path)
    {
        return Path.GetExtension(WithoutGz(path)).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => NamedAs.JsonLines,
            ".json" => NamedAs.Json,
            ".csv" or ".tsv" => NamedAs.Csv,
            _ => NamedAs.Text,
        };
    }

    private static string WithoutGz(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;

    /// <summary>Sniffs the stream, and under gzip the decompressed bytes; leaves <paramref name="stream"/> at the first byte to read.</summary>
    private static Sniffed Sniff(ref Stream stream, string name, bool csvByName)
    {
        var sniffed = SniffPrefix(ref stream, csvByName);
        if (sniffed.Kind != ContentKind.Gzip)
        {
            return sniffed;
        }
        stream = new GzipReader(stream);
        try
        {
            return SniffPrefix(ref stream, csvByName);
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

    /// <summary>JSONL or one text document, by the content, the name and <see cref="InputOptions.Format"/>; else the reason it cannot be read.</summary>
    private InputFormat Decide(Sniffed sniffed, string name, NamedAs named)
    {
        if (sniffed.Kind is ContentKind.Utf16 or ContentKind.Utf32 or ContentKind.Binary or ContentKind.OtherCompressed)
        {
            throw Refuse(name, sniffed, "text or JSONL");
        }
        switch (_options.Format)
        {
            case InputFormat.Txt:
                return InputFormat.Txt;
            case InputFormat.Jsonl:
                return sniffed.Kind is ContentKind.JsonArray or ContentKind.Csv ? throw Refuse(name, sniffed, "JSONL (--input-format jsonl)") : InputFormat.Jsonl;
            case InputFormat.JsonArray:
                return sniffed.Kind == ContentKind.JsonArray ? InputFormat.JsonArray : throw Refuse(name, sniffed, "a JSON array (--input-format json-array)");
        }
        return (named, sniffed.Kind) switch
        {
            (NamedAs.Json, ContentKind.JsonArray) => InputFormat.JsonArray,
            (_, ContentKind.JsonArray) => throw Refuse(name, sniffed with { Hint = "pass --input-format json-array to read it" }, named == NamedAs.Text ? "a text document, as its name says" : "JSONL"),
            (_, ContentKind.Csv) => throw Refuse(name, sniffed, "JSONL or text"),
            (NamedAs.Csv, _) => throw Refuse(name, sniffed with { Description = $"a .csv name and {sniffed.Description}", Hint = "CSV is not read: convert it to JSONL with id and text fields, or pass --input-format txt to read it as one text document" }, "JSONL or text"),
            (NamedAs.Text, ContentKind.JsonLines) => throw Refuse(name, sniffed with { Hint = "pass --input-format jsonl to read it as JSONL, or --input-format txt to read it as one text document" }, "a text document, as its name says"),
            (NamedAs.Text, _) => InputFormat.Txt,
            _ => InputFormat.Jsonl,
        };
    }

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
            while ((read = stream.Read(chunk)) > 0 && text.Length <= _options.MaxDocumentBytes)
            {
                text.Write(chunk, 0, read);
            }
        }
        string id = Path.GetFileNameWithoutExtension(WithoutGz(name));
        var bytes = text.GetBuffer().AsMemory(0, (int)text.Length);
        var parsed = Check(id, bytes) is { } problem ? new Parsed(name, 0, Problem: problem) : new Parsed(name, 0, new DocumentInput(id, bytes));
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
        if (!any && Skipped > 0)
        {
            throw new InputException($"{_input}: all {Skipped:N0} documents were invalid and skipped, nothing is left (the first: {_reasons[0]}).");
        }
    }
}

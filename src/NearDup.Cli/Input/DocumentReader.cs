using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NearDup.Clustering;
using NearDup.Distributed;

namespace NearDup.Cli.Input;

/// <summary>
/// Reads a corpus as a stream of <see cref="DocumentInput"/> with UTF-8 text: a file or standard input (<c>-</c>) in any
/// of the formats of DocumentReader.Formats.cs, or a folder (recursive) of such data files and of text files, one
/// document each (ids: <see cref="FolderFiles"/>).
/// Lines are read with bounded buffers; a bad document stops the read with an <see cref="InputException"/> naming
/// file and line, or with <see cref="InputOptions.SkipInvalid"/> is counted and skipped.
/// </summary>
/// <remarks>
/// Reading a document has two halves. The first (<see cref="ParseLine"/>, <see cref="ReadTextFile"/>) depends on the
/// line or file alone: parsing, UTF-8 and size checks. The second (<see cref="Commit(in Parsed)"/>) runs in input order: the
/// duplicate-id check against earlier documents, then stopping at or skipping a bad one. With
/// <see cref="InputOptions.MaxDegreeOfParallelism"/> 1 both run line by line on the enumerating thread, the reference;
/// otherwise the first half runs on batches in parallel, a batch ahead of the consumer (DocumentReader.Batches.cs), and
/// the second stays in order, so the documents, the error and the skips are the same.
/// </remarks>
internal sealed partial class DocumentReader
{
    private const int MaxReasons = 5;

    /// <summary>
    /// Fields NearDup does not read may nest as deep as a line allows: the reader keeps its depth in a bit stack, not on
    /// the call stack, so a deep "meta" object costs a bit per level, while System.Text.Json's default 64 would refuse it.
    /// </summary>
    internal static readonly JsonReaderOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 1 << 24 };

    /// <summary>
    /// Files a folder is read for when no --include is given: text files (and files with no extension, as
    /// crawls and archives often store them) and data files (<see cref="FolderFiles.DataPatterns"/>), not archives.
    /// </summary>
    public static IReadOnlyList<string> DefaultInclude { get; } = ["*.txt", "*.text", "*.md", .. FolderFiles.DataPatterns];
    private readonly string _input;
    private readonly InputOptions _options;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _reasons = [];
    private long _bytesRead;

    public DocumentReader(string input, InputOptions? options = null)
    {
        _input = input;
        _options = options ?? new InputOptions();
        if (_options.MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxDegreeOfParallelism,
                $"InputOptions.MaxDegreeOfParallelism must be -1 (all cores) or positive; got {_options.MaxDegreeOfParallelism}.");
        }
    }

    /// <summary>Bytes of the buffers a JSONL input is read into by <see cref="ReadBatches()"/> (tests make it small to cross its edges).</summary>
    internal int LineBufferSize { get; init; } = LineBatchReader.BufferBytes;

    /// <summary>Documents skipped as invalid (with <see cref="InputOptions.SkipInvalid"/>).</summary>
    public int Skipped { get; private set; }

    /// <summary>The first few reasons documents were skipped.</summary>
    public IReadOnlyList<string> SkipReasons => _reasons;

    /// <summary>Bytes of input read so far (by the reading thread, which may be a batch ahead of the documents yielded).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>
    /// Called in input order with each document taken (its id, and where it was read: its file, or <c>NAME[i]</c> for a
    /// JSON array's element, and its line from 1, or 0 for a whole file), on whichever thread commits it; lets a second
    /// pass find the record again (dedup copies it through). May throw to stop the read at that document.
    /// </summary>
    public Action<string, string, long>? Taken { get; init; }

    /// <summary>The format the file last opened is read as (for a folder, its last data file's); dedup writes its kept records in it.</summary>
    public InputFormat ReadAs { get; private set; }

    /// <summary>Total bytes of input when known up front (files and folders), else 0.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Whether the input names something that exists (or is stdin).</summary>
    public static void CheckExists(string input)
    {
        if (input != "-" && !File.Exists(input) && !Directory.Exists(input))
        {
            throw new InputException($"{input}: no such file or folder. Give a folder, a file (JSONL, plain or gzip, zstd or LZ4-compressed; a JSON array; CSV; TSV; Parquet; text), or - for stdin.");
        }
    }

    public IEnumerable<DocumentInput> Read() => RequireSome(ReadInput());

    /// <summary>
    /// The input as batches for <see cref="DuplicateDetector.AddBatches"/>, which parses a JSONL file's or stdin's lines
    /// on its sketching threads; a folder, and every other format, as batches of what <see cref="Read"/> yields. The
    /// documents, errors and skips are the same as <see cref="Read"/>'s.
    /// </summary>
    public IEnumerable<DocumentBatch> ReadBatches()
    {
        CheckExists(_input);
        if (_input == "-")
        {
            return ReadStreamBatches(Console.OpenStandardInput(), "<stdin>", NamedAs.JsonLines);
        }
        return Directory.Exists(_input) ? InputBatch.Chunk(Read()) : ReadStreamBatches(OpenInputFile(), _input, Named(_input));
    }

    /// <summary>
    /// The bytes [<paramref name="start"/>, <paramref name="end"/>) of a JSONL file (a shard of <c>remote add --at-silos</c>),
    /// which must begin and end at line boundaries; lines are numbered from <see cref="LineOffset"/> + 1.
    /// </summary>
    public IEnumerable<DocumentInput> ReadRange(long start, long end)
    {
        CheckExists(_input);
        var file = OpenCachedInputFile();
        file.Position = start;
        return RequireSome(ReadStream(new RangeStream(file, end - start), _input, NamedAs.JsonLines));
    }

    /// <summary>Lines before the first one read (a range's first line is <see cref="LineOffset"/> + 1 of its file).</summary>
    internal long LineOffset { get; init; }

    /// <summary>
    /// A stripe of the file's lines (a shard of <c>remote add --at-silos</c> over a compressed JSONL file) to read alone,
    /// the other lines skipped before they are parsed; null to read them all. A file that is not JSONL is not dealt out
    /// by lines: stripe 0 reads it whole and the others nothing, so the stripes still add it once.
    /// </summary>
    internal IngestShard? LineStripe { get; init; }

    /// <summary>Whether line <paramref name="line"/> (from 1) is this reader's: not one of another stripe's.</summary>
    private bool ReadsLine(long line) => LineStripe is not { } stripe || stripe.Reads(line);

    private IEnumerable<DocumentInput> ReadInput()
    {
        CheckExists(_input);
        if (_input == "-")
        {
            return ReadStream(Console.OpenStandardInput(), "<stdin>", NamedAs.JsonLines);
        }
        if (Directory.Exists(_input))
        {
            return _options.Format is not (InputFormat.Auto or InputFormat.Txt)
                ? throw new InputException($"{_input}: a folder is read file by file, each by its own content; --input-format {FormatName(_options.Format)} is for a file or -.")
                : ReadFolder(_input);
        }
        return ReadStream(OpenInputFile(), _input, Named(_input));
    }

    /// <summary>Opens the input file to be read from start to end, whose size is then <see cref="TotalBytes"/>: a large one past the page cache where that pays (<see cref="Internal.DirectFileStream"/>).</summary>
    private Stream OpenInputFile() => Internal.DirectFileStream.InPlaceOf(OpenCachedInputFile());

    /// <summary>Opens the input file through the page cache, whose size is then <see cref="TotalBytes"/>.</summary>
    private FileStream OpenCachedInputFile()
    {
        TotalBytes = new FileInfo(_input).Length;
        try
        {
            return new FileStream(_input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{_input}: cannot be read ({e.Message}).");
        }
    }

    private bool Sequential => _options.MaxDegreeOfParallelism == 1;

    private void AddBytesRead(long count) => Interlocked.Add(ref _bytesRead, count);

    private IEnumerable<DocumentInput> ReadJsonLines(Stream stream, string name)
    {
        using (stream)
        {
            var lines = new JsonLines(this, stream, name);
            if (!Sequential)
            {
                foreach (var document in ReadBatches(lines.ReadBatch))
                {
                    yield return document;
                }
                yield break;
            }
            while (lines.TryReadLine(out var line, out bool tooLong))
            {
                var parsed = tooLong ? TooLong(name, lines.LineNumber) : ParseLine(line.Span, name, lines.LineNumber);
                if (Commit(parsed) is { } document)
                {
                    yield return document;
                }
            }
        }
    }

    private Parsed TooLong(string name, long lineNumber) => new(name, lineNumber, Problem: TooLongProblem);

    /// <summary>What a line longer than <see cref="MaxLineBytes"/> is reported as.</summary>
    internal string TooLongProblem => $"line is longer than the {_options.MaxDocumentBytes >> 20} MiB document limit";

    /// <summary>Lines this long or longer are skipped unread (<see cref="TooLongProblem"/>): room for the longest document's JSON around it.</summary>
    internal long MaxLineBytes => _options.MaxDocumentBytes + 4096;

    /// <summary>Parses one JSON line; depends on nothing but the line, so lines may be parsed on any thread.</summary>
    private Parsed ParseLine(ReadOnlySpan<byte> line, string name, long lineNumber)
    {
        if (IsBlank(line))
        {
            return new Parsed(name, lineNumber);
        }
        byte[] room = ArrayPool<byte>.Shared.Rent(FlatJsonLine.RoomFor(line.Length));
        try
        {
            string? problem = ParseFields(line, room, out string? id, out var text, out byte[]? own, out DateTimeOffset? date);
            return problem is not null ? new Parsed(name, lineNumber, Problem: problem)
                : new Parsed(name, lineNumber, new DocumentInput(id!, own ?? text.ToArray(), date));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(room);
        }
    }

    /// <summary>
    /// Reads the id, text and date of a line that is not blank, and checks them; returns the problem, or null. The
    /// text is unescaped into <paramref name="room"/> (<see cref="FlatJsonLine.RoomFor"/> bytes) or, when the reference
    /// reads the line, into an array of its own (<paramref name="own"/>); <paramref name="text"/> is either.
    /// </summary>
    internal string? ParseFields(ReadOnlySpan<byte> line, byte[] room, out string? id, out ReadOnlySpan<byte> text, out byte[]? own, out DateTimeOffset? date)
    {
        own = null;
        bool flat = TryReadFlat(line, room, out id, out int textLength, out date);
        string? problem = flat ? null : ReadJson(line, out id, out own, out date);
        text = flat ? room.AsSpan(0, textLength) : own;
        if (problem is null && id is null)
        {
            problem = $"missing field \"{_options.IdField}\" (set another with --id-field)";
        }
        if (problem is null && !flat && own is null)
        {
            problem = $"missing field \"{_options.TextField}\" (set another with --text-field)";
        }
        if (problem is null && string.IsNullOrWhiteSpace(id))
        {
            problem = $"field \"{_options.IdField}\" is empty";
        }
        // FlatJsonLine reads only a line that is valid UTF-8, cuts it only at ASCII bytes and gives up on an escape
        // that is no scalar value (a surrogate), so the text it unescaped is valid UTF-8: checked once, not twice.
        return problem ?? Check(id!, text, checkUtf8: !flat);
    }

    /// <summary>
    /// The usual line (a flat object, field names without dots) read by <see cref="FlatJsonLine"/>, which gives up on
    /// anything unusual or wrong; then <see cref="ReadJson"/>, the reference, reads the line and words its problems.
    /// </summary>
    internal bool TryReadFlat(ReadOnlySpan<byte> line, out string? id, out byte[]? text, out DateTimeOffset? date)
    {
        date = null;
        if (Paths.FlatNames is not { } names || !FlatJsonLine.TryRead(line, names, out id, out text, out string? dateText))
        {
            (id, text) = (null, null);
            return false;
        }
        return dateText is null || (date = ParseDate(dateText)) is not null;
    }

    /// <summary><see cref="TryReadFlat(ReadOnlySpan{byte}, out string, out byte[], out Nullable{DateTimeOffset})"/> with the text unescaped into <paramref name="room"/>.</summary>
    private bool TryReadFlat(ReadOnlySpan<byte> line, byte[] room, out string? id, out int textLength, out DateTimeOffset? date)
    {
        date = null;
        if (Paths.FlatNames is not { } names || !FlatJsonLine.TryRead(line, names, room, out id, out textLength, out string? dateText))
        {
            (id, textLength) = (null, 0);
            return false;
        }
        return dateText is null || (date = ParseDate(dateText)) is not null;
    }

    /// <summary>Reads a line with <see cref="Utf8JsonReader"/>: the id, text and date found, and the first problem, or null.</summary>
    internal string? ReadJson(ReadOnlySpan<byte> line, out string? id, out byte[]? text, out DateTimeOffset? date)
    {
        (id, text, date) = (null, null, null);
        string? problem = null;
        try
        {
            var reader = new Utf8JsonReader(line, JsonOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "not a JSON object";
            }
            else
            {
                var fields = new FieldValues();
                problem = ReadFields(ref reader, 0, FieldPaths.All, ref fields);
                (id, text, date) = (fields.Id, fields.Text, fields.Date);
                if (problem is null && !EndsAfterObject(ref reader))
                {
                    problem = "more after the JSON object's closing } (one object per line)";
                }
            }
        }
        catch (JsonException e)
        {
            problem = $"malformed JSON ({TrimJsonMessage(e.Message)})";
        }
        catch (InvalidOperationException)
        {
            // GetString/CopyString on a string holding invalid UTF-8 (found by DocumentReaderFuzzTests).
            problem = "not valid UTF-8";
        }
        return problem;
    }

    /// <summary>Whether only white space follows the object: the reader throws on anything else after one value.</summary>
    private static bool EndsAfterObject(ref Utf8JsonReader reader)
    {
        try
        {
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[] UnescapeUtf8(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return reader.ValueSpan.ToArray();
        }
        int max = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, max));
        try
        {
            int written = reader.CopyString(rented);
            return rented.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private IEnumerable<DocumentInput> ReadFolder(string root)
    {
        var listing = FolderListing.List(root, _options.Include, _options.Exclude);
        listing.Warn(_options.Quiet);
        // Data files are read whole after the text files; the text files get their ids, then are read in batches.
        var files = listing.Files.Where(f => !FolderFiles.IsData(f.Relative)).ToList();
        var data = listing.Files.Where(f => FolderFiles.IsData(f.Relative)).Select(f => f.Path).ToList();
        string[] ids = FolderFiles.TextIds([.. files.Select(f => f.Relative)]);
        foreach (var document in ReadListed([.. files.Select((f, i) => (f.Path, ids[i]))], data))
        {
            yield return document;
        }
    }

    /// <summary>
    /// Some files of the input folder (a folder's shard of <c>remote add --at-silos</c>): <paramref name="relatives"/>
    /// under it, each a text file read as one document with <paramref name="textIds"/>' id, or a data file (null id)
    /// read by its content; text files first, as a whole folder is read.
    /// </summary>
    public IEnumerable<DocumentInput> ReadFiles(IReadOnlyList<string> relatives, IReadOnlyList<string?> textIds)
    {
        CheckExists(_input);
        var texts = new List<(string Path, string Id)>();
        var data = new List<string>();
        for (int i = 0; i < relatives.Count; i++)
        {
            string path = Path.Combine(_input, relatives[i]);
            if (textIds[i] is { } id)
            {
                texts.Add((path, id));
            }
            else
            {
                data.Add(path);
            }
        }
        return RequireSome(ReadListed(texts, data));
    }

    private IEnumerable<DocumentInput> ReadListed(List<(string Path, string Id)> texts, List<string> data)
    {
        var documents = new List<(string Path, string Id, long Length)>(texts.Count);
        foreach (var (path, id) in texts)
        {
            long length = FileLength(path);
            TotalBytes += length;
            documents.Add((path, id, length));
        }
        TotalBytes += data.Sum(FileLength);
        foreach (var document in ReadTextFiles(documents))
        {
            yield return document;
        }
        foreach (string path in data)
        {
            foreach (var document in ReadStream(OpenFile(path), path, Named(path)))
            {
                yield return document;
            }
        }
    }

    private static long FileLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            // Reported when the file is read.
            return 0;
        }
    }

    private IEnumerable<DocumentInput> ReadTextFiles(List<(string Path, string Id, long Length)> documents)
    {
        if (!Sequential)
        {
            foreach (var document in ReadBatches(new TextFiles(this, documents).ReadBatch))
            {
                yield return document;
            }
            yield break;
        }
        foreach (var (path, id, _) in documents)
        {
            if (Commit(ReadTextFile(path, id)) is { } document)
            {
                yield return document;
            }
        }
    }

    /// <summary>Reads and checks one text file; depends on nothing but the file, so files may be read on any thread.</summary>
    private Parsed ReadTextFile(string path, string id)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > _options.MaxDocumentBytes)
            {
                return new Parsed(path, 0, Problem: $"{info.Length >> 20} MiB is over the {_options.MaxDocumentBytes >> 20} MiB document limit");
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Parsed(path, 0, Problem: $"cannot be read ({e.Message})");
        }
        AddBytesRead(bytes.Length);
        if (FormatSniffer.Encoding(bytes) is { } encoding)
        {
            return new Parsed(path, 0, Problem: $"{encoding.Description}, not UTF-8: {encoding.Hint}");
        }
        if (LooksBinary(bytes))
        {
            return new Parsed(path, 0, Problem: "looks binary (it holds NUL bytes), not text; leave it out with --exclude");
        }
        int start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var text = bytes.AsMemory(start);
        string? problem = Check(id, text.Span);
        return problem is null ? new Parsed(path, 0, new DocumentInput(id, text)) : new Parsed(path, 0, Problem: problem);
    }

    /// <summary>Checks a parsed document on its own (the id against earlier ones is <see cref="Commit(in Parsed)"/>'s), its UTF-8 unless the caller knows it valid; returns the problem, or null.</summary>
    private string? Check(string id, ReadOnlySpan<byte> text, bool checkUtf8 = true)
    {
        if (text.Length > _options.MaxDocumentBytes)
        {
            return $"document '{id}' is over the {_options.MaxDocumentBytes >> 20} MiB document limit";
        }
        if (checkUtf8 && !System.Text.Unicode.Utf8.IsValid(text))
        {
            return $"document '{id}' is not valid UTF-8 (convert it first, e.g. iconv -f latin1 -t utf-8)";
        }
        if (IsBlank(text))
        {
            return $"document '{id}' is empty";
        }
        return null;
    }

    /// <summary>
    /// The in-order half of reading a document: rethrows what parsing threw, checks the id against earlier documents,
    /// then stops at a bad document or counts it; returns the document, or null for a blank line or a skip.
    /// </summary>
    private DocumentInput? Commit(in Parsed parsed) =>
        Commit(parsed.Source, parsed.Line, parsed.Document?.Id, parsed.Problem, parsed.Error) ? parsed.Document : null;

    /// <summary>
    /// <see cref="Commit(in Parsed)"/> for a record parsed elsewhere (a <see cref="JsonLineBatch"/>'s line): true when
    /// the document with <paramref name="id"/> is taken, false for a blank line (no id, no problem) or a skip.
    /// </summary>
    internal bool Commit(string source, long line, string? id, string? problem, ExceptionDispatchInfo? error)
    {
        error?.Throw();
        if (problem is null && id is not null)
        {
            if (_ids.Add(id))
            {
                Taken?.Invoke(id, source, line);
                return true;
            }
            problem = $"duplicate id '{id}' (ids must be unique)";
        }
        if (problem is not null)
        {
            Fail(line > 0 ? $"{source}:{line}: {problem}" : $"{source}: {problem}");
        }
        return false;
    }

    /// <summary>Stops the read, or counts the skip; returns true when skipping.</summary>
    private bool Fail(string reason)
    {
        if (!_options.SkipInvalid)
        {
            throw new InputException(reason + ". Fix the input, or pass --skip-invalid to skip bad documents.");
        }
        Skipped++;
        if (_reasons.Count < MaxReasons)
        {
            _reasons.Add(reason);
        }
        return true;
    }

    private static bool LooksBinary(byte[] bytes) => bytes.AsSpan(0, Math.Min(bytes.Length, 8192)).Contains((byte)0);

    internal static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (byte b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }
        return true;
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => type.ToString(),
    };

    private static string TrimJsonMessage(string message)
    {
        int cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
    }

    // Not Microsoft.Extensions.FileSystemGlobbing: its patterns have no ? (a literal there), and --include documents ?.
    /// <summary>A glob over relative paths: <c>**</c> crosses folders, <c>*</c> and <c>?</c> do not.</summary>
    internal static Regex GlobToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool slash = i + 2 < glob.Length && glob[i + 2] == '/';
                pattern.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                pattern.Append("[^/]*");
            }
            else if (c == '?')
            {
                pattern.Append("[^/]");
            }
            else
            {
                pattern.Append(Regex.Escape(c.ToString()));
            }
        }
        // A pattern without a folder part matches the file name anywhere, as .gitignore does.
        string body = pattern.Append('$').ToString();
        if (!glob.Contains('/'))
        {
            body = "(?:^|.*/)" + body[1..];
        }
        return new Regex(body, RegexOptions.CultureInvariant);
    }
}

using System.Runtime.ExceptionServices;
using NearDup.Clustering;

namespace NearDup.Cli.Input;

/// <summary>
/// Whole JSONL lines in one buffer (from <see cref="LineBatchReader"/>), handed to the detector unparsed: each line is
/// parsed by the thread that sketches it, its text unescaped into that thread's scratch, so no document owns a copy of
/// its text; the buffer goes back to the reader's pool once every line is sketched. The in-order half (the id against
/// earlier ones, stopping at or skipping a bad line) is the reader's <see cref="DocumentReader.Commit(string, long, string, string, ExceptionDispatchInfo)"/>,
/// so documents, errors and skips are those of <see cref="DocumentReader.Read"/>.
/// </summary>
internal sealed class JsonLineBatch : DocumentBatch
{
    /// <summary>Scratch kept by a thread between lines; a room a longer line needs is made for that line alone.</summary>
    private const int MaxKeptRoom = 16 << 20;

    [ThreadStatic]
    private static byte[]? t_room;

    private readonly DocumentReader _reader;
    private readonly string _name;
    private readonly Action<byte[]> _return;
    private byte[]? _buffer;
    private int[] _starts = new int[256];
    private int[] _lengths = new int[256];
    private string?[] _ids = [];
    private long[] _ticks = [];
    private string?[] _problems = [];
    private ExceptionDispatchInfo?[] _errors = [];
    private int _count;

    /// <summary>A batch over <paramref name="buffer"/>, whose lines are numbered from <paramref name="firstLine"/>; the buffer goes to <paramref name="giveBack"/> once sketched.</summary>
    public JsonLineBatch(DocumentReader reader, string name, byte[] buffer, long firstLine, Action<byte[]> giveBack)
    {
        _reader = reader;
        _name = name;
        _buffer = buffer;
        FirstLine = firstLine;
        _return = giveBack;
    }

    /// <summary>Number of the batch's first line in its file, from 1.</summary>
    public long FirstLine { get; }

    /// <summary>The buffer the lines are in (the reader fills it; null once given back).</summary>
    public byte[]? Buffer => _buffer;

    /// <summary>Whether the file ends with this batch.</summary>
    public bool IsLast { get; set; }

    /// <summary>What ended the read after this batch's lines (a corrupt gzip stream), rethrown after they are committed.</summary>
    public ExceptionDispatchInfo? ReadError { get; set; }

    public override int Count => _count;

    /// <summary>Adds the line at <paramref name="start"/> (without its line break), or with a start of -1 a line skipped as too long.</summary>
    public void AddLine(int start, int length)
    {
        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, 2 * _count);
            Array.Resize(ref _lengths, 2 * _count);
        }
        _starts[_count] = start;
        _lengths[_count] = length;
        _count++;
    }

    /// <summary>Replaces the buffer by a larger copy (a line longer than it); only before the batch is handed over.</summary>
    public void Grow(byte[] larger) => _buffer = larger;

    /// <summary>The reader is done adding lines: room for what parsing them gives.</summary>
    public void Seal()
    {
        _ids = new string?[_count];
        _ticks = new long[_count];
        _problems = new string?[_count];
        _errors = new ExceptionDispatchInfo?[_count];
    }

    public override int GetMaxShingleCount(int i, Sketcher sketcher)
    {
        // Unescaped, a text is never longer than its line.
        return _starts[i] < 0 ? 0 : sketcher.GetMaxShingleCountUtf8(_lengths[i]);
    }

    public override bool TryParse(int i, out ParsedText text)
    {
        text = default;
        if (_starts[i] < 0)
        {
            _problems[i] = _reader.TooLongProblem;
            return false;
        }
        try
        {
            var line = _buffer.AsSpan(_starts[i], _lengths[i]);
            if (DocumentReader.IsBlank(line))
            {
                return false;
            }
            string? problem = _reader.ParseFields(line, Room(line.Length), out string? id, out var utf8, out _, out DateTimeOffset? date);
            if (problem is not null)
            {
                _problems[i] = problem;
                return false;
            }
            _ids[i] = id;
            _ticks[i] = date?.UtcTicks ?? long.MaxValue;
            text = new ParsedText(utf8);
            return true;
        }
        catch (Exception e)
        {
            // Rethrown in the line's place, after the lines before it, as the sequential reader would.
            _errors[i] = ExceptionDispatchInfo.Capture(e);
            return false;
        }
    }

    public override void Sketched()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _return(buffer);
        }
    }

    public override bool Commit(int i) => _reader.Commit(_name, FirstLine + i, _ids[i], _problems[i], _errors[i]);

    public override string Id(int i) => _ids[i]!;

    public override long DateTicks(int i) => _ticks[i];

    public override string? Location(int i) => $"{_name}:{FirstLine + i}";

    public override void End()
    {
        ReadError?.Throw();
        if (IsLast)
        {
            _reader.ThrowIfAllSkipped();
        }
    }

    /// <summary>This thread's scratch for a line of <paramref name="lineLength"/> bytes: the text stays in it until the thread parses another line.</summary>
    private static byte[] Room(int lineLength)
    {
        int size = FlatJsonLine.RoomFor(lineLength);
        if (t_room is { } room && room.Length >= size)
        {
            return room;
        }
        if (size > MaxKeptRoom)
        {
            return GC.AllocateUninitializedArray<byte>(size);
        }
        return t_room = GC.AllocateUninitializedArray<byte>(Math.Max(size, Math.Min(MaxKeptRoom, 2 * (t_room?.Length ?? 32 << 10))));
    }
}

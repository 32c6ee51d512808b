using System.Buffers;
using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Text;

namespace NearDup.Cli.Input;

/// <summary>
/// Reads the usual JSONL line, one flat object of strings, numbers and literals, in one forward pass with vectorized
/// searches: the text string is found and unescaped in the same pass. <see cref="System.Text.Json.Utf8JsonReader"/>
/// validates a string holding an escape (every text with a paragraph break) a byte at a time, and then unescapes it in a
/// second pass. This reader gives up (returns <see langword="false"/>) on anything it does not take with certainty:
/// invalid UTF-8 anywhere, a nested object or array, an escaped key, a surrogate escape, a missing id or text, a text
/// that is not a string, any JSON error. The caller then reads the line with Utf8JsonReader, the reference, whose
/// documents, problems and messages stand; where this reader answers, it answers what the reference does.
/// </summary>
internal static partial class FlatJsonLine
{
    // What ends a run of plain string bytes: the closing quote, an escape, or a control byte (invalid in JSON strings).
    private static readonly SearchValues<byte> s_stringStops = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    /// <summary>
    /// Reads the id (a string, or a number as written), the text (a string, unescaped UTF-8) and the date (a string, or
    /// null) of a line whose field names are <paramref name="names"/> (id, text, date; UTF-8, without dots); the last of
    /// repeated keys wins, and a key naming two fields is the first of them, as in the reference.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> line, byte[][] names, out string? id, out byte[]? text, out string? date)
    {
        byte[] room = ArrayPool<byte>.Shared.Rent(RoomFor(line.Length));
        try
        {
            text = null;
            if (!TryRead(line, names, room, out id, out int textLength, out date))
            {
                return false;
            }
            // Every byte is written next: an array the runtime need not zero first.
            text = GC.AllocateUninitializedArray<byte>(textLength);
            room.AsSpan(0, textLength).CopyTo(text);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(room);
        }
    }

    /// <summary>Room <see cref="TryRead(ReadOnlySpan{byte}, byte[][], Span{byte}, out string, out int, out string)"/> needs for a line of this length.</summary>
    public static int RoomFor(int lineLength) => Math.Max(2, 2 * lineLength);

    /// <summary>
    /// Like <see cref="TryRead(ReadOnlySpan{byte}, byte[][], out string, out byte[], out string)"/>, writing the text
    /// into the caller's room (its first <paramref name="textLength"/> bytes) instead of an array of its own: a room of
    /// <see cref="RoomFor"/> bytes, the first half for the text, the second for the id and date as they are decoded.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> line, byte[][] names, Span<byte> room, out string? id, out int textLength, out string? date)
    {
        id = null;
        textLength = -1;
        date = null;
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return false;
        }
        int i = SkipSpace(line, 0);
        if (i >= line.Length || line[i] != '{')
        {
            return false;
        }
        i = SkipSpace(line, i + 1);
        var fields = new Fields(room, line.Length);
        while (i < line.Length && line[i] == '"')
        {
            int keyEnd = ReadString(line, i, default, out _, out bool keyEscaped);
            if (keyEnd < 0 || keyEscaped)
            {
                return false;
            }
            int field = FieldOf(line[(i + 1)..keyEnd], names);
            i = SkipSpace(line, keyEnd + 1);
            if (i >= line.Length || line[i] != ':')
            {
                return false;
            }
            i = ReadValue(line, SkipSpace(line, i + 1), field, ref fields);
            if (i < 0)
            {
                return false;
            }
            i = SkipSpace(line, i);
            if (i < line.Length && line[i] == '}')
            {
                (id, textLength, date) = (fields.Id, fields.TextLength, fields.Date);
                return SkipSpace(line, i + 1) == line.Length && id is not null && textLength >= 0;
            }
            if (i >= line.Length || line[i] != ',')
            {
                return false;
            }
            i = SkipSpace(line, i + 1);
        }
        return false;
    }

    /// <summary>What a line held so far: the id and date decoded, the text's length in the room's first half (-1: none yet).</summary>
    private ref struct Fields(Span<byte> room, int lineLength)
    {
        public readonly Span<byte> Text = room[..lineLength];
        public readonly Span<byte> Other = room.Slice(lineLength, lineLength);
        public string? Id;
        public int TextLength = -1;
        public string? Date;
    }

    /// <summary>0 id, 1 text, 2 date, or -1: the first field the key names.</summary>
    private static int FieldOf(ReadOnlySpan<byte> key, byte[][] names)
    {
        for (int field = 0; field < names.Length; field++)
        {
            if (key.SequenceEqual(names[field]))
            {
                return field;
            }
        }
        return -1;
    }

    /// <summary>Reads the value at <paramref name="i"/> into its field; returns where it ends, or -1 to give up.</summary>
    private static int ReadValue(ReadOnlySpan<byte> line, int i, int field, ref Fields fields)
    {
        if (i >= line.Length)
        {
            return -1;
        }
        byte c = line[i];
        if (c == '"')
        {
            if (field >= 0)
            {
                return ReadField(line, i, field, ref fields);
            }
            int close = ReadString(line, i, default, out _, out _);
            return close < 0 ? -1 : close + 1;
        }
        if (c == '-' || (uint)(c - '0') < 10)
        {
            int end = NumberEnd(line, i);
            if (end > 0 && field == 0)
            {
                fields.Id = Encoding.UTF8.GetString(line[i..end]);
            }
            // A number as the text is a problem the reference words; a date that is not a string is ignored there too.
            return field == 1 ? -1 : end;
        }
        int literal = line[i..].StartsWith("true"u8) ? 4 : line[i..].StartsWith("false"u8) ? 5 : line[i..].StartsWith("null"u8) ? 4 : 0;
        return literal == 0 || field is 0 or 1 ? -1 : i + literal;
    }

    /// <summary>Reads the string at <paramref name="i"/> into the id, text or date; returns where it ends, or -1.</summary>
    private static int ReadField(ReadOnlySpan<byte> line, int i, int field, ref Fields fields)
    {
        if (field == 2 && fields.Date is not null)
        {
            // The reference stops at the first date it cannot parse; which one that is, is left to it.
            return -1;
        }
        // Unescaped, a string is never longer than as written, so each half of the room holds any string of the line.
        var room = field == 1 ? fields.Text : fields.Other;
        int end = ReadString(line, i, room, out int written, out _);
        if (end < 0)
        {
            return -1;
        }
        switch (field)
        {
            case 0:
                fields.Id = Encoding.UTF8.GetString(room[..written]);
                break;
            case 1:
                fields.TextLength = written;
                break;
            default:
                fields.Date = Encoding.UTF8.GetString(room[..written]);
                break;
        }
        return end + 1;
    }

    /// <summary>
    /// Finds the closing quote of the string whose opening quote is at <paramref name="i"/> and, given room, writes the
    /// string unescaped to <paramref name="destination"/>; returns the closing quote's index, or -1 for a string the
    /// reference would refuse or this reader does not take (a control byte, an unknown escape, a surrogate escape).
    /// </summary>
    internal static int ReadString(ReadOnlySpan<byte> line, int i, Span<byte> destination, out int written, out bool escaped) =>
        ReadString(line, i, destination, Vector256.IsHardwareAccelerated, out written, out escaped);

    /// <summary>
    /// <see cref="ReadString(ReadOnlySpan{byte}, int, Span{byte}, out int, out bool)"/>, finding each run's end with
    /// <see cref="NextStopVector256"/> when <paramref name="vectorRuns"/>, else with its scalar twin
    /// <see cref="NextStop"/> (the tests compare them in one process).
    /// </summary>
    internal static int ReadString(ReadOnlySpan<byte> line, int i, Span<byte> destination, bool vectorRuns, out int written, out bool escaped)
    {
        Debug.Assert(!vectorRuns || Vector256.IsHardwareAccelerated);
        bool copy = !destination.IsEmpty;
        written = 0;
        escaped = false;
        int j = i + 1;
        while (true)
        {
            j = vectorRuns ? NextStopVector256(line, j, destination, ref written) : NextStop(line, j, destination, ref written);
            if (j < 0)
            {
                return -1;
            }
            if (line[j] == '"')
            {
                return j;
            }
            if (line[j] != '\\')
            {
                return -1;
            }
            escaped = true;
            int length = Unescape(line[j..], copy ? destination[written..] : default, out int produced);
            if (length < 0)
            {
                return -1;
            }
            written += produced;
            j += length;
        }
    }

    /// <summary>
    /// The first stop (a closing quote, an escape or a control byte) at or after <paramref name="j"/>, or -1; the bytes
    /// before it are copied to <paramref name="destination"/> at <paramref name="written"/> (advanced past them) when
    /// it is not empty.
    /// </summary>
    private static int NextStop(ReadOnlySpan<byte> line, int j, Span<byte> destination, ref int written)
    {
        int stop = line[j..].IndexOfAny(s_stringStops);
        if (stop < 0)
        {
            return -1;
        }
        if (!destination.IsEmpty)
        {
            line.Slice(j, stop).CopyTo(destination[written..]);
            written += stop;
        }
        return j + stop;
    }

    /// <summary>The escape at the start of <paramref name="escape"/>: writes its bytes if given room; returns its length as written, or -1.</summary>
    private static int Unescape(ReadOnlySpan<byte> escape, Span<byte> destination, out int produced)
    {
        produced = 0;
        if (escape.Length < 2)
        {
            return -1;
        }
        byte simple = escape[1] switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'/' => (byte)'/',
            (byte)'b' => (byte)'\b',
            (byte)'f' => (byte)'\f',
            (byte)'n' => (byte)'\n',
            (byte)'r' => (byte)'\r',
            (byte)'t' => (byte)'\t',
            _ => 0,
        };
        if (simple != 0)
        {
            produced = 1;
            if (!destination.IsEmpty)
            {
                destination[0] = simple;
            }
            return 2;
        }
        if (escape[1] != 'u' || escape.Length < 6 || !uint.TryParse(escape[2..6], System.Globalization.NumberStyles.AllowHexSpecifier, null, out uint code)
            || !Rune.IsValid(code))
        {
            // Surrogates (pairs or lone) are left to the reference.
            return -1;
        }
        produced = new Rune(code).Utf8SequenceLength;
        if (!destination.IsEmpty)
        {
            new Rune(code).EncodeToUtf8(destination);
        }
        return 6;
    }

    /// <summary>Where the JSON number at <paramref name="i"/> ends (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?), or -1 if it is not one.</summary>
    internal static int NumberEnd(ReadOnlySpan<byte> line, int i)
    {
        if (i < line.Length && line[i] == '-')
        {
            i++;
        }
        if (i >= line.Length || (uint)(line[i] - '0') >= 10)
        {
            return -1;
        }
        i = line[i] == '0' ? i + 1 : Digits(line, i);
        if (i < line.Length && line[i] == '.')
        {
            int after = Digits(line, i + 1);
            if (after == i + 1)
            {
                return -1;
            }
            i = after;
        }
        if (i < line.Length && (line[i] | 0x20) == 'e')
        {
            i++;
            if (i < line.Length && line[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }
            int after = Digits(line, i);
            if (after == i)
            {
                return -1;
            }
            i = after;
        }
        return i;
    }

    private static int Digits(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && (uint)(line[i] - '0') < 10)
        {
            i++;
        }
        return i;
    }

    private static int SkipSpace(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        return i;
    }
}

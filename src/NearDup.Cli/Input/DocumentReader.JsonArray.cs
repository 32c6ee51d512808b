using System.Text.Json;
using NearDup.Clustering;

namespace NearDup.Cli.Input;

/// <summary>
/// Reading a JSON array of document objects, one element at a time: the array is never held whole, only the element
/// being read (the buffer grows to the largest element, up to the document limit). Each element is parsed as a JSONL
/// line would be, so its problems read the same, named <c>FILE[N]</c> with N from 1. Broken JSON between elements
/// cannot be skipped (there is no line to resume at): it stops the read.
/// </summary>
internal sealed partial class DocumentReader
{
    private enum ArrayStep
    {
        Element,
        NeedMore,
        End,
    }

    private IEnumerable<DocumentInput> ReadJsonArray(Stream stream, string name)
    {
        using (stream)
        {
            var array = new JsonArrayCursor(stream, _options.MaxDocumentBytes + 4096);
            long index = 0;
            while (NextElement(array, name) is { } element)
            {
                index++;
                if (Commit(ParseLine(element.Span, $"{name}[{index}]", 0)) is { } document)
                {
                    yield return document;
                }
            }
        }
    }

    /// <summary>
    /// The elements of the JSON array in <paramref name="stream"/>, each one's bytes as in the input (valid until the
    /// next), with the first pass's checks and errors: dedup's second pass copies them through.
    /// </summary>
    internal static IEnumerable<ReadOnlyMemory<byte>> ArrayElements(Stream stream, string name, long maxElementBytes)
    {
        var array = new JsonArrayCursor(stream, maxElementBytes + 4096);
        while (NextElement(array, name) is { } element)
        {
            yield return element;
        }
    }

    /// <summary>The next element's bytes (valid until the next call), or null after the closing bracket.</summary>
    private static ReadOnlyMemory<byte>? NextElement(JsonArrayCursor array, string name)
    {
        while (true)
        {
            ArrayStep step;
            try
            {
                step = array.TryStep(out var element);
                if (step == ArrayStep.Element)
                {
                    return element;
                }
            }
            catch (JsonException e)
            {
                // Read as the final block, an array cut short fails inside the reader rather than asking for more.
                string what = array.AtEnd ? "truncated or malformed JSON array" : "malformed JSON array";
                throw new InputException($"{name}: {what} ({TrimJsonMessage(e.Message)}).");
            }
            catch (InvalidDataException e)
            {
                // A compressed array cut short or damaged, found while decompressing the window.
                throw new InputException($"{name}: {e.Message}");
            }
            if (step == ArrayStep.End)
            {
                array.CheckNothingAfter(name);
                return null;
            }
            try
            {
                array.Fill(name);
            }
            catch (InvalidDataException e)
            {
                throw new InputException($"{name}: {e.Message}");
            }
        }
    }

    /// <summary>A window on the stream that <see cref="Utf8JsonReader"/> walks, with the reader's state kept between windows.</summary>
    private sealed class JsonArrayCursor(Stream stream, long maxElementBytes)
    {
        private byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _end;
        private bool _eof;
        private bool _started;
        private JsonReaderState _state = new(JsonOptions);

        /// <summary>Whether the whole stream is in the window.</summary>
        public bool AtEnd => _eof;

        /// <summary>
        /// Reads the opening bracket, the next element whole, or the closing bracket. An element cut by the end of the
        /// window is not consumed: it is read again, whole, once <see cref="Fill"/> has brought the rest.
        /// </summary>
        public ArrayStep TryStep(out ReadOnlyMemory<byte> element)
        {
            element = default;
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
            if (!reader.Read())
            {
                return ArrayStep.NeedMore;
            }
            if (!_started)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new JsonException("it does not start with [");
                }
                _started = true;
                Advance(ref reader);
                return TryStep(out element);
            }
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                Advance(ref reader);
                return ArrayStep.End;
            }
            int first = (int)reader.TokenStartIndex;
            if (!reader.TrySkip())
            {
                return ArrayStep.NeedMore;
            }
            element = _buffer.AsMemory(_start + first, (int)reader.BytesConsumed - first);
            Advance(ref reader);
            return ArrayStep.Element;
        }

        /// <summary>Only white space may follow the closing bracket: anything else is a second value, or another file appended.</summary>
        public void CheckNothingAfter(string name)
        {
            while (true)
            {
                if (!_buffer.AsSpan(_start, _end - _start).TrimStart(" \t\r\n"u8).IsEmpty)
                {
                    throw new InputException($"{name}: malformed JSON array: there is more after its closing ].");
                }
                if (_eof)
                {
                    return;
                }
                _start = _end = 0;
                int read = stream.Read(_buffer);
                _eof = read == 0;
                _end = read;
            }
        }

        /// <summary>Brings more of the stream into the window, growing it when one element fills it.</summary>
        public void Fill(string name)
        {
            if (_eof)
            {
                throw new InputException($"{name}: truncated JSON array: it ends before its closing ].");
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= maxElementBytes)
                {
                    throw new InputException($"{name}: an element of the JSON array is longer than the {maxElementBytes >> 20} MiB document limit.");
                }
                Array.Resize(ref _buffer, (int)Math.Min(Math.Min(maxElementBytes, Array.MaxLength), 2L * _buffer.Length));
            }
            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            _eof = read == 0;
            _end += read;
        }

        private void Advance(ref Utf8JsonReader reader)
        {
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }
    }
}

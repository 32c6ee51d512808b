using System.Text.Encodings.Web;
using System.Text.Json;

namespace NearDup.Corpus.Internal;

/// <summary>
/// Writes one JSON object per line. Relaxed escaping keeps non-ASCII (curly quotes, ©) as UTF-8
/// instead of \uXXXX, which is still valid JSON and what crawl dumps look like.
/// </summary>
internal sealed class JsonlWriter : IDisposable
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;

    public JsonlWriter(Stream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(stream, s_options);
    }

    public Utf8JsonWriter Json => _json;

    /// <summary>Ends the current object's line.</summary>
    public void EndLine()
    {
        _json.Flush();
        _stream.WriteByte((byte)'\n');
        _json.Reset();
    }

    public void Dispose() => _json.Dispose();
}

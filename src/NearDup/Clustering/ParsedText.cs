namespace NearDup.Clustering;

/// <summary>
/// A document's text as a <see cref="DocumentBatch"/> hands it to the sketching: UTF-16 (a string added through the
/// library) or UTF-8 (the CLI's lines, unescaped into a thread's scratch). Valid until the same thread parses the next
/// document, so it is sketched at once.
/// </summary>
internal readonly ref struct ParsedText
{
    /// <summary>A UTF-8 text.</summary>
    public ParsedText(ReadOnlySpan<byte> utf8)
    {
        Utf8 = utf8;
    }

    /// <summary>A UTF-16 text.</summary>
    public ParsedText(ReadOnlySpan<char> utf16)
    {
        Utf16 = utf16;
        IsUtf16 = true;
    }

    /// <summary>The text, when UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8 { get; }

    /// <summary>The text, when UTF-16.</summary>
    public ReadOnlySpan<char> Utf16 { get; }

    /// <summary>Whether the text is <see cref="Utf16"/> (an empty string included).</summary>
    public bool IsUtf16 { get; }
}

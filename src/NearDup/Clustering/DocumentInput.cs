namespace NearDup.Clustering;

/// <summary>A document to add: an id, its text (UTF-16 or UTF-8) and an optional publication date.</summary>
public readonly record struct DocumentInput
{
    /// <summary>A document from UTF-16 text.</summary>
    public DocumentInput(string id, string text, DateTimeOffset? date = null)
    {
        Id = id;
        Text = text;
        Date = date;
    }

    /// <summary>A document from UTF-8 bytes; the text is never decoded into a string.</summary>
    public DocumentInput(string id, ReadOnlyMemory<byte> utf8Text, DateTimeOffset? date = null)
    {
        Id = id;
        Utf8Text = utf8Text;
        Date = date;
    }

    /// <summary>The document's id; unique within a detector.</summary>
    public string Id { get; }

    /// <summary>The text, when given as UTF-16.</summary>
    public string? Text { get; }

    /// <summary>The text, when given as UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8Text { get; }

    /// <summary>Publication date: the earliest dated document of a story is its canonical.</summary>
    public DateTimeOffset? Date { get; }
}

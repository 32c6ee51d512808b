namespace NearDup.Clustering;

/// <summary>
/// A batch of <see cref="DocumentInput"/>s, already parsed (the public <see cref="DuplicateDetector.AddRange"/>, and the
/// CLI's formats other than JSONL): every document is stored; an empty id stops the add before the batch.
/// </summary>
internal sealed class InputBatch(List<DocumentInput> documents) : DocumentBatch
{
    /// <summary>Documents per batch: enough to share among the cores, few enough that queued texts stay small.</summary>
    public const int Size = 512;

    public override int Count => documents.Count;

    public override bool HasEmptyId => documents.Exists(static document => string.IsNullOrEmpty(document.Id));

    /// <summary>The documents, <see cref="Size"/> at a time; an error enumerating them drops the batch it was filling.</summary>
    public static IEnumerable<DocumentBatch> Chunk(IEnumerable<DocumentInput> documents)
    {
        var batch = new List<DocumentInput>(Size);
        foreach (var document in documents)
        {
            batch.Add(document);
            if (batch.Count == Size)
            {
                yield return new InputBatch(batch);
                batch = new List<DocumentInput>(Size);
            }
        }
        if (batch.Count > 0)
        {
            yield return new InputBatch(batch);
        }
    }

    public override int GetMaxShingleCount(int i, Sketcher sketcher)
    {
        var document = documents[i];
        return document.Text is not null ? sketcher.GetMaxShingleCount(document.Text.Length) : sketcher.GetMaxShingleCountUtf8(document.Utf8Text.Length);
    }

    public override bool TryParse(int i, out ParsedText text)
    {
        var document = documents[i];
        text = document.Text is not null ? new ParsedText(document.Text.AsSpan()) : new ParsedText(document.Utf8Text.Span);
        return true;
    }

    public override bool Commit(int i) => true;

    public override string Id(int i) => documents[i].Id;

    public override long DateTicks(int i) => documents[i].Date?.UtcTicks ?? long.MaxValue;

    public override void End() => documents.Clear();
}

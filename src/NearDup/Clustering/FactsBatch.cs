using System.Text;

namespace NearDup.Clustering;

/// <summary>
/// A batch passed through <see cref="Deduplicator"/> on its way to the detector: each record's text length is taken
/// where it is parsed (on the sketching thread, so the text is never held), and each record the batch commits is
/// handed to <paramref name="taken"/> with its id, length and date, in input order.
/// </summary>
internal sealed class FactsBatch(DocumentBatch inner, Action<string, long, long> taken) : DocumentBatch
{
    private readonly int[] _bytes = new int[inner.Count];

    public override int Count => inner.Count;

    public override bool HasEmptyId => inner.HasEmptyId;

    public override int GetMaxShingleCount(int i, Sketcher sketcher) => inner.GetMaxShingleCount(i, sketcher);

    public override bool TryParse(int i, out ParsedText text)
    {
        if (!inner.TryParse(i, out text))
        {
            return false;
        }
        _bytes[i] = text.IsUtf16 ? Encoding.UTF8.GetByteCount(text.Utf16) : text.Utf8.Length;
        return true;
    }

    public override void Sketched() => inner.Sketched();

    public override bool Commit(int i)
    {
        if (!inner.Commit(i))
        {
            return false;
        }
        taken(inner.Id(i), _bytes[i], inner.DateTicks(i));
        return true;
    }

    public override string Id(int i) => inner.Id(i);

    public override long DateTicks(int i) => inner.DateTicks(i);

    public override string? Location(int i) => inner.Location(i);

    public override void End() => inner.End();
}

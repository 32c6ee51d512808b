namespace NearDup.Clustering;

/// <summary>
/// Which of two near-copies is the source of the other when one holds nearly all of the other's text. A syndicated
/// copy wraps the story in a site's header and footer: what it has beyond the story lies at its edges, and the bare
/// text is the original. An excerpt or an abridged copy is cut from its source: what the source has beyond the copy
/// lies between the passages they share (the paragraphs the copy skipped), and the longer text is the original.
/// </summary>
internal static class SourceOfCut
{
    /// <summary>Share of the shorter text's fingerprints the longer must hold for the two to be compared this way.</summary>
    public const double HeldShare = 0.8;

    /// <summary>
    /// How many times the shorter text's own material the longer's must be, between the passages they share: a cut
    /// leaves out what it skips, where an edit (a word or a sentence changed) or another site's page furniture puts
    /// material of its own in its place.
    /// </summary>
    public const int CutRatio = 3;

    /// <summary>
    /// Whether <paramref name="longer"/> is the source <paramref name="shorter"/> was cut from: it holds
    /// <see cref="HeldShare"/> of the shorter's fingerprints, and more of its own lie between its first and last
    /// shared shingle than before and after them, and <see cref="CutRatio"/> times as many as the shorter has of its
    /// own. False without positions (an index of format 2).
    /// </summary>
    public static bool IsSourceOf(DocumentTable docs, int longer, int shorter) =>
        docs.Store.HasPositions(docs.Slot(longer)) && IsSourceOf(docs.Fingerprints(longer), docs.Positions(longer), docs.Fingerprints(shorter));

    private static bool IsSourceOf(ReadOnlySpan<uint> longer, ReadOnlySpan<ushort> positions, ReadOnlySpan<uint> shorter)
    {
        if (longer.Length <= shorter.Length)
        {
            return false;
        }
        var (shared, first, last) = SharedSpan(longer, positions, shorter);
        if (shared == 0 || shared < HeldShare * shorter.Length)
        {
            return false;
        }
        var (inside, edges) = OwnMaterial(longer, positions, shorter, first, last);
        return inside > edges && inside >= CutRatio * (shorter.Length - shared);
    }

    /// <summary>The fingerprints of <paramref name="longer"/> that <paramref name="shorter"/> holds, and the first and last position among them.</summary>
    private static (int Shared, int First, int Last) SharedSpan(ReadOnlySpan<uint> longer, ReadOnlySpan<ushort> positions, ReadOnlySpan<uint> shorter)
    {
        int shared = 0, first = int.MaxValue, last = -1, j = 0;
        for (int i = 0; i < longer.Length; i++)
        {
            if (Holds(shorter, longer[i], ref j))
            {
                shared++;
                first = Math.Min(first, positions[i]);
                last = Math.Max(last, positions[i]);
            }
        }
        return (shared, first, last);
    }

    /// <summary>The fingerprints of <paramref name="longer"/> that <paramref name="shorter"/> lacks, inside the shared span and at its edges.</summary>
    private static (int Inside, int Edges) OwnMaterial(ReadOnlySpan<uint> longer, ReadOnlySpan<ushort> positions, ReadOnlySpan<uint> shorter,
        int first, int last)
    {
        int inside = 0, edges = 0, j = 0;
        for (int i = 0; i < longer.Length; i++)
        {
            if (!Holds(shorter, longer[i], ref j))
            {
                bool between = positions[i] > first && positions[i] < last;
                inside += between ? 1 : 0;
                edges += between ? 0 : 1;
            }
        }
        return (inside, edges);
    }

    /// <summary>Whether the sorted <paramref name="set"/> holds <paramref name="value"/>, advancing <paramref name="cursor"/> (values come in order).</summary>
    private static bool Holds(ReadOnlySpan<uint> set, uint value, ref int cursor)
    {
        while (cursor < set.Length && set[cursor] < value)
        {
            cursor++;
        }
        return cursor < set.Length && set[cursor] == value;
    }
}

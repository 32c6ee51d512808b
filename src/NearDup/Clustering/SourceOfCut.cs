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

    private static bool IsSourceOf(ReadOnlySpan<uint> longer, PositionList positions, ReadOnlySpan<uint> shorter)
    {
        if (longer.Length <= shorter.Length)
        {
            return false;
        }
        var heldArray = System.Buffers.ArrayPool<bool>.Shared.Rent(longer.Length);
        try
        {
            var held = heldArray.AsSpan(0, longer.Length);
            held.Clear();
            var sink = new HeldSink(held);
            SharedIndexMerge.Merge(longer, shorter, ref sink);
            var (shared, first, last) = SharedSpan(held, positions);
            if (shared == 0 || shared < HeldShare * shorter.Length)
            {
                return false;
            }
            var (inside, edges) = OwnMaterial(held, positions, first, last);
            return inside > edges && inside >= CutRatio * (shorter.Length - shared);
        }
        finally
        {
            System.Buffers.ArrayPool<bool>.Shared.Return(heldArray);
        }
    }

    /// <summary>How many of the longer text's fingerprints the shorter holds, and the first and last position among them.</summary>
    private static (int Shared, int First, int Last) SharedSpan(ReadOnlySpan<bool> held, PositionList positions)
    {
        int shared = 0, first = int.MaxValue, last = -1;
        for (int i = 0; i < held.Length; i++)
        {
            if (held[i])
            {
                shared++;
                first = Math.Min(first, positions[i]);
                last = Math.Max(last, positions[i]);
            }
        }
        return (shared, first, last);
    }

    /// <summary>The longer text's fingerprints that the shorter lacks, inside the shared span and at its edges.</summary>
    private static (int Inside, int Edges) OwnMaterial(ReadOnlySpan<bool> held, PositionList positions, int first, int last)
    {
        int inside = 0, edges = 0;
        for (int i = 0; i < held.Length; i++)
        {
            if (!held[i])
            {
                bool between = positions[i] > first && positions[i] < last;
                inside += between ? 1 : 0;
                edges += between ? 0 : 1;
            }
        }
        return (inside, edges);
    }

    /// <summary>Marks each of the longer text's fingerprints that the shorter holds.</summary>
    private readonly ref struct HeldSink(Span<bool> held) : ISharedFingerprintSink
    {
        private readonly Span<bool> _held = held;

        public void Add(int indexA, int indexB) => _held[indexA] = true;
    }
}

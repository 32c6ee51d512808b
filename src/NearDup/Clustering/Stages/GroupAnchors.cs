namespace NearDup.Clustering;

/// <summary>
/// Each group's anchors (<see cref="AnchorWinnow"/>), ascending, what the anchor table posts (less boilerplate): a
/// group of one has its document's; a group of several those of its representative's that its core holds. Winnowing needs a text's order, which a core (a quorum of the members' sets) has not; the
/// representative's text holds what copies of the story quote, and a window inside a quoted run chooses the same
/// anchor in both texts. Computed once, in blocks of <see cref="BlockGroups"/> groups (each by one thread).
/// </summary>
internal sealed class GroupAnchors
{
    /// <summary>Groups a block holds: a few dozen blocks at 100,000 documents, to share among the cores.</summary>
    private const int BlockGroups = 1 << BlockShift;

    private const int BlockShift = 11;

    private readonly uint[][] _blocks;
    private readonly int[] _starts;
    private readonly int[] _counts;

    private GroupAnchors(uint[][] blocks, int[] starts, int[] counts) => (_blocks, _starts, _counts) = (blocks, starts, counts);

    /// <summary>Number of groups.</summary>
    public int Count => _counts.Length;

    /// <summary>Group <paramref name="g"/>'s anchors, ascending.</summary>
    public ReadOnlySpan<uint> this[int g] => _blocks[g >> BlockShift].AsSpan(_starts[g], _counts[g]);

    /// <summary>The anchors of every group of <paramref name="groups"/> (<paramref name="cores"/> are their cores).</summary>
    public static GroupAnchors Compute(DocumentTable docs, GroupLayout groups, GroupCores cores, int window, ParallelOptions parallel)
    {
        var starts = new int[groups.Count];
        var counts = new int[groups.Count];
        var blocks = new uint[(groups.Count + BlockGroups - 1) >> BlockShift][];
        Parallel.For(0, blocks.Length, parallel, b =>
        {
            uint[] block = [];
            int used = 0;
            for (int g = b << BlockShift; g < Math.Min(groups.Count, (b + 1) << BlockShift); g++)
            {
                int need = docs.FingerprintCount(groups.Rep[g]);
                if (block.Length - used < need)
                {
                    Array.Resize(ref block, Math.Max(used + need, 2 * block.Length));
                }
                (starts[g], counts[g]) = (used, OfGroup(docs, groups, cores[g], g, window, block.AsSpan(used)));
                used += counts[g];
            }
            blocks[b] = block;
        });
        return new GroupAnchors(blocks, starts, counts);
    }

    /// <summary>
    /// Writes group <paramref name="g"/>'s anchors (its <paramref name="core"/> given) to <paramref name="destination"/>,
    /// which holds its representative's fingerprints; returns how many.
    /// </summary>
    public static int OfGroup(DocumentTable docs, GroupLayout groups, ReadOnlySpan<uint> core, int g, int window, Span<uint> destination)
    {
        int rep = groups.Rep[g];
        int count = AnchorWinnow.Choose(docs.Fingerprints(rep), docs.Positions(rep), window, destination);
        return groups.Size(g) > 1 ? KeepHeld(destination[..count], core) : count;
    }

    /// <summary>Keeps, at the front of <paramref name="anchors"/>, those <paramref name="core"/> holds (both ascending); returns how many.</summary>
    private static int KeepHeld(Span<uint> anchors, ReadOnlySpan<uint> core)
    {
        int w = 0, c = 0;
        foreach (uint fp in anchors)
        {
            while (c < core.Length && core[c] < fp)
            {
                c++;
            }
            if (c < core.Length && core[c] == fp)
            {
                anchors[w++] = fp;
            }
        }
        return w;
    }
}

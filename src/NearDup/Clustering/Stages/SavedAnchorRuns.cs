using NearDup.Persistence;

namespace NearDup.Clustering;

/// <summary>
/// The anchor table's postings from an index's query state, a run a group, for <see cref="PostingLookup.Build{TRuns}"/>:
/// a group of several members has its saved anchors (its core's), a group of one those of its document's fingerprints
/// that are anchors and not boilerplate, since its core is its document's fingerprints. These are the postings
/// <see cref="AnchorTable.Build"/> lists, gathered in one pass over the documents into blocks of
/// <see cref="BlockGroups"/> groups' anchors (each block by one thread), not into arrays of all the postings counted first.
/// </summary>
internal readonly struct SavedAnchorRuns : IPostingRuns
{
    /// <summary>Groups a block of gathered anchors holds: a few dozen blocks at 100,000 documents, to share among the cores.</summary>
    private const int BlockGroups = 1 << BlockShift;

    private const int BlockShift = 11;

    private readonly GroupLayout _groups;
    private readonly uint[] _saved;
    private readonly uint[][] _blocks;
    private readonly int[] _starts;
    private readonly int[] _counts;

    private SavedAnchorRuns(GroupLayout groups, uint[] saved, uint[][] blocks, int[] starts, int[] counts)
    {
        (_groups, _saved, _blocks, _starts, _counts) = (groups, saved, blocks, starts, counts);
        long total = 0;
        foreach (int count in counts)
        {
            total += count;
        }
        Postings = checked((int)total);
    }

    /// <summary>Number of postings, all runs' keys.</summary>
    public int Postings { get; }

    public int Count => _counts.Length;

    public int Owner(int run) => run;

    public ReadOnlySpan<uint> Keys(int run) => (_groups.Size(run) > 1 ? _saved : _blocks[run >> BlockShift]).AsSpan(_starts[run], _counts[run]);

    /// <summary>The anchors of every group of <paramref name="groups"/>, from <paramref name="saved"/> and the documents of <paramref name="docs"/>.</summary>
    public static SavedAnchorRuns Gather(DocumentTable docs, GroupLayout groups, BoilerplateFilter common, uint anchorMask, SavedQueryState saved,
        ParallelOptions parallel)
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
                if (groups.Size(g) > 1)
                {
                    (starts[g], counts[g]) = (saved.AnchorStarts[g], saved.AnchorStarts[g + 1] - saved.AnchorStarts[g]);
                    continue;
                }
                var fingerprints = docs.Fingerprints(groups.Rep[g]);
                if (block.Length - used < fingerprints.Length)
                {
                    Array.Resize(ref block, Math.Max(used + fingerprints.Length, 2 * block.Length));
                }
                (starts[g], counts[g]) = (used, OwnAnchors(fingerprints, anchorMask, common, block.AsSpan(used)));
                used += counts[g];
            }
            blocks[b] = block;
        });
        return new SavedAnchorRuns(groups, saved.AnchorKeys, blocks, starts, counts);
    }

    /// <summary>Writes the anchors among <paramref name="fingerprints"/> that are not boilerplate to <paramref name="destination"/>; returns how many.</summary>
    private static int OwnAnchors(ReadOnlySpan<uint> fingerprints, uint anchorMask, BoilerplateFilter common, Span<uint> destination)
    {
        int count = 0;
        foreach (uint fp in fingerprints)
        {
            if ((fp & anchorMask) == 0 && !common.IsBoilerplate(fp))
            {
                destination[count++] = fp;
            }
        }
        return count;
    }
}

namespace NearDup.Clustering;

/// <summary>
/// An order for pairs of spilled documents that reads the spill file in sweeps instead of at random: a block join.
/// Documents are cut, in the order their fingerprints lie in the file (their store slots), into blocks of about
/// <c>blockBytes</c> of fingerprints. Each pair belongs to the block of its earlier document, and a block's pairs go in
/// the order of their later document. So while one block's pairs run, that block is read at most once and stays in
/// the page cache (it fits the budget), and the later documents are read forward through the file, which the kernel's
/// read-ahead turns into large sequential reads. A spill file larger than the page cache is then read about
/// (blocks + 1) / 2 times in sweeps; in the order of the pairs' ids it is read at random, each fault reading
/// megabytes around a document of a few kilobytes.
/// </summary>
internal static class SpillOrder
{
    /// <summary>The smallest block budget the default gives (one block on small machines would be read at random again).</summary>
    private const long MinBlockBytes = 64L << 20;

    /// <summary>
    /// The default block budget: a third of the memory the process may use, less what the managed heap holds now. The
    /// block must stay in the page cache while the later documents stream past it, and the kernel keeps pages read
    /// again (its active list) in only about half the cache; at half the memory the block was partly dropped and read
    /// again (43 GB read instead of about 25 at two million documents in 3 GB). The runtime's figure honours a
    /// container's (cgroup's) limit.
    /// </summary>
    public static long DefaultBlockBytes()
    {
        var info = GC.GetGCMemoryInfo();
        return Math.Max(MinBlockBytes, (info.TotalAvailableMemoryBytes - info.HeapSizeBytes) / BlockShare);
    }

    /// <summary>The block's share of the memory left (1 / this), see <see cref="DefaultBlockBytes"/>.</summary>
    private const int BlockShare = 3;

    /// <summary>
    /// Whether the stages read <paramref name="docs"/> in <see cref="SpillOrder"/>: only when they are spilled to a file
    /// larger than a block. A file the page cache holds is read once in any order, and there the thread pool's workers
    /// in the ids' order get more of loaded cores than a fixed set does.
    /// </summary>
    public static bool Applies(DocumentTable docs, long blockBytes) => docs.Store.Spill is not null && docs.SpilledBytes > blockBytes;

    /// <summary>
    /// The groups in the order to read their members: each group as the pair of its members first and last in the
    /// file (a group of one as its member twice), in the order <see cref="Of"/> gives such pairs. A group's members
    /// between those two are read forward of the block too.
    /// </summary>
    public static int[] OfGroups(DocumentTable docs, GroupLayout groups, long blockBytes)
    {
        var spans = new (int First, int Last)[groups.Count];
        for (int g = 0; g < spans.Length; g++)
        {
            spans[g] = SpanOf(docs, groups.MembersOf(g));
        }
        return Of(docs, spans, blockBytes);
    }

    /// <summary>Of <paramref name="members"/> (one at least), the first and the last in the file.</summary>
    public static (int First, int Last) SpanOf(DocumentTable docs, ReadOnlySpan<int> members)
    {
        int first = members[0], last = members[0];
        foreach (int m in members[1..])
        {
            first = docs.Slot(m) < docs.Slot(first) ? m : first;
            last = docs.Slot(m) > docs.Slot(last) ? m : last;
        }
        return (first, last);
    }

    /// <summary>The documents in the order their fingerprints lie in the file (their store slots).</summary>
    public static int[] OfDocuments(DocumentTable docs)
    {
        var slots = new int[docs.Count];
        var order = new int[docs.Count];
        for (int i = 0; i < slots.Length; i++)
        {
            (slots[i], order[i]) = (docs.Slot(i), i);
        }
        Array.Sort(slots, order);
        return order;
    }

    /// <summary>
    /// Links between groups (packed by <see cref="PairKey"/>) in the order to read them, each as the pair of the two
    /// groups' representatives: what the judge reads, and for most groups (a group of one, a syndicated story) what
    /// its core is.
    /// </summary>
    public static int[] OfLinks(DocumentTable docs, ReadOnlySpan<long> links, int[] groupRep, long blockBytes)
    {
        var pairs = new (int A, int B)[links.Length];
        for (int k = 0; k < pairs.Length; k++)
        {
            var (g, h) = PairKey.Unpack(links[k]);
            pairs[k] = (groupRep[g], groupRep[h]);
        }
        return Of(docs, pairs, blockBytes);
    }

    /// <summary>
    /// The indexes of <paramref name="pairs"/> in the order to measure them (see the type), for blocks of
    /// <paramref name="blockBytes"/> bytes of fingerprints.
    /// </summary>
    public static int[] Of(DocumentTable docs, ReadOnlySpan<(int A, int B)> pairs, long blockBytes)
    {
        var (slots, blocks) = SlotsAndBlocks(docs, blockBytes);
        var keys = new long[pairs.Length];
        var order = new int[pairs.Length];
        for (int k = 0; k < pairs.Length; k++)
        {
            var (a, b) = pairs[k];
            int early = slots[a] < slots[b] ? a : b, late = early == a ? b : a;
            keys[k] = (long)blocks[early] << 32 | (uint)slots[late];
            order[k] = k;
        }
        Array.Sort(keys, order);
        return order;
    }

    /// <summary>Each document's store slot, and its block: documents in slot order, cut every <paramref name="blockBytes"/> of fingerprints.</summary>
    private static (int[] Slots, int[] Blocks) SlotsAndBlocks(DocumentTable docs, long blockBytes)
    {
        var slots = new int[docs.Count];
        var documentAt = new int[docs.Store.Count];
        documentAt.AsSpan().Fill(-1);
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = docs.Slot(i);
            documentAt[slots[i]] = i;
        }
        var blocks = new int[docs.Count];
        int block = 0;
        long filled = 0;
        foreach (int i in documentAt)
        {
            if (i < 0)
            {
                continue;
            }
            long bytes = (long)docs.FingerprintCount(i) * sizeof(uint);
            if (filled > 0 && filled + bytes > blockBytes)
            {
                block++;
                filled = 0;
            }
            filled += bytes;
            blocks[i] = block;
        }
        return (slots, blocks);
    }
}

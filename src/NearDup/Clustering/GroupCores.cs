namespace NearDup.Clustering;

/// <summary>
/// Each group's core: its representative's fingerprints for a group of one, else the set the clusterer's quorum gives,
/// in pages that go to a spill file of their own when a spill folder is given (deleted on <see cref="Dispose"/>).
/// </summary>
internal sealed class GroupCores : IDisposable
{
    /// <summary>Groups whose cores a worker computes into one buffer of its own before they are appended in group order.</summary>
    private const int GroupsPerBlock = 64;

    /// <summary>Blocks computed at once per worker: enough to keep workers even, few enough that the buffers stay small.</summary>
    private const int BlocksPerWorker = 4;

    private readonly DocumentTable _docs;
    private readonly FingerprintSpill? _spill;
    private readonly FingerprintPages _pages;
    private readonly long[] _locations;
    private readonly int[] _counts;

    private GroupCores(DocumentTable docs, int[] groupRep, string? spillDirectory)
    {
        _docs = docs;
        _spill = spillDirectory is null ? null : new FingerprintSpill(spillDirectory);
        _pages = new FingerprintPages(_spill);
        _locations = new long[groupRep.Length];
        _counts = new int[groupRep.Length];
    }

    /// <summary>
    /// Each group's core: the fingerprints held by at least half its members (and two), or by either member of a pair. Per-site
    /// boilerplate around a syndicated copy drops out of the core, so weak links are judged on the story itself.
    /// A group of one is its own core and union: only groups of several get arrays.
    /// </summary>
    public static GroupCores Compute(DocumentTable docs, GroupLayout groups, string? spillDirectory, ParallelOptions parallel)
    {
        var cores = new GroupCores(docs, groups.Rep, spillDirectory);
        try
        {
            // Each block's cores go into a reused buffer (no array per group for the collector to copy), then are
            // appended to the pages (and so to the spill file, if any) in group order, whichever worker computed them.
            int blocks = BlocksPerWorker * Internal.Workers.Count(parallel.MaxDegreeOfParallelism, int.MaxValue);
            var buffers = new CoreBlock[blocks];
            for (int b = 0; b < blocks; b++)
            {
                buffers[b] = new CoreBlock();
            }
            for (int first = 0; first < groups.Count; first += blocks * GroupsPerBlock)
            {
                int chunkStart = first;
                Parallel.For(0, blocks, parallel, b => buffers[b].Compute(docs, groups, chunkStart + b * GroupsPerBlock, GroupsPerBlock));
                foreach (var block in buffers)
                {
                    for (int k = 0; k < block.Groups; k++)
                    {
                        cores.Set(block.First + k, block.Core(k), block.SameAs(k));
                    }
                }
            }
            cores.Seal();
            return cores;
        }
        catch
        {
            cores.Dispose();
            throw;
        }
    }

    public ReadOnlySpan<uint> this[int g] => _counts[g] < 0 ? _docs.Fingerprints((int)_locations[g]) : _pages.Get(_locations[g], _counts[g]);

    /// <summary>
    /// Sets group <paramref name="g"/>'s core: <paramref name="core"/>, or the fingerprints of document
    /// <paramref name="sameAs"/> when that is not −1 (the one member of a group of one, or a member whose set is the core).
    /// </summary>
    private void Set(int g, ReadOnlySpan<uint> core, int sameAs)
    {
        if (sameAs >= 0)
        {
            _counts[g] = -1;
            _locations[g] = sameAs;
            return;
        }
        _locations[g] = _pages.Append(core);
        _counts[g] = core.Length;
    }

    public void Seal() => _pages.Seal();

    public void Dispose() => _spill?.Dispose();

    /// <summary>
    /// The fingerprints that at least half the members (and at least two) hold, or either member of a pair, in a
    /// buffer of the calling thread; empty for a group of one.
    /// </summary>
    internal static ReadOnlySpan<uint> CoreOf(DocumentTable docs, GroupLayout groups, int g)
    {
        int size = groups.Size(g);
        if (size == 1)
        {
            return [];
        }
        // A group of two keeps both texts: a source grouped with one cut copy keeps the rest of its own text for the
        // copies that quote that rest; a third member's vote is what tells a site's wrapping from the story.
        int quorum = size == 2 ? 1 : Math.Max(2, (size + 1) / 2);
        int start = groups.Starts[g];
        return QuorumMerge.Of(size, r => docs.Fingerprints(groups.Members[start + r]), quorum);
    }
}

namespace NearDup.Clustering;

/// <summary>
/// Each group's core: its representative's fingerprints for a group of one, else the set the clusterer's quorum gives,
/// in pages that go to a spill file of their own when a spill folder is given (deleted on <see cref="Dispose"/>).
/// </summary>
internal sealed class GroupCores : IDisposable
{
    /// <summary>
    /// Groups whose cores are computed at once on all cores before they are appended in group order: enough work to
    /// keep every core busy, few enough arrays on the heap at a time.
    /// </summary>
    private const int ComputeChunk = 1 << 14;

    private readonly DocumentTable _docs;
    private readonly int[] _groupRep;
    private readonly FingerprintSpill? _spill;
    private readonly FingerprintPages _pages;
    private readonly long[] _locations;
    private readonly int[] _counts;

    private GroupCores(DocumentTable docs, int[] groupRep, string? spillDirectory)
    {
        _docs = docs;
        _groupRep = groupRep;
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
            // The chunk's arrays are appended to the pages (and so to the spill file, if any) and let go before the next.
            var chunk = new uint[]?[Math.Min(ComputeChunk, groups.Count)];
            for (int first = 0; first < groups.Count; first += ComputeChunk)
            {
                int end = Math.Min(groups.Count, first + ComputeChunk);
                Parallel.For(first, end, parallel, g => chunk[g - first] = CoreOf(docs, groups.MembersOf(g)));
                for (int g = first; g < end; g++)
                {
                    cores.Set(g, chunk[g - first]);
                    chunk[g - first] = null;
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

    public ReadOnlySpan<uint> this[int g] => _counts[g] < 0 ? _docs.Fingerprints(_groupRep[g]) : _pages.Get(_locations[g], _counts[g]);

    /// <summary>Sets group <paramref name="g"/>'s core (null: the group has one member, whose fingerprints are its core).</summary>
    public void Set(int g, uint[]? core)
    {
        if (core is null)
        {
            _counts[g] = -1;
            return;
        }
        _locations[g] = _pages.Append(core);
        _counts[g] = core.Length;
    }

    public void Seal() => _pages.Seal();

    public void Dispose() => _spill?.Dispose();

    /// <summary>The fingerprints that at least half the members (and at least two) hold, or either member of a pair; null for a group of one.</summary>
    private static uint[]? CoreOf(DocumentTable docs, ReadOnlySpan<int> members)
    {
        if (members.Length == 1)
        {
            return null;
        }
        var all = new List<uint>();
        foreach (int m in members)
        {
            all.AddRange(docs.Fingerprints(m));
        }
        all.Sort();
        var core = new List<uint>();
        // A group of two keeps both texts: a source grouped with one cut copy keeps the rest of its own text for the
        // copies that quote that rest; a third member's vote is what tells a site's wrapping from the story.
        int quorum = members.Length == 2 ? 1 : Math.Max(2, (members.Length + 1) / 2);
        for (int i = 0, start = 0; i <= all.Count; i++)
        {
            if (i == all.Count || all[i] != all[start])
            {
                if (i - start >= quorum)
                {
                    core.Add(all[start]);
                }
                start = i;
            }
        }
        return [.. core];
    }
}

using NearDup.Indexing;

namespace NearDup.Clustering;

/// <summary>
/// A query's anchor lookups, all of a text's anchors at once through a <see cref="PostingLookup"/> of the anchor table
/// (tens of megabytes: each lookup is a few cache misses, which overlap when looked up together).
/// </summary>
internal sealed class QueryAnchors(PostingLookup lookup)
{
    // Per-thread scratch, reused from query to query: the query's anchors.
    [ThreadStatic]
    private static uint[]? t_keys;

    private readonly PostingLookup[] _lookup = [lookup];

    /// <summary>The lookups of <paramref name="table"/>'s anchors.</summary>
    public QueryAnchors(PostingTable<uint> table)
        : this(new PostingLookup(table))
    {
    }

    /// <summary>The anchor postings looked up, <c>(key &lt;&lt; 32) | group</c>, ascending: the lookup's own array.</summary>
    public ulong[] Postings => _lookup[0].Postings;

    /// <summary>The table looked up, made again from the lookup's postings.</summary>
    public PostingTable<uint> ToTable() => _lookup[0].ToTable();

    /// <summary>
    /// Adds to <paramref name="hits"/> the group of every posting of every anchor among <paramref name="fingerprints"/>
    /// (those with no bit of <paramref name="anchorMask"/> set), anchor by anchor in the order given.
    /// </summary>
    public void Collect(ReadOnlySpan<uint> fingerprints, uint anchorMask, List<int> hits) => Collect(fingerprints, anchorMask, [], [], hits, hits, single: null);

    /// <summary>
    /// <see cref="Collect(ReadOnlySpan{uint}, uint, List{int})"/>, with the query's band keys looked up in the same
    /// passes: key k of <paramref name="bandKeys"/> in <paramref name="bands"/>[k], its documents added to
    /// <paramref name="bandFound"/> key by key, so that the band tables' cache misses overlap the anchor table's; the
    /// group of each anchor that one group alone holds is added to <paramref name="single"/> too (<see cref="DistinctiveAnchors"/>).
    /// </summary>
    public void Collect(ReadOnlySpan<uint> fingerprints, uint anchorMask, ReadOnlySpan<PostingLookup> bands, ReadOnlySpan<uint> bandKeys,
        List<int> bandFound, List<int> hits, List<int>? single)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(bandKeys.Length, bands.Length);
        int length = bandKeys.Length + fingerprints.Length;
        if (t_keys is null || t_keys.Length < length)
        {
            t_keys = new uint[Math.Max(length, 2 * (t_keys?.Length ?? 64))];
        }
        var keys = t_keys;
        bandKeys.CopyTo(keys);
        int n = bandKeys.Length;
        foreach (uint fp in fingerprints)
        {
            keys[n] = fp;
            n += (fp & anchorMask) == 0 ? 1 : 0;
        }
        PostingLookup.Collect(bands, _lookup[0], keys.AsSpan(0, n), bandFound, hits, single);
    }
}

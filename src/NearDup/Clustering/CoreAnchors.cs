namespace NearDup.Clustering;

/// <summary>
/// Each group's core anchors (<see cref="AnchorTable.IsAnchor"/>; boilerplate is not known yet, so it is kept and
/// dropped where the table keeps its runs), gathered by the sweep that computes the cores in spill order
/// (<see cref="MemberSweep"/>) while each core is in memory. The weak-link stage's anchor table reads them here: without
/// them it swept every core again, and a group of one's core is its member's fingerprints, so that sweep read the
/// documents' spill file once more. They are held only while they fit <c>budgetBytes</c> (the block budget the table's
/// passes would have gathered them in); past it they are dropped, and the table reads the cores as before.
/// </summary>
/// <param name="groups">The groups.</param>
/// <param name="anchorMask">The mask whose bits an anchor has clear (<see cref="AnchorTable.MaskOf"/>).</param>
/// <param name="budgetBytes">The most bytes the anchors may hold.</param>
internal sealed class CoreAnchors(int groups, uint anchorMask, long budgetBytes)
{
    private readonly List<uint[]> _parts = [];
    private readonly int[] _part = new int[groups];
    private readonly int[] _start = new int[groups];
    private readonly int[] _length = new int[groups];
    private long _bytes;
    private bool _dropped;

    /// <summary>The anchors' mask (<see cref="AnchorTable.MaskOf"/>).</summary>
    public uint AnchorMask => anchorMask;

    /// <summary>Whether they outgrew the budget and were dropped (then <see cref="this[int]"/> must not be read).</summary>
    public bool Dropped => Volatile.Read(ref _dropped);

    /// <summary>The bytes the anchors hold.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Group <paramref name="g"/>'s core anchors, in the core's (ascending) order.</summary>
    public ReadOnlySpan<uint> this[int g] => _parts[_part[g]].AsSpan(_start[g], _length[g]);

    /// <summary>
    /// Gathers the anchors of <paramref name="part"/>'s groups, whose cores <paramref name="cores"/> holds, into one
    /// array (a worker's share of a round: no array per group for the collector to walk). Safe to call from several
    /// workers at once, each with its own groups.
    /// </summary>
    public void Add(GroupCores cores, ReadOnlySpan<int> part)
    {
        if (Dropped || part.IsEmpty)
        {
            return;
        }
        int total = 0;
        foreach (int g in part)
        {
            total += Count(cores[g]);
        }
        // Room for the last core's values past its anchors: the copy writes every value and counts only the anchors.
        var anchors = new uint[total + MaxCore(cores, part)];
        int at = 0;
        foreach (int g in part)
        {
            _start[g] = at;
            at += AnchorTable.CopyAnchors(cores[g], anchorMask, anchors.AsSpan(at));
            _length[g] = at - _start[g];
        }
        Keep(anchors, total, part);
    }

    private static int MaxCore(GroupCores cores, ReadOnlySpan<int> part)
    {
        int most = 0;
        foreach (int g in part)
        {
            most = Math.Max(most, cores.Length(g));
        }
        return most;
    }

    private int Count(ReadOnlySpan<uint> core)
    {
        int count = 0;
        foreach (uint fp in core)
        {
            count += AnchorTable.IsAnchor(fp, anchorMask) ? 1 : 0;
        }
        return count;
    }

    /// <summary>Keeps the first <paramref name="count"/> of <paramref name="anchors"/> as <paramref name="part"/>'s, or drops them all once past the budget.</summary>
    private void Keep(uint[] anchors, int count, ReadOnlySpan<int> part)
    {
        lock (_parts)
        {
            if (_dropped)
            {
                return;
            }
            _bytes += (long)count * sizeof(uint);
            if (_bytes > budgetBytes)
            {
                _parts.Clear();
                _parts.TrimExcess();
                Volatile.Write(ref _dropped, true);
                return;
            }
            foreach (int g in part)
            {
                _part[g] = _parts.Count;
            }
            _parts.Add(anchors);
        }
    }
}

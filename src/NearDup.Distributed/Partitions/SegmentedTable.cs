namespace NearDup.Distributed.Partitions;

/// <summary>
/// A partition's rows: a sorted, immutable segment (a flat array, searched by bisection) plus a sorted tail of rows
/// added since (a flat array too, with room to grow: a call's rows are sorted and merged into it from the back in one
/// pass, where a tree allocated a node per row), and the segment rows removed since; the two are folded into a new
/// segment by <see cref="Merge"/> when the owner asks (<see cref="NeedsMerge"/> once they reach
/// <see cref="MergeThreshold"/> rows together; a partition also waits for the segment's size, and its timer merges a
/// quiet one), as log-structured stores (Lance, Milvus) keep their data. Rows are unique by <typeparamref name="TOrder"/>: it is their identity. Not thread-safe: a grain calls it one
/// turn at a time.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <typeparam name="TOrder">
/// The rows' order, which is their identity: a struct, so that searches of the segment (one per row added) call it
/// directly instead of through an interface.
/// </typeparam>
public sealed class SegmentedTable<T, TOrder>
    where TOrder : struct, IComparer<T>
{
    private static readonly IComparer<T> s_order = default(TOrder);
    private readonly SortedSet<T> _removed;
    private T[] _segment;
    private T[] _tail;
    private int _tailCount;

    // The changes since the owner last saved them (ClearChanges): what a partition appends to its log.
    private readonly List<T> _addedSinceSave = [];
    private readonly List<T> _removedSinceSave = [];

    /// <summary>Creates a table, from persisted <paramref name="state"/> if given.</summary>
    public SegmentedTable(int mergeThreshold, SegmentState<T>? state = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mergeThreshold, 1);
        MergeThreshold = mergeThreshold;
        _segment = state?.Segment ?? [];
        _tail = [];
        _removed = new SortedSet<T>(state?.Removed ?? [], s_order);
        AddRange(state?.Tail ?? []);
        _addedSinceSave.Clear();
        Merges = state?.Merges ?? 0;
    }

    /// <summary>Tail plus removed rows from which an add or removal merges.</summary>
    public int MergeThreshold { get; }

    /// <summary>Rows present.</summary>
    public int Count => _segment.Length - _removed.Count + _tailCount;

    /// <summary>Merges so far.</summary>
    public int Merges { get; private set; }

    /// <summary>Whether the tail and the removed rows have reached <see cref="MergeThreshold"/>.</summary>
    public bool NeedsMerge => _tailCount + _removed.Count >= MergeThreshold;

    /// <summary>Whether there is anything to merge.</summary>
    public bool HasPending => _tailCount + _removed.Count > 0;

    /// <summary>The table's sizes.</summary>
    public PartitionStats Stats => new(Count, _segment.Length, _tailCount, _removed.Count, Merges);

    /// <summary>The row with <paramref name="probe"/>'s identity, if present.</summary>
    public bool TryGet(T probe, out T found)
    {
        int inTail = TailIndexOf(probe);
        if (inTail >= 0)
        {
            found = _tail[inTail];
            return true;
        }
        int at = IndexOf(probe);
        if (at >= 0 && !_removed.Contains(_segment[at]))
        {
            found = _segment[at];
            return true;
        }
        found = default!;
        return false;
    }

    /// <summary>The tail position of the row with <paramref name="probe"/>'s identity, or the complement of where it would go.</summary>
    private int TailIndexOf(T probe) => Array.BinarySearch(_tail, 0, _tailCount, probe, s_order);

    /// <summary>The segment position of the row with <paramref name="probe"/>'s identity, or -1.</summary>
    private int IndexOf(T probe)
    {
        int lo = 0, hi = _segment.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = default(TOrder).Compare(_segment[mid], probe);
            if (c == 0)
            {
                return mid;
            }
            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /// <summary>Adds a row; false (and nothing changes) when a row with its identity is present.</summary>
    public bool Add(T row) => AddRange([row]) == 1;

    /// <summary>
    /// Adds the rows, as <see cref="Add"/> would one after another (of rows with one identity, the first), in one pass
    /// over the tail; the number added. <paramref name="added"/>, when given, says which were.
    /// </summary>
    public int AddRange(IReadOnlyList<T> rows, bool[]? added = null)
    {
        // Sorted by identity, ties by position, so that each identity's first row comes first; then each is looked up
        // from where the one before was found (LowerBound), in the segment and in the tail.
        // Positions are sorted, not rows (moving 4 bytes, not a row), and rows read from an array, not through the
        // list's interface.
        var copy = rows as T[] ?? [.. rows];
        int[] order = [.. Enumerable.Range(0, copy.Length)];
        Array.Sort(order, (x, y) =>
        {
            int c = default(TOrder).Compare(copy[x], copy[y]);
            return c != 0 ? c : x.CompareTo(y);
        });
        var fresh = new List<T>();
        int inSegment = 0, inTail = 0;
        for (int k = 0; k < order.Length; k++)
        {
            int position = order[k];
            var row = copy[position];
            bool isNew = k == 0 || default(TOrder).Compare(copy[order[k - 1]], row) != 0;
            if (isNew)
            {
                inSegment = LowerBound(_segment, inSegment, row);
                inTail = LowerBound(_tail.AsSpan(0, _tailCount), inTail, row);
                isNew = !IsLiveSegmentRow(inSegment, row) && !(inTail < _tailCount && default(TOrder).Compare(_tail[inTail], row) == 0);
            }
            if (isNew)
            {
                fresh.Add(row);
            }
            if (added is not null)
            {
                added[position] = isNew;
            }
        }
        MergeIntoTail(fresh);
        _addedSinceSave.AddRange(fresh);
        return fresh.Count;
    }

    /// <summary>Whether segment position <paramref name="at"/> holds <paramref name="probe"/>'s identity, not removed.</summary>
    private bool IsLiveSegmentRow(int at, T probe) =>
        at < _segment.Length && default(TOrder).Compare(_segment[at], probe) == 0 && (_removed.Count == 0 || !_removed.Contains(_segment[at]));

    /// <summary>
    /// The first position at or after <paramref name="from"/> whose row is not below <paramref name="probe"/> (the
    /// length if none), all rows before <paramref name="from"/> being below it: steps doubling from
    /// <paramref name="from"/>, then a bisection of the last step, so that a call's sorted rows cost the log of their
    /// distance apart in the segment, not of its size, and read it mostly forward.
    /// </summary>
    private static int LowerBound(ReadOnlySpan<T> rows, int from, T probe)
    {
        int lo = from, hi = from;
        for (int step = 1; hi < rows.Length && default(TOrder).Compare(rows[hi], probe) < 0; step <<= 1)
        {
            lo = hi + 1;
            hi += step;
        }
        hi = Math.Min(hi, rows.Length);
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (default(TOrder).Compare(rows[mid], probe) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Merges sorted rows absent from the tail into it, from the back, in place once it has room.</summary>
    private void MergeIntoTail(List<T> fresh)
    {
        if (fresh.Count == 0)
        {
            return;
        }
        int total = _tailCount + fresh.Count;
        if (_tail.Length < total)
        {
            Array.Resize(ref _tail, Math.Max(total, 2 * _tail.Length));
        }
        int i = _tailCount - 1, j = fresh.Count - 1;
        for (int k = total - 1; j >= 0; k--)
        {
            _tail[k] = i >= 0 && default(TOrder).Compare(_tail[i], fresh[j]) > 0 ? _tail[i--] : fresh[j--];
        }
        _tailCount = total;
    }

    /// <summary>Whether rows were added or removed since <see cref="ClearChanges"/>.</summary>
    public bool HasChanges => _addedSinceSave.Count + _removedSinceSave.Count > 0;

    /// <summary>
    /// The rows added (as <see cref="SegmentState{T}.Tail"/>) and removed (as <see cref="SegmentState{T}.Removed"/>) since
    /// <see cref="ClearChanges"/>, with the current merge count: a delta that <see cref="Apply"/> replays.
    /// </summary>
    public SegmentState<T> Changes() =>
        new() { Tail = [.. _addedSinceSave], Removed = [.. _removedSinceSave], Merges = Merges, Format = StoredFormat.Current };

    /// <summary>Forgets the changes: they are saved.</summary>
    public void ClearChanges()
    {
        _addedSinceSave.Clear();
        _removedSinceSave.Clear();
    }

    /// <summary>
    /// Replays a delta of <see cref="Changes"/>: its removals, then its adds (a partition call either adds or removes, so
    /// one delta never both adds and removes a row). Replaying one twice changes nothing more.
    /// </summary>
    public void Apply(SegmentState<T> delta)
    {
        RemoveRange(delta.Removed);
        AddRange(delta.Tail);
    }

    /// <summary>Removes the row with <paramref name="probe"/>'s identity; false when there is none.</summary>
    public bool Remove(T probe) => RemoveRange([probe]) == 1;

    /// <summary>Removes the rows with the probes' identities, as <see cref="Remove"/> would one after another, in one pass over the tail; the number removed.</summary>
    public int RemoveRange(IReadOnlyList<T> probes)
    {
        int removed = 0;
        bool[]? gone = null;
        foreach (var probe in probes)
        {
            int inTail = TailIndexOf(probe);
            if (inTail >= 0)
            {
                gone ??= new bool[_tailCount];
                if (!gone[inTail])
                {
                    gone[inTail] = true;
                    _removedSinceSave.Add(_tail[inTail]);
                    removed++;
                }
                continue;
            }
            int at = IndexOf(probe);
            if (at >= 0 && _removed.Add(_segment[at]))
            {
                _removedSinceSave.Add(_segment[at]);
                removed++;
            }
        }
        if (gone is not null)
        {
            int kept = 0;
            for (int k = 0; k < _tailCount; k++)
            {
                if (!gone[k])
                {
                    _tail[kept++] = _tail[k];
                }
            }
            Array.Clear(_tail, kept, _tailCount - kept);
            _tailCount = kept;
        }
        return removed;
    }

    /// <summary>
    /// Appends the rows whose key equals a probe's to <paramref name="into"/>: <paramref name="compareToKey"/> orders a
    /// row against the probe consistently with the table's order (a prefix of it), and every such row lies between
    /// <paramref name="low"/> and <paramref name="high"/> (inclusive) in the table's order, which bound the walk of the
    /// tail: a lookup costs a bisection and the rows found, not the tail's size. Segment rows come in order, then tail rows.
    /// </summary>
    public void Range(Func<T, int> compareToKey, T low, T high, List<T> into)
    {
        int lo = 0, hi = _segment.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (compareToKey(_segment[mid]) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        for (int i = lo; i < _segment.Length && compareToKey(_segment[i]) == 0; i++)
        {
            if (_removed.Count == 0 || !_removed.Contains(_segment[i]))
            {
                into.Add(_segment[i]);
            }
        }
        int from = TailIndexOf(low);
        for (int k = from >= 0 ? from : ~from; k < _tailCount && default(TOrder).Compare(_tail[k], high) <= 0; k++)
        {
            if (compareToKey(_tail[k]) == 0)
            {
                into.Add(_tail[k]);
            }
        }
    }

    /// <summary>Folds the tail and the removed rows into a new segment: one linear merge of two sorted runs.</summary>
    public void Merge()
    {
        if (!HasPending)
        {
            return;
        }
        var merged = new T[Count];
        int k = 0, t = 0;
        foreach (var row in _segment)
        {
            if (_removed.Count > 0 && _removed.Contains(row))
            {
                continue;
            }
            for (; t < _tailCount && default(TOrder).Compare(_tail[t], row) < 0; t++)
            {
                merged[k++] = _tail[t];
            }
            merged[k++] = row;
        }
        for (; t < _tailCount; t++)
        {
            merged[k++] = _tail[t];
        }
        _segment = merged;
        _tail = [];
        _tailCount = 0;
        _removed.Clear();
        Merges++;
    }

    /// <summary>The first segment position whose row comes after <paramref name="after"/>.</summary>
    private int UpperBound(T after)
    {
        int lo = 0, hi = _segment.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (default(TOrder).Compare(_segment[mid], after) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>The table as it is persisted.</summary>
    public SegmentState<T> ToState() =>
        new() { Segment = _segment, Tail = _tail[.._tailCount], Removed = [.. _removed], Merges = Merges, Format = StoredFormat.Current };

    /// <summary>
    /// Up to <paramref name="max"/> rows in order, the first ones after <paramref name="after"/> (from the start when
    /// <paramref name="fromStart"/>): a listing in pages, each a walk of the segment from a bisection and of the tail.
    /// </summary>
    public List<T> Page(bool fromStart, T after, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var page = new List<T>(Math.Min(max, Count));
        int i = fromStart ? 0 : UpperBound(after);
        int t = 0;
        if (!fromStart)
        {
            int at = TailIndexOf(after);
            t = at >= 0 ? at + 1 : ~at;
        }
        while (page.Count < max)
        {
            while (i < _segment.Length && _removed.Count > 0 && _removed.Contains(_segment[i]))
            {
                i++;
            }
            bool takeSegment = i < _segment.Length && (t >= _tailCount || default(TOrder).Compare(_segment[i], _tail[t]) < 0);
            if (takeSegment)
            {
                page.Add(_segment[i++]);
            }
            else if (t < _tailCount)
            {
                page.Add(_tail[t++]);
            }
            else
            {
                break;
            }
        }
        return page;
    }

    /// <summary>Every row, in order (tests and the batch listing).</summary>
    public IEnumerable<T> Rows()
    {
        var copy = new SegmentedTable<T, TOrder>(MergeThreshold, ToState());
        copy.Merge();
        return copy._segment;
    }
}

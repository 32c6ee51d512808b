namespace NearDup.Distributed.Partitions;

/// <summary>Consecutive stored pieces of a partition folded into one piece that replays to the same rows.</summary>
internal static class PieceMerge
{
    /// <summary>
    /// One delta equal to replaying <paramref name="pieces"/> in order (<see cref="SegmentedTable{T, TOrder}.Apply"/>): its
    /// adds are the rows whose last change was an add, its removals the rows removed at some point (so that a row removed
    /// and added again replaces the one before the pieces). With <paramref name="fromStart"/> the pieces are the first
    /// of the partition, replayed onto nothing: there is nothing for a removal to remove, and none is kept. Rows are in
    /// <typeparamref name="TOrder"/>'s order.
    /// </summary>
    public static SegmentState<T> Combine<T, TOrder>(IEnumerable<SegmentState<T>> pieces, bool fromStart)
        where TOrder : struct, IComparer<T>
    {
        // Every change in order, then sorted by row (stably: a row's changes keep their order), so each row's last
        // change is the end of its run.
        var changes = new List<(T Row, bool Added)>();
        foreach (var piece in pieces)
        {
            changes.AddRange(piece.Removed.Select(row => (row, false)));
            changes.AddRange(piece.Tail.Select(row => (row, true)));
        }
        int[] order = [.. Enumerable.Range(0, changes.Count)];
        Array.Sort(order, (x, y) =>
        {
            int c = default(TOrder).Compare(changes[x].Row, changes[y].Row);
            return c != 0 ? c : x.CompareTo(y);
        });
        var sorted = Array.ConvertAll(order, k => changes[k]);
        var added = new List<T>(sorted.Length);
        var removed = new List<T>();
        for (int i = 0, end; i < sorted.Length; i = end)
        {
            bool wasRemoved = false;
            for (end = i; end < sorted.Length && default(TOrder).Compare(sorted[end].Row, sorted[i].Row) == 0; end++)
            {
                wasRemoved |= !sorted[end].Added;
            }
            var last = sorted[end - 1];
            if (last.Added)
            {
                added.Add(last.Row);
            }
            if (wasRemoved && !fromStart)
            {
                removed.Add(last.Row);
            }
        }
        return new SegmentState<T> { Tail = [.. added], Removed = [.. removed], Format = StoredFormat.Current };
    }

    /// <summary>The rows a piece adds and removes: its size, as <see cref="PieceMergePolicy"/> counts it.</summary>
    public static int Rows<T>(SegmentState<T> piece) => piece.Segment.Length + piece.Tail.Length + piece.Removed.Length;
}

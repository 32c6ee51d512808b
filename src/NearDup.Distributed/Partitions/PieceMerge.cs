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
        // change is the end of its run. The changes are held in arrays of their exact size and only their positions
        // are sorted, so that a merge allocates little beyond the rows themselves: the silo's collector traces it all.
        var list = pieces as IReadOnlyList<SegmentState<T>> ?? [.. pieces];
        var rows = new T[list.Sum(p => p.Removed.Length + p.Tail.Length)];
        var isAdd = new bool[rows.Length];
        int n = 0;
        foreach (var piece in list)
        {
            piece.Removed.CopyTo(rows, n);
            n += piece.Removed.Length;
            piece.Tail.CopyTo(rows, n);
            isAdd.AsSpan(n, piece.Tail.Length).Fill(true);
            n += piece.Tail.Length;
        }
        int[] order = [.. Enumerable.Range(0, rows.Length)];
        Array.Sort(order, (x, y) =>
        {
            int c = default(TOrder).Compare(rows[x], rows[y]);
            return c != 0 ? c : x.CompareTo(y);
        });
        // Positions of the rows kept, then the rows: an array of exact size, without a list's spare room of rows.
        var added = new List<int>(rows.Length);
        var removed = new List<int>();
        for (int i = 0, end; i < order.Length; i = end)
        {
            bool wasRemoved = false;
            for (end = i; end < order.Length && default(TOrder).Compare(rows[order[end]], rows[order[i]]) == 0; end++)
            {
                wasRemoved |= !isAdd[order[end]];
            }
            int last = order[end - 1];
            if (isAdd[last])
            {
                added.Add(last);
            }
            if (wasRemoved && !fromStart)
            {
                removed.Add(last);
            }
        }
        return new SegmentState<T> { Tail = At(rows, added), Removed = At(rows, removed), Format = StoredFormat.Current };
    }

    /// <summary>The rows at <paramref name="positions"/>, in that order.</summary>
    private static T[] At<T>(T[] rows, List<int> positions)
    {
        var at = new T[positions.Count];
        for (int k = 0; k < at.Length; k++)
        {
            at[k] = rows[positions[k]];
        }
        return at;
    }

    /// <summary>The rows a piece adds and removes: its size, as <see cref="PieceMergePolicy"/> counts it.</summary>
    public static int Rows<T>(SegmentState<T> piece) => piece.Segment.Length + piece.Tail.Length + piece.Removed.Length;
}

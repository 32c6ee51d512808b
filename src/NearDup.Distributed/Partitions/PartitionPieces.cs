namespace NearDup.Distributed.Partitions;

/// <summary>
/// The stored side of a partition's <see cref="SegmentedTable{T, TOrder}"/>: pieces in its <see cref="IPartitionLog"/>.
/// Each save appends the rows a call changed; runs of small pieces are merged into one by <see cref="PieceMergePolicy"/>, so a
/// call writes its own rows and at most one piece's cap more, whatever the partition's size (a whole-table write of a
/// large partition outlasted Orleans' response timeout). The table in memory is merged on its own schedule: what is
/// stored and what is searched are laid out independently.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <typeparam name="TOrder">The rows' order, which is their identity.</typeparam>
/// <param name="log">Where the pieces are.</param>
/// <param name="partition">The partition's name in the log.</param>
/// <param name="write">A piece's bytes.</param>
/// <param name="read">A piece from its bytes, as this build reads it (its format checked).</param>
/// <param name="capRows">Rows a merged piece holds at most (<see cref="PieceMergePolicy"/>).</param>
internal sealed class PartitionPieces<T, TOrder>(IPartitionLog log, string partition, Func<SegmentState<T>, byte[]> write,
    Func<byte[], SegmentState<T>> read, int capRows)
    where TOrder : struct, IComparer<T>
{
    private readonly List<(long Sequence, int Rows)> _pieces = [];

    // The base number the pieces are stored under, and whether a whole table of that number (written by a build before
    // pieces) is stored in grain storage under them.
    private int _merges;
    private bool _baseLive;

    // A save failed, and may or may not be stored: the next save writes the whole table under a new number instead of
    // the changes, which the failed piece could duplicate or reorder.
    private bool _snapshotPending;
    private int _lastNumberTried;

    // A merge of pieces failed, perhaps after it was stored: the next one reads which pieces there are first.
    private bool _piecesUnknown;

    /// <summary>The stored pieces' sizes, oldest first (tests and statistics).</summary>
    public IReadOnlyList<int> PieceRows => _pieces.ConvertAll(p => p.Rows);

    /// <summary>
    /// The table as stored: <paramref name="stored"/> (a whole table an older build wrote, or null) under the pieces of
    /// its number, or the pieces of a newer number alone; the pieces of older numbers are deleted.
    /// </summary>
    public async Task<SegmentedTable<T, TOrder>> Load(SegmentState<T>? stored, int mergeThreshold)
    {
        var entries = await log.Read(partition);
        _merges = _lastNumberTried = Math.Max(stored?.Merges ?? 0, entries.Length == 0 ? 0 : entries.Max(e => e.Merges));
        _baseLive = stored is not null && stored.Merges == _merges;
        var live = entries.Where(e => e.Merges == _merges).ToArray();
        var pieces = Array.ConvertAll(live, e => read(e.Delta));
        _pieces.Clear();
        _pieces.AddRange(live.Select((e, i) => (e.Sequence, PieceMerge.Rows(pieces[i]))));
        SegmentedTable<T, TOrder> table;
        if (_baseLive)
        {
            table = new SegmentedTable<T, TOrder>(mergeThreshold, stored);
            Array.ForEach(pieces, table.Apply);
        }
        else
        {
            table = new SegmentedTable<T, TOrder>(mergeThreshold, new SegmentState<T> { Segment = PieceMerge.Combine<T, TOrder>(pieces, fromStart: true).Tail });
        }
        table.ClearChanges();
        if (live.Length < entries.Length)
        {
            await log.Truncate(partition, _merges);
        }
        return table;
    }

    /// <summary>Stores what changed in <paramref name="table"/> since the last save, as one piece; returns once durable.</summary>
    public async Task Save(SegmentedTable<T, TOrder> table)
    {
        if (_snapshotPending)
        {
            await Snapshot(table);
            return;
        }
        if (!table.HasChanges)
        {
            return;
        }
        var delta = table.Changes();
        long sequence;
        try
        {
            sequence = await log.Append(partition, _merges, write(delta));
        }
        catch
        {
            _snapshotPending = true;
            throw;
        }
        table.ClearChanges();
        _pieces.Add((sequence, PieceMerge.Rows(delta)));
    }

    /// <summary>Whether <see cref="MergeOnce"/> has a merge to do (or must first read which pieces there are, after a failed one).</summary>
    public bool MergeWanted => !_snapshotPending && (_piecesUnknown || PieceMergePolicy.NewestToMerge(PieceRows, capRows) > 0);

    /// <summary>Merges the newest pieces into one if <see cref="PieceMergePolicy"/> says so; whether it did (then call it again: the merged piece may join a larger merge).</summary>
    public async Task<bool> MergeOnce()
    {
        if (_snapshotPending)
        {
            return false;
        }
        try
        {
            if (_piecesUnknown)
            {
                await ReadPieces();
            }
            int take = PieceMergePolicy.NewestToMerge(PieceRows, capRows);
            if (take == 0)
            {
                return false;
            }
            int first = _pieces.Count - take;
            var sequences = _pieces.Skip(first).Select(p => p.Sequence).ToArray();
            var entries = (await log.Read(partition, first == 0 ? 0 : sequences[0])).Where(e => e.Merges == _merges).ToArray();
            var chosen = entries.Where(e => Array.BinarySearch(sequences, e.Sequence) >= 0).ToArray();
            if (chosen.Length != take)
            {
                throw new InvalidOperationException($"Partition {partition}: a piece to merge is gone (another activation merged it).");
            }
            // Only the partition's very first pieces may drop their removals: nothing before them could be removed.
            bool fromStart = first == 0 && !_baseLive && entries[0].Sequence == sequences[0];
            var combined = PieceMerge.Combine<T, TOrder>(chosen.Select(e => read(e.Delta)), fromStart);
            await log.Replace(partition, _merges, sequences, write(combined));
            _pieces.RemoveRange(first, take);
            _pieces.Add((sequences[^1], PieceMerge.Rows(combined)));
            return true;
        }
        catch
        {
            _piecesUnknown = true;
            throw;
        }
    }

    /// <summary>Writes the whole table as the only piece under a new number, then deletes the pieces under older ones.</summary>
    private async Task Snapshot(SegmentedTable<T, TOrder> table)
    {
        var whole = new SegmentState<T> { Tail = [.. table.Rows()], Format = StoredFormat.Current };
        // A number not tried before: a failed attempt may have been stored, and it must not count as this one.
        int merges = ++_lastNumberTried;
        long sequence = await log.Append(partition, merges, write(whole));
        (_merges, _baseLive, _snapshotPending, _piecesUnknown) = (merges, false, false, false);
        _pieces.Clear();
        _pieces.Add((sequence, whole.Tail.Length));
        table.ClearChanges();
        await log.Truncate(partition, _merges);
    }

    /// <summary>Reads which pieces are stored under the current number.</summary>
    private async Task ReadPieces()
    {
        var live = (await log.Read(partition)).Where(e => e.Merges == _merges).ToArray();
        _pieces.Clear();
        _pieces.AddRange(live.Select(e => (e.Sequence, PieceMerge.Rows(read(e.Delta)))));
        _piecesUnknown = false;
    }
}

namespace NearDup.Distributed.Partitions;

/// <summary>
/// When a partition's stored pieces are merged (<see cref="PartitionPieces{T, TOrder}"/>), by size ratio, as RocksDB's
/// universal compaction picks its runs: from the newest piece back, each older piece no larger than the newer ones
/// together joins them, while they fit in a piece's cap; <see cref="MinPieces"/> or more make a merge. Pieces then grow
/// geometrically from new to old (few of them: about one per quarter cap), each row is written a few times in all
/// (2.4 to 4 times in simulated calls of one row to 2,000, 7.7 for calls of one row under a cap of 262,144), and no
/// merge writes more than the cap, whatever the partition's size or the sizes of its calls.
/// </summary>
internal static class PieceMergePolicy
{
    /// <summary>Fewest pieces a merge takes: merging two at a time writes a row once per doubling.</summary>
    public const int MinPieces = 4;

    /// <summary>How many of the newest pieces (their rows, oldest first, in <paramref name="rows"/>) to merge into one: 0 for none.</summary>
    public static int NewestToMerge(IReadOnlyList<int> rows, int capRows)
    {
        int n = rows.Count;
        if (n < MinPieces)
        {
            return 0;
        }
        long sum = rows[n - 1];
        int take = 1;
        while (take < n && rows[n - 1 - take] <= sum && sum + rows[n - 1 - take] <= capRows)
        {
            sum += rows[n - 1 - take];
            take++;
        }
        return take >= MinPieces ? take : 0;
    }
}

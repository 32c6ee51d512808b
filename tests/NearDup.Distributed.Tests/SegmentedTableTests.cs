using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

public sealed class SegmentedTableTests
{
    private static KeyEntry Row(uint table, ulong value, string id) => new(table, value, id, 0);

    /// <summary>A key partition's lookup: the rows of key (<paramref name="table"/>, <paramref name="value"/>).</summary>
    private static void Find(SegmentedTable<KeyEntry, KeyEntryOrder> rows, uint table, ulong value, List<KeyEntry> found)
    {
        var (low, high) = KeyEntryOrder.Bounds(table, value);
        rows.Range(r => KeyEntryOrder.CompareKey(r, table, value), low, high, found);
    }

    [Fact]
    public void Range_TailRowsOfNeighbouringKeys_LeftOut()
    {
        var table = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 100);
        foreach (var row in new[] { Row(1, 6, "z"), Row(1, 7, "b"), Row(1, 8, "a"), Row(1, ulong.MaxValue, "m"), Row(2, 0, "a"), Row(0, 7, "q") })
        {
            table.Add(row);
        }
        var found = new List<KeyEntry>();
        Find(table, 1, 7, found);
        Assert.Equal(["b"], found.Select(r => r.Id));
        found.Clear();
        Find(table, 1, ulong.MaxValue, found);
        Assert.Equal(["m"], found.Select(r => r.Id));
        found.Clear();
        Find(table, 3, 0, found);
        Assert.Empty(found);
    }

    [Fact]
    public void Range_FindsSegmentAndTailRows_InOrder()
    {
        var table = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 100);
        table.Add(Row(1, 7, "b"));
        table.Add(Row(1, 7, "a"));
        table.Add(Row(2, 7, "c"));
        table.Merge();
        table.Add(Row(1, 7, "0"));
        var found = new List<KeyEntry>();
        Find(table, 1, 7, found);
        Assert.Equal(["a", "b", "0"], found.Select(r => r.Id));
        Assert.Equal(new PartitionStats(4, 3, 1, 0, 1), table.Stats);
    }

    [Fact]
    public void Add_SameIdentityTwice_KeepsOne()
    {
        var table = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 100);
        Assert.True(table.Add(Row(0, 1, "a")));
        Assert.False(table.Add(Row(0, 1, "a") with { Payload = 9 }));
        table.Merge();
        Assert.False(table.Add(Row(0, 1, "a")));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Remove_SegmentRow_HiddenAtOnceAndDroppedByMerge()
    {
        var table = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 100);
        table.Add(Row(0, 1, "a"));
        table.Add(Row(0, 1, "b"));
        table.Merge();
        Assert.True(table.Remove(Row(0, 1, "a")));
        Assert.False(table.Remove(Row(0, 1, "a")));
        var found = new List<KeyEntry>();
        Find(table, 0, 1, found);
        Assert.Equal(["b"], found.Select(r => r.Id));
        Assert.Equal(new PartitionStats(1, 2, 0, 1, 1), table.Stats);
        Assert.True(table.Add(Row(0, 1, "a")));
        table.Merge();
        Assert.Equal(new PartitionStats(2, 2, 0, 0, 2), table.Stats);
    }

    [Fact]
    public void Add_ReachesThreshold_NeedsMerge()
    {
        var table = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 3);
        table.Add(Row(0, 1, "a"));
        table.Add(Row(0, 2, "a"));
        Assert.False(table.NeedsMerge);
        table.Add(Row(0, 3, "a"));
        Assert.True(table.NeedsMerge);
    }

    /// <summary>Seeded random adds, removals, merges and state round trips against a sorted set: the rows, the
    /// lookups and the ranges always agree.</summary>
    [Fact]
    public void RandomOperations_MatchSortedSetReference()
    {
        var random = new Random(1234);
        var table = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 17);
        var reference = new SortedSet<KeyEntry>(KeyEntryOrder.Instance);
        for (int step = 0; step < 20_000; step++)
        {
            var row = Row((uint)random.Next(3), (ulong)random.Next(40), ((char)('a' + random.Next(6))).ToString());
            switch (random.Next(10))
            {
                case < 5:
                    Assert.Equal(reference.Add(row), table.Add(row));
                    break;
                case < 8:
                    Assert.Equal(reference.Remove(row), table.Remove(row));
                    break;
                case 8:
                    table.Merge();
                    break;
                default:
                    table = new SegmentedTable<KeyEntry, KeyEntryOrder>(17, table.ToState());
                    break;
            }
            if (table.NeedsMerge)
            {
                table.Merge();
            }
            Assert.Equal(reference.Count, table.Count);
            Assert.Equal(reference.Contains(row), table.TryGet(row, out _));
            if (step % 500 == 0)
            {
                Assert.Equal(reference, table.Rows());
                var found = new List<KeyEntry>();
                Find(table, row.Table, row.Value, found);
                Assert.Equal(reference.Where(r => r.Table == row.Table && r.Value == row.Value), found.Order(KeyEntryOrder.Instance));
            }
        }
        Assert.True(table.Merges > 100);
    }

    /// <summary>
    /// Seeded random batches of adds and removals (with repeated rows in a batch, as a call may send), merges and state
    /// round trips against a sorted set fed one row at a time: the same rows, the same counts, and for adds which rows
    /// were added.
    /// </summary>
    [Fact]
    public void RandomBatches_MatchOneRowAtATime()
    {
        var random = new Random(99);
        var table = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 40);
        var reference = new SortedSet<KeyEntry>(KeyEntryOrder.Instance);
        for (int step = 0; step < 3_000; step++)
        {
            // A payload per row, so that of rows with one identity in a batch the first must be the one kept.
            var batch = Enumerable.Range(0, random.Next(0, 30))
                .Select(k => Row((uint)random.Next(3), (ulong)random.Next(30), ((char)('a' + random.Next(5))).ToString()) with { Payload = (ulong)(step * 100 + k) }).ToArray();
            switch (random.Next(10))
            {
                case < 6:
                    var added = new bool[batch.Length];
                    int count = table.AddRange(batch, added);
                    var expected = batch.Select(r => reference.Add(r)).ToArray();
                    Assert.Equal(expected, added);
                    Assert.Equal(expected.Count(a => a), count);
                    break;
                case < 9:
                    Assert.Equal(batch.Count(r => reference.Remove(r)), table.RemoveRange(batch));
                    break;
                default:
                    table = new SegmentedTable<KeyEntry, KeyEntryOrder>(40, table.ToState());
                    break;
            }
            if (table.NeedsMerge && random.Next(2) == 0)
            {
                table.Merge();
            }
            Assert.Equal(reference.Count, table.Count);
            if (step % 100 == 0)
            {
                Assert.Equal(reference, table.Rows());
                Assert.Equal(reference, table.Page(true, default, int.MaxValue));
                var after = reference.ElementAtOrDefault(reference.Count / 2);
                Assert.Equal(reference.GetViewBetween(after, reference.Max).Skip(1).Take(7), table.Page(false, after, 7));
            }
        }
    }

    /// <summary>
    /// A partition's save: a stored state plus the deltas of each call since (adds or removals), replayed onto it, give
    /// the same rows as the live table; replaying a delta twice changes nothing more.
    /// </summary>
    [Fact]
    public void Changes_ReplayedOntoTheStoredState_SameRows()
    {
        var random = new Random(4321);
        var live = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 50);
        var stored = live.ToState();
        var deltas = new List<SegmentState<KeyEntry>>();
        for (int call = 0; call < 2_000; call++)
        {
            bool removing = random.Next(3) == 0;
            for (int n = random.Next(1, 8); n > 0; n--)
            {
                var row = Row((uint)random.Next(3), (ulong)random.Next(60), ((char)('a' + random.Next(6))).ToString());
                _ = removing ? live.Remove(row) : live.Add(row);
            }
            if (live.NeedsMerge)
            {
                live.Merge();
                stored = live.ToState();
                deltas.Clear();
            }
            else if (live.HasChanges)
            {
                deltas.Add(live.Changes());
            }
            live.ClearChanges();
            Assert.False(live.HasChanges);
            if (call % 100 == 0)
            {
                var replayed = new SegmentedTable<KeyEntry, KeyEntryOrder>(50, stored);
                deltas.ForEach(replayed.Apply);
                Assert.Equal(live.Rows(), replayed.Rows());
                deltas.ForEach(replayed.Apply);
                Assert.Equal(live.Rows(), replayed.Rows());
                Assert.All(deltas, d => Assert.Equal(stored.Merges, d.Merges));
            }
        }
        Assert.True(live.Merges > 10);
    }
}

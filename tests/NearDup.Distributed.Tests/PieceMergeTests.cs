using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

public sealed class PieceMergeTests
{
    /// <summary>
    /// Random calls (each adds rows or removes them, as a partition's calls do), saved as pieces: any run of consecutive
    /// pieces combined replays onto the table before them to the same rows as the pieces one by one, and the first
    /// pieces combined from the start are the rows themselves, with no removal kept.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Combine_AnyRunOfPieces_ReplaysAsThePiecesDo(int seed)
    {
        var random = new Random(seed);
        var live = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 16);
        var pieces = new List<SegmentState<KeyEntry>>();
        for (int call = 0; call < 60; call++)
        {
            bool removing = random.Next(3) == 0;
            for (int k = random.Next(1, 12); k > 0; k--)
            {
                // Few ids, so that rows are removed and added again; a payload that changes, which a replay must keep.
                var row = new KeyEntry((uint)random.Next(2), (ulong)random.Next(8), "d" + random.Next(6), (ulong)call);
                _ = removing ? live.Remove(row) : live.Add(row);
            }
            if (random.Next(4) == 0)
            {
                live.Merge();
            }
            pieces.Add(live.Changes());
            live.ClearChanges();
        }
        var expected = live.Rows().ToArray();
        var whole = PieceMerge.Combine<KeyEntry, KeyEntryOrder>(pieces, fromStart: true);
        Assert.Empty(whole.Removed);
        Assert.Equal(expected, whole.Tail);
        for (int trial = 0; trial < 40; trial++)
        {
            int from = random.Next(pieces.Count), to = random.Next(from + 1, pieces.Count + 1);
            var replayed = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 16);
            pieces.Take(from).ToList().ForEach(replayed.Apply);
            replayed.Apply(PieceMerge.Combine<KeyEntry, KeyEntryOrder>(pieces.Skip(from).Take(to - from), fromStart: false));
            pieces.Skip(to).ToList().ForEach(replayed.Apply);
            Assert.Equal(expected, replayed.Rows());
        }
    }

    [Fact]
    public void Combine_RowRemovedThenAddedAgain_ReplacesTheOneBefore()
    {
        var before = new KeyEntry(0, 1, "a", Payload: 1);
        var again = before with { Payload = 2 };
        var pieces = new[]
        {
            new SegmentState<KeyEntry> { Removed = [before] },
            new SegmentState<KeyEntry> { Tail = [again] },
        };
        var combined = PieceMerge.Combine<KeyEntry, KeyEntryOrder>(pieces, fromStart: false);
        var table = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 16);
        table.Add(before);
        table.Apply(combined);
        Assert.Equal([again], table.Rows());
        Assert.Equal(2UL, Assert.Single(combined.Tail).Payload);
    }
}

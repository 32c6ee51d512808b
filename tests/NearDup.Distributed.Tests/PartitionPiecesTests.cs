using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A partition's rows stored as pieces (<see cref="PartitionPieces{T, TOrder}"/>): what is loaded is what was saved,
/// through merges of pieces, failed saves whose outcome is unknown, a whole table an older build stored, and a second
/// activation merging the same pieces.
/// </summary>
public sealed class PartitionPiecesTests
{
    private const string Name = "keypartition/test/Band/0";

    // Pieces kept as objects: the bytes in the log are their number here (the codec is not what these tests test).
    private readonly List<SegmentState<KeyEntry>> _written = [];

    private byte[] Write(SegmentState<KeyEntry> piece)
    {
        _written.Add(piece);
        return BitConverter.GetBytes(_written.Count - 1);
    }

    private SegmentState<KeyEntry> Read(byte[] bytes) => _written[BitConverter.ToInt32(bytes)];

    private PartitionPieces<KeyEntry, KeyEntryOrder> Pieces(IPartitionLog log, int cap = 64) => new(log, Name, Write, Read, cap);

    /// <summary>One call of a partition: adds or removes a few rows, then saves and merges as the grain does.</summary>
    private static async Task Call(SegmentedTable<KeyEntry, KeyEntryOrder> table, PartitionPieces<KeyEntry, KeyEntryOrder> pieces, Random random, int call)
    {
        bool removing = random.Next(4) == 0;
        for (int k = random.Next(1, 9); k > 0; k--)
        {
            var row = new KeyEntry((uint)random.Next(2), (ulong)random.Next(12), "d" + random.Next(8), (ulong)call);
            _ = removing ? table.Remove(row) : table.Add(row);
        }
        if (table.NeedsMerge)
        {
            table.Merge();
        }
        await pieces.Save(table);
        while (await pieces.MergeOnce())
        {
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task SavedCalls_LoadedAgain_SameRows_PiecesMergedWithinTheCap(int seed)
    {
        var random = new Random(seed);
        var log = new MemoryPartitionLog();
        var pieces = Pieces(log);
        var table = await pieces.Load(stored: null, mergeThreshold: 16);
        for (int call = 0; call < 400; call++)
        {
            await Call(table, pieces, random, call);
            if (call % 50 == 49)
            {
                var loaded = await Pieces(log).Load(stored: null, mergeThreshold: 16);
                Assert.Equal(table.Rows(), loaded.Rows());
            }
        }
        var stored = await log.Read(Name);
        Assert.Equal(pieces.PieceRows.Count, stored.Length);
        Assert.True(stored.Length < 30, $"{stored.Length} pieces stored for 400 calls");
        Assert.All(pieces.PieceRows, rows => Assert.True(rows <= 64, $"a piece of {rows} rows, over the cap"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FailedSave_OutcomeUnknown_NextSaveStoresTheWholeTableUnderANewNumber(bool storedBeforeFailing)
    {
        var random = new Random(7);
        var log = new FlakyPartitionLog();
        var pieces = Pieces(log);
        var table = await pieces.Load(stored: null, mergeThreshold: 16);
        for (int call = 0; call < 30; call++)
        {
            await Call(table, pieces, random, call);
        }
        var gone = table.Rows().First();
        table.Add(new KeyEntry(9, 9, "failed", 0));
        log.NextAppend = (true, storedBeforeFailing);
        await Assert.ThrowsAsync<IOException>(() => pieces.Save(table));
        // The retried call: it removes what the failed one added, which a replay of both pieces would add back.
        table.Remove(new KeyEntry(9, 9, "failed", 0));
        table.Remove(gone);
        await pieces.Save(table);

        var stored = await log.Read(Name);
        var only = Assert.Single(stored);
        Assert.Equal(1, only.Merges);
        var loaded = await Pieces(log).Load(stored: null, mergeThreshold: 16);
        Assert.Equal(table.Rows(), loaded.Rows());
        Assert.DoesNotContain(loaded.Rows(), r => r.Id == "failed");
        for (int call = 30; call < 60; call++)
        {
            await Call(table, pieces, random, call);
        }
        Assert.All(await log.Read(Name), e => Assert.Equal(1, e.Merges));
        Assert.Equal(table.Rows(), (await Pieces(log).Load(stored: null, mergeThreshold: 16)).Rows());
    }

    [Fact]
    public async Task WholeTableOfAnOlderBuild_PiecesUnderItsNumber_ReplayedOntoIt()
    {
        var log = new MemoryPartitionLog();
        var old = new SegmentedTable<KeyEntry, KeyEntryOrder>(mergeThreshold: 16);
        for (int i = 0; i < 20; i++)
        {
            old.Add(new KeyEntry(0, (ulong)i, "old", 0));
        }
        old.Merge();
        var stored = old.ToState();
        stored.Merges = 3;
        await log.Append(Name, 2, Write(new SegmentState<KeyEntry> { Tail = [new KeyEntry(5, 5, "folded-earlier", 0)] }));
        var pieces = Pieces(log);
        var table = await pieces.Load(stored, mergeThreshold: 16);
        Assert.Equal(20, table.Count);
        Assert.Empty(await log.Read(Name)); // the piece under an older number was left by a crash: deleted

        var random = new Random(3);
        for (int call = 0; call < 80; call++)
        {
            await Call(table, pieces, random, call);
        }
        table.Remove(new KeyEntry(0, 0, "old", 0));
        await pieces.Save(table);
        Assert.All(await log.Read(Name), e => Assert.Equal(3, e.Merges));
        Assert.Equal(table.Rows(), (await Pieces(log).Load(stored, mergeThreshold: 16)).Rows());
        Assert.DoesNotContain((await Pieces(log).Load(stored, mergeThreshold: 16)).Rows(), r => r == new KeyEntry(0, 0, "old", 0));
    }

    [Fact]
    public async Task SecondActivation_MergedThePiecesFirst_MergeFailsThenReadsThePiecesAgain()
    {
        var random = new Random(5);
        var log = new MemoryPartitionLog();
        var first = Pieces(log);
        var table = await first.Load(stored: null, mergeThreshold: 16);
        for (int call = 0; call < 3; call++)
        {
            table.Add(new KeyEntry(0, (ulong)call, "a", 0));
            await first.Save(table);
        }
        var second = Pieces(log);
        var other = await second.Load(stored: null, mergeThreshold: 16);
        other.Add(new KeyEntry(0, 100, "b", 0));
        await second.Save(other);
        Assert.True(await second.MergeOnce());

        table.Add(new KeyEntry(0, 3, "a", 0));
        await first.Save(table);
        await Assert.ThrowsAsync<InvalidOperationException>(first.MergeOnce);
        for (int call = 4; call < 40; call++)
        {
            await Call(table, first, random, call);
        }
        var loaded = await Pieces(log).Load(stored: null, mergeThreshold: 16);
        Assert.Equal(table.Rows().Append(new KeyEntry(0, 100, "b", 0)).Order(KeyEntryOrder.Instance), loaded.Rows());
    }
}

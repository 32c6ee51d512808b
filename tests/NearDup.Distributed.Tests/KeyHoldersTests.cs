using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>The anchor partitions' answer to a query after a batch run: the rows as found, each id sent once.</summary>
public sealed class KeyHoldersTests
{
    [Fact]
    public void Of_Rows_ReadBackAsTheSameRows()
    {
        KeyEntry[] rows = [new(0, 9, "b", 0), new(0, 3, "a", 0), new(0, 9, "a", 0), new(0, ulong.MaxValue, "c", 0), new(0, 3, "c", 0)];
        var holders = KeyHolders.Of(rows);
        Assert.Equal(["a", "b", "c"], holders.Ids);
        var back = new List<KeyEntry>();
        holders.AddRowsTo(back);
        Assert.Equal(rows.OrderBy(r => r.Value).ThenBy(r => r.Id, StringComparer.Ordinal), back);
    }

    [Fact]
    public void AddRowsTo_CutOrOutOfRange_InvalidData()
    {
        var holders = KeyHolders.Of([new(0, 3, "a", 0), new(0, 3, "b", 0)]);
        var cut = holders with { Data = holders.Data[..^1] };
        Assert.Throws<InvalidDataException>(() => cut.AddRowsTo([]));
        var fewerIds = holders with { Ids = ["a"] };
        Assert.Throws<InvalidDataException>(() => fewerIds.AddRowsTo([]));
        var huge = holders with { Data = [0xFF, 0xFF, 0xFF, 0xFF, 0x07] };
        Assert.Throws<InvalidDataException>(() => huge.AddRowsTo([]));
    }

    [Fact]
    public void Of_NoRows_Empty()
    {
        var back = new List<KeyEntry>();
        KeyHolders.Of([]).AddRowsTo(back);
        Assert.Empty(back);
    }
}

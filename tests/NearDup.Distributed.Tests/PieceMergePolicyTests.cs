using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

public sealed class PieceMergePolicyTests
{
    [Fact]
    public void NewestToMerge_TooFewComparablePieces_None()
    {
        Assert.Equal(0, PieceMergePolicy.NewestToMerge([5, 5, 5], capRows: 2048));
        Assert.Equal(0, PieceMergePolicy.NewestToMerge([40, 5, 5, 5], capRows: 2048));
        Assert.Equal(4, PieceMergePolicy.NewestToMerge([40, 5, 5, 5, 5], capRows: 2048));
        Assert.Equal(5, PieceMergePolicy.NewestToMerge([900, 20, 10, 5, 5, 5], capRows: 2048));
    }

    [Fact]
    public void NewestToMerge_OverTheCap_Stops()
    {
        Assert.Equal(0, PieceMergePolicy.NewestToMerge([600, 600, 600, 600], capRows: 2048)); // 3 fit, fewer than 4
        Assert.Equal(4, PieceMergePolicy.NewestToMerge([600, 400, 400, 400, 400], capRows: 2048));
    }

    /// <summary>
    /// Calls appended and merged as a partition saves them: no merge passes the cap, the pieces stay few (about one
    /// per quarter cap, plus a few), and each row is written a few times, not once per call; whatever the calls'
    /// sizes, fixed or mixed.
    /// </summary>
    [Theory]
    [InlineData(85, 85, 2048, 3.0)]
    [InlineData(2133, 2133, 1 << 18, 4.0)]
    [InlineData(1, 1, 2048, 6.5)]
    [InlineData(25, 25, 1 << 18, 7.3)]
    [InlineData(300, 300, 2048, 2.0)]
    [InlineData(1, 8, 64, 2.5)]
    [InlineData(1, 300, 2048, 2.4)]
    public void Appends_MergedByThePolicy_BoundedPiecesAndWrites(int smallest, int largest, int cap, double writesPerRow)
    {
        var random = new Random(1);
        var pieces = new List<int>();
        long written = 0, rows = 0;
        for (int call = 0; call < 20_000; call++)
        {
            int size = random.Next(smallest, largest + 1);
            pieces.Add(size);
            written += size;
            rows += size;
            for (int take; (take = PieceMergePolicy.NewestToMerge(pieces, cap)) > 0;)
            {
                int merged = pieces.Skip(pieces.Count - take).Sum();
                Assert.True(merged <= cap, $"a merge wrote {merged} rows, over the cap {cap}");
                pieces.RemoveRange(pieces.Count - take, take);
                pieces.Add(merged);
                written += merged;
            }
        }
        Assert.Equal(rows, pieces.Sum(p => (long)p));
        Assert.True(pieces.Count <= rows / (cap / 4) + 8, $"{pieces.Count} pieces for {rows} rows");
        Assert.True(written <= (writesPerRow + 0.1) * rows, $"{written} rows written for {rows}");
    }
}

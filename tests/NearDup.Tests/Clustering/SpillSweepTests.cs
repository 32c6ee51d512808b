using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// A spill-order sweep runs every item once and asks for every item once, whatever the number of workers and however
/// the items fall into chunks; the pages it releases as it goes read back unchanged.
/// </summary>
public sealed class SpillSweepTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(SpillSweep.Chunk, 2)]
    [InlineData(3 * SpillSweep.Chunk + 7, 1)]
    [InlineData(5 * SpillSweep.Chunk - 1, 3)]
    public void Run_EveryItemRunAndAskedForOnce(int items, int workers)
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var spill = new FingerprintSpill(folder.Path);
        var page = spill.Write([.. Enumerable.Range(0, Math.Max(1, items)).Select(i => (uint)i * 3)]);
        var order = Enumerable.Range(0, items).Reverse().ToArray();
        var asked = new int[items];
        var ran = new int[items];
        var read = new uint[items];

        SpillSweep.Run(spill, order, workers, CancellationToken.None,
            (k, ahead) =>
            {
                Interlocked.Increment(ref asked[k]);
                ahead.Add(page.Slice(k, 1));
            },
            k =>
            {
                Interlocked.Increment(ref ran[k]);
                read[k] = page.Slice(k, 1)[0];
            });

        Assert.All(asked, n => Assert.Equal(1, n));
        Assert.All(ran, n => Assert.Equal(1, n));
        Assert.Equal(Enumerable.Range(0, items).Select(i => (uint)i * 3), read);
    }

    [Fact]
    public void Trim_ReleasesAtEveryMultipleAskedFor_PagesReadBack()
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var spill = new FingerprintSpill(folder.Path);
        uint[] values = [.. Enumerable.Range(0, 300_000).Select(i => (uint)i * 7)];
        var page = spill.Write(values);
        Assert.Equal(values, page.Slice(0, values.Length).ToArray());
        var trim = new SpillTrim(spill, null);

        trim.Asked(SpillTrim.Every - 1);
        Assert.Equal(0, trim.Releases);
        trim.Asked(1);
        Assert.Equal(1, trim.Releases);
        trim.Asked(2 * SpillTrim.Every + 5);
        Assert.Equal(2, trim.Releases);
        Parallel.For(0, 64, _ => trim.Asked(SpillTrim.Every / 16));
        Assert.Equal(6, trim.Releases);

        Assert.Equal(values, page.Slice(0, values.Length).ToArray());
    }
}

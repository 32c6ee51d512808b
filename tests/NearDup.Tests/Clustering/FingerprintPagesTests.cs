using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="FingerprintPages"/>: sets appended across many shared pages (cut from arrays of one, two, four and eight
/// pages without a spill file, or spilled, each on a new array or on the one just spilled), long sets on pages of their
/// own, read back exactly, as soon as appended and after all, also after a compacting collection.
/// </summary>
public sealed class FingerprintPagesTests
{
    [Theory]
    [InlineData(false, false, long.MaxValue)]
    [InlineData(true, false, long.MaxValue)]
    [InlineData(true, true, long.MaxValue)] // the page just spilled filled again as the next one
    [InlineData(true, false, 0L)] // every page written past the page cache
    [InlineData(true, true, 5L * FingerprintPages.PageSize * sizeof(uint))] // the first five pages through it, the rest past it
    public void Append_PastSeveralSlabs_ReadBackExactly(bool spill, bool refillSpilledPage, long directFrom)
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var file = spill ? new FingerprintSpill(folder.Path, directFrom) : null;
        var pages = new FingerprintPages(file, refillSpilledPage);
        var random = new Random(1234);
        var sets = new List<(long Location, uint[] Values)>();
        long total = 0;
        // Sixteen pages and more: the shared pages come from the fourth array on (1 + 2 + 4 + 8 pages before it).
        while (total < 17L * FingerprintPages.PageSize)
        {
            int length = sets.Count % 97 == 50 ? FingerprintPages.PageSize / 3 : random.Next(0, 20_000);
            var values = new uint[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = (uint)random.Next() ^ (uint)sets.Count;
            }
            sets.Add((pages.Append(values), values));
            Assert.True(pages.Get(sets[^1].Location, length).SequenceEqual(values));
            total += length;
        }
        pages.Seal();
        if (directFrom != long.MaxValue)
        {
            Assert.SkipUnless(file!.WritesPastCache, "the temporary folder's file system takes no direct writes");
        }
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        foreach (var (location, values) in sets)
        {
            Assert.True(pages.Get(location, values.Length).SequenceEqual(values));
        }
        // Released pages are mapped again from the page cache (or the file) as they are read.
        file?.Release();
        foreach (var (location, values) in sets)
        {
            Assert.True(pages.Get(location, values.Length).SequenceEqual(values));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Spill_PageTakenByAReader_IsNotFilledAgainOnceShared(bool shared)
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var file = new FingerprintSpill(folder.Path);
        var pages = new FingerprintPages(file);
        if (shared)
        {
            pages.MarkShared();
        }
        var first = Enumerable.Range(1, 1000).Select(i => (uint)i).ToArray();
        var taken = pages.Get(pages.Append(first), first.Length);
        // The rest of the page, then a set that starts the next one on the array just spilled, if it is filled again.
        pages.Append(new uint[FingerprintPages.PageSize - first.Length]);
        var second = Enumerable.Repeat(7u, first.Length).ToArray();
        long secondAt = pages.Append(second);

        Assert.True(pages.Get(secondAt, second.Length).SequenceEqual(second));
        if (shared)
        {
            Assert.True(taken.SequenceEqual(first));
        }
        else
        {
            // No reader may exist before the mark: the writer's own stale span shows that the array was filled again.
            Assert.True(taken.SequenceEqual(second));
        }
    }

    [Fact]
    public void HeapBytes_WithoutSpill_CountsPagesNotTheirArrays()
    {
        var pages = new FingerprintPages(spill: null);
        var set = new uint[FingerprintPages.PageSize / 4];
        for (int i = 0; i < 4 * 3 + 1; i++)
        {
            pages.Append(set);
        }
        // Four sets fill a page: 13 take four pages, though the arrays they were cut from hold 1 + 2 + 4.
        Assert.Equal(4L * FingerprintPages.PageSize * sizeof(uint), pages.HeapBytes);
    }
}

using NearDup.Cli.Pipeline;
using NearDup.Clustering;

namespace NearDup.Tests.Cli;

/// <summary><see cref="MemoryWatch"/>: the warning past its share of the heap, and no watch where there is nothing to warn of.</summary>
public sealed class MemoryWatchTests
{
    [Theory]
    [InlineData(799, 1000, false)]
    [InlineData(800, 1000, true)]
    [InlineData(5_000_000_000, 4_000_000_000, true)]
    [InlineData(800, 0, false)]
    public void Warning_PastShareOfAvailableHeap(long heap, long available, bool warns) =>
        Assert.Equal(warns, MemoryWatch.Warning(heap, available) is not null);

    [Fact]
    public void Warning_NamesSizesAndWhatToGive()
    {
        string warning = MemoryWatch.Warning(1_900_000_000, 2_000_000_000)!;
        Assert.Contains("take 1.9 GB of the 2.0 GB of heap", warning);
        Assert.Contains("--spill-dir DIR", warning);
    }

    [Fact]
    public void For_SpillingOrQuiet_NoWatch()
    {
        Assert.Null(MemoryWatch.For(NearDupOptions.Default with { SpillDirectory = Path.GetTempPath() }, quiet: false));
        Assert.Null(MemoryWatch.For(NearDupOptions.Default, quiet: true));
        Assert.NotNull(MemoryWatch.For(NearDupOptions.Default, quiet: false));
    }
}

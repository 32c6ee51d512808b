using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The read-ahead of a spill-order sweep: the merged ranges are those a point-by-point cover gives, and a batch asked
/// for over a real spill mapping starts afresh.
/// </summary>
public sealed class ReadAheadTests
{
    /// <summary>Non-empty ranges in [0, 2,000), as a sweep's documents lie: overlapping, touching, and apart.</summary>
    private static readonly Gen<(long Start, long End)[]> Ranges =
        Gen.Select(Gen.Long[0, 1_900], Gen.Long[1, 100], (start, length) => (start, start + length)).Array[0, 40];

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(7L)]
    [InlineData(64L)]
    public void Merge_RandomRanges_MatchesPointCover(long maxGap) =>
        Ranges.Sample(ranges =>
        {
            var merged = ranges.ToArray();
            int count = ReadAhead.Merge(merged, maxGap);
            Assert.Equal(Cover(ranges, maxGap), merged[..count]);
        });

    [Fact]
    public void Merge_TouchingPages_OneRangeAndAGapKept()
    {
        (long, long)[] ranges = [(8192, 12288), (0, 4096), (4096, 8192), (20480, 24576)];

        int count = ReadAhead.Merge(ranges, maxGap: 0);

        Assert.Equal([(0L, 12288L), (20480L, 24576L)], ranges[..count]);
    }

    [Fact]
    public void Issue_OverASpilledPage_AsksAndStartsAfresh()
    {
        using var folder = new SketchStoreTests.SpillFolder();
        using var spill = new FingerprintSpill(folder.Path);
        var page = spill.Write([.. Enumerable.Range(0, 50_000).Select(i => (uint)i)]);
        var ahead = new ReadAhead();

        ahead.Add(page.Slice(10, 3_000));
        ahead.Add(page.Slice(40_000, 100));
        ahead.Add([]);
        Assert.Equal(2, ahead.Count);
        ahead.Issue();

        Assert.Equal(0, ahead.Count);
        Assert.Equal(40_000u, page.Slice(40_000, 1)[0]);
    }

    /// <summary>
    /// The reference: every covered point marked, then runs of covered points joined across gaps of at most
    /// <paramref name="maxGap"/> uncovered points.
    /// </summary>
    private static (long Start, long End)[] Cover((long Start, long End)[] ranges, long maxGap)
    {
        var covered = new bool[2_100];
        foreach (var (start, end) in ranges)
        {
            covered.AsSpan((int)start, (int)(end - start)).Fill(true);
        }
        var runs = new List<(long Start, long End)>();
        for (int p = 0; p < covered.Length; p++)
        {
            if (!covered[p])
            {
                continue;
            }
            int end = p;
            while (end < covered.Length && covered[end])
            {
                end++;
            }
            if (runs.Count > 0 && p - runs[^1].End <= maxGap)
            {
                runs[^1] = (runs[^1].Start, end);
            }
            else
            {
                runs.Add((p, end));
            }
            p = end;
        }
        return [.. runs];
    }
}

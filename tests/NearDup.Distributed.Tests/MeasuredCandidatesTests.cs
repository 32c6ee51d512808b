using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A document partition's measured candidate pairs packed for the coordinator (<see cref="MeasuredCandidates"/>): they
/// round-trip (large numbers, repeated first numbers, -1 counts, the facts bits), and a cut or overlong page is named.
/// </summary>
public sealed class MeasuredCandidatesTests
{
    private static (long[] Pairs, MeasureAnswer Answer) Measured(int count, int seed)
    {
        var random = new Random(seed);
        var pairs = new SortedSet<long>();
        while (pairs.Count < count)
        {
            int a = random.Next(4) == 0 ? random.Next(0, 5) : random.Next(0, int.MaxValue);
            pairs.Add(PairKey.Pack(a, random.Next(0, int.MaxValue)));
        }
        int[] shared = [.. Enumerable.Range(0, count).Select(_ => random.Next(-1, 3000))];
        var differ = new byte[(count + 7) / 8];
        random.NextBytes(differ);
        return ([.. pairs], new MeasureAnswer(shared, differ));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(2000)]
    public void Pack_Unpack_RoundTrips(int count)
    {
        var (pairs, answer) = Measured(count, seed: 61 + count);
        var packed = MeasuredCandidates.Pack(pairs, answer);
        var (back, shared) = packed.Unpack();
        Assert.Equal(pairs, back);
        Assert.Equal(answer.Shared, shared);
        Assert.Equal(Enumerable.Range(0, count).Select(answer.IsSeriesApart), Enumerable.Range(0, count).Select(packed.IsSeriesApart));
    }

    [Fact]
    public void Unpack_CutOrOverlong_NamesIt()
    {
        var (pairs, answer) = Measured(50, seed: 62);
        var packed = MeasuredCandidates.Pack(pairs, answer);
        var cut = new MeasuredCandidates { Data = packed.Data[..^2], Count = packed.Count, SeriesApart = packed.SeriesApart };
        Assert.Contains("ends inside its 50 pairs", Assert.Throws<InvalidDataException>(() => cut.Unpack()).Message, StringComparison.Ordinal);
        var longer = new MeasuredCandidates { Data = [.. packed.Data, 0], Count = packed.Count, SeriesApart = packed.SeriesApart };
        Assert.Contains("1 bytes left after 50 pairs", Assert.Throws<InvalidDataException>(() => longer.Unpack()).Message, StringComparison.Ordinal);
        var bits = new MeasuredCandidates { Data = packed.Data, Count = packed.Count, SeriesApart = [] };
        Assert.Contains("50 pairs with 0 bytes", Assert.Throws<InvalidDataException>(() => bits.Unpack()).Message, StringComparison.Ordinal);
    }
}

using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The query's scoring shortcut: <see cref="QueryScoring.CountShared"/> counts what a plain intersection counts, and
/// the shared count of the query's fingerprints without boilerplate equals <see cref="Verifier.Measure"/>'s count,
/// which skips boilerplate in the merge; <see cref="BoilerplateFilter.Keep"/> keeps what <see cref="BoilerplateFilter.IsBoilerplate"/> does not flag.
/// </summary>
public sealed class QueryScoringTests
{
    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(0, 50, 2)]
    [InlineData(900, 900, 3)]
    [InlineData(900, 40, 4)]
    [InlineData(2000, 2000, 5)]
    public void CountShared_SeededSets_CountsTheIntersection(int sizeA, int sizeB, int seed)
    {
        var random = new Random(seed);
        var (a, b) = (SortedSet(random, sizeA, 4000), SortedSet(random, sizeB, 4000));
        Assert.Equal(a.Intersect(b).Count(), QueryScoring.CountShared(a, b));
        Assert.Equal(a.Length, QueryScoring.CountShared(a, a));
    }

    [Fact]
    public void CountShared_OfKeptFingerprints_EqualsVerifierMeasure()
    {
        var random = new Random(7);
        var query = SortedSet(random, 900, 3000);
        var doc = SortedSet(random, 800, 3000);
        var boilerplate = SortedSet(random, 400, 3000);
        var verifier = new Verifier(NearDupOptions.Default, BoilerplateFilter.Of(boilerplate));
        var kept = query.Where(fp => !verifier.Boilerplate.IsBoilerplate(fp)).ToArray();
        var keptInPasses = new uint[query.Length];
        Assert.Equal(kept, keptInPasses.AsSpan(0, verifier.Boilerplate.Keep(query, keptInPasses)).ToArray());
        int expected = verifier.Measure(query, kept.Length, doc, 800).Shared;
        Assert.InRange(expected, 1, query.Intersect(doc).Count() - 1); // boilerplate was shared, and left out
        Assert.Equal(expected, QueryScoring.CountShared(kept, doc));
    }

    private static uint[] SortedSet(Random random, int count, int range)
    {
        var set = new SortedSet<uint>();
        while (set.Count < count)
        {
            set.Add((uint)random.Next(range) * 0x9E3779B1u);
        }
        return [.. set];
    }
}

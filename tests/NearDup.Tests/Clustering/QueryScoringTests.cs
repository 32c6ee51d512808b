using NearDup.Clustering;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The query's scoring shortcut: <see cref="QueryScoring.CountShared"/> (vectorized where 256-bit vectors are) and its
/// scalar twin count what a plain intersection counts, and
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
    [InlineData(7, 9, 6)]
    [InlineData(8, 8, 7)]
    [InlineData(17, 300, 8)]
    [InlineData(1500, 1600, 9)]
    public void CountShared_SeededSets_CountsTheIntersection(int sizeA, int sizeB, int seed)
    {
        var random = new Random(seed);
        // Sets drawn from a range a little larger than the bigger one: most values shared, in runs and alone.
        int range = Math.Max(sizeA, sizeB) * 5 / 4 + 8;
        var (a, b) = (SortedSet(random, sizeA, range), SortedSet(random, sizeB, range));
        int expected = a.Intersect(b).Count();
        Assert.Equal(expected, QueryScoring.CountSharedScalar(a, b));
        Assert.Equal(expected, QueryScoring.CountShared(a, b));
        Assert.Equal(expected, QueryScoring.CountShared(b, a));
        Assert.Equal(a.Length, QueryScoring.CountShared(a, a));
        var sparse = SortedSet(random, sizeB, 40 * sizeB + 8);
        Assert.Equal(a.Intersect(sparse).Count(), QueryScoring.CountShared(a, sparse));
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

    [Fact]
    public void Score_OfKeptFingerprints_EqualsVerifierMeasure_AndIsMatchKeepsSameText()
    {
        var random = new Random(11);
        var query = SortedSet(random, 900, 3000);
        var boilerplate = SortedSet(random, 400, 3000);
        var verifier = new Verifier(NearDupOptions.Default, BoilerplateFilter.Of(boilerplate));
        var kept = new uint[query.Length];
        int keptCount = verifier.Boilerplate.Keep(query, kept);
        // A copy; five of the query's fingerprints among 400 it lacks (the multiplier is odd, so values drawn above the
        // query's range are not the query's): too few to verify; and an empty document.
        uint[][] docs = [SortedSet(random, 800, 3000), [.. query.Take(5).Concat(Enumerable.Range(3000, 400).Select(v => (uint)v * 0x9E3779B1u)).Order()], []];
        int verified = 0;
        foreach (var doc in docs)
        {
            var score = QueryScoring.Score(kept.AsSpan(0, keptCount), doc, doc.Length);
            var measured = verifier.Measure(query, keptCount, doc, doc.Length);
            Assert.Equal(measured, score);
            Assert.Equal(verifier.IsCopy(measured), QueryScoring.IsMatch(score, sameContent: false, verifier));
            Assert.True(QueryScoring.IsMatch(score, sameContent: true, verifier));
            verified += verifier.IsCopy(measured) ? 1 : 0;
        }
        Assert.Equal(1, verified);
    }

    [Fact]
    public void Score_WithTheQuerysFingerprints_EqualsVerifierMeasure_ForTheSameSetAndOthers()
    {
        var random = new Random(13);
        var query = SortedSet(random, 900, 3000);
        var boilerplate = SortedSet(random, 400, 3000);
        var verifier = new Verifier(NearDupOptions.Default, BoilerplateFilter.Of(boilerplate));
        var kept = new uint[query.Length];
        int keptCount = verifier.Boilerplate.Keep(query, kept);
        Assert.InRange(keptCount, 1, query.Length - 1);
        // The query's own set (the shortcut), a set one fingerprint short of it, one with one more, an unrelated set, an empty one.
        uint[][] docs = [(uint[])query.Clone(), query[1..], [.. query.Append(unchecked(3001u * 0x9E3779B1u)).Order()], SortedSet(random, 800, 3000), []];
        foreach (var doc in docs)
        {
            var score = QueryScoring.Score(kept.AsSpan(0, keptCount), query, doc, doc.Length);
            Assert.Equal(verifier.Measure(query, keptCount, doc, doc.Length), score);
            Assert.Equal(QueryScoring.Score(kept.AsSpan(0, keptCount), doc, doc.Length), score);
        }
        Assert.Equal(keptCount, QueryScoring.Score(kept.AsSpan(0, keptCount), query, query, query.Length).Shared);
    }

    [Fact]
    public void Match_OfKeptFingerprintsWithoutFilter_SameAsMatchWithTheFilter_OnEveryVerifiedPair()
    {
        var options = NearDupOptions.Default;
        var docs = IndexTestData.Build(IndexTestData.Corpus).Snapshot().Documents;
        // Every fifth fingerprint of the corpus is boilerplate, so that most pairs share some.
        var all = Enumerable.Range(0, docs.Count).SelectMany(i => docs.Fingerprints(i).ToArray()).Distinct().Order().ToArray();
        var filter = BoilerplateFilter.Of(all.Where((_, k) => k % 5 == 0).ToArray());
        var verifier = new Verifier(options, filter);
        var sizes = Enumerable.Range(0, docs.Count).Select(i => filter.CountNotBoilerplate(docs.Fingerprints(i))).ToArray();
        var filtered = new StoryJudge(docs, filter, sizes, options.SampleRate, CommonFacts.None);
        var unfiltered = new StoryJudge(docs, BoilerplateFilter.None, sizes, options.SampleRate, CommonFacts.None);
        int judged = 0;
        for (int q = 0; q < docs.Count; q++)
        {
            var query = Sketch(docs, q);
            var kept = new uint[query.Fingerprints.Length];
            int keptCount = filter.Keep(query.Fingerprints, kept);
            var keptPositions = new ushort[keptCount];
            QueryScoring.KeptPositions(query.Fingerprints, query.Positions, kept.AsSpan(0, keptCount), keptPositions);
            for (int d = 0; d < docs.Count; d++)
            {
                var score = QueryScoring.Score(kept.AsSpan(0, keptCount), docs.Fingerprints(d), sizes[d]);
                bool sameContent = query.ContentHash == docs.ContentHash(d);
                if (q == d || !QueryScoring.IsMatch(score, sameContent, verifier))
                {
                    continue;
                }
                var expected = QueryScoring.Match(query, keptCount, filtered.Side(d), sameContent, docs.Id(d), "c", verifier, filtered, options);
                var actual = QueryScoring.Match(new QuerySketch(query), kept.AsSpan(0, keptCount), keptPositions, score, unfiltered.Side(d), sameContent, docs.Id(d), "c",
                    verifier, unfiltered, options);
                Assert.Equal(expected, actual);
                var merged = new SharedIndexPairs();
                Assert.Equal(score, QueryScoring.Score(kept.AsSpan(0, keptCount), query.Fingerprints, docs.Fingerprints(d), sizes[d], merged));
                Assert.Equal(expected, QueryScoring.Match(new QuerySketch(query), kept.AsSpan(0, keptCount), keptPositions, score, unfiltered.Side(d),
                    sameContent, docs.Id(d), "c", verifier, unfiltered, options, merged: merged));
                judged += expected is { Role: CopyRole.Rewritten or CopyRole.Excerpt } ? 1 : 0;
            }
        }
        // Pairs whose evidence the judge measured (neither exact nor syndicated), not only the shortcuts.
        Assert.True(judged >= 10, judged.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void KeptPositions_ThePositionsOfTheKeptSubsequence()
    {
        uint[] fingerprints = [2, 5, 9, 11, 40, 41];
        ushort[] positions = [7, 0, 3, 12, 5, 1];
        var keptPositions = new ushort[3];
        QueryScoring.KeptPositions(fingerprints, positions, [5, 11, 41], keptPositions);
        Assert.Equal(new ushort[] { 0, 12, 1 }, keptPositions);
    }

    private static DocumentSketch Sketch(DocumentTable docs, int i) => new()
    {
        Id = docs.Id(i),
        DateTicks = docs.DateTicks(i),
        ContentHash = docs.ContentHash(i),
        ShingleCount = docs.ShingleCount(i),
        BandKeys = docs.BandKeys(i).ToArray(),
        Fingerprints = docs.Fingerprints(i).ToArray(),
        Positions = docs.Positions(i).ToArray(),
        Facts = docs.Facts(i).ToArray(),
    };

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

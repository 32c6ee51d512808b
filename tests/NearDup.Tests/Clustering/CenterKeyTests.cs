using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="CenterKey"/>: center order is the earliest date first, then the larger group, the stronger links, the
/// more source votes, the representative with more fingerprints, the lower representative, the lower group; keys drawn
/// from small ranges so that most of them tie on the first terms, as most groups do.
/// </summary>
public sealed class CenterKeyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sort_ManyTies_TheDocumentedPrecedence(int seed)
    {
        var random = new Random(seed);
        var keys = new CenterKey[5000];
        for (int g = 0; g < keys.Length; g++)
        {
            long date = random.Next(3) == 0 ? long.MaxValue : random.Next(3);
            keys[g] = new CenterKey(date, random.Next(1, 3), random.Next(3) * 0.25, random.Next(2), random.Next(5, 8), random.Next(10_000), g);
        }
        var expected = keys.OrderBy(k => k.Date).ThenByDescending(k => k.Size).ThenByDescending(k => k.Strength)
            .ThenByDescending(k => k.SourceVotes).ThenByDescending(k => k.Fingerprints).ThenBy(k => k.Rep).ThenBy(k => k.Group).ToArray();
        var sorted = keys.ToArray();
        Array.Sort(sorted);
        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void CompareTo_RepresentativesTied_OrdersThemAsTheCanonicalRule()
    {
        // The key restates CanonicalRule.IsBetter's terms (date, more fingerprints, lower ordinal) so as not to read the
        // table at each comparison: the two must not drift apart.
        var random = new Random(7);
        var store = new SketchStore(bands: 1);
        for (int i = 0; i < 60; i++)
        {
            long date = random.Next(3) == 0 ? long.MaxValue : random.Next(1, 3);
            var fingerprints = Enumerable.Range(0, random.Next(1, 4)).Select(v => (uint)v).ToArray();
            store.Add($"d{random.Next(1000):D3}-{i}", date, (ulong)i, 0, fingerprints.Length, [1u], fingerprints, []);
        }
        var docs = new DocumentTable(store, [.. Enumerable.Range(0, store.Count)]);
        CenterKey KeyOf(int rep) => new(docs.DateTicks(rep), 1, 0, 0, docs.FingerprintCount(rep), rep, rep);

        for (int x = 0; x < docs.Count; x++)
        {
            for (int y = 0; y < docs.Count; y++)
            {
                Assert.Equal(CanonicalRule.IsBetter(docs, x, y), KeyOf(x).CompareTo(KeyOf(y)) < 0);
            }
        }
    }

    [Fact]
    public void CompareTo_EachTermDecidesBeforeTheNext()
    {
        var key = new CenterKey(Date: 5, Size: 2, Strength: 0.5, SourceVotes: 1, Fingerprints: 100, Rep: 7, Group: 3);
        Assert.True(key.CompareTo(key with { Date = 6, Size = 9 }) < 0);
        Assert.True(key.CompareTo(key with { Size = 1, Strength = 9 }) < 0);
        Assert.True(key.CompareTo(key with { Strength = 0.25, SourceVotes = 9 }) < 0);
        Assert.True(key.CompareTo(key with { SourceVotes = 0, Fingerprints = 999 }) < 0);
        Assert.True(key.CompareTo(key with { Fingerprints = 99, Rep = 0 }) < 0);
        Assert.True(key.CompareTo(key with { Rep = 8, Group = 0 }) < 0);
        Assert.True(key.CompareTo(key with { Group = 4 }) < 0);
        Assert.Equal(0, key.CompareTo(key));
    }
}

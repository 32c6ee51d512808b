using NearDup.Clustering;
using NearDup.Indexing;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The anchor candidates read off the table's runs: exactly the group pairs that share the minimum number of anchors,
/// a key two groups alone hold counting <see cref="DistinctiveAnchors.Weight"/> when one of them is short, whatever the
/// workers and however many passes the pair budget makes.
/// </summary>
public sealed class AnchorPairsTests
{
    [Theory]
    [InlineData(1, 1L << 24, 2)]
    [InlineData(3, 1L << 24, 2)]
    [InlineData(2, 1L << 24, 3)]
    [InlineData(2, 500L, 2)]
    [InlineData(4, 1L, 1)]
    public void Candidates_AreThePairsSharingEnoughAnchors(int threads, long budget, int minShared)
    {
        const int Groups = 700;
        var random = new Random(threads * 7 + minShared);
        // Each group holds anchors from a story shared with a few neighbouring groups, and some of its own; keys are
        // held by 1 to 15 groups, as anchors below the boilerplate threshold are.
        var postings = new SortedSet<(uint Key, int Group)>();
        for (int g = 0; g < Groups; g++)
        {
            int story = g / 5;
            for (int a = 0; a < 12; a++)
            {
                if (random.Next(3) != 0)
                {
                    postings.Add(((uint)(story * 64 + a), g));
                }
            }
            for (int a = 0; a < 4; a++)
            {
                postings.Add(((uint)random.Next(1 << 20, 1 << 21), g));
            }
        }
        var table = PostingTable<uint>.Build([.. postings.Select(p => p.Key)], [.. postings.Select(p => p.Group)]);

        var isShort = ShortGroups(Groups, random);
        var found = AnchorPairs.Candidates(table, isShort, minShared, new ParallelOptions { MaxDegreeOfParallelism = threads }, budget);

        Assert.Equal(Expected(postings, isShort, minShared), found);
        Assert.NotEmpty(found);
    }

    [Theory]
    [InlineData(1, 1L << 24)]
    [InlineData(2, 300L)]
    public void Candidates_OverSeveralRuns_AreTheWholeTablesPairs(int threads, long budget)
    {
        // Postings split by key range into runs' arrays of different sizes (one empty), as the anchor table's passes keep
        // them: the pairs must be the same as over the one table.
        const int Groups = 300;
        var random = new Random(threads);
        var postings = new SortedSet<(uint Key, int Group)>();
        for (int g = 0; g < Groups; g++)
        {
            for (int a = 0; a < 10; a++)
            {
                postings.Add(((uint)((g / 4) * 32 + random.Next(12)), g));
            }
        }
        uint[] splits = [0, 600, 600, 2_000, uint.MaxValue];
        var runs = new List<AnchorRuns>();
        for (int r = 0; r + 1 < splits.Length; r++)
        {
            var part = postings.Where(p => p.Key >= splits[r] && p.Key < splits[r + 1]).ToArray();
            runs.Add(new AnchorRuns([.. part.Select(p => p.Key)], [.. part.Select(p => p.Group)]));
        }
        Assert.Contains(runs, r => r.Keys.Length == 0);

        var isShort = ShortGroups(Groups, random);
        var found = AnchorPairs.Candidates(runs, isShort, 2, new ParallelOptions { MaxDegreeOfParallelism = threads }, budget);

        Assert.Equal(Expected(postings, isShort, 2), found);
        Assert.NotEmpty(found);
    }

    [Fact]
    public void Candidates_PassesGrowing_HoldOneArrayForAll()
    {
        // Group 0 pairs with groups 1..A and group A+1 with the next B groups, each by a key of two groups: a pass each
        // (the budget is below both), the second larger than the first, and both arrays long enough to keep as spare.
        const int A = 140_000, B = 150_001;
        var keys = new List<uint>();
        var groups = new List<int>();
        for (int g = 1; g <= A; g++)
        {
            keys.AddRange([(uint)g, (uint)g]);
            groups.AddRange([0, g]);
        }
        for (int g = A + 2; g <= A + 1 + B; g++)
        {
            keys.AddRange([(uint)g, (uint)g]);
            groups.AddRange([A + 1, g]);
        }
        var table = PostingTable<uint>.Build([.. keys], [.. groups]);
        var spare = new NearDup.Internal.SpareArrays();

        var found = AnchorPairs.Candidates([SharedAnchorRuns.Of(table.Keys, table.Documents)], new bool[A + B + 2], 1, new ParallelOptions(),
            maxPairsPerPass: 100_000, spare);

        long[] expected = [.. Enumerable.Range(1, A).Select(g => PairKey.Pack(0, g)), .. Enumerable.Range(A + 2, B).Select(g => PairKey.Pack(A + 1, g))];
        Assert.Equal(expected, found);
        // One array, of the largest pass's pairs (two words each), given back.
        Assert.Equal((1, 2L * B * sizeof(uint)), spare.Held);
    }

    [Fact]
    public void Candidates_EmptyTable_HasNone() =>
        Assert.Empty(AnchorPairs.Candidates(PostingTable<uint>.Build([], []), new bool[10], 2, new ParallelOptions()));

    [Fact]
    public void Candidates_KeyOfTwoGroups_CountsTwiceOnlyWithAShortGroup()
    {
        // Keys 1 and 2 are each held by two groups alone: 0 and 1 (both long), 2 and 3 (3 short); key 3 by three
        // groups, 4 of them short.
        var table = PostingTable<uint>.Build([1, 1, 2, 2, 3, 3, 3], [0, 1, 2, 3, 0, 4, 5]);

        var found = AnchorPairs.Candidates(table, [false, false, false, true, true, false], 2, new ParallelOptions());

        Assert.Equal([PairKey.Pack(2, 3)], found);
    }

    /// <summary>About a third of the groups short, at random.</summary>
    private static bool[] ShortGroups(int groups, Random random) => [.. Enumerable.Range(0, groups).Select(_ => random.Next(3) == 0)];

    /// <summary>Shared anchors counted pair by pair, a key of two groups one of them short as <see cref="DistinctiveAnchors.Weight"/>.</summary>
    private static long[] Expected(SortedSet<(uint Key, int Group)> postings, bool[] isShort, int minShared)
    {
        var shared = new Dictionary<long, int>();
        foreach (var run in postings.GroupBy(p => p.Key))
        {
            var owners = run.Select(p => p.Group).Order().ToArray();
            for (int i = 0; i < owners.Length; i++)
            {
                for (int j = i + 1; j < owners.Length; j++)
                {
                    long key = PairKey.Pack(owners[i], owners[j]);
                    shared[key] = shared.GetValueOrDefault(key) + (owners.Length == 2 && (isShort[owners[i]] || isShort[owners[j]]) ? DistinctiveAnchors.Weight : 1);
                }
            }
        }
        return [.. shared.Where(s => s.Value >= minShared).Select(s => s.Key).Order()];
    }
}

using System.Numerics;
using NearDup.Indexing;

namespace NearDup.Tests.Indexing;

public sealed class SimHashIndexTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    public void Query_MatchesBruteForceHamming(int maxDistance)
    {
        var random = new Random(99);
        var hashes = new List<ulong>();
        for (int i = 0; i < 300; i++)
        {
            if (i > 0 && random.Next(3) == 0)
            {
                // A near copy of an earlier hash: flip a few bits.
                ulong h = hashes[random.Next(hashes.Count)];
                int flips = random.Next(0, 9);
                for (int f = 0; f < flips; f++)
                {
                    h ^= 1UL << random.Next(64);
                }
                hashes.Add(h);
            }
            else
            {
                hashes.Add((ulong)random.NextInt64() ^ (ulong)random.Next() << 63);
            }
        }
        var documents = Enumerable.Range(1000, hashes.Count).ToArray();
        var index = new SimHashIndex(hashes.ToArray(), documents, maxDistance);
        for (int q = 0; q < hashes.Count; q++)
        {
            var expected = Enumerable.Range(0, hashes.Count).Where(i => BitOperations.PopCount(hashes[i] ^ hashes[q]) <= maxDistance).Select(i => documents[i]).ToArray();
            Assert.Equal(expected, index.Query(hashes[q]));
            var collected = new List<int> { -1 };
            index.Collect(hashes[q], collected);
            Assert.Equal(-1, collected[0]);
            Assert.Equal(expected, collected.Skip(1).Distinct().Order());
        }
    }

    [Fact]
    public void ForEachPair_MatchesBruteForcePairs()
    {
        var random = new Random(3);
        var hashes = new ulong[400];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = i % 4 == 0 || i == 0 ? (ulong)random.NextInt64() : hashes[i - 1] ^ 1UL << random.Next(64) ^ 1UL << random.Next(64);
        }
        var index = new SimHashIndex(hashes, Enumerable.Range(0, hashes.Length).ToArray(), 3);
        var sink = new Collect([]);
        index.ForEachPair(ref sink);
        var expected = BruteForcePairs(hashes, 3);
        Assert.True(expected.Count > 100);
        Assert.Equal(expected.Order(), sink.Pairs.Order());
    }

    [Fact]
    public void ForEachPair_LongRunsOfOneBlockValue_StillFindsEveryPair()
    {
        // A large corpus puts many hashes on each 16-bit block value. Here all 600 share block 0, and each copy differs
        // from its original by one bit in each of blocks 1, 2 and 3, so no other block matches: only the split of the
        // long run finds them.
        var random = new Random(5);
        var hashes = new ulong[600];
        for (int i = 0; i < hashes.Length; i++)
        {
            // Originals first, copies after them: a copy is never next to its original in the run.
            hashes[i] = i < 300
                ? (ulong)random.NextInt64() << 16 | 0x1234
                : hashes[i - 300] ^ 1UL << (16 + random.Next(16)) ^ 1UL << (32 + random.Next(16)) ^ 1UL << (48 + random.Next(16));
        }
        var index = new SimHashIndex(hashes, Enumerable.Range(0, hashes.Length).ToArray(), 3);
        var sink = new Collect([]);
        index.ForEachPair(ref sink);
        var expected = BruteForcePairs(hashes, 3);
        Assert.True(expected.Count >= 300);
        Assert.Equal(expected.Order(), sink.Pairs.Order());

        // The same pairs without an index (one block table at a time), documents renumbered on the way out.
        var once = new Collect([]);
        SimHashIndex.ForEachPairOnce((ulong[])hashes.Clone(), Enumerable.Range(1000, hashes.Length).ToArray(), 3, ref once);
        Assert.Equal(expected.Select(p => (p.Item1 + 1000, p.Item2 + 1000)).Order(), once.Pairs.Order());
    }

    private static HashSet<(int, int)> BruteForcePairs(ulong[] hashes, int maxDistance)
    {
        var pairs = new HashSet<(int, int)>();
        for (int a = 0; a < hashes.Length; a++)
        {
            for (int b = a + 1; b < hashes.Length; b++)
            {
                if (BitOperations.PopCount(hashes[a] ^ hashes[b]) <= maxDistance)
                {
                    pairs.Add((a, b));
                }
            }
        }
        return pairs;
    }

    private readonly struct Collect(List<(int, int)> pairs) : IPairSink
    {
        public List<(int, int)> Pairs => pairs;

        public void Add(int a, int b) => pairs.Add((Math.Min(a, b), Math.Max(a, b)));
    }

    [Fact]
    public void Constructor_BadDistance_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimHashIndex([1UL], [0], 8));
}

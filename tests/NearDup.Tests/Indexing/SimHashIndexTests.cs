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
        }
    }

    [Fact]
    public void Constructor_BadDistance_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimHashIndex([1UL], [0], 8));
}

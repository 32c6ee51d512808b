using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>The flat open-addressing set behind boilerplate lookups: members found, others not, zero included.</summary>
public sealed class FlatSetTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1_000, false)]
    [InlineData(50_000, true)]
    public void Contains_IsTrueExactlyForMembers(int size, bool withZero)
    {
        var random = new Random(size);
        var members = new HashSet<uint>();
        while (members.Count < size)
        {
            // Values that share their top bits, so that home slots collide and probes run on.
            members.Add((uint)random.Next(0, 4 * size + 1) << 2);
        }
        members.Remove(0);
        if (withZero)
        {
            members.Add(0);
        }
        var set = new FlatSet([.. members, .. members.Take(10)]);

        Assert.All(members, v => Assert.True(set.Contains(v)));
        for (uint v = 0; v < 4 * size + 100; v++)
        {
            Assert.Equal(members.Contains(v), set.Contains(v));
        }
        Assert.Equal(withZero, set.Contains(0));
        Assert.False(set.Contains(uint.MaxValue));
    }
}

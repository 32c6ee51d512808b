using NearDup.Text;

namespace NearDup.Tests.Text;

/// <summary>
/// Character shingles into a destination of exactly their count, and of one less: the first fills it, the second
/// returns false and leaves it as it was (both overloads). A Stryker run on Shingler.cs left these boundaries unpinned.
/// </summary>
public sealed class ShinglerCharacterDestinationTests
{
    private static readonly Shingler s_shingler = new(new ShingleOptions { Scheme = ShingleScheme.Character, Size = 4 });

    [Fact]
    public void TryCompute_CharacterShinglesIntoExactlyTheirCount_Fills()
    {
        ulong[] expected = s_shingler.Compute("abcdef");
        Assert.Equal(3, expected.Length); // "abcd", "bcde", "cdef"
        var destination = new ulong[3];
        Assert.True(s_shingler.TryCompute("abcdef", destination, out int written));
        Assert.Equal(3, written);
        Assert.Equal(expected, destination);
        destination = new ulong[3];
        Assert.True(s_shingler.TryCompute("abcdef"u8, destination, out written));
        Assert.Equal(3, written);
        Assert.Equal(expected, destination);
    }

    [Fact]
    public void TryCompute_CharacterShinglesIntoOneLess_FalseAndUntouched()
    {
        var destination = new ulong[] { 7, 7 };
        Assert.False(s_shingler.TryCompute("abcdef", destination, out int written));
        Assert.Equal(0, written);
        Assert.Equal([7UL, 7UL], destination);
        Assert.False(s_shingler.TryCompute("abcdef"u8, destination, out written));
        Assert.Equal(0, written);
        Assert.Equal([7UL, 7UL], destination);
    }
}

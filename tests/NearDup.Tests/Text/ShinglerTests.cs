using System.Text;
using NearDup.Text;

namespace NearDup.Tests.Text;

public sealed class ShinglerTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("one", 1)]
    [InlineData("one two three four", 1)]
    [InlineData("one two three four five", 1)]
    [InlineData("one two three four five six seven", 3)]
    public void Compute_WordFiveGrams_CountsWindows(string text, int expected) => Assert.Equal(expected, new Shingler().Compute(text).Length);

    [Fact]
    public void Compute_SameWordsDifferentLayout_SameShingles()
    {
        var shingler = new Shingler();
        Assert.Equal(shingler.Compute("The quick brown fox jumps over the lazy dog"), shingler.Compute("  the QUICK, brown — fox “jumps” over\nthe lazy dog!"));
    }

    [Fact]
    public void Compute_WordOrder_Matters()
    {
        var shingler = new Shingler(new ShingleOptions { Size = 2 });
        var ab = shingler.Compute("alpha beta");
        var ba = shingler.Compute("beta alpha");
        Assert.NotEqual(ab[0], ba[0]);
    }

    [Fact]
    public void Compute_ShiftedText_SharesTheOverlappingShingles()
    {
        var shingler = new Shingler();
        var a = shingler.Compute("w1 w2 w3 w4 w5 w6 w7 w8");
        var b = shingler.Compute("w3 w4 w5 w6 w7 w8 w9");
        Assert.Equal(a[2..], b[..2]);
        Assert.DoesNotContain(b[2], a);
    }

    [Fact]
    public void Compute_Utf8_EqualsUtf16()
    {
        var shingler = new Shingler();
        string text = "Ünïcödé “quotes” and 日本語 text — with ﬁ ligatures and more words than five";
        Assert.Equal(shingler.Compute(text), Compute(shingler, Encoding.UTF8.GetBytes(text)));
        var chars = new Shingler(new ShingleOptions { Scheme = ShingleScheme.Character, Size = 4 });
        Assert.Equal(chars.Compute(text), Compute(chars, Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Compute_CharacterShingles_CountNormalizedWindows()
    {
        var shingler = new Shingler(new ShingleOptions { Scheme = ShingleScheme.Character, Size = 3 });
        Assert.Equal(3, shingler.Compute("ABCDE").Length); // "abc", "bcd", "cde"
        Assert.Equal(shingler.Compute("abc de"), shingler.Compute("ABC   DE"));
        Assert.Single(shingler.Compute("ab"));
        Assert.Empty(shingler.Compute("  "));
    }

    [Fact]
    public void TryCompute_ShortDestination_ReturnsFalseAndLeavesItAlone()
    {
        var shingler = new Shingler(new ShingleOptions { Size = 2 });
        var destination = new ulong[2];
        Array.Fill(destination, 7UL);
        Assert.False(shingler.TryCompute("a b c d e", destination, out int written));
        Assert.Equal(0, written);
        Assert.Throws<ArgumentException>(() => shingler.Compute("a b c d e".AsSpan(), new ulong[2]));
        Assert.Equal(4, shingler.Compute("a b c d e".AsSpan(), new ulong[4]));
    }

    [Fact]
    public void Constructor_BadOptions_NameTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Shingler(new ShingleOptions { Size = 0 }));
        Assert.Contains("ShingleOptions.Size", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Shingler(new ShingleOptions { Size = 17 }));
    }

    private static ulong[] Compute(Shingler shingler, byte[] utf8)
    {
        var destination = new ulong[shingler.GetMaxShingleCount(utf8.Length)];
        int n = shingler.Compute(utf8, destination);
        return destination[..n];
    }
}

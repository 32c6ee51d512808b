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
        var destination = new ulong[3];
        Array.Fill(destination, 7UL);
        Assert.False(shingler.TryCompute("a b c d e", destination, out int written));
        Assert.Equal(0, written);
        Assert.All(destination, v => Assert.Equal(7UL, v));
        Assert.False(shingler.TryCompute("a b c d e"u8, destination, out written));
        Assert.Equal(0, written);
        Assert.All(destination, v => Assert.Equal(7UL, v));
        Assert.False(new Shingler().TryCompute("a b", Span<ulong>.Empty, out written));
        Assert.Equal(0, written);
        Assert.Throws<ArgumentException>(() => shingler.Compute("a b c d e".AsSpan(), new ulong[3]));
    }

    [Fact]
    public void TryCompute_DestinationBelowTheBoundButLongEnough_Fills()
    {
        var shingler = new Shingler(new ShingleOptions { Size = 2 });
        var destination = new ulong[5];
        Array.Fill(destination, 7UL);
        Assert.True(shingler.TryCompute("a b c d e", destination, out int written));
        Assert.Equal(4, written);
        Assert.Equal(shingler.Compute("a b c d e"), destination[..4]);
        Assert.Equal(7UL, destination[4]);
        Assert.True(new Shingler().TryCompute("a b", new ulong[1], out written));
        Assert.Equal(1, written);
        Assert.True(new Shingler().TryCompute("  ", Span<ulong>.Empty, out written));
        Assert.Equal(0, written);
    }

    /// <summary>
    /// A text of fewer than k words has one shingle, that of all its words: the same hash as those words make as a
    /// full shingle with k equal to their count, and different from any of its sub-windows.
    /// </summary>
    [Fact]
    public void Compute_FewerThanKWords_OneShingleOfAllWords()
    {
        ulong shortText = Assert.Single(new Shingler().Compute("alpha beta gamma"));
        Assert.Equal(shortText, Assert.Single(new Shingler(new ShingleOptions { Size = 3 }).Compute("alpha beta gamma")));
        Assert.Equal(new Shingler(new ShingleOptions { Size = 2 }).Compute("alpha beta")[0], Assert.Single(new Shingler().Compute("alpha beta")));
        Assert.NotEqual(shortText, Assert.Single(new Shingler().Compute("alpha beta")));
        Assert.NotEqual(shortText, Assert.Single(new Shingler().Compute("beta gamma alpha")));
    }

    /// <summary>Each window's hash depends on all k of its words in order: changing any one word changes exactly the windows holding it.</summary>
    [Fact]
    public void Compute_EachWindowDependsOnAllItsWords()
    {
        var shingler = new Shingler(new ShingleOptions { Size = 3 });
        ulong[] baseline = shingler.Compute("w0 w1 w2 w3 w4 w5 w6");
        Assert.Equal(5, baseline.Length);
        for (int changed = 0; changed < 7; changed++)
        {
            string[] words = [.. Enumerable.Range(0, 7).Select(i => "w" + i)];
            words[changed] = "other";
            ulong[] shingles = shingler.Compute(string.Join(' ', words));
            for (int window = 0; window < 5; window++)
            {
                bool holds = changed >= window && changed < window + 3;
                Assert.True(holds != (shingles[window] == baseline[window]), $"word {changed}, window {window}");
            }
        }
    }

    [Theory]
    [InlineData(ShingleScheme.Word, 1, true)]
    [InlineData(ShingleScheme.Word, 16, true)]
    [InlineData(ShingleScheme.Word, 17, false)]
    [InlineData(ShingleScheme.Character, 1, true)]
    [InlineData(ShingleScheme.Character, 64, true)]
    [InlineData(ShingleScheme.Character, 65, false)]
    [InlineData(ShingleScheme.Character, 0, false)]
    public void Constructor_SizeLimits_PerScheme(ShingleScheme scheme, int size, bool valid)
    {
        var options = new ShingleOptions { Scheme = scheme, Size = size };
        if (valid)
        {
            Assert.Equal(size, new Shingler(options).Options.Size);
        }
        else
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Shingler(options));
            Assert.Contains($"ShingleOptions.Size must be 1 to {(scheme == ShingleScheme.Word ? 16 : 64)} for {scheme} shingles", e.Message);
        }
    }

    [Fact]
    public void Constructor_UnknownSchemeOrNoNormalization_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new Shingler(new ShingleOptions { Scheme = (ShingleScheme)7, Size = 3 }));
        Assert.Contains("ShingleOptions.Scheme 7 is not a scheme.", e.Message);
        var n = Assert.Throws<ArgumentNullException>(() => new Shingler(new ShingleOptions { Normalization = null! }));
        Assert.Equal("options.Normalization", n.ParamName);
    }

    [Fact]
    public void GetMaxShingleCount_PerScheme()
    {
        // Word shingles: one word per code unit (a Han char is a word, one UTF-16 unit), half that per UTF-8 byte.
        Assert.Equal(11, new Shingler().GetMaxShingleCount(10));
        Assert.Equal(6, new Shingler().GetMaxShingleCountUtf8(10));
        Assert.Equal(180, new Shingler(new ShingleOptions { Scheme = ShingleScheme.Character, Size = 3 }).GetMaxShingleCount(10));
        Assert.Equal(1, new Shingler(new ShingleOptions { Scheme = ShingleScheme.Character, Size = 3 }).GetMaxShingleCount(0));
    }

    [Fact]
    public void Compute_NullOrShortUtf8Destination_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new Shingler().Compute((string)null!));
        var shingler = new Shingler(new ShingleOptions { Size = 2 });
        Assert.Throws<ArgumentException>(() => shingler.Compute("a b c d e"u8, new ulong[3]));
        Assert.Equal(4, shingler.Compute("a b c d e"u8, new ulong[4]));
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

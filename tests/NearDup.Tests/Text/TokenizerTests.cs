using System.Globalization;
using System.Text;
using NearDup.Text;

namespace NearDup.Tests.Text;

public sealed class TokenizerTests
{
    private static string[] Words(string text, NormalizationOptions? options = null)
    {
        var words = new List<string>();
        foreach (var token in Tokenizer.EnumerateWords(text, options))
        {
            words.Add(text.Substring(token.Start, token.Length));
        }
        return [.. words];
    }

    public static TheoryData<string, string[]> Tables => new()
    {
        { "", [] },
        { "   \n\t ", [] },
        { "word", ["word"] },
        { "Hello, world!", ["Hello", "world"] },
        { "  leading and trailing  ", ["leading", "and", "trailing"] },
        { "don’t stop—ever", ["don", "t", "stop", "ever"] },
        { "“quoted” 'single' «guillemets»", ["quoted", "single", "guillemets"] },
        { "e-mail 3.14 $100", ["e", "mail", "3", "14", "100"] },
        { "Ελληνικά κείμενα", ["Ελληνικά", "κείμενα"] },
        { "Россия и мир", ["Россия", "и", "мир"] },
        { "日本語 テキスト", ["日", "本", "語", "テ", "キ", "ス", "ト"] },
        { "abc中文def 2024年", ["abc", "中", "文", "def", "2024", "年"] },
        { "ｶﾅ・かな", ["ｶ", "ﾅ", "か", "な"] },
        { "𠀀𠀁x", ["𠀀", "𠀁", "x"] },
        { "한국어 텍스트", ["한국어", "텍스트"] },
        { "naïve café", ["naïve", "café"] },
        { "zero\u200Bwidth", ["zero\u200Bwidth"] },
        { "a\u00A0b", ["a", "b"] },
        { "𝐁old 😀 emoji", ["𝐁old", "emoji"] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void EnumerateWords_Table_YieldsExpectedRanges(string text, string[] expected) => Assert.Equal(expected, Words(text));

    [Theory]
    [InlineData("", new int[0])]
    [InlineData("ab", new[] { 1, 1 })]
    [InlineData("e\u0301x", new[] { 2, 1 })]
    [InlineData("😀 a", new[] { 2, 1, 1 })]
    [InlineData("👍🏽!", new[] { 4, 1 })]
    public void EnumerateCharacters_KeepsGraphemesWhole(string text, int[] lengths)
    {
        var found = new List<int>();
        int next = 0;
        foreach (var range in Tokenizer.EnumerateCharacters(text))
        {
            Assert.Equal(next, range.Start);
            next += range.Length;
            found.Add(range.Length);
        }
        Assert.Equal(lengths, found);
        Assert.Equal(text.Length, next);
    }

    [Fact]
    public void EnumerateWords_Offsets_PointIntoSource()
    {
        const string text = "ab  cd,e";
        var tokens = new List<WordToken>();
        foreach (var token in Tokenizer.EnumerateWords(text))
        {
            tokens.Add(token);
        }
        Assert.Equal([(0, 2), (4, 2), (7, 1)], tokens.Select(t => (t.Start, t.Length)));
    }

    [Theory]
    [InlineData("Café", "cafe")]
    [InlineData("CAFE\u0301", "café")]
    [InlineData("ﬁnance", "finance")]
    [InlineData("ＦＵＬＬＷＩＤＴＨ", "fullwidth")]
    [InlineData("zero\u200Bwidth", "zerowidth")]
    [InlineData("Straße", "straße")]
    public void EnumerateWords_FoldedForms_HashEqual(string a, string b)
    {
        Assert.Equal(HashOf(b), HashOf(a));
    }

    [Fact]
    public void EnumerateWords_DifferentWords_HashDifferently()
    {
        Assert.NotEqual(HashOf("cafe"), HashOf("caff"));
        Assert.NotEqual(HashOf("cafe"), HashOf("cafe", new NormalizationOptions(), seed: 1));
    }

    [Fact]
    public void EnumerateWords_DiacriticsKept_WhenAsked()
    {
        var keep = new NormalizationOptions { RemoveDiacritics = false };
        Assert.NotEqual(HashOf("café", keep), HashOf("cafe", keep));
        Assert.Equal(HashOf("café", keep), HashOf("cafe\u0301", keep));
    }

    [Fact]
    public void EnumerateWords_RemoveDigits_DropsNumbers()
    {
        Assert.Equal(["In", "there"], Words("In 2020 there", new NormalizationOptions { RemoveDigits = true }));
    }

    [Fact]
    public void EnumerateWords_TurkishCulture_DoesNotChangeFolding()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            ulong invariant = HashOf("ISTANBUL");
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            Assert.Equal("ıstanbul", "ISTANBUL".ToLower(CultureInfo.CurrentCulture)); // the trap this test guards against
            Assert.Equal(invariant, HashOf("ISTANBUL"));
            Assert.Equal(HashOf("istanbul"), HashOf("ISTANBUL"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void EnumerateWords_Utf8_EqualsUtf16_OnRandomUnicode()
    {
        string[] pieces = ["the", "Ünïcödé", "日本", "ｶﾅ", "𠀀", "ﬁ", "—", "“", "’", " ", "  ", "\n", "Σ", "𝐀𝐁", "😀", "a\u0301", "\u200B", "12", "½", "Ⅻ", ",", "-"];
        Gen.OneOf(pieces).Array[0, 39].Select(string.Concat).Sample(text =>
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            var fromChars = new List<ulong>();
            foreach (var t in Tokenizer.EnumerateWords(text))
            {
                fromChars.Add(t.Hash);
            }
            var fromBytes = new List<ulong>();
            foreach (var t in Tokenizer.EnumerateWords(utf8))
            {
                fromBytes.Add(t.Hash);
                Assert.True(t.End <= utf8.Length);
            }
            Assert.Equal(fromChars, fromBytes);
        }, iter: 300);
    }

    [Fact]
    public void EnumerateWords_HalfwidthKatakana_HashesAsFullwidth()
    {
        var half = new List<ulong>();
        foreach (var token in Tokenizer.EnumerateWords("ｶﾀｶﾅ"))
        {
            half.Add(token.Hash);
        }
        var full = new List<ulong>();
        foreach (var token in Tokenizer.EnumerateWords("カタカナ"))
        {
            full.Add(token.Hash);
        }
        Assert.Equal(4, half.Count);
        Assert.Equal(full, half);
    }

    [Fact]
    public void GetWords_HanText_FitsTheBoundInEitherEncoding()
    {
        // One word per ideograph: a UTF-16 text of n ideographs has n words, more than half its length.
        string text = string.Concat(Enumerable.Range(0, 1000).Select(i => (char)(0x4E00 + i * 7)));
        Assert.Equal(1000, Tokenizer.GetWords(text, new WordToken[Tokenizer.GetMaxWordCount(text.Length)]));
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        Assert.Equal(1000, Tokenizer.GetWords(utf8, new WordToken[Tokenizer.GetMaxWordCountUtf8(utf8.Length)]));
    }

    [Fact]
    public void EnumerateWords_InvalidUtf8_SeparatesWordsWithoutThrowing()
    {
        byte[] bytes = [(byte)'a', (byte)'b', 0xFF, (byte)'c', 0xC3, (byte)'d', 0xE2, 0x82];
        var words = new List<(int, int)>();
        foreach (var t in Tokenizer.EnumerateWords(bytes))
        {
            words.Add((t.Start, t.Length));
        }
        Assert.Equal([(0, 2), (3, 1), (5, 1)], words);
    }

    [Fact]
    public void EnumerateWords_LongWord_HashesAllOfIt()
    {
        string a = new string('x', 1000) + "a";
        string b = new string('x', 1000) + "b";
        Assert.NotEqual(HashOf(a), HashOf(b));
        Assert.Equal(HashOf(a), HashOf(a.ToUpperInvariant().ToLowerInvariant()));
        Assert.Equal(HashOf(a), HashOfUtf8(a));
    }

    [Fact]
    public void GetWords_ShortDestination_ReturnsFalseAndWritesNothing()
    {
        var destination = new WordToken[2];
        destination.AsSpan().Fill(new WordToken(-1, -1, 42));
        Assert.False(Tokenizer.TryGetWords("one two three", destination, out int written));
        Assert.Equal(0, written);
        Assert.All(destination, t => Assert.Equal(new WordToken(-1, -1, 42), t));
        Assert.Throws<ArgumentException>(() => Tokenizer.GetWords("one two three", new WordToken[2]));
        Assert.Equal(3, Tokenizer.GetWords("one two three", new WordToken[3]));
    }

    [Fact]
    public void EnumerateWords_FiftyMegabyteDocument_CountsEveryWord()
    {
        var builder = new StringBuilder(50 << 20);
        int expected = 0;
        while (builder.Length < 50 << 20)
        {
            builder.Append("word").Append(expected % 997).Append(' ');
            expected++;
        }
        byte[] utf8 = Encoding.UTF8.GetBytes(builder.ToString());
        int count = 0;
        foreach (var _ in Tokenizer.EnumerateWords(utf8))
        {
            count++;
        }
        Assert.Equal(expected, count);
    }

    private static ulong HashOf(string word, NormalizationOptions? options = null, ulong seed = 0)
    {
        var e = Tokenizer.EnumerateWords(word, options, seed);
        Assert.True(e.MoveNext());
        ulong hash = e.Current.Hash;
        Assert.False(e.MoveNext());
        return hash;
    }

    private static ulong HashOfUtf8(string word)
    {
        var e = Tokenizer.EnumerateWords(Encoding.UTF8.GetBytes(word));
        Assert.True(e.MoveNext());
        return e.Current.Hash;
    }
}

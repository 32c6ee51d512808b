using NearDup.Text;

namespace NearDup.Tests.Text;

public sealed class TextNormalizerTests
{
    public static TheoryData<string, string> Tables => new()
    {
        { "", "" },
        { "   ", "" },
        { "Hello   World", "hello world" },
        { "  Tabs\tand\nlines  ", "tabs and lines" },
        { "“Smart” ‘quotes’", "\"smart\" 'quotes'" },
        { "it’s it‘s it`s", "it's it's it's" },
        { "en–dash em—dash minus−", "en-dash em-dash minus-" },
        { "Café naïve", "cafe naive" },
        { "ﬁne ½", "fine 1⁄2" },
        { "ＡＢＣ", "abc" },
        { "zero\u200Bwidth soft\u00ADhyphen", "zerowidth softhyphen" },
        { "non\u00A0breaking", "non breaking" },
        { "ΣΟΦΙΑ", "σοφια" },
        { "𐐀𐐁 Deseret", "𐐨𐐩 deseret" },
        { "𝒳  math  😀 ", "𝒳 math 😀" },
        { "a\U000E0001b", "ab" },
        { "lone \uD800 high", "lone \uFFFD high" },
        { "lone\uDC00low", "lone\uFFFDlow" },
        { "end\uD83D", "end\uFFFD" },
        { "a 𐐀b", "a 𐐨b" },
        { "x\u0080y\u007Fz", "x y z" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Normalize_Table_GivesExpected(string input, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Normalize_Options_KeepDiacriticsAndDropDigits()
    {
        Assert.Equal("cafe\u0301 2020", TextNormalizer.Normalize("Café 2020", new NormalizationOptions { RemoveDiacritics = false }));
        Assert.Equal("in there", TextNormalizer.Normalize("In 2020 there", new NormalizationOptions { RemoveDigits = true }));
    }

    [Theory]
    [InlineData("a 𐐀", 3, false)]  // needs a, space and a surrogate pair: 4
    [InlineData("a 𐐀", 4, true)]
    [InlineData("𐐀", 1, false)]
    [InlineData("a b", 2, false)]
    [InlineData("a b", 3, true)]
    [InlineData("a b", 1, false)]
    [InlineData("𐐀", 2, true)]
    [InlineData("é", 0, false)]
    [InlineData("aé", 1, false)]
    public void TryNormalize_SupplementaryAndSpaces_NeedTheirRoom(string text, int room, bool fits)
    {
        var destination = new char[room];
        Assert.Equal(fits, TextNormalizer.TryNormalize(text, destination, out int written));
        Assert.Equal(fits ? TextNormalizer.Normalize(text).Length : 0, written);
    }

    [Fact]
    public void GetMaxNormalizedLength_EighteenPerCharAndChecked()
    {
        Assert.Equal(180, TextNormalizer.GetMaxNormalizedLength(10));
        Assert.Throws<OverflowException>(() => TextNormalizer.GetMaxNormalizedLength(int.MaxValue / 17));
    }

    [Fact]
    public void Normalize_Null_Throws() => Assert.Throws<ArgumentNullException>(() => TextNormalizer.Normalize(null!));

    [Fact]
    public void TryNormalize_ShortDestination_ReturnsFalse()
    {
        var destination = new char[3];
        Assert.False(TextNormalizer.TryNormalize("hello", destination, out int written));
        Assert.Equal(0, written);
        Assert.Throws<ArgumentException>(() => TextNormalizer.Normalize("hello", new char[3]));
    }
}

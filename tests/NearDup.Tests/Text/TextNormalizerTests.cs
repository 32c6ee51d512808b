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

    [Fact]
    public void TryNormalize_ShortDestination_ReturnsFalse()
    {
        var destination = new char[3];
        Assert.False(TextNormalizer.TryNormalize("hello", destination, out int written));
        Assert.Equal(0, written);
        Assert.Throws<ArgumentException>(() => TextNormalizer.Normalize("hello", new char[3]));
    }
}

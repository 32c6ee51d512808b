namespace NearDup.Tests.Corpus;

public sealed class FiveGramsTests
{
    [Fact]
    public void Of_PunctuationAndCase_Folded()
    {
        var grams = FiveGrams.Of("The cat, sat ON the mat; 3,400 times.");
        Assert.Contains("the cat sat on the", grams);
        Assert.Contains("mat 3 400 times", grams.Select(g => g[(g.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
        Assert.Equal(5, grams.Count);
    }

    [Fact]
    public void Jaccard_HalfOverlap_OneThird()
    {
        var a = FiveGrams.Of("a b c d e f");
        var b = FiveGrams.Of("b c d e f g");
        Assert.Equal(1.0 / 3, FiveGrams.Jaccard(a, b), 6);
        Assert.Equal(0.5, FiveGrams.Containment(a, b), 6);
    }

    [Fact]
    public void NormalizeExact_QuotesCaseWhitespace_Folded() =>
        Assert.Equal("\"hi,\" she said. ok", FiveGrams.NormalizeExact("\u201cHi,\u201d  she SAID.\r\n\r\nOK "));
}

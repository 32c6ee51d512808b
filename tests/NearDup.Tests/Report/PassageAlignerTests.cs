using NearDup.Cli.Report;

namespace NearDup.Tests.Report;

public sealed class PassageAlignerTests
{
    private static IEnumerable<(string A, string B)> Texts(string a, string b, IReadOnlyList<SharedPassage> passages)
        => passages.Select(p => (a[p.AStart..p.AEnd], b[p.BStart..p.BEnd]));

    [Fact]
    public void Align_CopyWithHeaderAndFooter_OnePassageCoveringTheStory()
    {
        const string a = "The quick brown fox jumps over the lazy dog near the river bank.";
        const string b = "BREAKING NEWS\nthe quick brown fox jumps over the lazy dog near the river bank.\nShare: Facebook";

        var passages = PassageAligner.Align(a, b, 4);

        var passage = Assert.Single(passages);
        Assert.Equal((a, "the quick brown fox jumps over the lazy dog near the river bank."), Texts(a, b, passages).Single());
        Assert.Equal(13, passage.Words);
        Assert.True(passage.InOrder);
        Assert.Equal(b.IndexOf("the quick", StringComparison.Ordinal), passage.BStart);
    }

    [Fact]
    public void Align_KnownTexts_ExpectedRanges()
    {
        const string a = "Alpha beta gamma delta epsilon. Zeta eta theta iota kappa lambda.";
        const string b = "Intro words here: alpha beta gamma delta epsilon! Other stuff; zeta eta theta iota kappa.";

        var passages = PassageAligner.Align(a, b, 4);

        // Offsets counted by hand; the punctuation after each passage differs, so nothing is widened.
        Assert.Equal([new SharedPassage(0, 30, 18, 48, 5, true), new SharedPassage(32, 57, 63, 88, 5, true)], passages);
        Assert.Equal(
            [("Alpha beta gamma delta epsilon", "alpha beta gamma delta epsilon"), ("Zeta eta theta iota kappa", "zeta eta theta iota kappa")],
            Texts(a, b, passages));
    }

    [Fact]
    public void Align_TrailingPunctuationSharedByBoth_IsInsideThePassage()
    {
        const string a = "one two three four. five";
        const string b = "x one two three four. y";

        var passage = Assert.Single(PassageAligner.Align(a, b, 4));

        Assert.Equal("one two three four.", a[passage.AStart..passage.AEnd]);
        Assert.Equal("one two three four.", b[passage.BStart..passage.BEnd]);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "one two three four five")]
    [InlineData("one two three four five", "")]
    [InlineData("   \n\t ", "... !!! ???")]
    public void Align_EmptyTexts_NoPassages(string a, string b) => Assert.Empty(PassageAligner.Align(a, b, 4));

    [Fact]
    public void Align_NoCommonRun_NoPassages()
    {
        const string a = "The council met on Thursday to discuss the budget for next year.";
        const string b = "A storm knocked out power to thousands of homes along the coast.";

        Assert.Empty(PassageAligner.Align(a, b, 4));
    }

    [Fact]
    public void Align_RunShorterThanMinimum_Ignored()
    {
        const string a = "we went to the market and bought apples";
        const string b = "they drove to the market and sold pears";

        Assert.Empty(PassageAligner.Align(a, b, 5));
        var passage = Assert.Single(PassageAligner.Align(a, b, 4));
        Assert.Equal("to the market and", a[passage.AStart..passage.AEnd]);
    }

    [Fact]
    public void Align_CaseAndPunctuationBetweenWords_Ignored()
    {
        const string a = "Hello, World -- this is: a TEST";
        const string b = "hello world this is a test";

        var passage = Assert.Single(PassageAligner.Align(a, b, 4));

        Assert.Equal(a, a[passage.AStart..passage.AEnd]);
        Assert.Equal(b, b[passage.BStart..passage.BEnd]);
        Assert.Equal(6, passage.Words);
    }

    [Fact]
    public void Align_PhraseRepeatedInCanonical_CopyMatchedOnce()
    {
        const string phrase = "read more about this story online";
        const string a = phrase + ". Some text in between here. " + phrase + ".";
        const string b = "Header. " + phrase + ".";

        var passage = Assert.Single(PassageAligner.Align(a, b, 4));

        Assert.Equal(phrase + ".", b[passage.BStart..passage.BEnd]);
        Assert.Equal(phrase + ".", a[passage.AStart..passage.AEnd]);
        Assert.Equal(0, passage.AStart);
    }

    [Fact]
    public void Align_PhraseRepeatedInBoth_EachOccurrencePairedInOrder()
    {
        const string phrase = "subscribe to our weekly newsletter today";
        const string a = phrase + " first middle part of the canonical " + phrase;
        const string b = phrase + " second middle bit in the copy " + phrase;

        var passages = PassageAligner.Align(a, b, 4);

        Assert.Equal(2, passages.Count);
        Assert.All(passages, p => Assert.True(p.InOrder));
        Assert.Equal((0, 0), (passages[0].AStart, passages[0].BStart));
        Assert.Equal((a.LastIndexOf(phrase, StringComparison.Ordinal), b.LastIndexOf(phrase, StringComparison.Ordinal)), (passages[1].AStart, passages[1].BStart));
    }

    [Fact]
    public void Align_ReorderedParagraphs_LongestInOrderChainFlagged()
    {
        const string p1 = "the first paragraph talks about the harbor and its ships and sailors";
        const string p2 = "a second one is short but shared";
        const string a = p1 + "\n\n" + p2;
        const string b = p2 + "\n\n" + p1;

        var passages = PassageAligner.Align(a, b, 4);

        Assert.Equal(2, passages.Count);
        Assert.Equal(p2, b[passages[0].BStart..passages[0].BEnd]);
        Assert.False(passages[0].InOrder);
        Assert.Equal(p1, b[passages[1].BStart..passages[1].BEnd]);
        Assert.True(passages[1].InOrder);
    }

    [Fact]
    public void Align_IdenticalTexts_OnePassageOverEverything()
    {
        var text = string.Join(' ', Enumerable.Range(0, 500).Select(i => "w" + (i % 37)));

        var passage = Assert.Single(PassageAligner.Align(text, text, 4));

        Assert.Equal((0, text.Length, 0, text.Length, 500), (passage.AStart, passage.AEnd, passage.BStart, passage.BEnd, passage.Words));
    }

    [Fact]
    public void Align_DegenerateRepetition_FinishesAndTilesEachWordOnce()
    {
        var a = string.Join(' ', Enumerable.Repeat("buffalo", 3000));
        var b = string.Join(' ', Enumerable.Repeat("buffalo", 2000));

        var passages = PassageAligner.Align(a, b, 4);

        Assert.Equal(2000, passages.Sum(p => p.Words));
        Assert.All(passages, p => Assert.True(p.Words >= 4));
    }

    [Fact]
    public void Align_PassagesNeverOverlap()
    {
        var words = Gen.OneOf("a", "b", "c", "d", "e").Array[0, 79];
        Gen.Select(words, words).Sample((wordsA, wordsB) =>
        {
            var a = string.Join(' ', wordsA);
            var b = string.Join(". ", wordsB);

            var passages = PassageAligner.Align(a, b, 3);

            var byA = passages.OrderBy(p => p.AStart).ToList();
            for (var k = 1; k < passages.Count; k++)
            {
                Assert.True(passages[k - 1].BEnd <= passages[k].BStart);
                Assert.True(byA[k - 1].AEnd <= byA[k].AStart);
            }

            Assert.All(passages, p => Assert.Equal(
                PassageAligner.Words(a[p.AStart..p.AEnd]).Length,
                PassageAligner.Words(b[p.BStart..p.BEnd]).Length));
        }, iter: 200);
    }

    [Fact]
    public void Words_TheEngineTokenizer_WithUtf16Offsets()
    {
        const string text = "Don't stop—it’s 2024! Café ünd 𝔘nicode";

        var words = PassageAligner.Words(text).Select(w => text[w.Start..w.End]).ToArray();

        // The engine splits at an apostrophe, the same way in both texts, so a passage still spans it.
        Assert.Equal(["Don", "t", "stop", "it", "s", "2024", "Café", "ünd", "𝔘nicode"], words);
    }

    [Fact]
    public void Words_FoldCaseAndAccents_SameHashes()
    {
        var upper = PassageAligner.Words("HELLO Wörld Café");
        var lower = PassageAligner.Words("hello world cafe");

        Assert.Equal(lower.Select(w => w.Hash), upper.Select(w => w.Hash));
        Assert.Empty(PassageAligner.Words(""));
        Assert.Empty(PassageAligner.Words(" -- ... "));
    }

    [Fact]
    public void Align_PassageAcrossAccentsAndCase_IsOnePassage()
    {
        const string a = "Intro. The café in the old town reopened on Monday after repairs. Outro here.";
        const string b = "Other start: THE CAFE IN THE OLD TOWN REOPENED ON MONDAY AFTER REPAIRS and more.";

        var passage = Assert.Single(PassageAligner.Align(a, b, 4));

        Assert.Equal("The café in the old town reopened on Monday after repairs", a[passage.AStart..passage.AEnd]);
        Assert.Equal("THE CAFE IN THE OLD TOWN REOPENED ON MONDAY AFTER REPAIRS", b[passage.BStart..passage.BEnd]);
        Assert.Equal(11, passage.Words);
    }
}

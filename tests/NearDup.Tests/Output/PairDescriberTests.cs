using NearDup.Cli.Output;
using NearDup.Cli.Report;

namespace NearDup.Tests.Output;

/// <summary>The kind of a reuse link read from the two texts, and where quotations lie.</summary>
public sealed class PairDescriberTests
{
    private static string Words(int seed, int count)
    {
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(0, 50_000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string Kind(string a, string b)
    {
        var (wordsA, wordsB) = (PassageAligner.Words(a).Length, PassageAligner.Words(b).Length);
        return PairDescriber.KindOf(a, b, PassageAligner.Align(a, b, PairDescriber.MinPassageWords), Math.Min(wordsA, wordsB), Math.Max(wordsA, wordsB));
    }

    [Fact]
    public void KindOf_SharedStatementInsideQuotes_IsQuote()
    {
        string statement = Words(1, 40);
        string a = Words(2, 200) + ". The minister said: \u201C" + statement + ".\u201D " + Words(3, 200);
        string b = Words(4, 150) + ". She told reporters: \"" + statement + ".\" " + Words(5, 250);
        Assert.Equal("quote", Kind(a, b));
    }

    [Fact]
    public void KindOf_SharedBackgroundParagraph_IsPassage()
    {
        string background = Words(6, 60);
        string a = Words(7, 200) + ".\n\n" + background + ".\n\n" + Words(8, 100);
        string b = Words(9, 300) + ".\n\n" + background + ".";
        Assert.Equal("passage", Kind(a, b));
    }

    [Fact]
    public void KindOf_SameWordingWithDifferentFigures_IsTemplate()
    {
        // One wording, a different company and figures in each slot: a notice filled in twice.
        var frame = Enumerable.Range(0, 12).Select(i => Words(20 + i, 12)).ToArray();
        string Fill(string company, int seed)
        {
            var random = new Random(seed);
            return string.Join(' ', frame.Select(part => $"{part} {company} {random.Next(100, 999)}.{random.Next(10, 99)}"));
        }
        Assert.Equal("template", Kind(Fill("Acme", 1), Fill("Globex", 2)));
    }

    [Fact]
    public void KindOf_TheSameWordsTwice_IsTemplate_WhereAShortTextInsideALongOneIsPassage()
    {
        // A reuse link between two texts in the same words is a series' flash repeated days later (the Fed's nine
        // words a fortnight apart): a template, which dedup --kinds template removes. A long text carrying all of a
        // short one is a passage.
        string flash = Words(30, 40);
        Assert.Equal("template", Kind(flash, flash));
        Assert.Equal("passage", Kind(flash, Words(31, 200) + ". " + flash + ". " + Words(32, 200)));
    }

    [Fact]
    public void Mask_MarksCurlyGuillemetAndStraightQuotes_AndEndsAtALineBreak()
    {
        string text = "a \u201Cb\u201D c \u00ABd\u00BB e \"f\" g \"h\nk";
        var mask = QuotedText.Mask(text);
        string inside = new([.. text.Where((_, i) => mask[i])]);
        Assert.Equal("\u201Cb\u00ABd\"f\"h", inside);
    }
}

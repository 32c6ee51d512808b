using System.Runtime.Intrinsics;
using System.Text;
using NearDup.Text;

namespace NearDup.Tests.Text;

/// <summary>The facts of a text: figures and names inside sentences, sampled consistently.</summary>
public sealed class FactHashesTests
{
    [Fact]
    public void Compute_TakesFiguresAndCapitalisedWordsInsideSentences()
    {
        var facts = FactHashes.Compute("The Bank of England said 700 mln stg. Shares rose in London.");
        // Bank, England, 700, London; not The or Shares (they open sentences), nor the lower-case words.
        Assert.Equal(4, facts.Length);
        Assert.Equal(FactHashes.Compute("x Bank x England x 700 x London"), facts);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(400)]
    [InlineData(4000)]
    public void EstimatedCount_IsExactUnderTheSampleSize_AndNearTheTruthAbove(int figures)
    {
        // Distinct figures, one sentence each: a table of that many.
        var text = string.Join(" ", Enumerable.Range(0, figures).Select(i => $"x {1000 + 7 * i} x."));
        double estimate = FactHashes.EstimatedCount(FactHashes.Compute(text));
        if (figures < FactHashes.MaxCount)
        {
            Assert.Equal(figures, estimate);
        }
        else
        {
            // A bottom-64 estimate's relative error is about 1 / sqrt(62): within 40% for any hash.
            Assert.InRange(estimate, 0.6 * figures, 1.4 * figures);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public void EstimatedFigures_CountsTheFiguresAmongTheFacts(int rows)
    {
        // A table of rows, each a name and two figures: two thirds of its facts are figures.
        var text = string.Join(" ", Enumerable.Range(0, rows).Select(i => $"x Korv{(char)('a' + i % 26)}{(char)('a' + i / 26 % 26)}{(char)('a' + i / 676)}e {1000 + 7 * i} x {90000 + 11 * i} x."));
        var facts = FactHashes.Compute(text);
        if (rows * 3 < FactHashes.MaxCount)
        {
            Assert.Equal(2 * rows, FactHashes.EstimatedFigures(facts));
        }
        else
        {
            Assert.InRange(FactHashes.EstimatedFigures(facts), 0.6 * 2 * rows, 1.4 * 2 * rows);
        }
        Assert.Equal(0, FactHashes.EstimatedFigures(FactHashes.Compute("x Bank x England x London")));
    }

    [Fact]
    public void CountLarger_CountsTheLargerSampleBelowTheLowerCutOff()
    {
        var three = FactHashes.Compute("x Paris x Rome x 7");
        var five = FactHashes.Compute("x Paris x Oslo x Lima x 9 x 12");
        Assert.Equal(5, FactHashes.CountLarger(three, five));
        Assert.Equal(5, FactHashes.CountLarger(five, three));
        Assert.Equal(0, FactHashes.CountLarger([], five));
        // Two full samples are compared below the lower of their largest hashes, as Compare counts the smaller.
        var full = FactHashes.Compute(string.Join(" x ", Enumerable.Range(0, 300).Select(i => (i * 7 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var other = FactHashes.Compute(string.Join(" x ", Enumerable.Range(0, 300).Select(i => (i * 11 + 3).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        uint cut = Math.Min(full[^1], other[^1]);
        int expected = Math.Max(full.Count(f => f <= cut), other.Count(f => f <= cut));
        Assert.Equal(FactHashes.MaxCount, full.Length);
        Assert.Equal(expected, FactHashes.CountLarger(full, other));
    }

    [Fact]
    public void Compute_SkipsWordsInCapitalsThroughout_AndFoldsCase()
    {
        Assert.Empty(FactHashes.Compute("UK BANK SETS QUARTERLY DIVIDEND"));
        Assert.Single(FactHashes.Compute("in Paris"));
        Assert.Empty(FactHashes.Compute("in PARIS"));
        Assert.Equal(FactHashes.Compute("x 7 Paris"), FactHashes.Compute("x Paris 7"));
    }

    [Fact]
    public void Compute_KeepsPointsAndCommasInsideFigures()
    {
        // 5,000 and 3.5 are one figure each, different from 5000 and 35.
        Assert.Single(FactHashes.Compute("rose 5,000"));
        Assert.NotEqual(FactHashes.Compute("x 5,000"), FactHashes.Compute("x 5000"));
        Assert.NotEqual(FactHashes.Compute("x 3.5"), FactHashes.Compute("x 35"));
        Assert.Equal(FactHashes.Compute("x 3.5"), FactHashes.Compute("x 3.5."));
    }

    [Fact]
    public void Compute_Utf8AndUtf16_Agree()
    {
        const string text = "Après la réunion, Élodie Durand a annoncé 12,5 millions à Zürich; Ørsted suit.";
        Assert.Equal(FactHashes.Compute(text), FactHashes.Compute(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(4, FactHashes.Compute(text).Length); // Élodie (after a comma), Durand, 12,5, Zürich; not Après or Ørsted, which open clauses
    }

    /// <summary>A misread as OCR makes it, letter for look-alike or a pair for one letter, is the same fact.</summary>
    [Theory]
    [InlineData("Niro", "Nlro")]
    [InlineData("Niro", "NIro")]
    [InlineData("Niro", "Nir0")]
    [InlineData("Gordon", "G0rdon")]
    [InlineData("Modern", "Modem")]
    [InlineData("Clare", "Dare")]
    [InlineData("Vvonne", "Wonne")]
    [InlineData("Hobbs", "Ho8bs")]
    [InlineData("2010", "2O1O")]
    [InlineData("1,580", "1,S80")]
    public void Compute_MisreadByShape_IsTheSameFact(string word, string misread)
    {
        var facts = FactHashes.Compute("x " + word);
        Assert.Single(facts);
        Assert.Equal(facts.Select(f => f & ~1u), FactHashes.Compute("x " + misread).Select(f => f & ~1u));
    }

    /// <summary>Names that differ by more than a look-alike stay two facts, though OCR confuses e/c, a/o or h/b too.</summary>
    [Theory]
    [InlineData("Dan", "Don")]
    [InlineData("Hale", "Bale")]
    [InlineData("Lee", "Lec")]
    [InlineData("Iran", "Iraq")]
    [InlineData("Smith", "Smyth")]
    [InlineData("Rome", "Rame")]
    public void Compute_NamesApartByMoreThanAShape_StayApart(string a, string b) =>
        Assert.NotEqual(FactHashes.Compute("x " + a), FactHashes.Compute("x " + b));

    /// <summary>
    /// A word of letters with a look-alike digit or two misread in it is no figure (and no fact, unless a name); a
    /// figure with a unit keeps its digits together, its letters few or without a vowel.
    /// </summary>
    [Theory]
    [InlineData("wh0se", 0)]
    [InlineData("1ike", 0)]
    [InlineData("tho5e", 0)]
    [InlineData("a1so", 0)]
    [InlineData("5th", 1)]
    [InlineData("10th", 1)]
    [InlineData("1bn", 1)]
    [InlineData("15mph", 1)]
    [InlineData("5mph", 1)]
    [InlineData("1990s", 1)]
    [InlineData("G8", 1)]
    [InlineData("wh2se", 1)]
    [InlineData("w10se", 1)]
    [InlineData("b1a5e8", 1)]
    public void Compute_WordOfLettersWithMisreadDigits_IsNoFigure(string word, int figures)
    {
        var facts = FactHashes.Compute("x " + word + " y");
        Assert.Equal(figures, facts.Length);
        Assert.All(facts, f => Assert.Equal(1u, f & 1));
        // Capitalised inside a sentence, the misread word is a name: the name its letters spell.
        var name = Assert.Single(FactHashes.Compute("x N" + word));
        Assert.Equal((uint)figures, name & 1);
    }

    [Fact]
    public void Compute_KeepsTheSmallestDistinctHashes_Sorted()
    {
        string text = string.Join(' ', Enumerable.Range(0, 500).Select(i => "n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var facts = FactHashes.Compute(text + " " + text);
        Assert.Equal(FactHashes.MaxCount, facts.Length);
        Assert.True(facts.AsSpan().SequenceCompareTo(facts.Order().Distinct().ToArray()) == 0);
    }

    [Fact]
    public void Compute_MarksFiguresInBitZero_AndCompareIgnoresIt()
    {
        var figure = Assert.Single(FactHashes.Compute("rose 5,000"));
        var name = Assert.Single(FactHashes.Compute("in Paris"));
        Assert.Equal((1u, 0u), (figure & 1, name & 1));
        // Facts saved before the bit was kept have it cleared on load: they still compare equal to new ones.
        uint[] cleared = [.. FactHashes.Compute("x 7 Paris 12 Lyon").Select(f => f & ~1u)];
        Assert.Equal((4, 4), FactHashes.Compare(FactHashes.Compute("x 7 Paris 12 Lyon"), cleared));
    }

    [Fact]
    public void FiguresApart_CountsEachSidesOwnFigures_NotNames()
    {
        var a = FactHashes.Compute("x Paris 12 Lyon 7 Rome 3");
        var b = FactHashes.Compute("x Paris 12 Lyon 8 Oslo 4 Bonn 5");
        Assert.Equal((2, 3), FactHashes.FiguresApart(a, b));
        Assert.Equal((0, 1), FactHashes.FiguresApart(a, FactHashes.Compute("x Paris 12 Lyon 7 Rome 3 Oslo 9")));
        uint[] noFigures = [.. b.Select(f => f & ~1u)];
        Assert.Equal((2, 0), FactHashes.FiguresApart(a, noFigures));
    }

    [Fact]
    public void FactsApart_CountsEachSidesOwnNamesAndFigures_BelowTheLowerCut()
    {
        var a = FactHashes.Compute("x Paris 12 Lyon 7 Rome 3");
        var b = FactHashes.Compute("x Paris 12 Lyon 8 Oslo 4 Bonn 5");
        // a: 7, Rome, 3; b: 8, Oslo, 4, Bonn, 5.
        Assert.Equal((3, 5), FactHashes.FactsApart(a, b));
        Assert.Equal((0, 0), FactHashes.FactsApart(a, a));
        Assert.Equal((0, 0), FactHashes.FactsApart(a, []));
        // Two full samples of texts of 200 facts each, 100 of them shared: each side's own facts counted below the
        // lower cut-off are a sample of its 100, as many on both sides give or take the hash's spread.
        var many = string.Join(' ', Enumerable.Range(0, 100).Select(i => "x Name" + (char)('a' + i % 26) + (char)('a' + i / 26)));
        var left = FactHashes.Compute(many + " " + string.Join(' ', Enumerable.Range(0, 100).Select(i => "x " + (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var right = FactHashes.Compute(many + " " + string.Join(' ', Enumerable.Range(0, 100).Select(i => "x " + (5000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var (onlyLeft, onlyRight) = FactHashes.FactsApart(left, right);
        var (shared, smaller) = FactHashes.Compare(left, right);
        Assert.Equal(FactHashes.MaxCount, left.Length);
        Assert.True(onlyLeft > 0 && onlyRight > 0 && shared > 0);
        Assert.Equal(smaller, Math.Min(onlyLeft, onlyRight) + shared);
        Assert.Equal(FactHashes.CountLarger(left, right), Math.Max(onlyLeft, onlyRight) + shared);
    }

    [Fact]
    public void Compare_WithCommonWords_LeavesOutTheCommonFactsBothHold_NotThoseOneHolds()
    {
        var a = FactHashes.Compute("x Paris 12 Lyon 7 Rome");
        var b = FactHashes.Compute("x Paris 12 Lyon 8 Oslo");
        Assert.Equal((3, 5), FactHashes.Compare(a, b));
        // Paris and 12 are common (figure bits clear, sorted): held by both, they leave both counts.
        uint[] common = [.. FactHashes.Compute("x Paris 12").Select(f => f & ~1u).Order()];
        Assert.Equal((1, 3), FactHashes.Compare(a, b, common));
        // Rome is common too but only a holds it: it still counts against agreement.
        uint[] withRome = [.. FactHashes.Compute("x Paris 12 Rome").Select(f => f & ~1u).Order()];
        Assert.Equal((1, 3), FactHashes.Compare(a, b, withRome));
        Assert.Equal((0, 0), FactHashes.Compare(a, a, [.. a.Select(f => f & ~1u).Order()]));
    }

    [Fact]
    public void CountsWholeText_OnlyWhereASampleHoldsAllItsFactsBelowTheOthersCutOff()
    {
        uint[] full = [.. Enumerable.Range(0, FactHashes.MaxCount).Select(i => (uint)(1000 + 2 * i))];
        uint[] otherFull = [.. Enumerable.Range(0, FactHashes.MaxCount).Select(i => (uint)(1001 + 4 * i))];
        // A short text's facts all below a long text's cut-off are counted whole; one above it, and they are a sample.
        Assert.True(FactHashes.CountsWholeText([10, 20, 30], full));
        Assert.True(FactHashes.CountsWholeText(full, [10, 20, 30]));
        Assert.False(FactHashes.CountsWholeText([10, 20, 5000], full));
        // Two full samples are samples; two short texts are compared whole.
        Assert.False(FactHashes.CountsWholeText(full, otherFull));
        Assert.True(FactHashes.CountsWholeText([10, 20, 5000], [20, 7000]));
    }

    [Fact]
    public void Compare_CountsBelowTheLowerCutOff_SoSamplesOfLargeSetsAgreeWithTheSets()
    {
        static string Figures(int from, int count) =>
            "x " + string.Join(' ', Enumerable.Range(from, count).Select(i => (i * 7).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // 400 figures against the same 400: all shared. 400 against a disjoint 400: none.
        var a = FactHashes.Compute(Figures(0, 400));
        Assert.Equal((FactHashes.MaxCount, FactHashes.MaxCount), FactHashes.Compare(a, FactHashes.Compute(Figures(0, 400))));
        Assert.Equal(0, FactHashes.Compare(a, FactHashes.Compute(Figures(1000, 400))).Shared);
        // Half of them shared: the samples estimate about half, well away from both ends.
        var (shared, smaller) = FactHashes.Compare(a, FactHashes.Compute(Figures(200, 400)));
        Assert.InRange((double)shared / smaller, 0.3, 0.7);
        // Small sets are compared whole.
        Assert.Equal((2, 3), FactHashes.Compare(FactHashes.Compute("x 1 2 3"), FactHashes.Compute("x 2 3 4 5")));
        Assert.Equal((0, 0), FactHashes.Compare([], FactHashes.Compute("x 1 2 3")));
    }

    [Fact]
    public void Scan_EqualsTheScalarReference_OnRandomTexts()
    {
        // Letters of both cases, digits, joiners, sentence marks, spaces and a few non-ASCII letters and marks, in
        // short runs: every way a word can start, end or open a sentence.
        const string alphabet = "aaaaeeeottnnss  AZQ0129.,1l5iIrncvv8'’!?:;\n\r\t-\"()éÉøØßİı\u00A0\u2014\u007F\u0080";
        CsCheck.Gen.String[CsCheck.Gen.Char[alphabet], 0, 300].Sample(text =>
        {
            var fast = new uint[text.Length / 2 + 1];
            var scalar = new uint[text.Length / 2 + 1];
            int n = FactHashes.Scan(text.AsSpan(), fast);
            Assert.Equal(FactHashes.ScanScalar(text, scalar), n);
            Assert.Equal(scalar.AsSpan(0, n).ToArray(), fast.AsSpan(0, n).ToArray());
        }, iter: 2000);
    }

    /// <summary>
    /// The 32-byte look back for a sentence mark against its scalar twin, from every start of texts of spaces, marks,
    /// letters, digits and bytes past ASCII, whose stretches without a letter, digit or mark run past the vector's width.
    /// </summary>
    [Fact]
    public void OpensSentenceAsciiVector256_EqualsScalarTwin()
    {
        Assert.SkipUnless(Vector256.IsHardwareAccelerated, "no Vector256 here");
        var piece = CsCheck.Gen.OneOf(
            CsCheck.Gen.Int[1, 70].Select(n => new string(' ', n)),
            CsCheck.Gen.String[CsCheck.Gen.Char["aZ09 .!?:;\n\r,'\"-()"], 1, 6],
            CsCheck.Gen.OneOf<string>("\u201C", "\u2014", "\u00E9"));
        piece.Array[0, 12].Sample(parts =>
        {
            byte[] text = Encoding.UTF8.GetBytes(string.Concat(parts));
            for (int start = 0; start <= text.Length; start++)
            {
                Assert.Equal(FactHashes.OpensSentence<byte>(text, start), FactHashes.OpensSentenceAsciiVector256(text, start));
            }
        }, iter: 3000);
    }

    /// <summary>
    /// The 32-byte word reader of all-ASCII bytes against the scalar reference on UTF-16: words whose runs of letters
    /// and digits end at, before and past a vector's width, joined by ' . and , (or not, when a joiner ends the text or
    /// meets a mark), capitals at the start, digits or lower case only at the far end.
    /// </summary>
    [Fact]
    public void Scan_AsciiBytes_EqualsTheScalarReference_AroundTheVectorWidth()
    {
        var run = CsCheck.Gen.Select(CsCheck.Gen.Int[0, 70], CsCheck.Gen.Char["aZ7"], CsCheck.Gen.Char["AQz"])
            .Select((length, last, head) => length == 0 ? "" : head + new string('X', length - 1) + last);
        var piece = CsCheck.Gen.OneOf(run, CsCheck.Gen.OneOf<string>("'", ".", ",", " ", ". ", "\n", "3", "x"));
        piece.Array[0, 16].Sample(parts =>
        {
            string text = string.Concat(parts);
            AssertScanEqualsTheReference(text, Encoding.ASCII.GetBytes(text));
        }, iter: 3000);
    }

    /// <summary>
    /// The block scan of UTF-8 texts read in place against the facts of their decoded text: words, marks and joiners
    /// across the 64-byte blocks, stretches with no letter, digit or mark longer than a block before a capital, and
    /// separators past ASCII (read as '#') where a mark or a space would be.
    /// </summary>
    [Fact]
    public void Compute_Utf8InPlace_EqualsTheDecodedText_AcrossBlocks()
    {
        var piece = CsCheck.Gen.OneOf(
            CsCheck.Gen.String[CsCheck.Gen.Char["abzAZQ0959"], 1, 12],
            CsCheck.Gen.OneOf<string>(" ", "  ", ". ", ".", ",", "'", "!", ":", ";", "\n", "\r", "-", "(",
                new string(' ', 70), "\u201C", "\u201D", " \u2013 ", "\u00A9", "\U0001F600"));
        piece.Array[0, 120].Sample(parts =>
        {
            string text = string.Concat(parts);
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            Assert.True(FactHashes.IsScannedInPlace(utf8));
            Assert.Equal(FactHashes.Compute(text), FactHashes.Compute(utf8));
        }, iter: 2000);
    }

    /// <summary>
    /// The 16-char word reader of UTF-16 texts and its scalar twin against the scalar reference: runs of letters and
    /// digits around the vector's width, joined by ' . , and ’ or not, and non-ASCII letters, digits and marks at a
    /// run's start, inside it or after a joiner, where the vector reader hands the word back to the scalar one.
    /// </summary>
    [Fact]
    public void Scan_Utf16_EqualsTheScalarReference_AroundTheVectorWidth()
    {
        Texts("aZ7é", "AQzÉ", "'", ".", ",", "’", " ", ". ", "\n", "3", "x", "é", "\u0663", "\u2014", "İ")
            .Sample(text => AssertScanEqualsTheReference(text, text.ToCharArray()), iter: 3000);
    }

    /// <summary>
    /// UTF-8 texts whose chars past ASCII are separators (curly quotes, dashes, ©, ₪, whose last byte is 'ª' in Latin-1,
    /// an emoji, invalid bytes) are scanned on their bytes, with the vector word readers and the scalar one, and give
    /// what the reference gives on their UTF-16: sentence marks before a quote, joiners before a dash, capitals and
    /// digits right after a sequence.
    /// </summary>
    [Fact]
    public void Scan_Utf8WithSeparatorsPastAscii_EqualsTheScalarReference()
    {
        Texts("aZ7", "AQz3", "'", ".", ",", " ", ". ", "\n", "\u201C", "\u201D", "\u2013", "\u00A9", "\u20AA", "\U0001F600", "\uFFFD").Sample(text =>
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            Assert.True(FactHashes.IsScannedInPlace(utf8));
            AssertScanEqualsTheReference(text, utf8);
        }, iter: 3000);
    }

    /// <summary>Up to 16 pieces: runs of 0 to 40 chars (a head, x's, a last char) and the given marks.</summary>
    private static CsCheck.Gen<string> Texts(string lasts, string heads, params string[] marks)
    {
        var run = CsCheck.Gen.Select(CsCheck.Gen.Int[0, 40], CsCheck.Gen.Char[lasts], CsCheck.Gen.Char[heads])
            .Select((length, last, head) => length == 0 ? "" : head + new string('x', length - 1) + last);
        return CsCheck.Gen.OneOf(run, CsCheck.Gen.OneOf(marks)).Array[0, 16].Select(string.Concat);
    }

    /// <summary>Which UTF-8 texts are scanned on their bytes: not one with a letter, digit or ’ past ASCII, which the byte scan would take as a separator.</summary>
    [Theory]
    [InlineData("plain ASCII. Paris 7", true)]
    [InlineData("said \u201CParis\u201D \u2013 \u00A9 2024 \U0001D400 \U0001F600", true)]
    [InlineData("", true)]
    [InlineData("the caf\u00E9", false)]
    [InlineData("O\u2019Neill", false)]
    [InlineData("\u0663 and \u4E2D", false)]
    public void IsScannedInPlace_OnlyWithSeparatorsPastAscii(string text, bool expected) =>
        Assert.Equal(expected, FactHashes.IsScannedInPlace(Encoding.UTF8.GetBytes(text)));

    /// <summary>Invalid UTF-8 is U+FFFD to the transcoder, a separator: scanned in place, with the facts of its decoded text.</summary>
    [Fact]
    public void Compute_InvalidUtf8_IsScannedInPlace_AsItsReplacementChars()
    {
        byte[] utf8 = [.. Encoding.ASCII.GetBytes("x. "), 0xE2, 0x80, .. Encoding.ASCII.GetBytes("Paris"), 0xFF, .. Encoding.ASCII.GetBytes(" 7 Rome")];
        Assert.True(FactHashes.IsScannedInPlace(utf8));
        Assert.Equal(FactHashes.Compute(Encoding.UTF8.GetString(utf8)), FactHashes.Compute(utf8));
        Assert.Equal(2, FactHashes.Compute(utf8).Length); // 7, Rome; not Paris, which opens a sentence
    }

    /// <summary>A word folded by shape, as the hashers of folded words take it.</summary>
    private static TUnit[] Folded<TUnit>(TUnit[] word)
        where TUnit : unmanaged
    {
        var folded = new TUnit[word.Length];
        return folded[..FactHashes.FoldShapes<TUnit>(word, folded)];
    }

    /// <summary>Scan of <paramref name="units"/> (the bytes or chars of <paramref name="text"/>) with the vector word readers and with the scalar one, each against <see cref="FactHashes.ScanScalar"/>.</summary>
    private static void AssertScanEqualsTheReference<TUnit>(string text, TUnit[] units)
        where TUnit : unmanaged
    {
        var fast = new uint[text.Length / 2 + 1];
        var scalar = new uint[text.Length / 2 + 1];
        int expected = FactHashes.ScanScalar(text, scalar);
        foreach (bool vector in Vector256.IsHardwareAccelerated ? [false, true] : new[] { false })
        {
            Array.Clear(fast);
            int n = FactHashes.Scan<TUnit>(units, fast, vector);
            Assert.Equal(expected, n);
            Assert.Equal(scalar.AsSpan(0, n).ToArray(), fast.AsSpan(0, n).ToArray());
        }
    }

    /// <summary>The widening hash of short ASCII fact words against the reference (lowered UTF-16, then XXH3) at every length it takes.</summary>
    [Fact]
    public void HashShortAsciiWord_EqualsTheReference_AtLengths1To8()
    {
        const string alphabet = "azAZmMrnclvIi0957'.,";
        CsCheck.Gen.String[CsCheck.Gen.Char[alphabet], 1, 8].Sample(word =>
        {
            Assert.Equal(FactHashes.HashReference(word), FactHashes.HashShortAsciiWord(Folded(Encoding.ASCII.GetBytes(word))));
        }, iter: 5000);
    }

    /// <summary>The widening hash of 9 to 16 byte ASCII fact words (XXH3's 17-32 byte case) against the reference.</summary>
    [Fact]
    public void HashMediumAsciiWord_EqualsTheReference_AtLengths9To16()
    {
        const string alphabet = "azAZmMrnclvIi0957'.,";
        CsCheck.Gen.String[CsCheck.Gen.Char[alphabet], 9, 16].Where(w => Folded(Encoding.ASCII.GetBytes(w)).Length > 8).Sample(word =>
        {
            Assert.Equal(FactHashes.HashReference(word), FactHashes.HashMediumAsciiWord(Folded(Encoding.ASCII.GetBytes(word))));
        }, iter: 5000);
    }

    /// <summary>The in-place hash of 4 to 16 ASCII chars (a decoded text's ASCII words) against the reference.</summary>
    [Fact]
    public void HashAsciiChars_EqualsTheReference_AtLengths4To16()
    {
        const string alphabet = "azAZmMrnclvIi0957'.,";
        CsCheck.Gen.String[CsCheck.Gen.Char[alphabet], 4, 16].Where(w => Folded(w.ToCharArray()).Length >= 4).Sample(word =>
        {
            Assert.Equal(FactHashes.HashReference(word), FactHashes.HashAsciiChars(Folded(word.ToCharArray())));
        }, iter: 5000);
    }

    /// <summary>
    /// UTF-8 facts against the facts of the decoded text, where the first non-ASCII byte is a mark, the end of a word
    /// (é, ’ inside or after an ASCII run), the byte after a joiner (3.é, O'É) or part of an invalid sequence (stray
    /// continuation bytes, cut and overlong sequences, which decode to U+FFFD), between ASCII runs and words of 9 to 16
    /// letters (the 17-32 byte hash of their UTF-16 form).
    /// </summary>
    [Fact]
    public void Compute_Utf8_EqualsTheDecodedTextsFacts_WithOddBytes()
    {
        var ascii = CsCheck.Gen.String[CsCheck.Gen.Char["aaeottnns  AZQ0129.,'!?:;\n-\"("], 0, 70].Select(Encoding.ASCII.GetBytes);
        var odd = CsCheck.Gen.OneOf<byte[]>(
            Encoding.UTF8.GetBytes("é"), Encoding.UTF8.GetBytes("É"), Encoding.UTF8.GetBytes("’"), Encoding.UTF8.GetBytes("\u2014"),
            Encoding.UTF8.GetBytes("İ"), Encoding.UTF8.GetBytes("\U0001D400"), Encoding.UTF8.GetBytes("O’Neill"),
            Encoding.UTF8.GetBytes("3.é"), Encoding.UTF8.GetBytes("O'É"), Encoding.UTF8.GetBytes("5,٣"), Encoding.UTF8.GetBytes("Zürich"),
            Encoding.UTF8.GetBytes(" Taihastmouth"), Encoding.UTF8.GetBytes(" Yopranland's"), Encoding.UTF8.GetBytes(" 1,234,567.89"),
            [0x80], [0xBF, 0x41], [0xC3], [0xE2, 0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF]);
        CsCheck.Gen.OneOf(ascii, ascii, odd).Array[0, 10].Sample(parts =>
        {
            byte[] bytes = [.. parts.SelectMany(p => p)];
            Assert.Equal(FactHashes.Compute(Encoding.UTF8.GetString(bytes).AsSpan()), FactHashes.Compute(bytes.AsSpan()));
        }, iter: 5000);
    }

    [Fact]
    public void Compute_Utf8EqualsUtf16_OnAsciiAndNonAsciiTexts()
    {
        // An all-ASCII text is scanned in its bytes, any other is decoded first: both must give the UTF-16 facts,
        // across runs longer than a vector and words longer than the inline hash takes (8 chars).
        const string ascii = "aaaaeeeottnnss  AZQ0129.,'!?:;\n\r\t-\"()\u007F";
        var pieces = CsCheck.Gen.OneOf(
            CsCheck.Gen.String[CsCheck.Gen.Char[ascii], 0, 80],
            CsCheck.Gen.OneOf<string>("Barcelona", "ABCDEFGHIJ", "1234567890123", "O'Neill", "3.5", "5,000", "Zürich", "’", "\u2014", "İ"));
        CsCheck.Gen.Select(pieces.Array[0, 12], CsCheck.Gen.Bool).Sample((parts, asciiOnly) =>
        {
            string text = string.Concat(asciiOnly ? parts.Where(p => p.All(char.IsAscii)) : parts);
            Assert.Equal(FactHashes.Compute(text.AsSpan()), FactHashes.Compute(Encoding.UTF8.GetBytes(text).AsSpan()));
        }, iter: 3000);
    }

    [Fact]
    public void Smallest_EqualsSortDistinctTake_OnRandomHashes()
    {
        // Few distinct values (many repeats), values crowding one top byte, and lengths across the whole-sort cut-off,
        // the stack buffer and the pooled one.
        var hashes = CsCheck.Gen.OneOf(
            CsCheck.Gen.UInt,
            CsCheck.Gen.UInt[0, 40],
            CsCheck.Gen.UInt[0x0100_0000, 0x0100_00FF],
            CsCheck.Gen.UInt.Select(h => h | 0xFF00_0000));
        CsCheck.Gen.Int[0, 2500].SelectMany(n => hashes.Array[n]).Sample(values =>
        {
            var expected = values.Distinct().Order().Take(FactHashes.MaxCount).ToArray();
            var kept = new uint[FactHashes.MaxCount + 1];
            int n = FactHashes.Smallest(values.ToArray(), kept);
            Assert.Equal(expected, kept[..n]);
        }, iter: 500);
    }
}

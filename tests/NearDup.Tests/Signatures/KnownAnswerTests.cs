using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using NearDup.Persistence;
using NearDup.Signatures;
using NearDup.Text;

namespace NearDup.Tests.Signatures;

/// <summary>
/// Known answers for the values a saved index stores: word hashes, shingle hashes, MinHash and SimHash signatures of
/// fixed texts with the default options. They are keyed by the index format version from which they hold: a change to
/// any of them must come with a new format version (and a new row here), since every saved index would otherwise be
/// read with hashes that no longer match the documents it is queried with.
/// </summary>
public sealed class KnownAnswerTests
{
    private const string Fox = "The quick brown fox jumps over the lazy dog";
    private const string Short = "Three short words";
    private const string Astral = "Café 𝒳𝒴 naïve ﬁne 日本語 text";

    /// <summary>(first format version, values): the row used is the newest whose version is at most <see cref="IndexFormat.Version"/>.</summary>
    private static readonly (int Since, Answers Values)[] s_answers =
    [
        (3, new Answers(
            FoxWords: [0xCB1283631CF33D7DUL, 0xA484D68AB370B322UL, 0x0E2BC6A228DED8EBUL, 0xC1CFEE97854B92CFUL, 0x9730029FC993CBC3UL, 0x021987B1080C5631UL, 0xCB1283631CF33D7DUL, 0xFED6A0905A629067UL, 0x802C9DC0909E32B7UL],
            FoxShingles: [0x6CDA0CA796BB49D4UL, 0xA037F2A63056A76DUL, 0x75FD3FACC6262AB5UL, 0xD3D2523D1B046B72UL, 0x4DEE8C23E4399B21UL],
            ShortShingle: 0xBA308BFAB89AC8C9UL,
            AstralShingles: [0x62F50A52620E19D9UL, 0x1C543A222D855B7DUL],
            OnePermutation: 0xAF68E1DD440A9E69UL,
            KPermutation: 0x77BE41D4C41D76A8UL,
            SimHash: 0x65FE1EA796362B75UL,
            CharShingles: [0x53CFA4530B276C85UL, 0xB1E62B30775068C1UL, 0xBB97A4E24A767A9FUL, 0x49B54047B7A0630BUL, 0x407FCC4480B898B4UL, 0xE44C5A00697DDB8FUL, 0xAA045FEEF59C893AUL, 0x5780CACA1FA8279DUL])),
        // Han and kana chars are words of their own: the astral text's "日本語" is three words, so four shingles.
        (IndexFormat.HanWordsVersion, new Answers(
            FoxWords: [0xCB1283631CF33D7DUL, 0xA484D68AB370B322UL, 0x0E2BC6A228DED8EBUL, 0xC1CFEE97854B92CFUL, 0x9730029FC993CBC3UL, 0x021987B1080C5631UL, 0xCB1283631CF33D7DUL, 0xFED6A0905A629067UL, 0x802C9DC0909E32B7UL],
            FoxShingles: [0x6CDA0CA796BB49D4UL, 0xA037F2A63056A76DUL, 0x75FD3FACC6262AB5UL, 0xD3D2523D1B046B72UL, 0x4DEE8C23E4399B21UL],
            ShortShingle: 0xBA308BFAB89AC8C9UL,
            AstralShingles: [0x307AB91252528C86UL, 0x845DE3F4C385558AUL, 0x7D4C2D506F73C851UL, 0xEF6EFEDCEFF00F36UL],
            OnePermutation: 0xAF68E1DD440A9E69UL,
            KPermutation: 0x77BE41D4C41D76A8UL,
            SimHash: 0x65FE1EA796362B75UL,
            CharShingles: [0x53CFA4530B276C85UL, 0xB1E62B30775068C1UL, 0xBB97A4E24A767A9FUL, 0x49B54047B7A0630BUL, 0x407FCC4480B898B4UL, 0xE44C5A00697DDB8FUL, 0xAA045FEEF59C893AUL, 0x5780CACA1FA8279DUL])),
    ];

    private static Answers Expected => s_answers.Where(a => a.Since <= IndexFormat.Version).MaxBy(a => a.Since).Values;

    [Fact]
    public void WordHashes_AreXxHash3OfTheFoldedWord_AndPinned()
    {
        var hashes = Words(Fox);
        string[] folded = TextNormalizer.Normalize(Fox).Split(' ');
        Assert.Equal(folded.Select(w => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(w))), hashes);
        AssertPinned(Expected.FoxWords, hashes, "word hashes of the fox text");
    }

    [Fact]
    public void FoxShingles_Pinned()
    {
        AssertPinned(Expected.FoxShingles, new Shingler().Compute(Fox), "5-word shingles of the fox text");
    }

    [Fact]
    public void ShingleOfTextShorterThanK_Pinned() =>
        AssertPinned([Expected.ShortShingle], new Shingler().Compute(Short), "the one shingle of a 3-word text");

    [Fact]
    public void ShinglesOutsideTheBmp_Pinned()
    {
        var shingler = new Shingler();
        AssertPinned(Expected.AstralShingles, shingler.Compute(Astral), "shingles of a text with characters outside the BMP");
        byte[] utf8 = Encoding.UTF8.GetBytes(Astral);
        var fromUtf8 = new ulong[shingler.GetMaxShingleCount(utf8.Length)];
        Assert.Equal(shingler.Compute(Astral), fromUtf8[..shingler.Compute(utf8, fromUtf8)]);
    }

    [Fact]
    public void OnePermutationSignature_Pinned()
    {
        ulong[] shingles = new Shingler().Compute(Fox);
        AssertPinned([Expected.OnePermutation], [Digest(new MinHasher().Compute(shingles))], "XXH3 of the one-permutation signature");
    }

    [Fact]
    public void KPermutationSignature_Pinned()
    {
        ulong[] shingles = new Shingler().Compute(Fox);
        var k = new MinHasher(MinHashOptions.Default with { Scheme = MinHashScheme.KPermutation });
        AssertPinned([Expected.KPermutation], [Digest(k.Compute(shingles))], "XXH3 of the k-permutation signature");
    }

    /// <summary>Character 4-grams of "Quick, Fox!": each is the XXH3 of its four normalized UTF-16 chars, and pinned.</summary>
    [Fact]
    public void CharacterShingles_AreXxHash3OfTheirChars_AndPinned()
    {
        ulong[] shingles = new Shingler(new ShingleOptions { Scheme = ShingleScheme.Character, Size = 4 }).Compute("Quick, Fox!");
        string normalized = TextNormalizer.Normalize("Quick, Fox!");
        Assert.Equal(Enumerable.Range(0, normalized.Length - 3).Select(i => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(normalized.AsSpan(i, 4)))), shingles);
        AssertPinned(Expected.CharShingles, shingles, "character 4-grams");
    }

    [Fact]
    public void SimHash_Pinned()
    {
        AssertPinned([Expected.SimHash], [new SimHasher().Compute(new Shingler().Compute(Fox))], "SimHash of the fox text's shingles");
    }

    private static ulong[] Words(string text)
    {
        var hashes = new List<ulong>();
        foreach (var word in Tokenizer.EnumerateWords(text))
        {
            hashes.Add(word.Hash);
        }
        return [.. hashes];
    }

    /// <summary>
    /// A text's facts (sorted 32-bit hashes, bit 0 set for a figure) as saved since format 9
    /// (<see cref="IndexFormat.FoldedFactsVersion"/>: words folded by shape, so Paris is hashed as parls): 12.5 is a
    /// figure, Acme and Paris are names.
    /// </summary>
    [Fact]
    public void Facts_Pinned()
    {
        Assert.True(IndexFormat.Version >= IndexFormat.FoldedFactsVersion);
        var facts = FactHashes.Compute("Sales rose 12.5 pct at Acme in Paris.");
        Assert.Equal(1, facts.Count(f => (f & 1) != 0));
        AssertPinned([0x646704E0UL, 0x8368B7DBUL, 0xB760DF2EUL], [.. facts.Select(f => (ulong)f)], "facts of a short report");
    }

    private static ulong Digest(ulong[] signature) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(signature.AsSpan()));

    private static void AssertPinned(ulong[] expected, ulong[] actual, string what)
    {
        string literal = "[" + string.Join(", ", actual.Select(v => "0x" + v.ToString("X16", CultureInfo.InvariantCulture) + "UL")) + "]";
        Assert.True(expected.SequenceEqual(actual),
            $"{what} changed under index format version {IndexFormat.Version}: saved indexes hold these values, so bump IndexFormat.Version and add a row. Now: {literal}");
    }

    private sealed record Answers(ulong[] FoxWords, ulong[] FoxShingles, ulong ShortShingle, ulong[] AstralShingles, ulong OnePermutation, ulong KPermutation, ulong SimHash, ulong[] CharShingles);
}

using System.IO.Hashing;
using System.Runtime.Intrinsics;
using System.Text;
using NearDup.Text;

namespace NearDup.Tests.Text;

/// <summary>
/// The block word hasher against the word scanner it must equal, word for word, and its kernels against their
/// references: the vector block masks against the scalar masks, and the in-place folded hash against XXH3 of the
/// folded copy.
/// </summary>
public sealed class Utf8WordHashesTests
{
    // Letters of both cases, digits, ASCII separators at every class boundary, and bytes of multi-byte and broken
    // UTF-8, weighted so that words run across 32-byte blocks and past 16 bytes.
    private static readonly Gen<byte> s_byte = Gen.Frequency(
        (12, Gen.Byte[(byte)'a', (byte)'z']),
        (4, Gen.Byte[(byte)'A', (byte)'Z']),
        (2, Gen.Byte[(byte)'0', (byte)'9']),
        (3, Gen.OneOf<byte>((byte)' ', (byte)'@', (byte)'[', (byte)'`', (byte)'{', (byte)'/', (byte)':', (byte)'\n', (byte)0, (byte)0x7F, (byte)'\'', (byte)'-')),
        (1, Gen.OneOf<byte>((byte)0x80, (byte)0xC3, (byte)0xA9, (byte)0xE2, (byte)0xE6, (byte)0x97, (byte)0xA5, (byte)0xFF)));

    // ASCII only: letters, digits and separators, so that a whole text takes the runs' path without non-ASCII bytes.
    private static readonly Gen<byte> s_asciiByte = Gen.Frequency(
        (12, Gen.Byte[(byte)'a', (byte)'z']),
        (4, Gen.Byte[(byte)'A', (byte)'Z']),
        (2, Gen.Byte[(byte)'0', (byte)'9']),
        (3, Gen.OneOf<byte>((byte)' ', (byte)'@', (byte)'[', (byte)'`', (byte)'{', (byte)'/', (byte)':', (byte)'\n', (byte)0, (byte)0x7F, (byte)'-')));

    // A stretch of ASCII words of 1 to 24 letters and digits, then one non-ASCII char (a separator, or a letter that
    // joins the word it touches) or none.
    private static readonly Gen<string> s_stretch = Gen.Select(
        Gen.String[Gen.Char["abcXYZ09"], 1, 24].Array[0, 40].Select(words => string.Join(" ", words)),
        Gen.OneOf<string>("", " ", "\u201C", "\u201D", " \u2013 ", "\u00A9", "é", "caf\u00E9 ", ".\u201D "))
        .Select((words, mark) => words + mark);

    // Whole words and chars that take the scanner's other paths: accents, ligatures, Han, format chars, long words.
    private static readonly Gen<string> s_piece = Gen.OneOf(
        Gen.Int[1, 40].Select(n => new string('k', n)),
        Gen.Int[1, 140].Select(n => string.Concat(Enumerable.Range(0, n).Select(i => "aBz9"[i % 4]))),
        Gen.OneOf<string>("é", "É", "café", "日本", "ﬁ", "—", " ", "  ", "\n", "12", "\u200B", "ß", "𝐀", "'", "-", ".", "Ω", "½", "the", "News", "A", "x9"));

    [Fact]
    public void Masks_VectorForms_AgreeWithScalar_OnRandomBlocks() =>
        Gen.Select(s_byte.Array[WordMasks.BlockSize], Gen.Bool).Sample((block, removeDigits) =>
        {
            AssertMasksAgree(block, removeDigits);
        }, iter: 5000);

    [Fact]
    public void Masks_VectorForms_AgreeWithScalar_OnEveryByte()
    {
        for (int b = 0; b < 256; b++)
        {
            foreach (bool removeDigits in new[] { false, true })
            {
                byte[] block = [.. Enumerable.Range(0, WordMasks.BlockSize).Select(j => (byte)(b + j * 8))];
                AssertMasksAgree(block, removeDigits);
            }
        }
        WordMasks.Scalar("aZ0 é"u8, removeDigits: false, out uint word, out uint special);
        Assert.Equal(0b111u, word);
        Assert.Equal(0b110000u, special); // é is two bytes, at 4 and 5
        WordMasks.Scalar("aZ0 é"u8, removeDigits: true, out word, out special);
        Assert.Equal(0b11u, word);
        Assert.Equal(0b110100u, special);
    }

    [Fact]
    public void HashAsciiWord_EqualsXxHash3OfTheFoldedWord_AtEveryLength() =>
        Gen.Select(Gen.Frequency((3, Gen.Byte[(byte)'a', (byte)'z']), (2, Gen.Byte[(byte)'A', (byte)'Z']), (1, Gen.Byte[(byte)'0', (byte)'9']))
            .Array[1, ShortXxHash3.MaxLength], Gen.ULong).Sample((word, seed) =>
        {
            byte[] folded = [.. word.Select(b => (byte)char.ToLowerInvariant((char)b))];
            Assert.Equal(XxHash3.HashToUInt64(folded, (long)seed), ShortXxHash3.HashAsciiWord(word, seed));
        }, iter: 20_000);

    [Fact]
    public void HashAsciiWord_FromARef_ReadsOnlyTheWord_InsideALargerText() =>
        Gen.Select(Gen.Frequency((1, Gen.Byte[(byte)'a', (byte)'z']), (1, Gen.Byte[(byte)'A', (byte)'Z'])).Array[1, ShortXxHash3.MaxLength],
            Gen.Byte.Array[0, 20], Gen.Byte.Array[0, 20], Gen.ULong).Sample((word, before, after, seed) =>
            {
                // The bytes around the word are random, so a load that strays outside it changes the hash.
                byte[] text = [.. before, .. word, .. after];
                byte[] folded = [.. word.Select(b => (byte)(b | 0x20))];
                Assert.Equal(XxHash3.HashToUInt64(folded, (long)seed), ShortXxHash3.HashAsciiWord(ref text[before.Length], word.Length, seed));
            }, iter: 20_000);

    [Fact]
    public void HashAsciiWord_RefusesAnEmptyOrLongWord()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortXxHash3.HashAsciiWord([], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortXxHash3.HashAsciiWord(new byte[ShortXxHash3.MaxLength + 1], 0));
    }

    [Fact]
    public void Compute_EqualsScanner_OnRandomBytes() =>
        Gen.Select(s_byte.Array[0, 300], Gen.Bool, Gen.ULong).Sample((text, removeDigits, seed) =>
        {
            AssertEqualsScanner(text, removeDigits, seed);
        }, iter: 5000);

    [Fact]
    public void Compute_EqualsScanner_OnMixedTexts() =>
        Gen.Select(s_piece.Array[1, 40].Select(p => string.Join(" ", p)), s_piece.Array[1, 30].Select(string.Concat), Gen.Bool)
            .Sample((spaced, joined, removeDigits) =>
            {
                AssertEqualsScanner(Encoding.UTF8.GetBytes(spaced), removeDigits, 7);
                AssertEqualsScanner(Encoding.UTF8.GetBytes(joined), removeDigits, 7);
            }, iter: 3000);

    [Fact]
    public void Compute_EqualsScanner_WithWordsAcrossEveryBlockEdge()
    {
        foreach (bool removeDigits in new[] { false, true })
        {
            for (int lead = 0; lead <= 70; lead++)
            {
                for (int length = 1; length <= 20; length++)
                {
                    // A word of each length starting at each offset, ended by a space, a non-ASCII letter or the text's end.
                    string word = string.Concat(Enumerable.Range(0, length).Select(i => "Ab9z"[i % 4]));
                    foreach (string tail in new[] { "", " x", "é y", "日" })
                    {
                        string text = new string(' ', lead % 3) + new string('q', lead / 3) + " " + word + tail;
                        AssertEqualsScanner(Encoding.UTF8.GetBytes(text), removeDigits, 0);
                    }
                }
            }
        }
    }

    [Fact]
    public void ComputeRunsAndBlocks_EqualScanner_OnRandomAndAsciiBytes() =>
        Gen.Select(s_byte.Array[0, 300], s_asciiByte.Array[0, 300], Gen.ULong).Sample((text, ascii, seed) =>
        {
            foreach (byte[] t in new[] { text, ascii })
            {
                var expected = ScannerHashes(t, NormalizationOptions.Default, seed);
                Assert.Equal(expected, Hashes(t, seed, Utf8WordHashes.ComputeRuns));
                Assert.Equal(expected, Hashes(t, seed, Utf8WordHashes.ComputeBlocks));
            }
        }, iter: 5000);

    [Fact]
    public void ComputeRuns_EqualsScanner_OnMixedTexts() =>
        Gen.Select(s_piece.Array[1, 60].Select(p => string.Join(" ", p)), s_piece.Array[1, 30].Select(string.Concat), Gen.ULong)
            .Sample((spaced, joined, seed) =>
            {
                foreach (byte[] t in new[] { Encoding.UTF8.GetBytes(spaced), Encoding.UTF8.GetBytes(joined) })
                {
                    Assert.Equal(ScannerHashes(t, NormalizationOptions.Default, seed), Hashes(t, seed, Utf8WordHashes.ComputeRuns));
                }
            }, iter: 3000);

    /// <summary>
    /// News-like texts: long stretches of ASCII words (some over 16 bytes) between a few quotes, dashes and accented
    /// words, which the mixed-run path hashes a stretch at a time; a non-ASCII char right before, right after or inside
    /// a word, or none at all in a stretch, as the scanner reads them.
    /// </summary>
    [Fact]
    public void ComputeRuns_EqualsScanner_OnLongStretchesBetweenNonAsciiChars() =>
        Gen.Select(s_stretch.Array[1, 12], Gen.ULong).Sample((parts, seed) =>
        {
            byte[] text = Encoding.UTF8.GetBytes(string.Concat(parts));
            Assert.Equal(ScannerHashes(text, NormalizationOptions.Default, seed), Hashes(text, seed, Utf8WordHashes.ComputeRuns));
        }, iter: 2000);

    [Fact]
    public void FindRuns_EqualsAByteLoop() => AssertFindRunsEqualsAByteLoop(Utf8WordHashes.FindRuns);

    /// <summary>Each classifier's loop, whichever the machine would pick: a narrower one runs on a wider machine too.</summary>
    [Fact]
    public void FindRuns_WithTwoVector256Halves_EqualsAByteLoop()
    {
        Assert.SkipUnless(Vector256.IsHardwareAccelerated, "no AVX2 here");
        AssertFindRunsEqualsAByteLoop(Utf8WordHashes.FindRuns<RunClassifier256>);
    }

    [Fact]
    public void FindRuns_WithOneVector512_EqualsAByteLoop()
    {
        Assert.SkipUnless(Vector512.IsHardwareAccelerated, "no AVX-512 here");
        AssertFindRunsEqualsAByteLoop(Utf8WordHashes.FindRuns<RunClassifier512>);
    }

    private delegate int RunFinder(ReadOnlySpan<byte> text, WordRuns runs, Span<int> specials, out int specialCount);

    private static void AssertFindRunsEqualsAByteLoop(RunFinder findRuns) =>
        Gen.Select(s_byte.Array[0, 300], s_asciiByte.Array[0, 600]).Sample((text, ascii) =>
        {
            foreach (byte[] t in new[] { text, ascii })
            {
                var (starts, ends, specials) = RunsScalar(t);
                var runs = RunRoom(t.Length);
                int[] x = new int[t.Length];
                int count = findRuns(t, runs, x, out int specialCount);
                Assert.Equal(starts, runs.Starts[..count].ToArray());
                Assert.Equal(ends, runs.Ends[..count].ToArray());
                Assert.Equal(specials, x[..specialCount]);
            }
        }, iter: 5000);

    /// <summary>
    /// The loads the run finder takes while flattening, in the blocks away from the text's edges, against the run-by-run
    /// gather (the reference, which reads the runs near the edges through a copy), on texts long enough for several such
    /// blocks and with runs across every block edge.
    /// </summary>
    [Fact]
    public void FindRuns_Loads_EqualGatherRuns() =>
        Gen.Select(s_byte.Array[0, 700], s_asciiByte.Array[0, 700]).Sample((text, ascii) =>
        {
            foreach (byte[] t in new[] { text, ascii })
            {
                var runs = RunRoom(t.Length);
                int count = Utf8WordHashes.FindRuns(t, runs, new int[t.Length], out _);
                var expected = RunRoom(t.Length);
                runs.Starts.CopyTo(expected.Starts);
                runs.Ends.CopyTo(expected.Ends);
                Utf8WordHashes.GatherRuns(t, expected[..count]);
                Assert.Equal(expected.First8[..count].ToArray(), runs.First8[..count].ToArray());
                Assert.Equal(expected.Last8[..count].ToArray(), runs.Last8[..count].ToArray());
            }
        }, iter: 5000);

    [Fact]
    public void HashAsciiWordSelect_EqualsHashAsciiWord_AtEveryLength_InsideALargerText() =>
        Gen.Select(s_asciiByte.Array[8, 40], Gen.Int[1, ShortXxHash3.MaxLength], Gen.ULong).Sample((text, length, seed) =>
        {
            // Words placed so that both 8-byte loads stay in the text and read random bytes around the word.
            for (int start = Math.Max(0, 8 - length); start + Math.Max(length, 8) <= text.Length; start++)
            {
                byte[] word = [.. text.AsSpan(start, length).ToArray().Select(b => (byte)((uint)((b | 0x20) - 'a') < 26 ? b : (byte)'q'))];
                byte[] copy = [.. text];
                word.CopyTo(copy, start);
                Assert.Equal(ShortXxHash3.HashAsciiWord(word, seed), ShortXxHash3.HashAsciiWordSelect(ref copy[start], length, seed));
            }
        }, iter: 3000);

    [Fact]
    public void Shingler_RoomForEveryWord_EqualsShortRoom() =>
        Gen.Select(s_piece.Array[0, 60].Select(p => string.Join(" ", p)), Gen.Int[1, 16]).Sample((text, size) =>
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            var shingler = new Shingler(ShingleOptions.Default with { Size = size });
            ulong[] room = new ulong[shingler.GetMaxShingleCountUtf8(utf8.Length)];
            int count = shingler.Compute(utf8, room);
            // Room for the shingles but not for every word: the scanner's streaming path, the reference.
            ulong[] exact = new ulong[count];
            if (count < room.Length)
            {
                Assert.True(shingler.TryCompute(utf8, exact, out int written));
                Assert.Equal(count, written);
                Assert.Equal(exact, room[..count]);
            }
            Assert.Equal(shingler.Compute(text), room[..count]);
        }, iter: 2000);

    private delegate int WordHasher(ReadOnlySpan<byte> text, NormalizationOptions options, ulong seed, Span<ulong> hashes);

    private static ulong[] Hashes(byte[] text, ulong seed, WordHasher hasher)
    {
        ulong[] actual = new ulong[Tokenizer.GetMaxWordCountUtf8(text.Length)];
        return actual[..hasher(text, NormalizationOptions.Default, seed, actual)];
    }

    private static ulong[] ScannerHashes(byte[] text, NormalizationOptions options, ulong seed)
    {
        var expected = new List<ulong>();
        var scanner = new WordScanner<byte>(text, options, seed);
        while (scanner.Next(out var token))
        {
            expected.Add(token.Hash);
        }
        return [.. expected];
    }

    private static WordRuns RunRoom(int length)
    {
        int room = Utf8WordHashes.RunRoom(length);
        return new WordRuns(new int[room], new int[room], new ulong[room], new ulong[room]);
    }

    /// <summary>The runs of ASCII letters and digits and the non-ASCII bytes, one byte at a time.</summary>
    private static (int[] Starts, int[] Ends, int[] Specials) RunsScalar(byte[] text)
    {
        var starts = new List<int>();
        var ends = new List<int>();
        var specials = new List<int>();
        bool inRun = false;
        for (int i = 0; i <= text.Length; i++)
        {
            byte b = i < text.Length ? text[i] : (byte)' ';
            bool word = char.IsAsciiLetterOrDigit((char)b);
            if (word && !inRun)
            {
                starts.Add(i);
            }
            if (!word && inRun)
            {
                ends.Add(i);
            }
            if (b >= 0x80)
            {
                specials.Add(i);
            }
            inRun = word;
        }
        return ([.. starts], [.. ends], [.. specials]);
    }

    private static void AssertMasksAgree(byte[] block, bool removeDigits)
    {
        WordMasks.Scalar(block, removeDigits, out uint word, out uint special);
        if (Vector256.IsHardwareAccelerated)
        {
            WordMasks.Vector256Form(ref block[0], removeDigits, out uint w, out uint s);
            Assert.Equal((word, special), (w, s));
        }
        if (Vector128.IsHardwareAccelerated)
        {
            WordMasks.Vector128Form(ref block[0], removeDigits, out uint w, out uint s);
            Assert.Equal((word, special), (w, s));
        }
        WordMasks.Classify(block, 0, removeDigits, out uint dw, out uint ds);
        Assert.Equal((word, special), (dw, ds));
    }

    private static void AssertEqualsScanner(byte[] text, bool removeDigits, ulong seed)
    {
        var options = NormalizationOptions.Default with { RemoveDigits = removeDigits };
        var expected = new List<ulong>();
        var scanner = new WordScanner<byte>(text, options, seed);
        while (scanner.Next(out var token))
        {
            expected.Add(token.Hash);
        }
        ulong[] actual = new ulong[Tokenizer.GetMaxWordCountUtf8(text.Length)];
        int count = Utf8WordHashes.Compute(text, options, seed, actual);
        Assert.Equal(expected, actual[..count]);
    }
}

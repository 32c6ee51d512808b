using System.Runtime.Intrinsics;
using System.Text;
using NearDup.Text;

namespace NearDup.Tests.Text;

/// <summary>
/// The vectorized word-run kernels against their scalar twin, and the UTF-8 word scanner (which uses them) against the
/// UTF-16 one (which does not) on texts whose words cross vector and buffer boundaries.
/// </summary>
public sealed class AsciiWordRunTests
{
    // Every class boundary of the ASCII table ('@' 'A' 'Z' '[' '`' 'a' 'z' '{' '/' '0' '9' ':'), control and space
    // bytes, DEL, and bytes of multi-byte UTF-8 sequences, with letters weighted so that runs reach vector lengths.
    private static readonly Gen<byte> s_byte = Gen.Frequency(
        (12, Gen.Byte[(byte)'a', (byte)'z']),
        (4, Gen.Byte[(byte)'A', (byte)'Z']),
        (2, Gen.Byte[(byte)'0', (byte)'9']),
        (1, Gen.OneOf<byte>((byte)'@', (byte)'[', (byte)'`', (byte)'{', (byte)'/', (byte)':', (byte)' ', (byte)'\n', (byte)0, (byte)0x7F)),
        (1, Gen.OneOf<byte>((byte)0x80, (byte)0xC3, (byte)0xA9, (byte)0xE2, (byte)0xFF)));

    [Fact]
    public void Fold_VectorForms_AgreeWithScalar_OnRandomBytes() =>
        Gen.Select(s_byte.Array[0, 120], Gen.Int[0, 140], Gen.Bool).Sample((source, room, removeDigits) =>
        {
            AssertAgree(source, room, removeDigits);
        }, iter: 5000);

    [Fact]
    public void Fold_VectorForms_AgreeWithScalar_AtEveryLengthAroundVectorWidths()
    {
        for (int length = 0; length <= 100; length++)
        {
            foreach (bool removeDigits in new[] { false, true })
            {
                byte[] letters = [.. Enumerable.Range(0, length).Select(i => (byte)("AbZz09mQ"[i % 8]))];
                // A whole run, then the same run ended by a space, a non-ASCII byte or a digit at each place.
                AssertAgree(letters, length, removeDigits);
                AssertAgree(letters, Math.Max(0, length - 1), removeDigits);
                for (int stop = 0; stop < length; stop++)
                {
                    foreach (byte end in new byte[] { (byte)' ', 0xC3, (byte)'5', (byte)'[' })
                    {
                        byte[] source = [.. letters];
                        source[stop] = end;
                        AssertAgree(source, length + 8, removeDigits);
                    }
                }
            }
        }
    }

    [Fact]
    public void Fold_ScalarForm_FoldsAsTheAsciiTable()
    {
        byte[] destination = new byte[16];
        int run = AsciiWordRun.FoldScalar("HeLLo42World x"u8, destination, removeDigits: false);
        Assert.Equal(12, run);
        Assert.Equal("hello42world"u8.ToArray(), destination[..run]);
        Assert.Equal(5, AsciiWordRun.FoldScalar("HeLLo42World x"u8, destination, removeDigits: true));
        Assert.Equal(0, AsciiWordRun.FoldScalar("é"u8, destination, removeDigits: false));
    }

    [Fact]
    public void Scanner_Utf8EqualsUtf16_OnLongWordsAndMixedRuns()
    {
        var pieces = Gen.OneOf(
            Gen.Int[1, 300].Select(n => new string('k', n)),
            Gen.Int[25, 140].Select(n => string.Concat(Enumerable.Range(0, n).Select(i => "aBz9"[i % 4]))),
            Gen.OneOf<string>("é", "É", "日本", "ﬁ", "—", " ", "\n", "12", "\u200B", "ß", "𝐀", "'", "-", ".", "Ω"));
        Gen.Select(pieces.Array[1, 12].Select(string.Concat), Gen.Bool).Sample((text, removeDigits) =>
        {
            var options = NormalizationOptions.Default with { RemoveDigits = removeDigits };
            var fromChars = new List<ulong>();
            foreach (var t in Tokenizer.EnumerateWords(text, options))
            {
                fromChars.Add(t.Hash);
            }
            var fromBytes = new List<ulong>();
            foreach (var t in Tokenizer.EnumerateWords(Encoding.UTF8.GetBytes(text), options))
            {
                fromBytes.Add(t.Hash);
            }
            Assert.Equal(fromChars, fromBytes);
        }, iter: 1500);
    }

    private static void AssertAgree(byte[] source, int room, bool removeDigits)
    {
        var expected = new byte[room];
        int run = AsciiWordRun.FoldScalar(source, expected, removeDigits);
        if (Vector128.IsHardwareAccelerated)
        {
            var actual = new byte[room];
            Assert.Equal(run, AsciiWordRun.FoldVector128(source, actual, removeDigits));
            Assert.Equal(expected[..run], actual[..run]);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var actual = new byte[room];
            Assert.Equal(run, AsciiWordRun.FoldVector256(source, actual, removeDigits));
            Assert.Equal(expected[..run], actual[..run]);
        }
        var dispatched = new byte[room];
        Assert.Equal(run, AsciiWordRun.Fold(source, dispatched, removeDigits));
        Assert.Equal(expected[..run], dispatched[..run]);
    }
}

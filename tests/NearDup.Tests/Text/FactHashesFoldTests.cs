using System.Runtime.Intrinsics;
using System.Text;
using NearDup.Text;

namespace NearDup.Tests.Text;

/// <summary>The fold by shape and the misread-word test in one vector against their scalar twins, and the readers that use them.</summary>
public sealed class FactHashesFoldTests
{
    /// <summary>Look-alikes of both cases, the pairs' letters, digits, joiners and bytes past ASCII.</summary>
    private const string Alphabet = "aeoyrnclvvwmdRNCLVWMDiIl1L0oO5sS8bBxzXZ23479'.,";

    /// <summary>
    /// The vector fold of words of 1 to 16 bytes, with the lanes after the word filled with the pairs' letters, against
    /// <see cref="FactHashes.FoldShapes"/>: it declines exactly the words whose scalar fold is shorter (a pair read as one
    /// letter) and folds every other to the same bytes.
    /// </summary>
    [Fact]
    public void TryFoldShapes_EqualsTheScalarFold()
    {
        var units = CsCheck.Gen.OneOf(CsCheck.Gen.Char[Alphabet].Select(c => (byte)c), CsCheck.Gen.Byte[0x80, 0xFF], CsCheck.Gen.Byte[0, 0x7F]);
        var tail = CsCheck.Gen.OneOf(CsCheck.Gen.Char["rnclv"].Select(c => (byte)c), CsCheck.Gen.Byte);
        CsCheck.Gen.Select(units.Array[1, FactHashes.VectorFoldLength], tail.Array[FactHashes.VectorFoldLength]).Sample((word, after) =>
        {
            byte[] lanes = [.. word, .. after.AsSpan(0, FactHashes.VectorFoldLength - word.Length)];
            var scalar = new byte[word.Length];
            int n = FactHashes.FoldShapes<byte>(word, scalar);
            bool folded = FactHashes.TryFoldShapes(Vector128.Create(lanes), word.Length, out var vector);
            Assert.Equal(n == word.Length, folded);
            if (folded)
            {
                Assert.Equal(scalar, Bytes(vector)[..n]);
            }
        }, iter: 20000);
    }

    /// <summary>The hash of a folded word from registers against the hashers that read it from memory, at lengths 1 to 16.</summary>
    [Fact]
    public void HashFoldedVector128_EqualsTheHashOfItsBytes()
    {
        var units = CsCheck.Gen.Char["abdelmowyz23479'.,"].Select(c => (byte)c);
        CsCheck.Gen.Select(units.Array[1, FactHashes.VectorFoldLength], CsCheck.Gen.Byte.Array[FactHashes.VectorFoldLength]).Sample((word, after) =>
        {
            byte[] lanes = [.. word, .. after.AsSpan(0, FactHashes.VectorFoldLength - word.Length)];
            uint expected = word.Length <= 8 ? FactHashes.HashShortAsciiWord(word) : FactHashes.HashMediumAsciiWord(word);
            Assert.Equal(expected, FactHashes.HashFoldedVector128(Vector128.Create(lanes), word.Length));
        }, iter: 20000);
    }

    /// <summary>The misread-word test by masks against <see cref="FactHashes.IsMisreadWord"/> on ASCII words of 1 to 16 bytes.</summary>
    [Fact]
    public void IsMisreadWordVector128_EqualsTheScalarTest()
    {
        var units = CsCheck.Gen.OneOf(CsCheck.Gen.Char[Alphabet], CsCheck.Gen.Char["0158015823"], CsCheck.Gen.Char[(char)0, (char)0x7F]);
        var tail = CsCheck.Gen.Char["0158aeiouxyzAEZ"];
        CsCheck.Gen.Select(CsCheck.Gen.String[units, 1, FactHashes.VectorFoldLength], CsCheck.Gen.String[tail, FactHashes.VectorFoldLength, FactHashes.VectorFoldLength]).Sample((word, after) =>
        {
            byte[] lanes = Encoding.ASCII.GetBytes(word + after[word.Length..]);
            Assert.Equal(FactHashes.IsMisreadWord(word.AsSpan()), FactHashes.IsMisreadWordVector128(Vector128.Create(lanes), word.Length));
        }, iter: 20000);
    }

    /// <summary>
    /// The vector readers, which fold words of up to 16 units in a vector, against the scalar reference, on ASCII bytes
    /// and on UTF-16 (a non-ASCII char in the text): names and figures with look-alikes, pairs and misread digits, 1 to
    /// 20 units long, where the text's end leaves fewer than 16 units after the word or more.
    /// </summary>
    [Fact]
    public void Scan_NamesAndFiguresWithLookAlikes_EqualsTheScalarReference()
    {
        var word = CsCheck.Gen.Select(CsCheck.Gen.Char["ANRCVI158x"], CsCheck.Gen.String[CsCheck.Gen.Char[Alphabet], 0, 19])
            .Select((head, rest) => head + rest);
        var piece = CsCheck.Gen.OneOf(word, CsCheck.Gen.OneOf<string>(" ", " ", ". ", ", ", "\n", "x", "é", "’"));
        piece.Array[0, 24].Sample(parts =>
        {
            string text = string.Concat(parts);
            var expected = new uint[text.Length / 2 + 1];
            int n = FactHashes.ScanScalar(text, expected);
            var found = new uint[text.Length / 2 + 1];
            Assert.Equal(n, FactHashes.Scan(text.AsSpan(), found));
            Assert.Equal(expected[..n], found[..n]);
            string ascii = text.Replace('é', 'e').Replace('’', '\'');
            n = FactHashes.ScanScalar(ascii, expected);
            Assert.Equal(n, FactHashes.Scan<byte>(Encoding.ASCII.GetBytes(ascii), found));
            Assert.Equal(expected[..n], found[..n]);
        }, iter: 5000);
    }

    private static byte[] Bytes(Vector128<byte> vector)
    {
        var bytes = new byte[Vector128<byte>.Count];
        vector.CopyTo(bytes);
        return bytes;
    }
}

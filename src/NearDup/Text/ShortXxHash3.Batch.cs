using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Text;

// Many words hashed at once: a text's words are independent, so the three length classes of each can be computed
// side by side in vector lanes and the class the length picks kept, where one word at a time the CPU waits on each
// word's chain of multiplies.
internal static partial class ShortXxHash3
{
    /// <summary>
    /// Writes to <paramref name="hashes"/> the hash of each word of 1 to <see cref="MaxLength"/> ASCII letters and
    /// digits, folded to lower case: word <c>i</c> is <paramref name="lengths"/>[i] bytes long, its first 8 bytes (as
    /// many as it has) are the low bytes of <paramref name="first8"/>[i] and its last byte is the high byte of
    /// <paramref name="last8"/>[i], as two little-endian loads at the word's start and 8 bytes before its end read
    /// them. Bytes outside the word do not change a hash; a length outside 1 to 16 gives an unspecified value. Each
    /// hash equals <see cref="HashAsciiWord(ref byte, int, ulong)"/> of the word.
    /// </summary>
    internal static void HashAsciiWords(ReadOnlySpan<ulong> first8, ReadOnlySpan<ulong> last8, ReadOnlySpan<int> lengths, ulong seed, Span<ulong> hashes)
    {
        if (Vector512.IsHardwareAccelerated && hashes.Length >= Vector512<ulong>.Count)
        {
            HashAsciiWordsVector512(first8, last8, lengths, seed, hashes);
            return;
        }
        if (Avx2.IsSupported && hashes.Length >= Vector256<ulong>.Count)
        {
            HashAsciiWordsVector256(first8, last8, lengths, seed, hashes);
            return;
        }
        HashAsciiWordsScalar(first8, last8, lengths, seed, hashes);
    }

    /// <summary><see cref="HashAsciiWords"/> one word at a time: the other tiers' path and the reference.</summary>
    internal static void HashAsciiWordsScalar(ReadOnlySpan<ulong> first8, ReadOnlySpan<ulong> last8, ReadOnlySpan<int> lengths, ulong seed, Span<ulong> hashes)
    {
        const ulong Lower64 = 0x2020_2020_2020_2020UL;
        CheckLengths(first8, last8, lengths, hashes);
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = HashLoweredSelect(first8[i] | Lower64, last8[i] | Lower64, lengths[i], seed);
        }
    }

    [Conditional("DEBUG")]
    private static void CheckLengths(ReadOnlySpan<ulong> first8, ReadOnlySpan<ulong> last8, ReadOnlySpan<int> lengths, Span<ulong> hashes)
    {
        Debug.Assert(first8.Length >= hashes.Length && last8.Length >= hashes.Length && lengths.Length >= hashes.Length);
    }

    /// <summary>The words from <paramref name="from"/> on, one at a time (the vector kernel's tail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HashAsciiWordsFrom(int from, ReadOnlySpan<ulong> first8, ReadOnlySpan<ulong> last8, ReadOnlySpan<int> lengths, ulong seed, Span<ulong> hashes)
    {
        int count = hashes.Length - from;
        HashAsciiWordsScalar(first8.Slice(from, count), last8.Slice(from, count), lengths.Slice(from, count), seed, hashes[from..]);
    }

    private static ref T At<T>(ReadOnlySpan<T> span) => ref MemoryMarshal.GetReference(span);
}

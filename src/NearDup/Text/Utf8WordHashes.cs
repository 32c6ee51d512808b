using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Text;

/// <summary>
/// The hashes of the words of a UTF-8 text, found a block of 32 bytes at a time: <see cref="WordMasks"/> classifies a
/// block once, and the words in it are read off its bit masks (a trailing-zero count for each start and end). A word of
/// ASCII letters and digits between ASCII separators, nearly every word of English text, is hashed in place
/// (<see cref="ShortXxHash3.HashAsciiWord(ref byte, int, ulong)"/>), with no copy and no per-byte branch. Anything else (a word touching a
/// non-ASCII byte, a digit to drop, a word longer than 16 bytes) is read by <see cref="WordScanner{TUnit}"/> from the
/// word's start, so the hashes are the scanner's, word for word; the scanner alone is the reference.
/// </summary>
internal static partial class Utf8WordHashes
{
    /// <summary>
    /// Writes the hash of each word of <paramref name="text"/> to <paramref name="hashes"/> (at least
    /// <see cref="Tokenizer.GetMaxWordCountUtf8"/> long); returns how many: what
    /// <see cref="WordScanner{TUnit}.Next"/> gives with the same options and seed.
    /// </summary>
    public static int Compute(ReadOnlySpan<byte> text, NormalizationOptions options, ulong seed, Span<ulong> hashes)
    {
        if ((Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated) && !options.RemoveDigits)
        {
            return ComputeRuns(text, options, seed, hashes);
        }
        return ComputeBlocks(text, options, seed, hashes);
    }

    /// <summary>
    /// <see cref="Compute"/> by 32-byte blocks, for any text: the path of texts with a non-ASCII byte or with digits
    /// removed, and the reference of <see cref="ComputeRuns"/>.
    /// </summary>
    internal static int ComputeBlocks(ReadOnlySpan<byte> text, NormalizationOptions options, ulong seed, Span<ulong> hashes)
    {
        int n = text.Length;
        if (n == 0)
        {
            return 0;
        }
        bool removeDigits = options.RemoveDigits;
        var scanner = new WordScanner<byte>(text, options, seed);
        ref byte text0 = ref MemoryMarshal.GetReference(text);
        int count = 0, block = 0, i = 0;
        WordMasks.Classify(text, 0, removeDigits, out uint word, out uint special);
        while (true)
        {
            // i lies in the block and between words: find the next word char or special byte.
            uint live = (word | special) & (uint.MaxValue << (i - block));
            while (live == 0)
            {
                block += WordMasks.BlockSize;
                if (block >= n)
                {
                    return count;
                }
                WordMasks.Classify(text, block, removeDigits, out word, out special);
                live = word | special;
            }
            int p = block + BitOperations.TrailingZeroCount(live);
            if ((special >> (p - block) & 1) == 0)
            {
                int end = RunEnd(text, p, removeDigits, ref block, ref word, ref special);
                if (end - p <= ShortXxHash3.MaxLength && (end >= n || (special >> (end - block) & 1) == 0))
                {
                    hashes[count++] = ShortXxHash3.HashAsciiWord(ref Unsafe.Add(ref text0, p), end - p, seed);
                    if (end >= n)
                    {
                        return count;
                    }
                    i = end;
                    continue;
                }
            }
            scanner.Seek(p);
            if (scanner.Next(out var token))
            {
                hashes[count++] = token.Hash;
            }
            i = scanner.Position;
            if (i >= n)
            {
                return count;
            }
            block = i;
            WordMasks.Classify(text, block, removeDigits, out word, out special);
        }
    }

    /// <summary>
    /// Where the run of word chars at <paramref name="p"/> ends (the first other byte, or the text's end), moving the
    /// block on when the run crosses it; on return that position lies in the block unless it is the text's end. Inlined,
    /// so that the block and its masks stay in the caller's registers instead of going through memory as ref arguments.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RunEnd(ReadOnlySpan<byte> text, int p, bool removeDigits, ref int block, ref uint word, ref uint special)
    {
        uint ends = ~word & (uint.MaxValue << (p - block));
        while (ends == 0)
        {
            block += WordMasks.BlockSize;
            if (block >= text.Length)
            {
                return text.Length;
            }
            WordMasks.Classify(text, block, removeDigits, out word, out special);
            ends = ~word;
        }
        return block + BitOperations.TrailingZeroCount(ends);
    }
}

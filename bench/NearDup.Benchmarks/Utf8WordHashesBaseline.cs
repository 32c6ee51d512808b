using System.Numerics;
using System.Runtime.InteropServices;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// <see cref="Utf8WordHashes.Compute"/> as it was at 2dc3418, for side-by-side timing in one process: the run end found
/// by a call with the block and its masks passed by reference, the word sliced from the text and hashed by XXH3's
/// length classes, one branch each. The word is hashed by the library's branching form of today, which reads what the
/// slices read then.
/// </summary>
internal static class Utf8WordHashesBaseline
{
    public static int Compute(ReadOnlySpan<byte> text, NormalizationOptions options, ulong seed, Span<ulong> hashes)
    {
        int n = text.Length;
        if (n == 0)
        {
            return 0;
        }
        bool removeDigits = options.RemoveDigits;
        var scanner = new WordScanner<byte>(text, options, seed);
        int count = 0, block = 0, i = 0;
        WordMasks.Classify(text, 0, removeDigits, out uint word, out uint special);
        while (true)
        {
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
                    var slice = text[p..end];
                    hashes[count++] = ShortXxHash3.HashAsciiWord(ref MemoryMarshal.GetReference(slice), slice.Length, seed);
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

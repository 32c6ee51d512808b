using System.Buffers;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using NearDup.Internal;

namespace NearDup.Text;

/// <summary>
/// Turns text into 64-bit shingle hashes without building a string per token or shingle. A word shingle's hash
/// combines the hashes of its k words (each an XXH3 of the folded word), so a shingle costs k multiply-adds and
/// one avalanche; a char shingle is the XXH3 of its k normalized chars. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// A text of fewer than k words (but at least one) gives one shingle of all its words, so that short texts
/// still have a signature. Repeated shingles are kept: MinHash ignores them and SimHash counts them.
/// </remarks>
[SkipLocalsInit]
public sealed class Shingler
{
    internal const int MaxWordSize = 16;
    private const int MaxCharSize = 64;

    // Distinct odd multipliers per position (golden-ratio and xxHash primes, mixed); position j of a shingle
    // is multiplied by s_positionKeys[j] before the sum is avalanched.
    private static readonly ulong[] s_positionKeys = BuildPositionKeys();

    private readonly int _size;
    private readonly ulong _seed;
    private readonly NormalizationOptions _normalization;

    /// <summary>Creates a shingler; validates the options once.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public Shingler(ShingleOptions? options = null)
    {
        options ??= ShingleOptions.Default;
        int max = options.Scheme == ShingleScheme.Word ? MaxWordSize : MaxCharSize;
        if (options.Size < 1 || options.Size > max)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options), options.Size, $"ShingleOptions.Size must be 1 to {max} for {options.Scheme} shingles.");
        }
        if (!Enum.IsDefined(options.Scheme))
        {
            ThrowHelper.ThrowArgument(nameof(options), $"ShingleOptions.Scheme {options.Scheme} is not a scheme.");
        }
        ArgumentNullException.ThrowIfNull(options.Normalization, "options.Normalization");
        Options = options;
        _size = options.Size;
        _seed = options.Seed;
        _normalization = options.Normalization;
    }

    /// <summary>The options this shingler was built with.</summary>
    public ShingleOptions Options { get; }

    /// <summary>An upper bound of the number of shingles of a text of <paramref name="length"/> code units (chars or UTF-8 bytes).</summary>
    public int GetMaxShingleCount(int length) =>
        Options.Scheme == ShingleScheme.Word ? Tokenizer.GetMaxWordCount(length) : Math.Max(1, TextNormalizer.GetMaxNormalizedLength(length));

    /// <summary>The tighter bound of <see cref="GetMaxShingleCount"/> for a UTF-8 text of <paramref name="byteCount"/> bytes.</summary>
    internal int GetMaxShingleCountUtf8(int byteCount) =>
        Options.Scheme == ShingleScheme.Word ? Tokenizer.GetMaxWordCountUtf8(byteCount) : GetMaxShingleCount(byteCount);

    /// <summary>Returns the shingle hashes of <paramref name="text"/>.</summary>
    public ulong[] Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong[] rented = ArrayPool<ulong>.Shared.Rent(GetMaxShingleCount(text.Length));
        try
        {
            int count = Compute(text.AsSpan(), rented);
            return rented.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the shingle hashes of UTF-16 <paramref name="text"/> to <paramref name="destination"/>.</summary>
    /// <returns>The number of hashes written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short; <see cref="GetMaxShingleCount"/> is always enough.</exception>
    public int Compute(ReadOnlySpan<char> text, Span<ulong> destination)
    {
        if (!TryCompute(text, destination, out int written))
        {
            ThrowHelper.ThrowDestinationTooShort();
        }
        return written;
    }

    /// <summary>Writes the shingle hashes of UTF-8 <paramref name="utf8Text"/> to <paramref name="destination"/>.</summary>
    /// <returns>The number of hashes written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short; <see cref="GetMaxShingleCount"/> is always enough.</exception>
    public int Compute(ReadOnlySpan<byte> utf8Text, Span<ulong> destination)
    {
        if (!TryCompute(utf8Text, destination, out int written))
        {
            ThrowHelper.ThrowDestinationTooShort();
        }
        return written;
    }

    /// <summary>Like <see cref="Compute(ReadOnlySpan{char}, Span{ulong})"/>, but returns <see langword="false"/> when the destination is too short; it is then left as it was.</summary>
    public bool TryCompute(ReadOnlySpan<char> text, Span<ulong> destination, out int written)
    {
        if (Options.Scheme == ShingleScheme.Character)
        {
            return TryComputeChars(text, destination, out written);
        }
        var scanner = new WordScanner<char>(text, _normalization, _seed);
        return TryComputeWords(ref scanner, destination, out written);
    }

    /// <summary>Like <see cref="Compute(ReadOnlySpan{byte}, Span{ulong})"/>, but returns <see langword="false"/> when the destination is too short; it is then left as it was.</summary>
    public bool TryCompute(ReadOnlySpan<byte> utf8Text, Span<ulong> destination, out int written)
    {
        if (Options.Scheme == ShingleScheme.Character)
        {
            // Char shingles need the normalized chars; decode into a pooled buffer, never a string.
            char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(1, Encoding.UTF8.GetMaxCharCount(utf8Text.Length)));
            try
            {
                int length = Encoding.UTF8.GetChars(utf8Text, chars);
                return TryComputeChars(chars.AsSpan(0, length), destination, out written);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
        if (destination.Length >= Tokenizer.GetMaxWordCountUtf8(utf8Text.Length))
        {
            // Room for every word: the word hashes go to the destination first, and each shingle overwrites the first
            // word hash it reads, which no later shingle reads.
            int words = Utf8WordHashes.Compute(utf8Text, _normalization, _seed, destination);
            written = CombineInPlace(destination, words);
            return true;
        }
        var scanner = new WordScanner<byte>(utf8Text, _normalization, _seed);
        return TryComputeWords(ref scanner, destination, out written);
    }

    /// <summary>
    /// Turns the first <paramref name="words"/> word hashes of <paramref name="hashes"/> into their shingle hashes, in
    /// place (<see cref="ShingleCombine"/>); returns how many. The same sums as <see cref="TryComputeWords"/>, over a
    /// straight array instead of a ring.
    /// </summary>
    private int CombineInPlace(Span<ulong> hashes, int words)
    {
        int k = _size;
        ref ulong keys = ref MemoryMarshal.GetArrayDataReference(s_positionKeys);
        if (words < k)
        {
            if (words == 0)
            {
                return 0;
            }
            ulong first = (ulong)words;
            for (int j = 0; j < words; j++)
            {
                first += hashes[j] * Unsafe.Add(ref keys, j);
            }
            hashes[0] = Avalanche(first ^ _seed);
            return 1;
        }
        int count = words - k + 1;
        ShingleCombine.Combine(hashes, count, s_positionKeys.AsSpan(0, k), _seed);
        return count;
    }

    private bool TryComputeWords<TUnit>(ref WordScanner<TUnit> scanner, Span<ulong> destination, out int written)
        where TUnit : unmanaged
    {
        written = 0;
        int k = _size;
        // A destination below the bound may still fit; count first so that a short one is left as it was.
        if (destination.Length < Tokenizer.GetMaxWordCount<TUnit>(scanner.TextLength) && CountShingles(ref scanner, k) > destination.Length)
        {
            return false;
        }
        // Each word hash is written twice, at slot p and p + k, so the last k words, oldest first, are always the
        // straight run ring[p + 1 .. p + k]: a loop of fixed length k, not two loops whose lengths change every word.
        Span<ulong> ring = stackalloc ulong[2 * MaxWordSize];
        int words = 0, count = 0;
        ref ulong keys = ref MemoryMarshal.GetArrayDataReference(s_positionKeys);
        ref ulong ring0 = ref MemoryMarshal.GetReference(ring);
        int slot = k - 1; // slot of the last word
        while (scanner.Next(out var token))
        {
            if (++slot == k)
            {
                slot = 0;
            }
            Unsafe.Add(ref ring0, slot) = token.Hash;
            Unsafe.Add(ref ring0, slot + k) = token.Hash;
            words++;
            if (words >= k)
            {
                ref ulong oldest = ref Unsafe.Add(ref ring0, slot + 1);
                ulong acc = (ulong)k;
                for (int j = 0; j < k; j++)
                {
                    acc += Unsafe.Add(ref oldest, j) * Unsafe.Add(ref keys, j);
                }
                destination[count++] = Avalanche(acc ^ _seed);
            }
        }
        if (words > 0 && words < k)
        {
            ulong acc = (ulong)words;
            for (int j = 0; j < words; j++)
            {
                acc += ring[j] * s_positionKeys[j];
            }
            destination[count++] = Avalanche(acc ^ _seed);
        }
        written = count;
        return true;
    }

    /// <summary>The number of shingles of the scanner's text (one for a text of 1 to k-1 words); leaves it at the start.</summary>
    private static int CountShingles<TUnit>(ref WordScanner<TUnit> scanner, int k)
        where TUnit : unmanaged
    {
        int words = 0;
        while (scanner.Next(out _))
        {
            words++;
        }
        scanner.Reset();
        return words >= k ? words - k + 1 : Math.Min(words, 1);
    }

    private bool TryComputeChars(ReadOnlySpan<char> text, Span<ulong> destination, out int written)
    {
        written = 0;
        char[] normalized = ArrayPool<char>.Shared.Rent(Math.Max(1, TextNormalizer.GetMaxNormalizedLength(text.Length)));
        try
        {
            int length = TextNormalizer.Normalize(text, normalized, _normalization);
            if (length == 0)
            {
                return true;
            }
            int k = Math.Min(_size, length);
            int count = length - k + 1;
            if (count > destination.Length)
            {
                return false;
            }
            var bytes = MemoryMarshal.AsBytes(normalized.AsSpan(0, length));
            for (int i = 0; i < count; i++)
            {
                destination[i] = XxHash3.HashToUInt64(bytes.Slice(i * 2, k * 2), (long)_seed);
            }
            written = count;
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(normalized);
        }
    }

    /// <summary>The XXH64 avalanche: every input bit flips each output bit with probability about 1/2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Avalanche(ulong h)
    {
        h ^= h >> 33;
        h *= 0xC2B2AE3D27D4EB4FUL;
        h ^= h >> 29;
        h *= 0x165667B19E3779F9UL;
        h ^= h >> 32;
        return h;
    }

    private static ulong[] BuildPositionKeys()
    {
        var keys = new ulong[MaxWordSize];
        ulong x = 0x9E3779B97F4A7C15UL;
        for (int i = 0; i < keys.Length; i++)
        {
            x = BitOperations.RotateLeft(x * 0xBF58476D1CE4E5B9UL, 31) ^ 0x94D049BB133111EBUL * (ulong)(i + 1);
            keys[i] = x | 1;
        }
        return keys;
    }
}

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using NearDup.Internal;

namespace NearDup.Hashing;

/// <summary>
/// XXH64, the 64-bit xxHash algorithm by Yann Collet, as one-shot statics and an incremental hasher.
/// </summary>
/// <remarks>
/// Algorithm: <c>doc/xxhash_spec.md</c> in github.com/Cyan4973/xxHash ("xxHash fast digest algorithm", XXH64 section);
/// results match the reference implementation's sanity vectors. The API mirrors
/// <c>System.IO.Hashing.XxHash64</c>: byte output is the 64-bit value in big-endian order (the canonical xxHash
/// representation), while <see cref="HashToUInt64"/> and <see cref="GetCurrentHashAsUInt64"/> return the value itself.
/// </remarks>
public sealed partial class XxHash64 : NonCryptographicHashAlgorithm
{
    private const int HashSize = sizeof(ulong);

    private readonly ulong _seed;
    private State _state;
    private readonly byte[] _buffer = new byte[StripeSize];
    private int _bufferedCount;
    private ulong _totalLength;

    /// <summary>Initializes a new incremental XXH64 hasher.</summary>
    /// <param name="seed">The seed; 0 gives the unseeded XXH64.</param>
    public XxHash64(long seed = 0)
        : base(HashSize)
    {
        _seed = (ulong)seed;
        _state = new State(_seed);
    }

    /// <summary>Computes the XXH64 hash of <paramref name="source"/> with seed 0.</summary>
    /// <param name="source">The data to hash.</param>
    /// <returns>The 8-byte hash, big-endian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>.</exception>
    public static byte[] Hash(byte[] source) => Hash(source, 0);

    /// <summary>Computes the XXH64 hash of <paramref name="source"/>.</summary>
    /// <param name="source">The data to hash.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The 8-byte hash, big-endian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>.</exception>
    public static byte[] Hash(byte[] source, long seed)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Hash(new ReadOnlySpan<byte>(source), seed);
    }

    /// <summary>Computes the XXH64 hash of <paramref name="source"/>.</summary>
    /// <param name="source">The data to hash.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The 8-byte hash, big-endian.</returns>
    public static byte[] Hash(ReadOnlySpan<byte> source, long seed = 0)
    {
        byte[] result = new byte[HashSize];
        BinaryPrimitives.WriteUInt64BigEndian(result, HashToUInt64(source, seed));
        return result;
    }

    /// <summary>Computes the XXH64 hash of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The data to hash.</param>
    /// <param name="destination">The buffer that receives the 8-byte big-endian hash.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The number of bytes written, 8.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 8 bytes.</exception>
    public static int Hash(ReadOnlySpan<byte> source, Span<byte> destination, long seed = 0)
    {
        if (destination.Length < HashSize)
        {
            ThrowHelper.ThrowDestinationTooShort();
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, HashToUInt64(source, seed));
        return HashSize;
    }

    /// <summary>Attempts to compute the XXH64 hash of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The data to hash.</param>
    /// <param name="destination">The buffer that receives the 8-byte big-endian hash.</param>
    /// <param name="bytesWritten">8 on success; 0 when <paramref name="destination"/> is too short (then nothing is written).</param>
    /// <param name="seed">The seed.</param>
    /// <returns><see langword="true"/> if <paramref name="destination"/> was long enough.</returns>
    public static bool TryHash(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten, long seed = 0)
    {
        if (destination.Length < HashSize)
        {
            bytesWritten = 0;
            return false;
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, HashToUInt64(source, seed));
        bytesWritten = HashSize;
        return true;
    }

    /// <summary>Computes the XXH64 hash of <paramref name="source"/>.</summary>
    /// <param name="source">The data to hash.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The 64-bit hash value.</returns>
    public static ulong HashToUInt64(ReadOnlySpan<byte> source, long seed = 0)
    {
        ref byte p = ref MemoryMarshal.GetReference(source);
        nuint length = (nuint)source.Length;
        ulong hash;
        nuint offset = 0;
        if (length >= StripeSize)
        {
            var state = new State((ulong)seed);
            nuint stripesEnd = length & ~(nuint)(StripeSize - 1);
            for (; offset < stripesEnd; offset += StripeSize)
            {
                state.ProcessStripe(ref Unsafe.Add(ref p, offset));
            }

            hash = state.Converge();
        }
        else
        {
            hash = (ulong)seed + Prime64_5;
        }

        hash += length;
        return Finalize(hash, ref Unsafe.Add(ref p, offset), length - offset);
    }

    /// <inheritdoc/>
    public override void Append(ReadOnlySpan<byte> source)
    {
        _totalLength += (ulong)source.Length;
        if (_bufferedCount != 0)
        {
            int take = Math.Min(StripeSize - _bufferedCount, source.Length);
            source[..take].CopyTo(_buffer.AsSpan(_bufferedCount));
            _bufferedCount += take;
            source = source[take..];
            if (_bufferedCount < StripeSize)
            {
                return;
            }

            _state.ProcessStripe(ref MemoryMarshal.GetArrayDataReference(_buffer));
            _bufferedCount = 0;
        }

        ref byte p = ref MemoryMarshal.GetReference(source);
        int stripesEnd = source.Length & ~(StripeSize - 1);
        State state = _state;
        for (int offset = 0; offset < stripesEnd; offset += StripeSize)
        {
            state.ProcessStripe(ref Unsafe.Add(ref p, offset));
        }

        _state = state;
        source[stripesEnd..].CopyTo(_buffer);
        _bufferedCount = source.Length - stripesEnd;
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        _state = new State(_seed);
        _bufferedCount = 0;
        _totalLength = 0;
    }

    /// <summary>Gets the current hash as a 64-bit value without modifying the accumulated state.</summary>
    /// <returns>The XXH64 hash of all data appended since construction or the last reset.</returns>
    public ulong GetCurrentHashAsUInt64()
    {
        ulong hash = _totalLength >= StripeSize ? _state.Converge() : _seed + Prime64_5;
        hash += _totalLength;
        return Finalize(hash, ref MemoryMarshal.GetArrayDataReference(_buffer), (nuint)_bufferedCount);
    }

    /// <inheritdoc/>
    protected override void GetCurrentHashCore(Span<byte> destination) =>
        BinaryPrimitives.WriteUInt64BigEndian(destination, GetCurrentHashAsUInt64());
}

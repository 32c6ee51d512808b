using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using NearDup.Internal;

namespace NearDup.Hashing;

/// <summary>
/// XXH3-64, the 64-bit variant of xxHash's XXH3 algorithm by Yann Collet, as one-shot statics and an incremental hasher.
/// </summary>
/// <remarks>
/// Algorithm: <c>doc/xxhash_spec.md</c> and <c>xxhash.h</c> in github.com/Cyan4973/xxHash (v0.8); results match the
/// reference's <c>XXH3_64bits_withSeed</c>, including its derived secret for non-zero seeds. The API mirrors
/// <c>System.IO.Hashing.XxHash3</c>: byte output is the 64-bit value in big-endian order, while
/// <see cref="HashToUInt64(ReadOnlySpan{byte}, long)"/> and <see cref="GetCurrentHashAsUInt64"/> return the value itself.
/// Inputs over 240 bytes use the widest vector kernel the CPU accelerates (Vector512, Vector256, Vector128 or scalar).
/// </remarks>
[SkipLocalsInit]
public sealed partial class XxHash3 : NonCryptographicHashAlgorithm
{
    private const int HashSize = sizeof(ulong);
    private const int BufferLength = 256;
    private const int BufferStripes = BufferLength / StripeLength;

    private readonly ulong _seed;
    private readonly AccumulateKernel _kernel;
    private readonly SecretBuffer _secret;
    private Accumulators _accumulators;
    private StreamBuffer _buffer;
    private int _bufferedCount;
    private nuint _stripesSoFar;
    private ulong _totalLength;

    /// <summary>Initializes a new incremental XXH3-64 hasher.</summary>
    /// <param name="seed">The seed; 0 gives the unseeded XXH3-64.</param>
    public XxHash3(long seed = 0)
        : this(seed, s_activeKernel)
    {
    }

    /// <summary>Initializes a hasher pinned to <paramref name="kernel"/> (tests and benchmarks).</summary>
    internal XxHash3(long seed, AccumulateKernel kernel)
        : base(HashSize)
    {
        _seed = (ulong)seed;
        _kernel = kernel;
        if (seed == 0)
        {
            DefaultSecret.CopyTo(_secret);
        }
        else
        {
            DeriveSecret(_seed, _secret);
        }

        _accumulators = Accumulators.Initial;
    }

    /// <summary>The 256-byte input buffer of the incremental hasher.</summary>
    [InlineArray(BufferLength)]
    private struct StreamBuffer
    {
        private byte _element0;
    }

    /// <summary>Computes the XXH3-64 hash of <paramref name="source"/> with seed 0.</summary>
    /// <param name="source">The data to hash.</param>
    /// <returns>The 8-byte hash, big-endian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>.</exception>
    public static byte[] Hash(byte[] source) => Hash(source, 0);

    /// <summary>Computes the XXH3-64 hash of <paramref name="source"/>.</summary>
    /// <param name="source">The data to hash.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The 8-byte hash, big-endian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>.</exception>
    public static byte[] Hash(byte[] source, long seed)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Hash(new ReadOnlySpan<byte>(source), seed);
    }

    /// <summary>Computes the XXH3-64 hash of <paramref name="source"/>.</summary>
    /// <param name="source">The data to hash.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The 8-byte hash, big-endian.</returns>
    public static byte[] Hash(ReadOnlySpan<byte> source, long seed = 0)
    {
        byte[] result = new byte[HashSize];
        BinaryPrimitives.WriteUInt64BigEndian(result, HashToUInt64(source, seed));
        return result;
    }

    /// <summary>Computes the XXH3-64 hash of <paramref name="source"/> into <paramref name="destination"/>.</summary>
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

    /// <summary>Attempts to compute the XXH3-64 hash of <paramref name="source"/> into <paramref name="destination"/>.</summary>
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

    /// <summary>Computes the XXH3-64 hash of <paramref name="source"/>.</summary>
    /// <param name="source">The data to hash.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The 64-bit hash value.</returns>
    /// <remarks>
    /// Allocation-free. Inputs of up to 128 bytes take a branch-only path with the secret folded into constants;
    /// hashing a sequence of <see langword="ulong"/> words is <c>HashToUInt64(MemoryMarshal.AsBytes(words))</c>,
    /// whose result depends on the machine's byte order (little-endian on every .NET platform NearDup targets).
    /// </remarks>
    public static ulong HashToUInt64(ReadOnlySpan<byte> source, long seed = 0)
    {
        uint length = (uint)source.Length;
        ref byte p = ref MemoryMarshal.GetReference(source);
        if (length <= 16)
        {
            return HashLength0To16(ref p, length, (ulong)seed);
        }

        if (length <= 128)
        {
            return HashLength17To128(ref p, length, (ulong)seed);
        }

        return HashLengthOver128(ref p, length, (ulong)seed, s_activeKernel);
    }

    /// <summary><see cref="HashToUInt64(ReadOnlySpan{byte}, long)"/> with the long-input kernel pinned (tests and benchmarks).</summary>
    internal static ulong HashToUInt64(ReadOnlySpan<byte> source, long seed, AccumulateKernel kernel)
    {
        uint length = (uint)source.Length;
        ref byte p = ref MemoryMarshal.GetReference(source);
        return length switch
        {
            <= 16 => HashLength0To16(ref p, length, (ulong)seed),
            <= 128 => HashLength17To128(ref p, length, (ulong)seed),
            _ => HashLengthOver128(ref p, length, (ulong)seed, kernel),
        };
    }

    /// <inheritdoc/>
    public override void Append(ReadOnlySpan<byte> source)
    {
        switch (_kernel)
        {
            case AccumulateKernel.Vector512:
                AppendCore<Vector512Kernel>(source);
                break;
            case AccumulateKernel.Vector256:
                AppendCore<Vector256Kernel>(source);
                break;
            case AccumulateKernel.Vector128:
                AppendCore<Vector128Kernel>(source);
                break;
            default:
                AppendCore<ScalarKernel>(source);
                break;
        }
    }

    /// <summary>
    /// XXH3_update: input is buffered until more than 256 bytes are pending, so at least one byte always stays
    /// buffered for the final (possibly overlapping) stripe; long input is consumed in place, and its last 64
    /// consumed bytes are kept at the end of the buffer for a digest that needs to look back.
    /// </summary>
    private void AppendCore<TKernel>(ReadOnlySpan<byte> source)
        where TKernel : struct, IAccumulateKernel
    {
        _totalLength += (ulong)source.Length;
        Span<byte> buffer = _buffer;
        if (source.Length <= BufferLength - _bufferedCount)
        {
            source.CopyTo(buffer[_bufferedCount..]);
            _bufferedCount += source.Length;
            return;
        }

        ref ulong acc = ref _accumulators[0];
        ref byte secret = ref Unsafe.AsRef(in _secret[0]);
        nuint stripesSoFar = _stripesSoFar;
        if (_bufferedCount != 0)
        {
            int load = BufferLength - _bufferedCount;
            source[..load].CopyTo(buffer[_bufferedCount..]);
            source = source[load..];
            ConsumeStripes<TKernel>(ref acc, ref stripesSoFar, ref buffer[0], BufferStripes, ref secret);
            _bufferedCount = 0;
        }

        if (source.Length > BufferLength)
        {
            nuint stripes = (nuint)(source.Length - 1) / StripeLength;
            ConsumeStripes<TKernel>(ref acc, ref stripesSoFar, ref MemoryMarshal.GetReference(source), stripes, ref secret);
            int consumed = (int)stripes * StripeLength;
            source.Slice(consumed - StripeLength, StripeLength).CopyTo(buffer[(BufferLength - StripeLength)..]);
            source = source[consumed..];
        }

        source.CopyTo(buffer);
        _bufferedCount = source.Length;
        _stripesSoFar = stripesSoFar;
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        _accumulators = Accumulators.Initial;
        _bufferedCount = 0;
        _stripesSoFar = 0;
        _totalLength = 0;
    }

    /// <summary>Gets the current hash as a 64-bit value without modifying the accumulated state.</summary>
    /// <returns>The XXH3-64 hash of all data appended since construction or the last reset.</returns>
    public ulong GetCurrentHashAsUInt64()
    {
        if (_totalLength <= MidSizeMax)
        {
            // Nothing has been consumed yet: the whole input is in the buffer.
            ReadOnlySpan<byte> buffered = _buffer;
            return HashToUInt64(buffered[.._bufferedCount], (long)_seed, _kernel);
        }

        return _kernel switch
        {
            AccumulateKernel.Vector512 => DigestLong<Vector512Kernel>(),
            AccumulateKernel.Vector256 => DigestLong<Vector256Kernel>(),
            AccumulateKernel.Vector128 => DigestLong<Vector128Kernel>(),
            _ => DigestLong<ScalarKernel>(),
        };
    }

    /// <summary>XXH3_digest_long on a copy of the state, so appending can continue afterwards.</summary>
    private ulong DigestLong<TKernel>()
        where TKernel : struct, IAccumulateKernel
    {
        Accumulators accumulators = _accumulators;
        ref ulong acc = ref accumulators[0];
        ref byte secret = ref Unsafe.AsRef(in _secret[0]);
        ReadOnlySpan<byte> buffer = _buffer;
        Span<byte> lastStripeCopy = stackalloc byte[StripeLength];
        ReadOnlySpan<byte> lastStripe = lastStripeCopy;
        if (_bufferedCount >= StripeLength)
        {
            nuint stripesSoFar = _stripesSoFar;
            nuint stripes = (nuint)(_bufferedCount - 1) / StripeLength;
            ConsumeStripes<TKernel>(ref acc, ref stripesSoFar, ref MemoryMarshal.GetReference(buffer), stripes, ref secret);
            lastStripe = buffer.Slice(_bufferedCount - StripeLength, StripeLength);
        }
        else
        {
            // Fewer than 64 bytes pending: complete the stripe with the tail of what was consumed before.
            int catchUp = StripeLength - _bufferedCount;
            buffer[(BufferLength - catchUp)..].CopyTo(lastStripeCopy);
            buffer[.._bufferedCount].CopyTo(lastStripeCopy[catchUp..]);
        }

        TKernel.Accumulate(ref acc, ref MemoryMarshal.GetReference(lastStripe), ref Unsafe.Add(ref secret, LastStripeSecretOffset), 1);
        return MergeAccumulators(ref acc, ref Unsafe.Add(ref secret, MergeSecretOffset), _totalLength * XxHash64.Prime64_1);
    }

    /// <inheritdoc/>
    protected override void GetCurrentHashCore(Span<byte> destination) =>
        BinaryPrimitives.WriteUInt64BigEndian(destination, GetCurrentHashAsUInt64());
}

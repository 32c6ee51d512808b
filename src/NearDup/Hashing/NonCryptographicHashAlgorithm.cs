using System.Buffers;

using NearDup.Internal;

namespace NearDup.Hashing;

/// <summary>
/// Base class for non-cryptographic hash algorithms with an incremental <c>Append</c> / <c>GetCurrentHash</c> API.
/// </summary>
/// <remarks>
/// Shaped like <c>System.IO.Hashing.NonCryptographicHashAlgorithm</c> (dotnet/runtime, MIT) member for member, so the
/// package can replace these types with a namespace change once it is available to the build. That package is not on
/// this project's feed, so it is neither a dependency nor a test oracle.
/// </remarks>
public abstract class NonCryptographicHashAlgorithm
{
    private const int StreamBufferSize = 4096;

    /// <summary>Initializes a new instance that produces hashes of <paramref name="hashLengthInBytes"/> bytes.</summary>
    /// <param name="hashLengthInBytes">The number of bytes in a hash value; must be at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hashLengthInBytes"/> is less than 1.</exception>
    protected NonCryptographicHashAlgorithm(int hashLengthInBytes)
    {
        if (hashLengthInBytes < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(hashLengthInBytes));
        }

        HashLengthInBytes = hashLengthInBytes;
    }

    /// <summary>Gets the number of bytes produced by <see cref="GetCurrentHash()"/>.</summary>
    public int HashLengthInBytes { get; }

    /// <summary>Appends <paramref name="source"/> to the data already processed for the current hash.</summary>
    /// <param name="source">The data to process.</param>
    public abstract void Append(ReadOnlySpan<byte> source);

    /// <summary>Resets the hash computation to its initial state, keeping the seed.</summary>
    public abstract void Reset();

    /// <summary>Writes the current hash to <paramref name="destination"/> without modifying the accumulated state.</summary>
    /// <param name="destination">A buffer exactly <see cref="HashLengthInBytes"/> bytes long.</param>
    protected abstract void GetCurrentHashCore(Span<byte> destination);

    /// <summary>Appends <paramref name="source"/> to the data already processed for the current hash.</summary>
    /// <param name="source">The data to process.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>.</exception>
    public void Append(byte[] source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Append(new ReadOnlySpan<byte>(source));
    }

    /// <summary>Appends the remaining contents of <paramref name="stream"/> to the data already processed.</summary>
    /// <param name="stream">The stream to read to its end.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public void Append(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(StreamBufferSize);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                Append(new ReadOnlySpan<byte>(buffer, 0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Asynchronously appends the remaining contents of <paramref name="stream"/> to the data already processed.</summary>
    /// <param name="stream">The stream to read to its end.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the stream has been read to its end.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public Task AppendAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return AppendAsyncCore(stream, cancellationToken);
    }

    private async Task AppendAsyncCore(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(StreamBufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                Append(new ReadOnlySpan<byte>(buffer, 0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Gets the current hash without modifying the accumulated state.</summary>
    /// <returns>A new array of <see cref="HashLengthInBytes"/> bytes.</returns>
    public byte[] GetCurrentHash()
    {
        byte[] result = new byte[HashLengthInBytes];
        GetCurrentHashCore(result);
        return result;
    }

    /// <summary>Attempts to write the current hash to <paramref name="destination"/> without modifying the accumulated state.</summary>
    /// <param name="destination">The buffer that receives the hash.</param>
    /// <param name="bytesWritten">
    /// <see cref="HashLengthInBytes"/> on success; 0 when <paramref name="destination"/> is too short (then nothing is written).
    /// </param>
    /// <returns><see langword="true"/> if <paramref name="destination"/> was long enough.</returns>
    public bool TryGetCurrentHash(Span<byte> destination, out int bytesWritten)
    {
        if (destination.Length < HashLengthInBytes)
        {
            bytesWritten = 0;
            return false;
        }

        GetCurrentHashCore(destination[..HashLengthInBytes]);
        bytesWritten = HashLengthInBytes;
        return true;
    }

    /// <summary>Writes the current hash to <paramref name="destination"/> without modifying the accumulated state.</summary>
    /// <param name="destination">The buffer that receives the hash.</param>
    /// <returns>The number of bytes written, <see cref="HashLengthInBytes"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="HashLengthInBytes"/>.</exception>
    public int GetCurrentHash(Span<byte> destination)
    {
        if (destination.Length < HashLengthInBytes)
        {
            ThrowHelper.ThrowDestinationTooShort();
        }

        GetCurrentHashCore(destination[..HashLengthInBytes]);
        return HashLengthInBytes;
    }

    /// <summary>Gets the current hash and resets the accumulated state.</summary>
    /// <returns>A new array of <see cref="HashLengthInBytes"/> bytes.</returns>
    public byte[] GetHashAndReset()
    {
        byte[] result = new byte[HashLengthInBytes];
        GetHashAndResetCore(result);
        return result;
    }

    /// <summary>Attempts to write the current hash to <paramref name="destination"/> and reset the accumulated state.</summary>
    /// <param name="destination">The buffer that receives the hash.</param>
    /// <param name="bytesWritten">
    /// <see cref="HashLengthInBytes"/> on success; 0 when <paramref name="destination"/> is too short (then nothing is written
    /// and the state is not reset).
    /// </param>
    /// <returns><see langword="true"/> if <paramref name="destination"/> was long enough.</returns>
    public bool TryGetHashAndReset(Span<byte> destination, out int bytesWritten)
    {
        if (destination.Length < HashLengthInBytes)
        {
            bytesWritten = 0;
            return false;
        }

        GetHashAndResetCore(destination[..HashLengthInBytes]);
        bytesWritten = HashLengthInBytes;
        return true;
    }

    /// <summary>Writes the current hash to <paramref name="destination"/> and resets the accumulated state.</summary>
    /// <param name="destination">The buffer that receives the hash.</param>
    /// <returns>The number of bytes written, <see cref="HashLengthInBytes"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="HashLengthInBytes"/>.</exception>
    public int GetHashAndReset(Span<byte> destination)
    {
        if (destination.Length < HashLengthInBytes)
        {
            ThrowHelper.ThrowDestinationTooShort();
        }

        GetHashAndResetCore(destination[..HashLengthInBytes]);
        return HashLengthInBytes;
    }

    /// <summary>Writes the current hash to <paramref name="destination"/> and resets the accumulated state.</summary>
    /// <param name="destination">A buffer exactly <see cref="HashLengthInBytes"/> bytes long.</param>
    /// <remarks>The default calls <see cref="GetCurrentHashCore"/> then <see cref="Reset"/>.</remarks>
    protected virtual void GetHashAndResetCore(Span<byte> destination)
    {
        GetCurrentHashCore(destination);
        Reset();
    }
}

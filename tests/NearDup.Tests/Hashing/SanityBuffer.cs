namespace NearDup.Tests.Hashing;

/// <summary>
/// The xxHash reference's sanity-check input: byte i is the top byte of PRIME32 * PRIME64^i (mod 2^64).
/// Reimplemented from its description in cli/xsum_sanity_check.c (XSUM_fillTestBuffer), github.com/Cyan4973/xxHash
/// commit b2e9dbb05fb7f45ad662e67969e92c48b9b32247, so the published expected values apply to it.
/// </summary>
internal static class SanityBuffer
{
    internal const ulong Prime32 = 2654435761;
    internal const ulong Prime64 = 11400714785074694797;

    /// <summary>The longest vector length in <see cref="XxHash3VectorTests"/>.</summary>
    internal const int Length = 6000;

    private static readonly byte[] s_bytes = Create(Length);

    internal static ReadOnlySpan<byte> Bytes => s_bytes;

    private static byte[] Create(int length)
    {
        var buffer = new byte[length];
        ulong generator = Prime32;
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(generator >> 56);
            generator *= Prime64;
        }

        return buffer;
    }
}

using System.IO.Hashing;
using NearDup.Text;

namespace NearDup.Tests.Text;

/// <summary>The inline short-input XXH3 against System.IO.Hashing's, at every length it takes and any seed.</summary>
public sealed class ShortXxHash3Tests
{
    [Fact]
    public void Hash_EqualsXxHash3_AtEveryLengthUpTo16() =>
        Gen.Select(Gen.Byte.Array[0, ShortXxHash3.MaxLength], Gen.ULong).Sample((data, seed) =>
        {
            Assert.Equal(XxHash3.HashToUInt64(data, (long)seed), ShortXxHash3.Hash(data, seed));
        }, iter: 20_000);

    [Fact]
    public void Hash_EqualsXxHash3_OnEdgeSeedsAndBytes()
    {
        ulong[] seeds = [0, 1, ulong.MaxValue, 0x8000_0000_0000_0000, 0xFFFF_FFFF, 0x5A5A5A5A5A5A5A5A];
        for (int length = 0; length <= ShortXxHash3.MaxLength; length++)
        {
            foreach (byte fill in new byte[] { 0, 0x20, 0x7F, 0x80, 0xFF })
            {
                byte[] data = [.. Enumerable.Range(0, length).Select(i => (byte)(fill + i))];
                foreach (ulong seed in seeds)
                {
                    Assert.Equal(XxHash3.HashToUInt64(data, (long)seed), ShortXxHash3.Hash(data, seed));
                }
            }
        }
    }

    [Fact]
    public void Hash17To32_EqualsXxHash3_AtEveryLengthFrom17To32() =>
        Gen.Select(Gen.Byte.Array[17, 32], Gen.OneOf(Gen.ULong, Gen.Const(0UL), Gen.Const(ulong.MaxValue))).Sample((data, seed) =>
        {
            int n = data.Length;
            ulong hash = ShortXxHash3.Hash17To32(
                BitConverter.ToUInt64(data, 0), BitConverter.ToUInt64(data, 8), BitConverter.ToUInt64(data, n - 16), BitConverter.ToUInt64(data, n - 8), n, seed);
            Assert.Equal(XxHash3.HashToUInt64(data, (long)seed), hash);
        }, iter: 20_000);
}

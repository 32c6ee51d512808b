using System.Buffers.Binary;
using NearDup.Hashing;

namespace NearDup.Tests.Hashing;

/// <summary>The base-class contract, exercised through XXH3 and XXH64 with published sanity vectors.</summary>
public sealed class NonCryptographicHashAlgorithmTests
{
    private const ulong Xxh3Of2048 = 0xDD59E2C3A5F038E0UL;   // xsum_sanity_check.c, XXH3 (2048, seed 0)
    private const ulong Xxh3OfEmpty = 0x2D06800538D394C2UL;
    private const ulong Xxh64Of222 = 0xB641AE8CB691C174UL;   // xsum_sanity_check.c, XXH64 (222, seed 0)

    [Fact]
    public void HashLengthInBytes_Both_IsEight()
    {
        Assert.Equal(8, new XxHash3().HashLengthInBytes);
        Assert.Equal(8, new XxHash64().HashLengthInBytes);
    }

    [Fact]
    public void Append_Stream_MatchesReference()
    {
        var hasher = new XxHash3();
        hasher.Append(new MemoryStream(SanityBuffer.Bytes[..2048].ToArray()));
        Assert.Equal(Xxh3Of2048, hasher.GetCurrentHashAsUInt64());
    }

    [Fact]
    public async Task AppendAsync_Stream_MatchesReference()
    {
        var hasher = new XxHash64();
        await hasher.AppendAsync(new MemoryStream(SanityBuffer.Bytes[..222].ToArray()), TestContext.Current.CancellationToken);
        Assert.Equal(Xxh64Of222, hasher.GetCurrentHashAsUInt64());
    }

    [Fact]
    public void Append_NullArguments_Throw()
    {
        var hasher = new XxHash3();
        Assert.Throws<ArgumentNullException>("source", () => hasher.Append((byte[])null!));
        Assert.Throws<ArgumentNullException>("stream", () => hasher.Append((Stream)null!));
        Assert.Throws<ArgumentNullException>("stream", () => { _ = hasher.AppendAsync(null!, TestContext.Current.CancellationToken); });
    }

    [Fact]
    public void Append_ByteArray_MatchesReference()
    {
        var hasher = new XxHash64();
        hasher.Append(SanityBuffer.Bytes[..222].ToArray());
        Assert.Equal(Xxh64Of222, hasher.GetCurrentHashAsUInt64());
    }

    [Fact]
    public void TryGetCurrentHash_ShortDestination_ReturnsFalseAndWritesNothing()
    {
        var hasher = Xxh3With2048();
        byte[] destination = [0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC];
        Assert.False(hasher.TryGetCurrentHash(destination, out int written));
        Assert.Equal(0, written);
        Assert.All(destination, b => Assert.Equal(0xCC, b));
    }

    [Fact]
    public void TryGetCurrentHash_LongDestination_WritesEightBytesOnly()
    {
        var hasher = Xxh3With2048();
        byte[] destination = Enumerable.Repeat((byte)0xCC, 10).ToArray();
        Assert.True(hasher.TryGetCurrentHash(destination, out int written));
        Assert.Equal(8, written);
        Assert.Equal(BigEndian(Xxh3Of2048), destination[..8]);
        Assert.All(destination[8..], b => Assert.Equal(0xCC, b));
    }

    [Fact]
    public void GetCurrentHash_ShortDestination_Throws()
    {
        var hasher = Xxh3With2048();
        Assert.Throws<ArgumentException>("destination", () => hasher.GetCurrentHash(new byte[7]));
    }

    [Fact]
    public void GetCurrentHash_Span_ReturnsEightAndKeepsState()
    {
        var hasher = Xxh3With2048();
        byte[] destination = new byte[8];
        Assert.Equal(8, hasher.GetCurrentHash(destination));
        Assert.Equal(BigEndian(Xxh3Of2048), destination);
        Assert.Equal(Xxh3Of2048, hasher.GetCurrentHashAsUInt64());
    }

    [Fact]
    public void TryGetHashAndReset_ShortDestination_ReturnsFalseAndKeepsState()
    {
        var hasher = Xxh3With2048();
        byte[] destination = [0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC];
        Assert.False(hasher.TryGetHashAndReset(destination, out int written));
        Assert.Equal(0, written);
        Assert.All(destination, b => Assert.Equal(0xCC, b));
        Assert.Equal(Xxh3Of2048, hasher.GetCurrentHashAsUInt64());
    }

    [Fact]
    public void TryGetHashAndReset_LongDestination_WritesAndResets()
    {
        var hasher = Xxh3With2048();
        byte[] destination = new byte[8];
        Assert.True(hasher.TryGetHashAndReset(destination, out int written));
        Assert.Equal(8, written);
        Assert.Equal(BigEndian(Xxh3Of2048), destination);
        Assert.Equal(Xxh3OfEmpty, hasher.GetCurrentHashAsUInt64());
    }

    [Fact]
    public void GetHashAndReset_Span_WritesAndResets()
    {
        var hasher = Xxh3With2048();
        byte[] destination = new byte[8];
        Assert.Equal(8, hasher.GetHashAndReset(destination));
        Assert.Equal(BigEndian(Xxh3Of2048), destination);
        Assert.Equal(Xxh3OfEmpty, hasher.GetCurrentHashAsUInt64());
        Assert.Throws<ArgumentException>("destination", () => hasher.GetHashAndReset(new byte[7]));
    }

    private static XxHash3 Xxh3With2048()
    {
        var hasher = new XxHash3();
        hasher.Append(SanityBuffer.Bytes[..2048]);
        return hasher;
    }

    private static byte[] BigEndian(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}

using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

public sealed class KeyRowBatchTests
{
    [Fact]
    public void Unpack_RandomRows_SameRowsIdById()
    {
        var random = new Random(11);
        var rows = Enumerable.Range(0, 2000).Select(_ => new KeyEntry(
            random.Next(3) == 0 ? uint.MaxValue - (uint)random.Next(2) : (uint)random.Next(25),
            random.Next(4) == 0 ? ulong.MaxValue - (ulong)random.Next(3) : (ulong)random.NextInt64(),
            "doc-" + random.Next(40),
            random.Next(2) == 0 ? 0 : (ulong)random.NextInt64() * 2 + 1)).ToList();
        var batch = KeyRowBatch.Pack(rows);
        Assert.Equal(rows.Select(r => r.Id).Distinct(), batch.Ids);
        Assert.Equal(rows.OrderBy(r => Array.IndexOf(batch.Ids, r.Id)), batch.Unpack()); // stable: each id's rows in their order
    }

    [Fact]
    public void Pack_AnchorRows_SevenBytesOrLessEach()
    {
        var random = new Random(12);
        var rows = Enumerable.Range(0, 1000).Select(i => new KeyEntry(0, (uint)random.Next() | 1u << 31, "doc-" + (i % 4), 0)).ToList();
        var batch = KeyRowBatch.Pack(rows);
        Assert.Equal(4, batch.Ids.Length);
        Assert.True(batch.Data.Length <= 7 * rows.Count + 4 * 2, $"{batch.Data.Length} bytes for {rows.Count} rows");
    }

    [Fact]
    public void Unpack_Empty_NoRows() => Assert.Empty(KeyRowBatch.Pack([]).Unpack());

    [Theory]
    [InlineData(new byte[] { 2, 0, 5, 0 }, "ends inside a row")]            // two rows announced, one and a half sent
    [InlineData(new byte[] { 1, 0, 5, 0, 9 }, "past the last id")]          // a byte after the last row
    [InlineData(new byte[] { 1, 0x80, 0x80, 0x80, 0x80, 0x10, 5, 0 }, "over 32 bits")] // table 2^32
    [InlineData(new byte[] { 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0 }, "over 64 bits")]
    public void Unpack_Malformed_SaysWhere(byte[] data, string message)
    {
        var batch = new KeyRowBatch { Ids = ["doc-1"], Data = data };
        var error = Assert.Throws<InvalidDataException>(batch.Unpack);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}

using NearDup.Indexing;

namespace NearDup.Tests.Indexing;

/// <summary>
/// <see cref="PostingTable{TKey}.BuildInDocumentOrder"/> (the query indexes' radix sort) gives the table <see cref="PostingTable{TKey}.Build"/>
/// (the comparison sort) gives, on seeded postings listed in document order: few distinct keys (long runs), keys
/// equal in some bytes (skipped passes), full-range keys, and the empty table.
/// </summary>
public sealed class PostingTableTests
{
    [Theory]
    [InlineData(0, 0u)]
    [InlineData(1, 0u)]
    [InlineData(1000, 7u)]
    [InlineData(5000, 0xFFu)]
    [InlineData(5000, 0x00FF_FF00u)]
    [InlineData(20000, uint.MaxValue)]
    public void BuildInDocumentOrder_SeededPostings_SameTableAsBuild(int postings, uint keyMask)
    {
        var random = new Random(postings + (int)(keyMask & 0xFFFF));
        var keys = new uint[postings];
        var documents = new int[postings];
        for (int i = 0, d = 0; i < postings; i++)
        {
            d += random.Next(3) == 0 ? 1 : 0; // some documents post several keys
            documents[i] = d;
            keys[i] = (uint)random.NextInt64(0, 1L << 32) & keyMask;
        }
        var lookups = (uint[])keys.Clone();
        var expected = PostingTable<uint>.Build((uint[])keys.Clone(), (int[])documents.Clone());
        var actual = PostingTable<uint>.BuildInDocumentOrder(keys, documents); // takes the arrays: they are its scratch
        Assert.Equal(expected.Keys.ToArray(), actual.Keys.ToArray());
        Assert.Equal(expected.Documents.ToArray(), actual.Documents.ToArray());
        for (int i = 0; i < Math.Min(postings, 200); i++)
        {
            Assert.Equal(expected.Find(lookups[i]).ToArray(), actual.Find(lookups[i]).ToArray());
        }
    }

    [Fact]
    public void BuildInDocumentOrder_UlongKeys_SameTableAsBuild()
    {
        var random = new Random(77);
        var keys = Enumerable.Range(0, 3000).Select(_ => (ulong)random.NextInt64() & 0xFFFF_0000_0000_FFFFUL).ToArray();
        var documents = Enumerable.Range(0, 3000).Select(i => i / 2).ToArray();
        var expected = PostingTable<ulong>.Build((ulong[])keys.Clone(), (int[])documents.Clone());
        var actual = PostingTable<ulong>.BuildInDocumentOrder(keys, documents);
        Assert.Equal(expected.Keys.ToArray(), actual.Keys.ToArray());
        Assert.Equal(expected.Documents.ToArray(), actual.Documents.ToArray());
    }
}

using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

/// <summary>
/// The anchor table as the query state section saves it (<see cref="SavedAnchorTable"/>): read back, packed or raw, it is
/// the table written, posting for posting, across block boundaries and with keys many groups hold; a table that is not
/// one (out of order, a group out of range, a key under no anchor, more postings than declared) is refused naming the section.
/// </summary>
public sealed class SavedAnchorTableTests
{
    private const uint AnchorMask = 0b11;

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(1, 1, true)]
    [InlineData(1, 1, false)]
    [InlineData(5_000, 40, true)]
    [InlineData(5_000, 40, false)]
    [InlineData(200_000, 3_000, true)] // three blocks, and keys held by a few hundred groups
    [InlineData(200_000, 100_000, false)]
    public void WriteRead_SeededTable_SamePostings(int postings, int groups, bool packed)
    {
        var table = SeededTable(new Random(postings + groups), postings, groups);
        Assert.Equal(table, RoundTrip(table, groups, packed));
    }

    [Fact]
    public void Write_Packed_SmallerThanRaw()
    {
        var table = SeededTable(new Random(3), 100_000, 20_000);
        Assert.True(Bytes(table, packed: true).Length < Bytes(table, packed: false).Length * 3 / 4);
    }

    [Theory]
    [InlineData("order", "out of order, under no anchor or in no group")]
    [InlineData("group", "out of order, under no anchor or in no group")]
    [InlineData("anchor", "out of order, under no anchor or in no group")]
    [InlineData("count", "more than its remaining")]
    public void Read_TableThatCannotBe_RefusedNamingTheSection(string fault, string problem)
    {
        var table = SeededTable(new Random(9), 1_000, 300);
        var bytes = Bytes(table, packed: false);
        switch (fault)
        {
            case "order": (table[10], table[11]) = (table[11], table[10]); break;
            case "group": table[10] = table[10] & ~0xFFFFFFFFUL | 300; break;
            case "anchor": table[10] |= 1UL << 32; break;
            default: BitConverter.GetBytes(uint.MaxValue).CopyTo(bytes, 0); break;
        }
        if (fault != "count")
        {
            bytes = Bytes(table, packed: false);
        }
        var r = new PayloadReader(new MemoryStream(bytes), bytes.Length, "query state", null);
        string message = Assert.Throws<InvalidDataException>(() => SavedAnchorTable.Read(r, 300, AnchorMask, packed: false)).Message;
        Assert.StartsWith("NearDup index is corrupt: the query state section", message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PackedBlockWithMorePostingsThanDeclared_Refused()
    {
        var table = SeededTable(new Random(4), 1_000, 300);
        var bytes = Bytes(table, packed: true);
        BitConverter.GetBytes(999u).CopyTo(bytes, 0);
        var r = new PayloadReader(new MemoryStream(bytes), bytes.Length, "query state", null);
        string message = Assert.Throws<InvalidDataException>(() => SavedAnchorTable.Read(r, 300, AnchorMask, packed: true)).Message;
        Assert.Contains("more postings than the 999 it declares", message, StringComparison.Ordinal);
    }

    private static ulong[] RoundTrip(ulong[] table, int groups, bool packed)
    {
        var bytes = Bytes(table, packed);
        var r = new PayloadReader(new MemoryStream(bytes), bytes.Length, "query state", null);
        var read = SavedAnchorTable.Read(r, groups, AnchorMask, packed);
        r.CheckEnd();
        return read;
    }

    private static byte[] Bytes(ulong[] table, bool packed)
    {
        var stream = new MemoryStream();
        var w = new PayloadWriter(stream, null);
        SavedAnchorTable.Write(w, table, packed);
        w.Flush();
        return stream.ToArray();
    }

    /// <summary>
    /// About <paramref name="postings"/> postings of anchors (keys with no bit of <see cref="AnchorMask"/>), ascending: a
    /// third of the keys from a few hundred that many groups hold, the rest spread over the whole range, each with
    /// distinct groups below <paramref name="groups"/>.
    /// </summary>
    private static ulong[] SeededTable(Random random, int postings, int groups)
    {
        var set = new HashSet<ulong>();
        while (set.Count < postings)
        {
            uint key = random.Next(3) == 0 ? (uint)random.Next(300) * 0x9E3779B1u : (uint)random.NextInt64(0, 1L << 32);
            set.Add((ulong)(key & ~AnchorMask) << 32 | (uint)random.Next(groups));
        }
        return set.Order().ToArray();
    }
}

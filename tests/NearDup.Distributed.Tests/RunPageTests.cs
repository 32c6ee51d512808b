using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A key partition's runs packed for the coordinator (<see cref="RunPage"/>): they round-trip with payloads and without (all 0),
/// whatever their ids (shared prefixes, none, non-ASCII, empty) and with rows numbered, by id or mixed, a cut page is
/// named, the page is smaller than Orleans' own writing of the same runs, and numbered rows smaller than ids.
/// </summary>
public sealed class RunPageTests
{
    private static KeyRun[] Runs(int count, int seed, bool withPayloads)
    {
        var random = new Random(seed);
        string[] prefixes = ["doc", "doc0000", "", "é/ß", "news/2026/11/", "x"];
        var runs = new KeyRun[count];
        for (int r = 0; r < count; r++)
        {
            var ids = new SortedSet<string>(StringComparer.Ordinal);
            int n = random.Next(2, 40);
            while (ids.Count < n)
            {
                ids.Add(prefixes[random.Next(prefixes.Length)] + random.Next(0, 1_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture)
                    + (random.Next(4) == 0 ? "\u00e9\u4e2d" : ""));
            }
            if (r % 7 == 0)
            {
                ids.Add(""); // an empty id is a string like any other here
            }
            var payloads = Enumerable.Range(0, ids.Count).Select(_ => withPayloads ? (ulong)random.NextInt64() ^ (ulong)random.Next() << 63 : 0).ToArray();
            runs[r] = new KeyRun((uint)random.Next(0, 30), [.. ids], payloads);
        }
        return runs;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Unpack_PackedRuns_SameTablesIdsAndPayloads(bool withPayloads)
    {
        var runs = Runs(200, seed: withPayloads ? 1 : 2, withPayloads);
        var page = RunPage.Pack(runs);
        Assert.Equal(withPayloads, page.HasPayloads);
        var back = page.Unpack();
        Assert.Equal(runs.Length, back.Length);
        for (int r = 0; r < runs.Length; r++)
        {
            Assert.Equal(runs[r].Table, back[r].Table);
            Assert.Equal(runs[r].Ids, back[r].Ids);
            Assert.Equal(runs[r].Payloads, back[r].Payloads);
        }
        Assert.Empty(RunPage.Pack([]).Unpack());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Unpack_NumberedAndIdRows_SameRows(bool withPayloads)
    {
        var random = new Random(withPayloads ? 5 : 6);
        // Every third run all numbered, every third all by id (no numbers), the others mixed; numbers of 1 to 4 bytes.
        var runs = Runs(300, seed: withPayloads ? 7 : 8, withPayloads).Select((run, r) => r % 3 == 1 ? run : run with
        {
            Numbers = [.. run.Ids.Select(_ => r % 3 == 0 || random.Next(3) > 0 ? random.Next(0, 1 << (7 * random.Next(1, 5) - 1)) : -1)],
        }).ToArray();
        var back = RunPage.Pack(runs).Unpack();
        Assert.Equal(runs.Length, back.Length);
        for (int r = 0; r < runs.Length; r++)
        {
            Assert.Equal(runs[r].Table, back[r].Table);
            Assert.Equal(runs[r].Payloads, back[r].Payloads);
            for (int k = 0; k < runs[r].Ids.Length; k++)
            {
                Assert.Equal(runs[r].NumberOf(k), back[r].NumberOf(k));
                Assert.Equal(runs[r].NumberOf(k) < 0 ? runs[r].Ids[k] : "", back[r].Ids[k]);
            }
        }
    }

    [Fact]
    public void Pack_NumberedRows_LessThanHalfTheBytesOfIds()
    {
        // Band runs of a 20,000-document listing: ids of one form, a few to a run, numbers below 20,000.
        var random = new Random(9);
        var runs = Enumerable.Range(0, 500).Select(r =>
        {
            int[] docs = [.. Enumerable.Range(0, random.Next(2, 6)).Select(_ => random.Next(0, 20_000)).Distinct().Order()];
            return new KeyRun((uint)(r % 25), [.. docs.Select(d => $"doc{d:D8}")], new ulong[docs.Length], [.. docs.Select(d => (d * 7919) % 20_000)]);
        }).ToArray();
        int numbered = RunPage.Pack(runs).Data.Length, byId = RunPage.Pack([.. runs.Select(r => r with { Numbers = null })]).Data.Length;
        Assert.True(2 * numbered < byId, $"numbered {numbered:N0} B, by id {byId:N0} B");
    }

    [Fact]
    public void Unpack_CutOrLongerData_Throws()
    {
        var page = RunPage.Pack(Runs(5, seed: 3, withPayloads: true));
        for (int cut = 1; cut < page.Data.Length; cut += 7)
        {
            var shorter = new RunPage { Data = page.Data[..^cut], Count = page.Count, HasPayloads = true };
            Assert.Throws<InvalidDataException>(() => shorter.Unpack());
        }
        var longer = new RunPage { Data = [.. page.Data, 0], Count = page.Count, HasPayloads = true };
        Assert.Contains("1 bytes left", Assert.Throws<InvalidDataException>(() => longer.Unpack()).Message);
    }

    [Fact]
    public void Pack_FewerBytesThanOrleansWritesTheRuns()
    {
        var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(RunPage).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        // Band runs as a generated index's key partition holds them: ids of one form, a few to a run, no payloads.
        var random = new Random(4);
        var runs = Enumerable.Range(0, 500).Select(r => new KeyRun((uint)(r % 25),
            [.. Enumerable.Range(0, random.Next(2, 6)).Select(_ => $"doc{random.Next(0, 20_000):D8}").Distinct().Order(StringComparer.Ordinal)], [])).ToArray();
        runs = [.. runs.Select(r => r with { Payloads = new ulong[r.Ids.Length] })];
        long packed = serializer.SerializeToArray(RunPage.Pack(runs)).Length;
        // What the partitions answered before the page: a record a run, with its key and a payload an id.
        long records = serializer.SerializeToArray(runs.Select(r => (r.Table, 0x9E3779B97F4A7C15UL * r.Table, r.Ids, new ulong[r.Ids.Length])).ToArray()).Length;
        Assert.True(packed * 2 < records, $"packed {packed:N0} B, as records {records:N0} B");
    }
}

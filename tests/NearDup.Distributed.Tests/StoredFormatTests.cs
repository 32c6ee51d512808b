using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Hosting;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Stored partition rows carry their format (<see cref="StoredFormat"/>): a record whose facts were hashed before they
/// were folded by shape (written before formats were kept, or in format 1) is refused, as one of a newer format is; the
/// current one round-trips.
/// </summary>
// In the shared collection: not at the same time as the other PostgreSQL test classes, on a server other suites use too.
[Collection(OrleansCollection.Name)]
public sealed class StoredFormatTests
{
    /// <summary>The document of <see cref="LegacyRecord"/>: figures and names, so that its facts hold both kinds.</summary>
    private const string LegacyText = "The council voted 7 to 2 on Tuesday to spend 4.5 million dollars on the Harbor Bridge repairs, Mayor Alice Brennan "
        + "said after the meeting. Work begins in March 2027 and should take 18 months, according to the city engineer, Tom Okafor, who told "
        + "reporters that traffic on Route 9 would be cut to one lane during the repairs.";

    /// <summary>
    /// A document partition's record as the build before formats were kept (b2ce184) wrote it: <c>neardup serve
    /// --partitions 1</c> and <c>remote add</c> of <see cref="LegacyText"/> under id old-1, the log delta of
    /// documentpartition/INDEX/Document/0 read from PostgreSQL (base64). A delta and a table are the same type.
    /// </summary>
    private const string LegacyRecord = "ICDgIQADIUALb2xkLTGB/////////3+BgcoeyebUGSIB4YER0KODIaYkjCEAM2Hm4DnQYBRxRK1gs/yuOmDOSU09YK8QagJg7PaRH2AJseMwYAoPgnhgulHay2DULiPnYA/7VtNgRipeIGAtkE6vYBI9iYpgD8jvbmCI1xPjYOw2zSBgzWtYAmAl7JPEYNWa7mFgjTiPyWDUhazmYNe3IsdgxSSI+WDVpsY04CEAcWF+VmIAYKkAcgRgSZaMBWBExLkGYIopiwlgricXDWBgFFEOYAX3qhVg5621GGCg6QcZYEWzKxtgoolQG2AxGO0sYPQHEkRgFKz1RWAm78VJYCk6RlZgwqO4Y2DHIlFpYOoirGtg9NG9dGA5aPV9YPPVwn9gEUd3h2AC/yaIYOAjKIlgeukzimDvr52NYOLeTI5gHL4JlGBi87OgYIuk7KJg4ewepmAbt+CtYKlmBbJgRLJftGBdWiS2YOoHILlgs4SCumC35m3DYJlwRcRgItkPxWC3sAXGYEuiSshgk3VWyGBRg4XKYKhoHM5gZo33z2Bbb63WYGxmItlgjW7y3GDI6HrkYDeUpOdgPlDM8mCtjWr3YC0qc/zgIQBxATcALwANACkARwAdAD0AEQBdAAUAVwAjAE0AWQAPAAkAaQBJAG8AFwATAGUANQBjAEsAIQAZACcAAwA5AAcAAQBFAB8AawALAEEAXwAzAFEATwBDAC0AGwBTADsAPwArAGcAVQBbABUAJQAxAG0AYeAhACFhN9I+BWCyYzcsYE26gk5guJMwUGA1uZZVYC2GaGNgYgMMe2B05517YNjDQZVgGTuknmA/pVSwYL6Dab1gjKf8xGBo097XYKos0Ntg3n6W7+Dg4CHgAQHg";

    [Theory]
    [InlineData(StoredFormat.Unversioned)]
    [InlineData(StoredFormat.FigureFacts)]
    public async Task Load_RecordWithFactsHashedBeforeTheFold_RefusedNamingTheIndexTheFormatsAndWhatToDo(int format)
    {
        string connection = await PostgresTest.ConnectionOrSkip() + ";Maximum Pool Size=2";
        string index = "format-old-" + Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await PostgresTest.StartCluster(connection, silos: 1);
        var serializer = cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        var legacy = Read(serializer, Convert.FromBase64String(LegacyRecord));
        Assert.Equal(StoredFormat.Unversioned, legacy.Format);
        var old = new SegmentState<StoredSketch> { Tail = legacy.Tail, Format = format };

        await NearDupClusterClient.CreateAsync(cluster.Client, index, partitions: 1); // creates the storage table on a fresh database
        string key = PartitionMap.GrainKey(index, PartitionKind.Document, 0);
        await PostgresTest.PutGrainState(connection, "documents", "documentpartition/" + key, serializer.SerializeToArray(old));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<IDocumentPartitionGrain>(key).Get(["old-1"]));
        Assert.Contains($"Index '{index}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"stored in format {format}, and this build reads formats {StoredFormat.FoldedFacts} to {StoredFormat.Current}", error.Message, StringComparison.Ordinal);
        Assert.Contains("re-add its documents under a new index name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_NewerFormat_RefusedNamingTheIndexAndTheFormats()
    {
        string connection = await PostgresTest.ConnectionOrSkip() + ";Maximum Pool Size=2";
        string index = "format-new-" + Guid.NewGuid().ToString("N")[..8];
        await using var cluster = await PostgresTest.StartCluster(connection, silos: 1);
        var serializer = cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        var legacy = Read(serializer, Convert.FromBase64String(LegacyRecord));
        var newer = new SegmentState<StoredSketch> { Tail = legacy.Tail, Format = StoredFormat.Current + 1 };
        await NearDupClusterClient.CreateAsync(cluster.Client, index, partitions: 1);
        string key = PartitionMap.GrainKey(index, PartitionKind.Document, 0);
        await PostgresTest.PutGrainState(connection, "documents", "documentpartition/" + key, serializer.SerializeToArray(newer));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<IDocumentPartitionGrain>(key).Get(["old-1"]));
        Assert.Contains($"Index '{index}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"format {StoredFormat.Current + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"formats {StoredFormat.FoldedFacts} to {StoredFormat.Current}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartedSilo_CurrentFormat_KeepsTheFigureBits()
    {
        string connection = await PostgresTest.ConnectionOrSkip() + ";Maximum Pool Size=2";
        string index = "format-now-" + Guid.NewGuid().ToString("N")[..8];
        string key = PartitionMap.GrainKey(index, PartitionKind.Document, 0);
        uint[] before;
        await using (var cluster = await PostgresTest.StartCluster(connection, silos: 1))
        {
            var client = await NearDupClusterClient.CreateAsync(cluster.Client, index, partitions: 1);
            await client.AddAsync("now-1", LegacyText);
            before = Assert.Single(await cluster.Client.GetGrain<IDocumentPartitionGrain>(key).Get(["now-1"])).Facts;
            Assert.Contains(before, f => (f & 1) != 0);
            await cluster.StopAllSilosAsync();
        }
        await using (var cluster = await PostgresTest.StartCluster(connection, silos: 1))
        {
            var partition = cluster.Client.GetGrain<IDocumentPartitionGrain>(key);
            Assert.Equal(before, Assert.Single(await partition.Get(["now-1"])).Facts); // replayed from the log
            await partition.Merge();
            var serializer = cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
            await using var dataSource = PostgresTest.DataSource(connection);
            var written = Array.ConvertAll(await new PostgresPartitionLog(dataSource).Read("documentpartition/" + key), e => Read(serializer, e.Delta));
            Assert.All(written, piece => Assert.Equal(StoredFormat.Current, piece.Format));
            var sketches = written.SelectMany(piece => new SketchPage { Ids = piece.TailIds, Data = piece.TailData, Parts = SketchParts.All }.Unpack());
            Assert.Equal(before, Assert.Single(sketches).Facts);
        }
    }

    private static SegmentState<StoredSketch> Read(Serializer serializer, byte[] record) =>
        serializer.Deserialize<SegmentState<StoredSketch>>(new ReadOnlySequence<byte>(record)) ?? throw new InvalidDataException("An empty record.");
}

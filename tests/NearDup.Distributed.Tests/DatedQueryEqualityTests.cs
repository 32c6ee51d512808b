using NearDup.Clustering;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A query with its date (<see cref="NearDupClusterClient.QueryAsync(string, DateTimeOffset?)"/>) is answered as the
/// single machine answers it (<see cref="DuplicateDetector.Query(string, DateTimeOffset?)"/>): the partitions judge the
/// query's date against each stored document's, so a flash repeated two weeks on is reuse, the same day an exact copy.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class DatedQueryEqualityTests(OrleansClusterFixture fixture)
{
    private static readonly DateTimeOffset s_day = new(1987, 3, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Query_Dated_SameAnswersAsSingleMachine()
    {
        var options = NearDupOptions.Default with { CommonShingleDocuments = int.MaxValue };
        var flash = Words(1, 40);
        var series = Words(2, 50);
        var story = Words(3, 200);
        DocumentInput[] docs =
        [
            new("flash", string.Join(' ', flash), s_day), new("series", string.Join(' ', series), s_day), new("story", string.Join(' ', story), s_day),
            .. TestCorpus.Documents(200, seed: 16, strongCopies: false),
        ];
        using var detector = new DuplicateDetector(options);
        detector.AddRange(docs);
        detector.Cluster();
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "dated-equality", partitions: 3, options);
        await client.AddRangeAsync(docs);

        var nextItem = (string[])series.Clone();
        nextItem[40] = "Korville";
        (string Text, DateTimeOffset? Date, PairRelation Relation)[] queries =
        [
            (string.Join(' ', flash), s_day.AddDays(15), PairRelation.Reuse),
            (string.Join(' ', flash), s_day.AddHours(6), PairRelation.Copy),
            (string.Join(' ', flash), null, PairRelation.Copy),
            (string.Join(' ', nextItem), s_day.AddDays(4), PairRelation.Reuse),
            (string.Join(' ', nextItem), s_day.AddDays(1), PairRelation.Copy),
            (string.Join(' ', story), s_day.AddDays(15), PairRelation.Copy),
        ];
        foreach (var (text, date, relation) in queries)
        {
            var expected = detector.Query(text, date).Select(m => m with { Cluster = "" }).ToList();
            Assert.Equal(relation, Assert.Single(expected).Relation);
            Assert.Equal(expected, await client.QueryAsync(text, date));
            Assert.Equal(expected, await client.QueryAsync(System.Text.Encoding.UTF8.GetBytes(text), date));
        }
    }

    private static string[] Words(int seed, int count)
    {
        var random = new Random(seed * 7919);
        return [.. Enumerable.Range(0, count).Select(_ => "d" + Letters(random.Next(1, 50_000)))];
    }

    private static string Letters(int n) => n == 0 ? "" : (char)('a' + n % 26) + Letters(n / 26);
}

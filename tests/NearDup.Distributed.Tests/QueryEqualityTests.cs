using NearDup.Clustering;
using NearDup.Distributed.Grains;

namespace NearDup.Distributed.Tests;

/// <summary>
/// The partitioned index against the single-machine <see cref="DuplicateDetector"/> holding the same documents: the
/// same matches, roles, relations and scores for every query. Before a batch run the live index holds no clustering, so
/// equality is exact (cluster ids aside) where the single-machine answer does not depend on one: no exact or syndicated
/// copies (no groups of more than one document) and no boilerplate. After a batch run the client finds candidates by the
/// run's strong groups, the partitions score with the run's boilerplate and common facts, and the answers carry the
/// run's clusters, so equality is exact, cluster ids included, on any corpus (docs/scale-out.md).
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class QueryEqualityTests(OrleansClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Query_GeneratedCorpus_SameAnswersAsSingleMachine()
    {
        var docs = TestCorpus.Documents(3000, seed: 11, strongCopies: false);
        // Hard negatives share names and statements: 91 fingerprints reach the default 16 documents. The live index
        // learns no boilerplate, so both sides are told not to either.
        var options = NearDupOptions.Default with { CommonShingleDocuments = int.MaxValue };
        var detector = new DuplicateDetector(options);
        detector.AddRange(docs);
        var stats = detector.Cluster().Statistics;
        Assert.Equal((3000, 3000, 0L), (stats.Documents, stats.StrongGroups, stats.CommonFingerprints));

        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "equality", partitions: 6, options);
        await client.AddRangeAsync(docs);
        var queries = TestCorpus.Queries(docs, each: 100);
        int matched = 0, copies = 0;
        foreach (string query in queries)
        {
            var expected = detector.Query(query).Select(m => m with { Cluster = "" }).ToList();
            var actual = await client.QueryAsync(query);
            Assert.Equal(expected, actual);
            matched += expected.Count > 0 ? 1 : 0;
            copies += expected.Count(m => m.Role is CopyRole.Rewritten or CopyRole.Excerpt);
        }
        // The queries exercise the judge, not only exact self-matches.
        Assert.True(matched >= 200, $"{matched} queries matched");
        Assert.True(copies >= 50, $"{copies} rewritten or excerpt matches");
        // Scored where the sketches are: the partitions sent matches back, the client only its sketch.
        var totals = client.QueryTotals;
        Assert.True(totals.Matches >= matched && totals.Candidates >= totals.Matches, $"{totals}");
    }

    [Fact]
    public async Task Query_ScoringCallsFail_SentAgainAndReported_SameAnswers()
    {
        var docs = TestCorpus.Documents(300, seed: 12, strongCopies: false);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "equality-retried", partitions: 3);
        await client.AddRangeAsync(docs);
        var queries = TestCorpus.Queries(docs, each: 10).Take(20).ToList();
        var expected = new List<IReadOnlyList<QueryMatch>>();
        foreach (string query in queries)
        {
            expected.Add(await client.QueryAsync(query));
        }
        Assert.Contains(expected, e => e.Count > 0);
        var reported = new System.Collections.Concurrent.ConcurrentBag<string>();
        client.CallRetried += reported.Add;
        long queriedBefore = client.QueryTotals.Queries;

        // As a silo dies under a query: its partitions' scoring fails until they answer from another silo.
        InjectedFailures.FailScores("equality-retried", 3);
        foreach (var (query, answer) in queries.Zip(expected))
        {
            Assert.Equal(answer, await client.QueryAsync(query));
        }

        Assert.InRange(reported.Count, 1, 3);
        Assert.All(reported, message => Assert.StartsWith("a query failed (injected: the partition's silo is gone)", message, StringComparison.Ordinal));
        Assert.Equal(2 * queriedBefore, client.QueryTotals.Queries); // each counted once, however often sent
    }

    [Fact]
    public async Task CountContainsClusterOf_CallsFail_SentAgainAndReported_SameAnswers()
    {
        const string index = "reads-retried";
        var docs = TestCorpus.Documents(200, seed: 13, strongCopies: true);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 3);
        await client.AddRangeAsync(docs);
        await client.ClusterAsync();
        var cluster = await client.ClusterOfAsync(docs[7].Id);
        Assert.NotNull(cluster);
        var reported = new System.Collections.Concurrent.ConcurrentBag<string>();
        client.CallRetried += reported.Add;

        InjectedFailures.FailReads(typeof(DocumentPartitionGrain), index, nameof(IDocumentPartitionGrain.Stats), 2);
        Assert.Equal(200, await client.CountAsync());
        InjectedFailures.FailReads(typeof(DocumentPartitionGrain), index, nameof(IDocumentPartitionGrain.Get), 1);
        Assert.True(await client.ContainsAsync(docs[7].Id));
        InjectedFailures.FailReads(typeof(ClusterResultGrain), index, nameof(IClusterResultGrain.ClusterOf), 1);
        Assert.Equal(cluster.Id, (await client.ClusterOfAsync(docs[7].Id))?.Id);

        Assert.Contains(reported, r => r.StartsWith("the count failed (injected", StringComparison.Ordinal));
        Assert.Contains(reported, r => r.StartsWith($"the lookup of '{docs[7].Id}' failed (injected", StringComparison.Ordinal));
        Assert.Contains(reported, r => r.StartsWith($"the cluster of '{docs[7].Id}' failed (injected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Query_AfterABatchRun_ItsBoilerplateFactsAndClusters_SameAnswersAsSingleMachine()
    {
        var docs = TestCorpus.Documents(3000, seed: 11, strongCopies: false);
        var detector = new DuplicateDetector();
        detector.AddRange(docs);
        var stats = detector.Cluster().Statistics;
        // Groups of one only, and boilerplate to leave out: hard negatives share names and statements.
        Assert.Equal((3000, 3000), (stats.Documents, stats.StrongGroups));
        Assert.True(stats.CommonFingerprints > 0, "no boilerplate: the test would not see the run's filters lost");

        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "equality-run", partitions: 6);
        await client.AddRangeAsync(docs);
        var queries = TestCorpus.Queries(docs, each: 100);
        var expected = queries.Select(q => detector.Query(q)).ToList();
        int differBefore = 0;
        for (int q = 0; q < queries.Count; q++)
        {
            var before = await client.QueryAsync(queries[q]);
            differBefore += expected[q].Select(m => m with { Cluster = "" }).SequenceEqual(before) ? 0 : 1;
        }
        Assert.True(differBefore > 0, "no answer needed the run: the test would not see its filters lost");

        await client.ClusterAsync();
        int clustered = 0;
        for (int q = 0; q < queries.Count; q++)
        {
            var actual = await client.QueryAsync(queries[q]);
            Assert.Equal(expected[q], actual);
            clustered += actual.Count(m => m.Cluster.Length > 0);
        }
        output.WriteLine($"{stats.CommonFingerprints} boilerplate fingerprints: {differBefore} of {queries.Count} answers differed before the run, none after");
        Assert.True(clustered >= 200, $"{clustered} matches with a cluster");
    }

    [Fact]
    public async Task Query_OtherScoringOptions_TheirAnswersAtThePartitions()
    {
        var docs = TestCorpus.Documents(1000, seed: 13, strongCopies: false);
        // Options the partitions' scoring and judge read: if a partition scored with the defaults, the answers would differ.
        var options = NearDupOptions.Default with { CommonShingleDocuments = int.MaxValue, MinContainment = 0.3, MinSharedShingles = 4 };
        var detector = new DuplicateDetector(options);
        detector.AddRange(docs);
        var defaults = new DuplicateDetector(NearDupOptions.Default with { CommonShingleDocuments = int.MaxValue });
        defaults.AddRange(docs);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "equality-options", partitions: 4, options);
        await client.AddRangeAsync(docs);
        int differFromDefaults = 0;
        foreach (string query in TestCorpus.Queries(docs, each: 30))
        {
            var expected = detector.Query(query).Select(m => m with { Cluster = "" }).ToList();
            Assert.Equal(expected, await client.QueryAsync(query));
            differFromDefaults += expected.SequenceEqual(defaults.Query(query).Select(m => m with { Cluster = "" })) ? 0 : 1;
        }
        Assert.True(differFromDefaults > 0, "the options changed no answer: the test would not see them lost");
    }

    [Fact]
    public async Task Query_DefaultMix_AfterABatchRun_SameAnswersAsSingleMachine()
    {
        var docs = TestCorpus.Documents(3000, seed: 12, strongCopies: true);
        var detector = new DuplicateDetector();
        detector.AddRange(docs);
        var stats = detector.Cluster().Statistics;
        // Exact and syndicated copies make groups of several: a candidate stands for its group, whose core's anchors find it.
        Assert.True(stats.StrongGroups < stats.Documents - 500, $"{stats.StrongGroups} groups of {stats.Documents} documents");
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, "agreement", partitions: 6);
        await client.AddRangeAsync(docs);
        var queries = TestCorpus.Queries(docs, each: 100);
        var expected = queries.Select(q => detector.Query(q)).ToList();
        int same = 0, expectedMatches = 0, foundIds = 0;
        for (int q = 0; q < queries.Count; q++)
        {
            // Before a run the live index has no groups, boilerplate or clusters: the same documents are found, not always alike.
            var before = await client.QueryAsync(queries[q]);
            var unnamed = expected[q].Select(m => m with { Cluster = "" }).ToList();
            same += unnamed.SequenceEqual(before) ? 1 : 0;
            expectedMatches += unnamed.Count;
            foundIds += unnamed.Select(m => m.Id).Intersect(before.Select(m => m.Id)).Count();
        }
        output.WriteLine($"{stats.Documents} documents, {stats.StrongGroups} strong groups, {stats.CommonFingerprints} boilerplate fingerprints; "
            + $"before any run: {same} of {queries.Count} answers identical, {foundIds} of {expectedMatches} single-machine matches found");
        Assert.True(foundIds >= expectedMatches * 0.95, $"{foundIds} of {expectedMatches} found");
        Assert.True(same < queries.Count, "every answer agreed before the run: the test would not see the run's groups lost");

        await client.ClusterAsync();
        for (int q = 0; q < queries.Count; q++)
        {
            Assert.Equal(expected[q], await client.QueryAsync(queries[q]));
        }
    }
}

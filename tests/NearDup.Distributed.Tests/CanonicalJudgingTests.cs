using Microsoft.Extensions.DependencyInjection;
using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A batch run's stage 7 at the document partitions (<see cref="NearDupClusterClient.JudgeClustersAsync"/>): each
/// cluster of two or more at the partition of its proposed canonical, the members' sketches fetched from the others,
/// against the stage run once over every stored sketch in one table (the coordinator's view), on the clusters a single
/// machine makes of a generated corpus with rewrites and excerpts; and a cluster whose member changed since the listing.
/// </summary>
[Collection(OrleansCollection.Name)]
public sealed class CanonicalJudgingTests(OrleansClusterFixture fixture)
{
    [Fact]
    public async Task JudgeClustersAsync_AcrossPartitions_SameAsStage_RewritesAndExcerpts()
    {
        var (client, stored, clusters) = await SetUpAsync("canonical-judging", seed: 91);
        var (boilerplate, facts) = (Boilerplate(stored), CommonFacts(stored));
        var expected = ByTheStageAtOnce(client, stored, clusters, boilerplate, facts);
        var roles = expected.Roles.Select(r => (CopyRole)r).ToHashSet();
        Assert.Contains(CopyRole.Rewritten, roles);
        Assert.Contains(CopyRole.Excerpt, roles);
        // A proposed canonical that is a rewrite of a shorter original gives way to it (the rewrite-pair swap).
        Assert.Contains(Enumerable.Range(0, clusters.Canonicals.Length), k => expected.Canonicals[k] != Place(clusters, k));
        // The boilerplate is left out: the scores change without it.
        Assert.NotEqual(expected.Jaccard, ByTheStageAtOnce(client, stored, clusters, [], facts).Jaccard);

        CanonicalAnswer actual;
        IReadOnlyList<(string Method, object? Result)> calls;
        using (var log = ClientCalls.Start())
        {
            actual = await client.JudgeClustersAsync(Ids(stored), Content(stored), clusters.Canonicals, clusters.Starts, clusters.Members, boilerplate,
                facts, CancellationToken.None);
            calls = log.Calls;
        }
        Assert.Equal(expected.Canonicals, actual.Canonicals);
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected.Jaccard, actual.Jaccard);
        Assert.Equal(expected.Containment, actual.Containment);
        Assert.True(calls.Count > 1, "the clusters went to more than one partition");

        // What the coordinator received: a role and two scores a member, not the sketches judging here would read.
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        long received = calls.Sum(c => c.Result is null ? 0L : serializer.SerializeToArray(c.Result).Length);
        long sketchBytes = clusters.Members.Sum(d => 6L * stored[d].Fingerprints.Length + 4L * stored[d].Facts.Length);
        Assert.All(calls, c => Assert.Equal(nameof(IDocumentPartitionGrain.JudgeClusters), c.Method));
        Assert.True(received <= 24L * clusters.Members.Length + 64L * calls.Count, $"received {received:N0} B for {clusters.Members.Length} members");
        Assert.True(received * 50 < sketchBytes, $"received {received:N0} B; the sketches are {sketchBytes:N0} B");
    }

    [Fact]
    public async Task JudgeClustersAsync_MemberChangedSinceListing_ItsClusterLeftToTheRun_OthersSameAsStage()
    {
        var (client, stored, clusters) = await SetUpAsync("canonical-judging-changed", seed: 92);
        var (boilerplate, facts) = (Boilerplate(stored), CommonFacts(stored));
        var expected = ByTheStageAtOnce(client, stored, clusters, boilerplate, facts);
        int changed = Enumerable.Range(0, clusters.Canonicals.Length).First(k => clusters.Starts[k + 1] - clusters.Starts[k] >= 3);
        string id = stored[clusters.Members[clusters.Starts[changed] + 1]].Id;
        Assert.True(await client.RemoveAsync(id));
        await client.AddAsync(id, "another text under the same id, which the listing did not see at all");

        var actual = await client.JudgeClustersAsync(Ids(stored), Content(stored), clusters.Canonicals, clusters.Starts, clusters.Members, boilerplate,
            facts, CancellationToken.None);
        Assert.Equal(-1, actual.Canonicals[changed]);
        var others = Enumerable.Range(0, clusters.Canonicals.Length).Where(k => k != changed).ToArray();
        Assert.Equal(others.Select(k => expected.Canonicals[k]), others.Select(k => actual.Canonicals[k]));
        var otherMembers = others.SelectMany(k => Enumerable.Range(clusters.Starts[k], clusters.Starts[k + 1] - clusters.Starts[k])).ToArray();
        Assert.Equal(otherMembers.Select(m => (expected.Roles[m], expected.Jaccard[m], expected.Containment[m])),
            otherMembers.Select(m => (actual.Roles[m], actual.Jaccard[m], actual.Containment[m])));
    }

    /// <summary>
    /// 800 generated documents (rewrites and excerpts, no strong copies) in an index of 4 partitions, read back in ordinal
    /// order of id; as clusters, the single machine's clusters of two or more over them, each proposing its member with
    /// the most fingerprints as canonical (the center is chosen for the most distinct shingles), and some clusters of one.
    /// </summary>
    private async Task<(NearDupClusterClient Client, StoredSketch[] Stored, Clusters Clusters)> SetUpAsync(string index, ulong seed)
    {
        var docs = TestCorpus.Documents(800, seed, strongCopies: false);
        var client = await NearDupClusterClient.CreateAsync(fixture.Cluster.Client, index, partitions: 4);
        await client.AddRangeAsync(docs);
        var stored = await StoredSketches.ReadAllAsync(fixture.Cluster.Client, index, client.Partitions);
        var number = Enumerable.Range(0, stored.Length).ToDictionary(i => stored[i].Id, StringComparer.Ordinal);
        var single = ClusterEqualityTests.SingleMachine(docs, includePairs: false).Clusters;
        var starts = new List<int> { 0 };
        var members = new List<int>();
        var canonicals = new List<int>();
        foreach (var cluster in single.Where(c => c.Members.Count >= 2).Concat(single.Where(c => c.Members.Count == 1).Take(20)))
        {
            var own = cluster.Members.Select(m => number[m.Id]).Order().ToArray();
            members.AddRange(own);
            starts.Add(members.Count);
            canonicals.Add(own.MaxBy(d => stored[d].Fingerprints.Length));
        }
        Assert.True(starts.Count > 20, "the corpus makes clusters of several");
        return (client, stored, new Clusters([.. canonicals], [.. starts], [.. members]));
    }

    /// <summary>Fingerprints held by 8 documents or more, standing for the run's boilerplate.</summary>
    private static uint[] Boilerplate(StoredSketch[] stored) =>
        [.. stored.SelectMany(s => s.Fingerprints.Distinct()).CountBy(f => f).Where(c => c.Value >= 8).Select(c => c.Key).Order()];

    /// <summary>Fact words (figure bit clear) 10 documents or more report, standing for the run's common facts.</summary>
    private static uint[] CommonFacts(StoredSketch[] stored) =>
        [.. stored.SelectMany(s => s.Facts.Select(f => f & ~1u).Distinct()).CountBy(f => f).Where(c => c.Value >= 10).Select(c => c.Key).Order()];

    /// <summary>The stage over every stored sketch in one table, every cluster in one call: what the coordinator would compute.</summary>
    private static CanonicalAnswer ByTheStageAtOnce(NearDupClusterClient client, StoredSketch[] stored, Clusters clusters, uint[] boilerplate,
        uint[] facts)
    {
        var ids = Ids(stored);
        var request = new CanonicalRequest("unused", 1, PartitionScorer.OptionsJson(client.Options), boilerplate, facts, clusters.Starts,
            [.. clusters.Members.Select(d => ids[d])], [.. clusters.Members.Select(d => stored[d].ContentHash)],
            [.. Enumerable.Range(0, clusters.Canonicals.Length).Select(k => Place(clusters, k))]);
        var answer = PartitionCanonicals.Compute(request, stored.ToDictionary(s => s.Id, StringComparer.Ordinal));
        Assert.DoesNotContain(-1, answer.Canonicals);
        return answer;
    }

    /// <summary>Where cluster <paramref name="k"/>'s proposed canonical is among its members.</summary>
    private static int Place(Clusters clusters, int k) =>
        Array.IndexOf(clusters.Members, clusters.Canonicals[k], clusters.Starts[k], clusters.Starts[k + 1] - clusters.Starts[k]) - clusters.Starts[k];

    private static string[] Ids(StoredSketch[] stored) => [.. stored.Select(s => s.Id)];

    private static ulong[] Content(StoredSketch[] stored) => [.. stored.Select(s => s.ContentHash)];

    /// <summary>Clusters as stage 7 takes them: proposed canonicals (document numbers), CSR starts, members in document order.</summary>
    private sealed record Clusters(int[] Canonicals, int[] Starts, int[] Members);
}

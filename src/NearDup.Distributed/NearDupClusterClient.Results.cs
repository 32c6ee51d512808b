using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>
    /// The cluster of document <paramref name="id"/> in the index's last batch clustering run (<see cref="ClusterAsync(bool, IProgress{ClusteringProgress}?, CancellationToken)"/>,
    /// <c>neardup remote cluster</c>), as that run returned it (before any output filter); null if that run did not
    /// cluster the document (it was added later, or never). The next run replaces the answer. Sent again while the
    /// cluster fails it, as a query is.
    /// </summary>
    /// <exception cref="InvalidOperationException">No batch clustering run of this index has finished.</exception>
    public Task<DocumentCluster?> ClusterOfAsync(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return RetriedAsync($"the cluster of '{id}'", () => ReadClusterOfAsync(id), CancellationToken.None);
    }

    private async Task<DocumentCluster?> ReadClusterOfAsync(string id)
    {
        long run = await _grains.GetGrain<IClusterRunGrain>(IndexName).Published();
        if (run == 0)
        {
            throw new InvalidOperationException($"Index '{IndexName}' has no clustering yet: run a batch clustering (neardup remote cluster) first.");
        }
        string? clusterId = await ResultPartition(PartitionMap.OfDocument(id, Partitions)).ClusterOf(run, id);
        if (clusterId is null)
        {
            return null;
        }
        var cluster = await ResultPartition(PartitionMap.OfDocument(clusterId, Partitions)).Cluster(run, clusterId)
            ?? throw new InvalidOperationException($"Index '{IndexName}': clustering run {run} lists document '{id}' in cluster '{clusterId}', which it does not hold.");
        return cluster.ToCluster();
    }

    /// <summary>
    /// Keeps <paramref name="clusters"/> as the index's last run: each result partition gets its documents' cluster ids and
    /// strong groups (of the run's <paramref name="docs"/> grouped as <paramref name="groups"/>), and the clusters and
    /// groups of several whose id falls in it; then the run is published with the <paramref name="boilerplate"/>
    /// fingerprints and <paramref name="commonFacts"/> that queries read from then on, so that a lookup reads one run or
    /// the other, never both.
    /// </summary>
    private async Task PublishAsync(IReadOnlyList<DocumentCluster> clusters, DocumentTable docs, GroupLayout groups, uint[] boilerplate,
        uint[] commonFacts)
    {
        var runs = _grains.GetGrain<IClusterRunGrain>(IndexName);
        var (run, published) = await runs.Begin();
        var documents = Enumerable.Range(0, Partitions).Select(_ => new List<(string Id, string Cluster)>()).ToArray();
        var held = Enumerable.Range(0, Partitions).Select(_ => new List<StoredCluster>()).ToArray();
        foreach (var cluster in clusters)
        {
            foreach (var member in cluster.Members)
            {
                documents[PartitionMap.OfDocument(member.Id, Partitions)].Add((member.Id, cluster.Id));
            }
            held[PartitionMap.OfDocument(cluster.Id, Partitions)].Add(StoredCluster.From(cluster));
        }
        var (groupOf, stored) = StoredGroups(docs, groups);
        var groupsAt = stored.ToLookup(g => PartitionMap.OfDocument(g.Key, Partitions));
        await Task.WhenAll(Enumerable.Range(0, Partitions).Select(p =>
        {
            var ids = documents[p].OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();
            var part = new ClusterRunPart(run, [.. ids.Select(d => d.Id)], [.. ids.Select(d => d.Cluster)],
                [.. held[p].OrderBy(c => c.Id, StringComparer.Ordinal)])
            {
                DocumentGroups = [.. ids.Select(d => groupOf.GetValueOrDefault(d.Id, ""))],
                Groups = [.. groupsAt[p].OrderBy(g => g.Key, StringComparer.Ordinal)],
            };
            return ResultPartition(p).Put(part, keepFrom: published);
        }));
        await runs.Publish(new RunFilters(run, boilerplate, commonFacts));
    }

    /// <summary>The run's groups of several as stored, and the key of each of their members' group.</summary>
    private static (Dictionary<string, string> GroupOf, List<StoredGroup> Groups) StoredGroups(DocumentTable docs, GroupLayout groups)
    {
        var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var stored = new List<StoredGroup>();
        for (int g = 0; g < groups.Count; g++)
        {
            if (groups.Size(g) < 2)
            {
                continue;
            }
            // Documents are numbered in ordinal order of id, so the members come in that order and the first is the key.
            var group = new StoredGroup([.. groups.MembersOf(g).ToArray().Select(docs.Id)], docs.FingerprintCount(groups.Rep[g]));
            stored.Add(group);
            foreach (string id in group.Members)
            {
                groupOf[id] = group.Key;
            }
        }
        return (groupOf, stored);
    }

    private IClusterResultGrain ResultPartition(int partition) => _grains.GetGrain<IClusterResultGrain>($"{IndexName}/Result/{partition}");
}

using NearDup.Clustering;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>Group members, or listed documents for the groups of one, per counting call to a document partition.</summary>
    private const int CountChunk = 8192;

    /// <summary>
    /// The fingerprints held by <see cref="NearDupOptions.CommonShingleDocuments"/> groups or more, counted where the
    /// fingerprints are stored (docs/scale-out.md, "Batch clustering"): each group of two or more goes, as its members'
    /// ids, to the document partition of its first member, which merges the members' fingerprints and sends each to the
    /// count range that owns it; the groups of one, most of them, go as a bit each in chunks named by their place in
    /// their partition's order, which reads them in order (<see cref="SingleRequests"/>); each range then returns the
    /// fingerprints enough groups sent. What comes back here is that set, not the documents' fingerprints. A group with
    /// a member changed or removed since the listing is counted from <paramref name="fromListing"/> (its distinct
    /// fingerprints as listed) instead.
    /// </summary>
    /// <param name="ids">The listed ids, by document number.</param>
    /// <param name="content">The listed content hashes, by document number.</param>
    /// <param name="starts">Group g's members are <paramref name="members"/>[starts[g]..starts[g + 1]].</param>
    /// <param name="members">Document numbers, group after group.</param>
    /// <param name="fromListing">Group g's distinct fingerprints, ascending, from the listing.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    internal async Task<uint[]> CountBoilerplateAsync(string[] ids, ulong[] content, int[] starts, int[] members, Func<int, uint[]> fromListing,
        CancellationToken cancellationToken)
    {
        string run = Guid.NewGuid().ToString("N");
        // The ranges drop their counts when they answer; a count failed before then drops them here.
        return await RunCleanup.DropIfFailedAsync(() => CountGroupsAsync(ids, content, starts, members, fromListing, run, cancellationToken),
            () => DropCountAsync(run));
    }

    /// <summary><see cref="CountBoilerplateAsync"/> as count run <paramref name="run"/>.</summary>
    private async Task<uint[]> CountGroupsAsync(string[] ids, ulong[] content, int[] starts, int[] members, Func<int, uint[]> fromListing, string run,
        CancellationToken cancellationToken)
    {
        var requests = CountRequests(ids, content, starts, members, run);
        var singles = SingleRequests(ids, content, starts, members, run, requests.Count);
        var groupCalls = Task.WhenAll(requests.Select(r => RetriedAsync($"boilerplate count at document partition {r.Partition}",
            () => DocumentPartition(r.Partition).CountGroups(r.Request), cancellationToken)));
        var singleCalls = Task.WhenAll(singles.Select(r => ByPlaceThenIdsAsync($"boilerplate count of groups of one at document partition {r.Partition}",
            sent => DocumentPartition(r.Partition).CountSingles(sent is null ? r.Request
                : r.Request with { Ids = sent, Content = [.. r.Documents.Select(i => content[i])] }),
            uncountedThere => uncountedThere is not null, () => [.. r.Documents.Select(i => ids[i])], cancellationToken)));
        // Both ends before the count goes on or fails, so that no call tallies after a failed count dropped its ranges.
        await Task.WhenAll((Task)groupCalls, singleCalls);
        cancellationToken.ThrowIfCancellationRequested();
        var (uncounted, uncountedSingles) = (await groupCalls, await singleCalls);
        var unions = new List<uint[]>();
        for (int k = 0; k < requests.Count; k++)
        {
            unions.AddRange(uncounted[k].Select(g => fromListing(requests[k].Groups[g])));
        }
        for (int k = 0; k < singles.Count; k++)
        {
            unions.AddRange(uncountedSingles[k]!.Select(j => fromListing(singles[k].Groups[j])));
        }
        await TallyFromListingAsync(unions, run, requests.Count + singles.Count);
        return await CommonAsync(run, Options.CommonShingleDocuments);
    }

    private IFingerprintCountGrain CountRange(string run, int range) => _grains.GetGrain<IFingerprintCountGrain>(PartitionMap.CountKey(IndexName, run, range));

    /// <summary>The values counted <paramref name="threshold"/> times or more in count run <paramref name="run"/>, ascending; the ranges then drop their counts.</summary>
    private async Task<uint[]> CommonAsync(string run, int threshold)
    {
        var common = await Task.WhenAll(Enumerable.Range(0, Partitions).Select(r => CountRange(run, r).Common(threshold)));
        return [.. common.SelectMany(c => c).Order()];
    }

    /// <summary>Drops count run <paramref name="run"/>'s counts at every range.</summary>
    private Task DropCountAsync(string run) => Task.WhenAll(Enumerable.Range(0, Partitions).Select(r => CountRange(run, r).Drop()));

    /// <summary>
    /// The counting calls of the groups of two or more: by the partition of their first member, in chunks of about
    /// <see cref="CountChunk"/> members (the groups of one go by place, <see cref="SingleRequests"/>).
    /// </summary>
    private List<(int Partition, int[] Groups, GroupCountRequest Request)> CountRequests(string[] ids, ulong[] content, int[] starts, int[] members, string run)
    {
        var requests = new List<(int, int[], GroupCountRequest)>();
        var owned = Enumerable.Range(0, starts.Length - 1).Where(g => starts[g + 1] - starts[g] > 1)
            .GroupBy(g => PartitionMap.OfDocument(ids[members[starts[g]]], Partitions));
        foreach (var byOwner in owned)
        {
            var chunk = new List<int>();
            int size = 0;
            foreach (int g in byOwner)
            {
                chunk.Add(g);
                size += starts[g + 1] - starts[g];
                if (size >= CountChunk)
                {
                    requests.Add(CountRequest(ids, content, starts, members, run, requests.Count, byOwner.Key, chunk));
                    chunk.Clear();
                    size = 0;
                }
            }
            if (chunk.Count > 0)
            {
                requests.Add(CountRequest(ids, content, starts, members, run, requests.Count, byOwner.Key, chunk));
            }
        }
        return requests;
    }

    /// <summary>
    /// The counting calls of the groups of one: each partition's listed documents in chunks of <see cref="CountChunk"/>
    /// by their place in its order (as the sizes go), a bit a document marking its groups of one; a chunk with none is
    /// not sent. Numbered from <paramref name="first"/>, after the groups' calls. With each, its groups of one's
    /// documents and groups, in order.
    /// </summary>
    private List<(int Partition, int[] Documents, int[] Groups, SingleCountRequest Request)> SingleRequests(string[] ids, ulong[] content, int[] starts,
        int[] members, string run, int first)
    {
        var singleGroup = new int[ids.Length];
        Array.Fill(singleGroup, -1);
        for (int g = 0; g + 1 < starts.Length; g++)
        {
            if (starts[g + 1] - starts[g] == 1)
            {
                singleGroup[members[starts[g]]] = g;
            }
        }
        var requests = new List<(int, int[], int[], SingleCountRequest)>();
        foreach (var owned in Enumerable.Range(0, ids.Length).GroupBy(i => PartitionMap.OfDocument(ids[i], Partitions)))
        {
            string? after = null;
            foreach (int[] chunk in owned.Chunk(CountChunk))
            {
                var marks = new byte[(chunk.Length + 7) / 8];
                var documents = new List<int>();
                for (int k = 0; k < chunk.Length; k++)
                {
                    if (singleGroup[chunk[k]] >= 0)
                    {
                        marks[k >> 3] |= (byte)(1 << (k & 7));
                        documents.Add(chunk[k]);
                    }
                }
                if (documents.Count > 0)
                {
                    var request = new SingleCountRequest(IndexName, Partitions, run, first + requests.Count, after, ids[chunk[^1]], chunk.Length,
                        ListingDigest.Of(chunk.Select(i => (ids[i], content[i]))), marks);
                    requests.Add((owned.Key, [.. documents], [.. documents.Select(i => singleGroup[i])], request));
                }
                after = ids[chunk[^1]];
            }
        }
        return requests;
    }

    private (int, int[], GroupCountRequest) CountRequest(string[] ids, ulong[] content, int[] starts, int[] members, string run, int number,
        int partition, List<int> chunk)
    {
        var (at, memberIds, memberContent) = ChunkMembers(ids, content, starts, members, chunk);
        return (partition, [.. chunk], new GroupCountRequest(IndexName, Partitions, run, number, at, memberIds, memberContent));
    }

    /// <summary>
    /// The members of the groups in <paramref name="chunk"/>, as listed: where each group's members start, their ids
    /// and their content hashes.
    /// </summary>
    private static (int[] At, string[] Ids, ulong[] Content) ChunkMembers(string[] ids, ulong[] content, int[] starts, int[] members, List<int> chunk)
    {
        var at = new int[chunk.Count + 1];
        var memberIds = new List<string>();
        var memberContent = new List<ulong>();
        for (int k = 0; k < chunk.Count; k++)
        {
            for (int m = starts[chunk[k]]; m < starts[chunk[k] + 1]; m++)
            {
                memberIds.Add(ids[members[m]]);
                memberContent.Add(content[members[m]]);
            }
            at[k + 1] = memberIds.Count;
        }
        return (at, [.. memberIds], [.. memberContent]);
    }

    /// <summary>Tallies the unions of the groups no partition could count, as one more request of the run (<paramref name="chunk"/>).</summary>
    private async Task TallyFromListingAsync(List<uint[]> unions, string run, int chunk)
    {
        if (unions.Count == 0)
        {
            return;
        }
        var tallies = new CountTallies(Partitions);
        foreach (uint fingerprint in unions.SelectMany(u => u))
        {
            tallies.Add(fingerprint);
        }
        await tallies.SendAsync(_grains, IndexName, run, chunk);
    }
}

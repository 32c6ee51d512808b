using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <summary>
    /// Per batch run, the groups this partition owns (their first member is stored here), as the run listed them: kept
    /// from its core calls and anchor postings until <see cref="DropRun"/>, so that the weak links' pairs need not pass
    /// through the coordinator with their members. In memory: a run whose partition lost them fails.
    /// </summary>
    private readonly Dictionary<string, Dictionary<int, (string[] Ids, ulong[] Content)>> _runGroups = new(StringComparer.Ordinal);

    /// <summary>Keeps group <paramref name="group"/> of run <paramref name="run"/>, its members and their listed content hashes.</summary>
    private void KeepGroup(string run, int group, string[] ids, ulong[] content)
    {
        if (!_runGroups.TryGetValue(run, out var groups))
        {
            _runGroups[run] = groups = [];
        }
        groups[group] = (ids, content);
    }

    /// <inheritdoc/>
    public Task<RunGroupMembers> RunGroups(string run, int[] groups)
    {
        var starts = new int[groups.Length + 1];
        var ids = new List<string>();
        var content = new List<ulong>();
        for (int k = 0; k < groups.Length; k++)
        {
            var (memberIds, memberContent) = KeptGroup(run, groups[k]);
            ids.AddRange(memberIds);
            content.AddRange(memberContent);
            starts[k + 1] = ids.Count;
        }
        return Task.FromResult(new RunGroupMembers(starts, [.. ids], [.. content]));
    }

    /// <inheritdoc/>
    public Task DropRun(string run)
    {
        _runGroups.Remove(run);
        _runCandidates.Remove(run);
        return Task.CompletedTask;
    }

    private (string[] Ids, ulong[] Content) KeptGroup(string run, int group) =>
        _runGroups.TryGetValue(run, out var groups) && groups.TryGetValue(group, out var members)
            ? members
            : throw new InvalidOperationException($"Batch run {run}: group {group} is not kept at {this.GetPrimaryKeyString()} (its silo left during the run?); run it again.");

    /// <inheritdoc/>
    public async Task<RunLinkAnswer> JudgeRunLinks(RunLinkRequest request)
    {
        var anchors = await GrainFactory.GetGrain<IAnchorPairGrain>(PartitionMap.AnchorPairKey(request.Index, request.Run, request.Partition))
            .Shared(request.MinShared);
        var (pairs, owners) = PartitionRunLinks.Union(anchors, request.Pairs, request.Owners);
        var members = await RunMembersAsync(request, pairs, owners);
        var judged = new List<(long[] Chunk, WeakLinkAnswer Answer)>();
        foreach (long[] chunk in pairs.Chunk(PartitionRunLinks.Chunk))
        {
            var weak = PartitionRunLinks.Request(request, chunk, members);
            judged.Add((chunk, PartitionWeakLinks.Compute(weak, await SketchesOfAsync(request.Index, request.Partitions, weak.Ids, SketchParts.Scoring))));
        }
        return PartitionRunLinks.Answer(judged, anchors.Pairs.Length);
    }

    /// <summary>The members of every group of <paramref name="pairs"/>: the smaller groups' kept here, the larger ones' here or read from their owners.</summary>
    private async Task<Dictionary<int, (string[] Ids, ulong[] Content)>> RunMembersAsync(RunLinkRequest request, long[] pairs, int[] owners)
    {
        var found = new Dictionary<int, (string[] Ids, ulong[] Content)>();
        var elsewhere = new SortedDictionary<int, SortedSet<int>>();
        for (int k = 0; k < pairs.Length; k++)
        {
            var (g, h) = PairKey.Unpack(pairs[k]);
            found.TryAdd(g, KeptGroup(request.Run, g));
            if (owners[k] == request.Partition || owners[k] < 0)
            {
                found.TryAdd(h, KeptGroup(request.Run, h));
            }
            else if (!found.ContainsKey(h))
            {
                (elsewhere.TryGetValue(owners[k], out var set) ? set : elsewhere[owners[k]] = []).Add(h);
            }
        }
        var read = await Task.WhenAll(elsewhere.Select(async e => (Groups: e.Value.ToArray(), Members: await GrainFactory
            .GetGrain<IDocumentPartitionGrain>(PartitionMap.GrainKey(request.Index, PartitionKind.Document, e.Key)).RunGroups(request.Run, [.. e.Value]))));
        foreach (var (groups, members) in read)
        {
            for (int k = 0; k < groups.Length; k++)
            {
                var range = members.Starts[k]..members.Starts[k + 1];
                found.TryAdd(groups[k], (members.Ids[range], members.Content[range]));
            }
        }
        return found;
    }
}

using System.Runtime.InteropServices;
using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <summary>Each batch run's state here (<see cref="PartitionRunState"/>), by run, until <see cref="DropRun"/>.</summary>
    private readonly Dictionary<string, PartitionRunState> _runs = new(StringComparer.Ordinal);

    /// <summary>Run <paramref name="run"/>'s state here, made empty when this is its first call here.</summary>
    private PartitionRunState RunState(string run)
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_runs, run, out _);
        return state ??= new PartitionRunState();
    }

    /// <summary>Keeps group <paramref name="group"/> of run <paramref name="run"/> (a call sent again replaces it with the same).</summary>
    private void KeepGroup(string run, int group, RunGroup kept) => RunState(run).KeepGroup(group, kept);

    /// <inheritdoc/>
    public Task<RunGroupMembers> RunGroups(string run, int[] groups)
    {
        var starts = new int[groups.Length + 1];
        var ids = new List<string>();
        var content = new List<ulong>();
        var representatives = new int[groups.Length];
        var cores = new RelativeCore?[groups.Length];
        for (int k = 0; k < groups.Length; k++)
        {
            var kept = KeptGroup(run, groups[k]);
            ids.AddRange(kept.Ids);
            content.AddRange(kept.Content);
            starts[k + 1] = ids.Count;
            (representatives[k], cores[k]) = (kept.Representative, kept.Core);
        }
        return Task.FromResult(new RunGroupMembers(starts, [.. ids], [.. content], representatives, cores));
    }

    /// <inheritdoc/>
    public Task DropRun(string run)
    {
        _runs.Remove(run);
        return Task.CompletedTask;
    }

    Task<int> IRunStateProbe.HeldRunState() => Task.FromResult(_runs.Count);

    /// <inheritdoc/>
    protected override bool HoldsUnstoredState => _runs.Count > 0;

    private RunGroup KeptGroup(string run, int group) =>
        _runs.TryGetValue(run, out var state) && state.TryGetGroup(group, out var kept)
            ? kept
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
            // Only the members the judge reads: the cores come kept, not computed again from every member.
            var weak = PartitionRunLinks.Request(request, chunk, members);
            judged.Add((chunk, PartitionWeakLinks.Compute(weak, await SketchesOfAsync(request.Index, request.Partitions, weak.Ids, SketchParts.Scoring))));
        }
        return PartitionRunLinks.Answer(judged, anchors.Pairs.Length);
    }

    /// <summary>Every group of <paramref name="pairs"/> as kept for the run: the smaller groups here, the larger ones here or read from their owners.</summary>
    private async Task<Dictionary<int, RunGroup>> RunMembersAsync(RunLinkRequest request, long[] pairs, int[] owners)
    {
        var found = new Dictionary<int, RunGroup>();
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
                found.TryAdd(groups[k], new RunGroup(members.Ids[range], members.Content[range], members.Representatives[k], members.Cores[k]));
            }
        }
        return found;
    }
}

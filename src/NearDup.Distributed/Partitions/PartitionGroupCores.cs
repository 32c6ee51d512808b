using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// The cores and representatives of a <see cref="GroupCoreRequest"/>'s groups, computed by the clustering's own stage
/// (<see cref="GroupStage.Cores"/>) over a table of just their members: documents are numbered by ordinal order of id
/// there as in the run's whole table, so every rule that compares two members (dates, sizes, then the smaller number)
/// decides as it does at the coordinator, and a group's core does not depend on any other group.
/// </summary>
internal static class PartitionGroupCores
{
    /// <summary>One worker on the default scheduler: a grain's turn must not queue work on its own scheduler and wait for it.</summary>
    private static readonly ParallelOptions s_sequential = new() { MaxDegreeOfParallelism = 1, TaskScheduler = TaskScheduler.Default };

    /// <summary>
    /// The request's answer, from <paramref name="sketches"/> (by id, with positions): a group with a member missing or
    /// not as listed gets -1. The anchors of the cores computed go to <paramref name="anchors"/>, when given, under
    /// the groups' numbers in <see cref="GroupCoreRequest.Anchors"/>.
    /// </summary>
    public static GroupCoreAnswer Compute(GroupCoreRequest request, IReadOnlyDictionary<string, StoredSketch> sketches, AnchorPostings? anchors = null)
    {
        int groups = request.Starts.Length - 1;
        var listed = Enumerable.Range(0, groups).Where(g => IsAsListed(request, sketches, g)).ToArray();
        var store = new SketchStore(bands: 0);
        foreach (int g in listed)
        {
            for (int m = request.Starts[g]; m < request.Starts[g + 1]; m++)
            {
                var s = sketches[request.Ids[m]];
                store.Add(s.Id, s.DateTicks, s.ContentHash, s.SimHash, s.ShingleCount, [], s.Fingerprints, s.Positions, s.Facts);
            }
        }
        var docs = new DocumentTable(store, [.. Enumerable.Range(0, store.Count)]);
        var layout = Layout(request, listed, docs);
        var representatives = Enumerable.Repeat(-1, groups).ToArray();
        var kept = Enumerable.Repeat(Array.Empty<byte>(), groups).ToArray();
        var added = Enumerable.Repeat(Array.Empty<byte>(), groups).ToArray();
        using (var computed = GroupStage.Cores(docs, layout, spillDirectory: null, s_sequential))
        {
            for (int k = 0; k < listed.Length; k++)
            {
                representatives[listed[k]] = layout.MembersOf(k).IndexOf(layout.Rep[k]);
                (kept[listed[k]], added[listed[k]]) = RelativeCore.Encode(docs.Fingerprints(layout.Rep[k]), computed[k]);
                anchors?.Add(request.Anchors!.Groups[listed[k]], computed[k]);
            }
        }
        return new GroupCoreAnswer(representatives, kept, added);
    }

    private static bool IsAsListed(GroupCoreRequest request, IReadOnlyDictionary<string, StoredSketch> sketches, int g)
    {
        for (int m = request.Starts[g]; m < request.Starts[g + 1]; m++)
        {
            if (!sketches.TryGetValue(request.Ids[m], out var member) || member.ContentHash != request.Content[m])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The listed groups over <paramref name="docs"/>' numbers, their members in the request's (ordinal) order.</summary>
    private static GroupLayout Layout(GroupCoreRequest request, int[] listed, DocumentTable docs)
    {
        var number = new Dictionary<string, int>(docs.Count, StringComparer.Ordinal);
        for (int i = 0; i < docs.Count; i++)
        {
            number[docs.Id(i)] = i;
        }
        var starts = new int[listed.Length + 1];
        var members = new int[docs.Count];
        var rep = new int[listed.Length];
        for (int k = 0; k < listed.Length; k++)
        {
            int at = starts[k];
            for (int m = request.Starts[listed[k]]; m < request.Starts[listed[k] + 1]; m++)
            {
                members[at++] = number[request.Ids[m]];
            }
            starts[k + 1] = at;
            rep[k] = members[starts[k]];
        }
        return new GroupLayout(GroupOf: [], rep, starts, members);
    }
}

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
    /// the groups' numbers in <see cref="GroupCoreRequest.Anchors"/>; each core computed goes to <paramref name="keep"/>,
    /// when given, with its group's place in the request, relative to its representative's fingerprints.
    /// </summary>
    public static GroupCoreAnswer Compute(GroupCoreRequest request, IReadOnlyDictionary<string, StoredSketch> sketches, AnchorPostings? anchors = null,
        Action<int, RelativeCore>? keep = null)
    {
        int groups = request.Starts.Length - 1;
        var listed = Listed(request.Starts, request.Ids, request.Content, sketches);
        var (docs, layout) = TableOf(request.Starts, request.Ids, sketches, listed);
        var representatives = Enumerable.Repeat(-1, groups).ToArray();
        using (var computed = GroupStage.Cores(docs, layout, spillDirectory: null, s_sequential))
        {
            for (int k = 0; k < listed.Length; k++)
            {
                representatives[listed[k]] = layout.MembersOf(k).IndexOf(layout.Rep[k]);
                anchors?.Add(request.Anchors!.Groups[listed[k]], computed[k]);
                keep?.Invoke(listed[k], RelativeCore.Of(docs.Fingerprints(layout.Rep[k]), computed[k]));
            }
        }
        return new GroupCoreAnswer(representatives);
    }

    /// <summary>The groups of <paramref name="starts"/> whose members are all in <paramref name="sketches"/> as listed (same content hash).</summary>
    public static int[] Listed(int[] starts, string[] ids, ulong[] content, IReadOnlyDictionary<string, StoredSketch> sketches) =>
        [.. Enumerable.Range(0, starts.Length - 1).Where(g => IsAsListed(starts, ids, content, sketches, g))];

    /// <summary>
    /// A table of the <paramref name="listed"/> groups' members, numbered by ordinal order of id, and their layout over it
    /// (group k is listed[k], its members in the given (ordinal) order, its representative its first member until a stage sets it).
    /// </summary>
    public static (DocumentTable Docs, GroupLayout Layout) TableOf(int[] starts, string[] ids, IReadOnlyDictionary<string, StoredSketch> sketches,
        int[] listed)
    {
        var store = new SketchStore(bands: 0);
        foreach (int g in listed)
        {
            for (int m = starts[g]; m < starts[g + 1]; m++)
            {
                var s = sketches[ids[m]];
                store.Add(s.Id, s.DateTicks, s.ContentHash, s.SimHash, s.ShingleCount, [], s.Fingerprints, s.Positions, s.Facts);
            }
        }
        var docs = new DocumentTable(store, [.. Enumerable.Range(0, store.Count)]);
        return (docs, Layout(starts, ids, listed, docs));
    }

    private static bool IsAsListed(int[] starts, string[] ids, ulong[] content, IReadOnlyDictionary<string, StoredSketch> sketches, int g)
    {
        for (int m = starts[g]; m < starts[g + 1]; m++)
        {
            if (!sketches.TryGetValue(ids[m], out var member) || member.ContentHash != content[m])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The listed groups over <paramref name="docs"/>' numbers, their members in the request's (ordinal) order.</summary>
    private static GroupLayout Layout(int[] groupStarts, string[] ids, int[] listed, DocumentTable docs)
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
            for (int m = groupStarts[listed[k]]; m < groupStarts[listed[k] + 1]; m++)
            {
                members[at++] = number[ids[m]];
            }
            starts[k + 1] = at;
            rep[k] = members[starts[k]];
        }
        return new GroupLayout(GroupOf: [], rep, starts, members);
    }
}

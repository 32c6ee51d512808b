using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// The weak links of a <see cref="WeakLinkRequest"/>'s pairs, verified and judged by the clustering's own stage code
/// (<see cref="WeakLinkStage.VerifyAndJudge"/>) over a table of just the groups' members: their cores and
/// representatives come from <see cref="GroupStage.Cores"/> as in the core calls (a group's core depends on its members
/// only), their sizes without boilerplate from <see cref="BoilerplateStage.Sizes"/>, and the judge reads the same
/// sides it reads at the coordinator, so every score, verdict and lead is the single machine's.
/// </summary>
internal static class PartitionWeakLinks
{
    /// <summary>The request's answer, from <paramref name="sketches"/> (by id, with positions and facts).</summary>
    public static WeakLinkAnswer Compute(WeakLinkRequest request, IReadOnlyDictionary<string, StoredSketch> sketches)
    {
        var (options, listed, docs, layout, filter, sizes, judge) = PartitionJudgeTable.Of(request.Options, request.Starts, request.Ids, request.Content,
            request.Boilerplate, request.CommonFacts, sketches);
        var place = new int[request.Starts.Length - 1];
        Array.Fill(place, -1);
        for (int k = 0; k < listed.Length; k++)
        {
            place[listed[k]] = k;
        }
        var (pairs, asked, unlisted) = LocalPairs(request.Pairs, place);
        var (leftovers, _, _) = LocalPairs(request.Leftovers, place);
        using var cores = GroupStage.Cores(docs, layout, spillDirectory: null, PartitionJudgeTable.Sequential);
        var boilerplate = BoilerplateStage.Find(options, layout, cores, filter, sizes, PartitionJudgeTable.Sequential);
        var judged = WeakLinkStage.VerifyAndJudge(options, layout, cores, boilerplate, pairs, leftovers, judge, PartitionJudgeTable.Sequential);
        WeakLinkStage.FillLeads(judged, layout, judge);
        var links = judged.Links;
        var at = new int[links.Count];
        for (int k = 0; k < at.Length; k++)
        {
            at[k] = asked[Array.BinarySearch(pairs, links.Keys[k])];
        }
        return new WeakLinkAnswer(at, [.. links.Scores.Select(s => s.Shared)], [.. links.Scores.Select(s => s.SizeA)],
            [.. links.Scores.Select(s => s.SizeB)], judged.Same, judged.Leads, unlisted);
    }

    /// <summary>
    /// The request's pairs whose groups are both listed, over the listed groups' places (ascending, as the groups keep
    /// their order), with each one's place in the request; and the places of the others.
    /// </summary>
    private static (long[] Pairs, int[] Asked, int[] Unlisted) LocalPairs(long[] requested, int[] place)
    {
        var pairs = new List<long>(requested.Length);
        var asked = new List<int>(requested.Length);
        var unlisted = new List<int>();
        for (int k = 0; k < requested.Length; k++)
        {
            var (g, h) = PairKey.Unpack(requested[k]);
            if (place[g] < 0 || place[h] < 0)
            {
                unlisted.Add(k);
                continue;
            }
            pairs.Add(PairKey.Pack(place[g], place[h]));
            asked.Add(k);
        }
        return ([.. pairs], [.. asked], [.. unlisted]);
    }
}

using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// The weak links of a <see cref="WeakLinkRequest"/>'s pairs, verified and judged by the clustering's own stage code
/// (<see cref="WeakLinkStage.VerifyAndJudge"/>) over a table of just the members the judge reads: the groups' cores and
/// representatives are the ones <see cref="GroupStage.Cores"/> computed in the core calls, kept for the run (a group's
/// core depends on its members only), the sizes without boilerplate come from <see cref="BoilerplateStage.Sizes"/> and
/// the core sizes from the stage's own <c>BoilerplateStage.Find</c>, and the judge reads the same sides it reads at the
/// coordinator, so every score, verdict and lead is the single machine's.
/// </summary>
internal static class PartitionWeakLinks
{
    /// <summary>The request's answer, from <paramref name="sketches"/> (by id, with positions and facts).</summary>
    public static WeakLinkAnswer Compute(WeakLinkRequest request, IReadOnlyDictionary<string, StoredSketch> sketches)
    {
        var (options, listed, docs, judged, filter, sizes, judge) = PartitionJudgeTable.Of(request.Options, request.Starts, request.Ids, request.Content,
            request.Boilerplate, request.CommonFacts, sketches);
        var place = new int[request.Starts.Length - 1];
        Array.Fill(place, -1);
        for (int k = 0; k < listed.Length; k++)
        {
            place[listed[k]] = k;
        }
        var (pairs, asked, unlisted) = LocalPairs(request.Pairs, place);
        var (leftovers, _, _) = LocalPairs(request.Leftovers, place);
        var layout = Sized(judged, listed, request);
        using var cores = GroupCores.Of(docs, layout.Rep, k => request.Cores[listed[k]]?.Decode(docs.Fingerprints(layout.Rep[k])));
        var boilerplate = BoilerplateStage.Find(options, layout, cores, filter, sizes, PartitionJudgeTable.Sequential);
        var links = WeakLinkStage.VerifyAndJudge(options, layout, cores, boilerplate, pairs, leftovers, judge, PartitionJudgeTable.Sequential);
        WeakLinkStage.FillLeads(links, layout, judge);
        var at = new int[links.Links.Count];
        for (int k = 0; k < at.Length; k++)
        {
            at[k] = asked[Array.BinarySearch(pairs, links.Links.Keys[k])];
        }
        return new WeakLinkAnswer(at, [.. links.Links.Scores.Select(s => s.Shared)], [.. links.Links.Scores.Select(s => s.SizeA)],
            [.. links.Links.Scores.Select(s => s.SizeB)], links.Same, links.Leads, unlisted);
    }

    /// <summary>
    /// The listed groups over their judged members (<paramref name="judged"/>) with their kept representatives and their
    /// whole sizes, which the stage reads: a group of one's core is its member's fingerprints, and a group larger than
    /// <see cref="StoryJudge.MaxJudgedMembers"/> is judged on its representative, whose number stands for each of its
    /// members here (their sketches are not read).
    /// </summary>
    private static GroupLayout Sized(GroupLayout judged, int[] listed, WeakLinkRequest request)
    {
        var starts = new int[listed.Length + 1];
        var rep = new int[listed.Length];
        var members = new List<int>(judged.Members.Length);
        for (int k = 0; k < listed.Length; k++)
        {
            var own = judged.MembersOf(k);
            int g = listed[k];
            rep[k] = own[request.Representatives[g]];
            if (request.Sizes[g] == own.Length)
            {
                members.AddRange(own);
            }
            else
            {
                members.AddRange(Enumerable.Repeat(rep[k], request.Sizes[g]));
            }
            starts[k + 1] = members.Count;
        }
        return new GroupLayout(GroupOf: [], rep, starts, [.. members]);
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

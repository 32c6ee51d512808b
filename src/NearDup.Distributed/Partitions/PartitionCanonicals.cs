using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// The canonicals and roles of a <see cref="CanonicalRequest"/>'s clusters, by the clustering's own stage code
/// (<see cref="CanonicalStage.Cluster"/>) over a table of just their members: numbered by ordinal order of id as the
/// run's whole table is, with their sizes without boilerplate (<see cref="BoilerplateStage.Sizes"/>) and a judge over the
/// same sides it reads at the coordinator, so every canonical, role and score is the single machine's.
/// </summary>
internal static class PartitionCanonicals
{
    /// <summary>The request's answer, from <paramref name="sketches"/> (by id, with positions and facts).</summary>
    public static CanonicalAnswer Compute(CanonicalRequest request, IReadOnlyDictionary<string, StoredSketch> sketches)
    {
        var (options, listed, docs, layout, filter, sizes, judge) = PartitionJudgeTable.Of(request.Options, request.Starts, request.Ids, request.Content,
            request.Boilerplate, request.CommonFacts, sketches);
        var boilerplate = new Boilerplate(filter, new Verifier(options, filter), sizes, CoreSizes: []);
        var answer = new CanonicalAnswer(Enumerable.Repeat(-1, request.Starts.Length - 1).ToArray(), new byte[request.Ids.Length],
            new double[request.Ids.Length], new double[request.Ids.Length]);
        for (int k = 0; k < listed.Length; k++)
        {
            int cluster = listed[k];
            var members = layout.MembersOf(k);
            var (canonical, judged, judgedDocs) = CanonicalStage.Cluster(docs, options, members[request.Canonicals[cluster]], members, boilerplate, judge);
            answer.Canonicals[cluster] = members.IndexOf(canonical);
            for (int w = 0; w < judged.Length; w++)
            {
                int at = request.Starts[cluster] + members.IndexOf(judgedDocs[w]);
                (answer.Roles[at], answer.Jaccard[at], answer.Containment[at]) = ((byte)judged[w].Role, judged[w].Jaccard, judged[w].Containment);
            }
        }
        return answer;
    }
}

using System.Globalization;
using NearDup.Text;

namespace NearDup.Clustering;

/// <summary>
/// Clusters, canonicals and roles: each center's members form a cluster whose canonical is the center group's
/// representative (<see cref="GroupRepresentatives"/>: the original the other members contain); every member is
/// scored against it without boilerplate and given a role.
/// </summary>
internal static class CanonicalStage
{
    /// <summary>Digits of a cluster id at the least (c000001), so that ids sort as text in small and medium runs.</summary>
    private const int MinIdDigits = 6;

    /// <summary>Smallest size ratio of a rewrite pair whose shorter text may be the original (a paraphrase keeps the content).</summary>
    private const double ComparableSize = 0.75;

    /// <summary>
    /// Facts of its own (names and figures the other lacks) by which the text with more fingerprints of a rewrite pair
    /// must outnumber the other's for it to stay the original: a rewrite that shortens a story (another outlet's,
    /// a newspaper's) drops some of its facts and adds few, where a paraphrase that pads it keeps them all.
    /// </summary>
    private const int DroppedFacts = 3;

    /// <summary>The id of the cluster at <paramref name="index"/> (from 0) of <paramref name="count"/>: <c>c</c> and its number from 1.</summary>
    public static string ClusterId(int index, int count)
    {
        int width = Math.Max(MinIdDigits, count.ToString(CultureInfo.InvariantCulture).Length);
        return "c" + (index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
    }

    public static ClusterList Build(DocumentTable docs, NearDupOptions options, GroupLayout groups, int[] centerOf, Boilerplate boilerplate,
        StoryJudge judge, ParallelOptions parallel) =>
        Build(docs, options, groups, centerOf, boilerplate, judge, parallel, SpillOrder.DefaultBlockBytes(), StageWorkers.Count(options));

    /// <summary>
    /// <see cref="Build(DocumentTable, NearDupOptions, GroupLayout, int[], Boilerplate, StoryJudge, ParallelOptions)"/>
    /// with the spill order's block of <paramref name="blockBytes"/> and its sweep's <paramref name="workers"/> given.
    /// </summary>
    internal static ClusterList Build(DocumentTable docs, NearDupOptions options, GroupLayout groups, int[] centerOf, Boilerplate boilerplate,
        StoryJudge judge, ParallelOptions parallel, long blockBytes, int workers)
    {
        // Each center's cluster on its own slot (members are scored and judged independently), then in center order.
        var (starts, members) = MembersByCenter(docs.Count, groups, centerOf);
        var slots = new (int Canonical, ClusterMember[] Members, int[] Docs)?[groups.Count];
        void ClusterOf(int center) =>
            slots[center] = Cluster(docs, options, groups.Rep[center], Own(starts, members, center), boilerplate, judge);
        if (SpillOrder.Applies(docs, blockBytes))
        {
            ClusterInSpillOrder(docs, starts, members, blockBytes, workers, parallel.CancellationToken, ClusterOf);
        }
        else
        {
            // In memory, or a spill file the page cache holds: any order reads it once. What the clusters read is
            // released as they go, so that the pages leave the process's resident set and the kernel drops them cheaply.
            var trim = new SpillTrim(docs.Store.Spill);
            Parallel.For(0, groups.Count, parallel, center =>
            {
                if (starts[center + 1] > starts[center])
                {
                    ClusterOf(center);
                    trim.Asked(ReadBytes(docs, Own(starts, members, center)));
                }
            });
            trim.Release();
        }
        return Number(docs.Count, docs.Id, [.. slots.Where(s => s is not null).Select(s => s!.Value)]);
    }

    /// <summary>
    /// Runs <paramref name="clusterOf"/> for every center, those of two members or more (the clusters that read their
    /// members) in <see cref="SpillOrder"/> of their members' first and last place in the file, by
    /// <see cref="SpillSweep"/>'s fixed set of workers with each chunk's members asked for ahead (fingerprints,
    /// positions and facts: what the measure and the judge read). A spill file larger than the page cache is then
    /// read in sweeps; in center order each member would be a fault at random, reading megabytes around a few kilobytes.
    /// </summary>
    private static void ClusterInSpillOrder(DocumentTable docs, int[] starts, int[] members, long blockBytes, int workers,
        CancellationToken cancellationToken, Action<int> clusterOf)
    {
        int centers = starts.Length - 1;
        var reading = Enumerable.Range(0, centers).Where(c => starts[c + 1] - starts[c] > 1).ToArray();
        var spans = Array.ConvertAll(reading, c => SpillOrder.SpanOf(docs, Own(starts, members, c)));
        SpillSweep.Run(docs.Store.Spill, SpillOrder.Of(docs, spans, blockBytes), workers, cancellationToken,
            (k, ahead) =>
            {
                foreach (int m in Own(starts, members, reading[k]))
                {
                    SpillSweep.AskFor(docs, m, positions: true, ahead);
                }
            },
            k => clusterOf(reading[k]));
        for (int c = 0; c < centers; c++)
        {
            if (starts[c + 1] - starts[c] == 1)
            {
                clusterOf(c);
            }
        }
    }

    private static ReadOnlySpan<int> Own(int[] starts, int[] members, int center) =>
        members.AsSpan(starts[center], starts[center + 1] - starts[center]);

    /// <summary>
    /// <see cref="Build(DocumentTable, NearDupOptions, GroupLayout, int[], Boilerplate, StoryJudge, ParallelOptions)"/> with each
    /// cluster's members scored and judged elsewhere: <paramref name="judgeClusters"/> is
    /// given the clusters (their proposed canonicals, and members in document order as CSR starts and members, as
    /// <see cref="Cluster"/> takes them) and returns what <see cref="Cluster"/> returns for each, in the same order.
    /// The partitioned index runs it where the members' sketches are stored, so this reads no sketch.
    /// </summary>
    public static ClusterList Build(int count, Func<int, string> idOf, GroupLayout groups, int[] centerOf,
        Func<int[], int[], int[], (int Canonical, ClusterMember[] Members, int[] Docs)[]> judgeClusters)
    {
        var (starts, members) = MembersByCenter(count, groups, centerOf);
        var centers = Enumerable.Range(0, groups.Count).Where(c => starts[c + 1] > starts[c]).ToArray();
        var compactStarts = new int[centers.Length + 1];
        for (int k = 0; k < centers.Length; k++)
        {
            compactStarts[k + 1] = compactStarts[k] + starts[centers[k] + 1] - starts[centers[k]];
        }
        var canonicals = Array.ConvertAll(centers, c => groups.Rep[c]);
        return Number(count, idOf, [.. judgeClusters(canonicals, compactStarts, members)]);
    }

    /// <summary>The clusters largest first (ties by canonical id), numbered, and the cluster of each document.</summary>
    private static ClusterList Number(int count, Func<int, string> idOf, List<(int Canonical, ClusterMember[] Members, int[] Docs)> built)
    {
        // Keys taken out once and sorted as an array: a comparison reaching each id through the store walks its pages.
        var keys = new ClusterOrderKey[built.Count];
        var order = new int[built.Count];
        for (int k = 0; k < keys.Length; k++)
        {
            keys[k] = new ClusterOrderKey(built[k].Members.Length, idOf(built[k].Canonical));
            order[k] = k;
        }
        Array.Sort(keys, order);
        var clusters = new List<DocumentCluster>(built.Count);
        var clusterOf = new int[count];
        var clusterIds = new string[built.Count];
        for (int c = 0; c < built.Count; c++)
        {
            clusterIds[c] = ClusterId(c, built.Count);
            foreach (int d in built[order[c]].Docs)
            {
                clusterOf[d] = c;
            }
            clusters.Add(new DocumentCluster(clusterIds[c], keys[c].Canonical, built[order[c]].Members));
        }
        return new ClusterList(clusters, clusterOf, clusterIds);
    }

    /// <summary>Members of each center in document order, contiguous (CSR, as <see cref="GroupLayout"/>).</summary>
    private static (int[] Starts, int[] Members) MembersByCenter(int n, GroupLayout groups, int[] centerOf)
    {
        var starts = new int[groups.Count + 1];
        for (int i = 0; i < n; i++)
        {
            starts[centerOf[groups.GroupOf[i]] + 1]++;
        }
        for (int g = 0; g < groups.Count; g++)
        {
            starts[g + 1] += starts[g];
        }
        var members = new int[n];
        var cursor = (int[])starts.Clone();
        for (int i = 0; i < n; i++)
        {
            members[cursor[centerOf[groups.GroupOf[i]]]++] = i;
        }
        return (starts, members);
    }

    /// <summary>The fingerprints <see cref="Cluster"/> reads of <paramref name="members"/>: none for a cluster of one, which it does not measure.</summary>
    private static long ReadBytes(DocumentTable docs, ReadOnlySpan<int> members)
    {
        long bytes = 0;
        foreach (int m in members.Length > 1 ? members : [])
        {
            bytes += (long)docs.FingerprintCount(m) * sizeof(uint);
        }
        return bytes;
    }

    /// <summary>One cluster: the canonical first, then the other members in document order, each with its role and scores.</summary>
    internal static (int Canonical, ClusterMember[] Members, int[] Docs) Cluster(DocumentTable docs, NearDupOptions options, int canonical,
        ReadOnlySpan<int> members, Boilerplate boilerplate, StoryJudge judge)
    {
        var (verifier, sizes) = (boilerplate.Verifier, boilerplate.Sizes);
        if (members.Length == 2)
        {
            canonical = OriginalOfRewritePair(docs, options, canonical, members[0] == canonical ? members[1] : members[0], boilerplate, judge);
        }
        var result = new ClusterMember[members.Length];
        var docIndexes = new int[members.Length];
        int w = 1;
        foreach (int m in members)
        {
            if (m == canonical)
            {
                result[0] = new ClusterMember(docs.Id(m), CopyRole.Canonical, 1, 1);
                docIndexes[0] = m;
                continue;
            }
            var score = verifier.Measure(docs.Fingerprints(canonical), sizes[canonical], docs.Fingerprints(m), sizes[m]);
            var role = Classify(docs, canonical, m, score, verifier, options, judge);
            result[w] = new ClusterMember(docs.Id(m), role, ScoreRounding.Round(score.Jaccard), ScoreRounding.Round(score.Containment));
            docIndexes[w++] = m;
        }
        return (canonical, result, docIndexes);
    }

    /// <summary>
    /// Of a story and its rewrite, the text with less material outside what the two share: a paraphrase wedges in
    /// clauses and filler around the story it rewrites, so the center, chosen for the most distinct shingles, is
    /// often the rewrite. The shared part is the same for both, so the fewer fingerprints are the less outside it.
    /// Only a rewrite either way round is swapped (an excerpt is shorter than its source, and stays its copy), only
    /// between texts of comparable size (one that lacks a quarter of the other is a cut-down copy, whose source is
    /// the longer), not where the longer reports <see cref="DroppedFacts"/> more facts of its own than the other (the
    /// shorter is a rewrite that left them out), nor where what they share is verbatim passages (another outlet's
    /// rewrite keeping the story's quotes, shorter than the story; a rewrite by the facts they report,
    /// <see cref="StoryRules.ReportsSameFacts"/>, not by its words), and a date, where the two differ, still decides.
    /// </summary>
    private static int OriginalOfRewritePair(DocumentTable docs, NearDupOptions options, int center, int other, Boilerplate boilerplate, StoryJudge judge)
    {
        int fewer = docs.FingerprintCount(other), more = docs.FingerprintCount(center);
        if (docs.DateTicks(center) != docs.DateTicks(other) || fewer >= more || fewer < ComparableSize * more)
        {
            return center;
        }
        var (verifier, sizes) = (boilerplate.Verifier, boilerplate.Sizes);
        var forward = verifier.Measure(docs.Fingerprints(center), sizes[center], docs.Fingerprints(other), sizes[other]);
        var role = Classify(docs, center, other, forward, verifier, options, judge);
        if (!IsRewordedOrNoisy(role, forward, verifier, options) || (role is CopyRole.Rewritten && DroppedFactsOf(docs, center, other)))
        {
            return center;
        }
        var backward = verifier.Measure(docs.Fingerprints(other), sizes[other], docs.Fingerprints(center), sizes[center]);
        return IsRewordedOrNoisy(Classify(docs, other, center, backward, verifier, options, judge), backward, verifier, options)
            && judge.IsQuotedPassages(center, other) is not true && judge.IsQuotedPassages(other, center) is not true ? other : center;
    }

    /// <summary>
    /// Whether <paramref name="longer"/> reports <see cref="DroppedFacts"/> more facts of its own than
    /// <paramref name="shorter"/> does: the shorter rewrite left them out. Not asked of a reprint with misreads, whose
    /// misread words make facts of their own. The facts many stories report count (<see cref="CommonFacts"/>): a
    /// spin that drops a sentence naming Jacques Chirac drops a fact of the story, however many other stories name him;
    /// so a longer rewrite under a site's header and footer that a plain original lacks counts their names as its own.
    /// Texts of more than <see cref="FactHashes.MaxCount"/> facts are compared on samples, where each fact counted
    /// stands for several.
    /// </summary>
    private static bool DroppedFactsOf(DocumentTable docs, int longer, int shorter)
    {
        var (onlyLonger, onlyShorter) = FactHashes.FactsApart(docs.Facts(longer), docs.Facts(shorter));
        return onlyLonger >= onlyShorter + DroppedFacts;
    }

    /// <summary>
    /// A rewrite, or a copy syndicated only for its words misread here and there (<see cref="PairEvidence.BridgedA"/>,
    /// not by its counts): the misreads add shingles of their own as a paraphrase's clauses do, so the source is the
    /// text with fewer. A copy syndicated by its counts keeps the center the group order chose, unless it left part of
    /// the center out or wrote it anew (rewritten: a correction, an update).
    /// </summary>
    private static bool IsRewordedOrNoisy(CopyRole role, Verifier.Score score, Verifier verifier, NearDupOptions options) =>
        role is CopyRole.Rewritten || (role is CopyRole.Syndicated && !StoryJudge.IsSyndicatedByScore(score, verifier, options));

    /// <summary>A member's role against its canonical (<see cref="StoryJudge.RoleOf"/>).</summary>
    private static CopyRole Classify(DocumentTable docs, int canonical, int member, Verifier.Score score, Verifier verifier, NearDupOptions options,
        StoryJudge judge) =>
        judge.RoleOf(judge.Side(canonical), judge.Side(member), docs.ShingleCount(member) > 0 && docs.ContentHash(member) == docs.ContentHash(canonical),
            score, verifier, options);
}

using NearDup.Clustering;
using NearDup.Distributed.Partitions;
using ClusterMember = NearDup.Clustering.ClusterMember;

namespace NearDup.Distributed;

/// <summary>
/// The parts of a batch run's stage 4 that run at the document partitions, for <see cref="ClusterBuilder"/>: the
/// groups' cores and representatives, the boilerplate count and the sizes without boilerplate, and stage 5's common
/// facts, anchor candidates and weak links' verification and judging, and stage 7's judging of members, over the listed documents. The builder is synchronous; these
/// wait for the partitions (a client has no synchronization context to block).
/// </summary>
internal sealed class PartitionedStages : IPartitionedStages
{
    private readonly NearDupClusterClient _client;
    private readonly DocumentTable _docs;
    private readonly CancellationToken _cancellationToken;
    private readonly string[] _ids;
    private readonly ulong[] _content;

    /// <summary>The run's anchor pairing, which the core calls post to and <see cref="AnchorCandidates"/> pairs.</summary>
    private readonly string _anchorRun = Guid.NewGuid().ToString("N");

    /// <summary>Groups of several whose cores came from the listing, so no partition posted their anchors.</summary>
    private readonly List<int> _unposted = [];

    public PartitionedStages(NearDupClusterClient client, DocumentTable docs, CancellationToken cancellationToken)
    {
        (_client, _docs, _cancellationToken) = (client, docs, cancellationToken);
        _ids = new string[docs.Count];
        _content = new ulong[docs.Count];
        for (int i = 0; i < _ids.Length; i++)
        {
            _ids[i] = docs.Id(i);
            _content[i] = docs.ContentHash(i);
        }
    }

    /// <inheritdoc/>
    public GroupCores Cores(GroupLayout groups, string? spillDirectory)
    {
        var (representatives, cores) = _client.CoreGroupsAsync(_ids, _content, groups.Starts, groups.Members, i => _docs.Fingerprints(i).ToArray(),
            some => { _unposted.AddRange(some); return FromListing(groups, some); },
            _cancellationToken, _anchorRun).GetAwaiter().GetResult();
        representatives.CopyTo(groups.Rep, 0);
        return GroupCores.Of(_docs, groups.Rep, spillDirectory, g => cores[g]);
    }

    /// <summary>
    /// The representatives and cores of <paramref name="some"/> groups from the listed sketches, by the stage itself
    /// over a layout of just those groups (a group's core and representative depend on its members only).
    /// </summary>
    private (int[] Representatives, uint[][] Cores) FromListing(GroupLayout groups, int[] some)
    {
        var starts = new int[some.Length + 1];
        var members = new List<int>();
        for (int k = 0; k < some.Length; k++)
        {
            members.AddRange(groups.MembersOf(some[k]));
            starts[k + 1] = members.Count;
        }
        var layout = new GroupLayout(GroupOf: [], [.. some.Select(g => groups.Members[groups.Starts[g]])], starts, [.. members]);
        using var cores = GroupStage.Cores(_docs, layout, spillDirectory: null, new ParallelOptions { CancellationToken = _cancellationToken });
        return (layout.Rep, [.. Enumerable.Range(0, some.Length).Select(k => cores[k].ToArray())]);
    }

    /// <inheritdoc/>
    public CommonFacts FindCommonFacts(GroupLayout groups, int threshold)
    {
        var isRepresentative = new bool[_docs.Count];
        foreach (int rep in groups.Rep)
        {
            isRepresentative[rep] = true;
        }
        return CommonFacts.Of(_client.CountCommonFactsAsync(_ids, _content, isRepresentative, threshold, WordsOf, _cancellationToken)
            .GetAwaiter().GetResult());
    }

    /// <summary>Document <paramref name="i"/>'s facts as listed, figure bit clear, as <see cref="CommonFacts.Find"/> counts them.</summary>
    private uint[] WordsOf(int i)
    {
        var words = _docs.Facts(i).ToArray();
        for (int k = 0; k < words.Length; k++)
        {
            words[k] &= ~1u;
        }
        return words;
    }

    /// <inheritdoc/>
    public long[] AnchorCandidates(GroupLayout groups, GroupCores cores, BoilerplateFilter common)
    {
        var single = new int[_docs.Count];
        for (int i = 0; i < single.Length; i++)
        {
            int g = groups.GroupOf[i];
            single[i] = groups.Starts[g + 1] - groups.Starts[g] == 1 ? g : -1;
        }
        return _client.AnchorCandidatesAsync(_ids, _content, single, _anchorRun, _unposted, g => cores[g].ToArray(), common.ToSortedArray(),
            _cancellationToken).GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public JudgedLinks JudgeLinks(GroupLayout groups, GroupCores cores, Boilerplate boilerplate, CommonFacts commonFacts, StoryJudge judge, long[] pairs)
    {
        var (links, unlisted) = _client.JudgeLinksAsync(_ids, _content, groups.Starts, groups.Members, pairs, boilerplate.Filter.ToSortedArray(),
            commonFacts.Words.ToArray(), _cancellationToken).GetAwaiter().GetResult();
        if (unlisted.Count > 0)
        {
            // Pairs with a member changed since the listing: judged here, by the same code over the listing.
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _client.Options.MaxDegreeOfParallelism, CancellationToken = _cancellationToken };
            var listed = WeakLinkStage.VerifyAndJudge(_client.Options, groups, cores, boilerplate, [.. unlisted.Order()], judge, parallel);
            WeakLinkStage.FillLeads(listed, groups, judge);
            for (int k = 0; k < listed.Links.Count; k++)
            {
                var score = listed.Links.Scores[k];
                links.Add((listed.Links.Keys[k], score.Shared, score.SizeA, score.SizeB, listed.Same[k], listed.Leads[k]));
            }
        }
        links.Sort((x, y) => x.Key.CompareTo(y.Key));
        return new JudgedLinks(WeakEdges.OfSorted([.. links.Select(l => l.Key)], [.. links.Select(l => new Verifier.Score(l.Shared, l.SizeA, l.SizeB))]), [.. links.Select(l => l.Same)],
            [.. links.Select(l => l.Lead)]);
    }

    /// <inheritdoc/>
    public ClusterList Canonicals(GroupLayout groups, int[] centerOf, Boilerplate boilerplate, CommonFacts commonFacts, StoryJudge judge) =>
        CanonicalStage.Build(_docs.Count, i => _ids[i], groups, centerOf, (canonicals, starts, members) =>
        {
            var judged = _client.JudgeClustersAsync(_ids, _content, canonicals, starts, members, boilerplate.Filter.ToSortedArray(),
                commonFacts.Words.ToArray(), _cancellationToken).GetAwaiter().GetResult();
            return [.. Enumerable.Range(0, canonicals.Length).Select(k => ClusterOf(judged, k, canonicals[k], starts[k], members[starts[k]..starts[k + 1]],
                boilerplate, judge))];
        });

    /// <summary>
    /// Cluster <paramref name="k"/> (its members at <paramref name="from"/> in the answer) as <see cref="CanonicalStage.Cluster"/>
    /// returns it, from the partitions' answer: its canonical first, then the other members in document order; worked
    /// out from the listing, by the same code, when a member changed since.
    /// </summary>
    private (int Canonical, ClusterMember[] Members, int[] Docs) ClusterOf(CanonicalAnswer judged, int k, int proposed, int from, int[] members,
        Boilerplate boilerplate, StoryJudge judge)
    {
        if (judged.Canonicals[k] < 0)
        {
            return CanonicalStage.Cluster(_docs, _client.Options, proposed, members, boilerplate, judge);
        }
        int canonical = judged.Canonicals[k];
        var order = new int[members.Length];
        order[0] = canonical;
        for (int j = 0, w = 1; j < members.Length; j++)
        {
            if (j != canonical)
            {
                order[w++] = j;
            }
        }
        var result = Array.ConvertAll(order, j => new ClusterMember(_ids[members[j]], (CopyRole)judged.Roles[from + j], judged.Jaccard[from + j],
            judged.Containment[from + j]));
        return (members[canonical], result, Array.ConvertAll(order, j => members[j]));
    }

    /// <inheritdoc/>
    public BoilerplateFilter CountGroups(GroupLayout groups) =>
        BoilerplateFilter.Of(_client.CountBoilerplateAsync(_ids, _content, groups.Starts, groups.Members,
            g => GroupUnion.Of(_docs, groups.MembersOf(g)).ToArray(), _cancellationToken).GetAwaiter().GetResult());

    /// <inheritdoc/>
    public int[] Sizes(BoilerplateFilter common) =>
        _client.SizeDocumentsAsync(_ids, _content, common.ToSortedArray(), i => common.CountNotBoilerplate(_docs.Fingerprints(i)),
            _cancellationToken).GetAwaiter().GetResult();
}

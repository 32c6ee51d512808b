using NearDup.Clustering;
using NearDup.Distributed.Partitions;
using ClusterMember = NearDup.Clustering.ClusterMember;

namespace NearDup.Distributed;

/// <summary>
/// The parts of a batch run that run at the document partitions, for <see cref="ClusterBuilder"/>: stage 4's
/// representatives (the cores stay there), boilerplate count and sizes without boilerplate, stage 5's common facts,
/// anchor candidates and weak links' verification and judging, stage 7's judging of members and the verified pairs'
/// scores, over the listed documents. The coordinator lists summaries (no fingerprints, positions or facts), so none
/// of these has a fallback here: a partition that no longer holds a listed document as listed fails the run
/// (<see cref="NearDupClusterClient.ListingChanged"/>). The builder is synchronous; these wait for the partitions (a
/// client has no synchronization context to block).
/// </summary>
internal sealed class PartitionedStages : IPartitionedStages
{
    private readonly NearDupClusterClient _client;
    private readonly DocumentTable _docs;
    private readonly CancellationToken _cancellationToken;

    /// <summary>
    /// The run's anchor pairing and the groups kept at the partitions for it: the core calls post to it and keep
    /// their groups, <see cref="PairAnchors"/> pairs it and keeps the groups of one, <see cref="JudgeLinks"/> judges there.
    /// </summary>
    private readonly string _anchorRun = Guid.NewGuid().ToString("N");

    /// <summary>The most fingerprints a short core holds in the run, as one machine takes it (<see cref="DistinctiveAnchors.MaxShortIn"/>).</summary>
    private readonly int _maxShort;

    /// <summary>Whether <see cref="_anchorRun"/> was dropped already, once judged.</summary>
    private bool _dropped;

    public PartitionedStages(NearDupClusterClient client, DocumentTable docs, CancellationToken cancellationToken)
    {
        (_client, _docs, _cancellationToken) = (client, docs, cancellationToken);
        _maxShort = DistinctiveAnchors.MaxShortIn(BoilerplateStage.MemberFingerprints(docs), client.Options.AnchorRate);
        Ids = new string[docs.Count];
        Content = new ulong[docs.Count];
        for (int i = 0; i < Ids.Length; i++)
        {
            Ids[i] = docs.Id(i);
            Content[i] = docs.ContentHash(i);
        }
    }

    /// <summary>The listed ids, by document number.</summary>
    public string[] Ids { get; }

    /// <summary>The run's boilerplate fingerprints, ascending, once counted (<see cref="CountGroups"/>); empty before.</summary>
    public uint[] BoilerplateFingerprints { get; private set; } = [];

    /// <summary>The run's common facts, ascending, once counted (<see cref="FindCommonFacts"/>); empty before.</summary>
    public uint[] CommonFactWords { get; private set; } = [];

    /// <summary>The listed content hashes, by document number.</summary>
    public ulong[] Content { get; }

    /// <inheritdoc/>
    public void Representatives(GroupLayout groups) =>
        _client.CoreGroupsAsync(Ids, Content, groups.Starts, groups.Members, some => throw ChangedIn(groups, some[0]), _cancellationToken, _anchorRun, _maxShort)
            .GetAwaiter().GetResult().CopyTo(groups.Rep, 0);

    /// <summary>The run's error for group <paramref name="g"/>, one of whose members is no longer as listed.</summary>
    private InvalidOperationException ChangedIn(GroupLayout groups, int g) =>
        _client.ListingChanged([.. groups.MembersOf(g).ToArray().Select(i => Ids[i])]);

    /// <inheritdoc/>
    public CommonFacts FindCommonFacts(GroupLayout groups, int threshold)
    {
        var isRepresentative = new bool[_docs.Count];
        foreach (int rep in groups.Rep)
        {
            isRepresentative[rep] = true;
        }
        CommonFactWords = _client.CountCommonFactsAsync(Ids, Content, isRepresentative, threshold, i => throw _client.ListingChanged(Ids[i]),
            _cancellationToken).GetAwaiter().GetResult();
        return CommonFacts.Of(CommonFactWords);
    }

    /// <inheritdoc/>
    public void PairAnchors(GroupLayout groups, BoilerplateFilter common)
    {
        var single = new int[_docs.Count];
        for (int i = 0; i < single.Length; i++)
        {
            int g = groups.GroupOf[i];
            single[i] = groups.Starts[g + 1] - groups.Starts[g] == 1 ? g : -1;
        }
        _client.AnchorCandidatesAsync(Ids, Content, single, _anchorRun, _maxShort, unposted: [], g => throw ChangedIn(groups, g), common.ToSortedArray(),
            _cancellationToken).GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public (JudgedLinks Links, long AnchorCandidates) JudgeLinks(GroupLayout groups, Boilerplate boilerplate, CommonFacts commonFacts, long[] pairs)
    {
        var (links, unlisted, anchorCandidates) = _client.JudgeRunLinksAsync(Ids, groups.Starts, groups.Members, _anchorRun, pairs,
            boilerplate.Filter.ToSortedArray(), commonFacts.Words.ToArray(), _cancellationToken).GetAwaiter().GetResult();
        // The pair ranges and the groups kept at the partitions are the weak links' only: drop them now.
        DropRunAsync().GetAwaiter().GetResult();
        if (unlisted.Count > 0)
        {
            var (ga, gb) = PairKey.Unpack(unlisted[0]);
            throw _client.ListingChanged([.. groups.MembersOf(ga).ToArray().Concat(groups.MembersOf(gb).ToArray()).Select(i => Ids[i])]);
        }
        // The partitions answer in any order: sorted, the links are the same whatever the arrival order.
        links.Sort((x, y) => x.Key.CompareTo(y.Key));
        return (new JudgedLinks(WeakEdges.OfSorted([.. links.Select(l => l.Key)], [.. links.Select(l => new Verifier.Score(l.Shared, l.SizeA, l.SizeB))]),
            [.. links.Select(l => l.Same)], [.. links.Select(l => l.Lead)]), anchorCandidates);
    }

    /// <summary>
    /// Drops what the run keeps at the pair ranges and the document partitions, unless dropped already: once its weak
    /// links are judged, and where the run ends, so that a run failed before then leaves nothing kept there.
    /// </summary>
    public async Task DropRunAsync()
    {
        if (!_dropped)
        {
            await _client.DropRunAsync(_anchorRun);
            _dropped = true;
        }
    }

    /// <inheritdoc/>
    public ClusterList Canonicals(GroupLayout groups, int[] centerOf, Boilerplate boilerplate, CommonFacts commonFacts) =>
        CanonicalStage.Build(_docs.Count, i => Ids[i], groups, centerOf, (canonicals, starts, members) =>
        {
            var judged = _client.JudgeClustersAsync(Ids, Content, canonicals, starts, members, boilerplate.Filter.ToSortedArray(),
                commonFacts.Words.ToArray(), _cancellationToken).GetAwaiter().GetResult();
            return [.. Enumerable.Range(0, canonicals.Length).Select(k => ClusterOf(judged, k, starts[k], members[starts[k]..starts[k + 1]]))];
        });

    /// <summary>
    /// Cluster <paramref name="k"/> (its members at <paramref name="from"/> in the answer) as <see cref="CanonicalStage.Cluster"/>
    /// returns it, from the partitions' answer: its canonical first, then the other members in document order.
    /// </summary>
    private (int Canonical, ClusterMember[] Members, int[] Docs) ClusterOf(CanonicalAnswer judged, int k, int from, int[] members)
    {
        if (judged.Canonicals[k] < 0)
        {
            throw _client.ListingChanged([.. members.Select(i => Ids[i])]);
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
        var result = Array.ConvertAll(order, j => new ClusterMember(Ids[members[j]], (CopyRole)judged.Roles[from + j], judged.Jaccard[from + j],
            judged.Containment[from + j]));
        return (members[canonical], result, Array.ConvertAll(order, j => members[j]));
    }

    /// <inheritdoc/>
    public BoilerplateFilter CountGroups(GroupLayout groups)
    {
        BoilerplateFingerprints = _client.CountBoilerplateAsync(Ids, Content, groups.Starts, groups.Members, g => throw ChangedIn(groups, g),
            _cancellationToken).GetAwaiter().GetResult();
        return BoilerplateFilter.Of(BoilerplateFingerprints);
    }

    /// <inheritdoc/>
    public int[] Sizes(BoilerplateFilter common) =>
        _client.SizeDocumentsAsync(Ids, Content, common.ToSortedArray(), i => throw _client.ListingChanged(Ids[i]), _cancellationToken)
            .GetAwaiter().GetResult();

    /// <inheritdoc/>
    public int[] SharedWithoutBoilerplate((int A, int B)[] pairs, Boilerplate boilerplate) =>
        _client.MeasureAsync(Ids, Content, pairs, boilerplate.Filter.ToSortedArray()).GetAwaiter().GetResult().Shared;
}

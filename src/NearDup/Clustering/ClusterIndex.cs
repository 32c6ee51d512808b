using System.Diagnostics;
using NearDup.Indexing;

namespace NearDup.Clustering;

/// <summary>
/// One clustering run and the indexes it leaves for queries. The stages:
/// <list type="number">
/// <item>Number the documents by id (ordinal), so nothing depends on the order they were added in.</item>
/// <item>Strong links: identical content, then LSH and SimHash candidates verified as syndicated
/// (Jaccard ≥ <see cref="NearDupOptions.SyndicatedJaccard"/> and containment ≥ <see cref="NearDupOptions.SyndicatedContainment"/>).
/// Strong links may chain: they make groups, one per story text.</item>
/// <item>Boilerplate: count, per fingerprint, the groups that hold it; one held by
/// <see cref="NearDupOptions.CommonShingleDocuments"/> or more is a site header, footer or stock phrase and is ignored from here on.</item>
/// <item>Weak links: candidates from the anchor index (groups sharing <see cref="NearDupOptions.MinSharedAnchors"/>
/// sampled fingerprints) and leftover LSH/SimHash candidates, verified on their non-boilerplate fingerprints.</item>
/// <item>Star clustering over groups: in order (earliest, then most copies, then strongest links), a group no center
/// covers yet becomes a center and covers its neighbours; each covered group then joins the neighbouring center it
/// shares most with. Weak links never chain.</item>
/// <item>Each cluster's canonical is the center group's representative (<see cref="GroupRepresentatives"/>: the
/// original the other members contain); every member is scored against it and given a role.</item>
/// </list>
/// </summary>
internal sealed class ClusterIndex
{
    private const int FullPairRun = 16;

    private readonly DocumentTable _docs;
    private readonly NearDupOptions _options;
    private readonly Verifier _verifier;
    private readonly int[] _sizes;
    private readonly int[] _groupOf;
    private readonly int[] _groupRep;
    private readonly int[] _groupStarts;
    private readonly int[] _groupMembers;
    private readonly int[] _clusterOf;
    private readonly string[] _clusterIds;
    private readonly List<DocumentCluster> _clusters;
    private readonly List<VerifiedPair> _pairs;
    private readonly Lazy<QueryIndexes> _queryIndexes;
    private readonly ClusteringStatistics _statistics;

    private ClusterIndex(DocumentTable docs, NearDupOptions options, Verifier verifier, int[] sizes, int[] groupOf, int[] groupRep,
        int[] groupStarts, int[] groupMembers, int[] clusterOf, string[] clusterIds, List<DocumentCluster> clusters, List<VerifiedPair> pairs,
        ClusteringStatistics statistics)
    {
        _docs = docs;
        _options = options;
        _verifier = verifier;
        _sizes = sizes;
        _groupOf = groupOf;
        _groupRep = groupRep;
        _groupStarts = groupStarts;
        _groupMembers = groupMembers;
        _clusterOf = clusterOf;
        _clusterIds = clusterIds;
        _clusters = clusters;
        _pairs = pairs;
        _queryIndexes = new(BuildQueryIndexes, LazyThreadSafetyMode.ExecutionAndPublication);
        _statistics = statistics;
    }

    /// <summary>Builds the query indexes now (they are otherwise built by the first <see cref="Query"/>).</summary>
    public void PrepareQueries() => _ = _queryIndexes.Value;

    /// <summary>The clusters, and the verified pairs if the run was asked for them.</summary>
    public ClusteringResult ToResult() => new(_clusters, _pairs, _statistics);

    /// <summary>
    /// The stages <see cref="Build"/> reports, in order: the steps of the summary above, from the strong links on,
    /// split where a step takes long enough at ten million documents for a user to want to know.
    /// </summary>
    internal static readonly string[] StageNames =
    [
        "identical texts, LSH and SimHash candidates", "verifying candidates", "groups", "group cores and boilerplate",
        "anchors and weak links", "star clustering", "canonicals and roles",
    ];

    public static ClusterIndex Build(DocumentTable docs, NearDupOptions options, bool includePairs, IProgress<ClusteringProgress>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        void Enter(int stage)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Each stage lets go of the large arrays of the one before, which only a full collection frees; left to
            // itself, the collector lets the heap grow over them (and over the reading's buffers) instead. One full
            // collection per stage keeps the peak near what is live (a million documents at 1/4 on the heap: 1.6 GB
            // instead of 2.0). With a spill file the heap also competes with the page cache that holds the spilled
            // pages, which the collector counts as free memory, so there it also compacts and gives the memory back
            // to the system; without one the heap holds the sketch pages, which compacting would copy every time.
            GC.Collect(GC.MaxGeneration, options.SpillDirectory is null ? GCCollectionMode.Forced : GCCollectionMode.Aggressive,
                blocking: true, compacting: options.SpillDirectory is not null);
            progress?.Report(new ClusteringProgress(stage, StageNames.Length, StageNames[stage - 1]));
        }
        Enter(1);
        int n = docs.Count;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };

        // Strong links (the summary's step 2).
        var union = new UnionFind(n);

        var rawVerifier = new Verifier(options, CommonFilter.None);
        var rawSizes = new int[n];
        for (int i = 0; i < n; i++)
        {
            rawSizes[i] = docs.FingerprintCount(i);
        }
        var strongPairs = new List<(int A, int B)>();
        // Identical texts: runs of equal content hashes, each document linked to the run's first (a sort, not a
        // dictionary of every document: no per-entry overhead and no resizing at ten million documents).
        var textDocs = SignatureKeys.DocumentsWithText(docs);
        {
            var contentHashes = new ulong[textDocs.Length];
            for (int k = 0; k < textDocs.Length; k++)
            {
                contentHashes[k] = docs.ContentHash(textDocs[k]);
            }
            var byHash = (int[])textDocs.Clone();
            PostingTable<ulong>.Sort(contentHashes, byHash);
            for (int k = 1, first = 0; k < byHash.Length; k++)
            {
                if (contentHashes[k] != contentHashes[first])
                {
                    first = k;
                    continue;
                }
                union.Union(byHash[first], byHash[k]);
                strongPairs.Add((byHash[first], byHash[k]));
            }
        }

        // Candidates from the band tables, one table per worker at a time (each is sorted, read for its runs and let
        // go), then from the SimHash index. Queries need the tables again, and they are rebuilt for the first one:
        // a clustering run never holds them all, so the peak is one stage's indexes on top of the sketches.
        // Each worker takes bands one at a time and keeps one pair of buffers and one pair set for all of them: the
        // local state of Parallel.For is made afresh each time a worker yields (9 times for 25 long iterations on two
        // cores, checked), and at twenty million documents each time was 160 MB of buffers and a new set.
        int bands = docs.Store.Bands;
        var foundPerWorker = new HashSet<long>[Math.Min(StageWorkers.Count(options), Math.Max(1, bands))];
        int nextBand = -1;
        Parallel.For(0, foundPerWorker.Length, parallel, worker =>
        {
            var keys = new uint[textDocs.Length];
            var documents = new int[textDocs.Length];
            var found = new HashSet<long>(Internal.PairComparer.Instance);
            var sink = new PairCollector(found);
            for (int band; (band = Interlocked.Increment(ref nextBand)) < bands;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SignatureKeys.FillBandKeys(docs, textDocs, band, keys);
                textDocs.CopyTo(documents, 0);
                PostingTable<uint>.Sort(keys, documents);
                EmitRuns(keys, documents, ref sink);
            }
            foundPerWorker[worker] = found;
        });
        // The largest set takes in the others (a set's content, not its order, is what the sort below sees).
        int largest = 0;
        for (int w = 1; w < foundPerWorker.Length; w++)
        {
            largest = foundPerWorker[w].Count > foundPerWorker[largest].Count ? w : largest;
        }
        var candidateSet = foundPerWorker[largest];
        for (int w = 0; w < foundPerWorker.Length; w++)
        {
            if (w != largest)
            {
                candidateSet.UnionWith(foundPerWorker[w]);
            }
        }
        foundPerWorker = null;
        long signatureBytes = 0;
        signatureBytes += (long)docs.Store.Bands * textDocs.Length * (sizeof(uint) + sizeof(int));
        var simHashes = SignatureKeys.SimHashesOf(docs, textDocs);
        var collector = new PairCollector(candidateSet);
        SimHashIndex.ForEachPairOnce(simHashes, textDocs, options.SimHashMaxDistance, ref collector);
        signatureBytes += (long)textDocs.Length * (sizeof(ulong) + 2 * sizeof(int) + sizeof(ulong));
        simHashes = null;
        textDocs = null;
        var packed = candidateSet.ToArray();
        candidateSet = null;
        Array.Sort(packed); // by (A, B): A is the high half
        var strongCandidates = Array.ConvertAll(packed, PairKey.Unpack);
        packed = null;
        Enter(2);
        var strongScores = new Verifier.Score[strongCandidates.Length];
        Parallel.For(0, strongCandidates.Length, parallel, k =>
        {
            var (a, b) = strongCandidates[k];
            strongScores[k] = rawVerifier.Measure(docs.Fingerprints(a), rawSizes[a], docs.Fingerprints(b), rawSizes[b]);
        });
        var leftovers = new List<(int A, int B)>();
        for (int k = 0; k < strongCandidates.Length; k++)
        {
            if (rawVerifier.IsStrong(strongScores[k]))
            {
                union.Union(strongCandidates[k].A, strongCandidates[k].B);
                strongPairs.Add(strongCandidates[k]);
            }
            else
            {
                leftovers.Add(strongCandidates[k]);
            }
        }

        // Groups, each with a first representative (the final one is chosen once the cores are known).
        Enter(3);
        // A set's root is its smallest member, so it is met first and its group is known by the time its other members are.
        var groupOf = new int[n];
        var groupRepList = new List<int>();
        for (int i = 0; i < n; i++)
        {
            int root = union.Find(i);
            int g;
            if (root == i)
            {
                g = groupRepList.Count;
                groupRepList.Add(i);
            }
            else
            {
                g = groupOf[root];
            }
            groupOf[i] = g;
            if (CanonicalRule.IsBetter(docs, i, groupRepList[g]))
            {
                groupRepList[g] = i;
            }
        }
        var groupRep = groupRepList.ToArray();
        int groups = groupRep.Length;
        cancellationToken.ThrowIfCancellationRequested();
        double strongSeconds = clock.Elapsed.TotalSeconds;

        // Boilerplate (step 3), counted once per group over the union of its members' fingerprints, so that a
        // site header carried only by syndicated copies is seen, and a story syndicated a thousand times counts once.
        // Members of each group, contiguous (CSR): documents are in id order, so each run is sorted. Kept for queries.
        Enter(4);
        var groupStarts = new int[groups + 1];
        foreach (int g in groupOf)
        {
            groupStarts[g + 1]++;
        }
        for (int g = 0; g < groups; g++)
        {
            groupStarts[g + 1] += groupStarts[g];
        }
        var groupMembers = new int[n];
        var fill = (int[])groupStarts.Clone();
        for (int i = 0; i < n; i++)
        {
            groupMembers[fill[groupOf[i]]++] = i;
        }
        using var cores = ComputeCores(docs, groupRep, groupStarts, groupMembers, options.SpillDirectory, parallel);
        // Each group's union is merged again whenever the counter passes ask for it rather than kept: at ten million
        // documents the unions would be gigabytes, and merging a few sorted runs costs less than the counting itself.
        // The members' sizes summed bound the unions' (the counters need no more than that to be sized).
        long memberFingerprints = 0;
        for (int i = 0; i < n; i++)
        {
            memberFingerprints += rawSizes[i];
        }
        var common = CommonFilter.Build(groups, g => GroupUnion.Of(docs, groupMembers.AsSpan(groupStarts[g], groupStarts[g + 1] - groupStarts[g])),
            memberFingerprints, options.CommonShingleDocuments, options.MaxDegreeOfParallelism);

        var verifier = new Verifier(options, common);
        var sizes = new int[n];
        Parallel.For(0, n, parallel, i => sizes[i] = common.CountUncommon(docs.Fingerprints(i)));
        GroupRepresentatives.Choose(docs, cores, groupStarts, groupMembers, groupRep, parallel);
        var coreSizes = new int[groups];
        Parallel.For(0, groups, parallel, g => coreSizes[g] = common.CountUncommon(cores[g]));

        double boilerplateSeconds = clock.Elapsed.TotalSeconds - strongSeconds;

        // Weak links between groups (step 4).
        Enter(5);
        uint anchorMask = AnchorTable.MaskOf(options);
        var anchors = AnchorTable.Build(cores, groups, common, anchorMask, parallel);
        long anchorBytes = anchors.MemoryBytes;

        // Each worker takes chunks of groups and keeps one counter array for all of them (not one per task: at ten
        // million documents that is tens of megabytes a time), and its links in a list of its own.
        int workers = StageWorkers.Count(options);
        var weakFound = new List<(long Key, Verifier.Score Score)>[workers];
        long anchorCandidates = 0;
        int nextChunk = 0;
        Parallel.For(0, workers, parallel, worker =>
        {
            const int WeakChunk = 256;
            var counts = new int[groups];
            var touched = new List<int>();
            var found = new List<(long, Verifier.Score)>();
            for (int first; (first = Interlocked.Add(ref nextChunk, WeakChunk) - WeakChunk) < groups;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (int g = first, end = Math.Min(groups, first + WeakChunk); g < end; g++)
                {
                    foreach (uint fp in cores[g])
                    {
                        if ((fp & anchorMask) != 0)
                        {
                            continue;
                        }
                        foreach (int other in anchors.Find(fp))
                        {
                            if (other > g && counts[other]++ == 0)
                            {
                                touched.Add(other);
                            }
                        }
                    }
                    foreach (int other in touched)
                    {
                        if (counts[other] >= options.MinSharedAnchors)
                        {
                            Interlocked.Increment(ref anchorCandidates);
                            var score = verifier.Measure(cores[g], coreSizes[g], cores[other], coreSizes[other]);
                            if (verifier.IsCopy(score))
                            {
                                found.Add((PairKey.Pack(g, other), score));
                            }
                        }
                        counts[other] = 0;
                    }
                    touched.Clear();
                }
            }
            weakFound[worker] = found;
        });

        // Leftover strong-stage candidates between different groups, verified without boilerplate. A pair of groups
        // found twice has the same score both times (it is measured on the groups' cores), with the sizes in
        // (smaller group, larger group) order.
        var weak = new List<(long Key, Verifier.Score Score)>();
        foreach (var found in weakFound)
        {
            weak.AddRange(found);
        }
        weakFound = null;
        foreach (var (a, b) in leftovers)
        {
            int ga = groupOf[a], gb = groupOf[b];
            if (ga == gb)
            {
                continue;
            }
            var score = ga < gb
                ? verifier.Measure(cores[ga], coreSizes[ga], cores[gb], coreSizes[gb])
                : verifier.Measure(cores[gb], coreSizes[gb], cores[ga], coreSizes[ga]);
            if (verifier.IsCopy(score))
            {
                weak.Add((PairKey.Pack(Math.Min(ga, gb), Math.Max(ga, gb)), score));
            }
        }
        leftovers = null;
        var verified = WeakEdges.From(weak);
        weak = null;
        var judge = new StoryJudge(docs, common, sizes, options.SampleRate);
        var (weakEdges, reuseEdges) = verified.Split(judge.Judge(verified.Keys, groupRep, parallel));
        verified = null;
        anchors = null;
        cores.Dispose();
        double candidateSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();

        // Star clustering over groups (step 5).
        Enter(6);
        // Neighbours of each group, contiguous (CSR; not a list per group: millions of objects at ten million documents).
        var neighbourStarts = new int[groups + 1];
        foreach (long key in weakEdges.Keys)
        {
            var (a, b) = PairKey.Unpack(key);
            neighbourStarts[a + 1]++;
            neighbourStarts[b + 1]++;
        }
        for (int g = 0; g < groups; g++)
        {
            neighbourStarts[g + 1] += neighbourStarts[g];
        }
        var neighbourList = new int[neighbourStarts[groups]];
        {
            var cursor = (int[])neighbourStarts.Clone();
            foreach (long key in weakEdges.Keys)
            {
                var (a, b) = PairKey.Unpack(key);
                neighbourList[cursor[a]++] = b;
                neighbourList[cursor[b]++] = a;
            }
        }
        ReadOnlySpan<int> Neighbours(int g) => neighbourList.AsSpan(neighbourStarts[g], neighbourStarts[g + 1] - neighbourStarts[g]);
        var order = new int[groups];
        for (int g = 0; g < groups; g++)
        {
            order[g] = g;
        }
        // Center order: the earliest dated group first (the story the others copy was published first); then the
        // group with the most exact and syndicated copies (a wire story reprinted is the one others draw on); then
        // the one whose weak links are strongest in sum (the original shares more with each copy than the copies
        // share with each other); then the canonical rule.
        var strength = new double[groups];
        for (int e = 0; e < weakEdges.Count; e++)
        {
            var (a, b) = PairKey.Unpack(weakEdges.Keys[e]);
            var score = weakEdges.Scores[e];
            strength[a] += score.Containment;
            strength[b] += score.Containment;
        }
        Array.Sort(order, (x, y) =>
        {
            int byDate = docs.DateTicks(groupRep[x]).CompareTo(docs.DateTicks(groupRep[y]));
            if (byDate != 0)
            {
                return byDate;
            }
            int bySize = (groupStarts[y + 1] - groupStarts[y]).CompareTo(groupStarts[x + 1] - groupStarts[x]);
            if (bySize != 0)
            {
                return bySize;
            }
            int byStrength = strength[y].CompareTo(strength[x]);
            if (byStrength != 0)
            {
                return byStrength;
            }
            return CanonicalRule.IsBetter(docs, groupRep[x], groupRep[y]) ? -1 : CanonicalRule.IsBetter(docs, groupRep[y], groupRep[x]) ? 1 : x.CompareTo(y);
        });
        // Centers first (a group no center has covered yet becomes one and covers its neighbours), then each
        // covered group joins the neighbouring center it shares most with, not merely the first to reach it.
        var isCenter = new bool[groups];
        var covered = new bool[groups];
        foreach (int g in order)
        {
            if (covered[g])
            {
                continue;
            }
            isCenter[g] = true;
            covered[g] = true;
            foreach (int other in Neighbours(g))
            {
                covered[other] = true;
            }
        }
        var centerOf = new int[groups];
        for (int g = 0; g < groups; g++)
        {
            if (isCenter[g])
            {
                centerOf[g] = g;
                continue;
            }
            int best = -1;
            double bestScore = -1;
            foreach (int other in Neighbours(g))
            {
                if (!isCenter[other])
                {
                    continue;
                }
                var score = weakEdges.Find(PairKey.Pack(Math.Min(g, other), Math.Max(g, other)));
                double value = score.Containment + score.Jaccard;
                if (value > bestScore || (value == bestScore && other < best))
                {
                    best = other;
                    bestScore = value;
                }
            }
            centerOf[g] = best;
        }

        // Clusters, canonicals and roles (step 6).
        Enter(7);

        // Members of each center in document order, contiguous (CSR, as above).
        var memberStarts = new int[groups + 1];
        for (int i = 0; i < n; i++)
        {
            memberStarts[centerOf[groupOf[i]] + 1]++;
        }
        int centers = 0;
        for (int g = 0; g < groups; g++)
        {
            centers += memberStarts[g + 1] > 0 ? 1 : 0;
            memberStarts[g + 1] += memberStarts[g];
        }
        var centerMembers = new int[n];
        {
            var cursor = (int[])memberStarts.Clone();
            for (int i = 0; i < n; i++)
            {
                centerMembers[cursor[centerOf[groupOf[i]]]++] = i;
            }
        }
        var built = new List<(int Canonical, ClusterMember[] Members, int[] Docs)>(centers);
        for (int center = 0; center < groups; center++)
        {
            var members = centerMembers.AsSpan(memberStarts[center], memberStarts[center + 1] - memberStarts[center]);
            if (members.IsEmpty)
            {
                continue;
            }
            int canonical = groupRep[center];
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
                result[w] = new ClusterMember(docs.Id(m), Classify(docs, canonical, m, score, verifier, options, judge), ScoreRounding.Round(score.Jaccard), ScoreRounding.Round(score.Containment));
                docIndexes[w++] = m;
            }
            built.Add((canonical, result, docIndexes));
        }
        built.Sort((x, y) =>
        {
            int bySize = y.Members.Length.CompareTo(x.Members.Length);
            return bySize != 0 ? bySize : string.CompareOrdinal(docs.Id(x.Canonical), docs.Id(y.Canonical));
        });
        var clusters = new List<DocumentCluster>(built.Count);
        var clusterOf = new int[n];
        var clusterIds = new string[built.Count];
        int width = Math.Max(6, built.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        for (int c = 0; c < built.Count; c++)
        {
            clusterIds[c] = "c" + (c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0');
            foreach (int d in built[c].Docs)
            {
                clusterOf[d] = c;
            }
            clusters.Add(new DocumentCluster(clusterIds[c], docs.Id(built[c].Canonical), built[c].Members));
        }

        // Every verified pair, by ids, if asked for (at ten million documents they are millions of objects, and the
        // strong ones are measured again here).
        var pairs = new List<VerifiedPair>(includePairs ? strongPairs.Count + weakEdges.Count + reuseEdges.Count : 0);
        if (includePairs)
        {
            foreach (var (a, b) in strongPairs)
            {
                var score = verifier.Measure(docs.Fingerprints(a), sizes[a], docs.Fingerprints(b), sizes[b]);
                pairs.Add(MakePair(docs, a, b, score, verifier));
            }
            for (int e = 0; e < weakEdges.Count; e++)
            {
                var (ga, gb) = PairKey.Unpack(weakEdges.Keys[e]);
                pairs.Add(MakePair(docs, groupRep[ga], groupRep[gb], weakEdges.Scores[e], verifier));
            }
            for (int e = 0; e < reuseEdges.Count; e++)
            {
                var (ga, gb) = PairKey.Unpack(reuseEdges.Keys[e]);
                pairs.Add(MakePair(docs, groupRep[ga], groupRep[gb], reuseEdges.Scores[e], verifier) with { Relation = PairRelation.Reuse });
            }
            pairs.Sort((x, y) =>
            {
                int byFirst = string.CompareOrdinal(x.First, y.First);
                return byFirst != 0 ? byFirst : string.CompareOrdinal(x.Second, y.Second);
            });
        }

        var statistics = new ClusteringStatistics
        {
            Documents = n,
            StrongGroups = groups,
            StrongCandidates = strongCandidates.Length,
            AnchorCandidates = anchorCandidates,
            VerifiedPairs = strongPairs.Count + weakEdges.Count,
            CommonFingerprints = common.Count,
            IndexBytes = docs.MemoryBytes + signatureBytes + anchorBytes + common.MemoryBytes,
            SpilledBytes = docs.SpilledBytes,
            CandidateSeconds = candidateSeconds,
            StrongSeconds = strongSeconds,
            BoilerplateSeconds = boilerplateSeconds,
            ClusterSeconds = clock.Elapsed.TotalSeconds,
        };
        return new ClusterIndex(docs, options, verifier, sizes, groupOf, groupRep, groupStarts, groupMembers, clusterOf, clusterIds, clusters, pairs, statistics);
    }

    /// <summary>Matches of a new document against the indexed ones, best first.</summary>
    public IReadOnlyList<QueryMatch> Query(DocumentSketch query)
    {
        if (query.ShingleCount == 0 || _docs.Count == 0)
        {
            return [];
        }
        int querySize = _verifier.Common.CountUncommon(query.Fingerprints);
        var candidates = new HashSet<int>();
        var (tables, simHash, anchors) = _queryIndexes.Value;
        for (int band = 0; band < tables.Length; band++)
        {
            foreach (int d in tables[band].Find(query.BandKeys[band]))
            {
                candidates.Add(d);
            }
        }
        foreach (int d in simHash.Query(query.SimHash))
        {
            candidates.Add(d);
        }
        var anchorCounts = new Dictionary<int, int>();
        uint anchorMask = AnchorTable.MaskOf(_options);
        foreach (uint fp in query.Fingerprints)
        {
            if ((fp & anchorMask) != 0 || _verifier.Common.IsCommon(fp))
            {
                continue;
            }
            foreach (int g in anchors.Find(fp))
            {
                anchorCounts[g] = anchorCounts.GetValueOrDefault(g) + 1;
            }
        }
        foreach (var (g, count) in anchorCounts)
        {
            if (count >= _options.MinSharedAnchors)
            {
                candidates.Add(_groupRep[g]);
            }
        }
        // A match with a group's representative stands for its exact and syndicated copies too: score them all.
        var expanded = new SortedSet<int>();
        var seenGroups = new HashSet<int>();
        foreach (int d in candidates)
        {
            int g = _groupOf[d];
            if (seenGroups.Add(g))
            {
                foreach (int member in _groupMembers.AsSpan(_groupStarts[g], _groupStarts[g + 1] - _groupStarts[g]))
                {
                    expanded.Add(member);
                }
            }
        }
        var matches = new List<QueryMatch>();
        foreach (int d in expanded)
        {
            var score = _verifier.Measure(query.Fingerprints, querySize, _docs.Fingerprints(d), _sizes[d]);
            if (!_verifier.IsCopy(score) && query.ContentHash != _docs.ContentHash(d))
            {
                continue;
            }
            var role = query.ContentHash == _docs.ContentHash(d) ? CopyRole.Exact
                : _verifier.IsStrong(score) ? CopyRole.Syndicated
                : querySize <= _options.ExcerptLengthRatio * _sizes[d] ? CopyRole.Excerpt : CopyRole.Rewritten;
            matches.Add(new QueryMatch(_docs.Id(d), _clusterIds[_clusterOf[d]], role, ScoreRounding.Round(score.Jaccard), ScoreRounding.Round(score.Containment)));
        }
        matches.Sort((x, y) =>
        {
            int byContainment = y.Containment.CompareTo(x.Containment);
            return byContainment != 0 ? byContainment : string.CompareOrdinal(x.Id, y.Id);
        });
        return matches;
    }

    /// <summary>
    /// A member's role against its canonical: exact, syndicated (a strong link), excerpt (made of verbatim passages
    /// of the canonical, whatever its length; by length alone for documents without positions), else rewritten.
    /// </summary>
    private static CopyRole Classify(DocumentTable docs, int canonical, int member, Verifier.Score score, Verifier verifier, NearDupOptions options,
        StoryJudge judge)
    {
        if (docs.ShingleCount(member) > 0 && docs.ContentHash(member) == docs.ContentHash(canonical))
        {
            return CopyRole.Exact;
        }
        if (verifier.IsStrong(score))
        {
            return CopyRole.Syndicated;
        }
        bool quoted = judge.IsQuotedPassages(canonical, member) ?? score.SizeB <= options.ExcerptLengthRatio * score.SizeA;
        return quoted ? CopyRole.Excerpt : CopyRole.Rewritten;
    }

    private static VerifiedPair MakePair(DocumentTable docs, int a, int b, Verifier.Score score, Verifier verifier)
    {
        var (first, second) = string.CompareOrdinal(docs.Id(a), docs.Id(b)) <= 0 ? (docs.Id(a), docs.Id(b)) : (docs.Id(b), docs.Id(a));
        return new VerifiedPair(first, second, ScoreRounding.Round(score.Jaccard), ScoreRounding.Round(score.Containment), verifier.EstimatedShared(score));
    }

    /// <summary>
    /// Pairs from a sorted table's runs of equal keys: all pairs in a short run; in a long run (many copies of one
    /// text) each document is paired with the run's first and its predecessor, which links the run for union-find
    /// without the quadratic blow-up.
    /// </summary>
    private static void EmitRuns(ReadOnlySpan<uint> keys, ReadOnlySpan<int> documents, ref PairCollector sink)
    {
        int start = 0;
        for (int i = 1; i <= keys.Length; i++)
        {
            if (i < keys.Length && keys[i] == keys[start])
            {
                continue;
            }
            int length = i - start;
            if (length <= FullPairRun)
            {
                for (int a = start; a < i; a++)
                {
                    for (int b = a + 1; b < i; b++)
                    {
                        sink.Add(documents[a], documents[b]);
                    }
                }
            }
            else
            {
                for (int b = start + 1; b < i; b++)
                {
                    sink.Add(documents[start], documents[b]);
                    sink.Add(documents[b - 1], documents[b]);
                }
            }
            start = i;
        }
    }

    /// <summary>The indexes a query needs, built on the first query (a clustering run alone never keeps them).</summary>
    private QueryIndexes BuildQueryIndexes()
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism };
        var (bandTables, simHash) = BuildSignatureIndexes(_docs, _options, parallel);
        using var cores = ComputeCores(_docs, _groupRep, _groupStarts, _groupMembers, _options.SpillDirectory, parallel);
        var anchors = AnchorTable.Build(cores, _groupRep.Length, _verifier.Common, AnchorTable.MaskOf(_options), parallel);
        return new QueryIndexes(bandTables, simHash, anchors);
    }

    /// <summary>The LSH band tables and the SimHash index over the documents with text.</summary>
    private static (PostingTable<uint>[] Bands, SimHashIndex SimHash) BuildSignatureIndexes(DocumentTable docs, NearDupOptions options, ParallelOptions parallel)
    {
        var textDocs = SignatureKeys.DocumentsWithText(docs);
        var bandTables = new PostingTable<uint>[docs.Store.Bands];
        Parallel.For(0, bandTables.Length, parallel, band => bandTables[band] = SignatureKeys.BuildBandTable(docs, textDocs, band));
        return (bandTables, new SimHashIndex(SignatureKeys.SimHashesOf(docs, textDocs), textDocs, options.SimHashMaxDistance));
    }

    /// <summary>
    /// Each group's core: the fingerprints held by at least half its members (all of them for a pair). Per-site
    /// boilerplate around a syndicated copy drops out of the core, so weak links are judged on the story itself.
    /// A group of one is its own core and union: only groups of several get arrays (null otherwise).
    /// </summary>
    private static GroupCores ComputeCores(DocumentTable docs, int[] groupRep, int[] groupStarts, int[] groupMembers, string? spillDirectory,
        ParallelOptions parallel)
    {
        int groups = groupStarts.Length - 1;
        var cores = new GroupCores(docs, groupRep, spillDirectory);
        try
        {
            // A chunk of groups at a time on all cores, then appended in group order to the pages (and so to the spill
            // file, if any): the arrays of only one chunk are ever on the heap at once.
            const int Chunk = 1 << 14;
            var chunk = new uint[]?[Math.Min(Chunk, groups)];
            for (int first = 0; first < groups; first += Chunk)
            {
                int end = Math.Min(groups, first + Chunk);
                Parallel.For(first, end, parallel, g => chunk[g - first] = CoreOf(docs, groupMembers.AsSpan(groupStarts[g], groupStarts[g + 1] - groupStarts[g])));
                for (int g = first; g < end; g++)
                {
                    cores.Set(g, chunk[g - first]);
                    chunk[g - first] = null;
                }
            }
            cores.Seal();
            return cores;
        }
        catch
        {
            cores.Dispose();
            throw;
        }
    }

    /// <summary>The fingerprints that at least half the members (and at least two) hold; null for a group of one.</summary>
    private static uint[]? CoreOf(DocumentTable docs, ReadOnlySpan<int> members)
    {
        if (members.Length == 1)
        {
            return null;
        }
        var all = new List<uint>();
        foreach (int m in members)
        {
            all.AddRange(docs.Fingerprints(m));
        }
        all.Sort();
        var core = new List<uint>();
        int quorum = Math.Max(2, (members.Length + 1) / 2);
        for (int i = 0, start = 0; i <= all.Count; i++)
        {
            if (i == all.Count || all[i] != all[start])
            {
                if (i - start >= quorum)
                {
                    core.Add(all[start]);
                }
                start = i;
            }
        }
        return [.. core];
    }
}

using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Clustering;

/// <summary>
/// How a query scores one candidate, and in what order the matches come: shared by <see cref="ClusterIndex.Query(QuerySketch)"/>
/// and the partitioned index of NearDup.Distributed, so that both answer a query alike.
/// </summary>
internal static class QueryScoring
{
    /// <summary>
    /// The match of the queried text with candidate <paramref name="doc"/>, or null when the pair is neither verified
    /// nor the same text. What the text is to the document follows the clusterer's rules: exact, syndicated, else
    /// judged by <see cref="StoryJudge"/> (a copy made of verbatim passages of the document is an excerpt, a different
    /// story sharing text is a reuse match). A candidate found by its anchors alone (<paramref name="anchorOnly"/>) is
    /// judged as <see cref="MayBeCopy"/> says.
    /// </summary>
    public static QueryMatch? Match(DocumentSketch query, int querySize, StorySide doc, bool sameContent, string id, string cluster,
        Verifier verifier, StoryJudge judge, NearDupOptions options, bool anchorOnly = false)
    {
        var score = verifier.Measure(query.Fingerprints, querySize, doc.Fingerprints, doc.Size);
        return Judge(new QuerySketch(query), query.Fingerprints, query.Positions, score, doc, sameContent, id, cluster, verifier, judge, options,
            MayBeCopy(verifier, score, anchorOnly, query.Fingerprints, doc.Fingerprints));
    }

    /// <summary>
    /// Whether the query may be judged a copy of a candidate, as the weak-link stage asks of a pair of groups: one found
    /// by its anchors alone (<paramref name="anchorOnly"/>) that passes on counts must share
    /// <see cref="NearDupOptions.MinSharedAnchors"/> anchors with it (<see cref="Verifier.SharesAnchors"/>), not one
    /// distinctive key (<see cref="DistinctiveAnchors"/>); else it is reuse. One the band tables or the SimHash index
    /// found stands as the strong stage's leftovers do.
    /// </summary>
    public static bool MayBeCopy(Verifier verifier, Verifier.Score score, bool anchorOnly, ReadOnlySpan<uint> query, ReadOnlySpan<uint> doc) =>
        !anchorOnly || !verifier.IsCopyByCounts(score) || verifier.SharesAnchors(query, doc);

    /// <summary>
    /// The score of the query with a candidate from the query's fingerprints that are not boilerplate,
    /// <paramref name="queryKept"/>, taken once for all its candidates: the pair's shared count is their intersection
    /// with the document's <paramref name="docFingerprints"/>, with no boilerplate test in the merge (a shared
    /// fingerprint that is boilerplate is not among them), the same count as <see cref="Verifier.Measure"/>.
    /// </summary>
    public static Verifier.Score Score(ReadOnlySpan<uint> queryKept, ReadOnlySpan<uint> docFingerprints, int docSize) =>
        new(CountShared(queryKept, docFingerprints), queryKept.Length, docSize);

    /// <summary>
    /// <see cref="Score(ReadOnlySpan{uint}, ReadOnlySpan{uint}, int)"/>, the same score, for kept fingerprints taken from
    /// <paramref name="queryFingerprints"/>: a document whose fingerprints are the query's (a copy of its text, a
    /// quarter of a query's candidates on generated news) shares every kept one, counted without the merge.
    /// </summary>
    public static Verifier.Score Score(ReadOnlySpan<uint> queryKept, ReadOnlySpan<uint> queryFingerprints, ReadOnlySpan<uint> docFingerprints, int docSize) =>
        docFingerprints.SequenceEqual(queryFingerprints) ? new(queryKept.Length, queryKept.Length, docSize) : Score(queryKept, docFingerprints, docSize);

    /// <summary>
    /// <see cref="Score(ReadOnlySpan{uint}, ReadOnlySpan{uint}, ReadOnlySpan{uint}, int)"/>, the same score, whose merge
    /// keeps the shared index pairs in <paramref name="merged"/> (the document first, as the judge reads the pair), so
    /// that the judge of a match (<see cref="Match(QuerySketch, ReadOnlySpan{uint}, ReadOnlySpan{ushort}, Verifier.Score, StorySide, bool, string, string, Verifier, StoryJudge, NearDupOptions, bool, SharedIndexPairs?)"/>)
    /// does not merge the two lists again. A document of the query's very fingerprints is counted without a merge,
    /// and <paramref name="merged"/> then holds nothing.
    /// </summary>
    public static Verifier.Score Score(ReadOnlySpan<uint> queryKept, ReadOnlySpan<uint> queryFingerprints, ReadOnlySpan<uint> docFingerprints, int docSize,
        SharedIndexPairs merged)
    {
        if (docFingerprints.SequenceEqual(queryFingerprints))
        {
            merged.Forget();
            return new(queryKept.Length, queryKept.Length, docSize);
        }
        return new(merged.Collect(docFingerprints, queryKept), queryKept.Length, docSize);
    }

    /// <summary>
    /// Whether a candidate of <paramref name="score"/> (from <c>Score</c>) is a match at all: verified, or the
    /// same text, or sharing enough for a passage (<see cref="Verifier.IsLink"/>). Only such a candidate needs its
    /// <see cref="StorySide"/> and a <c>Match</c>.
    /// </summary>
    public static bool IsMatch(Verifier.Score score, bool sameContent, Verifier verifier) => sameContent || verifier.IsLink(score);

    /// <summary>
    /// <see cref="Match(DocumentSketch, int, StorySide, bool, string, string, Verifier, StoryJudge, NearDupOptions, bool)"/>
    /// for a pair already scored by <c>Score</c>, the same match, judged on the query's <paramref name="kept"/>
    /// fingerprints (not boilerplate) and their positions, <paramref name="keptPositions"/>, by a judge built with
    /// <see cref="BoilerplateFilter.None"/>: the fingerprints the query shares with the document are then the same
    /// non-boilerplate ones, found without a probe of the boilerplate filter for each (most of the judge's merge).
    /// Unless <paramref name="mayBeCopy"/>, the match is reuse whatever its shape (the index's own rule for a candidate
    /// found by one distinctive anchor). <paramref name="merged"/>, when given, holds the pair's merge from <c>Score</c>.
    /// </summary>
    public static QueryMatch? Match(scoped QuerySketch query, ReadOnlySpan<uint> kept, ReadOnlySpan<ushort> keptPositions, Verifier.Score score,
        StorySide doc, bool sameContent, string id, string cluster, Verifier verifier, StoryJudge keptJudge, NearDupOptions options,
        bool mayBeCopy = true, SharedIndexPairs? merged = null) =>
        Judge(query, kept, keptPositions, score, doc, sameContent, id, cluster, verifier, keptJudge, options, mayBeCopy, merged);

    /// <summary>
    /// Writes to <paramref name="keptPositions"/> the position of each of the query's <paramref name="kept"/>
    /// fingerprints, a subsequence of its sorted <paramref name="fingerprints"/> with their <paramref name="positions"/>.
    /// </summary>
    public static void KeptPositions(ReadOnlySpan<uint> fingerprints, ReadOnlySpan<ushort> positions, ReadOnlySpan<uint> kept, Span<ushort> keptPositions)
    {
        for (int i = 0, k = 0; k < kept.Length; i++)
        {
            if (fingerprints[i] == kept[k])
            {
                keptPositions[k++] = positions[i];
            }
        }
    }

    /// <summary>
    /// Number of values two sorted, distinct sets share: eight against eight at a time where 256-bit vectors are
    /// accelerated (each block of one set compared with the eight rotations of the other's, then the block whose last
    /// value is smaller moved on: every pair of overlapping blocks meets exactly once), the rest by
    /// <see cref="CountSharedScalar"/>.
    /// </summary>
    public static int CountShared(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        int i = 0, j = 0, shared = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref uint a0 = ref MemoryMarshal.GetReference(a);
            ref uint b0 = ref MemoryMarshal.GetReference(b);
            while (i + 8 <= a.Length && j + 8 <= b.Length)
            {
                var x = Vector256.LoadUnsafe(ref a0, (nuint)i);
                var y = Vector256.LoadUnsafe(ref b0, (nuint)j);
                var equal = Vector256.Equals(x, y)
                    | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(1u, 2, 3, 4, 5, 6, 7, 0)))
                    | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(2u, 3, 4, 5, 6, 7, 0, 1)))
                    | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(3u, 4, 5, 6, 7, 0, 1, 2)))
                    | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(4u, 5, 6, 7, 0, 1, 2, 3)))
                    | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(5u, 6, 7, 0, 1, 2, 3, 4)))
                    | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(6u, 7, 0, 1, 2, 3, 4, 5)))
                    | Vector256.Equals(x, Vector256.Shuffle(y, Vector256.Create(7u, 0, 1, 2, 3, 4, 5, 6)));
                shared += BitOperations.PopCount(equal.ExtractMostSignificantBits());
                uint lastA = a[i + 7], lastB = b[j + 7];
                i += lastA <= lastB ? 8 : 0;
                j += lastB <= lastA ? 8 : 0;
            }
        }
        return shared + CountSharedScalar(a[i..], b[j..]);
    }

    /// <summary>
    /// <see cref="CountShared"/> one value at a time (its tail, its fallback and its test oracle): a merge whose steps
    /// are computed, not branched on, since whether the next value is shared is as good as random.
    /// </summary>
    public static int CountSharedScalar(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            uint x = a[i], y = b[j];
            shared += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        return shared;
    }

    /// <summary>
    /// The match for a measured <paramref name="score"/> (query first), or null; the judge reads the query as
    /// <paramref name="fingerprints"/> and <paramref name="positions"/> (all of its own, or those it keeps).
    /// </summary>
    private static QueryMatch? Judge(scoped QuerySketch query, ReadOnlySpan<uint> fingerprints, ReadOnlySpan<ushort> positions, Verifier.Score score,
        StorySide doc, bool sameContent, string id, string cluster, Verifier verifier, StoryJudge judge, NearDupOptions options, bool mayBeCopy = true,
        SharedIndexPairs? merged = null)
    {
        if (!sameContent && !verifier.IsLink(score))
        {
            return null;
        }
        bool hasPositions = query.Positions.Length == query.Fingerprints.Length;
        var side = new StorySide(fingerprints, hasPositions ? positions : query.Positions, query.ShingleCount, score.SizeA, hasPositions, query.Facts,
            query.DateTicks);
        // Dated apart as a series' items, the same text or a strong link is no copy by itself: the clusterer groups
        // neither, and leaves the pair to the judge.
        bool seriesApart = FactRules.SeriesApart(query.Facts, query.DateTicks, query.ShingleCount, doc.Facts, doc.DateTicks, doc.ShingleCount);
        PairEvidence? passage = null;
        if (!sameContent && !verifier.IsCopy(score))
        {
            // A link by its passage alone: the evidence that finds the passage is the one its role is read from, so
            // it is measured once, not again for the role.
            passage = judge.PassageEvidence(doc, side, verifier.PassageShingles, merged);
            if (passage is null)
            {
                return null;
            }
        }
        // The role, and the same-story verdict a copy by counts needs, from one merge of the pair.
        var (role, copy) = judge.RoleAndStory(doc, side, sameContent, new Verifier.Score(score.Shared, score.SizeB, score.SizeA), verifier, options,
            judgeStory: verifier.IsCopyByCounts(score) && mayBeCopy, merged, passage, seriesApart);
        return new QueryMatch(id, cluster, role, ScoreRounding.Round(score.Jaccard), ScoreRounding.Round(score.Containment))
        {
            Relation = copy ? PairRelation.Copy : PairRelation.Reuse,
        };
    }

    /// <summary>Best first: highest containment, then id in ordinal order.</summary>
    public static void Sort(List<QueryMatch> matches) =>
        matches.Sort((x, y) =>
        {
            int byContainment = y.Containment.CompareTo(x.Containment);
            return byContainment != 0 ? byContainment : string.CompareOrdinal(x.Id, y.Id);
        });
}

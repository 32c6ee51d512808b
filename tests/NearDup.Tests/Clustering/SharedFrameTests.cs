using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Two pages of one site share its header and footer around stories of their own (<see cref="PairEvidence.FrameRuns"/>):
/// a frame, which the judge does not take for a copy, where a story republished in another site's wrapper, or a
/// story and its correction, still are copies.
/// </summary>
public sealed class SharedFrameTests
{
    private static readonly string[] Header = StoryJudgeTests.Words(900, 30);
    private static readonly string[] Footer = StoryJudgeTests.Words(901, 80);

    private static string Page(IEnumerable<string> body) => string.Join(' ', Header.Concat(body).Concat(Footer));

    private static ClusteringResult Cluster(params (string Id, string Text)[] docs)
    {
        using var detector = new DuplicateDetector();
        foreach (var (id, text) in docs)
        {
            detector.Add(id, text);
        }
        return detector.Cluster(includePairs: true);
    }

    private static string ClusterOf(ClusteringResult result, string id) => result.Clusters.Single(c => c.Members.Any(m => m.Id == id)).Id;

    [Fact]
    public void Cluster_TwoPagesOfOneSite_StayApartLinkedAsReuse_WhileTheWireOriginalJoinsItsPage()
    {
        // Without the frame, a header opening both pages and a quarter of each shared read as a post pasting a
        // story's opening (StoryRules.IsOpeningExcerpt) and merged the two.
        var wire = StoryJudgeTests.Words(902, 250);
        var result = Cluster(("page-1", Page(wire)), ("page-2", Page(StoryJudgeTests.Words(903, 300))), ("wire", string.Join(' ', wire)));
        Assert.NotEqual(ClusterOf(result, "page-1"), ClusterOf(result, "page-2"));
        Assert.Equal(ClusterOf(result, "wire"), ClusterOf(result, "page-1"));
        // The link between page 2 and the group of page 1 and the wire story is listed on the member that shares the
        // frame with it, page 1, with that pair's scores: the group's representative, the wire story, shares nothing.
        var link = Assert.Single(result.Pairs, p => p.First == "page-2" || p.Second == "page-2");
        Assert.Equal(PairRelation.Reuse, link.Relation);
        Assert.Equal(("page-1", "page-2"), (link.First, link.Second));
        Assert.InRange(link.SharedShingles, 100, 110); // the header's 30 words and the footer's 80: 26 + 76 5-grams, give or take the edges
        Assert.All(result.Pairs, p => Assert.True(p.SharedShingles > 0, $"{p.First}/{p.Second} share nothing"));
    }

    [Fact]
    public void Cluster_PageAndItsCorrectionChangingOneParagraph_JoinAsRewritten()
    {
        // The frame's shape (an opening and a closing run, nothing shared between), but what lies between is one
        // paragraph: the two share most of both, a link as strong as a syndicated copy's, which no story rule judges.
        // The correction writes that paragraph anew, so it is rewritten, not the same text (StoryRules.CarriesWhole).
        var story = StoryJudgeTests.Words(904, 300);
        string[] corrected = [.. story.AsSpan(0, 130), .. StoryJudgeTests.Words(905, 40), .. story.AsSpan(170)];
        var result = Cluster(("story", Page(story)), ("correction", Page(corrected)));
        Assert.Equal(ClusterOf(result, "story"), ClusterOf(result, "correction"));
        Assert.Contains(result.Clusters.SelectMany(c => c.Members), m => m.Role == CopyRole.Rewritten);
    }

    [Fact]
    public void Measure_HeaderAndFooterAroundOtherBodies_IsAFrameWithTheBodiesBetween()
    {
        // Header: fingerprints 1-20 at positions 0-19 of both; bodies of their own; footer: 21-60 at the last 40.
        var (a, positionsA) = Sorted(Text(header: 20, bodyStart: 1000, body: 200, footer: 40));
        var (b, positionsB) = Sorted(Text(header: 20, bodyStart: 5000, body: 300, footer: 40));
        var evidence = PairEvidence.Measure(a, positionsA, 260, 0, b, positionsB, 360, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal(60, evidence.FrameRuns);
        Assert.Equal((201, 301), (evidence.FrameGapA, evidence.FrameGapB));
    }

    [Theory]
    [InlineData(true, 40)]
    [InlineData(false, 0)]
    public void Measure_FooterWithTwoShinglesInThreeMissing_IsAFrameOnlyWhereTheMissingAreBoilerplate(bool boilerplate, int frameRuns)
    {
        // Two footer shingles in three of A are missing from B: lines many sites share, left out as boilerplate, or (not
        // boilerplate) words substituted, as a heavy rewrite keeps a few shingles of each sentence on one diagonal.
        var (a, positionsA) = Text(header: 20, bodyStart: 1000, body: 200, footer: 60);
        var (b, positionsB) = Text(header: 20, bodyStart: 5000, body: 300, footer: 60);
        var missing = Enumerable.Range(0, 60).Where(i => i % 3 != 0).Select(i => (uint)(21 + i)).ToArray();
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = missing.Contains(b[i]) ? b[i] + 100_000 : b[i];
        }
        var common = boilerplate ? BoilerplateFilter.Of(missing) : BoilerplateFilter.None;
        var (sortedA, sortedPositionsA) = Sorted((a, positionsA));
        var (sortedB, sortedPositionsB) = Sorted((b, positionsB));
        var evidence = PairEvidence.Measure(sortedA, sortedPositionsA, 280, 0, sortedB, sortedPositionsB, 380, 0, common, maxStep: 1, passageRun: 8);
        Assert.Equal(40, evidence.Ordered);
        Assert.Equal(frameRuns, evidence.FrameRuns);
    }

    [Fact]
    public void Measure_StoryInsideAnotherSitesWrapper_IsNoFrame()
    {
        // The original is all of its text; its wrapped copy opens and closes with the wrapper, so nothing opens both.
        var body = Enumerable.Range(1000, 200).Select(i => (uint)i).ToArray();
        ushort[] positionsOriginal = [.. Enumerable.Range(0, 200).Select(i => (ushort)i)];
        ushort[] positionsWrapped = [.. Enumerable.Range(30, 200).Select(i => (ushort)i)];
        var evidence = PairEvidence.Measure(body, positionsOriginal, 200, 0, body, positionsWrapped, 300, 0, BoilerplateFilter.None, maxStep: 1, passageRun: 8);
        Assert.Equal(0, evidence.FrameRuns);
    }

    /// <summary>A text's fingerprints in text order (1 to <paramref name="header"/>, the body's, then the footer's) and their positions.</summary>
    private static (uint[] Fingerprints, ushort[] Positions) Text(int header, int bodyStart, int body, int footer)
    {
        uint[] fingerprints =
        [
            .. Enumerable.Range(1, header).Select(i => (uint)i),
            .. Enumerable.Range(bodyStart, body).Select(i => (uint)i),
            .. Enumerable.Range(header + 1, footer).Select(i => (uint)i),
        ];
        return (fingerprints, [.. Enumerable.Range(0, fingerprints.Length).Select(i => (ushort)i)]);
    }

    /// <summary>Fingerprints sorted as a sketch stores them, each with its position.</summary>
    private static (uint[] Fingerprints, ushort[] Positions) Sorted((uint[] Fingerprints, ushort[] Positions) text)
    {
        var (fingerprints, positions) = text;
        var order = Enumerable.Range(0, fingerprints.Length).OrderBy(i => fingerprints[i]).ToArray();
        return ([.. order.Select(i => fingerprints[i])], [.. order.Select(i => positions[i])]);
    }
}

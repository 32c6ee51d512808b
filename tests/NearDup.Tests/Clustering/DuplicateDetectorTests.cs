using System.Globalization;
using NearDup.Clustering;
using NearDup.Corpus;
using NearDup.Evaluation;

namespace NearDup.Tests.Clustering;

public sealed class DuplicateDetectorTests
{
    [Fact]
    public void Cluster_SeedShapedFixtures_GroupsTheStoryAndKeepsNegativesApart()
    {
        var fixtures = Fixtures.SeedShaped();
        var detector = new DuplicateDetector();
        foreach (var d in fixtures)
        {
            detector.Add(d.Id, d.Text);
        }
        var clusters = detector.Cluster().Clusters;
        Assert.Equal(3, clusters.Count);
        var story = clusters[0];
        Assert.Equal(4, story.Members.Count);
        var roleOf = story.Members.ToDictionary(m => m.Id, m => m.Role);
        var byRole = fixtures.ToDictionary(d => d.Role == DocumentRoles.Original && d.Cluster != Fixtures.StoryCluster ? d.Cluster : d.Role, d => d.Id);
        Assert.Equal(CopyRole.Rewritten, roleOf[byRole[DocumentRoles.Rewritten]]);
        Assert.Equal(CopyRole.Excerpt, roleOf[byRole[DocumentRoles.Excerpt]]);
        Assert.Contains(roleOf[byRole[DocumentRoles.Syndicated]], new[] { CopyRole.Syndicated, CopyRole.Canonical });
        Assert.Contains(roleOf[byRole[DocumentRoles.Original]], new[] { CopyRole.Syndicated, CopyRole.Canonical });
        Assert.All(clusters.Skip(1), c => Assert.Single(c.Members));
    }

    [Fact]
    public void Cluster_WithProgress_ReportsEveryStageInOrderOnTheCallingThread()
    {
        using var detector = new DuplicateDetector();
        detector.AddRange(new CorpusGenerator(new CorpusOptions { Documents = 400, Seed = 5 }).Generate().Select(d => new DocumentInput(d.Id, d.Text)));
        var stages = new StageLog();
        var reported = detector.Cluster(includePairs: true, stages);
        Assert.Equal(Enumerable.Range(1, 7), stages.Seen.Select(s => s.Stage));
        Assert.All(stages.Seen, s => Assert.Equal(7, s.Stages));
        Assert.Equal("canonicals and roles", stages.Seen[^1].Name);
        Assert.All(stages.Threads, t => Assert.Equal(Environment.CurrentManagedThreadId, t));
        var plain = detector.Cluster(includePairs: true);
        Assert.Equal(plain.Clusters.Select(c => (c.Id, c.Canonical, string.Join(' ', c.Members))), reported.Clusters.Select(c => (c.Id, c.Canonical, string.Join(' ', c.Members))));
        Assert.Equal(plain.Pairs, reported.Pairs);
    }

    private sealed class StageLog : IProgress<ClusteringProgress>
    {
        public List<ClusteringProgress> Seen { get; } = [];

        public List<int> Threads { get; } = [];

        public void Report(ClusteringProgress value)
        {
            Seen.Add(value);
            Threads.Add(Environment.CurrentManagedThreadId);
        }
    }

    [Fact]
    public void Cluster_FixturesWithOrWithoutDates_OriginalIsCanonical()
    {
        var fixtures = Fixtures.SeedShaped();
        string original = fixtures.Single(d => d.Role == DocumentRoles.Original && d.Cluster == Fixtures.StoryCluster).Id;
        string syndicated = fixtures.Single(d => d.Role == DocumentRoles.Syndicated).Id;

        // Undated, the original is canonical: the syndicated copy's header and footer lie outside what the two share.
        var undated = new DuplicateDetector();
        foreach (var d in fixtures)
        {
            undated.Add(d.Id, d.Text);
        }
        Assert.Equal(original, undated.Cluster().Clusters[0].Canonical);

        // Dated, the earliest is: the original, an hour before every copy.
        var dated = new DuplicateDetector();
        var start = new DateTimeOffset(2020, 9, 30, 0, 0, 0, TimeSpan.Zero);
        foreach (var d in fixtures)
        {
            dated.Add(d.Id, d.Text, d.Id == original ? start : start.AddHours(1));
        }
        var story = dated.Cluster().Clusters[0];
        Assert.Equal(original, story.Canonical);
        Assert.Equal(CopyRole.Syndicated, story.Members.Single(m => m.Id == syndicated).Role);
    }

    /// <summary>A~B~C~D by weak links (each pair shares one block of 80 words), A and D unrelated: no cluster may hold both.</summary>
    [Fact]
    public void Cluster_ChainOfWeakLinks_DoesNotChain()
    {
        var result = ClusterChainOfFour();
        Assert.Equal(3, result.Pairs.Count); // a~b, b~c, c~d verified; nothing else
        Assert.DoesNotContain(result.Clusters, cluster => cluster.Members.Any(m => m.Id == "a") && cluster.Members.Any(m => m.Id == "d"));
        Assert.All(result.Clusters, cluster => Assert.True(cluster.Members.Count <= 3));
    }

    /// <summary>
    /// The chain above: one copy link at least cannot be kept in a cluster (A and D stay apart), and it is still listed
    /// among the pairs as a copy between the two clusters, as every verified copy link is.
    /// </summary>
    [Fact]
    public void Cluster_CopyLinkKeptOutOfACluster_IsStillListedAsACopy()
    {
        var result = ClusterChainOfFour();
        var clusterOf = result.Clusters.SelectMany(c => c.Members.Select(m => (m.Id, c.Id))).ToDictionary(x => x.Item1, x => x.Item2);
        var copies = result.Pairs.Where(p => p.Relation == PairRelation.Copy).ToList();

        Assert.Contains(copies, p => clusterOf[p.First] != clusterOf[p.Second]);
        Assert.Equal(result.Statistics.VerifiedPairs, copies.Count);
    }

    /// <summary>Identical texts are found twice, by their content hash and by their band keys: each pair is listed once.</summary>
    [Fact]
    public void Cluster_GeneratedCorpus_EveryListedPairSharesText()
    {
        // Generated news wraps syndicated copies in site frames: a link between two groups found through a member that
        // is not its group's representative (two pages of one site) must be listed on members that share the text, not
        // on representatives that share none (2,000 documents, seed 3: 83 such reuse lines before).
        var detector = new DuplicateDetector();
        detector.AddRange(new CorpusGenerator(new CorpusOptions { Documents = 2000, Seed = 3 }).Generate().Select(d => new DocumentInput(d.Id, d.Text, d.Date is null ? null : DocumentDate.Parse(d.Date))));

        var pairs = detector.Cluster(includePairs: true).Pairs;

        Assert.True(pairs.Count(p => p.Relation == PairRelation.Reuse) >= 100, $"{pairs.Count} pairs");
        Assert.All(pairs, p => Assert.True(p.SharedShingles > 0 && p.Containment > 0, $"{p.First} / {p.Second} ({p.Relation}) share nothing"));
    }

    [Fact]
    public void Cluster_IdenticalTexts_ListsEachPairOnce()
    {
        var random = new Random(4);
        string story = string.Join(' ', Enumerable.Range(0, 300).Select(_ => "w" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture)));
        var detector = new DuplicateDetector();
        detector.Add("a", story);
        detector.Add("b", story);
        detector.Add("c", story);

        var result = detector.Cluster(includePairs: true);

        Assert.Equal(["a b", "a c", "b c"], result.Pairs.Select(p => p.First + " " + p.Second).Order().ToArray());
        Assert.Equal(result.Statistics.VerifiedPairs, result.Pairs.Count);
    }

    [Fact]
    public void Cluster_AnyThreadCountAndInputOrder_GivesIdenticalClusters()
    {
        var documents = new CorpusGenerator(new CorpusOptions { Documents = 600, Seed = 11 }).Generate().ToList();
        string Run(IEnumerable<GeneratedDocument> docs, int threads)
        {
            var detector = new DuplicateDetector(NearDupOptions.Default with { MaxDegreeOfParallelism = threads });
            detector.AddRange(docs.Select(d => new DocumentInput(d.Id, d.Text)));
            return string.Join('\n', detector.Cluster(includePairs: true) is var r
                ? r.Clusters.Select(c => c.Id + " " + c.Canonical + " " + string.Join(",", c.Members)).Concat(r.Pairs.Select(p => p.ToString()))
                : []);
        }
        string baseline = Run(documents, 1);
        Assert.Equal(baseline, Run(documents, 4));
        var shuffled = documents.ToArray();
        new Random(3).Shuffle(shuffled);
        Assert.Equal(baseline, Run(shuffled, 2));
    }

    [Fact]
    public void Cluster_GeneratedCorpus_MeetsQualityTargets()
    {
#if DEBUG
        const int Documents = 2_000;
#else
        const int Documents = 10_000;
#endif
        var documents = new CorpusGenerator(new CorpusOptions { Documents = Documents, Seed = 2024 }).Generate().ToList();
        var detector = new DuplicateDetector();
        detector.AddRange(documents.Select(d => new DocumentInput(d.Id, d.Text,
            d.Date is null ? null : DateTimeOffset.Parse(d.Date, CultureInfo.InvariantCulture))));
        var clusters = detector.Cluster().Clusters;
        var predicted = clusters.SelectMany(c => c.Members.Select(m => (m.Id, new Prediction(c.Id, m.Jaccard, m.Containment, RoleName(m.Role)))))
            .ToDictionary(x => x.Id, x => x.Item2);
        var labels = documents.ToDictionary(d => d.Id, d => new Label(d.Cluster, d.Role));
        var report = QualityEvaluator.Evaluate(labels, predicted);
        Assert.Equal(Documents, report.Documents);
        Assert.True(report.F1 >= 0.99, $"pairwise F1 {report.F1:0.0000} (P {report.Precision:0.0000}, R {report.Recall:0.0000})");
        Assert.True(report.AdjustedRandIndex >= 0.99, $"ARI {report.AdjustedRandIndex:0.0000}");
        foreach (var role in report.RoleRecalls)
        {
            Assert.True(role.Recall >= 0.97, $"{role.Role} recall {role.Recall:0.0000}");
        }
        Assert.True(report.CanonicalRight >= 0.95 * report.CanonicalClusters, $"canonical {report.CanonicalRight} of {report.CanonicalClusters}");
        Assert.True(report.RolesRight >= 0.95 * report.RoleMembers, $"roles {report.RolesRight} of {report.RoleMembers}");
    }

    private static string RoleName(CopyRole role) => role.ToString().ToLowerInvariant();

    [Fact]
    public void Query_NewCopy_FindsItsStory()
    {
        var fixtures = Fixtures.SeedShaped();
        var detector = new DuplicateDetector();
        foreach (var d in fixtures.Where(d => d.Role != DocumentRoles.Rewritten))
        {
            detector.Add(d.Id, d.Text);
        }
        var rewrite = fixtures.Single(d => d.Role == DocumentRoles.Rewritten);
        var matches = detector.Query(rewrite.Text);
        var story = fixtures.Single(d => d.Role == DocumentRoles.Original && d.Cluster == Fixtures.StoryCluster);
        Assert.Contains(matches, m => m.Id == story.Id && m.Role == CopyRole.Rewritten);
        Assert.DoesNotContain(matches, m => fixtures.Single(d => d.Id == m.Id).Cluster != Fixtures.StoryCluster);
        Assert.Empty(detector.Query("an unrelated sentence about nothing in particular that shares no five words with anything"));
    }

    [Fact]
    public void Remove_Document_LeavesEveryCluster()
    {
        var fixtures = Fixtures.SeedShaped();
        var detector = new DuplicateDetector();
        foreach (var d in fixtures)
        {
            detector.Add(d.Id, d.Text);
        }
        string excerpt = fixtures.Single(d => d.Role == DocumentRoles.Excerpt).Id;
        Assert.True(detector.Remove(excerpt));
        Assert.False(detector.Remove(excerpt));
        var clusters = detector.Cluster().Clusters;
        Assert.DoesNotContain(clusters, c => c.Members.Any(m => m.Id == excerpt));
        Assert.Equal(fixtures.Count - 1, clusters.Sum(c => c.Members.Count));
        Assert.DoesNotContain(detector.Query(fixtures.Single(d => d.Role == DocumentRoles.Excerpt).Text), m => m.Id == excerpt);
    }

    [Fact]
    public void Add_DuplicateOrEmptyId_Throws()
    {
        var detector = new DuplicateDetector();
        detector.Add("x", "some text here");
        var e = Assert.Throws<ArgumentException>(() => detector.Add("x", "other text"));
        Assert.Contains("'x'", e.Message);
        Assert.Throws<ArgumentException>(() => detector.Add("", "text"));
    }

    [Fact]
    public void Constructor_BadOptions_NameTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateDetector(NearDupOptions.Default with { SampleRate = 0.3 }));
        Assert.Contains("SampleRate", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateDetector(NearDupOptions.Default with { AnchorRate = 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DuplicateDetector(NearDupOptions.Default with { MinContainment = 0 }));
    }

    [Fact]
    public void Cluster_EmptyDocuments_AreSingletons()
    {
        var detector = new DuplicateDetector();
        detector.Add("empty1", "   ");
        detector.Add("empty2", "");
        detector.Add("text", "a few words of text");
        var clusters = detector.Cluster().Clusters;
        Assert.Equal(3, clusters.Count);
    }

    /// <summary>Four documents a to d of four random 80-word blocks each; neighbours share exactly one block (about 25% containment, 14% Jaccard).</summary>
    private static ClusteringResult ClusterChainOfFour()
    {
        var random = new Random(5);
        string Block() => string.Join(' ', Enumerable.Range(0, 80).Select(_ => "w" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture)));
        var blocks = Enumerable.Range(0, 16).Select(_ => Block()).ToArray();
        string Doc(int first) => string.Join(' ', blocks[first], blocks[first + 1], blocks[first + 2], blocks[first + 3]);
        var detector = new DuplicateDetector();
        detector.Add("a", Doc(0));
        detector.Add("b", Doc(3));
        detector.Add("c", Doc(6));
        detector.Add("d", Doc(9));
        return detector.Cluster(includePairs: true);
    }
}

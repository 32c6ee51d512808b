using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// Long documents that each quote a passage of three to five sentences of another document, anywhere in both: every
/// quote is a verified link, and none merges the quoting document into the cluster of the story it only quotes.
/// </summary>
public sealed class PassageReuseTests
{
    private const int Sources = 120;

    [Fact]
    public void Cluster_LongDocumentsQuotingAPassage_AreLinkedAndNeverMerged()
    {
        var random = new Random(12);
        var words = new List<string[]>();
        for (int i = 0; i < Sources; i++)
        {
            words.Add(Sentences(random, random.Next(60, 90)));
        }
        var quotes = new List<(int Quoting, int Source)>();
        for (int i = 0; i < Sources; i++)
        {
            // Most quote one story; every fourth quotes two, and each of its quotes must be reported.
            int sources = i % 4 == 0 ? 2 : 1;
            var own = Sentences(random, random.Next(60, 90)).ToList();
            for (int s = 0; s < sources; s++)
            {
                int source = (i + 1 + s * 37) % Sources;
                own.InsertRange(random.Next(0, own.Count), Passage(random, words[source]));
                quotes.Add((Sources + i, source));
            }
            words.Add([.. own]);
        }

        using var detector = new DuplicateDetector();
        for (int i = 0; i < words.Count; i++)
        {
            detector.Add(Id(i), string.Join(' ', words[i]));
        }
        var result = detector.Cluster(includePairs: true);

        var linked = result.Pairs.Select(p => (p.First, p.Second)).ToHashSet();
        int found = quotes.Count(q => linked.Contains(Ordered(Id(q.Quoting), Id(q.Source))));
        Assert.True(found >= 0.95 * quotes.Count, $"{found} of {quotes.Count} quoted pairs linked");
        var clusterOf = result.Clusters.SelectMany(c => c.Members.Select(m => (m.Id, c.Id))).ToDictionary(x => x.Item1, x => x.Item2);
        Assert.All(quotes, q => Assert.NotEqual(clusterOf[Id(q.Source)], clusterOf[Id(q.Quoting)]));
        Assert.All(result.Pairs, p => Assert.Equal(PairRelation.Reuse, p.Relation));
    }

    [Fact]
    public void Cluster_MinContainment_BoundsEveryCopyPair()
    {
        // A post quoting the story's first 80 words is an excerpt at containment 0.26; asked for 0.3, the passage rule
        // still verifies it (80 shared 5-grams), but only as reuse: no copy link falls under the user's threshold.
        var random = new Random(13);
        var story = Sentences(random, 16);
        string post = string.Join(' ', [.. Sentences(random, 4), .. story.Take(80), .. Sentences(random, 8)]);
        using var detector = new DuplicateDetector(NearDupOptions.Default with { MinContainment = 0.3 });
        detector.Add("story", string.Join(' ', story));
        detector.Add("post", post);
        var pair = Assert.Single(detector.Cluster(includePairs: true).Pairs);
        Assert.InRange(pair.Containment, 0.2, 0.3);
        Assert.Equal(PairRelation.Reuse, pair.Relation);
    }

    [Fact]
    public void Cluster_TwentyWordPiecesAsDocuments_AreFoundThroughTheAnchorsNineTimesInTen()
    {
        // A 20-word piece has 16 5-grams, too few for LSH: it is a candidate only if two of them are anchors. At one
        // in four that is 0.94 of pieces (about 56 of 60 here); at one in eight it would be 0.61 (about 37).
        var random = new Random(14);
        using var detector = new DuplicateDetector();
        for (int i = 0; i < 60; i++)
        {
            var story = Sentences(random, 20);
            int start = random.Next(0, story.Length - 20);
            detector.Add(Id(i), string.Join(' ', story));
            detector.Add(Id(100 + i), string.Join(' ', story.AsSpan(start, 20).ToArray()));
        }
        var linked = detector.Cluster(includePairs: true).Pairs.Select(p => (p.First, p.Second)).ToHashSet();
        int found = Enumerable.Range(0, 60).Count(i => linked.Contains(Ordered(Id(i), Id(100 + i))));
        Assert.InRange(found, 50, 60);
    }

    [Fact]
    public void Cluster_PassagesWithAWordInFiveChanged_AreReuseLinks_PhrasesSharedFarApartAreNot()
    {
        // A passage of three to five sentences with one word in five replaced keeps about a third of its 5-grams, close
        // together: far under the containment of a copy or the passage rule's 40. The same texts sharing as many
        // 5-grams in pairs of words far apart in both (a stock phrase here and there) share no passage.
        var random = new Random(15);
        using var detector = new DuplicateDetector();
        var texts = new Dictionary<string, string>();
        var edited = new List<(string Quoting, string Source)>();
        var scattered = new List<(string Quoting, string Source)>();
        for (int i = 0; i < 40; i++)
        {
            var source = Sentences(random, random.Next(60, 90));
            detector.Add(Id(i), string.Join(' ', source));
            var own = Sentences(random, 60).ToList();
            own.InsertRange(own.Count / 2, Passage(random, source).Select(w => random.Next(5) == 0 ? "x" + random.Next(1_000_000) : w));
            texts[Id(100 + i)] = string.Join(' ', own);
            detector.Add(Id(100 + i), texts[Id(100 + i)]);
            edited.Add((Id(100 + i), Id(i)));
            texts[Id(200 + i)] = string.Join(' ', PhrasesFarApart(random, source));
            detector.Add(Id(200 + i), texts[Id(200 + i)]);
            scattered.Add((Id(200 + i), Id(i)));
        }
        var result = detector.Cluster(includePairs: true);

        var linked = result.Pairs.ToDictionary(p => (p.First, p.Second));
        var editedLinks = edited.Where(q => linked.ContainsKey(Ordered(q.Quoting, q.Source))).Select(q => linked[Ordered(q.Quoting, q.Source)]).ToList();
        Assert.InRange(editedLinks.Count, 28, 40);
        Assert.All(editedLinks, p => Assert.Equal(PairRelation.Reuse, p.Relation));
        Assert.All(editedLinks, p => Assert.InRange(p.Containment, 0, 0.049));
        Assert.DoesNotContain(scattered, q => linked.ContainsKey(Ordered(q.Quoting, q.Source)));
        var clusterOf = result.Clusters.SelectMany(c => c.Members.Select(m => (m.Id, c.Id))).ToDictionary(x => x.Item1, x => x.Item2);
        Assert.All(edited.Concat(scattered), q => Assert.NotEqual(clusterOf[q.Source], clusterOf[q.Quoting]));

        // A query finds the passage as the clusterer does.
        int queried = edited.Count(q => detector.Query(texts[q.Quoting]).Any(m => m.Id == q.Source && m.Relation == PairRelation.Reuse));
        Assert.InRange(queried, editedLinks.Count - 4, 40);
        Assert.DoesNotContain(scattered, q => detector.Query(texts[q.Quoting]).Any(m => m.Id == q.Source));
    }

    /// <summary>A text of its own with 12 six-word phrases of the source, each 150 words from the next in both.</summary>
    private static string[] PhrasesFarApart(Random random, string[] source)
    {
        var words = Sentences(random, 100).ToList();
        for (int k = 11; k >= 0; k--)
        {
            int at = 40 + k * 110;
            words.InsertRange(at, source.AsSpan(k * (source.Length - 6) / 12, 6).ToArray());
        }
        return [.. words];
    }

    private static string Id(int i) => "doc" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static (string, string) Ordered(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    /// <summary>Three to five whole sentences from anywhere in the source.</summary>
    private static string[] Passage(Random random, string[] source)
    {
        var ends = Enumerable.Range(0, source.Length).Where(i => source[i].EndsWith('.')).ToArray();
        int count = random.Next(3, 6);
        int first = random.Next(0, ends.Length - count);
        int start = ends[first] + 1, end = ends[first + count];
        return source[start..(end + 1)];
    }

    /// <summary>Sentences of 15 to 25 words drawn from a vocabulary of 30,000, each ending with a full stop.</summary>
    private static string[] Sentences(Random random, int count)
    {
        var words = new List<string>();
        for (int s = 0; s < count; s++)
        {
            int length = random.Next(15, 26);
            for (int w = 0; w < length; w++)
            {
                words.Add("w" + random.Next(0, 30_000).ToString(System.Globalization.CultureInfo.InvariantCulture) + (w == length - 1 ? "." : ""));
            }
        }
        return [.. words];
    }
}

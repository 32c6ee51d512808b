using NearDup.Corpus;

namespace NearDup.Tests.Corpus;

public sealed class StoryCopyGeneratorTests
{
    private static readonly List<BaseStory> s_stories = NewsLikeStories.Make(80);

    [Fact]
    public void Write_SameSeed_ByteIdenticalWhateverThreads()
    {
        var (docs1, labels1) = Bytes(CorpusOptions.Default with { Seed = 3, MaxDegreeOfParallelism = 1 });
        var (docs4, labels4) = Bytes(CorpusOptions.Default with { Seed = 3, MaxDegreeOfParallelism = 4 });
        var (otherSeed, _) = Bytes(CorpusOptions.Default with { Seed = 4 });
        Assert.Equal(docs1, docs4);
        Assert.Equal(labels1, labels4);
        Assert.NotEqual(docs1, otherSeed);
    }

    [Fact]
    public void Generate_DefaultMix_EveryRoleAndBothHardNegatives()
    {
        var generator = new StoryCopyGenerator(s_stories, CorpusOptions.Default with { Seed = 5 });
        var roles = generator.Generate().GroupBy(d => d.Role).ToDictionary(g => g.Key, g => g.Count());
        foreach (string role in DocumentRoles.All)
        {
            Assert.True(roles.GetValueOrDefault(role) > 0, $"no {role} documents");
        }

        Assert.Equal(s_stories.Count, roles[DocumentRoles.Original]);
        Assert.True(generator.FollowUps > 0 && generator.QuoteCarriers > 0, $"{generator.FollowUps} follow-ups, {generator.QuoteCarriers} quote carriers");
    }

    [Fact]
    public void Generate_Labels_OneOriginalPerStoryClusterAndCopiesOfIt()
    {
        var docs = new StoryCopyGenerator(s_stories, CorpusOptions.Default with { Seed = 6 }).Generate().ToList();
        Assert.Equal(docs.Count, docs.Select(d => d.Id).Distinct().Count());
        var bases = s_stories.ToDictionary(s => s.Id);
        foreach (var story in docs.GroupBy(d => d.Cluster))
        {
            Assert.True(bases.ContainsKey(story.Key), $"cluster {story.Key} is no base story");
            var original = Assert.Single(story, d => d.Role == DocumentRoles.Original);
            var grams = FiveGrams.Of(original.Text);
            foreach (var copy in story.Where(d => d.Role != DocumentRoles.Original))
            {
                AssertShape(copy, original.Text, grams);
            }
        }
    }

    [Fact]
    public void Generate_HardNegatives_CarryAParagraphOrAQuoteOfAnotherStory()
    {
        var generator = new StoryCopyGenerator(s_stories, CorpusOptions.Default with { Seed = 7, HardNegativeRate = 0.4 });
        var bases = s_stories.ToDictionary(s => s.Id);
        int followUps = 0;
        int quotes = 0;
        foreach (var original in generator.Generate().Where(d => d.Role == DocumentRoles.Original && d.Text != bases[d.Cluster].Text))
        {
            string inserted = Assert.Single(Paragraphs(original.Text).Except(Paragraphs(bases[original.Cluster].Text)));
            var source = Assert.Single(s_stories, s => s.Id != original.Cluster && s.Text.Contains(inserted, StringComparison.Ordinal));
            bool isQuote = inserted.StartsWith('"') && inserted.EndsWith('.') && inserted.Count(c => c == '.') == 1;
            if (isQuote)
            {
                quotes++;
                continue;
            }

            followUps++;
            Assert.True(source.Text.IndexOf(inserted, StringComparison.Ordinal) >= source.Text.Length / 2, $"{original.Cluster}: the background comes from the upper half of {source.Id}");
            Assert.True(original.Text.IndexOf(inserted, StringComparison.Ordinal) >= bases[original.Cluster].Text.Length / 2, $"{original.Cluster}: the background is not lower down");
        }

        Assert.Equal(generator.FollowUps, followUps);
        Assert.Equal(generator.QuoteCarriers, quotes);
        Assert.True(followUps >= 10, $"{followUps} follow-ups");
    }

    [Fact]
    public void Generate_RewriteStrength_LightKeepsMostHeavyLittle()
    {
        double light = MedianRewriteShare(new StrengthRange(0, 0));
        double heavy = MedianRewriteShare(new StrengthRange(1, 1));
        // The fixture's words are commoner in the synonym table than news is (on the BBC texts: 0.63 and 0.12).
        Assert.InRange(light, 0.45, 0.8);
        Assert.InRange(heavy, 0.01, 0.25);
        Assert.True(light > 3 * heavy, $"light {light:F3}, heavy {heavy:F3}");
    }

    [Fact]
    public void Generate_MaxDocuments_CutsOutputToIt()
    {
        var generator = new StoryCopyGenerator(s_stories, CorpusOptions.Default, maxDocuments: 41);
        Assert.Equal(41, generator.Generate().Count());
        Assert.True(generator.Stories < s_stories.Count);
    }

    [Fact]
    public void Constructor_CopiesOfEarlierStories_LeftOut()
    {
        var stories = NewsLikeStories.Make(10);
        stories.Add(new BaseStory("resaved", stories[2].Text.ToUpperInvariant() + "\n\nUpdated at noon."));
        var generator = new StoryCopyGenerator(stories);
        Assert.Equal(1, generator.CopiesLeftOut);
        Assert.DoesNotContain(generator.Generate(), d => d.Cluster == "resaved");
    }

    [Fact]
    public void Constructor_TooFewStories_SaysHowManyAreNeeded()
    {
        var e = Assert.Throws<ArgumentException>(() => new StoryCopyGenerator(NewsLikeStories.Make(2)));
        Assert.Contains("at least 3", e.Message, StringComparison.Ordinal);
    }

    private static void AssertShape(GeneratedDocument copy, string original, HashSet<string> grams)
    {
        var copyGrams = FiveGrams.Of(copy.Text);
        double kept = FiveGrams.Containment(grams, copyGrams);
        switch (copy.Role)
        {
            case DocumentRoles.Exact:
                Assert.Equal(FiveGrams.NormalizeExact(original), FiveGrams.NormalizeExact(copy.Text));
                break;
            case DocumentRoles.Syndicated:
                Assert.True(kept > 0.97, $"{copy.Id}: syndicated keeps {kept:F3} of the original");
                break;
            case DocumentRoles.Rewritten:
                Assert.InRange(kept, 0.005, 0.9);
                break;
            default:
                Assert.True(Paragraphs(copy.Text).Intersect(Paragraphs(original)).Count() >= 2, $"{copy.Id}: the excerpt quotes fewer than two paragraphs");
                Assert.InRange(FiveGrams.Containment(copyGrams, grams), 0.1, 0.9);
                break;
        }
    }

    private static double MedianRewriteShare(StrengthRange strength)
    {
        var options = CorpusOptions.Default with { Seed = 8, RewriteStrength = strength, ExactRate = 0, SyndicatedRate = 0, ExcerptRate = 0, RewrittenRate = 0.5 };
        var docs = new StoryCopyGenerator(s_stories, options).Generate().ToList();
        var originals = docs.Where(d => d.Role == DocumentRoles.Original).ToDictionary(d => d.Cluster, d => FiveGrams.Of(d.Text));
        var shares = docs.Where(d => d.Role == DocumentRoles.Rewritten).Select(d => FiveGrams.Containment(originals[d.Cluster], FiveGrams.Of(d.Text))).Order().ToList();
        Assert.True(shares.Count >= 20, $"{shares.Count} rewrites");
        return shares[shares.Count / 2];
    }

    private static IEnumerable<string> Paragraphs(string text) =>
        text.Replace('\u201c', '"').Replace('\u201d', '"').Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (byte[] Docs, byte[] Labels) Bytes(CorpusOptions options)
    {
        using var docs = new MemoryStream();
        using var labels = new MemoryStream();
        new StoryCopyGenerator(s_stories, options).Write(docs, labels);
        return (docs.ToArray(), labels.ToArray());
    }
}

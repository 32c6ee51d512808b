using System.Globalization;
using NearDup.Corpus.Internal;

namespace NearDup.Corpus;

/// <summary>
/// A small, fixed, seed-shaped document set for tests, in the shape of a real syndication case:
/// one long story, a syndicated copy with another site's header and footer, a heavily spun rewrite
/// (about 10–15% word-5-gram Jaccard with the story), an excerpt post (a few quoted paragraphs, its
/// own sentences and a related-posts footer; about 25–35% of its 5-grams come from the story), and
/// two different stories on the same topic (same names, places and officials, under 0.5% 5-gram
/// Jaccard with the story). All text is generated; none is copied from real articles.
/// </summary>
public static class Fixtures
{
    /// <summary>Cluster of the story and its three copies.</summary>
    public const string StoryCluster = "fixture-story";

    /// <summary>Cluster of the first same-topic hard negative.</summary>
    public const string FirstNegativeCluster = "fixture-negative-1";

    /// <summary>Cluster of the second same-topic hard negative.</summary>
    public const string SecondNegativeCluster = "fixture-negative-2";

    private const ulong Seed = 0x5EED;

    // Calibrated so the spun copy lands at ~12% Jaccard, like the seed's spun copy.
    private const double RewriteStrength = 0.8;

    /// <summary>
    /// The six documents, in this order: story (original), syndicated, rewritten, excerpt, and the
    /// two hard negatives (originals of their own clusters). Deterministic; a new list per call.
    /// </summary>
    public static IReadOnlyList<GeneratedDocument> SeedShaped()
    {
        var topic = Topic.Create(Seed, 0);
        var origin = Site.Create(Seed, 0);
        var rng = Rng.For(Seed, 0, Streams.Fixture);
        var prose = new ProseWriter(rng, topic, []);
        var story = Story.Write(prose, 1000, quoteStatement: true);
        var date = new DateOnly(2020, 9, 30);
        string syndicated = CopyWriter.Syndicated(story, Site.Create(Seed, 1), origin, date, rng);
        string rewritten = CopyWriter.Rewritten(story, RewriteStrength, prose, Site.Create(Seed, 2), rng);
        string excerpt = CopyWriter.Excerpt(story, 0.3, relatedFooter: true, prose, Site.Create(Seed, 3), origin, rng);

        var first = Story.Write(new ProseWriter(Rng.For(Seed, 1, Streams.Fixture), topic, []), 650, quoteStatement: true);
        var second = Story.Write(new ProseWriter(Rng.For(Seed, 2, Streams.Fixture), topic, []), 500, quoteStatement: true);
        return
        [
            new("fixture-0", story.Render(), Iso(date), origin.Name, StoryCluster, DocumentRoles.Original),
            new("fixture-1", syndicated, Iso(date), Site.Create(Seed, 1).Name, StoryCluster, DocumentRoles.Syndicated),
            new("fixture-2", rewritten, Iso(date.AddDays(1)), Site.Create(Seed, 2).Name, StoryCluster, DocumentRoles.Rewritten),
            new("fixture-3", excerpt, Iso(date.AddDays(1)), Site.Create(Seed, 3).Name, StoryCluster, DocumentRoles.Excerpt),
            new("fixture-4", first.Render(), "2020-02-14", Site.Create(Seed, 4).Name, FirstNegativeCluster, DocumentRoles.Original),
            new("fixture-5", second.Render(), "2017-11-03", Site.Create(Seed, 5).Name, SecondNegativeCluster, DocumentRoles.Original),
        ];
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using NearDup.Clustering;
using NearDup.Corpus;
using NearDup.Tests.Cli;

namespace NearDup.Tests.Readme;

/// <summary>README code is a test: the quick start below is the README's, line for line, and it runs.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReadmeTests
{
    [Fact]
    public void QuickStart_IsInReadme_AndRuns()
    {
        var fixtures = Fixtures.SeedShaped();
        string wireStory = fixtures[0].Text, spunCopy = fixtures[2].Text, blogPostQuotingIt = fixtures[3].Text, otherStorySameTopic = fixtures[4].Text;
        string newArticle = fixtures[1].Text;
        var output = new StringWriter();
        var saved = Console.Out;
        Console.SetOut(output);
        IReadOnlyList<QueryMatch> found;
        try
        {
            // README quick start begin
            var detector = new DuplicateDetector();          // defaults catch exact, syndicated, rewritten and excerpt copies
            detector.Add("wire", wireStory);
            detector.Add("spun", spunCopy);
            detector.Add("blog", blogPostQuotingIt);
            detector.Add("other", otherStorySameTopic);
            foreach (DocumentCluster cluster in detector.Cluster().Clusters)
            {
                foreach (ClusterMember member in cluster.Members)
                {
                    Console.WriteLine($"{cluster.Id} {member.Id} {member.Role} J={member.Jaccard} C={member.Containment}");
                }
            }
            IReadOnlyList<QueryMatch> matches = detector.Query(newArticle); // what a new text copies, without adding it
            // README quick start end
            found = matches;
        }
        finally
        {
            Console.SetOut(saved);
        }
        string printed = output.ToString();
        Assert.Contains("c000001 wire Canonical", printed);
        Assert.Contains("c000001 spun Rewritten", printed);
        Assert.Contains("c000001 blog Excerpt", printed);
        Assert.Contains("c000002 other Canonical", printed);
        Assert.Contains(found, m => m.Id == "wire" && m.Role == CopyRole.Syndicated);

        string snippet = ExtractSnippet(ThisFile());
        string readme = File.ReadAllText(Path.Combine(SharedCorpus.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        Assert.True(readme.Contains("```csharp\n" + snippet + "```", StringComparison.Ordinal), "README's quick start differs from ReadmeTests; copy it from there:\n" + snippet);
    }

    [Fact]
    public void OptionsTable_MatchesNearDupOptions()
    {
        string readme = File.ReadAllText(Path.Combine(SharedCorpus.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var rows = readme.Split('\n')
            .SkipWhile(l => l != "## Options").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1].Trim('`'), cells => cells[2]);
        var properties = typeof(NearDupOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.Equal(properties.Select(p => p.Name).Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        var defaults = NearDupOptions.Default;
        foreach (var property in properties)
        {
            object? value = property.GetValue(defaults);
            if (value is IFormattable formattable)
            {
                Assert.Equal(formattable.ToString(null, CultureInfo.InvariantCulture), rows[property.Name]);
            }
        }
        Assert.StartsWith(defaults.MinHash.Permutations.ToString(CultureInfo.InvariantCulture), rows["MinHash"], StringComparison.Ordinal);
        Assert.StartsWith($"word {defaults.Shingles.Size}-grams", rows["Shingles"], StringComparison.Ordinal);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static string ExtractSnippet(string path)
    {
        var lines = File.ReadAllLines(path);
        int begin = Array.FindIndex(lines, l => l.Trim() == "// README quick start begin");
        int end = Array.FindIndex(lines, l => l.Trim() == "// README quick start end");
        var body = lines[(begin + 1)..end];
        int indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Concat(body.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()) + "\n"));
    }
}

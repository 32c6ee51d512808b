using System.Text.Json;
using NearDup.Cli;
using NearDup.Corpus;

namespace NearDup.Tests.Cli;

/// <summary><c>cluster --min-jaccard</c>, an explicit <c>--min-containment</c> and <c>--kinds</c> bound what is reported.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ClusterBoundsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("neardup-bounds-").FullName;

    public ClusterBoundsTests() => new CorpusGenerator(CorpusOptions.Default with { Documents = 1000, Seed = 1 }).Write(_dir);

    private string Docs => Path.Combine(_dir, "docs.jsonl");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Cluster_MinJaccardAndMinContainment_BoundEveryMemberAndEveryPair()
    {
        string bounded = Path.Combine(_dir, "bounded.jsonl"), pairs = Path.Combine(_dir, "pairs.jsonl"), plain = Path.Combine(_dir, "plain.jsonl");
        Assert.Equal(0, Program.Main(["cluster", Docs, "-o", plain, "-q"]));
        Assert.Equal(0, Program.Main(["cluster", Docs, "-o", bounded, "-q", "--min-jaccard", "0.8", "--min-containment", "0.8"]));
        Assert.Equal(0, Program.Main(["cluster", Docs, "-o", pairs, "-q", "--pairs", "--min-jaccard", "0.8", "--min-containment", "0.8"]));
        // Without bounds this corpus has copies far below them, so the bounds have work to do.
        Assert.Contains(Members(plain), m => m.Role != "canonical" && (m.Jaccard < 0.8 || m.Containment < 0.8));
        var members = Members(bounded).ToList();
        Assert.Equal(Members(plain).Count(), members.Count);
        Assert.Equal(members.Count, members.Select(m => m.Id).Distinct().Count());
        Assert.Contains(members, m => m.Role != "canonical");
        Assert.All(members.Where(m => m.Role != "canonical"), m => Assert.True(m.Jaccard >= 0.8 && m.Containment >= 0.8, $"{m}"));
        var pairScores = File.ReadLines(pairs).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(p => (J: p.GetProperty("jaccard").GetDouble(), C: p.GetProperty("containment").GetDouble())).ToList();
        Assert.NotEmpty(pairScores);
        Assert.All(pairScores, p => Assert.True(p.J >= 0.8 && p.C >= 0.8, $"{p}"));
    }

    [Fact]
    public void Cluster_Kinds_SplitsOtherRolesIntoSingletonsAndDefaultsChangeNothing()
    {
        string plain = Path.Combine(_dir, "plain.jsonl"), all = Path.Combine(_dir, "all.jsonl"), some = Path.Combine(_dir, "some.jsonl");
        Assert.Equal(0, Program.Main(["cluster", Docs, "-o", plain, "-q"]));
        Assert.Equal(0, Program.Main(["cluster", Docs, "-o", all, "-q", "--kinds", "exact,syndicated,rewritten,excerpt", "--min-jaccard", "0"]));
        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(all));
        Assert.Equal(0, Program.Main(["cluster", Docs, "-o", some, "-q", "--kinds", "exact,syndicated"]));
        var members = Members(some).ToList();
        Assert.Equal(Members(plain).Select(m => m.Id).Order(), members.Select(m => m.Id).Order());
        Assert.All(members, m => Assert.Contains(m.Role, (string[])["canonical", "exact", "syndicated"]));
        int rewrittenOrExcerpt = Members(plain).Count(m => m.Role is "rewritten" or "excerpt");
        Assert.True(rewrittenOrExcerpt > 0);
        Assert.Equal(File.ReadLines(plain).Count() + rewrittenOrExcerpt, File.ReadLines(some).Count());
        // Clusters are numbered again, largest first.
        var sizes = File.ReadLines(some).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("size").GetInt32()).ToList();
        Assert.Equal(sizes.OrderDescending(), sizes);
    }

    private static IEnumerable<(string Cluster, string Id, string Role, double Jaccard, double Containment)> Members(string clusters)
    {
        foreach (string line in File.ReadLines(clusters))
        {
            using var json = JsonDocument.Parse(line);
            string cluster = json.RootElement.GetProperty("cluster").GetString()!;
            foreach (var m in json.RootElement.GetProperty("members").EnumerateArray())
            {
                yield return (cluster, m.GetProperty("id").GetString()!, m.GetProperty("role").GetString()!,
                    m.GetProperty("jaccard").GetDouble(), m.GetProperty("containment").GetDouble());
            }
        }
    }
}

using NearDup.Cli.Report;
using NearDup.Clustering;

namespace NearDup.Tests.Report;

public sealed class ClustersFileTests
{
    private static IReadOnlyList<ReportCluster> Read(string text) => ClustersFile.Read(new StringReader(text), "clusters.jsonl");

    private static string ReadError(string text) => Assert.Throws<ReportInputException>(() => Read(text)).Message;

    [Fact]
    public void Read_Seeds_CanonicalFirstAndScores()
    {
        var clusters = Read(ReportSeeds.ClustersJsonl);

        Assert.Equal(["c000001", "c000002", "c000003", "c000004"], clusters.Select(c => c.Id));
        Assert.Equal([4, 2, 1, 1], clusters.Select(c => c.Members.Count));
        Assert.Equal(new ClusterMember(ReportSeeds.NoticeId, CopyRole.Canonical, 1, 1), clusters[1].Canonical);
        Assert.Equal(new ClusterMember(ReportSeeds.MirrorId, CopyRole.Syndicated, 0.9, 0.95), clusters[1].Members[1]);
        Assert.Equal(CopyRole.Excerpt, clusters[0].Members[2].Role);
        Assert.True(clusters[2].IsSingleton);
    }

    [Fact]
    public void Read_BlankLines_Skipped()
        => Assert.Single(Read("\n  \n{\"cluster\":\"c1\",\"canonical\":\"a\",\"members\":[{\"id\":\"a\",\"role\":\"canonical\",\"jaccard\":1,\"containment\":1}]}\n\n"));

    [Theory]
    [InlineData("{\"cluster\":\"c1\"", "clusters.jsonl:2: not valid JSON")]
    [InlineData("[1,2]", "clusters.jsonl:2: expected a JSON object")]
    [InlineData("{\"canonical\":\"a\",\"members\":[]}", "clusters.jsonl:2: missing string field 'cluster'")]
    [InlineData("{\"cluster\":\"c2\",\"canonical\":\"b\"}", "clusters.jsonl:2: missing array field 'members'")]
    [InlineData("{\"cluster\":\"c2\",\"canonical\":\"b\",\"members\":[{\"id\":\"b\",\"role\":\"copy\",\"jaccard\":1,\"containment\":1}]}", "clusters.jsonl:2: members[0].role 'copy' is not one of canonical, exact, syndicated, rewritten, excerpt")]
    [InlineData("{\"cluster\":\"c2\",\"canonical\":\"b\",\"members\":[{\"id\":\"b\",\"role\":\"canonical\",\"jaccard\":1.5,\"containment\":1}]}", "clusters.jsonl:2: members[0].jaccard must be a number from 0 to 1")]
    [InlineData("{\"cluster\":\"c2\",\"canonical\":\"b\",\"members\":[{\"id\":\"b\",\"role\":\"canonical\",\"jaccard\":1}]}", "clusters.jsonl:2: members[0].containment must be a number from 0 to 1")]
    [InlineData("{\"cluster\":\"c2\",\"canonical\":\"z\",\"members\":[{\"id\":\"b\",\"role\":\"canonical\",\"jaccard\":1,\"containment\":1}]}", "clusters.jsonl:2: canonical 'z' is not among the members")]
    [InlineData("{\"cluster\":\"c1\",\"canonical\":\"b\",\"members\":[{\"id\":\"b\",\"role\":\"canonical\",\"jaccard\":1,\"containment\":1}]}", "clusters.jsonl:2: cluster id 'c1' occurs twice")]
    [InlineData("{\"cluster\":\"c2\",\"canonical\":\"a\",\"members\":[{\"id\":\"a\",\"role\":\"canonical\",\"jaccard\":1,\"containment\":1}]}", "clusters.jsonl:2: document 'a' is already a member of a cluster on line 1")]
    public void Read_MalformedSecondLine_ErrorNamesFileAndLine(string line, string expectedStart)
    {
        const string first = "{\"cluster\":\"c1\",\"canonical\":\"a\",\"members\":[{\"id\":\"a\",\"role\":\"canonical\",\"jaccard\":1,\"containment\":1}]}";

        var message = ReadError(first + "\n" + line + "\n");

        Assert.StartsWith(expectedStart, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ErrorNamesPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "neardup-no-such-dir", "clusters.jsonl");

        var error = Assert.Throws<ReportInputException>(() => ClustersFile.Load(path));

        Assert.Equal($"{path}: clusters file not found", error.Message);
    }
}

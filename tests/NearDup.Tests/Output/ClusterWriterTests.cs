using System.Text;
using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Tests.Output;

/// <summary>CSV output neutralises ids that a spreadsheet would evaluate as formulas (OWASP "CSV Injection").</summary>
public sealed class ClusterWriterTests
{
    private static string Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("a=1", "a=1")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Csv_FormulaStart_IsPrefixedWithQuote(string id, string expected) => Assert.Equal(expected, ClusterWriter.Csv(id));

    [Fact]
    public void WriteClusters_Csv_FormulaIdsArePrefixed()
    {
        var cluster = new DocumentCluster("=c1", "@canon", [new ClusterMember("@canon", CopyRole.Canonical, 1, 1), new ClusterMember("-copy", CopyRole.Exact, 1, 1)]);
        string csv = Write(s => ClusterWriter.WriteClusters(s, [cluster], OutputFormat.Csv));
        Assert.Equal("cluster,canonical,id,role,jaccard,containment\n'=c1,'@canon,'@canon,canonical,1,1\n'=c1,'@canon,'-copy,exact,1,1\n", csv);
    }

    [Fact]
    public void WritePairs_Csv_FormulaIdsArePrefixed()
    {
        var pair = new VerifiedPair("+a", "=b", 0.5, 0.75, 12) { ContainmentOfFirst = 0.75, ContainmentOfSecond = 0.5 };
        string csv = Write(s => ClusterWriter.WritePairs(s, [pair], OutputFormat.Csv));
        Assert.Equal("a,b,jaccard,containment,containment_a,containment_b,shared,relation,kind\n'+a,'=b,0.5,0.75,0.75,0.5,12,copy,\n", csv);
    }
}

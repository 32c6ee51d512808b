using System.Text.Json;
using NearDup.Clustering;
using NearDup.Persistence;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class IndexCompressionOptionTests
{
    private static string WriteCorpus(string folder)
    {
        string docs = Path.Combine(folder, "docs.jsonl");
        File.WriteAllLines(docs, IndexTestData.Corpus.Take(80).Select(d => JsonSerializer.Serialize(new { id = d.Id, text = d.Text, date = d.Date })));
        return docs;
    }

    [Fact]
    public void IndexBuild_CompressionNoneAndLz4_SameQueryAnswers_Lz4Smaller()
    {
        using var folder = new TempFolder();
        string docs = WriteCorpus(folder.Path);
        string none = Path.Combine(folder.Path, "none"), lz4 = Path.Combine(folder.Path, "lz4");
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", none, "--index-compression", "none", "-q").Exit);
        var build = CliHarness.Run("index", "build", docs, "--index", lz4);
        Assert.Equal(0, build.Exit);
        Assert.Contains("(saved in ", build.Error, StringComparison.Ordinal);

        Assert.All(IndexInfo.Read(none).Sections, s => Assert.Equal("raw", s.Codec));
        Assert.All(IndexInfo.Read(lz4).Sections, s => Assert.Equal("lz4", s.Codec));
        Assert.True(IndexInfo.Read(lz4).FileBytes < IndexInfo.Read(none).FileBytes * 0.85);
        Assert.Equal(IndexTestData.QueryAll(DuplicateDetector.Load(none)), IndexTestData.QueryAll(DuplicateDetector.Load(lz4)));
    }

    [Fact]
    public void IndexAdd_CompressionNone_RewritesTheIndexRaw()
    {
        using var folder = new TempFolder();
        string docs = WriteCorpus(folder.Path);
        string index = Path.Combine(folder.Path, "idx");
        string more = Path.Combine(folder.Path, "more.jsonl");
        File.WriteAllLines(more, [JsonSerializer.Serialize(new { id = "zz-new", text = IndexTestData.Corpus[100].Text })]);
        Assert.Equal(0, CliHarness.Run("index", "build", docs, "--index", index, "-q").Exit);
        Assert.Equal(0, CliHarness.Run("index", "add", index, more, "--index-compression", "none", "-q").Exit);
        var info = IndexInfo.Read(index);
        Assert.Equal(81, info.Documents);
        Assert.All(info.Sections, s => Assert.Equal("raw", s.Codec));
    }

    [Fact]
    public void IndexBuild_UnknownCompression_Exit2NamingTheFlag()
    {
        using var folder = new TempFolder();
        string docs = WriteCorpus(folder.Path);
        var run = CliHarness.Run("index", "build", docs, "--index", Path.Combine(folder.Path, "idx"), "--index-compression", "zstd");
        Assert.Equal(2, run.Exit);
        Assert.Contains("--index-compression must be lz4 or none; got 'zstd'.", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "idx")));
    }
}

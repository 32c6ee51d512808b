using System.IO.Compression;
using System.Text;
using NearDup.Cli.Report;

namespace NearDup.Tests.Report;

public sealed class ReportDocumentsTests
{
    private static HashSet<string> Ids(params string[] ids) => new(ids, StringComparer.Ordinal);

    [Fact]
    public void Load_Folder_IdsAreRelativePathsWithoutExtension()
    {
        using var temp = new TempDirectory();
        var (docs, _) = ReportSeeds.Write(temp.Path);

        var texts = ReportDocuments.Load(docs, Ids(ReportSeeds.StoryId, ReportSeeds.MirrorId));

        Assert.Equal(2, texts.Count);
        Assert.Equal(ReportSeeds.Story, texts[ReportSeeds.StoryId]);
        Assert.Equal(ReportSeeds.Mirror, texts[ReportSeeds.MirrorId]);
    }

    [Fact]
    public void Load_FolderWithTwoFilesForOneId_Error()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "a.txt"), "one");
        File.WriteAllText(Path.Combine(temp.Path, "a.md"), "two");

        var error = Assert.Throws<ReportInputException>(() => ReportDocuments.Load(temp.Path, Ids("a")));

        Assert.Contains("document id 'a' is also the id of", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_Jsonl_OnlyNeededIds(bool gzip)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, gzip ? "docs.jsonl.gz" : "docs.jsonl");
        const string jsonl = "{\"id\":\"a\",\"text\":\"alpha </script>\"}\n\n{\"text\":\"beta\",\"id\":\"b\"}\n{\"id\":7,\"text\":\"seven\"}\n";
        using (var file = File.Create(path))
        using (Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file)
        {
            stream.Write(Encoding.UTF8.GetBytes(jsonl));
        }

        var texts = ReportDocuments.Load(path, Ids("a", "7"));

        Assert.Equal(2, texts.Count);
        Assert.Equal("alpha </script>", texts["a"]);
        Assert.Equal("seven", texts["7"]);
    }

    [Theory]
    [InlineData("{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":", "docs.jsonl:2: not valid JSON")]
    [InlineData("{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\"}", "docs.jsonl:2: missing string field 'text'")]
    [InlineData("{\"id\":\"a\",\"text\":\"ok\"}\n{\"text\":\"x\"}", "docs.jsonl:2: missing field 'id' (string or number)")]
    [InlineData("{\"id\":\"a\",\"text\":\"ok\"}\n\"text\"", "docs.jsonl:2: expected a JSON object")]
    [InlineData("{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"a\",\"text\":\"again\"}", "docs.jsonl:2: document id 'a' already defined on line 1")]
    public void Load_BadJsonlLine_ErrorNamesFileAndLine(string jsonl, string expectedEnd)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "docs.jsonl");
        File.WriteAllText(path, jsonl);

        var error = Assert.Throws<ReportInputException>(() => ReportDocuments.Load(path, Ids("a", "b")));

        Assert.StartsWith(Path.Combine(temp.Path, expectedEnd), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingPath_Error()
    {
        var path = Path.Combine(Path.GetTempPath(), "neardup-no-such-input");

        var error = Assert.Throws<ReportInputException>(() => ReportDocuments.Load(path, Ids("a")));

        Assert.StartsWith($"{path}: INPUT not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NeededIdAbsent_ErrorListsIt()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "a.txt"), "one");

        var error = Assert.Throws<ReportInputException>(() => ReportDocuments.Load(temp.Path, Ids("a", "x/y", "z")));

        Assert.Equal($"{temp.Path}: 2 document(s) named in the clusters file not found: 'x/y', 'z'", error.Message);
    }

    [Fact]
    public void Load_FileThatIsNotJsonl_Error()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "docs.csv");
        File.WriteAllText(path, "id,text");

        var error = Assert.Throws<ReportInputException>(() => ReportDocuments.Load(path, Ids("a")));

        Assert.Contains("must be a folder of text files or a .jsonl / .jsonl.gz file", error.Message, StringComparison.Ordinal);
    }
}

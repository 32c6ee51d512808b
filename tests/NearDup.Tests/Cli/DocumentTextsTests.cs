using NearDup.Cli.Input;

namespace NearDup.Tests.Cli;

/// <summary>The texts the report and --pairs read again: through the one reader, with its fields, and every needed id found once.</summary>
public sealed class DocumentTextsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("neardup-texts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(params string[] lines)
    {
        string path = Path.Combine(_dir, "docs.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Load_OtherFields_KeepsOnlyTheNeededIds()
    {
        string path = Write("""{"doc":"a","body":"first"}""", """{"doc":"b","body":"second"}""", """{"doc":"c","body":"third"}""");
        var texts = DocumentTexts.Load(path, new InputOptions { IdField = "doc", TextField = "body" }, new HashSet<string> { "a", "c" });
        Assert.Equal(["a:first", "c:third"], texts.Select(t => $"{t.Key}:{t.Value}").Order());
    }

    [Fact]
    public void Load_NeededIdsAbsent_ErrorNamesTheInputAndThem()
    {
        string path = Write("""{"id":"a","text":"first"}""");
        var e = Assert.Throws<InputException>(() => DocumentTexts.Load(path, new InputOptions(), new HashSet<string> { "a", "x", "y" }));
        Assert.Equal($"{path}: 2 id(s) of the clusters are not in it: x, y", e.Message);
    }

    [Fact]
    public void Load_NeededIdTwice_Error()
    {
        string path = Write("""{"id":"a","text":"first"}""", """{"id":"a","text":"again"}""");
        var e = Assert.Throws<InputException>(() => DocumentTexts.Load(path, new InputOptions(), new HashSet<string> { "a" }));
        Assert.StartsWith($"{path}:2: duplicate", e.Message, StringComparison.Ordinal);
    }
}

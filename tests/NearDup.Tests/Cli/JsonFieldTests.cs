using System.Text;
using NearDup.Cli.Input;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// What a JSONL line may hold besides its id and text: fields NearDup does not read are skipped whatever their depth
/// or content, and a numeric id is taken as written (README's bad-input table says so).
/// </summary>
public sealed class JsonFieldTests
{
    private const string Text = "the council voted on tuesday to rebuild the old harbour bridge";

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Read_MetaNested200Deep_Accepted(int threads)
    {
        string deep = new string('[', 100) + "{\"a\":" + new string('[', 99) + "1" + new string(']', 99) + "}" + new string(']', 100);
        var documents = ReadLines(threads, $"{{\"meta\":{deep},\"id\":\"a\",\"text\":\"{Text}\"}}", $"{{\"id\":\"b\",\"text\":\"{Text} too\",\"meta\":{deep}}}");
        Assert.Equal(["a", "b"], documents.Select(d => d.Id));
    }

    [Fact]
    public void Read_JsonArrayElementNested200Deep_Accepted()
    {
        using var folder = new TempFolder();
        string deep = new string('{', 1) + string.Concat(Enumerable.Repeat("\"m\":{", 199)) + "\"z\":1" + new string('}', 200);
        string path = Path.Combine(folder.Path, "docs.json");
        File.WriteAllText(path, $"[{{\"id\":\"a\",\"meta\":{deep},\"text\":\"{Text}\"}}]");
        Assert.Equal(["a"], new DocumentReader(path).Read().Select(d => d.Id));
    }

    [Fact]
    public void Read_UnreadFieldsWithAnyContent_Accepted()
    {
        byte[] line = [.. "{\"id\":\"a\",\"raw\":\"\\ud800 bad escape kept\",\"bytes\":\"caf"u8, 0xFF, .. "\",\"n\":1e999,\"x\":null,\"text\":\"t\\u00e9xt of a story\"}"u8];
        var documents = ReadRaw(1, line);
        var document = Assert.Single(documents);
        Assert.Equal("téxt of a story", Encoding.UTF8.GetString(document.Utf8Text.Span));
    }

    [Fact]
    public void Read_NumericId_TakenAsWritten()
    {
        var documents = ReadLines(1, $"{{\"id\":7,\"text\":\"{Text}\"}}", $"{{\"id\":-1.50,\"text\":\"{Text} too\"}}", $"{{\"id\":\"7.0\",\"text\":\"{Text} three\"}}");
        Assert.Equal(["7", "-1.50", "7.0"], documents.Select(d => d.Id));
    }

    [Fact]
    public void Read_NumericIdAndSameString_Duplicate()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllText(path, $"{{\"id\":7,\"text\":\"{Text}\"}}\n{{\"id\":\"7\",\"text\":\"{Text} too\"}}\n");
        var e = Assert.Throws<InputException>(() => new DocumentReader(path).Read().ToList());
        Assert.Contains("docs.jsonl:2: duplicate id '7'", e.Message);
    }

    private static List<NearDup.Clustering.DocumentInput> ReadLines(int threads, params string[] lines) =>
        ReadRaw(threads, [.. lines.Select(Encoding.UTF8.GetBytes)]);

    private static List<NearDup.Clustering.DocumentInput> ReadRaw(int threads, params byte[][] lines)
    {
        using var folder = new TempFolder();
        string path = CliHarness.WriteLines(folder.Path, "docs.jsonl", lines);
        return [.. new DocumentReader(path, new InputOptions { MaxDegreeOfParallelism = threads }).Read()];
    }
}

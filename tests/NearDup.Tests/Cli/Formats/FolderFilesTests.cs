using NearDup.Cli.Input;

namespace NearDup.Tests.Cli.Formats;

/// <summary>Text files' ids drop the extension unless that would make two ids equal; data files are told by name.</summary>
public sealed class FolderFilesTests
{
    [Fact]
    public void TextIds_StemsThatCollide_KeepExtension()
    {
        string[] relatives = ["a", "a.txt", "b.md", "c.txt", "c.txt.md", "d.txt", "sub/d.txt", "sub/d.md", ".hidden.txt"];

        string[] ids = FolderFiles.TextIds(relatives);

        Assert.Equal(["a", "a.txt", "b", "c", "c.txt.md", "d", "sub/d.txt", "sub/d.md", ".hidden"], ids);
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("docs.jsonl", true)]
    [InlineData("part/00001.jsonl.zst", true)]
    [InlineData("x.JSONL.GZ", true)]
    [InlineData("t.tsv.lz4", true)]
    [InlineData("train.parquet", true)]
    [InlineData("train.parquet.gz", false)]
    [InlineData("notes.txt", false)]
    [InlineData("backup.tar.gz", false)]
    [InlineData("jsonl", false)]
    public void IsData_ByName(string relative, bool data) => Assert.Equal(data, FolderFiles.IsData(relative));
}

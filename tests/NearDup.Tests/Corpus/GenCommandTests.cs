using NearDup.Cli.Commands;
using NearDup.Corpus;

namespace NearDup.Tests.Corpus;

public sealed class GenCommandTests
{
    [Fact]
    public void Invoke_ValidArguments_WritesFilesAndReturnsZero()
    {
        using var dir = new CorpusGeneratorTests.TempDir();
        int exit = GenCommand.Create().Parse(["--docs", "120", "--seed", "3", "--out", dir.Path, "--mix", "exact=0.1,syndicated=0.2", "--ocr-noise"]).Invoke();
        Assert.Equal(0, exit);
        Assert.Equal(120, File.ReadLines(Path.Combine(dir.Path, CorpusGenerator.DocsFileName)).Count());
        Assert.Equal(120, File.ReadLines(Path.Combine(dir.Path, CorpusGenerator.LabelsFileName)).Count());
    }

    [Theory]
    [InlineData("--docs", "0")]
    [InlineData("--docs", "ten")]
    [InlineData("--mix", "exact=2")]
    [InlineData("--mix", "clone=0.1")]
    [InlineData("--mix", "exact=0.5,syndicated=0.5")]
    [InlineData("--rewrite-strength", "0.9:0.1")]
    public void Invoke_BadArgument_NonZeroExit(string option, string value)
    {
        using var dir = new CorpusGeneratorTests.TempDir();
        Assert.NotEqual(0, GenCommand.Create().Parse([option, value, "--out", dir.Path]).Invoke());
    }

    [Fact]
    public void Write_ToStreams_SameBytesAsTheFolder()
    {
        using var dir = new CorpusGeneratorTests.TempDir();
        var options = CorpusOptions.Default with { Documents = 200, Seed = 5 };
        var toFolder = new CorpusGenerator(options).Write(dir.Path);
        using var docs = new MemoryStream();
        using var labels = new MemoryStream();
        var toStreams = new CorpusGenerator(options).Write(docs, labels);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Path, CorpusGenerator.DocsFileName)), docs.ToArray());
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Path, CorpusGenerator.LabelsFileName)), labels.ToArray());
        Assert.Equal(toFolder.DocsBytes, toStreams.DocsBytes);
        Assert.Equal(toFolder.LabelsBytes, toStreams.LabelsBytes);
    }

    [Fact]
    public void Invoke_LabelsWithoutStdout_ExitsTwo()
    {
        using var dir = new CorpusGeneratorTests.TempDir();
        Assert.Equal(2, GenCommand.Create().Parse(["--docs", "5", "--out", dir.Path, "--labels", Path.Combine(dir.Path, "l.jsonl")]).Invoke());
    }

    [Fact]
    public void Invoke_MissingOut_NonZeroExit() => Assert.NotEqual(0, GenCommand.Create().Parse(["--docs", "5"]).Invoke());

    [Fact]
    public void TryApplyMix_AllKinds_Applied()
    {
        Assert.True(GenCommand.TryApplyMix("exact=0.1, syndicated=0.2,rewritten=0.05,excerpt=0.15,hard-negative=0.4", CorpusOptions.Default, out var o, out _));
        Assert.Equal((0.1, 0.2, 0.05, 0.15, 0.4), (o.ExactRate, o.SyndicatedRate, o.RewrittenRate, o.ExcerptRate, o.HardNegativeRate));
    }
}

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
    public void Invoke_MissingOut_NonZeroExit() => Assert.NotEqual(0, GenCommand.Create().Parse(["--docs", "5"]).Invoke());

    [Fact]
    public void TryApplyMix_AllKinds_Applied()
    {
        Assert.True(GenCommand.TryApplyMix("exact=0.1, syndicated=0.2,rewritten=0.05,excerpt=0.15,hard-negative=0.4", CorpusOptions.Default, out var o, out _));
        Assert.Equal((0.1, 0.2, 0.05, 0.15, 0.4), (o.ExactRate, o.SyndicatedRate, o.RewrittenRate, o.ExcerptRate, o.HardNegativeRate));
    }
}

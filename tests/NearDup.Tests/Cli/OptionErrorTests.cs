using NearDup.Tests.Report;

namespace NearDup.Tests.Cli;

/// <summary>
/// Option errors speak in CLI terms: every engine option that the library rejects is named by its flag with the rule
/// as the user types it, in one line; a parse error is one line pointing to the command's --help, not the whole help.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OptionErrorTests
{
    public static TheoryData<string, string, string> BadValues => new()
    {
        { "--threads", "0", "--threads must be -1 or at least 1; got 0." },
        { "--threads", "-5", "--threads must be -1 or at least 1; got -5." },
        { "--shingle-size", "0", "--shingle-size must be 1 to 16; got 0." },
        { "--permutations", "0", "--permutations must be 1 to 1048576; got 0." },
        { "--lsh-threshold", "1", "--lsh-threshold must lie strictly between 0 and 1; got 1." },
        { "--min-containment", "0", "--min-containment must be above 0 and at most 1; got 0." },
        { "--min-shared", "0", "--min-shared must be at least 1; got 0." },
        { "--passage-shingles", "3", "--passage-shingles must be at least --min-shared; got 3." },
        { "--sample-rate", "0.3", "--sample-rate must be 1, 0.5, 0.25, 0.125, 0.0625, 0.03125 or 0.015625 (1/64); got 0.3." },
        { "--anchor-rate", "3", "--anchor-rate must be a power of two from 1 to 256; got 3." },
        { "--anchor-rate", "512", "--anchor-rate must be a power of two from 1 to 256; got 512." },
        { "--common-docs", "1", "--common-docs must be at least 2; got 1." },
        { "--min-jaccard", "1.5", "--min-jaccard must be 0 to 1; got 1.5." },
        { "--min-jaccard", "-0.1", "--min-jaccard must be 0 to 1; got -0.1." },
        { "--kinds", "exact,copies", "--kinds: unknown kind 'copies'; give a comma-separated list of exact, syndicated, rewritten, excerpt." },
    };

    [Theory, MemberData(nameof(BadValues))]
    public void Cluster_BadEngineOption_NamesTheCliOption(string option, string value, string expected)
    {
        using var folder = new TempDirectory();
        string docs = CliHarness.WriteNumbered(folder.Path, "docs.jsonl", "d", 3);
        var (exit, output, error) = CliHarness.Run("cluster", docs, option, value, "-o", Path.Combine(folder.Path, "out.jsonl"));
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("error: " + expected + "\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void IndexBuild_BadThreads_NamesTheCliOption()
    {
        using var folder = new TempDirectory();
        string docs = CliHarness.WriteNumbered(folder.Path, "docs.jsonl", "d", 3);
        var (exit, _, error) = CliHarness.Run("index", "build", docs, "--index", Path.Combine(folder.Path, "idx"), "--threads", "0");
        Assert.Equal(2, exit);
        Assert.Equal("error: --threads must be -1 or at least 1; got 0.", error.Trim());
    }

    [Fact]
    public void Cluster_UnknownOption_OneLinePointingToHelp()
    {
        var (exit, output, error) = CliHarness.Run("cluster", "docs.jsonl", "--bogus");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal("error: Unrecognized command or argument '--bogus'. See 'neardup cluster --help'.\n", error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--threads", "abc", "--threads takes a whole number; got 'abc'.")]
    [InlineData("--sample-rate", "half", "--sample-rate takes a number; got 'half'.")]
    [InlineData("--permutations", "many", "--permutations takes a whole number; got 'many'.")]
    public void Cluster_WrongTypeOfValue_OneLineInCliTermsPointingToHelp(string option, string value, string expected)
    {
        var (exit, output, error) = CliHarness.Run("cluster", "docs.jsonl", option, value);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"error: {expected} See 'neardup cluster --help'.\n", error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--docs", "0", "--docs must be at least 1; got 0.")]
    [InlineData("--threads", "0", "--threads must be -1 or at least 1; got 0.")]
    [InlineData("--threads", "-2", "--threads must be -1 or at least 1; got -2.")]
    public void Gen_OptionOutOfRange_NamesTheFlag(string option, string value, string expected)
    {
        var (exit, _, error) = CliHarness.Run("gen", option, value, "--out", "-");
        Assert.Equal(2, exit);
        Assert.Equal($"error: {expected} See 'neardup gen --help'.\n", error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("--min-run", "0", "--min-run must be at least 1; got 0.")]
    [InlineData("--max-text", "0", "--max-text must be at least 1; got 0.")]
    [InlineData("--max-total-text", "-1", "--max-total-text must be at least 0; got -1.")]
    [InlineData("--page-size", "0", "--page-size must be at least 1; got 0.")]
    public void Report_OptionOutOfRange_ExitCode2NamingTheFlag(string flag, string value, string message)
    {
        using var temp = new NearDup.Tests.Report.TempDirectory();
        var (docs, clusters) = NearDup.Tests.Report.ReportSeeds.Write(temp.Path);

        // Through the CLI's entry point, which answers a command-line error with exit 2.
        var (exitCode, _, stderr) = CliHarness.Run("report", docs, clusters, flag, value);

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: {message} See 'neardup report --help'.\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Gen_NegativeSeed_SaysWhatItTakes()
    {
        var (exit, _, error) = CliHarness.Run("gen", "--seed", "-3", "--out", "-");
        Assert.Equal(2, exit);
        Assert.Equal("error: --seed takes a whole number of 0 or more; got '-3'. See 'neardup gen --help'.\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void IndexAdd_WrongTypeOfValue_NamesTheSubcommandsHelp()
    {
        var (exit, _, error) = CliHarness.Run("index", "add", "idx", "docs.jsonl", "--threads", "2.5");
        Assert.Equal(2, exit);
        Assert.Equal("error: --threads takes a whole number; got '2.5'. See 'neardup index add --help'.\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void MistypedCommand_NamesWhatWasTyped()
    {
        var (exit, output, error) = CliHarness.Run("clustr", "docs.jsonl");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: Unrecognized command or argument 'clustr'.", line, StringComparison.Ordinal);
        Assert.EndsWith("See 'neardup --help'.", line, StringComparison.Ordinal);
    }
}

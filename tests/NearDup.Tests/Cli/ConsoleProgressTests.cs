using NearDup.Cli;

namespace NearDup.Tests.Cli;

/// <summary>Progress written to a file or pipe: whole lines, spaced in time, never a terminal's carriage returns.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleProgressTests
{
    private static string Capture(Action<ConsoleProgress> use, bool quiet, TimeSpan interval)
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            using var progress = new ConsoleProgress("reading", quiet, () => 2_000_000, () => 4_000_000, log: true, interval);
            use(progress);
        }
        finally
        {
            Console.SetError(saved);
        }
        return error.ToString();
    }

    [Fact]
    public void Log_IntervalPassed_WritesWholeLinesWithCountRateAndShare()
    {
        string written = Capture(p =>
        {
            p.Report(1234);
            p.Stage("clustering 3/7 groups");
        }, quiet: false, TimeSpan.Zero);
        string[] lines = written.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("reading [", lines[0], StringComparison.Ordinal);
        Assert.Contains("50% 1,234 docs", lines[0], StringComparison.Ordinal);
        Assert.Contains("MB/s", lines[0], StringComparison.Ordinal);
        Assert.Equal("clustering 3/7 groups", lines[1]);
        Assert.DoesNotContain('\r', written);
    }

    [Fact]
    public void Log_WithinTheInterval_WritesNothing_AndQuietNever()
    {
        Assert.Equal("", Capture(p =>
        {
            p.Report(1);
            p.Report(2);
            p.Stage("clustering 1/7");
        }, quiet: false, TimeSpan.FromHours(1)));
        Assert.Equal("", Capture(p => p.Report(1), quiet: true, TimeSpan.Zero));
    }
}

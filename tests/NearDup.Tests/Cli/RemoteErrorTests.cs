using NearDup.Cli.Commands;
using NearDup.Distributed;
using Orleans.Runtime;

namespace NearDup.Tests.Cli;

/// <summary>
/// <see cref="RemoteError"/>: a remote command's failure on stderr, and a failed batch run's failed drop (the library's
/// <see cref="NearDupClusterClient.DropFailureKey"/>) printed after the run's own error, with a non-zero exit.
/// </summary>
public sealed class RemoteErrorTests
{
    private const string Target = "127.0.0.1:30001";
    private const string Index = "news";
    private const string Drop = "OrleansMessageRejectionException: silo 127.0.0.1:11112 is dead";

    /// <summary>Each kind of run error the command maps: its exit code and first line.</summary>
    public static TheoryData<string, int, string> RunErrors => new()
    {
        { "orleans", CliError.Failed, $"error: --cluster {Target}, --index {Index}: a partition did not answer (partition 3 timed out);" },
        { "timeout", CliError.Failed, $"error: --cluster {Target}, --index {Index}: a partition did not answer (no answer in 30 s);" },
        { "changed", CliError.BadInput, $"error: --index {Index}: document 'd7' was removed since the listing" },
        { "cancelled", CliError.Cancelled, "cancelled: nothing was written." },
    };

    private static Exception RunError(string kind) => kind switch
    {
        "orleans" => new OrleansException("partition 3 timed out\nat stack"),
        "timeout" => new TimeoutException("no answer in 30 s"),
        "changed" => new InvalidOperationException("document 'd7' was removed since the listing"),
        _ => new OperationCanceledException(),
    };

    [Theory, MemberData(nameof(RunErrors))]
    public void Map_RunErrorWithoutDropFailure_OneLineAsBefore(string kind, int code, string first)
    {
        var e = RunError(kind);
        var (actualCode, message) = RemoteError.Map(e, Target, Index)!.Value;
        Assert.Equal(code, actualCode);
        Assert.StartsWith(first, message, StringComparison.Ordinal);
        Assert.Single(message.Split(Environment.NewLine));
    }

    [Theory, MemberData(nameof(RunErrors))]
    public void Map_RunErrorCarryingDropFailure_RunsErrorThenWhatWasLeftBehind(string kind, int code, string first)
    {
        var e = RunError(kind);
        e.Data[NearDupClusterClient.DropFailureKey] = Drop;
        var (actualCode, message) = RemoteError.Map(e, Target, Index)!.Value;
        Assert.NotEqual(0, actualCode);
        Assert.Equal(code, actualCode);
        string[] lines = message.Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(first, lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"error: the silos could not drop this run's working state either ({Drop}): some of index '{Index}''s partitions", lines[1], StringComparison.Ordinal);
        Assert.Contains("their silos restart; running remote cluster again is safe.", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Map_Bug_NotMappedButItsDropFailureStillTold()
    {
        var bug = new NullReferenceException();
        bug.Data[NearDupClusterClient.DropFailureKey] = Drop;
        Assert.Null(RemoteError.Map(bug, Target, Index));
        Assert.Contains(Drop, RemoteError.LeftBehind(bug, Index), StringComparison.Ordinal);
        Assert.Null(RemoteError.LeftBehind(new NullReferenceException(), Index));
    }
}

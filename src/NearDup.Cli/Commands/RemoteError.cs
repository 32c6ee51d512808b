using NearDup.Distributed;
using Orleans.Runtime;

namespace NearDup.Cli.Commands;

/// <summary>
/// A remote command's failure as stderr lines and an exit code, in the CLI's terms: the cluster's errors (<see cref="CliError"/>'s
/// table for the rest), and when a batch run failed and the drop of its working state at the silos failed after it,
/// a second line saying what that left behind and how it goes away. The library keeps that drop failure in the run's
/// error (<see cref="NearDupClusterClient.DropFailureKey"/>) so as not to hide why the run failed; printing only the
/// first line would hide the second failure instead.
/// </summary>
internal static class RemoteError
{
    /// <summary>
    /// The exit code and message of <paramref name="e"/>, the failure of a command against index <paramref name="indexName"/>
    /// at <paramref name="target"/>, or null when it is not a user-facing error (a bug, which keeps its stack trace).
    /// </summary>
    public static (int Code, string Message)? Map(Exception e, string target, string indexName)
    {
        var mapped = e switch
        {
            InvalidOperationException => (CliError.BadInput, $"error: --index {indexName}: {e.Message}"),
            // Sent again already where that is safe (reads, and adds batch by batch): what is left is the cluster's.
            OrleansException or TimeoutException => (CliError.Failed,
                $"error: --cluster {target}, --index {indexName}: a partition did not answer ({e.Message.Split('\n', 2)[0].Trim()}); "
                + "if its silos just started they may still be loading the index, so run the command again, or give serve and remote a longer --response-timeout"),
            _ => CliError.Map(e),
        };
        if (mapped is not { } error)
        {
            return null;
        }
        return LeftBehind(e, indexName) is { } note ? (error.Code, error.Message + Environment.NewLine + note) : error;
    }

    /// <summary>
    /// The line saying what a failed run's failed drop left at the silos, or null when <paramref name="e"/> carries no
    /// drop failure. That state is each grain's memory (candidate pairs, kept groups, postings and tallies under the
    /// run's own key), never the index or its last clustering, and the next run uses a new key, so running again is safe.
    /// </summary>
    public static string? LeftBehind(Exception e, string indexName) =>
        e.Data[NearDupClusterClient.DropFailureKey] is string drop
            ? $"error: the silos could not drop this run's working state either ({drop}): some of index '{indexName}''s partitions may still hold "
                + "it in memory (candidate pairs, kept groups, tallies; the index and its last clustering are unchanged). It is freed when those "
                + "grains have been idle for Orleans' collection age (15 minutes by default) or their silos restart; running remote cluster again is safe."
            : null;
}

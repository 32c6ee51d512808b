using NearDup.Cli.Input;
using NearDup.Cli.Report;
using NearDup.Clustering;
using NearDup.Persistence;
using NearDup.Signatures;

namespace NearDup.Cli.Commands;

/// <summary>
/// The one table from exceptions to exit codes and stderr messages. Exit 2 is bad input or arguments (the message
/// names the file, line, field or flag), 1 a failure to read or write or to find memory, 75 a locked index, 130
/// Ctrl-C. An exception not in the table is a bug: it is not mapped, so it surfaces with its stack trace.
/// </summary>
internal static class CliError
{
    /// <summary>Exit code of bad input or arguments.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code of a file that cannot be read or written.</summary>
    public const int Failed = 1;

    /// <summary>Exit code when another writer holds the index: EX_TEMPFAIL of sysexits.h, "try again later".</summary>
    public const int Locked = 75;

    /// <summary>Exit code after Ctrl-C (128 + SIGINT).</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// The exit code and the line for stderr of <paramref name="e"/>, or null when it is not a user-facing error.
    /// <paramref name="indexDirectory"/> is the index folder the command reads, if any: problems with its file name it.
    /// <paramref name="prefix"/> starts the line (<c>neardup report: </c> for the report's own messages).
    /// </summary>
    public static (int Code, string Message)? Map(Exception e, string? indexDirectory = null, string prefix = "error: ") => e switch
    {
        InputException or ReportInputException or ArgumentException or KernelSelectionException => (BadInput, prefix + e.Message),
        OperationCanceledException => (Cancelled, "cancelled: nothing was written."),
        InvalidDataException when indexDirectory is not null => (BadInput, $"{prefix}{DuplicateDetector.IndexPath(indexDirectory)}: {e.Message}"),
        FileNotFoundException f when indexDirectory is not null && f.FileName == DuplicateDetector.IndexPath(indexDirectory) =>
            (BadInput, $"{prefix}{e.Message} Build one with: neardup index build INPUT --index {indexDirectory}"),
        DirectoryNotFoundException when indexDirectory is not null => (BadInput, prefix + e.Message),
        IndexLockedException => (Locked, prefix + e.Message),
        IOException or UnauthorizedAccessException or InsufficientMemoryException => (Failed, prefix + e.Message),
        _ when IsOutOfMemory(e) => (Failed, $"{prefix}out of memory: this process may have "
            + $"{Output.ByteSize.Format(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)} of heap (the machine's memory, or its container's limit). "
            + "Give --spill-dir DIR to keep the fingerprints in a file there, or a lower --sample-rate."),
        _ => null,
    };

    /// <summary>Out of memory, or only that in the work of parallel threads (which gathers their exceptions).</summary>
    private static bool IsOutOfMemory(Exception e) =>
        e is OutOfMemoryException || (e is AggregateException a && a.Flatten().InnerExceptions.All(inner => inner is OutOfMemoryException));
}

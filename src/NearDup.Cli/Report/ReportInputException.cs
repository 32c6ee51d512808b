namespace NearDup.Cli.Report;

/// <summary>
/// A problem with the report's inputs (missing path, malformed line, unknown document), with a message
/// that names the file and, for line-based files, the 1-based line: <c>clusters.jsonl:12: ...</c>.
/// </summary>
internal sealed class ReportInputException : Exception
{
    /// <summary>Creates the exception with a complete, user-facing message.</summary>
    public ReportInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a complete, user-facing message and its cause.</summary>
    public ReportInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for line <paramref name="line"/> of <paramref name="path"/>.</summary>
    public static ReportInputException AtLine(string path, long line, string message, Exception? inner = null)
        => inner is null
            ? new ReportInputException($"{path}:{line}: {message}")
            : new ReportInputException($"{path}:{line}: {message}", inner);
}

using NearDup.Internal;

namespace NearDup.Cli.Report;

/// <summary>Builds a report from the command's inputs and writes it atomically.</summary>
internal static class ReportWriter
{
    /// <summary>
    /// Reads <paramref name="clustersPath"/>, loads the needed texts of <paramref name="input"/> through
    /// <paramref name="loadTexts"/> (the CLI's one reader, with the command's id and text fields),
    /// and writes the page with <see cref="AtomicFile"/>: a regular file is replaced by a rename, so a reader
    /// never sees a half-written report; a device or FIFO is written straight through. Throws
    /// <see cref="ReportInputException"/> for bad inputs and a missing output folder.
    /// </summary>
    public static ReportModel Write(string input, Func<ISet<string>, IReadOnlyDictionary<string, string>> loadTexts, string clustersPath, string outputPath,
        ReportOptions options, DateTimeOffset generatedAt, string? clustersLabel = null, Func<IReadOnlyList<ReportCluster>, IReadOnlyList<ReportLink>>? links = null)
    {
        ArgumentNullException.ThrowIfNull(clustersPath);
        ArgumentNullException.ThrowIfNull(outputPath);
        if (outputPath != Output.OutputFile.Stdout)
        {
            CheckWritable(outputPath);
        }
        return Write(input, loadTexts, ClustersFile.Load(clustersPath), clustersLabel ?? clustersPath, outputPath, options, generatedAt, links);
    }

    /// <summary>
    /// The same from clusters already in memory (<c>cluster --html</c> hands over its result, not a file to parse
    /// back); <paramref name="clustersLabel"/> names where they came from on the page.
    /// </summary>
    public static ReportModel Write(string input, Func<ISet<string>, IReadOnlyDictionary<string, string>> loadTexts, IReadOnlyList<ReportCluster> clusters,
        string clustersLabel, string outputPath, ReportOptions options, DateTimeOffset generatedAt, Func<IReadOnlyList<ReportCluster>, IReadOnlyList<ReportLink>>? links = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputPath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (outputPath != Output.OutputFile.Stdout)
        {
            CheckWritable(outputPath);
        }
        var model = ReportModel.Build(clusters, loadTexts, options, links?.Invoke(clusters));
        try
        {
            Output.OutputFile.Write("--out", outputPath, stream => ReportHtml.Write(stream, model, options, new ReportSource(input, clustersLabel, generatedAt)));
        }
        catch (Input.InputException e)
        {
            throw new ReportInputException(e.Message);
        }

        return model;
    }

    /// <summary>Fails before the clusters and texts are read when the report could not be written.</summary>
    private static void CheckWritable(string outputPath)
    {
        try
        {
            AtomicFile.CheckWritable(outputPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"{outputPath}: cannot write the report there: {e.Message}");
        }
    }
}

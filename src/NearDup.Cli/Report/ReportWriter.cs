namespace NearDup.Cli.Report;

/// <summary>Builds a report from the command's inputs and writes it atomically.</summary>
internal static class ReportWriter
{
    /// <summary>
    /// Reads <paramref name="clustersPath"/>, loads the needed texts from <paramref name="input"/>,
    /// and writes the page to a temporary file next to <paramref name="outputPath"/> that is then
    /// renamed over it, so a reader never sees a half-written report. Throws
    /// <see cref="ReportInputException"/> for bad inputs; the temporary file is removed on any failure.
    /// </summary>
    public static ReportModel Write(string input, string clustersPath, string outputPath, ReportOptions options, DateTimeOffset generatedAt, string? clustersLabel = null,
        Func<IReadOnlyList<ReportCluster>, IReadOnlyList<ReportLink>>? links = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(clustersPath);
        ArgumentNullException.ThrowIfNull(outputPath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var clusters = ClustersFile.Load(clustersPath);
        var model = ReportModel.Build(clusters, needed => ReportDocuments.Load(input, needed), options, links?.Invoke(clusters));
        var fullPath = Path.GetFullPath(outputPath);
        var directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            throw new ReportInputException($"{outputPath}: output folder {directory} does not exist");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                ReportHtml.Write(stream, model, options, new ReportSource(input, clustersLabel ?? clustersPath, generatedAt));
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return model;
    }
}

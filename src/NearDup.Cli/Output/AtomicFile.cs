namespace NearDup.Cli.Output;

/// <summary>
/// Writes a file under a temporary name beside it and renames it into place only when the write completed,
/// so a crash, Ctrl-C or a full disk never leaves a half-written file where a good one (or none) was.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new Input.InputException($"{path}: the folder {directory} does not exist; create it first.");
        }
        string temp = full + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}

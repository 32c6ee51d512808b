using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Cli.Dedup;

/// <summary>
/// Copies the kept files of a folder of text files into the output folder under the same relative names, each
/// through the one atomic writer, byte for byte (a byte order mark included).
/// </summary>
internal sealed class TextFilesCopier(string input) : IRecordCopier
{
    public CopyCount Copy(IReadOnlyList<RecordPosition> records, DedupResult result, string outPath, CancellationToken cancellationToken)
    {
        long written = 0, writtenBytes = 0, removedBytes = 0;
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long length = Length(record.Source);
            if (!result.IsKept(record.Id))
            {
                removedBytes += length;
                continue;
            }
            string relative = Path.GetRelativePath(input, record.Source);
            string target = Path.Combine(outPath, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            OutputFile.Write("--out", target, stream =>
            {
                using var file = new FileStream(record.Source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                file.CopyTo(stream);
            });
            written++;
            writtenBytes += length;
        }
        return new CopyCount(written, writtenBytes, removedBytes);
    }

    private static long Length(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException e)
        {
            throw new InputException($"{path}: cannot be read on the second pass ({e.Message}).");
        }
    }
}

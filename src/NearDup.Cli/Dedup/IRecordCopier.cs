using NearDup.Clustering;

namespace NearDup.Cli.Dedup;

/// <summary>
/// The second pass of dedup for one input format: reads the input again and writes the records kept exactly as they
/// were read. A format plugs in here with the positions its reader gave (<see cref="Input.DocumentReader.Taken"/>).
/// </summary>
internal interface IRecordCopier
{
    /// <summary>
    /// Writes the records of <paramref name="records"/> (every document of the first pass, in input order) that
    /// <paramref name="result"/> keeps to <paramref name="outPath"/>, through the one atomic writer.
    /// </summary>
    /// <exception cref="Input.InputException">The input changed since the first pass.</exception>
    public CopyCount Copy(IReadOnlyList<RecordPosition> records, DedupResult result, string outPath, CancellationToken cancellationToken);
}

namespace NearDup.Cli.Dedup;

/// <summary>Where a document was read in the first pass, so that the second finds its record again.</summary>
/// <param name="Id">The document's id.</param>
/// <param name="Source">The file it came from (for a folder, that file).</param>
/// <param name="Line">Its line from 1 in a JSONL file; 0 for a whole file.</param>
internal readonly record struct RecordPosition(string Id, string Source, long Line);

namespace NearDup.Cli.Dedup;

/// <summary>What a second pass wrote and left out.</summary>
/// <param name="Written">Records written.</param>
/// <param name="WrittenBytes">Bytes of the records written, as in the input (a JSONL line with its newline, a file).</param>
/// <param name="RemovedBytes">Bytes of the records left out, likewise.</param>
internal readonly record struct CopyCount(long Written, long WrittenBytes, long RemovedBytes);

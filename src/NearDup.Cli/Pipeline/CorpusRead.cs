namespace NearDup.Cli.Pipeline;

/// <summary>What reading a corpus into a detector did: the reader (bytes read, documents skipped and why), how many documents it added, in how long.</summary>
/// <param name="Reader">The reader, for its byte counts and skipped documents.</param>
/// <param name="Documents">Documents added to the detector.</param>
/// <param name="Seconds">Seconds of reading, parsing and sketching.</param>
internal sealed record CorpusRead(Input.DocumentReader Reader, long Documents, double Seconds);

namespace NearDup.Cli.Commands;

/// <summary>One stage of the single-threaded pass (or the full sketch line): its name, what it runs, and its time over the bytes and documents it read.</summary>
internal sealed record StageResult(string Name, string What, double Seconds, long Bytes, long Documents);

namespace NearDup.Cli.Commands;

/// <summary>The corpus a report ran on: its input (or the generator's seed and time), size, and whether labels came with it.</summary>
internal sealed record CorpusInfo(string Input, ulong? Seed, long Documents, long Bytes, double GenerateSeconds, bool Labelled);

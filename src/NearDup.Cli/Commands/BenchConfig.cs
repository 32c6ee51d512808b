using NearDup.Clustering;

namespace NearDup.Cli.Commands;

/// <summary>A configuration <c>neardup bench</c> runs: its name, its options as <c>neardup cluster</c> takes them, and the engine options they give.</summary>
internal sealed record BenchConfig(string Name, string Options, NearDupOptions Engine);

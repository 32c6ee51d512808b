namespace NearDup.Cli.Report;

/// <summary>Where a report's inputs came from, shown in its header.</summary>
/// <param name="Input">The documents' folder or JSONL file, as given.</param>
/// <param name="Clusters">The clusters JSONL file, as given.</param>
/// <param name="GeneratedAt">Time stamp printed in the header.</param>
internal sealed record ReportSource(string Input, string Clusters, DateTimeOffset GeneratedAt);

namespace NearDup.Cli.Output;

/// <summary>Output formats of <c>neardup cluster</c>.</summary>
internal enum OutputFormat
{
    /// <summary>One JSON object per line and cluster.</summary>
    Jsonl,

    /// <summary>One CSV row per member.</summary>
    Csv,

    /// <summary>A summary for people.</summary>
    Text,

    /// <summary>One Parquet row per member (clusters only).</summary>
    Parquet,
}

namespace NearDup.Cli.Dedup;

/// <summary>What <c>dedup --output-format</c> writes the kept records as.</summary>
internal enum DedupFormat
{
    /// <summary>A JSON object per line.</summary>
    Jsonl,

    /// <summary>A JSON array of objects, one element a line.</summary>
    Json,

    /// <summary>Comma-separated values with the input's header.</summary>
    Csv,

    /// <summary>Tab-separated values with the input's header.</summary>
    Tsv,

    /// <summary>Apache Parquet with the input's schema.</summary>
    Parquet,
}

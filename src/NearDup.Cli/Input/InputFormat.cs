namespace NearDup.Cli.Input;

/// <summary>How to read an input file (<c>--input-format</c>); in a folder each file is read by its own content.</summary>
internal enum InputFormat
{
    /// <summary>
    /// From the content, which must agree with the name: Parquet wherever its magic is; JSONL for .jsonl, .ndjson and
    /// stdin; JSONL or a JSON array for .json; CSV or TSV for .csv and .tsv; else one text document.
    /// </summary>
    Auto,

    /// <summary>A JSON object per line, whatever the file is called.</summary>
    Jsonl,

    /// <summary>A JSON array of document objects, read one element at a time.</summary>
    JsonArray,

    /// <summary>The whole file is one text document, whatever it looks like.</summary>
    Txt,

    /// <summary>Comma-separated values with a header row naming the columns.</summary>
    Csv,

    /// <summary>Tab-separated values with a header row naming the columns.</summary>
    Tsv,

    /// <summary>An Apache Parquet file, read a row group at a time.</summary>
    Parquet,
}

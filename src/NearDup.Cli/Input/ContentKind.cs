namespace NearDup.Cli.Input;

/// <summary>What the first bytes of an input show it to be (see <see cref="FormatSniffer"/>).</summary>
internal enum ContentKind
{
    Empty,
    JsonLines,
    JsonArray,
    Csv,
    Text,
    Gzip,
    Zstd,
    Lz4,
    Parquet,
    OtherCompressed,
    Utf16,
    Utf32,
    Binary,
}

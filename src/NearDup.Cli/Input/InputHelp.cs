namespace NearDup.Cli.Input;

/// <summary>How <c>--help</c> names what every command that reads documents takes, formats in lower case as typed.</summary>
internal static class InputHelp
{
    /// <summary>The inputs the reader takes; the format of each comes from its content.</summary>
    public const string Inputs = "a file (jsonl, plain or .gz, .zst, .lz4; json; csv; tsv; parquet; txt: told by its content), "
        + "a folder of such files and text files, or - for stdin";
}

namespace NearDup.Cli.Input;

/// <summary>How to read an input file (<c>--input-format</c>); a folder is always a folder of text files.</summary>
internal enum InputFormat
{
    /// <summary>From the content, which must agree with the name: JSONL for .jsonl, .ndjson, .json and stdin, else one text document.</summary>
    Auto,

    /// <summary>A JSON object per line, whatever the file is called.</summary>
    Jsonl,

    /// <summary>The whole file is one text document, whatever it looks like.</summary>
    Txt,
}

namespace NearDup.Cli.Dedup;

/// <summary>
/// Writes JSON objects, each given as its bytes on one line, as JSONL (the object, then <c>\n</c>) or as a JSON array:
/// <c>[</c>, the objects one a line separated by commas, <c>]</c> (<c>[]</c> when there is none).
/// </summary>
internal sealed class JsonRecordSink(Stream target, bool array)
{
    private bool _any;

    public void Write(ReadOnlySpan<byte> record)
    {
        if (array)
        {
            target.Write(_any ? ",\n"u8 : "[\n"u8);
        }
        target.Write(record);
        if (!array)
        {
            target.WriteByte((byte)'\n');
        }
        _any = true;
    }

    /// <summary>Closes the array; nothing for JSONL.</summary>
    public void End()
    {
        if (array)
        {
            target.Write(_any ? "\n]\n"u8 : "[]\n"u8);
        }
    }
}

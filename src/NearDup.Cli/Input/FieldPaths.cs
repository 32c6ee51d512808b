namespace NearDup.Cli.Input;

/// <summary>
/// The id, text and date fields as paths: <c>--text-field meta.body</c> names the field <c>body</c> of the object in
/// field <c>meta</c> (JSON), the struct field <c>meta.body</c> (Parquet), or a column headed <c>meta.body</c> (CSV). A JSON
/// key that holds the dots itself (<c>"meta.body"</c>) matches too, so a flat export of nested data reads the same.
/// </summary>
internal sealed class FieldPaths
{
    /// <summary>Bit of each field in a set of fields still being looked for.</summary>
    public const int Id = 1, Text = 2, Date = 4, All = Id | Text | Date;

    public FieldPaths(InputOptions options)
    {
        Names = [options.IdField, options.TextField, options.DateField];
        Segments = [.. Names.Select(n => n.Split('.'))];
        // UTF-8 once here, so that matching a JSON property name neither allocates nor transcodes.
        _segments = [.. Segments.Select(path => path.Select(System.Text.Encoding.UTF8.GetBytes).ToArray())];
        _rests = [.. Segments.Select(path => Enumerable.Range(0, path.Length).Select(d => System.Text.Encoding.UTF8.GetBytes(string.Join('.', path[d..]))).ToArray())];
        FlatNames = Segments.All(path => path.Length == 1) ? [.. _segments.Select(path => path[0])] : null;
    }

    /// <summary>The three names in UTF-8 when none has a dot (so each is a key of the line's object), else null.</summary>
    public byte[][]? FlatNames { get; }

    private readonly byte[][][] _segments;
    private readonly byte[][][] _rests;

    /// <summary>The fields as given: id, text, date.</summary>
    public string[] Names { get; }

    /// <summary>Each field's path split at its dots.</summary>
    public string[][] Segments { get; }

    /// <summary>The bit of field <paramref name="field"/> (0 id, 1 text, 2 date).</summary>
    public static int Bit(int field) => 1 << field;

    /// <summary>Segment <paramref name="depth"/> of field <paramref name="field"/>'s path, in UTF-8.</summary>
    public ReadOnlySpan<byte> Segment(int field, int depth) => _segments[field][depth];

    /// <summary>The rest of field <paramref name="field"/>'s path from <paramref name="depth"/> on, joined by dots, in UTF-8; empty past its end.</summary>
    public ReadOnlySpan<byte> Rest(int field, int depth) => depth < _rests[field].Length ? _rests[field][depth] : default;
}

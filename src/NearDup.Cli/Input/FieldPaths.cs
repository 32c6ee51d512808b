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
    }

    /// <summary>The fields as given: id, text, date.</summary>
    public string[] Names { get; }

    /// <summary>Each field's path split at its dots.</summary>
    public string[][] Segments { get; }

    /// <summary>The bit of field <paramref name="field"/> (0 id, 1 text, 2 date).</summary>
    public static int Bit(int field) => 1 << field;

    /// <summary>The rest of field <paramref name="field"/>'s path from <paramref name="depth"/> on, joined by dots.</summary>
    public string Rest(int field, int depth) => string.Join('.', Segments[field][depth..]);
}

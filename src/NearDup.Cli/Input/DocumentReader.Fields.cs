using System.Text;
using System.Text.Json;
using NearDup.Clustering;

namespace NearDup.Cli.Input;

/// <summary>
/// Finding the id, text and date in a JSON object by path (<see cref="FieldPaths"/>): the object is walked once, and
/// only the objects on a path are entered; everything else is skipped unread.
/// </summary>
internal sealed partial class DocumentReader
{
    private FieldPaths? _paths;

    private FieldPaths Paths => _paths ??= new FieldPaths(_options);

    /// <summary>What a JSON object held at the field paths.</summary>
    private struct FieldValues
    {
        public string? Id;
        public byte[]? Text;
        public DateTimeOffset? Date;
    }

    /// <summary>
    /// Reads the properties of the object the reader has just entered, <paramref name="depth"/> levels down the paths of
    /// the fields in <paramref name="active"/> (bits of <see cref="FieldPaths"/>); returns the first problem, or null.
    /// The reader ends on the object's closing brace.
    /// </summary>
    private string? ReadFields(ref Utf8JsonReader reader, int depth, int active, ref FieldValues values)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int leaf = 0, inner = 0;
            for (int field = 0; field < 3; field++)
            {
                if ((active & FieldPaths.Bit(field)) == 0)
                {
                    continue;
                }
                int length = Paths.Segments[field].Length;
                if (depth < length && reader.ValueTextEquals(Paths.Rest(field, depth)))
                {
                    leaf = leaf == 0 ? FieldPaths.Bit(field) : leaf;
                }
                else if (length > depth + 1 && reader.ValueTextEquals(Paths.Segment(field, depth)))
                {
                    inner |= FieldPaths.Bit(field);
                }
            }
            reader.Read();
            string? problem = leaf != 0 ? ReadLeaf(ref reader, leaf, ref values)
                : inner != 0 && reader.TokenType == JsonTokenType.StartObject ? ReadFields(ref reader, depth + 1, inner, ref values)
                : SkipValue(ref reader);
            if (problem is not null)
            {
                return problem;
            }
        }
        return reader.TokenType == JsonTokenType.EndObject ? null : "malformed JSON object";
    }

    private static string? SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>Reads the value of the id, text or date field (<paramref name="bit"/>); returns a problem, or null.</summary>
    private string? ReadLeaf(ref Utf8JsonReader reader, int bit, ref FieldValues values)
    {
        switch (bit)
        {
            case FieldPaths.Id:
                values.Id = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
                return values.Id is null ? $"field \"{_options.IdField}\" must be a string or a number, not {Describe(reader.TokenType)}" : null;
            case FieldPaths.Text:
                if (reader.TokenType != JsonTokenType.String)
                {
                    return $"field \"{_options.TextField}\" must be a string, not {Describe(reader.TokenType)}";
                }
                values.Text = UnescapeUtf8(ref reader);
                return null;
            default:
                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                    return null;
                }
                values.Date = ParseDate(reader.GetString()!);
                return values.Date is null ? $"field \"{_options.DateField}\" is not an ISO 8601 date" : null;
        }
    }

    private static DateTimeOffset? ParseDate(string value) => DocumentDate.Parse(value);
}

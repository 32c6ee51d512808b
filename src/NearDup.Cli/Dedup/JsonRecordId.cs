using System.Text;
using System.Text.Json;
using NearDup.Cli.Input;

namespace NearDup.Cli.Dedup;

/// <summary>The id a JSON object holds, read as the first pass read it, so that the second pass can check it found the same record.</summary>
internal static class JsonRecordId
{
    /// <summary>
    /// The value at <paramref name="idField"/> (a dotted path names a field of nested objects): a string's text, another
    /// value's JSON; null when the object has none.
    /// </summary>
    public static string? Read(ReadOnlySpan<byte> json, string idField)
    {
        var reader = new Utf8JsonReader(json, DocumentReader.JsonOptions);
        string[] path = idField.Split('.');
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject ? Find(ref reader, path, 0) : null;
    }

    private static string? Find(ref Utf8JsonReader reader, string[] path, int depth)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool match = reader.ValueTextEquals(path[depth]);
            reader.Read();
            if (match && depth == path.Length - 1)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
            }
            if (match && reader.TokenType == JsonTokenType.StartObject)
            {
                return Find(ref reader, path, depth + 1);
            }
            reader.Skip();
        }
        return null;
    }

    /// <summary>Stops the copy when <paramref name="json"/> does not hold the id the first pass read at <paramref name="where"/>.</summary>
    public static void Check(ReadOnlySpan<byte> json, string idField, RecordPosition record, string where)
    {
        string? id = Read(json, idField);
        if (id != record.Id)
        {
            throw new InputException($"{where}: holds id '{id}' on the second read, where the first read '{record.Id}': the file changed while dedup ran.");
        }
    }
}

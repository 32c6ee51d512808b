using System.Text.Json;
using System.Text.Json.Serialization;
using NearDup.Clustering;

namespace NearDup.Distributed.Hosting;

/// <summary>
/// Reads a JSON body's date as <c>neardup</c>'s readers read a file's (<see cref="DocumentDate.Parse"/>): without an
/// offset it is UTC, where System.Text.Json would take the server's time zone and move a document by hours against the
/// ones <c>remote add</c> stored.
/// </summary>
internal sealed class UtcDateConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return (text is null ? null : DocumentDate.Parse(text))
            ?? throw new JsonException($"\"date\" must be an ISO 8601 date string such as \"1987-03-26\", not {(text is null ? reader.TokenType.ToString() : $"\"{text}\"")}");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

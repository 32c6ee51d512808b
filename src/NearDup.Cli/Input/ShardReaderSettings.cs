using System.Text.Json;

namespace NearDup.Cli.Input;

/// <summary>
/// <see cref="InputOptions"/> as the settings string a shard carries to the silos (<c>remote add --at-silos</c>), so a
/// silo reads its shard with the client's input flags. Written and read field by field: no reflection.
/// </summary>
internal static class ShardReaderSettings
{
    public static string Write(InputOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", options.IdField);
            json.WriteString("text", options.TextField);
            json.WriteString("date", options.DateField);
            json.WriteString("format", options.Format.ToString());
            json.WriteBoolean("skipInvalid", options.SkipInvalid);
            json.WriteNumber("maxDocumentBytes", options.MaxDocumentBytes);
            WriteList(json, "include", options.Include);
            WriteList(json, "exclude", options.Exclude);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The options <paramref name="settings"/> holds; the defaults for an empty string.</summary>
    /// <exception cref="InvalidDataException">Not settings <see cref="Write"/> wrote.</exception>
    public static InputOptions Read(string settings)
    {
        if (settings.Length == 0)
        {
            return new InputOptions();
        }
        try
        {
            using var document = JsonDocument.Parse(settings);
            var root = document.RootElement;
            return new InputOptions
            {
                IdField = root.GetProperty("id").GetString()!,
                TextField = root.GetProperty("text").GetString()!,
                DateField = root.GetProperty("date").GetString()!,
                Format = Enum.Parse<InputFormat>(root.GetProperty("format").GetString()!),
                SkipInvalid = root.GetProperty("skipInvalid").GetBoolean(),
                MaxDocumentBytes = root.GetProperty("maxDocumentBytes").GetInt64(),
                Include = [.. root.GetProperty("include").EnumerateArray().Select(e => e.GetString()!)],
                Exclude = [.. root.GetProperty("exclude").EnumerateArray().Select(e => e.GetString()!)],
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"shard reader settings this silo cannot read ({e.Message}); are client and silo the same neardup build?", e);
        }
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}

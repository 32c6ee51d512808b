using System.Text.Json;
using NearDup.Distributed.Hosting;

namespace NearDup.Distributed.Tests;

/// <summary>
/// A date in a JSON body is read as the CLI reads a file's: an offset given is kept, none means UTC (System.Text.Json
/// alone takes the server's zone), and a value that is no date is refused naming the field.
/// </summary>
public sealed class UtcDateConverterTests
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web) { Converters = { new UtcDateConverter() } };

    [Theory]
    [InlineData("1987-03-26", "1987-03-26T00:00:00.0000000+00:00")]
    [InlineData("1987-03-26T09:15:00", "1987-03-26T09:15:00.0000000+00:00")]
    [InlineData("1987-03-26T09:15:00+09:00", "1987-03-26T09:15:00.0000000+09:00")]
    [InlineData("1987-03-26T09:15:00Z", "1987-03-26T09:15:00.0000000+00:00")]
    public void Read_IsoDate_WithoutOffsetIsUtc(string text, string expected)
    {
        var query = JsonSerializer.Deserialize<HttpQuery>($"{{\"text\":\"a\",\"date\":\"{text}\"}}", s_options)!;
        Assert.Equal(expected, query.Date!.Value.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        var documents = JsonSerializer.Deserialize<HttpDocument[]>($"[{{\"id\":\"d\",\"text\":\"a\",\"date\":\"{text}\"}}]", s_options)!;
        Assert.Equal(query.Date, documents[0].Date);
    }

    [Fact]
    public void Read_NoDate_IsNull()
    {
        Assert.Null(JsonSerializer.Deserialize<HttpQuery>("{\"text\":\"a\"}", s_options)!.Date);
        Assert.Null(JsonSerializer.Deserialize<HttpQuery>("{\"text\":\"a\",\"date\":null}", s_options)!.Date);
    }

    [Theory]
    [InlineData("\"last week\"", "\"date\" must be an ISO 8601 date string such as \"1987-03-26\", not \"last week\"")]
    [InlineData("19870326", "\"date\" must be an ISO 8601 date string such as \"1987-03-26\", not Number")]
    public void Read_NotADate_RefusedNamingTheField(string value, string message)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<HttpQuery>($"{{\"text\":\"a\",\"date\":{value}}}", s_options));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}

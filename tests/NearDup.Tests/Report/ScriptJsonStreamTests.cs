using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NearDup.Cli.Report;

namespace NearDup.Tests.Report;

public sealed class ScriptJsonStreamTests
{
    private const string Hostile = "</script><script>alert(1)</script> <!-- x --> a & b > c \u2028 line \u2029 para </SCRIPT > é 𝔘 \u00e2\u0080";

    private static byte[] Serialize(string value)
        => JsonSerializer.SerializeToUtf8Bytes(new { text = value }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public void Escape_HtmlSensitiveCharacters_BecomeUnicodeEscapes()
    {
        var escaped = Encoding.UTF8.GetString(ScriptJsonStream.Escape(Serialize(Hostile)));

        Assert.DoesNotContain('<', escaped);
        Assert.DoesNotContain('>', escaped);
        Assert.DoesNotContain('&', escaped);
        Assert.DoesNotContain('\u2028', escaped);
        Assert.DoesNotContain('\u2029', escaped);
        Assert.Contains("\\u003C/script\\u003E", escaped, StringComparison.Ordinal);
        Assert.Contains("\\u0026", escaped, StringComparison.Ordinal);
        Assert.Contains("\\u2028 line \\u2029", escaped, StringComparison.Ordinal);
        Assert.Contains(" é ", escaped, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_RoundTripsThroughJsonParse()
    {
        var escaped = ScriptJsonStream.Escape(Serialize(Hostile));

        using var document = JsonDocument.Parse(escaped);

        Assert.Equal(Hostile, document.RootElement.GetProperty("text").GetString());
    }

    /// <summary>Writes of 1 to 7 bytes (one byte through <see cref="Stream.WriteByte"/>), a flush after about one in four.</summary>
    [Fact]
    public void Write_RandomChunks_SameAsOneShot()
    {
        var json = Serialize(string.Concat(Enumerable.Repeat(Hostile, 20)));
        var expected = ScriptJsonStream.Escape(json);
        // A plan of (length, flush) writes, repeated until the input is written.
        var plans = Gen.Select(Gen.Int[1, 7], Gen.Int[0, 3].Select(n => n == 0)).Array[1, 64];
        plans.Sample(plan =>
        {
            using var output = new MemoryStream();
            using (var stream = new ScriptJsonStream(output, leaveOpen: true))
            {
                for (int offset = 0, step = 0; offset < json.Length; step++)
                {
                    var (size, flush) = plan[step % plan.Length];
                    var length = Math.Min(json.Length - offset, size);
                    if (length == 1)
                    {
                        stream.WriteByte(json[offset]);
                    }
                    else
                    {
                        stream.Write(json, offset, length);
                    }

                    offset += length;
                    if (flush)
                    {
                        stream.Flush();
                    }
                }
            }

            Assert.Equal(expected, output.ToArray());
        }, iter: 50);
    }

    [Theory]
    [InlineData(new byte[] { 0xE2 })]
    [InlineData(new byte[] { 0xE2, 0x80 })]
    [InlineData(new byte[] { (byte)'a', 0xE2, 0x80, 0xA0 })]
    [InlineData(new byte[] { 0xE2, 0xE2, 0x80, 0x80 })]
    public void Escape_OtherBytesStartingLikeLineSeparator_Unchanged(byte[] bytes) => Assert.Equal(bytes, ScriptJsonStream.Escape(bytes));

    [Fact]
    public void Dispose_Twice_LeavesInnerStreamUsable()
    {
        using var output = new MemoryStream();
        var stream = new ScriptJsonStream(output, leaveOpen: true);
        stream.Write("\"<\""u8);
        stream.Dispose();
        stream.Dispose();

        Assert.Equal("\"\\u003C\""u8.ToArray(), output.ToArray());
        Assert.True(output.CanWrite);
    }
}

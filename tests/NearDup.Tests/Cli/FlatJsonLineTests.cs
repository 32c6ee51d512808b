using System.Text;
using NearDup.Cli.Input;

namespace NearDup.Tests.Cli;

/// <summary>
/// The flat-line JSON reader against Utf8JsonReader, the reference: wherever it answers, the reference finds no problem
/// and the same id, text and date; on random lines built from the pieces a JSONL line is made of, and on those lines
/// mutated a byte at a time.
/// </summary>
public sealed class FlatJsonLineTests
{
    private static readonly Gen<string> s_stringBody = Gen.OneOf<string>(
        "plain", "Zoë Ångström", "line\\nbreak", "q\\\"uote", "back\\\\slash", "sl\\/ash", "\\b\\f\\r\\t", "\\u00e9\\u00C9",
        "\\u0000", "\\u2019", "\\ud83d\\ude00", "\\ud83d", "\\x", "\\u12", "\\uZZZZ", "tab\there", "日本語", "", " ", "2024-03-01T10:00:00Z", "not a date")
        .Array[0, 4].Select(string.Concat);

    private static readonly Gen<string> s_value = Gen.OneOf(
        s_stringBody.Select(b => "\"" + b + "\""),
        Gen.OneOf<string>("0", "-1", "12", "01", "-", "1.", "1.5", "-0.5E+3", "1e5", "2e", "true", "false", "null", "nul", "truex",
            "{\"a\":1}", "[1,2]", "[]", "{}"));

    private static readonly Gen<string> s_key = Gen.OneOf<string>("id", "text", "date", "x", "te\\u0078t", "ID", "", "body");

    private static readonly Gen<string> s_space = Gen.OneOf<string>("", "", " ", "\t", "  ", "\r");

    private static readonly Gen<string> s_member = Gen.Select(s_space, s_key, s_space, s_value).Select((a, key, b, value) => a + "\"" + key + "\"" + b + ":" + value);

    // An id and a text at random places among other members, so that most lines are close to valid.
    private static readonly Gen<string> s_line = Gen.Select(s_member.Array[0, 4], s_value, s_stringBody, Gen.Int[0, 100], Gen.Int[0, 100], s_space, Gen.OneOf<string>("", "", "", ",", "}", " x"))
        .Select((others, id, text, idAt, textAt, space, tail) =>
        {
            var members = others.ToList();
            members.Insert(idAt % (members.Count + 1), "\"id\":" + id);
            members.Insert(textAt % (members.Count + 1), space + "\"text\"" + space + ":" + space + "\"" + text + "\"");
            return space + "{" + string.Join(",", members) + "}" + tail;
        });

    [Fact]
    public void TryReadFlat_AgreesWithTheReference_OnRandomLines()
    {
        int answered = 0;
        s_line.Sample(line =>
        {
            if (AssertAgrees(Encoding.UTF8.GetBytes(line)))
            {
                Interlocked.Increment(ref answered);
            }
        }, iter: 20_000);
        // The comparison means something only if the flat reader answers on a fair share of the lines.
        Assert.True(answered > 200, $"the flat reader answered {answered} of 20,000 lines");
    }

    [Fact]
    public void TryReadFlat_AgreesWithTheReference_OnMutatedLines() =>
        Gen.Select(s_line, Gen.Int[0, 1000], Gen.OneOf<byte>((byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)',', (byte)':', (byte)' ', (byte)'u', (byte)'0', 0x01, 0xC3, 0xFF), Gen.Bool)
            .Sample((line, at, insert, remove) =>
            {
                var bytes = Encoding.UTF8.GetBytes(line).ToList();
                int i = at % (bytes.Count + 1);
                if (remove && i < bytes.Count)
                {
                    bytes.RemoveAt(i);
                }
                else
                {
                    bytes.Insert(i, insert);
                }
                _ = AssertAgrees([.. bytes]);
            }, iter: 20_000);

    [Fact]
    public void TryReadFlat_ReadsTheUsualLine_Unescaped()
    {
        var reader = new DocumentReader("lines.jsonl");
        byte[] line = Encoding.UTF8.GetBytes("{\"id\": 42, \"text\":\"Zoë said \\\"no\\\".\\n\\nThe end\\u2019s near\\/far\", \"date\":\"2024-03-01\", \"tags\":null}\r");
        Assert.True(reader.TryReadFlat(line, out string? id, out byte[]? text, out var date));
        Assert.Equal("42", id);
        Assert.Equal("Zoë said \"no\".\n\nThe end\u2019s near/far", Encoding.UTF8.GetString(text!));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), date);
    }

    [Theory]
    [InlineData("{\"id\":\"a\",\"text\":\"b\",\"meta\":{\"x\":1}}")]
    [InlineData("{\"id\":\"a\",\"te\\u0078t\":\"b\"}")]
    [InlineData("{\"id\":\"a\",\"text\":\"\\ud83d\\ude00\"}")]
    [InlineData("{\"id\":\"a\",\"text\":5}")]
    [InlineData("{\"id\":\"a\",\"text\":\"b\",}")]
    [InlineData("{\"id\":\"a\",\"text\":\"b\"} {}")]
    [InlineData("{\"id\":\"a\",\"text\":\"b\",\"date\":\"soon\"}")]
    [InlineData("{\"id\":\"a\",\"text\":\"b\",\"date\":\"2024-01-01\",\"date\":\"2024-01-02\"}")]
    public void TryReadFlat_LeavesTheUnusualToTheReference(string line) =>
        Assert.False(new DocumentReader("lines.jsonl").TryReadFlat(Encoding.UTF8.GetBytes(line), out _, out _, out _));

    [Fact]
    public void TryReadFlat_GivesUp_WhenAFieldNameHasADot() =>
        Assert.False(new DocumentReader("lines.jsonl", new InputOptions { TextField = "meta.body" })
            .TryReadFlat("{\"id\":\"a\",\"meta.body\":\"b\"}"u8, out _, out _, out _));

    private static bool AssertAgrees(byte[] line)
    {
        var reader = new DocumentReader("lines.jsonl");
        if (!reader.TryReadFlat(line, out string? id, out byte[]? text, out var date))
        {
            return false;
        }
        string? problem = reader.ReadJson(line, out string? expectedId, out byte[]? expectedText, out var expectedDate);
        Assert.Null(problem);
        Assert.Equal(expectedId, id);
        Assert.Equal(expectedText, text);
        Assert.Equal(expectedDate, date);
        return true;
    }

    /// <summary>
    /// The 32-byte run search against its scalar twin: strings whose plain runs (0-80 bytes) end at every place in and
    /// across a step, cut by escapes, control bytes and multi-byte characters, with and without a closing quote, read
    /// into a room exactly as long as the line (the vector steps stop 32 bytes before its end), and without a room.
    /// </summary>
    [Fact]
    public void ReadString_Vector256_EqualsScalarTwin()
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, "no Vector256 here");
        var run = Gen.Char['a', 'z'].Array[0, 80].Select(c => new string(c));
        var piece = Gen.OneOf(run, run, Gen.OneOf<string>("\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d", "\\x", "\t", "\u0001", "é", "日本", " "));
        var lines = Gen.Select(piece.Array[0, 8].Select(string.Concat), Gen.OneOf<string>("\"", "\"}", "\"" + new string('x', 40), "", "\\"), Gen.Int[0, 3])
            .Select((body, end, lead) => Encoding.UTF8.GetBytes(new string(' ', lead) + "\"" + body + end));
        Gen.Select(lines, Gen.Bool).Sample((line, withRoom) =>
        {
            int start = line.AsSpan().IndexOf((byte)'"');
            var (scalarRoom, vectorRoom) = (Enumerable.Repeat((byte)0xAA, line.Length).ToArray(), Enumerable.Repeat((byte)0xAA, line.Length).ToArray());
            int expected = FlatJsonLine.ReadString(line, start, withRoom ? scalarRoom : default, false, out int scalarWritten, out bool scalarEscaped);
            int actual = FlatJsonLine.ReadString(line, start, withRoom ? vectorRoom : default, true, out int written, out bool escaped);
            Assert.Equal(expected, actual);
            Assert.Equal(scalarEscaped, escaped);
            if (expected >= 0)
            {
                Assert.Equal(scalarWritten, written);
                Assert.Equal(scalarRoom[..scalarWritten], vectorRoom[..written]);
            }
        }, iter: 5000);
    }
}

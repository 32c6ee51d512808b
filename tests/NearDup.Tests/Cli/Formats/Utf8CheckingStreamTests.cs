using System.Text;
using NearDup.Cli.Input;

namespace NearDup.Tests.Cli.Formats;

/// <summary>The check sees sequences split across reads as whole, and names the line of the first invalid byte.</summary>
public sealed class Utf8CheckingStreamTests
{
    private static readonly byte[] s_valid = Encoding.UTF8.GetBytes("id,text\nä,\"café — 東京 😀\nnext line\"\n");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Read_ValidInAnyChunking_PassesBytesThrough(int chunk)
    {
        using var stream = new Utf8CheckingStream(new MemoryStream(s_valid));

        Assert.Equal(s_valid, ReadAll(stream, chunk));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(4096)]
    public void Read_InvalidByteOrCutSequence_NamesItsLine(int chunk)
    {
        byte[] bad = [.. s_valid, .. "x,caf"u8, 0xE9, .. "\n"u8];
        byte[] cut = s_valid[..s_valid.AsSpan().IndexOf("😀"u8)].Concat(new byte[] { 0xF0, 0x9F }).ToArray();

        var invalid = Assert.Throws<InvalidDataException>(() => ReadAll(new Utf8CheckingStream(new MemoryStream(bad)), chunk));
        var truncated = Assert.Throws<InvalidDataException>(() => ReadAll(new Utf8CheckingStream(new MemoryStream(cut)), chunk));

        Assert.StartsWith("line 4 is not valid UTF-8", invalid.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 2 is not valid UTF-8", truncated.Message, StringComparison.Ordinal);
    }

    private static byte[] ReadAll(Stream stream, int chunk)
    {
        var output = new MemoryStream();
        byte[] buffer = new byte[chunk];
        int read;
        while ((read = stream.Read(buffer, 0, chunk)) > 0)
        {
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }
}

using System.Buffers;
using System.Text.Unicode;

namespace NearDup.Cli.Input;

/// <summary>
/// Passes bytes through unchanged and stops at the first invalid UTF-8 with an <see cref="InvalidDataException"/> naming
/// its line (counted by line feeds, so a line inside a quoted CSV field counts as in an editor). A decoder reads ahead
/// in blocks and cannot say where its bad bytes were; this check sees every byte in order. A sequence cut by the end of
/// one read is checked with the next.
/// </summary>
internal sealed class Utf8CheckingStream(Stream inner) : ReadOnlyStream
{
    private readonly byte[] _carry = new byte[4];
    private int _carried;
    private long _line = 1;

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        Check(buffer[..read], final: read == 0);
        return read;
    }

    private void Check(ReadOnlySpan<byte> bytes, bool final)
    {
        byte[] joined = ArrayPool<byte>.Shared.Rent(_carried + bytes.Length);
        char[] chars = ArrayPool<char>.Shared.Rent(_carried + bytes.Length);
        try
        {
            var all = joined.AsSpan(0, _carried + bytes.Length);
            _carry.AsSpan(0, _carried).CopyTo(all);
            bytes.CopyTo(all[_carried..]);
            var status = Utf8.ToUtf16(all, chars, out int consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                throw new InvalidDataException($"line {_line + all[..consumed].Count((byte)'\n')} is not valid UTF-8 (convert the file first, e.g. iconv -f latin1 -t utf-8)");
            }
            _line += all[..consumed].Count((byte)'\n');
            _carried = all.Length - consumed;
            all[consumed..].CopyTo(_carry);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}

using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NearDup.Persistence;

/// <summary>
/// Little-endian reads of a section payload of declared length from a stream, hashing the bytes read when asked.
/// Reading past the declared length, or a stream that ends early, throws <see cref="InvalidDataException"/> naming
/// the section, so corrupt counts can never make the reader allocate more than the bytes that are really there.
/// </summary>
internal sealed class PayloadReader(Stream source, long length, string section, XxHash3? hash)
{
    // Reads go through a buffer filled by large reads and hashed a buffer at a time: per-document reads of a few
    // hundred bytes each, hashed one by one, made loading several times slower.
    private readonly byte[] _buffer = new byte[(int)Math.Clamp(length, 16, 1 << 20)];
    private int _start;
    private int _end;
    private long _unread = length;

    /// <summary>Bytes of the declared payload not consumed yet.</summary>
    public long Remaining { get; private set; } = length;

    public string Section => section;

    public void Read(Span<byte> destination)
    {
        if (destination.Length > Remaining)
        {
            Throw($"needs {destination.Length:N0} more bytes but only {Remaining:N0} remain of its declared length");
        }
        Remaining -= destination.Length;
        while (!destination.IsEmpty)
        {
            if (_start == _end)
            {
                Fill();
            }
            int n = Math.Min(destination.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(destination);
            _start += n;
            destination = destination[n..];
        }
    }

    private void Fill()
    {
        int want = (int)Math.Min(_buffer.Length, _unread);
        int total = 0;
        while (total < want)
        {
            int read;
            try
            {
                read = source.Read(_buffer, total, want - total);
            }
            catch (InvalidDataException e)
            {
                // A decompressor that met bytes it cannot decode.
                throw Corrupt(section, $"cannot be decoded ({e.Message})", e);
            }
            if (read == 0)
            {
                Throw($"is truncated: the file ends {_unread - total:N0} bytes short of it");
            }
            total += read;
        }
        hash?.Append(_buffer.AsSpan(0, total));
        _unread -= total;
        _start = 0;
        _end = total;
    }

    public byte ReadByte()
    {
        Span<byte> bytes = stackalloc byte[1];
        Read(bytes);
        return bytes[0];
    }

    public uint ReadUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        Read(bytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public int ReadInt32() => (int)ReadUInt32();

    public ulong ReadUInt64()
    {
        Span<byte> bytes = stackalloc byte[8];
        Read(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    public long ReadInt64() => (long)ReadUInt64();

    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>Little-endian integers: read as bytes, swapped in place on a big-endian machine.</summary>
    public void Read<T>(Span<T> values)
        where T : unmanaged, IBinaryInteger<T>
    {
        var bytes = MemoryMarshal.AsBytes(values);
        Read(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            int size = bytes.Length / Math.Max(1, values.Length);
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = T.ReadLittleEndian(bytes.Slice(k * size, size), isUnsigned: true);
            }
        }
    }

    /// <summary>Checks, before allocating, that <paramref name="count"/> items of <paramref name="itemBytes"/> can still be in the payload.</summary>
    public int CheckCount(long count, int itemBytes, string what)
    {
        if (count < 0 || count > int.MaxValue || count * itemBytes > Remaining)
        {
            Throw($"declares {count:N0} {what}, more than its remaining {Remaining:N0} bytes can hold");
        }
        return (int)count;
    }

    /// <summary>Throws unless the whole declared payload was read.</summary>
    public void CheckEnd()
    {
        if (Remaining != 0)
        {
            Throw($"has {Remaining:N0} unexplained bytes at its end");
        }
    }

    [DoesNotReturn]
    public void Throw(string problem) => throw Corrupt(section, problem);

    public static InvalidDataException Corrupt(string section, string problem, Exception? inner = null) =>
        new($"NearDup index is corrupt: the {section} section {problem}.", inner);
}

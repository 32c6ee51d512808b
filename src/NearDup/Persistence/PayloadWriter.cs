using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NearDup.Persistence;

/// <summary>
/// Buffered little-endian writes into a stream, optionally hashing every byte written (XXH3-64) and counting them.
/// Arrays go out as their bytes on little-endian machines; big-endian machines swap through a small buffer.
/// </summary>
internal sealed class PayloadWriter(Stream target, XxHash3? hash)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Flush();
            if (bytes.Length >= _buffer.Length)
            {
                Emit(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    public void WriteByte(byte value) => Write([value]);

    public void WriteUInt16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        Write(bytes);
    }

    public void WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Write(bytes);
    }

    public void WriteInt32(int value) => WriteUInt32((uint)value);

    public void WriteUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Write(bytes);
    }

    public void WriteInt64(long value) => WriteUInt64((ulong)value);

    public void WriteDouble(double value) => WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(value));

    /// <summary>Integers little-endian: their bytes as they are on a little-endian machine, swapped through a small buffer otherwise.</summary>
    public void Write<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (BitConverter.IsLittleEndian)
        {
            Write(MemoryMarshal.AsBytes(values));
            return;
        }
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        Span<byte> swapped = stackalloc byte[1024];
        for (int i = 0; i < values.Length; i += swapped.Length / size)
        {
            var chunk = values.Slice(i, Math.Min(swapped.Length / size, values.Length - i));
            for (int k = 0; k < chunk.Length; k++)
            {
                chunk[k].WriteLittleEndian(swapped[(k * size)..]);
            }
            Write(swapped[..(chunk.Length * size)]);
        }
    }

    public void Flush()
    {
        if (_used > 0)
        {
            Emit(_buffer.AsSpan(0, _used));
            _used = 0;
        }
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        hash?.Append(bytes);
        target.Write(bytes);
        Written += bytes.Length;
    }
}

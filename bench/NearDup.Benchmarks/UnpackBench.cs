using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using NearDup.Persistence;

namespace NearDup.Benchmarks;

/// <summary>
/// The index loader's unpacking of a document's fingerprint gaps (<c>FingerprintPacking.Unpack</c>): 1,000 values of
/// 26 bits, the width of a 6 KB article's gaps. <see cref="BySlices"/> is the loop as it was at bb3d4b0, a span slice
/// and a bounds-checked read per value, for side-by-side timing in one process.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*UnpackBench*' --job short</c>.
/// </summary>
public class UnpackBench
{
    private const int Bits = 26;
    private readonly uint[] _values = new uint[1000];
    private byte[] _packed = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var raw = Enumerable.Range(0, _values.Length).Select(_ => (uint)random.Next(0, 1 << Bits)).ToArray();
        _packed = new byte[FingerprintPacking.Bytes(raw.Length, Bits) - 1 + sizeof(ulong)];
        FingerprintPacking.Pack(raw, Bits, _packed);
    }

    [Benchmark]
    public uint Unpack()
    {
        FingerprintPacking.Unpack(_packed, Bits, _values);
        return _values[^1];
    }

    [Benchmark(Baseline = true)]
    public uint BySlices()
    {
        ReadOnlySpan<byte> source = _packed;
        ulong mask = (1UL << Bits) - 1;
        long position = 0;
        for (int k = 0; k < _values.Length; k++, position += Bits)
        {
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(source[(int)(position >> 3)..]);
            _values[k] = (uint)((word >> (int)(position & 7)) & mask);
        }
        return _values[^1];
    }
}

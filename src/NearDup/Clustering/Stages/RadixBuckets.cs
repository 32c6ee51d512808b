using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Clustering;

/// <summary>
/// One worker's values, appended in any order and then partitioned by their top bits into buckets (counted as they are
/// appended, then a scatter, no comparisons), so that whoever consumes a bucket touches one cache-sized range of a table
/// instead of the whole of it. Reused from chunk to chunk: the arrays only grow.
/// </summary>
/// <param name="bucketBits">Top bits of a value that name its bucket.</param>
/// <param name="valueBits">Bits of a value.</param>
/// <param name="capacity">Values to make room for at once: a chunk's size, so that the arrays are not grown by doubling (a copy of megabytes each time).</param>
/// <param name="spare">Where the two large arrays are taken from and given back to (<see cref="GiveBack"/>), when given.</param>
internal sealed class RadixBuckets(int bucketBits, int valueBits, int capacity = 1024, Internal.SpareArrays? spare = null)
{
    private readonly int _shift = valueBits - bucketBits;
    private readonly int[] _starts = new int[(1 << bucketBits) + 1];
    private readonly int[] _fill = new int[1 << bucketBits];
    private uint[] _values = spare?.Take(Math.Max(1, capacity)) ?? new uint[Math.Max(1, capacity)];
    private uint[] _sorted = [];
    private uint[]? _staging;
    private int _count;

    /// <summary>Values appended since the last <see cref="Clear"/>.</summary>
    public int Count => _count;

    /// <summary>Number of buckets: 2^bucketBits.</summary>
    public int Buckets => _starts.Length - 1;

    public void Add(uint value)
    {
        if (_count == _values.Length)
        {
            Array.Resize(ref _values, Math.Max(1024, _values.Length * 2));
        }
        _values[_count++] = value;
        _starts[(int)(value >> _shift) + 1]++;
    }

    /// <summary>
    /// Appends <paramref name="values"/>, each mapped by <paramref name="map"/>, and counts them by bucket on the way: a
    /// chunk is megabytes, past the cache, so counting in a pass of its own read all of it from memory once more.
    /// </summary>
    public void AddRange<TMap>(ReadOnlySpan<uint> values, TMap map)
        where TMap : struct, IValueMap
    {
        if (_count + values.Length > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(_count + values.Length, _values.Length * 2));
        }
        var destination = _values.AsSpan(_count, values.Length);
        var starts = _starts.AsSpan();
        int shift = _shift;
        for (int i = 0; i < values.Length; i++)
        {
            uint mapped = map.Map(values[i]);
            destination[i] = mapped;
            starts[(int)(mapped >> shift) + 1]++;
        }
        _count += values.Length;
    }

    /// <summary>Partitions what was appended into the buckets (each bucket keeps the order of appending).</summary>
    public void Partition()
    {
        var starts = _starts.AsSpan();
        var values = _values.AsSpan(0, _count);
        int shift = _shift;
        for (int b = 1; b < starts.Length; b++)
        {
            starts[b] += starts[b - 1];
        }
        if (_sorted.Length < _count)
        {
            // As long as the input: a later chunk a little larger than this one does not allocate again.
            spare?.Give(_sorted);
            int length = Math.Max(_count, _values.Length);
            _sorted = spare?.Take(length) ?? new uint[length];
        }
        var fill = _fill;
        starts[..^1].CopyTo(fill);
        if (Avx.IsSupported && _count >= StagedValuesPerBucket * Buckets)
        {
            _staging ??= new uint[Buckets * LineValues];
            PartitionStaged(values, shift, starts, fill, _sorted, _staging);
        }
        else
        {
            PartitionScalar(values, shift, fill, _sorted);
        }
    }

    /// <summary>Values a 64-byte cache line holds.</summary>
    private const int LineValues = 16;

    /// <summary>
    /// Fewest values per bucket, on average, for <see cref="PartitionStaged"/>: it ends with a partial line for every
    /// bucket, worth it only when the lines it writes whole are many more.
    /// </summary>
    private const int StagedValuesPerBucket = 64;

    /// <summary>
    /// Scatters <paramref name="values"/> to <paramref name="sorted"/> at their buckets' next places
    /// (<paramref name="fill"/>, the buckets' starts, moved on as they fill): the reference that
    /// <see cref="PartitionStaged"/> equals.
    /// </summary>
    internal static void PartitionScalar(ReadOnlySpan<uint> values, int shift, Span<int> fill, Span<uint> sorted)
    {
        foreach (uint v in values)
        {
            sorted[fill[(int)(v >> shift)]++] = v;
        }
    }

    /// <summary>
    /// <see cref="PartitionScalar"/> with each bucket's values gathered a cache line at a time in
    /// <paramref name="staging"/> (a line per bucket, 128 KiB for 2,048 buckets) and written out a whole line at once,
    /// past the cache: scattered a value at a time, every line of the output was first read from memory only to be
    /// overwritten, and thousands of lines were open at once (bench/results/amd-epyc/partition-staged.md). A line of a
    /// bucket's first or last values, shared with its neighbour, is written a value at a time with ordinary stores, as
    /// the neighbour's part of it is: a store past the cache is not ordered with them. Positions are counted
    /// from the cache line that holds <paramref name="sorted"/>'s first value, which the array is pinned to keep.
    /// </summary>
    internal static unsafe void PartitionStaged(ReadOnlySpan<uint> values, int shift, ReadOnlySpan<int> starts, Span<int> fill, uint[] sorted,
        uint[] staging)
    {
        fixed (uint* output = sorted)
        fixed (uint* lines = staging)
        {
            long offset = ((long)output & 63) / sizeof(uint);
            foreach (uint v in values)
            {
                int b = (int)(v >> shift);
                int at = fill[b]++;
                int slot = (int)((at + offset) & (LineValues - 1));
                lines[b * LineValues + slot] = v;
                if (slot == LineValues - 1)
                {
                    int first = at - (LineValues - 1);
                    if (first >= starts[b])
                    {
                        StoreLine(lines + b * LineValues, output + first);
                    }
                    else
                    {
                        CopyFromLine(lines + b * LineValues, output, starts[b], at + 1, offset);
                    }
                }
            }
            for (int b = 0; b < fill.Length; b++)
            {
                int end = fill[b];
                CopyFromLine(lines + b * LineValues, output, Math.Max(starts[b], end - (int)((end + offset) & (LineValues - 1))), end, offset);
            }
        }
        // Stores past the cache are ordered by nothing else: other threads read the buckets next.
        Sse.StoreFence();
    }

    /// <summary>
    /// One staged line to its place in the output (64-byte aligned), past the cache: one AVX-512 store, or two AVX ones.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreLine(uint* line, uint* to)
    {
        if (Avx512F.IsSupported)
        {
            Avx512F.StoreAlignedNonTemporal(to, Avx512F.LoadVector512(line));
        }
        else
        {
            Avx.StoreAlignedNonTemporal(to, Avx.LoadVector256(line));
            Avx.StoreAlignedNonTemporal(to + Vector256<uint>.Count, Avx.LoadVector256(line + Vector256<uint>.Count));
        }
    }

    /// <summary>Copies places [<paramref name="from"/>, <paramref name="to"/>) of the output from their slots of a bucket's staged <paramref name="line"/>.</summary>
    private static unsafe void CopyFromLine(uint* line, uint* output, int from, int to, long offset)
    {
        for (int at = from; at < to; at++)
        {
            output[at] = line[(at + offset) & (LineValues - 1)];
        }
    }

    /// <summary>Bucket <paramref name="b"/>'s values after <see cref="Partition"/>.</summary>
    public Span<uint> Bucket(int b) => _sorted.AsSpan(_starts[b], _starts[b + 1] - _starts[b]);

    /// <summary>Empties the buckets for the next chunk (partitioned again only once it is appended).</summary>
    public void Clear()
    {
        _count = 0;
        _starts.AsSpan().Clear();
    }

    /// <summary>Lets go of the appended values once partitioned, keeping only the buckets (for a last use).</summary>
    public void ReleaseInput()
    {
        spare?.Give(_values);
        _values = [];
    }

    /// <summary>Gives both arrays to the spare arrays this was made with (if any) once the buckets are no longer read.</summary>
    public void GiveBack()
    {
        ReleaseInput();
        spare?.Give(_sorted);
        _sorted = [];
    }

    /// <summary>A value's transformation on the way in, which the JIT inlines into the copying loop.</summary>
    public interface IValueMap
    {
        public uint Map(uint value);
    }
}

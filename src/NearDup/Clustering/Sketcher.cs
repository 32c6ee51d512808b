using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NearDup.Indexing;
using NearDup.Signatures;
using NearDup.Text;

namespace NearDup.Clustering;

/// <summary>
/// Turns one text into a <see cref="DocumentSketch"/>: shingles, MinHash band keys, SimHash and the sorted
/// fingerprint sample used for candidates and verification. Thread-safe; scratch buffers are per thread.
/// </summary>
internal sealed class Sketcher
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly Shingler _shingler;
    private readonly MinHasher _minHasher;
    private readonly SimHasher _simHasher;
    private readonly uint _sampleThreshold;

    public Sketcher(NearDupOptions options)
    {
        _shingler = new Shingler(options.Shingles);
        _minHasher = new MinHasher(options.MinHash);
        _simHasher = new SimHasher();
        Lsh = LshParameters.Optimal(options.LshThreshold, _minHasher.SignatureLength);
        // Keep a shingle when the low 32 bits of its hash fall under rate·2^32: a consistent sample, so the
        // samples of two documents intersect exactly in the sample of their intersection.
        _sampleThreshold = options.SampleRate >= 1 ? uint.MaxValue : (uint)(options.SampleRate * 4294967296.0);
        SampleRate = options.SampleRate;
    }

    public LshParameters Lsh { get; }

    public double SampleRate { get; }

    public DocumentSketch Sketch(string id, ReadOnlySpan<char> text, long dateTicks)
    {
        var scratch = Rent(_shingler.GetMaxShingleCount(text.Length));
        int count = _shingler.Compute(text, scratch.Shingles);
        return Finish(id, scratch, count, dateTicks, FactHashes.Compute(text));
    }

    public DocumentSketch Sketch(string id, ReadOnlySpan<byte> utf8Text, long dateTicks)
    {
        var scratch = Rent(_shingler.GetMaxShingleCountUtf8(utf8Text.Length));
        int count = _shingler.Compute(utf8Text, scratch.Shingles);
        return Finish(id, scratch, count, dateTicks, FactHashes.Compute(utf8Text));
    }

    /// <summary>
    /// Sketches <paramref name="text"/> into the caller's room, allocating nothing: the band keys (one per band), the
    /// sorted fingerprints and their positions (room for <see cref="GetMaxShingleCount"/> of each) and the facts (room
    /// for <see cref="FactHashes.MaxCount"/>). What <see cref="Sketch(string, ReadOnlySpan{char}, long)"/> would
    /// return, for a caller that copies it into a store anyway.
    /// </summary>
    public SketchHeader SketchInto(ReadOnlySpan<char> text, Span<uint> bandKeys, Span<uint> fingerprints, Span<ushort> positions, Span<uint> facts)
    {
        var scratch = Rent(_shingler.GetMaxShingleCount(text.Length));
        int count = _shingler.Compute(text, scratch.Shingles);
        return FinishInto(scratch, count, FactHashes.Compute(text, facts), bandKeys, fingerprints, positions);
    }

    /// <summary>Like <see cref="SketchInto(ReadOnlySpan{char}, Span{uint}, Span{uint}, Span{ushort}, Span{uint})"/>, for UTF-8 text.</summary>
    public SketchHeader SketchInto(ReadOnlySpan<byte> utf8Text, Span<uint> bandKeys, Span<uint> fingerprints, Span<ushort> positions, Span<uint> facts)
    {
        var scratch = Rent(_shingler.GetMaxShingleCountUtf8(utf8Text.Length));
        int count = _shingler.Compute(utf8Text, scratch.Shingles);
        return FinishInto(scratch, count, FactHashes.Compute(utf8Text, facts), bandKeys, fingerprints, positions);
    }

    /// <summary>Most shingles (so fingerprints) a text of this many UTF-16 characters (or UTF-8 bytes) can have.</summary>
    public int GetMaxShingleCount(int length) => _shingler.GetMaxShingleCount(length);

    /// <summary>Most shingles a text of this many UTF-8 bytes can have: half <see cref="GetMaxShingleCount"/>.</summary>
    public int GetMaxShingleCountUtf8(int byteCount) => _shingler.GetMaxShingleCountUtf8(byteCount);

    private SketchHeader FinishInto(Scratch scratch, int count, int factCount, Span<uint> bandKeys, Span<uint> fingerprints, Span<ushort> positions)
    {
        var shingles = scratch.Shingles.AsSpan(0, count);
        var (simHash, contentHash) = Signatures(shingles, scratch.Signature, bandKeys);
        var keys = SampleKeys(shingles, scratch);
        Split(keys, PositionShift(count), fingerprints, positions);
        return new SketchHeader(contentHash, simHash, count, keys.Length, factCount);
    }

    private DocumentSketch Finish(string id, Scratch scratch, int count, long dateTicks, uint[] facts)
    {
        var shingles = scratch.Shingles.AsSpan(0, count);
        var bandKeys = new uint[Lsh.Bands];
        var (simHash, contentHash) = Signatures(shingles, scratch.Signature, bandKeys);
        var keys = SampleKeys(shingles, scratch);
        var fingerprints = new uint[keys.Length];
        var positions = new ushort[keys.Length];
        Split(keys, PositionShift(count), fingerprints, positions);
        return new DocumentSketch
        {
            Id = id,
            DateTicks = dateTicks,
            ContentHash = contentHash,
            ShingleCount = count,
            SimHash = simHash,
            BandKeys = bandKeys,
            Fingerprints = fingerprints,
            Positions = positions,
            Facts = facts,
        };
    }

    /// <summary>Writes the MinHash band keys (zeros for a text without shingles); returns the SimHash and the hash of the whole shingle sequence.</summary>
    private (ulong SimHash, ulong ContentHash) Signatures(ReadOnlySpan<ulong> shingles, ulong[] signature, Span<uint> bandKeys)
    {
        if (shingles.IsEmpty)
        {
            bandKeys[..Lsh.Bands].Clear();
            return (0, 0);
        }
        _minHasher.Compute(shingles, signature);
        Span<ulong> wide = stackalloc ulong[Lsh.Bands];
        LshIndex.ComputeBandKeys(signature, Lsh, wide);
        for (int band = 0; band < wide.Length; band++)
        {
            bandKeys[band] = (uint)wide[band];
        }
        return (_simHasher.Compute(shingles), XxHash3.HashToUInt64(MemoryMarshal.AsBytes(shingles)));
    }

    /// <summary>
    /// The sampled shingles as (fingerprint, position) keys, sorted, one per fingerprint (its first occurrence), in
    /// the scratch's key buffer; <see cref="Split"/> turns them into fingerprints and positions.
    /// </summary>
    private Span<ulong> SampleKeys(ReadOnlySpan<ulong> shingles, Scratch scratch)
    {
        ulong[] buffer = scratch.Keys;
        int n = 0;
        uint threshold = _sampleThreshold;
        for (int i = 0; i < shingles.Length; i++)
        {
            ulong h = shingles[i];
            if ((uint)h <= threshold)
            {
                buffer[n++] = (h & 0xFFFF_FFFF_0000_0000UL) | (uint)i;
            }
        }
        var keys = buffer.AsSpan(0, n);
        SortFingerprints(keys, scratch.SortBuffer);
        int distinct = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (i == 0 || keys[i] >> 32 != keys[distinct - 1] >> 32)
            {
                keys[distinct++] = keys[i];
            }
        }
        return keys[..distinct];
    }

    /// <summary>Sorted distinct fingerprints and the position of each one's first occurrence (see <see cref="DocumentSketch.Positions"/>).</summary>
    private static void Split(ReadOnlySpan<ulong> keys, int shift, Span<uint> fingerprints, Span<ushort> positions)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            fingerprints[i] = (uint)(keys[i] >> 32);
            positions[i] = (ushort)((uint)keys[i] >> shift);
        }
    }

    /// <summary>
    /// Positions are kept in 16 bits: exact up to 65,536 shingles; a longer document's are divided by the smallest
    /// power of two that makes them fit, so order evidence stays right and only adjacency blurs.
    /// </summary>
    internal static int PositionShift(int shingleCount)
    {
        int shift = 0;
        while ((long)(shingleCount - 1) >> shift > ushort.MaxValue)
        {
            shift++;
        }
        return shift;
    }

    /// <summary>Below this many keys the comparison sort is as fast as the bucket pass and its histogram.</summary>
    private const int MinBucketSort = 64;

    /// <summary>Most bits of the fingerprint the bucket pass spreads keys by (4,096 counters, 16 KB of stack).</summary>
    private const int MaxBucketBits = 12;

    /// <summary>A bucket longer than this (skewed fingerprints) is sorted by the comparison sort, not by insertion.</summary>
    private const int MaxInsertionRun = 24;

    /// <summary>Shingles a thread's scratch holds before it grows: a long news article's worth.</summary>
    private const int InitialScratch = 4096;

    /// <summary>
    /// Sorts (fingerprint, position) keys, as <see cref="SampleKeys"/> makes them, into ascending order of the whole
    /// key: one pass spreads them into n/4 to n/2 buckets by the top bits of the fingerprint (hashes are uniform, so a
    /// bucket holds two to four keys on average), and each bucket is insertion-sorted on the whole key as it is copied back.
    /// Four 8-bit LSD passes took 0.82 of <see cref="MemoryExtensions.Sort{T}(Span{T})"/>'s time on ~900 keys, this
    /// one pass and the short insertions less (SketchKernelBench). A long bucket (skewed input) goes to the comparison
    /// sort, so the worst case stays n log n. <see cref="MemoryExtensions.Sort{T}(Span{T})"/> is the reference it must
    /// equal, and sorts short spans. <paramref name="scratch"/> is at least as long as <paramref name="keys"/>.
    /// </summary>
    [SkipLocalsInit]
    internal static void SortFingerprints(Span<ulong> keys, Span<ulong> scratch)
    {
        if (keys.Length < MinBucketSort)
        {
            keys.Sort();
            return;
        }
        int bits = Math.Clamp(BitOperations.Log2((uint)keys.Length) - 1, 1, MaxBucketBits);
        int buckets = 1 << bits, shift = 64 - bits;
        Span<int> starts = stackalloc int[(1 << MaxBucketBits) + 1];
        starts = starts[..(buckets + 1)];
        starts.Clear();
        ref int start0 = ref MemoryMarshal.GetReference(starts);
        foreach (ulong key in keys)
        {
            Unsafe.Add(ref start0, (int)(key >> shift) + 1)++;
        }
        for (int b = 1; b <= buckets; b++)
        {
            Unsafe.Add(ref start0, b) += Unsafe.Add(ref start0, b - 1);
        }
        var spread = scratch[..keys.Length];
        Spread(keys, spread, starts, shift);
        // Spread moved each bucket's start to its end: bucket b now runs from starts[b - 1] (0 for the first) to starts[b].
        int from = 0;
        for (int b = 0; b < buckets; b++)
        {
            int to = Unsafe.Add(ref start0, b);
            InsertBucket(spread[from..to], keys[from..to]);
            from = to;
        }
    }

    /// <summary>Copies each key to the next place of its bucket (stable; <paramref name="starts"/> advance to the buckets' ends).</summary>
    private static void Spread(ReadOnlySpan<ulong> keys, Span<ulong> spread, Span<int> starts, int shift)
    {
        ref int next = ref MemoryMarshal.GetReference(starts);
        ref ulong target = ref MemoryMarshal.GetReference(spread);
        foreach (ulong key in keys)
        {
            Unsafe.Add(ref target, Unsafe.Add(ref next, (int)(key >> shift))++) = key;
        }
    }

    /// <summary>Writes one bucket's keys into <paramref name="destination"/> in order: insertion as they are copied, or the comparison sort for a long bucket.</summary>
    private static void InsertBucket(ReadOnlySpan<ulong> bucket, Span<ulong> destination)
    {
        if (bucket.Length > MaxInsertionRun)
        {
            bucket.CopyTo(destination);
            destination.Sort();
            return;
        }
        ref ulong d = ref MemoryMarshal.GetReference(destination);
        for (int i = 0; i < bucket.Length; i++)
        {
            ulong key = bucket[i];
            int j = i;
            while (j > 0 && Unsafe.Add(ref d, j - 1) > key)
            {
                Unsafe.Add(ref d, j) = Unsafe.Add(ref d, j - 1);
                j--;
            }
            Unsafe.Add(ref d, j) = key;
        }
    }

    private Scratch Rent(int maxShingles)
    {
        var scratch = t_scratch ??= new Scratch(_minHasher.SignatureLength);
        if (scratch.Shingles.Length < maxShingles)
        {
            int size = Math.Max(maxShingles, scratch.Shingles.Length * 2);
            scratch.Shingles = new ulong[size];
            scratch.Keys = new ulong[size];
            scratch.SortBuffer = new ulong[size];
        }
        if (scratch.Signature.Length != _minHasher.SignatureLength)
        {
            scratch.Signature = new ulong[_minHasher.SignatureLength];
        }
        return scratch;
    }

    private sealed class Scratch(int signatureLength)
    {
        public ulong[] Shingles = new ulong[InitialScratch];
        public ulong[] Keys = new ulong[InitialScratch];
        public ulong[] SortBuffer = new ulong[InitialScratch];
        public ulong[] Signature = new ulong[signatureLength];
    }
}

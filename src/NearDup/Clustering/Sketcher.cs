using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NearDup.Indexing;
using NearDup.Signatures;
using NearDup.Text;

namespace NearDup.Clustering;

/// <summary>
/// Turns one text into a <see cref="DocumentSketch"/>: shingles, MinHash band keys, SimHash and the sorted
/// fingerprint sample used for candidates and verification. Thread-safe; scratch buffers are per thread.
/// </summary>
internal sealed partial class Sketcher
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
        int distinct = SplitDistinct(keys, PositionShift(count), fingerprints, positions);
        return new SketchHeader(contentHash, simHash, count, distinct, factCount);
    }

    private DocumentSketch Finish(string id, Scratch scratch, int count, long dateTicks, uint[] facts)
    {
        var shingles = scratch.Shingles.AsSpan(0, count);
        var bandKeys = new uint[Lsh.Bands];
        var (simHash, contentHash) = Signatures(shingles, scratch.Signature, bandKeys);
        var keys = SampleKeys(shingles, scratch);
        var fingerprints = new uint[keys.Length];
        var positions = new ushort[keys.Length];
        int distinct = SplitDistinct(keys, PositionShift(count), fingerprints, positions);
        if (distinct < keys.Length)
        {
            // A repeated shingle: the stored arrays hold exactly the distinct fingerprints.
            Array.Resize(ref fingerprints, distinct);
            Array.Resize(ref positions, distinct);
        }
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
    /// The sampled shingles as (fingerprint, position) keys, sorted, in the scratch's key buffer (a repeated
    /// fingerprint once per occurrence, in position order); <see cref="SplitDistinct"/> keeps the first of each. With
    /// AVX-512 or AVX2 the keys go to <see cref="NetworkSort"/>; otherwise the radix sort's four digit histograms are counted
    /// here, as the keys are made, not in a second read of them.
    /// </summary>
    [SkipLocalsInit]
    private Span<ulong> SampleKeys(ReadOnlySpan<ulong> shingles, Scratch scratch)
    {
        int expected = (int)((ulong)shingles.Length * ((ulong)_sampleThreshold + 1) >> 32);
        if (!CanNetworkSort(expected, scratch.SortBuffer.Length))
        {
            return SampleKeysCounted(shingles, scratch);
        }
        // The bucket sizes counted as the keys are made; the buckets from the expected count (any count sorts right).
        int shift = 64 - BucketBits(expected);
        Span<int> counts = stackalloc int[1 << (64 - shift)];
        counts.Clear();
        var keys = scratch.Keys.AsSpan(0, Sample<BucketCounter>(shingles, scratch.Keys, counts, shift));
        if (keys.Length < MinRadixSort)
        {
            keys.Sort();
        }
        else
        {
            NetworkSortCounted(keys, scratch.SortBuffer, counts, shift);
        }
        return keys;
    }

    /// <summary><see cref="SampleKeys"/> for the radix sort: the four digit histograms counted as the keys are made.</summary>
    [SkipLocalsInit]
    private Span<ulong> SampleKeysCounted(ReadOnlySpan<ulong> shingles, Scratch scratch)
    {
        Span<int> counts = stackalloc int[4 * Digits];
        counts.Clear();
        var keys = scratch.Keys.AsSpan(0, Sample<DigitCounter>(shingles, scratch.Keys, counts, 0));
        SortCounted(keys, scratch.SortBuffer, counts);
        return keys;
    }

    /// <summary>
    /// Writes the sampled shingles' (fingerprint, position) keys to <paramref name="buffer"/>, each counted by
    /// <typeparamref name="TCounter"/> into <paramref name="counts"/> as it is made; returns how many.
    /// </summary>
    private int Sample<TCounter>(ReadOnlySpan<ulong> shingles, ulong[] buffer, Span<int> counts, int shift)
        where TCounter : struct, IKeyCounter
    {
        ref int count0 = ref MemoryMarshal.GetReference(counts);
        int n = 0;
        uint threshold = _sampleThreshold;
        for (int i = 0; i < shingles.Length; i++)
        {
            ulong h = shingles[i];
            if ((uint)h <= threshold)
            {
                ulong key = (h & 0xFFFF_FFFF_0000_0000UL) | (uint)i;
                buffer[n++] = key;
                TCounter.Count(ref count0, key, shift);
            }
        }
        return n;
    }

    /// <summary>How <see cref="Sample"/> counts a key: a struct, so each sampling loop is compiled with its count inlined.</summary>
    private interface IKeyCounter
    {
        public static abstract void Count(ref int count0, ulong key, int shift);
    }

    /// <summary>The key's bucket (its top <c>64 - shift</c> bits), for <see cref="NetworkSortCounted"/>.</summary>
    private readonly struct BucketCounter : IKeyCounter
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Count(ref int count0, ulong key, int shift) => Unsafe.Add(ref count0, (nint)(key >> shift))++;
    }

    /// <summary>The four 8-bit digits of the key's fingerprint, for <see cref="SortCounted"/>.</summary>
    private readonly struct DigitCounter : IKeyCounter
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Count(ref int count0, ulong key, int shift) => CountDigits(ref count0, (uint)(key >> 32));
    }

    /// <summary>
    /// Sorted keys (see <see cref="SampleKeys"/>) to the sorted distinct fingerprints and the position of each one's
    /// first occurrence (see <see cref="DocumentSketch.Positions"/>), in one read; returns how many. Each key is written
    /// at the next free slot and the slot is kept only when its fingerprint is new, so there is no branch on the data;
    /// the destinations are at least as long as <paramref name="keys"/>.
    /// </summary>
    internal static int SplitDistinct(ReadOnlySpan<ulong> keys, int shift, Span<uint> fingerprints, Span<ushort> positions) =>
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported && keys.Length > SplitLanes
            ? SplitDistinctVector512(keys, shift, fingerprints, positions)
            : Avx2.IsSupported && keys.Length > SplitLanes4
            ? SplitDistinctVector256(keys, shift, fingerprints, positions)
            : SplitDistinctScalar(keys, shift, fingerprints, positions);

    /// <summary><see cref="SplitDistinct"/> one key at a time: the other tiers' split, and the reference the AVX2 and AVX-512 ones must equal.</summary>
    internal static int SplitDistinctScalar(ReadOnlySpan<ulong> keys, int shift, Span<uint> fingerprints, Span<ushort> positions)
    {
        if (keys.IsEmpty)
        {
            return 0;
        }
        _ = fingerprints[keys.Length - 1];
        _ = positions[keys.Length - 1];
        fingerprints[0] = (uint)(keys[0] >> 32);
        positions[0] = (ushort)((uint)keys[0] >> shift);
        return SplitFrom(keys, 1, 1, shift, fingerprints, positions);
    }

    /// <summary>
    /// The split of the keys from <paramref name="start"/> on, the first <paramref name="distinct"/> slots already
    /// written from the keys before it; returns the distinct count at the end.
    /// </summary>
    private static int SplitFrom(ReadOnlySpan<ulong> keys, int start, int distinct, int shift, Span<uint> fingerprints, Span<ushort> positions)
    {
        uint last = (uint)(keys[start - 1] >> 32);
        for (int i = start; i < keys.Length; i++)
        {
            ulong key = keys[i];
            uint f = (uint)(key >> 32);
            fingerprints[distinct] = f;
            positions[distinct] = (ushort)((uint)key >> shift);
            distinct += f != last ? 1 : 0;
            last = f;
        }
        return distinct;
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

    /// <summary>Below this many keys the comparison sort is as fast as the radix passes and their histograms.</summary>
    private const int MinRadixSort = 64;

    /// <summary>One radix digit: 8 bits, so four passes cover the 32-bit fingerprint.</summary>
    private const int DigitBits = 8;

    private const int Digits = 1 << DigitBits;

    /// <summary>Shingles a thread's scratch holds before it grows: a long news article's worth.</summary>
    private const int InitialScratch = 4096;

    /// <summary>
    /// Sorts (fingerprint, position) keys whose positions ascend in input order, as <see cref="SampleKeys"/> makes
    /// them: a stable LSD radix sort on the fingerprint half (four 8-bit passes, the four histograms counted in one
    /// read) then leaves equal fingerprints in position order, which is the order of the whole keys. Linear at any
    /// length, with no data-dependent branch; <see cref="MemoryExtensions.Sort{T}(Span{T})"/> is the reference it
    /// must equal, and sorts short spans. <paramref name="scratch"/> is at least as long as <paramref name="keys"/>.
    /// </summary>
    [SkipLocalsInit]
    internal static void SortFingerprints(Span<ulong> keys, Span<ulong> scratch)
    {
        if (keys.Length < MinRadixSort)
        {
            keys.Sort();
            return;
        }
        Span<int> counts = stackalloc int[4 * Digits];
        counts.Clear();
        ref int count0 = ref MemoryMarshal.GetReference(counts);
        foreach (ulong key in keys)
        {
            CountDigits(ref count0, (uint)(key >> 32));
        }
        SortCounted(keys, scratch, counts);
    }

    /// <summary>Adds the four 8-bit digits of fingerprint <paramref name="f"/> to their histograms (four of <see cref="Digits"/> counts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CountDigits(ref int count0, uint f)
    {
        Unsafe.Add(ref count0, (int)(f & 0xFF))++;
        Unsafe.Add(ref count0, Digits + (int)(f >> 8 & 0xFF))++;
        Unsafe.Add(ref count0, 2 * Digits + (int)(f >> 16 & 0xFF))++;
        Unsafe.Add(ref count0, 3 * Digits + (int)(f >> 24))++;
    }

    /// <summary><see cref="SortFingerprints"/> with the keys' digit histograms already counted in <paramref name="counts"/> (which it consumes).</summary>
    private static void SortCounted(Span<ulong> keys, Span<ulong> scratch, Span<int> counts)
    {
        if (keys.Length < MinRadixSort)
        {
            keys.Sort();
            return;
        }
        Span<ulong> from = keys, to = scratch[..keys.Length];
        for (int pass = 0; pass < 4; pass++)
        {
            Scatter(from, to, counts.Slice(pass * Digits, Digits), 32 + pass * DigitBits);
            var swap = from;
            from = to;
            to = swap;
        }
        // An even number of passes ends where it began, in keys.
    }

    /// <summary>
    /// One stable radix pass: the digit of each key at <paramref name="shift"/> (as many bits as <paramref name="counts"/>,
    /// a power of two long, has) picks its place in <paramref name="to"/>; leaves each digit's end in <paramref name="counts"/>.
    /// </summary>
    private static void Scatter(ReadOnlySpan<ulong> from, Span<ulong> to, Span<int> counts, int shift)
    {
        int sum = 0;
        for (int d = 0; d < counts.Length; d++)
        {
            int c = counts[d];
            counts[d] = sum;
            sum += c;
        }
        int mask = counts.Length - 1;
        ref int next = ref MemoryMarshal.GetReference(counts);
        ref ulong target = ref MemoryMarshal.GetReference(to);
        foreach (ulong key in from)
        {
            Unsafe.Add(ref target, Unsafe.Add(ref next, (int)(key >> shift) & mask)++) = key;
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
            scratch.SortBuffer = new ulong[size + NetworkLanes];
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
        public ulong[] SortBuffer = new ulong[InitialScratch + NetworkLanes];
        public ulong[] Signature = new ulong[signatureLength];
    }
}

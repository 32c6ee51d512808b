using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

// The Vector128, Vector256 and Vector512 kernels: one generic body each, instantiated per width through the
// VectorOps structs below (the JIT compiles a struct type argument into its own code, so every call inlines as if
// written out per width; .NET 10's ISimdVector is not public). Vector512 needs AVX-512F/DQ (vpmullq, vpminuq);
// with Vector256/128 the 64-bit multiply and unsigned min are native only with AVX-512VL, emulated otherwise.
// Vectorized across permutations, never across shingles (STYLE 4.3). This departs from STYLE 4.9 (one partial file
// per ISA): the three widths were line-for-line copies that differed only in the vector type, so one body serves all
// three, and the kernel table (SignatureKernel) still names each width. The SimHasher kernels keep a file per width
// because their register blocking differs by width (1, 2 or 4 byte counters; 4, 8 or 16 float sums).
public sealed partial class MinHasher
{
    /// <summary>k-permutation accumulate with <see cref="Vector128{T}"/>; see <see cref="Accumulate{TOps, TV}"/>.</summary>
    internal static void AccumulateVector128(ReadOnlySpan<ulong> hashes, ReadOnlySpan<ulong> seeds, Span<ulong> mins) =>
        Accumulate<V128<ulong>, Vector128<ulong>>(hashes, seeds, mins);

    /// <summary>k-permutation accumulate with <see cref="Vector256{T}"/>; see <see cref="Accumulate{TOps, TV}"/>.</summary>
    internal static void AccumulateVector256(ReadOnlySpan<ulong> hashes, ReadOnlySpan<ulong> seeds, Span<ulong> mins) =>
        Accumulate<V256<ulong>, Vector256<ulong>>(hashes, seeds, mins);

    /// <summary>k-permutation accumulate with <see cref="Vector512{T}"/>; see <see cref="Accumulate{TOps, TV}"/>.</summary>
    internal static void AccumulateVector512(ReadOnlySpan<ulong> hashes, ReadOnlySpan<ulong> seeds, Span<ulong> mins) =>
        Accumulate<V512<ulong>, Vector512<ulong>>(hashes, seeds, mins);

    /// <summary>Match count with <see cref="Vector128{T}"/>; see <see cref="CountMatches{TOps, TV, T}"/>.</summary>
    internal static int CountMatchesVector128(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => CountMatches<V128<ulong>, Vector128<ulong>, ulong>(a, b);

    /// <summary>Match count with <see cref="Vector256{T}"/>.</summary>
    internal static int CountMatchesVector256(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => CountMatches<V256<ulong>, Vector256<ulong>, ulong>(a, b);

    /// <summary>Match count with <see cref="Vector512{T}"/>.</summary>
    internal static int CountMatchesVector512(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => CountMatches<V512<ulong>, Vector512<ulong>, ulong>(a, b);

    /// <summary>Compact match count with <see cref="Vector128{T}"/>.</summary>
    internal static int CountMatchesVector128(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) => CountMatches<V128<uint>, Vector128<uint>, uint>(a, b);

    /// <summary>Compact match count with <see cref="Vector256{T}"/>.</summary>
    internal static int CountMatchesVector256(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) => CountMatches<V256<uint>, Vector256<uint>, uint>(a, b);

    /// <summary>Compact match count with <see cref="Vector512{T}"/>.</summary>
    internal static int CountMatchesVector512(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) => CountMatches<V512<uint>, Vector512<uint>, uint>(a, b);

    /// <summary>
    /// k-permutation accumulate, one vector width. Register-blocked: a block of four vectors of seeds and minima
    /// stays in registers while the loop runs over every hash, so the inner loop does one scalar load and a
    /// broadcast per hash instead of two vector loads and a store per vector. The lanes left over after whole
    /// vectors are redone by one vector that overlaps the previous ones, which is exact because min is idempotent;
    /// only k below one vector's lanes falls back to scalar.
    /// </summary>
    private static void Accumulate<TOps, TV>(ReadOnlySpan<ulong> hashes, ReadOnlySpan<ulong> seeds, Span<ulong> mins)
        where TOps : struct, IVectorOps<TV, ulong>
        where TV : struct
    {
        Debug.Assert(seeds.Length == mins.Length);
        ref ulong s = ref MemoryMarshal.GetReference(seeds);
        ref ulong m = ref MemoryMarshal.GetReference(mins);
        ref ulong hRef = ref MemoryMarshal.GetReference(hashes);
        nuint n = (nuint)hashes.Length;
        nuint k = (nuint)mins.Length;
        nuint w = (nuint)TOps.Count;
        if (k < w)
        {
            AccumulateScalar(hashes, seeds, mins);
            return;
        }
        nuint j = 0;
        for (; j + 4 * w <= k; j += 4 * w)
        {
            TV s0 = TOps.Load(ref s, j);
            TV s1 = TOps.Load(ref s, j + w);
            TV s2 = TOps.Load(ref s, j + 2 * w);
            TV s3 = TOps.Load(ref s, j + 3 * w);
            TV m0 = TOps.Load(ref m, j);
            TV m1 = TOps.Load(ref m, j + w);
            TV m2 = TOps.Load(ref m, j + 2 * w);
            TV m3 = TOps.Load(ref m, j + 3 * w);
            for (nuint i = 0; i < n; i++)
            {
                TV h = TOps.Broadcast(Unsafe.Add(ref hRef, i));
                m0 = TOps.MinPermuted(m0, s0, h);
                m1 = TOps.MinPermuted(m1, s1, h);
                m2 = TOps.MinPermuted(m2, s2, h);
                m3 = TOps.MinPermuted(m3, s3, h);
            }
            TOps.Store(m0, ref m, j);
            TOps.Store(m1, ref m, j + w);
            TOps.Store(m2, ref m, j + 2 * w);
            TOps.Store(m3, ref m, j + 3 * w);
        }
        for (; j < k; j += w)
        {
            j = Math.Min(j, k - w); // overlapping last vector
            TV s0 = TOps.Load(ref s, j);
            TV m0 = TOps.Load(ref m, j);
            for (nuint i = 0; i < n; i++)
            {
                m0 = TOps.MinPermuted(m0, s0, TOps.Broadcast(Unsafe.Add(ref hRef, i)));
            }
            TOps.Store(m0, ref m, j);
        }
    }

    /// <summary>Match count, one vector width: equal lanes that are not <see cref="EmptySlot"/>, popcounted from the mask.</summary>
    private static int CountMatches<TOps, TV, T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where TOps : struct, IVectorOps<TV, T>
        where TV : struct
        where T : unmanaged, IBinaryInteger<T>
    {
        Debug.Assert(a.Length == b.Length);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        nuint n = (nuint)a.Length;
        nuint w = (nuint)TOps.Count;
        nuint i = 0;
        int count = 0;
        for (; i + w <= n; i += w)
        {
            count += BitOperations.PopCount(TOps.MatchMask(TOps.Load(ref ra, i), TOps.Load(ref rb, i)));
        }
        return count + CountMatchesScalar(a[(int)i..], b[(int)i..]);
    }

    /// <summary>What the kernels need of a vector width (the lanes of <typeparamref name="TV"/> hold <typeparamref name="T"/>).</summary>
    private interface IVectorOps<TV, T>
        where TV : struct
        where T : unmanaged
    {
        public static abstract int Count { get; }

        public static abstract TV Load(ref T source, nuint index);

        public static abstract void Store(TV value, ref T destination, nuint index);

        public static abstract TV Broadcast(T value);

        /// <summary>min(<paramref name="mins"/>, Permute(<paramref name="seeds"/> ^ <paramref name="hash"/>)) lane by lane.</summary>
        public static abstract TV MinPermuted(TV mins, TV seeds, TV hash);

        /// <summary>One bit per lane where a equals b and is not all ones (<see cref="EmptySlot"/> or its compact form).</summary>
        public static abstract ulong MatchMask(TV a, TV b);
    }

    private readonly struct V128<T> : IVectorOps<Vector128<T>, T>
        where T : unmanaged
    {
        public static int Count => Vector128<T>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<T> Load(ref T source, nuint index) => Vector128.LoadUnsafe(ref source, index);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector128<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<T> MinPermuted(Vector128<T> mins, Vector128<T> seeds, Vector128<T> hash) =>
            Vector128.Min(mins, SignatureMix.Permute((seeds ^ hash).AsUInt64()).As<ulong, T>());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong MatchMask(Vector128<T> a, Vector128<T> b) =>
            (Vector128.Equals(a, b) & ~Vector128.Equals(a, Vector128<T>.AllBitsSet)).ExtractMostSignificantBits();
    }

    private readonly struct V256<T> : IVectorOps<Vector256<T>, T>
        where T : unmanaged
    {
        public static int Count => Vector256<T>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> Load(ref T source, nuint index) => Vector256.LoadUnsafe(ref source, index);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> MinPermuted(Vector256<T> mins, Vector256<T> seeds, Vector256<T> hash) =>
            Vector256.Min(mins, SignatureMix.Permute((seeds ^ hash).AsUInt64()).As<ulong, T>());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong MatchMask(Vector256<T> a, Vector256<T> b) =>
            (Vector256.Equals(a, b) & ~Vector256.Equals(a, Vector256<T>.AllBitsSet)).ExtractMostSignificantBits();
    }

    private readonly struct V512<T> : IVectorOps<Vector512<T>, T>
        where T : unmanaged
    {
        public static int Count => Vector512<T>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> Load(ref T source, nuint index) => Vector512.LoadUnsafe(ref source, index);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> MinPermuted(Vector512<T> mins, Vector512<T> seeds, Vector512<T> hash) =>
            Vector512.Min(mins, SignatureMix.Permute((seeds ^ hash).AsUInt64()).As<ulong, T>());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong MatchMask(Vector512<T> a, Vector512<T> b) =>
            (Vector512.Equals(a, b) & ~Vector512.Equals(a, Vector512<T>.AllBitsSet)).ExtractMostSignificantBits();
    }
}

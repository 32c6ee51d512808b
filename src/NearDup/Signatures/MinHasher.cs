// MinHash signatures over 64-bit shingle hashes.
//
// KPermutation: Broder, "On the resemblance and containment of documents", SEQUENCES 1997 — k
//   independent permutations, slot j holds min_h Mix(seed_j ^ h); P[slot equal] = J.
// OnePermutation: Li, Owen, Zhang, "One Permutation Hashing", NIPS 2012 — one mixed hash per shingle
//   picks one of k bins, each bin keeps its minimum — densified by Shrivastava, "Optimal Densification
//   for Fast and Accurate Minwise Hashing", ICML 2017 (arXiv:1703.04664): every empty bin j probes bins
//   chosen by a hash of (j, attempt) until it finds one that was non-empty and copies its value; the
//   probe sequence is the same for every document, so P[slot equal] = J exactly and the variance is
//   close to k-permutation MinHash.
// Compact signatures: Li, König, "b-Bit Minwise Hashing", WWW 2010 — the collision correction.
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace NearDup.Signatures;

/// <summary>
/// Computes MinHash signatures of sets of 64-bit shingle hashes. Immutable and thread-safe: it holds only
/// constants precomputed from its <see cref="MinHashOptions"/>, and allocates nothing per call except in
/// <see cref="Compute(ReadOnlySpan{ulong})"/>.
/// </summary>
/// <remarks>
/// <para>Slot <c>j</c> of two signatures is equal with probability J, the Jaccard similarity of the two
/// hash sets, so <see cref="EstimateJaccard(ReadOnlySpan{ulong}, ReadOnlySpan{ulong})"/> is unbiased
/// with standard error √(J(1−J)/k). Repeated hashes and their order do not change the signature.</para>
/// <para>The signature of an empty input is <see cref="SignatureLength"/> copies of <see cref="EmptySlot"/>;
/// such slots never count as matches, so an empty document has estimated similarity 0 to every document,
/// including another empty one.</para>
/// </remarks>
public sealed partial class MinHasher
{
    /// <summary>Value of every slot of an empty input's signature (<see cref="ulong.MaxValue"/>); never counted as a match.</summary>
    public const ulong EmptySlot = ulong.MaxValue;

    /// <summary>Value of every slot of an empty input's compact signature (<see cref="uint.MaxValue"/>).</summary>
    public const uint EmptyCompactSlot = uint.MaxValue;

    private readonly ulong[] _seeds;
    private readonly ulong _binSeed;
    private readonly ulong _probeSeed;
    private readonly MinHashScheme _scheme;
    private readonly SignatureKernel _kernel;

    /// <summary>Creates a hasher; <paramref name="options"/> defaults to <see cref="MinHashOptions.Default"/>.</summary>
    /// <param name="options">The options, validated here once.</param>
    /// <exception cref="ArgumentException">A property of <paramref name="options"/> is out of range; the message names it.</exception>
    public MinHasher(MinHashOptions? options = null)
        : this(options, SignatureKernels.Current)
    {
    }

    /// <summary>Creates a hasher pinned to one kernel tier (tests and benchmarks).</summary>
    internal MinHasher(MinHashOptions? options, SignatureKernel kernel)
    {
        options ??= MinHashOptions.Default;
        Validate(options);
        Options = options;
        SignatureLength = options.Permutations;
        _scheme = options.Scheme;
        _kernel = kernel;

        ulong state = options.Seed;
        _binSeed = SignatureMix.Next(ref state);
        _probeSeed = SignatureMix.Next(ref state);
        _seeds = [];
        if (_scheme == MinHashScheme.KPermutation)
        {
            _seeds = new ulong[options.Permutations];
            for (int i = 0; i < _seeds.Length; i++)
            {
                _seeds[i] = SignatureMix.Next(ref state);
            }
        }
    }

    /// <summary>The validated options this hasher was built from.</summary>
    public MinHashOptions Options { get; }

    /// <summary>Number of <see cref="ulong"/> slots in a signature (<see cref="MinHashOptions.Permutations"/>).</summary>
    public int SignatureLength { get; }

    internal SignatureKernel Kernel => _kernel;

    /// <summary>Computes the signature of <paramref name="shingleHashes"/> into a new array.</summary>
    /// <param name="shingleHashes">The document's shingle hashes; repeats and order do not matter.</param>
    /// <returns>A new array of <see cref="SignatureLength"/> slots.</returns>
    public ulong[] Compute(ReadOnlySpan<ulong> shingleHashes)
    {
        var signature = new ulong[SignatureLength];
        ComputeCore(shingleHashes, signature);
        return signature;
    }

    /// <summary>Computes the signature of <paramref name="shingleHashes"/> into <paramref name="destination"/>.</summary>
    /// <param name="shingleHashes">The document's shingle hashes; repeats and order do not matter.</param>
    /// <param name="destination">Receives <see cref="SignatureLength"/> slots; elements after them are not touched.</param>
    /// <returns>The number of slots written, <see cref="SignatureLength"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="SignatureLength"/>.</exception>
    public int Compute(ReadOnlySpan<ulong> shingleHashes, Span<ulong> destination)
    {
        int k = SignatureLength;
        if (destination.Length < k)
        {
            SignatureThrow.DestinationTooShort(k, destination.Length, nameof(destination));
        }
        ComputeCore(shingleHashes, destination[..k]);
        return k;
    }

    /// <summary>Computes the signature into <paramref name="destination"/> if it is long enough.</summary>
    /// <param name="shingleHashes">The document's shingle hashes; repeats and order do not matter.</param>
    /// <param name="destination">Receives <see cref="SignatureLength"/> slots; untouched when too short.</param>
    /// <param name="written"><see cref="SignatureLength"/> on success, else 0.</param>
    /// <returns><see langword="false"/>, writing nothing, when <paramref name="destination"/> is too short.</returns>
    public bool TryCompute(ReadOnlySpan<ulong> shingleHashes, Span<ulong> destination, out int written)
    {
        int k = SignatureLength;
        if (destination.Length < k)
        {
            written = 0;
            return false;
        }
        ComputeCore(shingleHashes, destination[..k]);
        written = k;
        return true;
    }

    /// <summary>
    /// Estimates the Jaccard similarity of the two sets behind two signatures of equal length: the fraction of
    /// slots that are equal and not <see cref="EmptySlot"/>.
    /// </summary>
    /// <param name="a">A signature.</param>
    /// <param name="b">A signature from a hasher with the same options.</param>
    /// <returns>An unbiased estimate in [0, 1]; 0 when either signature is empty (or both have length 0).</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double EstimateJaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != b.Length)
        {
            SignatureThrow.LengthMismatch(nameof(b), a.Length, b.Length);
        }
        return a.Length == 0 ? 0 : (double)CountMatches(SignatureKernels.Current, a, b) / a.Length;
    }

    /// <summary>
    /// Shrinks a signature to 32 bits per slot: the low 32 bits of a bijective remix of each slot, with
    /// <see cref="EmptySlot"/> mapped to <see cref="EmptyCompactSlot"/> (and the one-in-2^32 remix that lands on
    /// <see cref="EmptyCompactSlot"/> moved to <c>uint.MaxValue − 1</c>).
    /// </summary>
    /// <remarks>
    /// Equal slots stay equal; unequal slots now collide with probability about 2^−32, which
    /// <see cref="EstimateJaccard(ReadOnlySpan{uint}, ReadOnlySpan{uint})"/> corrects for. Halves the memory of
    /// a signature index at no measurable accuracy cost.
    /// </remarks>
    /// <param name="signature">A signature from <see cref="Compute(ReadOnlySpan{ulong})"/>.</param>
    /// <param name="destination">Receives <c>signature.Length</c> compact slots.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="signature"/>.</exception>
    public static void ToCompact(ReadOnlySpan<ulong> signature, Span<uint> destination)
    {
        if (destination.Length < signature.Length)
        {
            SignatureThrow.DestinationTooShort(signature.Length, destination.Length, nameof(destination));
        }
        for (int i = 0; i < signature.Length; i++)
        {
            destination[i] = Compact(signature[i]);
        }
    }

    /// <summary>
    /// Estimates the Jaccard similarity behind two compact signatures with the b-bit minwise correction
    /// (Li and König 2010) for b = 32: with p the fraction of equal non-empty slots,
    /// Ĵ = (p − 2^−32) / (1 − 2^−32), clamped at 0.
    /// </summary>
    /// <remarks>
    /// Two unequal 64-bit slots compact to equal values with probability C ≈ 2^−32, so
    /// P[equal] = J + (1 − J)·C and the uncorrected fraction overestimates J by (1 − J)·2^−32 ≈ 2.3·10^−10.
    /// The correction removes that bias; it is far below the √(J(1−J)/k) sampling error but keeps the
    /// estimator exactly unbiased.
    /// </remarks>
    /// <param name="a">A compact signature.</param>
    /// <param name="b">A compact signature of the same length.</param>
    /// <returns>An estimate in [0, 1]; 0 when either is empty (or both have length 0).</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double EstimateJaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length != b.Length)
        {
            SignatureThrow.LengthMismatch(nameof(b), a.Length, b.Length);
        }
        if (a.Length == 0)
        {
            return 0;
        }
        const double C = 1.0 / 4294967296.0;
        double p = (double)CountMatches(SignatureKernels.Current, a, b) / a.Length;
        return Math.Max(0, (p - C) / (1 - C));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Compact(ulong slot)
    {
        if (slot == EmptySlot)
        {
            return EmptyCompactSlot;
        }
        uint c = (uint)SignatureMix.Strong(slot);
        return c == EmptyCompactSlot ? EmptyCompactSlot - 1 : c;
    }

    internal void ComputeCore(ReadOnlySpan<ulong> shingleHashes, Span<ulong> signature)
    {
        Debug.Assert(signature.Length == SignatureLength);
        signature.Fill(EmptySlot);
        if (shingleHashes.IsEmpty)
        {
            return;
        }
        if (_scheme == MinHashScheme.OnePermutation)
        {
            OnePermutation(shingleHashes, signature);
            return;
        }
        switch (_kernel)
        {
            case SignatureKernel.Vector512:
                AccumulateVector512(shingleHashes, _seeds, signature);
                break;
            case SignatureKernel.Vector256:
                AccumulateVector256(shingleHashes, _seeds, signature);
                break;
            case SignatureKernel.Vector128:
                AccumulateVector128(shingleHashes, _seeds, signature);
                break;
            default:
                AccumulateScalar(shingleHashes, _seeds, signature);
                break;
        }
    }

    internal static int CountMatches(SignatureKernel kernel, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => kernel switch
    {
        SignatureKernel.Vector512 => CountMatchesVector512(a, b),
        SignatureKernel.Vector256 => CountMatchesVector256(a, b),
        SignatureKernel.Vector128 => CountMatchesVector128(a, b),
        _ => CountMatchesScalar(a, b),
    };

    internal static int CountMatches(SignatureKernel kernel, ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) => kernel switch
    {
        SignatureKernel.Vector512 => CountMatchesVector512(a, b),
        SignatureKernel.Vector256 => CountMatchesVector256(a, b),
        SignatureKernel.Vector128 => CountMatchesVector128(a, b),
        _ => CountMatchesScalar(a, b),
    };

    private static void Validate(MinHashOptions options)
    {
        const string Type = nameof(MinHashOptions);
        if (options.Permutations is < 1 or > MinHashOptions.MaxPermutations)
        {
            SignatureThrow.InvalidOption(Type, nameof(MinHashOptions.Permutations),
                $"must be in 1..{MinHashOptions.MaxPermutations} (was {options.Permutations}).");
        }
        if (!Enum.IsDefined(options.Scheme))
        {
            SignatureThrow.InvalidOption(Type, nameof(MinHashOptions.Scheme),
                $"is not a defined {nameof(MinHashScheme)} (was {(int)options.Scheme}).");
        }
    }
}

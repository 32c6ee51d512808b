using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NearDup.Hashing;

// XXH3-64 for inputs over 240 bytes (xxHash specification, doc/xxhash_spec.md, "Large inputs").
//
//   input:  | block 0 (16 stripes of 64 B) | block 1 | ... | partial block | (last 64 B, may overlap) |
//   stripe s of a block uses secret[8s .. 8s+64); after each full block the 8 accumulators are
//   scrambled with secret[128 .. 192); the final stripe uses secret[121 .. 185); the 8 accumulators
//   then merge pairwise with secret[11 .. 75).
//
// The stripe loop is the only part worth vectorizing. It runs through an IAccumulateKernel type
// parameter, so each kernel (scalar here, Vector128/256/512 in their own files) gets its own
// specialized, fully inlined copy of the driver; see XxHash3.Kernels.cs for the run-time choice.
public sealed partial class XxHash3
{
    private const int StripeLength = 64;
    private const int SecretConsumeRate = 8;
    private const int AccumulatorCount = 8;
    private const int StripesPerBlock = (SecretLength - StripeLength) / SecretConsumeRate;
    private const int BlockLength = StripeLength * StripesPerBlock;
    private const int ScrambleSecretOffset = SecretLength - StripeLength;
    private const int LastStripeSecretOffset = SecretLength - StripeLength - 7;
    private const int MergeSecretOffset = 11;

    /// <summary>The eight 64-bit lane accumulators, inline so they live on the stack or in the hasher.</summary>
    [InlineArray(AccumulatorCount)]
    internal struct Accumulators
    {
        private ulong _element0;

        internal static Accumulators Initial
        {
            get
            {
                Accumulators acc = default;
                acc[0] = Prime32_3;
                acc[1] = XxHash64.Prime64_1;
                acc[2] = XxHash64.Prime64_2;
                acc[3] = XxHash64.Prime64_3;
                acc[4] = XxHash64.Prime64_4;
                acc[5] = Prime32_2;
                acc[6] = XxHash64.Prime64_5;
                acc[7] = Prime32_1;
                return acc;
            }
        }
    }

    /// <summary>One implementation of the stripe loop and the scramble step.</summary>
    internal interface IAccumulateKernel
    {
        /// <summary>
        /// For each of <paramref name="stripes"/> 64-byte stripes s: lane i gets <c>lo32(d^k) * hi32(d^k)</c>, and
        /// lane <c>i^1</c> gets the raw data word d, with d the stripe's word i and k the secret word at byte 8s + 8i.
        /// </summary>
        public static abstract void Accumulate(ref ulong acc, ref byte input, ref byte secret, nuint stripes);

        /// <summary>Per lane: <c>acc = (acc ^ (acc &gt;&gt; 47) ^ secretWord) * Prime32_1</c>.</summary>
        public static abstract void Scramble(ref ulong acc, ref byte secret);
    }

    /// <summary>The reference kernel: plain 64-bit arithmetic, also the test oracle and benchmark baseline.</summary>
    internal readonly struct ScalarKernel : IAccumulateKernel
    {
        public static void Accumulate(ref ulong acc, ref byte input, ref byte secret, nuint stripes)
        {
            for (nuint s = 0; s < stripes; s++)
            {
                ref byte stripe = ref Unsafe.Add(ref input, s * StripeLength);
                ref byte key = ref Unsafe.Add(ref secret, s * SecretConsumeRate);
                for (nuint i = 0; i < AccumulatorCount; i++)
                {
                    ulong data = ReadUInt64(ref stripe, i * 8);
                    ulong dataKey = data ^ ReadUInt64(ref key, i * 8);
                    Unsafe.Add(ref acc, i ^ 1) += data;
                    Unsafe.Add(ref acc, i) += (uint)dataKey * (dataKey >> 32);
                }
            }
        }

        public static void Scramble(ref ulong acc, ref byte secret)
        {
            for (nuint i = 0; i < AccumulatorCount; i++)
            {
                ref ulong lane = ref Unsafe.Add(ref acc, i);
                ulong value = lane;
                value ^= value >> 47;
                value ^= ReadUInt64(ref secret, i * 8);
                lane = value * Prime32_1;
            }
        }
    }

    /// <summary>One-shot long hash: all full blocks, the partial block and the overlapping last stripe.</summary>
    private static ulong HashLong<TKernel>(ref byte input, nuint length, ref byte secret)
        where TKernel : struct, IAccumulateKernel
    {
        Accumulators accumulators = Accumulators.Initial;
        ref ulong acc = ref accumulators[0];
        nuint blocks = (length - 1) / BlockLength;
        for (nuint b = 0; b < blocks; b++)
        {
            TKernel.Accumulate(ref acc, ref Unsafe.Add(ref input, b * BlockLength), ref secret, StripesPerBlock);
            TKernel.Scramble(ref acc, ref Unsafe.Add(ref secret, ScrambleSecretOffset));
        }

        nuint done = blocks * BlockLength;
        TKernel.Accumulate(ref acc, ref Unsafe.Add(ref input, done), ref secret, (length - 1 - done) / StripeLength);
        TKernel.Accumulate(ref acc, ref Unsafe.Add(ref input, length - StripeLength), ref Unsafe.Add(ref secret, LastStripeSecretOffset), 1);
        return MergeAccumulators(ref acc, ref Unsafe.Add(ref secret, MergeSecretOffset), length * XxHash64.Prime64_1);
    }

    /// <summary>
    /// Streaming: accumulates <paramref name="stripes"/> stripes continuing a block that already holds
    /// <paramref name="stripesSoFar"/>, scrambling at every block end (XXH3_consumeStripes).
    /// </summary>
    private static void ConsumeStripes<TKernel>(ref ulong acc, ref nuint stripesSoFar, ref byte input, nuint stripes, ref byte secret)
        where TKernel : struct, IAccumulateKernel
    {
        nuint toBlockEnd = StripesPerBlock - stripesSoFar;
        if (stripes >= toBlockEnd)
        {
            TKernel.Accumulate(ref acc, ref input, ref Unsafe.Add(ref secret, stripesSoFar * SecretConsumeRate), toBlockEnd);
            TKernel.Scramble(ref acc, ref Unsafe.Add(ref secret, ScrambleSecretOffset));
            input = ref Unsafe.Add(ref input, toBlockEnd * StripeLength);
            stripes -= toBlockEnd;
            stripesSoFar = 0;
            for (; stripes >= StripesPerBlock; stripes -= StripesPerBlock)
            {
                TKernel.Accumulate(ref acc, ref input, ref secret, StripesPerBlock);
                TKernel.Scramble(ref acc, ref Unsafe.Add(ref secret, ScrambleSecretOffset));
                input = ref Unsafe.Add(ref input, BlockLength);
            }
        }

        if (stripes != 0)
        {
            TKernel.Accumulate(ref acc, ref input, ref Unsafe.Add(ref secret, stripesSoFar * SecretConsumeRate), stripes);
            stripesSoFar += stripes;
        }
    }

    private static ulong MergeAccumulators(ref ulong acc, ref byte secret, ulong start)
    {
        ulong result = start;
        for (nuint i = 0; i < AccumulatorCount; i += 2)
        {
            result += Multiply128Fold64(
                Unsafe.Add(ref acc, i) ^ ReadUInt64(ref secret, i * 8),
                Unsafe.Add(ref acc, i + 1) ^ ReadUInt64(ref secret, (i * 8) + 8));
        }

        return Avalanche(result);
    }

    /// <summary>Inputs over 128 bytes; kept out of line so <see cref="HashToUInt64(ReadOnlySpan{byte}, long)"/> stays small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong HashLengthOver128(ref byte source, uint length, ulong seed, AccumulateKernel kernel)
    {
        if (length <= MidSizeMax)
        {
            return HashLength129To240(ref source, length, seed);
        }

        if (seed == 0)
        {
            return HashLong(ref source, length, ref DefaultSecretReference(), kernel);
        }

        Span<byte> secret = stackalloc byte[SecretLength];
        DeriveSecret(seed, secret);
        return HashLong(ref source, length, ref MemoryMarshal.GetReference(secret), kernel);
    }

    private static ulong HashLong(ref byte source, nuint length, ref byte secret, AccumulateKernel kernel) => kernel switch
    {
        AccumulateKernel.Vector512 => HashLong<Vector512Kernel>(ref source, length, ref secret),
        AccumulateKernel.Vector256 => HashLong<Vector256Kernel>(ref source, length, ref secret),
        AccumulateKernel.Vector128 => HashLong<Vector128Kernel>(ref source, length, ref secret),
        _ => HashLong<ScalarKernel>(ref source, length, ref secret),
    };
}

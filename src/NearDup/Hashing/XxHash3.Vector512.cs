using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Hashing;

// Vector512 stripe kernel: one 64-byte stripe is exactly one vector of eight 64-bit lanes, so the
// accumulators stay in a single register. Avx512F.Multiply is vpmuludq (lo32 x lo32 -> 64) and
// Avx512F.Shuffle 0x4E swaps the 64-bit lanes of each 128-bit quarter (acc[i^1] += data).
public sealed partial class XxHash3
{
    internal readonly struct Vector512Kernel : IAccumulateKernel
    {
        public static void Accumulate(ref ulong acc, ref byte input, ref byte secret, nuint stripes)
        {
            Vector512<ulong> acc0 = Vector512.LoadUnsafe(ref acc);
            for (nuint s = 0; s < stripes; s++)
            {
                Vector512<ulong> data = Vector512.LoadUnsafe(ref input, s * StripeLength).AsUInt64();
                Vector512<ulong> dataKey = data ^ Vector512.LoadUnsafe(ref secret, s * SecretConsumeRate).AsUInt64();
                acc0 += MultiplyLow32(dataKey, dataKey >>> 32) + SwapLanePairs(data);
            }

            acc0.StoreUnsafe(ref acc);
        }

        public static void Scramble(ref ulong acc, ref byte secret)
        {
            Vector512<ulong> value = Vector512.LoadUnsafe(ref acc);
            value ^= value >>> 47;
            value ^= Vector512.LoadUnsafe(ref secret).AsUInt64();
            // value * Prime32_1 mod 2^64, from two 32x32->64 products: lo*p + ((hi*p) << 32).
            Vector512<ulong> prime = Vector512.Create(Prime32_1);
            (MultiplyLow32(value, prime) + (MultiplyLow32(value >>> 32, prime) << 32)).StoreUnsafe(ref acc);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<ulong> MultiplyLow32(Vector512<ulong> left, Vector512<ulong> right)
        {
            if (Avx512F.IsSupported)
            {
                return Avx512F.Multiply(left.AsUInt32(), right.AsUInt32());
            }

            Vector512<ulong> mask = Vector512.Create(0xFFFF_FFFFUL);
            return (left & mask) * (right & mask);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<ulong> SwapLanePairs(Vector512<ulong> value) =>
            Avx512F.IsSupported
                ? Avx512F.Shuffle(value.AsUInt32(), 0b01_00_11_10).AsUInt64()
                : Vector512.Shuffle(value, Vector512.Create(1UL, 0, 3, 2, 5, 4, 7, 6));
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Hashing;

// Vector128 stripe kernel: a 64-byte stripe is four vectors of two 64-bit lanes. Portable Vector128 ops,
// except on x86: lo32(a) * lo32(b) as 64-bit is Sse2.Multiply (pmuludq) rather than a masked 64x64
// multiply (emulated without AVX-512), and the lane swap (acc[i^1] += data) is pshufd 0x4E.
// Elsewhere (Arm64) the portable fallbacks apply.
public sealed partial class XxHash3
{
    internal readonly struct Vector128Kernel : IAccumulateKernel
    {
        public static void Accumulate(ref ulong acc, ref byte input, ref byte secret, nuint stripes)
        {
            Vector128<ulong> acc0 = Vector128.LoadUnsafe(ref acc);
            Vector128<ulong> acc1 = Vector128.LoadUnsafe(ref acc, 2);
            Vector128<ulong> acc2 = Vector128.LoadUnsafe(ref acc, 4);
            Vector128<ulong> acc3 = Vector128.LoadUnsafe(ref acc, 6);
            for (nuint s = 0; s < stripes; s++)
            {
                ref byte stripe = ref Unsafe.Add(ref input, s * StripeLength);
                ref byte key = ref Unsafe.Add(ref secret, s * SecretConsumeRate);
                acc0 = Round(acc0, Vector128.LoadUnsafe(ref stripe).AsUInt64(), Vector128.LoadUnsafe(ref key).AsUInt64());
                acc1 = Round(acc1, Vector128.LoadUnsafe(ref stripe, 16).AsUInt64(), Vector128.LoadUnsafe(ref key, 16).AsUInt64());
                acc2 = Round(acc2, Vector128.LoadUnsafe(ref stripe, 32).AsUInt64(), Vector128.LoadUnsafe(ref key, 32).AsUInt64());
                acc3 = Round(acc3, Vector128.LoadUnsafe(ref stripe, 48).AsUInt64(), Vector128.LoadUnsafe(ref key, 48).AsUInt64());
            }

            acc0.StoreUnsafe(ref acc);
            acc1.StoreUnsafe(ref acc, 2);
            acc2.StoreUnsafe(ref acc, 4);
            acc3.StoreUnsafe(ref acc, 6);
        }

        public static void Scramble(ref ulong acc, ref byte secret)
        {
            ScrambleVector(Vector128.LoadUnsafe(ref acc), Vector128.LoadUnsafe(ref secret).AsUInt64()).StoreUnsafe(ref acc);
            ScrambleVector(Vector128.LoadUnsafe(ref acc, 2), Vector128.LoadUnsafe(ref secret, 16).AsUInt64()).StoreUnsafe(ref acc, 2);
            ScrambleVector(Vector128.LoadUnsafe(ref acc, 4), Vector128.LoadUnsafe(ref secret, 32).AsUInt64()).StoreUnsafe(ref acc, 4);
            ScrambleVector(Vector128.LoadUnsafe(ref acc, 6), Vector128.LoadUnsafe(ref secret, 48).AsUInt64()).StoreUnsafe(ref acc, 6);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<ulong> Round(Vector128<ulong> acc, Vector128<ulong> data, Vector128<ulong> key)
        {
            Vector128<ulong> dataKey = data ^ key;
            return acc + MultiplyLow32(dataKey, dataKey >>> 32) + SwapLanePairs(data);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<ulong> ScrambleVector(Vector128<ulong> acc, Vector128<ulong> key)
        {
            acc ^= acc >>> 47;
            acc ^= key;
            // acc * Prime32_1 mod 2^64, from two 32x32->64 products: lo*p + ((hi*p) << 32).
            Vector128<ulong> prime = Vector128.Create(Prime32_1);
            return MultiplyLow32(acc, prime) + (MultiplyLow32(acc >>> 32, prime) << 32);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<ulong> MultiplyLow32(Vector128<ulong> left, Vector128<ulong> right)
        {
            if (Sse2.IsSupported)
            {
                return Sse2.Multiply(left.AsUInt32(), right.AsUInt32());
            }

            Vector128<ulong> mask = Vector128.Create(0xFFFF_FFFFUL);
            return (left & mask) * (right & mask);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<ulong> SwapLanePairs(Vector128<ulong> value) =>
            Sse2.IsSupported
                ? Sse2.Shuffle(value.AsUInt32(), 0b01_00_11_10).AsUInt64()
                : Vector128.Shuffle(value, Vector128.Create(1UL, 0));
    }
}

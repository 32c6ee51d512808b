using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Hashing;

// Vector256 stripe kernel: a 64-byte stripe is two vectors of four 64-bit lanes. Portable Vector256 ops,
// except two that the JIT lowers poorly without AVX-512 (style guide 4.2):
//  * lo32(a) * lo32(b) as 64-bit: Avx2.Multiply (vpmuludq, 1 uop) instead of a masked 64x64 multiply,
//    which AVX2 emulates with three multiplies;
//  * swapping 64-bit lanes within each 128-bit half (acc[i^1] += data): vpshufd 0x4E.
public sealed partial class XxHash3
{
    internal readonly struct Vector256Kernel : IAccumulateKernel
    {
        public static void Accumulate(ref ulong acc, ref byte input, ref byte secret, nuint stripes)
        {
            Vector256<ulong> acc0 = Vector256.LoadUnsafe(ref acc);
            Vector256<ulong> acc1 = Vector256.LoadUnsafe(ref acc, 4);
            for (nuint s = 0; s < stripes; s++)
            {
                ref byte stripe = ref Unsafe.Add(ref input, s * StripeLength);
                ref byte key = ref Unsafe.Add(ref secret, s * SecretConsumeRate);
                acc0 = Round(acc0, Vector256.LoadUnsafe(ref stripe).AsUInt64(), Vector256.LoadUnsafe(ref key).AsUInt64());
                acc1 = Round(acc1, Vector256.LoadUnsafe(ref stripe, 32).AsUInt64(), Vector256.LoadUnsafe(ref key, 32).AsUInt64());
            }

            acc0.StoreUnsafe(ref acc);
            acc1.StoreUnsafe(ref acc, 4);
        }

        public static void Scramble(ref ulong acc, ref byte secret)
        {
            ScrambleVector(Vector256.LoadUnsafe(ref acc), Vector256.LoadUnsafe(ref secret).AsUInt64()).StoreUnsafe(ref acc);
            ScrambleVector(Vector256.LoadUnsafe(ref acc, 4), Vector256.LoadUnsafe(ref secret, 32).AsUInt64()).StoreUnsafe(ref acc, 4);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> Round(Vector256<ulong> acc, Vector256<ulong> data, Vector256<ulong> key)
        {
            Vector256<ulong> dataKey = data ^ key;
            return acc + MultiplyLow32(dataKey, dataKey >>> 32) + SwapLanePairs(data);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> ScrambleVector(Vector256<ulong> acc, Vector256<ulong> key)
        {
            acc ^= acc >>> 47;
            acc ^= key;
            // acc * Prime32_1 mod 2^64, from two 32x32->64 products: lo*p + ((hi*p) << 32).
            Vector256<ulong> prime = Vector256.Create(Prime32_1);
            return MultiplyLow32(acc, prime) + (MultiplyLow32(acc >>> 32, prime) << 32);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> MultiplyLow32(Vector256<ulong> left, Vector256<ulong> right)
        {
            if (Avx2.IsSupported)
            {
                return Avx2.Multiply(left.AsUInt32(), right.AsUInt32());
            }

            Vector256<ulong> mask = Vector256.Create(0xFFFF_FFFFUL);
            return (left & mask) * (right & mask);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> SwapLanePairs(Vector256<ulong> value) =>
            Avx2.IsSupported
                ? Avx2.Shuffle(value.AsUInt32(), 0b01_00_11_10).AsUInt64()
                : Vector256.Shuffle(value, Vector256.Create(1UL, 0, 3, 2));
    }
}

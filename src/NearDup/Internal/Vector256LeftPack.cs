using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Internal;

/// <summary>
/// Moves the chosen lanes of eight to the front, in order, on AVX2, which has no compress (AVX-512VL's vpcompressd): a
/// table of each 8-bit mask's lane order, eight bytes a mask, widened and applied by one vpermd. The lanes past the
/// chosen ones hold copies of others; a caller storing all eight overwrites them with its next store. Callers check
/// <see cref="Avx2.IsSupported"/>.
/// </summary>
internal static class Vector256LeftPack
{
    /// <summary>For each 8-bit mask, the indices of its set lanes in order, a byte each from the low one (the rest zero).</summary>
    private static readonly ulong[] s_orders = Orders();

    /// <summary>The lanes of <paramref name="values"/> set in <paramref name="lanes"/> (bit i for lane i), moved to the front in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Pack(Vector256<uint> values, uint lanes)
    {
        var order = Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(s_orders[lanes]).AsByte());
        return Avx2.PermuteVar8x32(values, order.AsUInt32());
    }

    private static ulong[] Orders()
    {
        var orders = new ulong[256];
        for (int mask = 0; mask < orders.Length; mask++)
        {
            int k = 0;
            for (int lane = 0; lane < 8; lane++)
            {
                if ((mask >> lane & 1) != 0)
                {
                    orders[mask] |= (ulong)lane << (8 * k++);
                }
            }
        }
        return orders;
    }
}

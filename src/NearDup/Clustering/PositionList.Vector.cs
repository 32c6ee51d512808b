using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Clustering;

// BitsOf reads every position a store appends, to choose the packed width: an or of the positions in Vector512 or
// Vector256 lanes, then of the lanes, with the scalar twin OrOfScalar for the tail and the tiers without vectors.
internal readonly ref partial struct PositionList
{
    /// <summary>The bitwise or of <paramref name="positions"/>, whose highest bit is the largest one's.</summary>
    internal static uint OrOf(ReadOnlySpan<ushort> positions)
    {
        ref ushort first = ref MemoryMarshal.GetReference(positions);
        nuint n = (nuint)positions.Length, i = 0;
        uint or = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<ushort>.Count)
        {
            var lanes = Vector512<ushort>.Zero;
            for (; i + (nuint)Vector512<ushort>.Count <= n; i += (nuint)Vector512<ushort>.Count)
            {
                lanes |= Vector512.LoadUnsafe(ref first, i);
            }
            or = OrOfLanes(lanes.GetLower() | lanes.GetUpper());
        }
        else if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<ushort>.Count)
        {
            var lanes = Vector256<ushort>.Zero;
            for (; i + (nuint)Vector256<ushort>.Count <= n; i += (nuint)Vector256<ushort>.Count)
            {
                lanes |= Vector256.LoadUnsafe(ref first, i);
            }
            or = OrOfLanes(lanes);
        }
        return or | OrOfScalar(positions[(int)i..]);
    }

    /// <summary><see cref="OrOf"/> one position at a time: the tail of the vector loops, and the reference they must equal.</summary>
    internal static uint OrOfScalar(ReadOnlySpan<ushort> positions)
    {
        uint or = 0;
        foreach (ushort p in positions)
        {
            or |= p;
        }
        return or;
    }

    private static uint OrOfLanes(Vector256<ushort> lanes)
    {
        var half = lanes.GetLower() | lanes.GetUpper();
        var pairs = half.AsUInt64();
        ulong or = pairs.GetElement(0) | pairs.GetElement(1);
        or |= or >> 32;
        return (uint)(or | or >> 16) & ushort.MaxValue;
    }
}

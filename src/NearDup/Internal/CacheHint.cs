using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NearDup.Internal;

/// <summary>
/// Software prefetch, for lookups done in passes: a pass that only computes addresses and prefetches them lets the
/// cache misses of many lookups overlap, where one lookup at a time waits on each miss behind a branch on its data.
/// </summary>
internal static class CacheHint
{
    /// <summary>A hint that <paramref name="location"/> is read soon; nothing where the CPU has no prefetch instruction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref readonly T location)
    {
        if (Sse.IsSupported)
        {
            // Taking an array element's address is safe for a hint: if the GC moves the array (a small one, outside the
            // large object heap) before the read, the prefetch was wasted, never a fault.
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.AsRef(in location)));
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NearDup.Internal;

/// <summary>
/// Arrays of tens of megabytes read at random (a query's anchor lookups) backed by 2 MiB pages where Linux gives them:
/// with 4 KiB pages nearly every lookup also misses the TLB, and on a virtual machine each miss is a two-level page
/// walk. The heap gets no huge pages when transparent huge pages are set to <c>madvise</c> (the usual default), so the
/// array's whole 2 MiB pages are advised (<c>madvise(MADV_HUGEPAGE)</c>) before it is first written, and it is pinned
/// so that the advice stays with it. Elsewhere, or if the call fails, the array is an ordinary one; contents are the same.
/// Only for arrays read at random: the first touch of a huge page can make the kernel compact memory (when transparent
/// huge pages' <c>defrag</c> is <c>madvise</c>, the default), which costs more than the TLB misses of memory read in order
/// (bench/results/amd-epyc/store-pages-4k.md).
/// </summary>
internal static partial class HugePages
{
    /// <summary><c>MADV_HUGEPAGE</c> in Linux's <c>asm-generic/mman-common.h</c>.</summary>
    private const int AdviseHugePage = 14;

    /// <summary><c>MADV_POPULATE_WRITE</c> in Linux's <c>asm-generic/mman-common.h</c> (5.14 on; older kernels answer EINVAL).</summary>
    private const int AdvisePopulateWrite = 23;

    private const long PageBytes = 2 << 20;

    private const long SmallPageBytes = 4 << 10;

    /// <summary>Smaller arrays are allocated as usual: a few huge pages do not pay for pinning.</summary>
    public const long MinBytes = 8 * PageBytes;

    /// <summary>A zeroed array of <paramref name="length"/> elements, on huge pages where it can be (see the type).</summary>
    public static T[] Allocate<T>(int length)
        where T : unmanaged => Allocate<T>(length, zeroed: true);

    /// <summary>
    /// An array of <paramref name="length"/> elements on huge pages where it can be (see the type), zeroed only if
    /// <paramref name="zeroed"/>: unzeroed, for an array its caller writes whole before reading it, its pages are faulted
    /// in (and zeroed, once, by the kernel) by the caller's own writes, on whatever threads write them, where a clear here
    /// faulted them all in on this thread and then wrote every byte a second time.
    /// </summary>
    public static T[] Allocate<T>(int length, bool zeroed)
        where T : unmanaged
    {
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (bytes < MinBytes || !OperatingSystem.IsLinux())
        {
            return zeroed ? new T[length] : GC.AllocateUninitializedArray<T>(length);
        }
        var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        long start = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        long first = (start + PageBytes - 1) & ~(PageBytes - 1), end = (start + bytes) & ~(PageBytes - 1);
        try
        {
            _ = Advise((nint)first, (nuint)(end - first), AdviseHugePage);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to advise: 4 KiB pages, the same contents.
        }
        // The first write after the advice is what faults the pages in as huge ones.
        if (zeroed)
        {
            Array.Clear(array);
        }
        return array;
    }

    /// <summary>
    /// Faults in <paramref name="length"/> elements of <paramref name="array"/> from <paramref name="start"/> (its whole
    /// 4 KiB pages) on a thread-pool thread, without writing them (<c>madvise(MADV_POPULATE_WRITE)</c>, Linux 5.14): for a
    /// range a single writer fills next, so that the kernel zeroes its fresh pages on another core meanwhile instead of in
    /// the writer's page faults (the index load's largest cost, single-threaded otherwise). The contents stay the same
    /// whatever the call finds, present pages are left as they are, and if the collector moved the array in between, the
    /// range faulted in is heap memory the array no longer uses. Elsewhere, or if the call fails, nothing happens.
    /// </summary>
    public static unsafe Task PopulateAhead<T>(T[] array, int start, int length)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)start + length, array.Length, nameof(length));
        if (!OperatingSystem.IsLinux() || length <= 0)
        {
            return Task.CompletedTask;
        }
        long first, end;
        fixed (T* data = array)
        {
            long from = (long)(data + start);
            first = (from + SmallPageBytes - 1) & ~(SmallPageBytes - 1);
            end = (from + (long)length * Unsafe.SizeOf<T>()) & ~(SmallPageBytes - 1);
        }
        if (end <= first)
        {
            return Task.CompletedTask;
        }
        return Task.Run(() =>
        {
            try
            {
                _ = Advise((nint)first, (nuint)(end - first), AdvisePopulateWrite);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // No libc to advise: the writer faults the pages in itself.
            }
        });
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(nint address, nuint length, int advice);
}

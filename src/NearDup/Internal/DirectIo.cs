using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NearDup.Internal;

/// <summary>
/// Opening a file for reads past the page cache (Linux <c>O_DIRECT</c>), and asking how much of it the page cache holds.
/// A file read once from start to end gains nothing from the cache; on a VM that hands free memory back to its host
/// (virtio-balloon free page reporting), filling the cache costs the guest a host fault for each 4 KiB page it then
/// copies: reading gen 1M's 5.97 GB cold took 11.5 s of system CPU through the cache, 0.36 s past it, 1.31 s through
/// it when the memory had not yet been handed back (<c>dd</c>, bench/results/amd-epyc/direct-reads.md).
/// </summary>
internal static partial class DirectIo
{
    /// <summary>Alignment of a direct read's buffer, length and file offset: a page, which every block size divides.</summary>
    public const int Alignment = 4096;

    private const int OpenReadOnly = 0, OpenWriteOnly = 1, CloseOnExec = 0x80000;
    private const int ProtectRead = 1, MapShared = 1;

    /// <summary>
    /// <paramref name="path"/> opened for direct reads (or writes, when <paramref name="writable"/>), or null where the
    /// system cannot (not Linux, an architecture whose flag this does not know, a file system without direct I/O such
    /// as tmpfs, any error: the caller goes through the cache then, and a real error surfaces there).
    /// </summary>
    public static SafeFileHandle? TryOpen(string path, bool writable = false)
    {
        int direct = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 0x4000,
            Architecture.Arm64 => 0x10000,
            _ => 0,
        };
        if (!OperatingSystem.IsLinux() || direct == 0)
        {
            return null;
        }
        try
        {
            int fd = Open(path, (writable ? OpenWriteOnly : OpenReadOnly) | CloseOnExec | direct);
            return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The share of <paramref name="length"/> bytes of <paramref name="handle"/>'s file that the page cache holds
    /// (<c>mincore</c> over a mapping of it that is never touched), or -1 when the system cannot say.
    /// </summary>
    public static double CachedShare(SafeFileHandle handle, long length)
    {
        if (length <= 0 || !OperatingSystem.IsLinux())
        {
            return -1;
        }
        nint address = -1;
        try
        {
            address = Map(0, (nuint)length, ProtectRead, MapShared, (int)handle.DangerousGetHandle(), 0);
            if (address == -1)
            {
                return -1;
            }
            var pages = new byte[(length + Environment.SystemPageSize - 1) / Environment.SystemPageSize];
            if (Resident(address, (nuint)length, pages) != 0)
            {
                return -1;
            }
            int cached = 0;
            foreach (byte page in pages)
            {
                cached += page & 1;
            }
            return (double)cached / pages.Length;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
        finally
        {
            if (address != -1)
            {
                _ = Unmap(address, (nuint)length);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint Map(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "mincore")]
    private static partial int Resident(nint address, nuint length, [Out] byte[] pages);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Unmap(nint address, nuint length);
}

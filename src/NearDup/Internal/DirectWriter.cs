using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NearDup.Internal;

/// <summary>
/// Writes to an open file past the page cache (Linux <c>O_DIRECT</c>, through a second descriptor of the same file):
/// for a spill file written once and read back later, which under a memory limit the cache cannot keep anyway. A
/// write through the cache copies into fresh cache pages, which the kernel then writes back and reclaims; on this kind
/// of VM each fresh page is also a host fault (<see cref="DirectIo"/>; measured in bench/results/amd-epyc/spill-writes.md).
/// </summary>
/// <remarks>
/// A direct write needs its buffer, offset and length aligned: each write is copied into an aligned buffer of this
/// writer's and padded with zeros to <see cref="DirectIo.Alignment"/>, and so takes that many more bytes of the file.
/// Not thread-safe: the caller serializes writes.
/// </remarks>
internal sealed unsafe partial class DirectWriter : IDisposable
{
    private readonly SafeFileHandle _handle;
    private byte* _buffer;
    private nuint _capacity;

    /// <summary>Whether a direct write has succeeded: after one, every error is the disk's.</summary>
    private bool _written;

    private DirectWriter(SafeFileHandle handle) => _handle = handle;

    /// <summary>
    /// A direct writer to <paramref name="file"/>'s file, or null where the system has none (not Linux, an
    /// architecture whose flag <see cref="DirectIo"/> does not know, a file system without direct I/O such as tmpfs):
    /// the caller writes through the cache then.
    /// </summary>
    public static DirectWriter? TryOpen(SafeFileHandle file)
    {
        // /proc/self/fd/N opens the file itself again, with flags of its own, even once it is unlinked.
        string path = $"/proc/self/fd/{file.DangerousGetHandle()}";
        return DirectIo.TryOpen(path, writable: true) is { } handle ? new DirectWriter(handle) : null;
    }

    /// <summary>Bytes a write of <paramref name="length"/> takes in the file: rounded up to the alignment.</summary>
    public static long Padded(long length) => (length + DirectIo.Alignment - 1) & ~(long)(DirectIo.Alignment - 1);

    /// <summary>
    /// Writes <paramref name="bytes"/> at <paramref name="offset"/> (aligned) and zeros after them up to
    /// <see cref="Padded"/>; returns false, having written nothing that counts, when the file system refuses direct
    /// writes: the first write fails for another reason than a full disk (the caller writes through the cache from then on).
    /// </summary>
    /// <exception cref="IOException">The write failed otherwise (a full disk).</exception>
    public bool TryWrite(ReadOnlySpan<byte> bytes, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(offset % DirectIo.Alignment, 0, nameof(offset));
        nuint length = (nuint)Padded(bytes.Length);
        Reserve(length);
        var staged = new Span<byte>(_buffer, (int)length);
        bytes.CopyTo(staged);
        staged[bytes.Length..].Clear();
        for (nuint done = 0; done < length;)
        {
            nint written = PositionedWrite((int)_handle.DangerousGetHandle(), _buffer + done, length - done, offset + (long)done);
            if (written <= 0)
            {
                int error = Marshal.GetLastPInvokeError();
                if (written < 0 && done == 0 && !_written && !IsOutOfSpace(error))
                {
                    return false;
                }
                throw new IOException(written == 0 ? "the disk took no bytes" : Marshal.GetPInvokeErrorMessage(error));
            }
            done += (nuint)written;
        }
        _written = true;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="error"/> is Linux's <c>ENOSPC</c>, <c>EFBIG</c> or <c>EDQUOT</c>: a disk or quota that is
    /// full, which a write through the cache would meet too. Any other error of a first direct write is taken for a
    /// file system that cannot write directly (<c>EINVAL</c> mostly, <c>EOPNOTSUPP</c> on some); a real fault of the
    /// disk then surfaces in the write through the cache.
    /// </summary>
    private static bool IsOutOfSpace(int error) => error is 28 or 27 or 122;

    private void Reserve(nuint length)
    {
        if (_capacity >= length)
        {
            return;
        }
        NativeMemory.AlignedFree(_buffer);
        _buffer = null;
        _capacity = 0;
        _buffer = (byte*)NativeMemory.AlignedAlloc(length, DirectIo.Alignment);
        _capacity = length;
    }

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PositionedWrite(int fd, byte* buffer, nuint count, long offset);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_buffer);
        _buffer = null;
        _capacity = 0;
        _handle.Dispose();
    }
}

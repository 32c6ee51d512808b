using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NearDup.Clustering;

/// <summary>
/// A temporary file that holds full fingerprint pages outside the managed heap (<see cref="NearDupOptions.SpillDirectory"/>).
/// Each page is written with an ordinary positioned write, so a full disk is an <see cref="IOException"/> at that
/// moment and never a fault on a mapped page, and then mapped read-only. The pages are then file-backed memory that
/// the operating system reads in and drops as it needs, instead of anonymous memory that must all stay resident: a
/// corpus whose fingerprints do not fit in memory slows down instead of running out.
/// </summary>
/// <remarks>
/// The file is deleted as soon as it is opened where the platform allows (Unix: a killed process leaves nothing
/// behind), else on close. Pages stay mapped until <see cref="Dispose"/>: a reader holding a span into one never
/// sees it unmapped while the spill is alive, and the caller disposes only when no reader is left.
/// </remarks>
internal sealed unsafe partial class FingerprintSpill : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly long _directFrom;
    private Internal.DirectWriter? _direct;
    private bool _directTried;
    private readonly List<(MemoryMappedFile Map, MemoryMappedViewAccessor View)> _mappings = [];
    private long _length;
    private bool _disposed;

    /// <summary>
    /// Creates the spill file in <paramref name="directory"/>. Once it holds <paramref name="directFrom"/> bytes, pages
    /// are written past the page cache where the system allows (<see cref="Internal.DirectWriter"/>): a file larger
    /// than the cache can keep is read back from the disk whatever the cache did with it, and filling the cache costs
    /// system time (bench/results/amd-epyc/spill-writes.md), while a file the cache keeps is read back from memory.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    public FingerprintSpill(string directory, long directFrom = long.MaxValue)
    {
        _file = CreateTemporary(directory, "spill", out string path);
        Path = path;
        _directFrom = directFrom;
    }

    /// <summary>
    /// Where a spill of the documents' fingerprints is written past the cache: past a quarter of the memory this process
    /// may have (the machine's, or its container's limit), of which the heap and the file's other pages take the rest.
    /// </summary>
    public static long DirectWritesFrom() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;

    /// <summary>
    /// Creates a temporary file named after <paramref name="kind"/> in <paramref name="directory"/>, deleted as soon as
    /// it is opened where the platform allows, else on close; <paramref name="path"/> is where it was created.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    internal static SafeFileHandle CreateTemporary(string directory, string kind, out string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Spill folder '{directory}' does not exist; create it, or give another (NearDupOptions.SpillDirectory, --spill-dir).");
        }
        path = System.IO.Path.Combine(System.IO.Path.GetFullPath(directory), $"neardup-{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        bool unlinkNow = !OperatingSystem.IsWindows();
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, unlinkNow ? FileOptions.None : FileOptions.DeleteOnClose);
        if (unlinkNow)
        {
            File.Delete(path);
        }
        return file;
    }

    /// <summary>Where the file was created (on Unix it is already unlinked: no name refers to it).</summary>
    public string Path { get; }

    /// <summary>Whether pages are now written past the page cache (tests).</summary>
    internal bool WritesPastCache
    {
        get
        {
            lock (_mappings)
            {
                return _direct is not null;
            }
        }
    }

    /// <summary>Bytes written to the file (with a direct write's padding).</summary>
    public long Bytes => Volatile.Read(ref _length);

    /// <summary>Appends <paramref name="fingerprints"/> to the file and returns them mapped read-only.</summary>
    /// <exception cref="IOException">The write failed (a full disk); nothing refers to the page.</exception>
    public Mapped Write(ReadOnlySpan<uint> fingerprints)
    {
        // Writes are serialized (one per 4 MiB page, so the lock costs nothing), which lets stores share a file.
        lock (_mappings)
        {
            return WriteLocked(fingerprints);
        }
    }

    private Mapped WriteLocked(ReadOnlySpan<uint> fingerprints)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var bytes = MemoryMarshal.AsBytes(fingerprints);
        long offset = _length, end;
        try
        {
            end = Append(bytes, ref offset);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot write the spill file in '{System.IO.Path.GetDirectoryName(Path)}' ({e.Message.TrimEnd('.', ' ')}, after "
                + $"{offset / 1e6:N0} MB): free space there, or give a spill folder on a larger disk (--spill-dir, NearDupOptions.SpillDirectory).", e);
        }
        // A mapping of the file as long as it is now, and a view of just this page (the view rounds the offset down
        // to the allocation granularity itself). Creating the map is cheap: on Unix it is the open file.
        var map = MemoryMappedFile.CreateFromFile(_file, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        MemoryMappedViewAccessor view;
        try
        {
            view = map.CreateViewAccessor(offset, bytes.Length, MemoryMappedFileAccess.Read);
        }
        catch
        {
            map.Dispose();
            throw;
        }
        _mappings.Add((map, view));
        Volatile.Write(ref _length, end);
        var address = (uint*)((byte*)view.SafeMemoryMappedViewHandle.DangerousGetHandle() + view.PointerOffset);
        return new Mapped(address, fingerprints.Length, view);
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> at the end of the file, <paramref name="offset"/>, and returns the file's new end:
    /// past the cache once the file holds <see cref="_directFrom"/> bytes, from an aligned offset (moved on, where
    /// <paramref name="offset"/> says) and padded to the next; through the cache before, or where the system refuses.
    /// </summary>
    private long Append(ReadOnlySpan<byte> bytes, ref long offset)
    {
        if (!_directTried && offset >= _directFrom)
        {
            _directTried = true;
            _direct = Internal.DirectWriter.TryOpen(_file);
        }
        if (_direct is not null)
        {
            long aligned = Internal.DirectWriter.Padded(offset);
            if (_direct.TryWrite(bytes, aligned))
            {
                offset = aligned;
                return aligned + Internal.DirectWriter.Padded(bytes.Length);
            }
            _direct.Dispose();
            _direct = null;
        }
        RandomAccess.Write(_file, bytes, offset);
        return offset + bytes.Length;
    }

    /// <summary><c>MADV_NORMAL</c>, <c>MADV_RANDOM</c>, <c>MADV_WILLNEED</c> and <c>MADV_DONTNEED</c> in Linux's <c>asm-generic/mman-common.h</c>.</summary>
    private const int AdviseNormal = 0, AdviseRandom = 1, AdviseWillNeed = 3, AdviseDontNeed = 4;

    /// <summary>
    /// Tells the kernel how the mapped pages will be read: at random (a fault reads only the page it needs) or as usual
    /// (a fault also reads the pages around it, <c>read_ahead_kb</c>: 8 MiB on this VM's disk, so a document of a few
    /// kilobytes read at random costs megabytes). Nothing where the platform has no <c>madvise</c>.
    /// </summary>
    public void Advise(bool random) => AdviseAll(random ? AdviseRandom : AdviseNormal);

    /// <summary>
    /// Unmaps every page of the file from the process (<c>MADV_DONTNEED</c>), leaving them in the page cache: the next
    /// read of one maps it again from there, or reads it from the disk if the kernel dropped it meanwhile. Under a memory
    /// limit the kernel reclaims a page still mapped only by unmapping it first, a walk of its mappings and a TLB flush
    /// on every core (an interrupt between virtual CPUs, a VM exit each); a sweep that releases what it has read lets
    /// the kernel drop those pages as plain cache. Mapped pages also count in the process's resident set. Nothing where
    /// the platform has no <c>madvise</c>; a reader may still hold a span into a page (it faults the page in again).
    /// </summary>
    public void Release() => AdviseAll(AdviseDontNeed);

    private void AdviseAll(int advice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        lock (_mappings)
        {
            foreach (var (_, view) in _mappings)
            {
                var handle = view.SafeMemoryMappedViewHandle;
                _ = Madvise(handle.DangerousGetHandle(), (nuint)handle.ByteLength, advice);
            }
        }
    }

    /// <summary>
    /// Starts reading the file's pages in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>)
    /// in the background (<c>MADV_WILLNEED</c>; <paramref name="start"/> page-aligned), so that many reads are in flight
    /// at once instead of one per waiting worker; nothing for pages already in memory. A sweep collects its ranges in a
    /// <see cref="ReadAhead"/>, which merges them into few calls.
    /// </summary>
    public static void WillNeed(nint start, nint length)
    {
        if (length <= 0 || !OperatingSystem.IsLinux())
        {
            return;
        }
        // A merged range may cross from one page's mapping into the next, or into a hole between them: the kernel
        // reads ahead what is mapped from the file and reports the hole, which changes nothing here.
        _ = Madvise(start, (nuint)length, AdviseWillNeed);
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);

    /// <summary>Unmaps every page and closes (and so deletes) the file. No span into a page may be in use.</summary>
    public void Dispose()
    {
        lock (_mappings)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            foreach (var (map, view) in _mappings)
            {
                view.Dispose();
                map.Dispose();
            }
            _mappings.Clear();
            _direct?.Dispose();
            _file.Dispose();
        }
    }

    /// <summary>A page in the file, mapped; holds its view so that the mapping lives as long as the page is referenced.</summary>
    internal sealed class Mapped(uint* address, int length, MemoryMappedViewAccessor view)
    {
        private readonly MemoryMappedViewAccessor _view = view;

        public int Length { get; } = length;

        public ReadOnlySpan<uint> Slice(int offset, int count)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)offset + (ulong)(uint)count, (ulong)(uint)Length, nameof(count));
            ObjectDisposedException.ThrowIf(_view.SafeMemoryMappedViewHandle.IsClosed, this);
            return new ReadOnlySpan<uint>(address + offset, count);
        }
    }
}

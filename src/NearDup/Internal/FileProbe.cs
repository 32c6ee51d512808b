using System.Runtime.InteropServices;

namespace NearDup.Internal;

/// <summary>
/// The file type of a path, following symbolic links. .NET exposes only permissions and "directory", so on Linux this
/// asks statx(2), whose buffer layout is the same on every architecture (unlike struct stat); elsewhere, or where
/// statx is missing or blocked, it falls back to .NET's view, where anything under /dev counts as a device.
/// </summary>
internal static partial class FileProbe
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 1;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;

    public static FileKind Kind(string path)
    {
        if (OperatingSystem.IsLinux() && TryStatxMode(path, out int mode, out int errno))
        {
            return errno != 0 ? FileKind.Missing : (mode & TypeMask) switch
            {
                RegularType => FileKind.Regular,
                DirectoryType => FileKind.Directory,
                _ => FileKind.Special,
            };
        }
        return FallbackKind(path);
    }

    private static FileKind FallbackKind(string path)
    {
        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }
        if (!OperatingSystem.IsWindows() && Path.GetFullPath(path).StartsWith("/dev/", StringComparison.Ordinal) && File.Exists(path))
        {
            return FileKind.Special;
        }
        return File.Exists(path) && File.ResolveLinkTarget(path, returnFinalTarget: true) is not { Exists: false } ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>The st_mode of <paramref name="path"/>; false when statx cannot answer (then the caller falls back).</summary>
    private static unsafe bool TryStatxMode(string path, out int mode, out int errno)
    {
        mode = 0;
        errno = 0;
        byte* buffer = stackalloc byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) == 0)
            {
                mode = *(ushort*)(buffer + ModeOffset);
                return true;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        errno = Marshal.GetLastPInvokeError();
        return errno is NoSuchFile or NotADirectory;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}

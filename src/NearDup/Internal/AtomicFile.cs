using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace NearDup.Internal;

/// <summary>
/// Writes a file where the user points, without ever breaking what is there. A regular file (or a new path) is written
/// under a temporary name beside it, flushed to disk and renamed over it, so a crash, Ctrl-C or a full disk leaves the
/// old file (or none), never half a file. Anything else is written straight through and never replaced: a device such
/// as /dev/null, a FIFO, a socket, and a descriptor named as a path (/dev/stdout, /dev/fd/N from a shell's
/// <c>&gt;(…)</c>). A symbolic link is followed and its target replaced, so the link stays a link.
/// </summary>
/// <remarks>
/// Temporary files are named <c>.NAME.neardup-tmp-PID-GUID</c>: a save killed before its rename (SIGKILL, power loss)
/// leaves one, and the next save of the same target deletes those whose process is gone.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>What marks a temporary file of this class, between the target's name and the writer's PID.</summary>
    public const string TempMarker = ".neardup-tmp-";

    /// <summary>The name whose temporary file <see cref="CheckFolderWritable"/> makes and deletes in a folder.</summary>
    private const string FolderProbe = "probe";

    /// <summary>Longest part of the target's name kept in a temporary name, so that it stays under NAME_MAX.</summary>
    private const int MaxNameInTemp = 100;

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, which must leave the stream open.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder the file would go in does not exist.</exception>
    /// <exception cref="IOException">The path is a folder, or the write failed (a regular target is left as it was).</exception>
    public static void Write(string path, Action<Stream> write, int bufferSize = 1 << 16)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        if (Descriptor(path) is int descriptor and >= 0)
        {
            using var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize);
            WriteThrough(stream, write);
            return;
        }
        switch (FileProbe.Kind(path))
        {
            case FileKind.Directory:
                throw new IOException($"{path} is a folder, not a file.");
            case FileKind.Special:
                // FileMode.Open: no O_TRUNC, no O_CREAT; a FIFO blocks here until a reader opens it, as with a shell's >.
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize))
                {
                    WriteThrough(stream, write);
                }
                return;
            default:
                Replace(Target(path), write, bufferSize);
                return;
        }
    }

    /// <summary>
    /// Checks, before any work, that <see cref="Write"/> to <paramref name="path"/> can succeed: its folder exists and
    /// takes a new file (tried for real, since root ignores permission bits but not a read-only mount or chattr +i),
    /// and a regular file there opens for writing. A device or FIFO is not opened (a FIFO would block).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The path is a folder, the folder is a file, or nothing can be written there.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission is denied.</exception>
    public static void CheckWritable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Descriptor(path) >= 0)
        {
            return;
        }
        switch (FileProbe.Kind(path))
        {
            case FileKind.Directory:
                throw new IOException($"{path} is a folder, not a file.");
            case FileKind.Special:
                return;
        }
        string target = Target(path);
        string directory = Path.GetDirectoryName(target)!;
        CheckFolder(directory);
        ProbeFolder(directory, target);
        if (FileProbe.Kind(target) == FileKind.Regular)
        {
            // FileMode.Open with write access changes nothing, but fails on a read-only or immutable file.
            using var stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
        }
    }

    /// <summary>
    /// Checks that a folder can be made and written in: itself when it exists, else the nearest folder above it that
    /// exists (where it would be created).
    /// </summary>
    /// <inheritdoc cref="CheckWritable(string)"/>
    public static void CheckFolderWritable(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string full = Path.GetFullPath(directory);
        string existing = full;
        while (FileProbe.Kind(existing) == FileKind.Missing && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }
        if (FileProbe.Kind(existing) != FileKind.Directory)
        {
            throw new IOException($"{existing} is not a folder, so {full} cannot be made.");
        }
        ProbeFolder(existing, Path.Combine(existing, FolderProbe));
    }

    private static void CheckFolder(string directory)
    {
        switch (FileProbe.Kind(directory))
        {
            case FileKind.Directory:
                return;
            case FileKind.Missing:
                throw new DirectoryNotFoundException($"the folder {directory} does not exist; create it first.");
            default:
                throw new IOException($"{directory} is not a folder.");
        }
    }

    /// <summary>Creates and deletes a temporary file in <paramref name="directory"/>, named as a save's would be.</summary>
    private static void ProbeFolder(string directory, string target)
    {
        string probe = TempPath(directory, target);
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write in {directory} ({e.Message})", e);
        }
        File.Delete(probe);
    }

    private static string TempPath(string directory, string target) =>
        Path.Combine(directory, TempPrefix(target) + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"));

    /// <summary>The file a rename must replace: the final target of a symbolic link (which may not exist yet), else the path.</summary>
    internal static string Target(string path)
    {
        string full = Path.GetFullPath(path);
        return new FileInfo(full).LinkTarget is not null && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } final ? final.FullName : full;
    }

    /// <summary>The prefix of every temporary file made for <paramref name="target"/>.</summary>
    internal static string TempPrefix(string target)
    {
        string name = Path.GetFileName(target);
        return "." + (name.Length > MaxNameInTemp ? name[..MaxNameInTemp] : name) + TempMarker;
    }

    /// <summary>
    /// Deletes the temporary files of earlier saves of <paramref name="target"/> whose process is gone; those of a live
    /// process (a concurrent save) are left alone.
    /// </summary>
    internal static void RemoveStaleTemps(string target)
    {
        string directory = Path.GetDirectoryName(target)!;
        RemoveStale(directory, TempPrefix(target));
        // A run killed between creating and deleting its folder probe (CheckFolderWritable) leaves that file behind.
        RemoveStale(directory, TempPrefix(FolderProbe));
    }

    private static void RemoveStale(string directory, string prefix)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, MatchType = MatchType.Simple, IgnoreInaccessible = true };
        foreach (string file in Directory.EnumerateFiles(directory, prefix + "*", options))
        {
            string rest = Path.GetFileName(file)[prefix.Length..];
            int dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(rest.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !ProcessProbe.IsAlive(pid))
            {
                TryDelete(file);
            }
        }
    }

    private static void Replace(string target, Action<Stream> write, int bufferSize)
    {
        string directory = Path.GetDirectoryName(target)!;
        CheckFolder(directory);
        RemoveStaleTemps(target);
        string temp = TempPath(directory, target);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            KeepMode(target, temp);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void WriteThrough(FileStream stream, Action<Stream> write)
    {
        write(stream);
        stream.Flush();
    }

    /// <summary>The replacement keeps the permissions of the file it replaces (a rename would otherwise reset them to the umask's).</summary>
    private static void KeepMode(string target, string temp)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(target))
        {
            File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
        }
    }

    /// <summary>The open descriptor a path names (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N), or -1.</summary>
    private static int Descriptor(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return -1;
        }
        if (path == "/dev/stdout")
        {
            return 1;
        }
        if (path == "/dev/stderr")
        {
            return 2;
        }
        foreach (string prefix in (ReadOnlySpan<string>)["/dev/fd/", "/proc/self/fd/"])
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(path.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int descriptor))
            {
                return descriptor;
            }
        }
        return -1;
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The error that made the caller clean up is the one to report.
        }
    }
}

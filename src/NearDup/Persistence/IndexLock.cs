using System.Globalization;
using NearDup.Internal;

namespace NearDup.Persistence;

/// <summary>
/// Excludes other writers of an index folder while one loads, changes and saves it: two <c>index add</c> runs that
/// both load the old index and both save would otherwise keep only the documents of the last. The lock is the file
/// <c>index.ndup.lock</c> beside the index, made with CreateNew (O_EXCL, so exactly one maker wins) and holding the
/// writer's PID, host and start time; it is deleted when the writer is done. Readers take no lock: a save replaces the
/// index by a rename, so they see the old or the new index, never half of one.
/// </summary>
/// <remarks>
/// A lock left by a writer that died (SIGKILL, power loss) names a PID that no longer runs on this host: it is stale
/// and broken at once. It is moved aside before it is deleted, and put back if what was moved is not what was read
/// (another process broke the stale lock and a new writer took it in between). A lock of another host is never
/// broken, since its PID cannot be checked from here. An advisory lock (flock) would need no stale check, but .NET
/// takes one on every open, so other processes could not even read the lock file to name its holder.
/// </remarks>
internal sealed class IndexLock : IDisposable
{
    /// <summary>Name of the lock file in the index folder.</summary>
    public const string FileName = IndexFormat.FileName + ".lock";

    /// <summary>A lock file with no holder in it after this long was left by a writer killed while it wrote it.</summary>
    private static readonly TimeSpan s_unwrittenGrace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(100);

    private readonly string _path;
    private readonly string _holder;

    private IndexLock(string path, string holder)
    {
        _path = path;
        _holder = holder;
    }

    /// <summary>Path of the lock file of an index folder.</summary>
    public static string PathOf(string directory) => Path.Combine(directory, FileName);

    /// <summary>Takes the lock of <paramref name="directory"/> (created if missing), waiting up to <paramref name="wait"/> for another writer.</summary>
    /// <exception cref="IndexLockedException">Another live writer held it all that time; the message names it.</exception>
    public static IndexLock Acquire(string directory, TimeSpan wait)
    {
        Directory.CreateDirectory(directory);
        string path = PathOf(directory);
        string holder = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {Environment.MachineName} {DateTimeOffset.UtcNow:O}\n");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            if (TryCreate(path, holder))
            {
                return new IndexLock(path, holder);
            }
            string? seen = ReadHolder(path);
            if (seen is not null && IsStale(path, seen))
            {
                BreakStale(path, seen);
                continue;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new IndexLockedException(Describe(path, seen));
            }
            Thread.Sleep(s_poll);
        }
    }

    /// <summary>Deletes the lock file, if it is still this writer's.</summary>
    public void Dispose()
    {
        if (ReadHolder(_path) == _holder)
        {
            AtomicFile.TryDelete(_path);
        }
    }

    private static bool TryCreate(string path, string holder)
    {
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            file.Write(System.Text.Encoding.UTF8.GetBytes(holder));
            file.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>The lock file's text, or null when it is gone; empty while its maker has not written it yet.</summary>
    private static string? ReadHolder(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(file).ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static bool IsStale(string path, string holder)
    {
        if (!holder.EndsWith('\n'))
        {
            return DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > s_unwrittenGrace;
        }
        string[] fields = holder.Split(' ');
        return fields.Length >= 2 && fields[1] == Environment.MachineName
            && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !ProcessProbe.IsAlive(pid);
    }

    private static void BreakStale(string path, string seen)
    {
        string aside = path + ".stale-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        try
        {
            File.Move(path, aside);
        }
        catch (FileNotFoundException)
        {
            return;
        }
        if (ReadHolder(aside) == seen)
        {
            AtomicFile.TryDelete(aside);
            return;
        }
        try
        {
            File.Move(aside, path, overwrite: false);
        }
        catch (IOException)
        {
            // A third writer took the lock meanwhile; the one moved aside lost it and will find its lock gone at the end.
            AtomicFile.TryDelete(aside);
        }
    }

    private static string Describe(string path, string? holder)
    {
        string[] fields = (holder ?? "").Trim().Split(' ');
        string who = fields.Length >= 3 ? $"PID {fields[0]} on host {fields[1]}, since {fields[2]}" : "another process";
        return $"{path}: the index is being written by {who}. Try again when it is done; if no neardup runs there, delete {path}.";
    }
}

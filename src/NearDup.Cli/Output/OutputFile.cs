using System.Diagnostics.CodeAnalysis;
using NearDup.Cli.Input;
using NearDup.Internal;

namespace NearDup.Cli.Output;

/// <summary>
/// Where a command writes what an option names: no path or <c>-</c> is stdout; anything else goes through the library's
/// <see cref="AtomicFile"/> (a regular file is replaced atomically, a device, FIFO or /dev/std* is written straight
/// through, a symbolic link keeps pointing at its replaced target). Errors name the option and the path.
/// </summary>
internal static class OutputFile
{
    /// <summary>The path that means standard output.</summary>
    public const string Stdout = "-";

    public static bool IsStdout([NotNullWhen(false)] string? path) => path is null or Stdout;

    public static void Write(string option, string? path, Action<Stream> write)
    {
        if (IsStdout(path))
        {
            using var stdout = Console.OpenStandardOutput();
            write(stdout);
            stdout.Flush();
            return;
        }
        try
        {
            AtomicFile.Write(path, write);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new InputException($"{option} {path}: {e.Message}");
        }
    }

    /// <summary>Checks before any work that <paramref name="path"/> can be written (see <see cref="AtomicFile.CheckWritable"/>).</summary>
    public static void Check(string option, string? path)
    {
        if (!IsStdout(path))
        {
            Checked(option, path, () => AtomicFile.CheckWritable(path));
        }
    }

    /// <summary>Checks before any work that the folder <paramref name="directory"/> can be made (if missing) and written in.</summary>
    public static void CheckFolder(string option, string directory) => Checked(option, directory, () => AtomicFile.CheckFolderWritable(directory));

    private static void Checked(string option, string path, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{option} {path}: cannot write there: {e.Message} Nothing was read or written.");
        }
    }
}

using System.Text.RegularExpressions;
using NearDup.Internal;

namespace NearDup.Cli.Input;

/// <summary>
/// The files of an input folder that --include and --exclude select, found recursively, in ordinal order of their
/// paths relative to the folder. Hidden files and folders are left out. Symbolic links are followed, but each folder
/// is read once: the real folders first, then linked ones, shallowest first and in ordinal order of their paths among
/// equals (so the names of ids never depend on the file system's listing order), and a link to a folder
/// already read (a loop, or a second way to one folder) is skipped with a warning, so one file never becomes many
/// copies. A FIFO, socket or device is skipped with a warning, since reading it could block for ever.
/// </summary>
internal sealed partial class FolderListing
{
    private const int NamesShown = 5;
    private const int MaxLinksInPath = 40; // Linux's own limit before ELOOP

    private static readonly char[] s_separators = ['/', '\\'];
    private static readonly EnumerationOptions s_oneLevel = new() { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.Hidden };

    private readonly Regex[] _include;
    private readonly Regex[] _exclude;
    private readonly bool _defaultInclude;
    private readonly List<(string Path, string Relative)> _files = [];
    private readonly List<(string Relative, string Message)> _warnings = [];
    private readonly SortedSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _readAs = new(StringComparer.Ordinal);
    private readonly Stack<Folder> _real = new();
    private readonly SortedSet<Folder> _linked = new(Comparer<Folder>.Create(Shallower));
    private int _seenCount;

    private FolderListing(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        _defaultInclude = include.Count == 0;
        _include = [.. (_defaultInclude ? DocumentReader.DefaultInclude : include).Select(DocumentReader.GlobToRegex)];
        _exclude = [.. exclude.Select(DocumentReader.GlobToRegex)];
    }

    /// <summary>The selected files: full path and path relative to the folder, '/'-separated, in ordinal order.</summary>
    public IReadOnlyList<(string Path, string Relative)> Files => _files;

    /// <summary>What was skipped and why, one line each, in ordinal order of the paths.</summary>
    public IReadOnlyList<string> Warnings => [.. _warnings.Select(w => w.Message)];

    /// <summary>Writes <see cref="Warnings"/> to stderr, one <c>warning:</c> line each, unless <paramref name="quiet"/>.</summary>
    public void Warn(bool quiet)
    {
        if (quiet)
        {
            return;
        }
        foreach (string warning in Warnings)
        {
            Console.Error.WriteLine("warning: " + warning);
        }
    }

    /// <summary>Lists <paramref name="root"/>; an <see cref="InputException"/> when it cannot be listed or selects no file.</summary>
    public static FolderListing List(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        var listing = new FolderListing(include, exclude);
        try
        {
            listing.Walk(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{root}: cannot list the folder ({e.Message}).");
        }
        listing._files.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        listing._warnings.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return listing._files.Count > 0 ? listing : throw listing.NothingToRead(root, include, exclude);
    }

    private void Walk(string root)
    {
        _real.Push(new Folder(root, "", RealPath(root)));
        while (_real.Count > 0 || _linked.Count > 0)
        {
            if (!_real.TryPop(out var folder))
            {
                var link = _linked.Min!;
                _linked.Remove(link);
                folder = link with { Canonical = RealPath(link.Path) };
            }
            if (_readAs.TryGetValue(folder.Canonical, out string? first))
            {
                string where = first.Length == 0 ? "the input folder itself" : $"'{first}'";
                _warnings.Add((folder.Relative, $"{folder.Path}: skipped, the folder already read as {where} (a symbolic link loop, or a second link to one folder)"));
                continue;
            }
            _readAs.Add(folder.Canonical, folder.Relative);
            Visit(folder);
        }
    }

    private void Visit(Folder folder)
    {
        foreach (var entry in new DirectoryInfo(folder.Path).EnumerateFileSystemInfos("*", s_oneLevel))
        {
            string relative = folder.Relative.Length == 0 ? entry.Name : folder.Relative + "/" + entry.Name;
            if (entry is not DirectoryInfo)
            {
                Consider(entry.FullName, relative);
            }
            else if (entry.LinkTarget is null)
            {
                _real.Push(new Folder(entry.FullName, relative, Path.Join(folder.Canonical, entry.Name)));
            }
            else
            {
                _linked.Add(new Folder(entry.FullName, relative, ""));
            }
        }
    }

    private void Consider(string path, string relative)
    {
        _seenCount++;
        _seen.Add(relative);
        if (_seen.Count > NamesShown)
        {
            _seen.Remove(_seen.Max!);
        }
        bool noExtension = _defaultInclude && !Path.GetFileName(relative).Contains('.');
        // A folder's labels.jsonl (as gen writes beside docs.jsonl) is not documents, unless --include names it.
        bool labels = _defaultInclude && Path.GetFileName(relative) == FolderFiles.LabelsName;
        if (labels || (!noExtension && !_include.Any(r => r.IsMatch(relative))) || _exclude.Any(r => r.IsMatch(relative)))
        {
            return;
        }
        if (FileProbe.Kind(path) == FileKind.Special)
        {
            _warnings.Add((relative, $"{path}: skipped, a FIFO, socket or device, not a file (reading it could wait for ever)"));
            return;
        }
        _files.Add((path, relative));
    }

    private InputException NothingToRead(string root, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        if (_seenCount == 0)
        {
            return new InputException($"{root}: the folder holds no files (hidden ones are left out), so there is nothing to read.");
        }
        string patterns = _defaultInclude
            ? string.Join(" ", DocumentReader.DefaultInclude) + " (the default) or no extension"
            : string.Join(" ", include);
        string excluded = exclude.Count > 0 ? $" and not --exclude {string.Join(" ", exclude)}" : "";
        string more = _seenCount > _seen.Count ? $" and {_seenCount - _seen.Count:N0} more" : "";
        string skipped = _warnings.Count > 0 ? $" ({_warnings.Count:N0} skipped as not files)" : "";
        // Data files are read by default; a user whose --include left them out may not know that.
        string? data = _defaultInclude ? null : _seen.FirstOrDefault(name => DataFile().IsMatch(name));
        string hint = data is null ? "" : $" Data files such as {Path.Combine(root, data)} are read without --include, or when it names them.";
        return new InputException($"{root}: no file to read: none matches --include {patterns}{excluded}{skipped}. The folder holds "
            + $"{string.Join(", ", _seen)}{more}. Choose files with --include, e.g. --include '*.txt' --include '*.html'.{hint}");
    }

    /// <summary>
    /// The path with every symbolic link resolved, like realpath(3), so two ways to one folder compare equal. A link
    /// chain longer than the kernel allows is an IOException, as reading through it would be.
    /// </summary>
    internal static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string current = Path.GetPathRoot(full)!;
        var parts = new Stack<string>(full[current.Length..].Split(s_separators, StringSplitOptions.RemoveEmptyEntries).Reverse());
        int links = 0;
        while (parts.TryPop(out string? part))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            string next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinksInPath)
            {
                throw new IOException($"too many levels of symbolic links in {path}");
            }
            foreach (string step in target.Split(s_separators, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                parts.Push(step);
            }
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
            }
        }
        return current;
    }

    [GeneratedRegex(@"\.(?:jsonl|ndjson|json)(?:\.gz)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DataFile();

    private static int Shallower(Folder a, Folder b)
    {
        int depth = a.Relative.Count(c => c == '/').CompareTo(b.Relative.Count(c => c == '/'));
        return depth != 0 ? depth : string.CompareOrdinal(a.Relative, b.Relative);
    }

    private readonly record struct Folder(string Path, string Relative, string Canonical);
}

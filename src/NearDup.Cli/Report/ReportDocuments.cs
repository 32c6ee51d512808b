using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace NearDup.Cli.Report;

/// <summary>
/// Loads the texts the report needs from the CLI's <c>INPUT</c>: a folder of text files (id = path
/// relative to the folder without extension, '/' separators) or a <c>.jsonl</c> / <c>.jsonl.gz</c> file of
/// <c>{"id":..., "text":...}</c> objects. Only ids in the needed set are kept.
/// </summary>
/// <remarks>
/// Kept in one file on purpose: the CLI's shared input reader will replace it, and only
/// <see cref="Load"/> is called from outside.
/// </remarks>
internal static class ReportDocuments
{
    private const int MaxMissingIdsInMessage = 5;

    /// <summary>
    /// Returns the text of every id in <paramref name="neededIds"/>. Throws <see cref="ReportInputException"/>
    /// when <paramref name="input"/> does not exist, a JSONL line is malformed (message names file:line),
    /// an id is defined twice, or a needed id is not found.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Load(string input, ISet<string> neededIds)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(neededIds);
        Dictionary<string, string> texts;
        if (Directory.Exists(input))
        {
            texts = LoadFolder(input, neededIds);
        }
        else if (File.Exists(input))
        {
            if (!input.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
                && !input.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase))
            {
                throw new ReportInputException($"{input}: INPUT must be a folder of text files or a .jsonl / .jsonl.gz file");
            }

            texts = LoadJsonl(input, neededIds);
        }
        else
        {
            throw new ReportInputException($"{input}: INPUT not found (expected a folder of text files or a .jsonl / .jsonl.gz file)");
        }

        if (texts.Count < neededIds.Count)
        {
            var missing = neededIds.Where(id => !texts.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
            var shown = string.Join(", ", missing.Take(MaxMissingIdsInMessage).Select(id => $"'{id}'"));
            var more = missing.Count > MaxMissingIdsInMessage ? $" and {missing.Count - MaxMissingIdsInMessage} more" : "";
            throw new ReportInputException($"{input}: {missing.Count} document(s) named in the clusters file not found: {shown}{more}");
        }

        return texts;
    }

    /// <summary>Document id of <paramref name="file"/> under <paramref name="folder"/>: relative path, no extension, '/' separators.</summary>
    internal static string IdOf(string folder, string file)
    {
        var relative = Path.GetRelativePath(folder, file);
        var withoutExtension = Path.Join(Path.GetDirectoryName(relative), Path.GetFileNameWithoutExtension(relative));
        return withoutExtension.Replace(Path.DirectorySeparatorChar, '/').Replace(Path.AltDirectorySeparatorChar, '/');
    }

    private static Dictionary<string, string> LoadFolder(string folder, ISet<string> neededIds)
    {
        var texts = new Dictionary<string, string>(neededIds.Count, StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false };
        foreach (var file in Directory.EnumerateFiles(folder, "*", options))
        {
            var id = IdOf(folder, file);
            if (!neededIds.Contains(id))
            {
                continue;
            }

            if (!sources.TryAdd(id, file))
            {
                throw new ReportInputException($"{file}: document id '{id}' is also the id of {sources[id]}");
            }

            try
            {
                texts[id] = File.ReadAllText(file, Encoding.UTF8);
            }
            catch (IOException e)
            {
                throw new ReportInputException($"{file}: cannot read ({e.Message})", e);
            }
        }

        return texts;
    }

    private static Dictionary<string, string> LoadJsonl(string path, ISet<string> neededIds)
    {
        var texts = new Dictionary<string, string>(neededIds.Count, StringComparer.Ordinal);
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        long lineNumber = 0;
        string? line;
        while (true)
        {
            try
            {
                line = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw ReportInputException.AtLine(path, lineNumber + 1, $"cannot decompress ({e.Message})", e);
            }

            if (line is null)
            {
                break;
            }

            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (id, text) = ParseLine(line, path, lineNumber);
            if (!neededIds.Contains(id))
            {
                continue;
            }

            if (!lines.TryAdd(id, lineNumber))
            {
                throw ReportInputException.AtLine(path, lineNumber, $"document id '{id}' already defined on line {lines[id]}");
            }

            texts[id] = text;
        }

        return texts;
    }

    private static (string Id, string Text) ParseLine(string line, string path, long lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ReportInputException.AtLine(path, lineNumber, "expected a JSON object with 'id' and 'text'");
            }

            if (!root.TryGetProperty("id", out var idElement)
                || idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                throw ReportInputException.AtLine(path, lineNumber, "missing field 'id' (string or number)");
            }

            if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
            {
                throw ReportInputException.AtLine(path, lineNumber, "missing string field 'text'");
            }

            var id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : idElement.GetRawText();
            return (id, textElement.GetString()!);
        }
        catch (JsonException e)
        {
            throw ReportInputException.AtLine(path, lineNumber, $"not valid JSON ({e.Message})", e);
        }
    }
}

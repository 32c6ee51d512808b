using System.Text.RegularExpressions;

namespace NearDup.Cli.Input;

/// <summary>
/// What each file of a folder is: a data file (JSONL, plain or compressed; a JSON array; CSV; TSV; Parquet), read by
/// its content as a whole input would be, each of its documents keeping the id its record gives; or a text file, one
/// document, whose id is its path in the folder.
/// </summary>
/// <remarks>
/// A text file's id is its relative path without the extension (<c>sub/a.txt</c> is <c>sub/a</c>) unless another file
/// of the folder would get the same id: then it keeps its extension (<c>sub/a.txt</c> and <c>sub/a.md</c>). A
/// relative path is unique in a folder, and a shortened id never equals another file's shortened id or another file's
/// whole path, so two text files never share an id.
/// </remarks>
internal static partial class FolderFiles
{
    /// <summary>Names that mark a data file; the format still comes from the content (<see cref="FormatSniffer"/>).</summary>
    public static IReadOnlyList<string> DataPatterns { get; } =
        ["*.jsonl", "*.ndjson", "*.json", "*.csv", "*.tsv", "*.parquet", "*.jsonl.gz", "*.jsonl.zst", "*.jsonl.lz4",
         "*.ndjson.gz", "*.json.gz", "*.csv.gz", "*.tsv.gz", "*.ndjson.zst", "*.json.zst", "*.csv.zst", "*.tsv.zst",
         "*.ndjson.lz4", "*.json.lz4", "*.csv.lz4", "*.tsv.lz4"];

    /// <summary>
    /// The label files that <c>neardup gen</c> writes beside its documents and <c>eval --labels</c> reads: ids and
    /// clusters, no texts. Left out of a folder unless <c>--include</c> is given, so a generated or labelled corpus
    /// folder reads as its documents.
    /// </summary>
    public const string LabelsName = "labels.jsonl";

    /// <summary>Whether a file of a folder is read as a data file rather than as one text document.</summary>
    public static bool IsData(string relative) => DataName().IsMatch(relative);

    /// <summary>The id of each text file (relative paths with '/' separators, each once), in the same order.</summary>
    public static string[] TextIds(IReadOnlyList<string> relatives)
    {
        var stems = relatives.Select(Stem).ToArray();
        var stemCounts = stems.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var paths = new HashSet<string>(relatives, StringComparer.Ordinal);
        var ids = new string[relatives.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            bool clash = stems[i] != relatives[i] && (stemCounts[stems[i]] > 1 || paths.Contains(stems[i]));
            ids[i] = clash ? relatives[i] : stems[i];
        }
        return ids;
    }

    /// <summary>The relative path without its last extension (none when the name starts with its only dot).</summary>
    private static string Stem(string relative)
    {
        int dot = relative.LastIndexOf('.');
        return dot > relative.LastIndexOf('/') + 1 ? relative[..dot] : relative;
    }

    [GeneratedRegex(@"\.(jsonl|ndjson|json|csv|tsv)(\.(gz|zst|lz4))?$|\.parquet$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DataName();
}

using System.Text.Json;

namespace NearDup.Cli.Report;

/// <summary>Reads the pairs JSONL that <c>neardup cluster --pairs</c> writes, for the report's reuse links.</summary>
internal static class PairsFile
{
    /// <summary>Every pair of <paramref name="path"/>; a malformed line is an error that names the file and line.</summary>
    public static IReadOnlyList<(string A, string B, string Relation, string? Kind, int Shared, double Containment)> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ReportInputException($"{path}: pairs file not found");
        }
        var pairs = new List<(string, string, string, string?, int, double)>();
        long lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                pairs.Add(Parse(line, path, lineNumber));
            }
        }
        return pairs;
    }

    private static (string, string, string, string?, int, double) Parse(string line, string path, long lineNumber)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return (Text(root, "a"), Text(root, "b"), Text(root, "relation"),
                root.TryGetProperty("kind", out var kind) ? kind.GetString() : null,
                root.GetProperty("shared").GetInt32(), root.GetProperty("containment").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw ReportInputException.AtLine(path, lineNumber, "not a pair as 'neardup cluster --pairs' writes it (a, b, shared, containment, relation)", e);
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new InvalidOperationException($"{name} is null");
}

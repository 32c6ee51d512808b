using System.Text.Json;
using NearDup.Cli.Input;
using NearDup.Evaluation;

namespace NearDup.Cli.Commands;

/// <summary>The two files quality is scored from (eval, bench): labels and clusters, both JSONL.</summary>
internal static class EvalFiles
{
    /// <summary>Labels JSONL: id, cluster and optionally role per line; an error names the file and line.</summary>
    public static Dictionary<string, Label> ReadLabels(string path)
    {
        var map = new Dictionary<string, Label>(StringComparer.Ordinal);
        foreach (var (line, number) in JsonLines(path))
        {
            string id = RequiredString(line, "id", path, number);
            string cluster = RequiredString(line, "cluster", path, number);
            string? role = line.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (!map.TryAdd(id, new Label(cluster, role)))
            {
                throw new InputException($"{path}:{number}: duplicate id '{id}'.");
            }
        }
        return map;
    }

    /// <summary>Clusters JSONL as neardup cluster writes it: each member with its cluster, scores and role.</summary>
    public static Dictionary<string, Prediction> ReadClusters(string path)
    {
        var map = new Dictionary<string, Prediction>(StringComparer.Ordinal);
        foreach (var (line, number) in JsonLines(path))
        {
            string cluster = RequiredString(line, "cluster", path, number);
            if (!line.TryGetProperty("members", out var members) || members.ValueKind != JsonValueKind.Array)
            {
                throw new InputException($"{path}:{number}: missing array field \"members\"; is this a clusters file from neardup cluster?");
            }
            foreach (var member in members.EnumerateArray())
            {
                string id = RequiredString(member, "id", path, number);
                double? jaccard = member.TryGetProperty("jaccard", out var j) && j.ValueKind == JsonValueKind.Number ? j.GetDouble() : null;
                double? containment = member.TryGetProperty("containment", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : null;
                string? role = member.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                if (!map.TryAdd(id, new Prediction(cluster, jaccard, containment, role)))
                {
                    throw new InputException($"{path}:{number}: document '{id}' is in two clusters.");
                }
            }
        }
        return map;
    }

    private static IEnumerable<(JsonElement Line, long Number)> JsonLines(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: no such file.");
        }
        long number = 0;
        foreach (string text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(text);
                element = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new InputException($"{path}:{number}: malformed JSON ({e.Message.Split(" LineNumber")[0]}).");
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new InputException($"{path}:{number}: not a JSON object.");
            }
            yield return (element, number);
        }
    }

    private static string RequiredString(JsonElement element, string field, string path, long number)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            throw new InputException($"{path}:{number}: missing string field \"{field}\".");
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }
}

using System.IO.Compression;
using System.Text.Json;
using NearDup.Clustering;

namespace NearDup.Cli.Report;

/// <summary>
/// Reads the clusters JSONL written by <c>neardup cluster</c>: one object per line and cluster, read into the library's result types,
/// singletons included, e.g.
/// <c>{"cluster":"c000001","canonical":"a","members":[{"id":"a","role":"canonical","jaccard":1,"containment":1}]}</c>.
/// Blank lines are skipped; a <c>.gz</c> suffix is decompressed.
/// </summary>
internal static class ClustersFile
{
    /// <summary>
    /// Reads every cluster of <paramref name="path"/>. Throws <see cref="ReportInputException"/> naming
    /// the file and line for malformed JSON, missing or mistyped fields, unknown roles, a canonical id
    /// that is not a member, and a document or cluster id that occurs twice (clusters are a partition).
    /// </summary>
    public static IReadOnlyList<ReportCluster> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ReportInputException($"{path}: clusters file not found");
        }

        using var stream = OpenText(path);
        return Read(stream, path);
    }

    /// <summary>Reads clusters from <paramref name="reader"/>; <paramref name="name"/> is used in errors.</summary>
    internal static IReadOnlyList<ReportCluster> Read(TextReader reader, string name)
    {
        var clusters = new List<ReportCluster>();
        var clusterIds = new HashSet<string>(StringComparer.Ordinal);
        var memberLines = new Dictionary<string, long>(StringComparer.Ordinal);
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cluster = ParseLine(line, name, lineNumber);
            if (!clusterIds.Add(cluster.Id))
            {
                throw ReportInputException.AtLine(name, lineNumber, $"cluster id '{cluster.Id}' occurs twice");
            }

            foreach (var member in cluster.Members)
            {
                if (!memberLines.TryAdd(member.Id, lineNumber))
                {
                    throw ReportInputException.AtLine(name, lineNumber,
                        $"document '{member.Id}' is already a member of a cluster on line {memberLines[member.Id]}");
                }
            }

            clusters.Add(cluster);
        }

        return clusters;
    }

    private static StreamReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    private static ReportCluster ParseLine(string line, string name, long lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw ReportInputException.AtLine(name, lineNumber, $"not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ReportInputException.AtLine(name, lineNumber, "expected a JSON object");
            }

            var clusterId = RequiredString(root, "cluster", name, lineNumber);
            var canonicalId = RequiredString(root, "canonical", name, lineNumber);
            if (!root.TryGetProperty("members", out var membersElement) || membersElement.ValueKind != JsonValueKind.Array)
            {
                throw ReportInputException.AtLine(name, lineNumber, "missing array field 'members'");
            }

            var (canonical, members) = ParseMembers(membersElement, canonicalId, name, lineNumber);
            if (canonical is null)
            {
                throw ReportInputException.AtLine(name, lineNumber, $"canonical '{canonicalId}' is not among the members");
            }

            members.Insert(0, canonical.Value);
            return new ReportCluster(clusterId, members);
        }
    }

    /// <summary>The members of a cluster line: the canonical (the first member with its id), and the others in order.</summary>
    private static (ClusterMember? Canonical, List<ClusterMember> Others) ParseMembers(JsonElement membersElement, string canonicalId, string name, long lineNumber)
    {
        var members = new List<ClusterMember>(membersElement.GetArrayLength());
        ClusterMember? canonical = null;
        var index = 0;
        foreach (var element in membersElement.EnumerateArray())
        {
            var member = ParseMember(element, $"members[{index}]", name, lineNumber);
            if (string.Equals(member.Id, canonicalId, StringComparison.Ordinal) && canonical is null)
            {
                canonical = member;
            }
            else
            {
                members.Add(member);
            }

            index++;
        }

        return (canonical, members);
    }

    private static ClusterMember ParseMember(JsonElement element, string where, string name, long lineNumber)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ReportInputException.AtLine(name, lineNumber, $"{where} is not an object");
        }

        var id = RequiredString(element, "id", name, lineNumber, where);
        var roleName = RequiredString(element, "role", name, lineNumber, where);
        if (!ClusterRoles.TryParse(roleName, out var role))
        {
            throw ReportInputException.AtLine(name, lineNumber,
                $"{where}.role '{roleName}' is not one of {string.Join(", ", ClusterRoles.Names)}");
        }

        return new ClusterMember(
            id,
            role,
            RequiredScore(element, "jaccard", name, lineNumber, where),
            RequiredScore(element, "containment", name, lineNumber, where));
    }

    private static string RequiredString(JsonElement element, string property, string name, long lineNumber, string? where = null)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            var field = where is null ? property : $"{where}.{property}";
            throw ReportInputException.AtLine(name, lineNumber, $"missing string field '{field}'");
        }

        return value.GetString()!;
    }

    private static double RequiredScore(JsonElement element, string property, string name, long lineNumber, string where)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Number
            || !value.TryGetDouble(out var score) || double.IsNaN(score) || score < 0 || score > 1)
        {
            throw ReportInputException.AtLine(name, lineNumber, $"{where}.{property} must be a number from 0 to 1");
        }

        return score;
    }
}

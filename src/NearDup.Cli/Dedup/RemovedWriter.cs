using System.Text.Json;
using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Cli.Dedup;

/// <summary>
/// Writes <c>dedup --removed</c>: one JSON object per removed document, by id (ordinal), so that it does not depend on input order:
/// <c>{"id","cluster","kept","kind","role","jaccard","containment"}</c>.
/// </summary>
internal static class RemovedWriter
{
    public static void Write(Stream stream, IReadOnlyList<DedupDecision> removed)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var decision in removed)
        {
            json.WriteStartObject();
            json.WriteString("id", decision.Id);
            json.WriteString("cluster", decision.Cluster);
            json.WriteString("kept", decision.KeptId);
            json.WriteString("kind", KindName(decision.Kind));
            json.WriteString("role", ClusterWriter.RoleName(decision.Role));
            json.WriteNumber("jaccard", decision.Jaccard);
            json.WriteNumber("containment", decision.Containment);
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
            json.Reset();
        }
    }

    /// <summary>A kind as <c>--kinds</c> names it.</summary>
    public static string KindName(CopyKinds kind) => kind switch
    {
        CopyKinds.Exact => "exact",
        CopyKinds.Syndicated => "syndicated",
        CopyKinds.Rewritten => "rewritten",
        CopyKinds.Excerpt => "excerpt",
        CopyKinds.Template => "template",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

using System.Text.Json;
using NearDup.Clustering;

namespace NearDup.Cli.Output;

/// <summary>One line of query output: the queried id and its matches, as <c>neardup query</c> and <c>neardup remote query</c> write them.</summary>
internal static class QueryLineWriter
{
    /// <summary>
    /// Writes the line for <paramref name="id"/> through <paramref name="json"/> to <paramref name="stream"/>;
    /// <paramref name="withCluster"/> is false where the index holds no clustering (a live distributed index).
    /// </summary>
    public static void Write(Utf8JsonWriter json, Stream stream, string id, IReadOnlyList<QueryMatch> matches, bool withCluster)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteStartArray("matches");
        foreach (var match in matches)
        {
            json.WriteStartObject();
            json.WriteString("id", match.Id);
            if (withCluster)
            {
                json.WriteString("cluster", match.Cluster);
            }
            json.WriteString("role", ClusterWriter.RoleName(match.Role));
            json.WriteString("relation", match.Relation == PairRelation.Reuse ? "reuse" : "copy");
            json.WriteNumber("jaccard", match.Jaccard);
            json.WriteNumber("containment", match.Containment);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
        json.Reset();
    }
}

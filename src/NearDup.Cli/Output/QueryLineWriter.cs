using System.Text.Json;
using NearDup.Clustering;

namespace NearDup.Cli.Output;

/// <summary>One line of query output: the queried id and its matches, as <c>neardup query</c> and <c>neardup remote query</c> write them.</summary>
internal static class QueryLineWriter
{
    // Names and fixed values encoded once: written as text, each would be transcoded and checked for escapes on every
    // match. They are ASCII with nothing to escape, so the bytes are the same.
    private static readonly JsonEncodedText s_id = JsonEncodedText.Encode("id"), s_matches = JsonEncodedText.Encode("matches"),
        s_cluster = JsonEncodedText.Encode("cluster"), s_role = JsonEncodedText.Encode("role"), s_relation = JsonEncodedText.Encode("relation"),
        s_jaccard = JsonEncodedText.Encode("jaccard"), s_containment = JsonEncodedText.Encode("containment"),
        s_reuse = JsonEncodedText.Encode("reuse"), s_copy = JsonEncodedText.Encode("copy");

    private static readonly JsonEncodedText[] s_roles = EncodeRoles();

    /// <summary>
    /// Writes the line for <paramref name="id"/> through <paramref name="json"/> to <paramref name="stream"/>;
    /// with each match's cluster always when <paramref name="withCluster"/>, else only when the match has one (a live
    /// distributed index names the clusters of its last batch run, and none for a document added since or before any).
    /// </summary>
    public static void Write(Utf8JsonWriter json, Stream stream, string id, IReadOnlyList<QueryMatch> matches, bool withCluster)
    {
        json.WriteStartObject();
        json.WriteString(s_id, id);
        json.WriteStartArray(s_matches);
        foreach (var match in matches)
        {
            json.WriteStartObject();
            json.WriteString(s_id, match.Id);
            if (withCluster || match.Cluster.Length > 0)
            {
                json.WriteString(s_cluster, match.Cluster);
            }
            json.WriteString(s_role, RoleName(match.Role));
            json.WriteString(s_relation, match.Relation == PairRelation.Reuse ? s_reuse : s_copy);
            json.WriteNumber(s_jaccard, match.Jaccard);
            json.WriteNumber(s_containment, match.Containment);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
        json.Reset();
    }

    /// <summary><see cref="ClusterWriter.RoleName"/>, encoded.</summary>
    private static JsonEncodedText RoleName(CopyRole role) =>
        (uint)role < (uint)s_roles.Length && s_roles[(int)role].Value is not null ? s_roles[(int)role] : JsonEncodedText.Encode(ClusterWriter.RoleName(role));

    /// <summary>Each role's name encoded, at the index of its value.</summary>
    private static JsonEncodedText[] EncodeRoles()
    {
        var roles = Enum.GetValues<CopyRole>();
        var encoded = new JsonEncodedText[roles.Max(role => (int)role) + 1];
        foreach (var role in roles)
        {
            encoded[(int)role] = JsonEncodedText.Encode(ClusterWriter.RoleName(role));
        }
        return encoded;
    }
}

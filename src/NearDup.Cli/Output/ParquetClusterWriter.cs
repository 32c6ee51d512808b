using NearDup.Clustering;
using Parquet;
using Parquet.Schema;

namespace NearDup.Cli.Output;

/// <summary>
/// <c>cluster --format parquet</c>: one row per member, with the columns of the CSV output (cluster, canonical, id,
/// role, jaccard, containment), written with Parquet.Net into the stream the caller's atomic writer gives. Rows go in
/// row groups of <see cref="RowsPerGroup"/>, so a reader can stream them; the same clusters give the same bytes.
/// </summary>
internal static class ParquetClusterWriter
{
    /// <summary>Rows per row group: about 10 to 20 MB of ids a group, well under what a reader holds at once.</summary>
    public const int RowsPerGroup = 1 << 18;

    private static readonly DataField<string> s_cluster = new("cluster");
    private static readonly DataField<string> s_canonical = new("canonical");
    private static readonly DataField<string> s_id = new("id");
    private static readonly DataField<string> s_role = new("role");
    private static readonly DataField<double> s_jaccard = new("jaccard");
    private static readonly DataField<double> s_containment = new("containment");

    public static ParquetSchema Schema { get; } = new(s_cluster, s_canonical, s_id, s_role, s_jaccard, s_containment);

    public static void Write(Stream stream, IReadOnlyList<DocumentCluster> clusters) => WriteAsync(stream, clusters).GetAwaiter().GetResult();

    private static async Task WriteAsync(Stream stream, IReadOnlyList<DocumentCluster> clusters)
    {
        var rows = clusters.SelectMany(c => c.Members.Select(m => (Cluster: c, Member: m)));
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, null, false, CancellationToken.None).ConfigureAwait(false);
        // A file needs one row group even with no rows, so that readers see the schema's columns.
        bool any = false;
        foreach (var chunk in rows.Chunk(RowsPerGroup))
        {
            any = true;
            await WriteGroup(writer, chunk).ConfigureAwait(false);
        }
        if (!any)
        {
            await WriteGroup(writer, []).ConfigureAwait(false);
        }
    }

    private static async Task WriteGroup(ParquetWriter writer, (DocumentCluster Cluster, ClusterMember Member)[] rows)
    {
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(s_cluster, rows.Select(r => r.Cluster.Id).ToArray(), null).ConfigureAwait(false);
        await group.WriteAsync(s_canonical, rows.Select(r => r.Cluster.Canonical).ToArray(), null).ConfigureAwait(false);
        await group.WriteAsync(s_id, rows.Select(r => r.Member.Id).ToArray(), null).ConfigureAwait(false);
        await group.WriteAsync(s_role, rows.Select(r => ClusterWriter.RoleName(r.Member.Role)).ToArray(), null).ConfigureAwait(false);
        await group.WriteAsync<double>(s_jaccard, rows.Select(r => r.Member.Jaccard).ToArray(), null, null, CancellationToken.None).ConfigureAwait(false);
        await group.WriteAsync<double>(s_containment, rows.Select(r => r.Member.Containment).ToArray(), null, null, CancellationToken.None).ConfigureAwait(false);
    }
}

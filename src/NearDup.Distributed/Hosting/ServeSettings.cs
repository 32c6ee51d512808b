using System.Net;
using NearDup.Clustering;

namespace NearDup.Distributed.Hosting;

/// <summary>What <c>neardup serve</c> runs: one silo of the cluster, with the JSON API on loopback.</summary>
/// <param name="PostgresConnection">Where the partitions are stored (a PostgreSQL connection string).</param>
/// <param name="IndexName">The index this silo's API serves (created with <paramref name="Partitions"/> if new).</param>
/// <param name="Partitions">Partitions of each kind for a new index.</param>
/// <param name="SiloPort">Silo-to-silo port on loopback.</param>
/// <param name="GatewayPort">Client gateway port on loopback (what <c>remote --cluster</c> names).</param>
/// <param name="HttpPort">The JSON API's port on loopback; 0 for none.</param>
/// <param name="Primary">The first silo's silo endpoint, which holds membership; null for the first silo itself.</param>
/// <param name="Options">The index's options, for a new index (and checked against an existing one); null for the defaults.</param>
public sealed record ServeSettings(string PostgresConnection, string IndexName, int Partitions, int SiloPort, int GatewayPort, int HttpPort,
    IPEndPoint? Primary, NearDupOptions? Options = null)
{
    /// <summary>The Orleans cluster and service id every NearDup silo and client uses.</summary>
    public const string ClusterId = "neardup";
}

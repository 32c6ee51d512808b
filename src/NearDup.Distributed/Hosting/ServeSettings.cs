using NearDup.Clustering;

namespace NearDup.Distributed.Hosting;

/// <summary>What <c>neardup serve</c> runs: one silo of the cluster, with the JSON API on loopback.</summary>
/// <param name="PostgresConnection">Where the partitions and the cluster's membership are stored (a PostgreSQL connection string).</param>
/// <param name="IndexName">The index this silo's API serves (created with <paramref name="Partitions"/> if new).</param>
/// <param name="Partitions">Partitions of each kind for a new index.</param>
/// <param name="SiloPort">Silo-to-silo port on loopback.</param>
/// <param name="GatewayPort">Client gateway port on loopback (what <c>remote --cluster</c> names).</param>
/// <param name="HttpPort">The JSON API's port on loopback; 0 for none.</param>
/// <param name="Options">The index's options, for a new index (and checked against an existing one); null for the defaults.</param>
/// <param name="ClusterId">The Orleans cluster the silo joins: its membership rows in PostgreSQL; clients name the same.</param>
public sealed record ServeSettings(string PostgresConnection, string IndexName, int Partitions, int SiloPort, int GatewayPort, int HttpPort,
    NearDupOptions? Options = null, string ClusterId = ServeSettings.DefaultClusterId)
{
    /// <summary>The Orleans cluster id when none is given.</summary>
    public const string DefaultClusterId = "neardup";

    /// <summary>Orleans' own default response timeout, which serve and remote keep unless told otherwise.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a call this silo makes (to a grain on another silo) may take before it fails.</summary>
    public TimeSpan ResponseTimeout { get; init; } = DefaultResponseTimeout;

    /// <summary>Reads the shards of <c>remote add --at-silos</c> at this silo; null: the silo reads none.</summary>
    public IShardReader? ShardReader { get; init; }

    /// <summary>The Orleans service id of every NearDup silo and client (grain state is keyed without it).</summary>
    public const string ServiceId = "neardup";
}

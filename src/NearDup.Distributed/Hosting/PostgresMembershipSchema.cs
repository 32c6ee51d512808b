using Npgsql;

namespace NearDup.Distributed.Hosting;

/// <summary>
/// The two tables of <see cref="PostgresMembershipTable"/>, created on first use if missing (as
/// <see cref="PostgresGrainStorage"/> creates its own). Our own schema, not the one of Microsoft.Orleans.Clustering.AdoNet,
/// whose package ships no SQL (docs/scale-out.md):
/// <list type="bullet">
/// <item><see cref="VersionTable"/>: one row per cluster id, the table version Orleans reads and the counter that serves
/// as its ETag; every insert or update of a silo row bumps both in the same transaction.</item>
/// <item><see cref="SiloTable"/>: one row per silo (address with generation), the entry in Orleans' binary serialization,
/// its status and gateway port in columns for the gateway list, the heartbeat apart (<c>i_am_alive</c>, in ticks, so
/// that a heartbeat rewrites 8 bytes, not the entry) and a row version that serves as the row's ETag.</item>
/// </list>
/// </summary>
internal static class PostgresMembershipSchema
{
    /// <summary>Table version per cluster.</summary>
    public const string VersionTable = "neardup_membership_version";

    /// <summary>Silo rows per cluster.</summary>
    public const string SiloTable = "neardup_membership_silo";

    /// <summary>Creates the tables if they are missing; two processes racing to create them both succeed.</summary>
    public static async Task CreateAsync(NpgsqlDataSource dataSource)
    {
        string[] statements =
        [
            $"CREATE TABLE IF NOT EXISTS {VersionTable} (cluster_id text PRIMARY KEY, version integer NOT NULL, etag bigint NOT NULL)",
            $"CREATE TABLE IF NOT EXISTS {SiloTable} (cluster_id text NOT NULL, address text NOT NULL, status integer NOT NULL, "
                + "proxy_port integer NOT NULL, entry bytea NOT NULL, i_am_alive bigint NOT NULL, etag bigint NOT NULL, "
                + "PRIMARY KEY (cluster_id, address))",
        ];
        foreach (string sql in statements)
        {
            await using var command = dataSource.CreateCommand(sql);
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Another silo created it at the same moment: it exists, which is all that is needed.
            }
        }
    }
}

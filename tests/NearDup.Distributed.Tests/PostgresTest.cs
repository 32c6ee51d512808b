using NearDup.Distributed.Hosting;
using Npgsql;
using Orleans.TestingHost;

namespace NearDup.Distributed.Tests;

/// <summary>
/// The PostgreSQL the durability tests use: <c>NEARDUP_POSTGRES</c>, else the role and database <c>.ci/run</c> sets up on
/// loopback. Absent, the tests skip with the reason, except under <c>CI=true</c>, where they must run.
/// </summary>
internal static class PostgresTest
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("NEARDUP_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=neardup;Password=neardup;Database=neardup";

    public static async Task<string> ConnectionOrSkip()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            return ConnectionString;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            string reason = $"PostgreSQL is not reachable with '{ConnectionString}' ({e.Message}); .ci/run starts one, or set NEARDUP_POSTGRES.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(reason);
            }
            Assert.Skip(reason);
            throw;
        }
    }

    /// <summary>The membership rows of <paramref name="clusterId"/> (silo address with generation, status), by address.</summary>
    public static async Task<IReadOnlyList<(string Address, SiloStatus Status)>> MembershipRows(string connectionString, string clusterId)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"SELECT address, status FROM {PostgresMembershipSchema.SiloTable} WHERE cluster_id = $1 ORDER BY address");
        command.Parameters.Add(new() { Value = clusterId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, SiloStatus)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), (SiloStatus)reader.GetInt32(1)));
        }
        return rows;
    }

    /// <summary>Removes a test cluster's membership rows, so that test runs do not pile them up in a shared database.</summary>
    public static async Task DeleteMembership(string connectionString, string clusterId)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new($"DELETE FROM {PostgresMembershipSchema.SiloTable} WHERE cluster_id = $1") { Parameters = { new() { Value = clusterId } } });
        batch.BatchCommands.Add(new($"DELETE FROM {PostgresMembershipSchema.VersionTable} WHERE cluster_id = $1") { Parameters = { new() { Value = clusterId } } });
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>Three silos whose partitions are stored in PostgreSQL.</summary>
    public static async Task<InProcessTestCluster> StartCluster(string connectionString)
    {
        var builder = PatientMessaging.Apply(new InProcessTestClusterBuilder(3));
        builder.ConfigureSilo((_, silo) => silo.AddNearDupPostgresStorage(connectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

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

    /// <summary>Three silos whose partitions are stored in PostgreSQL.</summary>
    public static async Task<InProcessTestCluster> StartCluster(string connectionString)
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddNearDupPostgresStorage(connectionString));
        OrleansClusterFixture.PatientCalls(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

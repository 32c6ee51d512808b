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
            await Retried(async () =>
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                return true;
            });
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

    /// <summary>
    /// Runs <paramref name="call"/>, again while the server is out of connections (53300): the server is shared with other
    /// test classes running at once, and with other users, up to its max_connections.
    /// </summary>
    public static async Task<T> Retried<T>(Func<Task<T>> call)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.TooManyConnections && attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>A data source of at most <paramref name="maxPoolSize"/> connections, so that tests stay well under the server's limit.</summary>
    public static NpgsqlDataSource DataSource(string connectionString, int maxPoolSize = 2) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize });

    /// <summary>The membership rows of <paramref name="clusterId"/> (silo address with generation, status), by address.</summary>
    public static async Task<IReadOnlyList<(string Address, SiloStatus Status)>> MembershipRows(string connectionString, string clusterId)
    {
        await using var dataSource = DataSource(connectionString);
        return await Retried(async () =>
        {
            await using var command = dataSource.CreateCommand($"SELECT address, status FROM {PostgresMembershipSchema.SiloTable} WHERE cluster_id = $1 ORDER BY address");
            command.Parameters.Add(new() { Value = clusterId });
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<(string, SiloStatus)>();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), (SiloStatus)reader.GetInt32(1)));
            }
            return (IReadOnlyList<(string, SiloStatus)>)rows;
        });
    }

    /// <summary>Removes a test cluster's membership rows, so that test runs do not pile them up in a shared database.</summary>
    public static async Task DeleteMembership(string connectionString, string clusterId)
    {
        await using var dataSource = DataSource(connectionString);
        await Retried(async () =>
        {
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(new($"DELETE FROM {PostgresMembershipSchema.SiloTable} WHERE cluster_id = $1") { Parameters = { new() { Value = clusterId } } });
            batch.BatchCommands.Add(new($"DELETE FROM {PostgresMembershipSchema.VersionTable} WHERE cluster_id = $1") { Parameters = { new() { Value = clusterId } } });
            return await batch.ExecuteNonQueryAsync();
        });
    }

    /// <summary>Silos (three unless told) whose partitions are stored in PostgreSQL.</summary>
    public static async Task<InProcessTestCluster> StartCluster(string connectionString, short silos = 3)
    {
        var builder = PatientMessaging.Apply(new InProcessTestClusterBuilder(silos));
        builder.ConfigureSilo((_, silo) => silo.AddNearDupPostgresStorage(connectionString, PatientMessaging.ResponseTimeout));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Writes <paramref name="payload"/> as the stored state <paramref name="stateName"/> of grain <paramref name="grainId"/>, replacing any.</summary>
    public static async Task PutGrainState(string connectionString, string stateName, string grainId, byte[] payload)
    {
        await using var dataSource = DataSource(connectionString);
        await Retried(async () =>
        {
            await using var command = dataSource.CreateCommand($"INSERT INTO {PostgresGrainStorage.TableName} (state_name, grain_id, payload, version) "
                + "VALUES ($1, $2, $3, 1) ON CONFLICT (state_name, grain_id) DO UPDATE SET payload = $3, version = 1");
            command.Parameters.Add(new() { Value = stateName });
            command.Parameters.Add(new() { Value = grainId });
            command.Parameters.Add(new() { Value = payload });
            return await command.ExecuteNonQueryAsync();
        });
    }
}

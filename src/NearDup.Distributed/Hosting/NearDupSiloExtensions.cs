using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NearDup.Distributed.Grains;
using NearDup.Distributed.Partitions;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace NearDup.Distributed.Hosting;

/// <summary>Silo set-up for the partitioned index.</summary>
public static class NearDupSiloExtensions
{
    /// <summary>Connections a silo keeps open at most when the connection string does not say (Npgsql's default is 100).</summary>
    public const int DefaultMaxPoolSize = 10;

    /// <summary>Connections of a silo's or client's membership pool when the connection string does not say.</summary>
    public const int MembershipMaxPoolSize = 3;

    /// <summary>
    /// Stores the partitions' state in PostgreSQL (<see cref="PostgresPartitionLog"/> for their pieces,
    /// <see cref="PostgresGrainStorage"/> for the manifest, runs and whole tables of builds before pieces), and places
    /// the partitions round the silos (<see cref="PartitionPlacement"/>), through at most
    /// <see cref="DefaultMaxPoolSize"/> connections unless the connection string sets Maximum Pool Size: a silo's writes
    /// queue for a connection, and several silos and clients then stay under the server's max_connections (100 by default),
    /// which a shared test server ran out of with Npgsql's default of 100 per silo.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed; the message says why.</exception>
    /// <param name="builder">The silo.</param>
    /// <param name="connectionString">The database.</param>
    /// <param name="connectionWait">
    /// How long a read or write may wait for one of the pool's connections when the connection string sets no Timeout
    /// (Npgsql's 15 s when null): give the calls' response timeout. A silo started on a stored index activates its
    /// partitions at once, each reading its state, and at 100,000 documents on a loaded machine some waited past 15 s for
    /// a connection and failed their call, though the call itself could wait longer (docs/scale-out.md, "Cold start").
    /// </param>
    public static ISiloBuilder AddNearDupPostgresStorage(this ISiloBuilder builder, string connectionString, TimeSpan? connectionWait = null)
    {
        var dataSource = CreateDataSource(connectionString, DefaultMaxPoolSize, connectionWait);
        builder.Services.AddGrainStorage(PartitionStorage.Name,
            (services, _) => new PostgresGrainStorage(dataSource, services.GetRequiredService<Serializer>()));
        builder.Services.AddSingleton<IPartitionLog>(new PostgresPartitionLog(dataSource));
        builder.Services.AddPlacementDirector<PartitionPlacement, PartitionPlacementDirector>();
        return builder;
    }

    /// <summary>
    /// Keeps the partitions' state in memory: Orleans' memory grain storage and <paramref name="log"/>, which the silos
    /// of one process share (as the memory storage is shared), so that a partition moved to another silo finds its log;
    /// and places the partitions round the silos (<see cref="PartitionPlacement"/>).
    /// </summary>
    public static ISiloBuilder AddNearDupMemoryStorage(this ISiloBuilder builder, MemoryPartitionLog log)
    {
        builder.AddMemoryGrainStorage(PartitionStorage.Name);
        builder.Services.AddSingleton<IPartitionLog>(log);
        builder.Services.AddPlacementDirector<PartitionPlacement, PartitionPlacementDirector>();
        return builder;
    }

    /// <summary>
    /// Lets the silo read shards of input and add them (<see cref="NearDupClusterClient.AddShardsAsync"/>): registers
    /// <paramref name="reader"/>, which reads them, and the placement that spreads shards over the silos
    /// (<see cref="ShardPlacement"/>). Every silo of a cluster should call it: a shard placed on a silo without a reader fails with a message naming the silo.
    /// </summary>
    public static ISiloBuilder AddNearDupShardIngest(this ISiloBuilder builder, IShardReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        builder.Services.AddSingleton(reader);
        builder.Services.AddPlacementDirector<ShardPlacement, ShardPlacementDirector>();
        return builder;
    }

    /// <summary>
    /// Keeps the cluster's membership in PostgreSQL (<see cref="PostgresMembershipTable"/>, for the cluster id of
    /// <see cref="ClusterOptions"/>), so that any silo can start first and the silos declare a dead one dead without a
    /// silo holding the table. Its own pool of <see cref="MembershipMaxPoolSize"/> connections: heartbeats and votes do not
    /// queue behind the partitions' state writes, which under load would get a live silo suspected.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed; the message says why.</exception>
    public static ISiloBuilder UseNearDupPostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        var dataSource = CreateDataSource(connectionString, MembershipMaxPoolSize);
        builder.Services.AddSingleton<IMembershipTable>(services => new PostgresMembershipTable(dataSource,
            services.GetRequiredService<Serializer>(), services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
        return builder;
    }

    /// <summary>A data source whose pool is <paramref name="defaultMaxPoolSize"/> unless the connection string sets one.</summary>
    internal static NpgsqlDataSource CreateDataSource(string connectionString, int defaultMaxPoolSize, TimeSpan? connectionWait = null) =>
        NpgsqlDataSource.Create(Settings(connectionString, defaultMaxPoolSize, connectionWait));

    /// <summary>
    /// <paramref name="connectionString"/>'s settings, with a pool of <paramref name="defaultMaxPoolSize"/> and a wait for a
    /// connection of <paramref name="connectionWait"/> (Npgsql's Timeout: 15 s to its maximum of 1,024 s) where it sets none.
    /// </summary>
    internal static NpgsqlConnectionStringBuilder Settings(string connectionString, int defaultMaxPoolSize, TimeSpan? connectionWait)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        string keys = connectionString.Replace(" ", "", StringComparison.Ordinal);
        if (!keys.Contains("maxpoolsize", StringComparison.OrdinalIgnoreCase) && !keys.Contains("maximumpoolsize", StringComparison.OrdinalIgnoreCase))
        {
            settings.MaxPoolSize = defaultMaxPoolSize;
        }
        if (connectionWait is { } wait && !new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey("Timeout"))
        {
            settings.Timeout = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 15, 1024);
        }
        return settings;
    }
}

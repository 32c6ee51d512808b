using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NearDup.Distributed.Grains;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace NearDup.Distributed.Hosting;

/// <summary>Silo set-up for the partitioned index.</summary>
public static class NearDupSiloExtensions
{
    /// <summary>Connections a silo keeps open at most when the connection string does not say (Npgsql's default is 100).</summary>
    public const int DefaultMaxPoolSize = 10;

    /// <summary>
    /// Stores the partitions' state in PostgreSQL (<see cref="PostgresGrainStorage"/>), through at most
    /// <see cref="DefaultMaxPoolSize"/> connections unless the connection string sets Maximum Pool Size: a silo's writes
    /// queue for a connection, and several silos and clients then stay under the server's max_connections (100 by default),
    /// which a shared test server ran out of with Npgsql's default of 100 per silo.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed; the message says why.</exception>
    public static ISiloBuilder AddNearDupPostgresStorage(this ISiloBuilder builder, string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        string keys = connectionString.Replace(" ", "", StringComparison.Ordinal);
        if (!keys.Contains("maxpoolsize", StringComparison.OrdinalIgnoreCase) && !keys.Contains("maximumpoolsize", StringComparison.OrdinalIgnoreCase))
        {
            settings.MaxPoolSize = DefaultMaxPoolSize;
        }
        var dataSource = NpgsqlDataSource.Create(settings);
        builder.Services.AddGrainStorage(PartitionGrain<object>.StorageName,
            (services, _) => new PostgresGrainStorage(dataSource, services.GetRequiredService<Serializer>()));
        return builder;
    }
}

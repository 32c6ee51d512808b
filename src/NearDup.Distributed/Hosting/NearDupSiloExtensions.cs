using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NearDup.Distributed.Grains;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace NearDup.Distributed.Hosting;

/// <summary>Silo set-up for the partitioned index.</summary>
public static class NearDupSiloExtensions
{
    /// <summary>Stores the partitions' state in PostgreSQL (<see cref="PostgresGrainStorage"/>).</summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed; the message says why.</exception>
    public static ISiloBuilder AddNearDupPostgresStorage(this ISiloBuilder builder, string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        builder.Services.AddGrainStorage(PartitionGrain<object>.StorageName,
            (services, _) => new PostgresGrainStorage(dataSource, services.GetRequiredService<Serializer>()));
        return builder;
    }
}

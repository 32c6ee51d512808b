using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Serialization;

namespace NearDup.Distributed.Hosting;

/// <summary>Client set-up for the partitioned index.</summary>
public static class NearDupClientExtensions
{
    /// <summary>
    /// Finds the gateways in the membership PostgreSQL keeps (<see cref="PostgresGatewayListProvider"/>, for the cluster id
    /// of <see cref="ClusterOptions"/>) instead of a fixed list of addresses.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed; the message says why.</exception>
    public static IClientBuilder UseNearDupPostgresClustering(this IClientBuilder builder, string connectionString)
    {
        var dataSource = NearDupSiloExtensions.CreateDataSource(connectionString, NearDupSiloExtensions.MembershipMaxPoolSize);
        builder.Services.AddSingleton<IGatewayListProvider>(services => new PostgresGatewayListProvider(dataSource,
            services.GetRequiredService<Serializer>(), services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace NearDup.Distributed.Hosting;

/// <summary>An Orleans client of the silos <c>neardup remote --cluster</c> names: by gateway addresses, or by the database.</summary>
public sealed class RemoteConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private RemoteConnection(IHost host) => _host = host;

    /// <summary>The grain factory of the connection.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>
    /// Connects to cluster <paramref name="clusterId"/> through <paramref name="gateways"/>; calls fail after
    /// <paramref name="responseTimeout"/> (default <see cref="ServeSettings.DefaultResponseTimeout"/>).
    /// </summary>
    public static Task<RemoteConnection> ConnectAsync(IPEndPoint[] gateways, string clusterId = ServeSettings.DefaultClusterId,
        TimeSpan? responseTimeout = null, CancellationToken cancellationToken = default) =>
        StartAsync(client => client.UseStaticClustering(gateways), clusterId, responseTimeout, cancellationToken);

    /// <summary>
    /// Connects to cluster <paramref name="clusterId"/> through the gateways its membership in PostgreSQL lists
    /// (<see cref="PostgresGatewayListProvider"/>); calls fail after <paramref name="responseTimeout"/> (default
    /// <see cref="ServeSettings.DefaultResponseTimeout"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed.</exception>
    public static Task<RemoteConnection> ConnectAsync(string postgresConnection, string clusterId = ServeSettings.DefaultClusterId,
        TimeSpan? responseTimeout = null, CancellationToken cancellationToken = default) =>
        StartAsync(client => client.UseNearDupPostgresClustering(postgresConnection), clusterId, responseTimeout, cancellationToken);

    private static async Task<RemoteConnection> StartAsync(Action<IClientBuilder> clustering, string clusterId, TimeSpan? responseTimeout,
        CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, ServeSettings.ServiceId));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout ?? ServeSettings.DefaultResponseTimeout);
            clustering(client);
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new RemoteConnection(host);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace NearDup.Distributed.Hosting;

/// <summary>An Orleans client of the silos behind the gateways <c>neardup remote --cluster</c> names.</summary>
public sealed class RemoteConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private RemoteConnection(IHost host) => _host = host;

    /// <summary>The grain factory of the connection.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects to the cluster through <paramref name="gateways"/>.</summary>
    public static async Task<RemoteConnection> ConnectAsync(IPEndPoint[] gateways, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ServeSettings.ClusterId, ServeSettings.ClusterId));
            client.UseStaticClustering(gateways);
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

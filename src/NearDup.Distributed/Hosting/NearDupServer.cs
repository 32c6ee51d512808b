using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace NearDup.Distributed.Hosting;

/// <summary>
/// <c>neardup serve</c>: a silo holding partitions of the index (stored in PostgreSQL), and a JSON API on loopback
/// (<see cref="HttpApi"/>). Membership is in the same database (<see cref="PostgresMembershipTable"/>): silos may start in
/// any order, and any of them may die.
/// </summary>
public static class NearDupServer
{
    /// <summary>
    /// Runs the silo and its API until <paramref name="stopping"/> is cancelled or the host is told to stop (Ctrl-C,
    /// SIGTERM); the index is created (or opened, if it exists with the same settings) as soon as the silo is up.
    /// </summary>
    /// <param name="settings">What to serve.</param>
    /// <param name="started">Called with the index's client once it is open.</param>
    /// <param name="stopping">Stops the silo.</param>
    public static async Task RunAsync(ServeSettings settings, Action<NearDupClusterClient>? started = null, CancellationToken stopping = default)
    {
        // Started before the silo so that its first message is counted.
        using var traffic = MessageTraffic.Start();
        var app = Build(settings, traffic, out var index);
        await app.StartAsync(stopping);
        try
        {
            var client = await NearDupClusterClient.CreateAsync(app.Services.GetRequiredService<IGrainFactory>(), settings.IndexName, settings.Partitions, settings.Options);
            await WarmUpAsync(client, stopping);
            index.SetResult(client);
            started?.Invoke(client);
            await app.WaitForShutdownAsync(stopping);
        }
        catch (Exception e)
        {
            index.TrySetException(e);
            throw;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            app.Dispose();
        }
    }

    /// <summary>
    /// Activates the index's partitions before the silo reports itself serving (<see cref="NearDupClusterClient.WarmUpAsync"/>):
    /// on a stored index, the first batch run after a restart otherwise activated every partition at once and failed
    /// (docs/scale-out.md, "Cold start"). A failure here is reported, not fatal: those partitions load on their first call.
    /// </summary>
    private static async Task WarmUpAsync(NearDupClusterClient client, CancellationToken stopping)
    {
        client.CallRetried += message => Console.Error.WriteLine($"warning: {message}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            int loaded = await client.WarmUpAsync(stopping);
            Console.Error.WriteLine($"{loaded} partitions of index '{client.IndexName}' loaded in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException && !stopping.IsCancellationRequested)
        {
            Console.Error.WriteLine($"warning: the partitions of index '{client.IndexName}' were not all loaded ({e.Message.Split('\n', 2)[0]}); they load on their first call");
        }
    }

    private static IHost Build(ServeSettings settings, MessageTraffic traffic, out TaskCompletionSource<NearDupClusterClient> index)
    {
        index = new TaskCompletionSource<NearDupClusterClient>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (settings.HttpPort == 0)
        {
            var plain = Host.CreateApplicationBuilder();
            Configure(plain, settings);
            return plain.Build();
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.HttpPort));
        Configure(builder, settings);
        HttpApi.AddServices(builder.Services);
        var app = builder.Build();
        HttpApi.Map(app, index.Task, traffic);
        return app;
    }

    private static void Configure(IHostApplicationBuilder builder, ServeSettings settings)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The watchdog reports a stalled thread when the machine is starved (several builds on 2 cores): noise here.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, ServeSettings.ServiceId));
            silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = settings.ResponseTimeout);
            // A partition's activation reads its table and replays its log: at 100,000 documents on a loaded machine that
            // outlasted Orleans' activation timeout, which cancelled it and failed the call (docs/scale-out.md, "Cold
            // start"). It may take as long as a call may.
            silo.Configure<GrainCollectionOptions>(o => o.ActivationTimeout = settings.ResponseTimeout);
            silo.UseNearDupPostgresClustering(settings.PostgresConnection);
            silo.AddNearDupPostgresStorage(settings.PostgresConnection, settings.ResponseTimeout);
            if (settings.ShardReader is { } reader)
            {
                silo.AddNearDupShardIngest(reader);
            }
        });
    }
}

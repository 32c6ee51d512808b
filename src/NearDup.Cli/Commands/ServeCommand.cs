using System.CommandLine;
using System.Net;
using NearDup.Cli.Input;
using NearDup.Distributed.Hosting;
using Npgsql;

namespace NearDup.Cli.Commands;

/// <summary>
/// <c>neardup serve --postgres CONN</c>: one silo of the partitioned index, with its JSON API on loopback, until Ctrl-C
/// or SIGTERM. Silos find each other through the membership table in the same database, so they start in any order.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var postgres = new Option<string>("--postgres") { Description = "PostgreSQL connection string where the partitions and the cluster's membership are stored", Required = true };
        var index = new Option<string>("--index") { Description = "The index the API serves (created if new)", DefaultValueFactory = _ => "default" };
        var partitions = new Option<int>("--partitions") { Description = "Partitions of each kind, for a new index (fixed once created)", DefaultValueFactory = _ => 16 };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port on 127.0.0.1", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway port on 127.0.0.1 (what remote --cluster names)", DefaultValueFactory = _ => 30000 };
        var httpPort = new Option<int>("--http-port") { Description = "JSON API port on 127.0.0.1; 0 for none", DefaultValueFactory = _ => 5080 };
        var clusterId = new Option<string>("--cluster-id")
        {
            Description = "The cluster this silo joins (its membership rows in PostgreSQL); remote commands give the same",
            DefaultValueFactory = _ => ServeSettings.DefaultClusterId,
        };
        var timeout = ResponseTimeoutOption();
        var command = new Command("serve", "Run a silo of the partitioned index (PostgreSQL storage) with a JSON API on loopback.")
        {
            postgres, index, partitions, siloPort, gatewayPort, httpPort, clusterId, timeout,
        };
        // The index's options, fixed when it is created: a remote client with other ones is refused.
        var common = new CommonOptions();
        common.AddEngineOptions(command);
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            var settings = new ServeSettings(CheckConnection("--postgres", parseResult.GetValue(postgres)!), CheckIndex("--index", parseResult.GetValue(index)!),
                Check("--partitions", parseResult.GetValue(partitions), 1, 1 << 16), Check("--silo-port", parseResult.GetValue(siloPort), 1, 65535),
                Check("--gateway-port", parseResult.GetValue(gatewayPort), 1, 65535), Check("--http-port", parseResult.GetValue(httpPort), 0, 65535),
                common.GetEngineOptions(parseResult), CheckIndex("--cluster-id", parseResult.GetValue(clusterId)!))
            {
                ResponseTimeout = CheckTimeout("--response-timeout", parseResult.GetValue(timeout)),
                // remote add --at-silos: shards read with the loader neardup cluster reads with.
                ShardReader = new Input.DocumentShardReader(),
            };
            try
            {
                NearDupServer.RunAsync(settings, client => Console.Error.WriteLine(
                    $"serving index '{client.IndexName}' ({client.Partitions} partitions of each kind): silo 127.0.0.1:{settings.SiloPort}, "
                    + $"gateway 127.0.0.1:{settings.GatewayPort}" + (settings.HttpPort > 0 ? $", API http://127.0.0.1:{settings.HttpPort}/" : ""))).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException e)
            {
                throw new InputException($"--index {settings.IndexName}: {e.Message}");
            }
            catch (NpgsqlException e)
            {
                Console.Error.WriteLine($"error: --postgres: PostgreSQL refused or did not answer ({e.Message}).");
                return 1;
            }
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// <c>--response-timeout</c>, which serve and every remote command take: how long a grain call may take. Orleans'
    /// 30 s is the default; a merge of a large partition writes its whole table within one call, and on a loaded machine
    /// that took longer (docs/scale-out.md, 100,000 documents).
    /// </summary>
    public static Option<int> ResponseTimeoutOption() => new("--response-timeout")
    {
        Description = "Seconds a call to a partition may take before it fails (a merge of a large partition writes its whole table in one call)",
        DefaultValueFactory = _ => (int)ServeSettings.DefaultResponseTimeout.TotalSeconds,
    };

    /// <summary>Checks <c>--response-timeout</c>: 1 s to a day.</summary>
    public static TimeSpan CheckTimeout(string option, int seconds) => TimeSpan.FromSeconds(Check(option, seconds, 1, 86_400));

    /// <summary>Parses <c>HOST:PORT</c> (an IP address; a name is resolved) or returns null for none.</summary>
    public static IPEndPoint? ParseEndpoint(string option, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (IPEndPoint.TryParse(value, out var endpoint) && endpoint.Port > 0)
        {
            return endpoint;
        }
        int colon = value.LastIndexOf(':');
        if (colon > 0 && int.TryParse(value[(colon + 1)..], out int port) && port is > 0 and <= 65535)
        {
            try
            {
                return new IPEndPoint(Dns.GetHostAddresses(value[..colon])[0], port);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new InputException($"{option} {value}: cannot resolve {value[..colon]} ({e.Message}).");
            }
        }
        throw new InputException($"{option} must be HOST:PORT, e.g. 127.0.0.1:11111; got '{value}'.");
    }

    /// <summary>An index name or cluster id: letters, digits, '-', '_' and '.', as it becomes part of grain keys and table rows.</summary>
    public static string CheckIndex(string option, string name)
    {
        if (name.Length is 0 or > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new InputException($"{option} must be 1 to 100 letters, digits, '-', '_' or '.'; got '{name}'.");
        }
        return name;
    }

    /// <summary>Checks that <paramref name="connection"/> parses as a PostgreSQL connection string.</summary>
    public static string CheckConnection(string option, string connection)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connection);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{option} is not a PostgreSQL connection string ({e.Message}); e.g. \"Host=127.0.0.1;Username=neardup;Password=…;Database=neardup\".");
        }
        return connection;
    }

    private static int Check(string option, int value, int min, int max) =>
        value >= min && value <= max ? value : throw new InputException($"{option} must be from {min} to {max}; got {value}.");
}

using System.Net;
using NearDup.Distributed.Hosting;

namespace NearDup.Cli.Commands;

/// <summary>
/// What <c>remote --cluster</c> names: gateway addresses (<c>HOST:PORT[,…]</c>), or a PostgreSQL connection string (it has
/// an '=') whose membership table lists the gateways.
/// </summary>
internal sealed record ClusterTarget(IPEndPoint[]? Gateways, string? Postgres, string ClusterId, TimeSpan ResponseTimeout)
{
    public static ClusterTarget Parse(string value, string clusterId, TimeSpan responseTimeout)
    {
        if (value.Contains('=', StringComparison.Ordinal))
        {
            return new ClusterTarget(null, ServeCommand.CheckConnection("--cluster", value), clusterId, responseTimeout);
        }
        IPEndPoint[] gateways = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => ServeCommand.ParseEndpoint("--cluster", v)!)];
        return gateways.Length > 0 ? new ClusterTarget(gateways, null, clusterId, responseTimeout)
            : throw new Input.InputException("--cluster must name gateways HOST:PORT[,HOST:PORT…] or a PostgreSQL connection string; got nothing.");
    }

    public Task<RemoteConnection> ConnectAsync() =>
        Gateways is not null ? RemoteConnection.ConnectAsync(Gateways, ClusterId, ResponseTimeout) : RemoteConnection.ConnectAsync(Postgres!, ClusterId, ResponseTimeout);

    /// <summary>The gateways, or the database's host and name (never the password).</summary>
    public override string ToString()
    {
        if (Gateways is not null)
        {
            return string.Join(',', Gateways.Select(g => g.ToString()));
        }
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(Postgres);
        return $"(PostgreSQL {settings.Host}:{settings.Port}/{settings.Database})";
    }
}

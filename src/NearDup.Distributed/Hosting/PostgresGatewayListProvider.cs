using System.Buffers;
using Npgsql;
using Orleans.Messaging;
using Orleans.Serialization;
using static NearDup.Distributed.Hosting.PostgresMembershipSchema;

namespace NearDup.Distributed.Hosting;

/// <summary>
/// The gateways a client may connect to, read from <see cref="PostgresMembershipTable"/>'s rows: the active silos with a
/// gateway port, at that port. A client then needs the database, not a list of addresses that goes stale as silos move.
/// </summary>
public sealed class PostgresGatewayListProvider : IGatewayListProvider
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly Serializer _serializer;
    private readonly string _clusterId;

    /// <summary>The gateways of <paramref name="clusterId"/> in the database of <paramref name="dataSource"/>.</summary>
    public PostgresGatewayListProvider(NpgsqlDataSource dataSource, Serializer serializer, string clusterId)
    {
        _dataSource = dataSource;
        _serializer = serializer;
        _clusterId = clusterId;
    }

    /// <summary>How often the client reads the list again (Orleans' default refresh period for gateway lists).</summary>
    public TimeSpan MaxStaleness => TimeSpan.FromMinutes(1);

    /// <inheritdoc/>
    [Obsolete("Orleans no longer reads it: every provider is considered updatable.")]
    public bool IsUpdatable => true;

    /// <inheritdoc/>
    public Task InitializeGatewayListProvider() => PostgresCall.Reported("membership", () => CreateAsync(_dataSource));

    /// <inheritdoc/>
    public Task<IList<Uri>> GetGateways() => PostgresCall.Reported("membership", async () =>
    {
        await using var command = _dataSource.CreateCommand($"SELECT entry FROM {SiloTable} WHERE cluster_id = $1 AND status = $2 AND proxy_port > 0");
        command.Parameters.Add(new() { Value = _clusterId });
        command.Parameters.Add(new() { Value = (int)SiloStatus.Active });
        await using var reader = await command.ExecuteReaderAsync();
        var gateways = new List<Uri>();
        while (await reader.ReadAsync())
        {
            var entry = _serializer.Deserialize<MembershipEntry>(new ReadOnlySequence<byte>((byte[])reader[0]))
                ?? throw new InvalidDataException($"{SiloTable}: an empty entry in cluster '{_clusterId}'.");
            var silo = entry.SiloAddress;
            gateways.Add(SiloAddress.New(new System.Net.IPEndPoint(silo.Endpoint.Address, entry.ProxyPort), silo.Generation).ToGatewayUri());
        }
        return (IList<Uri>)gateways;
    });
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Hosting;
using Npgsql;
using Orleans.Serialization;

namespace NearDup.Distributed.Tests;

/// <summary>
/// <see cref="PostgresMembershipTable"/> and <see cref="PostgresGatewayListProvider"/> against the real PostgreSQL, each
/// test under a fresh cluster id: Orleans' membership contract (version and row ETags, atomic insert and update, the
/// heartbeat apart), including stale ETags and racing writers.
/// </summary>
public sealed class PostgresMembershipTableTests : IAsyncDisposable
{
    private static readonly Serializer s_serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private static int s_port = 40_000;

    private readonly string _clusterId = "mt-" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource? _dataSource;

    private async Task<PostgresMembershipTable> Table(string? clusterId = null)
    {
        // Few connections: the racing tests still interleave transactions, and the shared server keeps slots for others.
        _dataSource ??= PostgresTest.DataSource(await PostgresTest.ConnectionOrSkip(), maxPoolSize: 4);
        var table = new PostgresMembershipTable(_dataSource, s_serializer, clusterId ?? _clusterId);
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        return table;
    }

    private static MembershipEntry Entry(SiloStatus status = SiloStatus.Joining, int proxyPort = 30_000, DateTime? alive = null)
    {
        var now = alive ?? DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, Interlocked.Increment(ref s_port)), 7),
            Status = status,
            ProxyPort = proxyPort,
            HostName = "host",
            SiloName = "silo",
            RoleName = "role",
            StartTime = now,
            IAmAliveTime = now,
            SuspectTimes = [],
        };
    }

    [Fact]
    public async Task ReadAll_NewCluster_EmptyAtVersionZero()
    {
        var data = await (await Table()).ReadAll();
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.NotNull(data.Version.VersionEtag);
    }

    [Fact]
    public async Task InsertRow_RoundTripsTheEntry_AndRefusesDuplicatesAndStaleVersions()
    {
        var table = await Table();
        var entry = Entry();
        entry.SuspectTimes = [Tuple.Create(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 9), 3), new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc))];
        var start = (await table.ReadAll()).Version;
        Assert.True(await table.InsertRow(entry, start.Next()));

        var after = await table.ReadRow(entry.SiloAddress);
        Assert.Equal(entry.ToFullString(), Assert.Single(after.Members).Item1.ToFullString());
        Assert.Equal(1, after.Version.Version);
        Assert.NotEqual(start.VersionEtag, after.Version.VersionEtag);

        // The same silo again (current version), and a new silo against the version read before the insert: refused,
        // and neither changes the table.
        Assert.False(await table.InsertRow(entry, after.Version.Next()));
        Assert.False(await table.InsertRow(Entry(), start.Next()));
        var all = await table.ReadAll();
        Assert.Single(all.Members);
        Assert.Equal(after.Version, all.Version);
    }

    [Fact]
    public async Task ReadRow_UnknownSilo_NoMembersButTheVersion()
    {
        var table = await Table();
        Assert.True(await table.InsertRow(Entry(), (await table.ReadAll()).Version.Next()));
        var data = await table.ReadRow(Entry().SiloAddress);
        Assert.Empty(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_StaleRowOrTableEtag_FalseAndNothingChanged()
    {
        var table = await Table();
        var entry = Entry();
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var read = await table.ReadAll();
        string etag = read.Members[0].Item2;

        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRow(entry, etag, read.Version.Next()));
        var updated = await table.ReadAll();
        Assert.Equal(SiloStatus.Active, updated.Members[0].Item1.Status);
        Assert.NotEqual(etag, updated.Members[0].Item2);
        Assert.Equal(2, updated.Version.Version);

        entry.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRow(entry, etag, updated.Version.Next()));                  // stale row ETag
        Assert.False(await table.UpdateRow(entry, updated.Members[0].Item2, read.Version.Next()));  // stale table ETag
        Assert.False(await table.UpdateRow(Entry(), updated.Members[0].Item2, updated.Version.Next())); // no such row
        Assert.False(await table.UpdateRow(entry, "not-a-number", updated.Version.Next()));
        var unchanged = await table.ReadAll();
        Assert.Equal(SiloStatus.Active, unchanged.Members[0].Item1.Status);
        Assert.Equal(updated.Version, unchanged.Version);
        Assert.Equal(updated.Members[0].Item2, unchanged.Members[0].Item2);
    }

    [Fact]
    public async Task UpdateIAmAlive_WritesTheHeartbeatOnly_EarlierReadsStillUpdate()
    {
        var table = await Table();
        var entry = Entry(SiloStatus.Active);
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var read = await table.ReadAll();

        var beat = new DateTime(2030, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234567);
        var heartbeat = Entry(SiloStatus.Dead);
        heartbeat.SiloAddress = entry.SiloAddress;
        heartbeat.IAmAliveTime = beat;
        await table.UpdateIAmAlive(heartbeat);
        var after = await table.ReadAll();
        Assert.Equal(beat, after.Members[0].Item1.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, after.Members[0].Item1.Status); // the rest of the entry is not the heartbeat's
        Assert.Equal(read.Version, after.Version);
        Assert.Equal(read.Members[0].Item2, after.Members[0].Item2);

        entry.Status = SiloStatus.ShuttingDown;
        entry.IAmAliveTime = beat;
        Assert.True(await table.UpdateRow(entry, read.Members[0].Item2, read.Version.Next()));
    }

    [Fact]
    public async Task UpdateRow_RacingWritersFromOneRead_ExactlyOneWins()
    {
        var table = await Table();
        var entry = Entry();
        Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        var read = await table.ReadAll();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
        {
            var mine = Entry();
            mine.SiloAddress = entry.SiloAddress;
            mine.SiloName = $"writer-{i}";
            return table.UpdateRow(mine, read.Members[0].Item2, read.Version.Next());
        })));
        Assert.Single(results, ok => ok);
        var after = await table.ReadAll();
        Assert.Equal($"writer-{Array.IndexOf(results, true)}", after.Members[0].Item1.SiloName);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task InsertRow_RacingSilosRetryingOnStaleVersions_EveryOneInOnce()
    {
        var table = await Table();
        const int silos = 12;
        var attempts = await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => Task.Run(async () =>
        {
            var entry = Entry();
            for (int attempt = 1; ; attempt++)
            {
                if (await table.InsertRow(entry, (await table.ReadAll()).Version.Next()))
                {
                    return attempt;
                }
            }
        })));
        var after = await table.ReadAll();
        Assert.Equal(silos, after.Members.Count);
        Assert.Equal(silos, after.Version.Version); // each success bumped it once, each failure not at all
        Assert.Equal(silos, after.Members.Select(m => m.Item1.SiloAddress).Distinct().Count());
        Assert.True(attempts.Sum() >= silos);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesOldRowsOfSilosNotActive()
    {
        var table = await Table();
        var old = DateTime.UtcNow.AddHours(-2);
        var oldDead = Entry(SiloStatus.Dead, alive: old);
        var oldActive = Entry(SiloStatus.Active, alive: old);
        var recentDead = Entry(SiloStatus.Dead);
        var oldDeadRecentlyVoted = Entry(SiloStatus.Dead, alive: old);
        oldDeadRecentlyVoted.SuspectTimes = [Tuple.Create(oldActive.SiloAddress, DateTime.UtcNow)];
        foreach (var entry in new[] { oldDead, oldActive, recentDead, oldDeadRecentlyVoted })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }
        await table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddHours(-1));
        var left = (await table.ReadAll()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal([oldActive.SiloAddress, recentDead.SiloAddress, oldDeadRecentlyVoted.SiloAddress], left.OrderBy(a => a.Endpoint.Port));
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_OnlyThatCluster()
    {
        var table = await Table();
        var other = await Table(_clusterId + "-other");
        Assert.True(await table.InsertRow(Entry(), (await table.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(Entry(), (await other.ReadAll()).Version.Next()));
        await table.DeleteMembershipTableEntries(_clusterId);
        var gone = await table.ReadAll();
        Assert.Empty(gone.Members);
        Assert.Equal(0, gone.Version.Version);
        Assert.Single((await other.ReadAll()).Members);
        await other.DeleteMembershipTableEntries(_clusterId + "-other");
    }

    [Fact]
    public async Task GetGateways_ActiveSilosWithAGatewayPort_AtThatPort()
    {
        var table = await Table();
        var active = Entry(SiloStatus.Active, proxyPort: 31_001);
        var noGateway = Entry(SiloStatus.Active, proxyPort: 0);
        var dead = Entry(SiloStatus.Dead, proxyPort: 31_002);
        var joining = Entry(SiloStatus.Joining, proxyPort: 31_003);
        foreach (var entry in new[] { active, noGateway, dead, joining })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }
        var gateways = new PostgresGatewayListProvider(_dataSource!, s_serializer, _clusterId);
        await gateways.InitializeGatewayListProvider();
        Assert.Equal([new Uri("gwy.tcp://127.0.0.1:31001/7")], await gateways.GetGateways());
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await new PostgresMembershipTable(_dataSource, s_serializer, _clusterId).DeleteMembershipTableEntries(_clusterId);
            await _dataSource.DisposeAsync();
        }
    }
}

using System.Buffers;
using System.Globalization;
using Npgsql;
using Orleans.Serialization;
using static NearDup.Distributed.Hosting.PostgresMembershipSchema;

namespace NearDup.Distributed.Hosting;

/// <summary>
/// Orleans cluster membership in PostgreSQL (<see cref="PostgresMembershipSchema"/>), so that any silo can start first and
/// a dead silo is declared dead by the others, with no silo holding the table. The contract is Orleans'
/// <see cref="IMembershipTable"/>: an insert or update succeeds only against the current table ETag (and, for an update,
/// the row's ETag), and changes the row and the table version together or not at all. Both run in one transaction whose
/// first statement is a conditional update of the version row: it locks that row, so a concurrent writer waits and then
/// finds the ETag changed (no rows), and this one returns false after rolling back.
/// </summary>
public sealed class PostgresMembershipTable : IMembershipTable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly Serializer _serializer;
    private readonly string _clusterId;

    /// <summary>The membership of <paramref name="clusterId"/> in the database of <paramref name="dataSource"/>.</summary>
    public PostgresMembershipTable(NpgsqlDataSource dataSource, Serializer serializer, string clusterId)
    {
        _dataSource = dataSource;
        _serializer = serializer;
        _clusterId = clusterId;
    }

    /// <inheritdoc/>
    public Task InitializeMembershipTable(bool tryInitTableVersion) => PostgresCall.Reported("membership", async () =>
    {
        await CreateAsync(_dataSource);
        if (tryInitTableVersion)
        {
            await using var command = _dataSource.CreateCommand($"INSERT INTO {VersionTable} (cluster_id, version, etag) VALUES ($1, 0, 0) ON CONFLICT DO NOTHING");
            command.Parameters.Add(new() { Value = _clusterId });
            await command.ExecuteNonQueryAsync();
        }
    });

    /// <inheritdoc/>
    public Task DeleteMembershipTableEntries(string clusterId) => PostgresCall.Reported("membership", async () =>
    {
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new($"DELETE FROM {SiloTable} WHERE cluster_id = $1") { Parameters = { new() { Value = clusterId } } });
        batch.BatchCommands.Add(new($"DELETE FROM {VersionTable} WHERE cluster_id = $1") { Parameters = { new() { Value = clusterId } } });
        await batch.ExecuteNonQueryAsync();
    });

    /// <summary>
    /// Deletes the rows of silos not active whose last heartbeat or suspicion is before <paramref name="beforeDate"/>;
    /// the table version stays, as no live silo's view depends on such a row.
    /// </summary>
    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => PostgresCall.Reported("membership", async () =>
    {
        var defunct = (await ReadAsync(null)).Members
            .Where(m => m.Item1.Status != SiloStatus.Active && LastUpdate(m.Item1) < beforeDate.UtcDateTime)
            .Select(m => m.Item1.SiloAddress.ToParsableString())
            .ToArray();
        if (defunct.Length == 0)
        {
            return;
        }
        await using var command = _dataSource.CreateCommand($"DELETE FROM {SiloTable} WHERE cluster_id = $1 AND address = ANY($2)");
        command.Parameters.Add(new() { Value = _clusterId });
        command.Parameters.Add(new() { Value = defunct });
        await command.ExecuteNonQueryAsync();
    });

    /// <summary>When a silo last started, reported alive or was voted against: a recently declared death stays visible.</summary>
    private static DateTime LastUpdate(MembershipEntry entry)
    {
        var last = entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;
        foreach (var (_, voted) in entry.SuspectTimes ?? [])
        {
            last = voted > last ? voted : last;
        }
        return last;
    }

    /// <inheritdoc/>
    public Task<MembershipTableData> ReadRow(SiloAddress key) => PostgresCall.Reported("membership", () => ReadAsync(key));

    /// <inheritdoc/>
    public Task<MembershipTableData> ReadAll() => PostgresCall.Reported("membership", () => ReadAsync(null));

    /// <inheritdoc/>
    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => PostgresCall.Reported("membership", () =>
        ChangeAsync(tableVersion, $"INSERT INTO {SiloTable} (cluster_id, address, status, proxy_port, entry, i_am_alive, etag) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING", entry, rowEtag: 0));

    /// <inheritdoc/>
    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => PostgresCall.Reported("membership", () =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out long rowEtag)
            ? ChangeAsync(tableVersion, $"UPDATE {SiloTable} SET status = $3, proxy_port = $4, entry = $5, i_am_alive = $6, etag = etag + 1 "
                + "WHERE cluster_id = $1 AND address = $2 AND etag = $7", entry, rowEtag)
            : Task.FromResult(false));

    /// <summary>
    /// Writes the heartbeat only: the entry, the row's ETag and the table version stay, so that a silo's heartbeat does not
    /// make another silo's read stale (the contract asks that a row and version read before a heartbeat still update).
    /// </summary>
    public Task UpdateIAmAlive(MembershipEntry entry) => PostgresCall.Reported("membership", async () =>
    {
        await using var command = _dataSource.CreateCommand($"UPDATE {SiloTable} SET i_am_alive = $3 WHERE cluster_id = $1 AND address = $2");
        command.Parameters.Add(new() { Value = _clusterId });
        command.Parameters.Add(new() { Value = entry.SiloAddress.ToParsableString() });
        command.Parameters.Add(new() { Value = entry.IAmAliveTime.Ticks });
        await command.ExecuteNonQueryAsync();
    });

    /// <summary>
    /// Bumps the table version from the ETag <paramref name="tableVersion"/> was read with, then runs <paramref name="rowSql"/>
    /// on the silo's row; commits only if both changed one row. Parameters of the row statement: $1 cluster, $2 address,
    /// $3 status, $4 gateway port, $5 entry, $6 heartbeat ticks, $7 the row's expected ETag.
    /// </summary>
    private async Task<bool> ChangeAsync(TableVersion tableVersion, string rowSql, MembershipEntry entry, long rowEtag)
    {
        if (!long.TryParse(tableVersion.VersionEtag, NumberStyles.None, CultureInfo.InvariantCulture, out long tableEtag))
        {
            return false;
        }
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var version = new NpgsqlCommand($"UPDATE {VersionTable} SET version = $2, etag = etag + 1 WHERE cluster_id = $1 AND etag = $3", connection, transaction))
        {
            version.Parameters.Add(new() { Value = _clusterId });
            version.Parameters.Add(new() { Value = tableVersion.Version });
            version.Parameters.Add(new() { Value = tableEtag });
            if (await version.ExecuteNonQueryAsync() != 1)
            {
                return false; // disposing the transaction rolls it back
            }
        }
        await using var row = new NpgsqlCommand(rowSql, connection, transaction);
        row.Parameters.Add(new() { Value = _clusterId });
        row.Parameters.Add(new() { Value = entry.SiloAddress.ToParsableString() });
        row.Parameters.Add(new() { Value = (int)entry.Status });
        row.Parameters.Add(new() { Value = entry.ProxyPort });
        row.Parameters.Add(new() { Value = _serializer.SerializeToArray(entry) });
        row.Parameters.Add(new() { Value = entry.IAmAliveTime.Ticks });
        row.Parameters.Add(new() { Value = rowEtag });
        if (await row.ExecuteNonQueryAsync() != 1)
        {
            return false;
        }
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// The version and the rows (all, or <paramref name="key"/>'s) in one statement, so they are one snapshot. A cluster
    /// whose version row is missing (not initialized, or deleted) reads as empty at version 0.
    /// </summary>
    private async Task<MembershipTableData> ReadAsync(SiloAddress? key)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT v.version, v.etag, s.entry, s.i_am_alive, s.etag FROM {VersionTable} v LEFT JOIN {SiloTable} s "
            + "ON s.cluster_id = v.cluster_id AND ($2::text IS NULL OR s.address = $2) WHERE v.cluster_id = $1");
        command.Parameters.Add(new() { Value = _clusterId });
        command.Parameters.Add(new() { Value = (object?)key?.ToParsableString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Tuple<MembershipEntry, string>>();
        var version = new TableVersion(0, "0");
        while (await reader.ReadAsync())
        {
            version = new TableVersion(reader.GetInt32(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
            if (reader.IsDBNull(2))
            {
                continue;
            }
            var entry = _serializer.Deserialize<MembershipEntry>(new ReadOnlySequence<byte>((byte[])reader[2]))
                ?? throw new InvalidDataException($"{SiloTable}: an empty entry in cluster '{_clusterId}'.");
            entry.IAmAliveTime = new DateTime(reader.GetInt64(3), DateTimeKind.Utc);
            rows.Add(Tuple.Create(entry, reader.GetInt64(4).ToString(CultureInfo.InvariantCulture)));
        }
        return key is null ? new MembershipTableData(rows, version)
            : rows.Count == 1 ? new MembershipTableData(rows[0], version) : new MembershipTableData(version);
    }
}

using System.Buffers;
using System.Globalization;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace NearDup.Distributed.Hosting;

/// <summary>
/// Grain storage in one PostgreSQL table (<see cref="TableName"/>): a row per grain state, the state in Orleans' binary
/// serialization, and a version that serves as the ETag, so that a write based on a stale read fails instead of
/// overwriting (<see cref="InconsistentStateException"/>). A write returns once PostgreSQL has committed it: an add the
/// client saw acknowledged survives any silo. Written here rather than through Microsoft.Orleans.Persistence.AdoNet,
/// whose SQL schema scripts are not shipped in its package (docs/scale-out.md).
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    /// <summary>The table, created on first use if missing.</summary>
    public const string TableName = "neardup_grain_state";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Serializer _serializer;
    // The table's creation, kept once it succeeded; a failed one (e.g. the server out of connections) is tried again
    // by the next call instead of failing every call of the process from then on.
    private Task? _schema;

    /// <summary>Storage in the database of <paramref name="dataSource"/>, in Orleans' serialization.</summary>
    public PostgresGrainStorage(NpgsqlDataSource dataSource, Serializer serializer)
    {
        _dataSource = dataSource;
        _serializer = serializer;
    }

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Reported(() => ReadAsync(stateName, grainId, grainState));

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Reported(() => WriteAsync(stateName, grainId, grainState));

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Reported(() => ClearAsync(stateName, grainId, grainState));

    private static Task Reported(Func<Task> call) => PostgresCall.Reported(TableName, call);

    private async Task ReadAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Schema();
        await using var command = _dataSource.CreateCommand($"SELECT payload, version FROM {TableName} WHERE state_name = $1 AND grain_id = $2");
        command.Parameters.Add(new() { Value = stateName });
        command.Parameters.Add(new() { Value = grainId.ToString() });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var payload = (byte[])reader[0];
        grainState.State = _serializer.Deserialize<T>(new ReadOnlySequence<byte>(payload));
        grainState.ETag = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    private async Task WriteAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Schema();
        byte[] payload = _serializer.SerializeToArray(grainState.State);
        long version = grainState.ETag is null ? 1 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture) + 1;
        string sql = grainState.ETag is null
            ? $"INSERT INTO {TableName} (state_name, grain_id, payload, version) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"
            : $"UPDATE {TableName} SET payload = $3, version = $4 WHERE state_name = $1 AND grain_id = $2 AND version = $4 - 1";
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = stateName });
        command.Parameters.Add(new() { Value = grainId.ToString() });
        command.Parameters.Add(new() { Value = payload });
        command.Parameters.Add(new() { Value = version });
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InconsistentStateException($"{stateName} of {grainId} changed in {TableName} since it was read (ETag {grainState.ETag ?? "none"}).");
        }
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    private async Task ClearAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Schema();
        await using var command = _dataSource.CreateCommand($"DELETE FROM {TableName} WHERE state_name = $1 AND grain_id = $2");
        command.Parameters.Add(new() { Value = stateName });
        command.Parameters.Add(new() { Value = grainId.ToString() });
        await command.ExecuteNonQueryAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private Task Schema()
    {
        var schema = Volatile.Read(ref _schema);
        if (schema is null || schema.IsFaulted || schema.IsCanceled)
        {
            Volatile.Write(ref _schema, schema = CreateTableAsync());
        }
        return schema;
    }

    private async Task CreateTableAsync()
    {
        await using var command = _dataSource.CreateCommand(
            $"CREATE TABLE IF NOT EXISTS {TableName} (state_name text NOT NULL, grain_id text NOT NULL, payload bytea NOT NULL, "
            + "version bigint NOT NULL, PRIMARY KEY (state_name, grain_id))");
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Two silos created it at the same moment: it exists, which is all that is needed.
        }
    }
}

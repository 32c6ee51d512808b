using Npgsql;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Hosting;

/// <summary>
/// The partitions' delta logs in one PostgreSQL table (<see cref="TableName"/>, created on first use): a row per delta,
/// numbered by a sequence, so an append is one small insert whatever the partition's size.
/// </summary>
public sealed class PostgresPartitionLog : IPartitionLog
{
    /// <summary>The table.</summary>
    public const string TableName = "neardup_partition_log";

    private readonly NpgsqlDataSource _dataSource;
    // The table's creation, kept once it succeeded; a failed one (e.g. the server out of connections) is tried again
    // by the next call instead of failing every call of the process from then on.
    private Task? _schema;

    /// <summary>The logs in the database of <paramref name="dataSource"/>.</summary>
    public PostgresPartitionLog(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
    }

    /// <inheritdoc/>
    public Task Append(string partition, int merges, byte[] delta) => PostgresCall.Reported(TableName, async () =>
    {
        await Schema();
        await using var command = _dataSource.CreateCommand($"INSERT INTO {TableName} (partition, merges, delta) VALUES ($1, $2, $3)");
        command.Parameters.Add(new() { Value = partition });
        command.Parameters.Add(new() { Value = merges });
        command.Parameters.Add(new() { Value = delta });
        await command.ExecuteNonQueryAsync();
    });

    /// <inheritdoc/>
    public Task<byte[][]> Read(string partition, int merges) => PostgresCall.Reported(TableName, async () =>
    {
        await Schema();
        await using var command = _dataSource.CreateCommand($"SELECT delta FROM {TableName} WHERE partition = $1 AND merges = $2 ORDER BY seq");
        command.Parameters.Add(new() { Value = partition });
        command.Parameters.Add(new() { Value = merges });
        await using var reader = await command.ExecuteReaderAsync();
        var deltas = new List<byte[]>();
        while (await reader.ReadAsync())
        {
            deltas.Add((byte[])reader[0]);
        }
        return deltas.ToArray();
    });

    /// <inheritdoc/>
    public Task Truncate(string partition, int merges) => PostgresCall.Reported(TableName, async () =>
    {
        await Schema();
        await using var command = _dataSource.CreateCommand($"DELETE FROM {TableName} WHERE partition = $1 AND merges < $2");
        command.Parameters.Add(new() { Value = partition });
        command.Parameters.Add(new() { Value = merges });
        await command.ExecuteNonQueryAsync();
    });

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
        string[] statements =
        [
            $"CREATE TABLE IF NOT EXISTS {TableName} (seq bigserial PRIMARY KEY, partition text NOT NULL, merges integer NOT NULL, delta bytea NOT NULL)",
            $"CREATE INDEX IF NOT EXISTS {TableName}_partition ON {TableName} (partition, merges, seq)",
        ];
        foreach (string sql in statements)
        {
            await using var command = _dataSource.CreateCommand(sql);
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject)
            {
                // Another silo created it at the same moment: it exists, which is all that is needed.
            }
        }
    }
}

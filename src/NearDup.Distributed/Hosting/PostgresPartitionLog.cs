using Npgsql;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Hosting;

/// <summary>
/// The partitions' logs in one PostgreSQL table (<see cref="TableName"/>, created on first use): a row per piece,
/// numbered by a sequence, so an append is one small insert whatever the partition's size, and a replacement of
/// pieces by one is a delete and an insert in one transaction.
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
    public Task<long> Append(string partition, int merges, byte[] delta) => PostgresCall.Reported(TableName, async () =>
    {
        await Schema();
        await using var command = _dataSource.CreateCommand($"INSERT INTO {TableName} (partition, merges, delta) VALUES ($1, $2, $3) RETURNING seq");
        command.Parameters.Add(new() { Value = partition });
        command.Parameters.Add(new() { Value = merges });
        command.Parameters.Add(new() { Value = delta });
        return (long)(await command.ExecuteScalarAsync())!;
    });

    /// <inheritdoc/>
    public Task<PartitionLogEntry[]> Read(string partition, long fromSequence = 0) => PostgresCall.Reported(TableName, async () =>
    {
        await Schema();
        await using var command = _dataSource.CreateCommand($"SELECT seq, merges, delta FROM {TableName} WHERE partition = $1 AND seq >= $2 ORDER BY seq");
        command.Parameters.Add(new() { Value = partition });
        command.Parameters.Add(new() { Value = fromSequence });
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<PartitionLogEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new PartitionLogEntry(reader.GetInt64(0), reader.GetInt32(1), (byte[])reader[2]));
        }
        return entries.ToArray();
    });

    /// <inheritdoc/>
    public Task Replace(string partition, int merges, long[] sequences, byte[] combined) => PostgresCall.Reported(TableName, async () =>
    {
        ArgumentOutOfRangeException.ThrowIfZero(sequences.Length);
        await Schema();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var delete = new NpgsqlCommand($"DELETE FROM {TableName} WHERE partition = $1 AND merges = $2 AND seq = ANY($3)", connection, transaction))
        {
            delete.Parameters.Add(new() { Value = partition });
            delete.Parameters.Add(new() { Value = merges });
            delete.Parameters.Add(new() { Value = sequences });
            if (await delete.ExecuteNonQueryAsync() != sequences.Length)
            {
                await transaction.RollbackAsync();
                throw new InvalidOperationException($"Partition {partition}: a piece to replace is gone (another activation replaced it).");
            }
        }
        // The combined piece takes the last one's number, so it keeps its place among the partition's pieces.
        await using (var insert = new NpgsqlCommand($"INSERT INTO {TableName} (seq, partition, merges, delta) VALUES ($1, $2, $3, $4)", connection, transaction))
        {
            insert.Parameters.Add(new() { Value = sequences[^1] });
            insert.Parameters.Add(new() { Value = partition });
            insert.Parameters.Add(new() { Value = merges });
            insert.Parameters.Add(new() { Value = combined });
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
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
            $"CREATE INDEX IF NOT EXISTS {TableName}_pieces ON {TableName} (partition, seq)",
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

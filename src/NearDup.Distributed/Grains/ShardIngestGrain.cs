using Microsoft.Extensions.DependencyInjection;
using NearDup.Clustering;
using NearDup.Distributed.Hosting;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>
/// One shard's ingest at the silo it was placed on: the silo's <see cref="IShardReader"/> reads it, and a
/// <see cref="NearDupClusterClient"/> over this silo's grain factory sketches and stores it, batch by batch, exactly as
/// <c>remote add</c> does at a client (same sketcher, same partition calls, same acknowledgement and retries). Holds no
/// state: the documents are in the partitions once acknowledged, and a shard sent again answers them
/// <see cref="AddOutcome.AlreadyPresent"/>.
/// </summary>
[ShardPlacement]
internal sealed class ShardIngestGrain(IServiceProvider services, ILocalSiloDetails silo) : Grain, IShardIngestGrain
{
    private long _read;

    public Task<long> Progress() => Task.FromResult(Interlocked.Read(ref _read));

    public async Task<ShardIngestAnswer> Ingest(ShardIngestRequest request)
    {
        string where = silo.SiloAddress.ToParsableString();
        if (services.GetService<IShardReader>() is not { } reader)
        {
            return new ShardIngestAnswer(0, 0, 0, 0, $"silo {where} reads no shards: it was started without a shard reader (AddNearDupShardIngest)", where);
        }
        var options = PartitionScorer.For(request.OptionsJson).Options;
        var client = await NearDupClusterClient.OpenAsync(GrainFactory, request.Index, options);
        long skipped = 0;
        var tally = new AddTally();
        string? error = null;
        try
        {
            tally = await client.AddBatchesAsync(Counted(reader.Read(request.Shard, request.ReaderSettings, n => skipped = n)),
                stopAtConflict: false, CancellationToken.None, tally);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            error = e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"silo {where} cannot read {request.Shard.Path} ({e.Message}); every silo must see the input at the same path (shared storage)";
        }
        if (error is null && tally.Conflicts > 0)
        {
            error = $"{tally.Conflicts:N0} documents have the id of another document in index '{request.Index}' (ids must be unique): "
                + string.Join(", ", tally.ConflictIds.Select(id => $"'{id}'"));
        }
        return new ShardIngestAnswer(tally.Added, tally.AlreadyPresent, tally.Conflicts, skipped, error, where);
    }

    private IEnumerable<DocumentInput> Counted(IEnumerable<DocumentInput> documents)
    {
        foreach (var document in documents)
        {
            Interlocked.Increment(ref _read);
            yield return document;
        }
    }
}

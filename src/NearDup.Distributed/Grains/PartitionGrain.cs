using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Grains;

/// <summary>
/// What the partition grains share: their <see cref="SegmentedTable{T, TOrder}"/>, saved before any call that changed it returns
/// (so an acknowledged add or removal survives the silo), and a timer that folds a tail into the segment in the
/// background when no call has done it. A call's changes are appended to the partition's <see cref="IPartitionLog"/> (a
/// write costs the rows it changed); a merge writes the whole table to grain storage, then drops the log entries it
/// folded in. On activation the table is the stored one plus the log entries under its merge count, replayed.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <typeparam name="TOrder">The rows' order, which is their identity.</typeparam>
public abstract class PartitionGrain<T, TOrder> : Grain
    where TOrder : struct, IComparer<T>
{
    /// <summary>Tail rows from which a change merges at once: small enough that the unsorted work per call stays small.</summary>
    public const int MergeThreshold = 1024;

    // A background merge writes the whole table and holds the grain meanwhile: at 5 s of quiet it fell between the
    // batches of one loaded ingest (100,000 documents, 12 partitions, load 31) and held an 8,300-sketch document
    // partition past the callers' 30 s response timeout. Quiet for 30 s, the partition is no longer being written.
    private static readonly TimeSpan s_mergeInterval = TimeSpan.FromSeconds(30);

    private readonly IPersistentState<SegmentState<T>> _state;
    private IPartitionLog _log = null!;
    private Serializer _serializer = null!;
    private string _name = "";

    // The table in memory is ahead of what is stored in a way the log cannot say (a merge not yet written, or an append
    // that failed): the next save writes the whole table.
    private bool _wholeTablePending;

    private long _lastSave;

    /// <summary>Takes the grain's persistent state.</summary>
    protected PartitionGrain(IPersistentState<SegmentState<T>> state) => _state = state;

    /// <summary>The rows.</summary>
    protected SegmentedTable<T, TOrder> Table { get; private set; } = null!;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = ServiceProvider.GetRequiredService<IPartitionLog>();
        _serializer = ServiceProvider.GetRequiredService<Serializer>();
        _name = this.GetGrainId().ToString();
        Table = new SegmentedTable<T, TOrder>(MergeThreshold, _state.RecordExists ? Readable(_state.State) : null);
        foreach (byte[] delta in await _log.Read(_name, Table.Merges))
        {
            Table.Apply(Readable(_serializer.Deserialize<SegmentState<T>>(new ReadOnlySequence<byte>(delta))
                ?? throw new InvalidDataException($"{_name}: an empty delta in its log.")));
        }
        Table.ClearChanges();
        this.RegisterGrainTimer(MergeInBackground, new GrainTimerCreationOptions(s_mergeInterval, s_mergeInterval) { KeepAlive = false });
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>
    /// <paramref name="stored"/> as this build reads it: refused if a newer build wrote it, converted by
    /// <see cref="Upgrade"/> if an older one did. Each record (the table, every delta) carries its own format, so a table
    /// converted on load but not yet written again is converted again on the next load, and the deltas written since are not.
    /// </summary>
    private SegmentState<T> Readable(SegmentState<T> stored)
    {
        StoredFormat.CheckReadable(stored.Format, PartitionMap.IndexOfKey(this.GetPrimaryKeyString()), _name);
        return stored.Format < StoredFormat.Current ? Upgrade(stored) : stored;
    }

    /// <summary>
    /// Rows written in an older <see cref="StoredFormat"/>, as the current one holds them (called on load only; the
    /// next write stores them in the current format). Key rows are alike in every format so far.
    /// </summary>
    protected virtual SegmentState<T> Upgrade(SegmentState<T> stored) => stored;

    /// <summary>Folds the tail into the segment now.</summary>
    public async Task Merge()
    {
        if (Table.HasPending)
        {
            Table.Merge();
            _wholeTablePending = true;
        }
        await Persist(mergeIfDue: false);
    }

    /// <summary>The table's sizes.</summary>
    public Task<PartitionStats> Stats() => Task.FromResult(Table.Stats);

    /// <summary>
    /// Saves what changed (merging first if the tail is due): the whole table after a merge, else the call's changes as
    /// one log entry. Call it at the end of every changing call, even one that found nothing to change: a retry then
    /// saves what a failed save left unsaved.
    /// </summary>
    protected async Task Persist(bool mergeIfDue = true)
    {
        _lastSave = Environment.TickCount64;
        if (mergeIfDue && MergeDue)
        {
            Table.Merge();
            _wholeTablePending = true;
        }
        if (_wholeTablePending)
        {
            await WriteWholeTable();
        }
        else if (Table.HasChanges)
        {
            try
            {
                await _log.Append(_name, Table.Merges, _serializer.SerializeToArray(Table.Changes()));
            }
            catch
            {
                _wholeTablePending = true;
                throw;
            }
            Table.ClearChanges();
        }
    }

    /// <summary>
    /// A merge writes the whole table, so a change merges once the tail and removed rows reach both
    /// <see cref="MergeThreshold"/> and the segment's own size: a write costs its own rows between merges, and as the
    /// table doubles from one merge to the next, merges write each row about twice in all (1 + 1/2 + 1/4 …), not once per
    /// call. A smaller share (an eighth: about 9 times) made serializing whole tables most of a key partition's work.
    /// </summary>
    private bool MergeDue
    {
        get
        {
            var stats = Table.Stats;
            return Table.NeedsMerge && (long)stats.TailRows + stats.RemovedRows >= stats.SegmentRows;
        }
    }

    /// <summary>Writes the table to grain storage, then deletes the log entries it holds (those of earlier merge counts).</summary>
    private async Task WriteWholeTable()
    {
        _state.State = Table.ToState();
        await _state.WriteStateAsync();
        _wholeTablePending = false;
        Table.ClearChanges();
        await _log.Truncate(_name, Table.Merges);
    }

    /// <summary>Merges a partition no call has changed for a timer period: a busy one merges as its tail fills.</summary>
    private Task MergeInBackground(CancellationToken cancellationToken) =>
        Environment.TickCount64 - _lastSave >= s_mergeInterval.TotalMilliseconds ? Merge() : Task.CompletedTask;
}

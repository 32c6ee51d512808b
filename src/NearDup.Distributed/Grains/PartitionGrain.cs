using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using NearDup.Distributed.Partitions;
using Orleans.Serialization;

namespace NearDup.Distributed.Grains;

/// <summary>
/// What the partition grains share: their <see cref="SegmentedTable{T, TOrder}"/>, saved before any call that changed it returns
/// (so an acknowledged add or removal survives the silo), and a timer that folds a tail into the segment in the
/// background when no call has done it. What a call changed is stored as a piece of the partition's
/// <see cref="IPartitionLog"/> (a write costs the rows it changed), and runs of small pieces are merged into larger ones
/// of a bounded size (<see cref="PartitionPieces{T, TOrder}"/>). On activation the table is the stored pieces replayed,
/// onto the whole table in grain storage where a build before pieces wrote one.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <typeparam name="TOrder">The rows' order, which is their identity.</typeparam>
public abstract class PartitionGrain<T, TOrder> : Grain
    where TOrder : struct, IComparer<T>
{
    /// <summary>Tail rows from which a change merges at once: small enough that the unsorted work per call stays small.</summary>
    public const int MergeThreshold = 1024;

    // A partition no call has changed for this long folds its tail into its segment (in memory: the pieces are stored
    // as they were written).
    private static readonly TimeSpan s_mergeInterval = TimeSpan.FromSeconds(30);

    // How often a partition checks that it is on the silo its placement names (Hosting.PartitionPlacement), and how long
    // it stays first: a silo that joins takes its share within seconds, and one activation does not move twice while
    // the membership settles.
    private static readonly TimeSpan s_placementCheck = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_settleBeforeMove = TimeSpan.FromSeconds(10);

    private readonly IPersistentState<SegmentState<T>> _state;
    private PartitionPieces<T, TOrder> _pieces = null!;
    private long _lastSave;
    private long _activated;

    // The one-shot timer of a merge a change made due, while it has not run.
    private IGrainTimer? _dueMerge;

    /// <summary>Takes the grain's persistent state (read only: builds before pieces wrote the whole table there).</summary>
    protected PartitionGrain(IPersistentState<SegmentState<T>> state) => _state = state;

    /// <summary>The rows.</summary>
    protected SegmentedTable<T, TOrder> Table { get; private set; } = null!;

    /// <summary>
    /// Rows a stored piece holds at most once merged (<see cref="PieceMergePolicy"/>), which bounds what one call writes: about
    /// 2 MB of key rows by default (an anchor row packs into 7 bytes, its id once per document).
    /// </summary>
    protected virtual int PieceRows => 1 << 18;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var log = ServiceProvider.GetRequiredService<IPartitionLog>();
        var serializer = ServiceProvider.GetRequiredService<Serializer>();
        string name = this.GetGrainId().ToString();
        _pieces = new PartitionPieces<T, TOrder>(log, name, piece => serializer.SerializeToArray(Packed(piece)),
            bytes => Unpacked(Readable(serializer.Deserialize<SegmentState<T>>(new ReadOnlySequence<byte>(bytes)) ?? throw new InvalidDataException($"{name}: an empty piece in its log."))),
            PieceRows);
        Table = await _pieces.Load(_state.RecordExists ? Unpacked(Readable(_state.State)) : null, MergeThreshold);
        this.RegisterGrainTimer(MergeInBackground, new GrainTimerCreationOptions(s_mergeInterval, s_mergeInterval) { KeepAlive = false });
        _activated = Environment.TickCount64;
        this.RegisterGrainTimer(MoveIfMisplaced, new GrainTimerCreationOptions(s_placementCheck, s_placementCheck) { KeepAlive = false });
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>
    /// <paramref name="stored"/> as this build reads it: refused if a newer build wrote it, converted by
    /// <see cref="Upgrade"/> if an older one did. Each record (a whole table, every piece) carries its own format, so a
    /// record converted on load but not written again is converted again on the next load, and the pieces written since are not.
    /// </summary>
    private SegmentState<T> Readable(SegmentState<T> stored)
    {
        StoredFormat.CheckReadable(stored.Format, PartitionMap.IndexOfKey(this.GetPrimaryKeyString()), this.GetGrainId().ToString());
        return stored.Format < StoredFormat.Current ? Upgrade(stored) : stored;
    }

    /// <summary>Rows packed as a piece stores them (<see cref="StoredFormat.PackedPieces"/>): their ids, and their other fields as bytes.</summary>
    protected abstract (string[] Ids, byte[] Data) PackRows(T[] rows);

    /// <summary>The rows <see cref="PackRows"/> packed.</summary>
    /// <exception cref="InvalidDataException">The bytes do not hold the rows of the ids.</exception>
    protected abstract T[] UnpackRows(string[] ids, byte[] data);

    /// <summary>A piece as it is stored: its rows packed, in the current format.</summary>
    private SegmentState<T> Packed(SegmentState<T> piece)
    {
        var (tailIds, tailData) = PackRows(piece.Tail);
        var (removedIds, removedData) = PackRows(piece.Removed);
        return new SegmentState<T>
        {
            Segment = piece.Segment,
            TailIds = tailIds,
            TailData = tailData,
            RemovedIds = removedIds,
            RemovedData = removedData,
            Merges = piece.Merges,
            Format = StoredFormat.Current,
        };
    }

    /// <summary>A stored record with its rows unpacked, if packed (a whole table of a build before pieces is not).</summary>
    private SegmentState<T> Unpacked(SegmentState<T> stored) => stored.Format < StoredFormat.PackedPieces ? stored : new SegmentState<T>
    {
        Segment = stored.Segment,
        Tail = UnpackRows(stored.TailIds, stored.TailData),
        Removed = UnpackRows(stored.RemovedIds, stored.RemovedData),
        Merges = stored.Merges,
        Format = stored.Format,
    };

    /// <summary>
    /// Rows written in an older <see cref="StoredFormat"/>, as the current one holds them (called on load only; the
    /// next write stores them in the current format). Key rows are alike in every format so far.
    /// </summary>
    protected virtual SegmentState<T> Upgrade(SegmentState<T> stored) => stored;

    /// <summary>Folds the tail into the segment now, saves, and merges the stored pieces as far as they are due.</summary>
    public async Task Merge()
    {
        Table.Merge();
        await Persist(mergeIfDue: false);
        await MergePieces();
    }

    /// <summary>The table's sizes.</summary>
    public Task<PartitionStats> Stats() => Task.FromResult(Table.Stats);

    /// <summary>
    /// Saves what changed as a piece, and returns once it is durable. Call it at the end of every changing call, even one
    /// that found nothing to change: a retry then saves what a failed save left unsaved. Unless
    /// <paramref name="mergeIfDue"/> is false, a merge the change made due (the tail into the segment, stored pieces into
    /// one: <see cref="PieceMergePolicy"/>) runs after the call has returned, in a turn of its own (<see cref="MergeDueNow"/>):
    /// an add is acknowledged when its rows are stored, not when the partition has reorganized them.
    /// </summary>
    protected async Task Persist(bool mergeIfDue = true)
    {
        _lastSave = Environment.TickCount64;
        await _pieces.Save(Table);
        if (mergeIfDue && _dueMerge is null && (MergeDue || _pieces.MergeWanted))
        {
            _dueMerge = this.RegisterGrainTimer(MergeDueNow, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    /// <summary>The merge a change made due (<see cref="Persist"/>), in a turn of the grain's own after that change's call.</summary>
    private async Task MergeDueNow(CancellationToken cancellationToken)
    {
        _dueMerge?.Dispose();
        _dueMerge = null;
        if (MergeDue)
        {
            Table.Merge();
        }
        await MergePieces();
    }

    /// <summary>Merges stored pieces as far as <see cref="PieceMergePolicy"/> asks, each merge within a piece's cap.</summary>
    private async Task MergePieces()
    {
        while (await _pieces.MergeOnce())
        {
        }
    }

    /// <summary>
    /// A change merges once the tail and removed rows reach both <see cref="MergeThreshold"/> and the segment's own size:
    /// as the table doubles from one merge to the next, merges copy each row about twice in all (1 + 1/2 + 1/4 …).
    /// </summary>
    private bool MergeDue
    {
        get
        {
            var stats = Table.Stats;
            return Table.NeedsMerge && (long)stats.TailRows + stats.RemovedRows >= stats.SegmentRows;
        }
    }

    /// <summary>Whether the partition holds state that is not stored (a batch run's), which a move would lose.</summary>
    protected virtual bool HoldsUnstoredState => false;

    /// <summary>
    /// Migrates the partition when it is not on the silo <see cref="Hosting.PartitionPlacement"/> names among the active
    /// silos: a silo that joins gets its share of partitions that others activated while it was down or not yet up (each
    /// silo of <c>neardup serve</c> activates every partition as it starts, and the first one up would otherwise keep them
    /// all). A migration asks the placement for the new silo and moves the directory entry with it; a deactivation alone
    /// left the gateways' cached entries pointing at the old silo, whose next call activated the partition there again.
    /// The new activation reads its pieces; everything a call changed is stored before it returns, so a move loses
    /// nothing; a partition holding a batch run's state waits for the run to end.
    /// </summary>
    private Task MoveIfMisplaced(CancellationToken cancellationToken)
    {
        if (Environment.TickCount64 - _activated < s_settleBeforeMove.TotalMilliseconds || HoldsUnstoredState)
        {
            return Task.CompletedTask;
        }
        var active = ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
        var here = ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        if (active.Length > 0 && !Hosting.SiloTurns.Of(PartitionMap.PartitionOfKey(this.GetPrimaryKeyString()), active).Equals(here))
        {
            this.MigrateOnIdle();
        }
        return Task.CompletedTask;
    }

    /// <summary>Merges a partition no call has changed for a timer period: a busy one merges as its tail fills (<see cref="MergeDueNow"/>).</summary>
    private Task MergeInBackground(CancellationToken cancellationToken) =>
        Environment.TickCount64 - _lastSave >= s_mergeInterval.TotalMilliseconds ? Merge() : Task.CompletedTask;
}

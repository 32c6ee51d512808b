using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

/// <summary>
/// What the partition grains share: their <see cref="SegmentedTable{T}"/>, loaded from grain storage on activation and
/// written back before any call that changed it returns (so an acknowledged add or removal survives the silo), and a
/// timer that folds a tail into the segment in the background when no call has done it.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public abstract class PartitionGrain<T> : Grain
{
    /// <summary>The grain storage provider the partitions use (memory in tests, PostgreSQL under <c>neardup serve</c>).</summary>
    public const string StorageName = "neardup";

    /// <summary>Tail rows from which a change merges at once: small enough that the unsorted work per call stays small.</summary>
    public const int MergeThreshold = 1024;

    private static readonly TimeSpan s_mergeInterval = TimeSpan.FromSeconds(5);

    private readonly IPersistentState<SegmentState<T>> _state;

    /// <summary>Takes the grain's persistent state.</summary>
    protected PartitionGrain(IPersistentState<SegmentState<T>> state) => _state = state;

    /// <summary>The rows.</summary>
    protected SegmentedTable<T> Table { get; private set; } = null!;

    /// <summary>The rows' order, which is their identity.</summary>
    protected abstract IComparer<T> Order { get; }

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Table = new SegmentedTable<T>(Order, MergeThreshold, _state.RecordExists ? _state.State : null);
        this.RegisterGrainTimer(MergeInBackground, new GrainTimerCreationOptions(s_mergeInterval, s_mergeInterval) { KeepAlive = false });
        return base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Folds the tail into the segment now.</summary>
    public async Task Merge()
    {
        if (Table.HasPending)
        {
            Table.Merge();
            await Persist(mergeIfDue: false);
        }
    }

    /// <summary>The table's sizes.</summary>
    public Task<PartitionStats> Stats() => Task.FromResult(Table.Stats);

    /// <summary>Writes the table to grain storage (merging first if the tail is due).</summary>
    protected async Task Persist(bool mergeIfDue = true)
    {
        if (mergeIfDue && Table.NeedsMerge)
        {
            Table.Merge();
        }
        _state.State = Table.ToState();
        await _state.WriteStateAsync();
    }

    private Task MergeInBackground(CancellationToken cancellationToken) => Merge();
}

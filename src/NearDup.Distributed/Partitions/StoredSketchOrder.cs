namespace NearDup.Distributed.Partitions;

/// <summary>Orders sketches by id (ordinal): a document partition's rows are unique by id. A struct, as <see cref="KeyEntryOrder"/>.</summary>
public readonly struct StoredSketchOrder : IComparer<StoredSketch>
{
    /// <summary>The order as an <see cref="IComparer{T}"/> object (sorted sets, LINQ).</summary>
    public static IComparer<StoredSketch> Instance { get; } = new StoredSketchOrder();

    /// <inheritdoc/>
    public int Compare(StoredSketch? x, StoredSketch? y) => string.CompareOrdinal(x?.Id, y?.Id);
}

namespace NearDup.Distributed.Partitions;

/// <summary>Orders sketches by id (ordinal): a document partition's rows are unique by id.</summary>
public sealed class StoredSketchOrder : IComparer<StoredSketch>
{
    /// <summary>The one instance.</summary>
    public static StoredSketchOrder Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(StoredSketch? x, StoredSketch? y) => string.CompareOrdinal(x?.Id, y?.Id);
}

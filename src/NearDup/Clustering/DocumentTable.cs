namespace NearDup.Clustering;

/// <summary>
/// The live documents of a <see cref="SketchStore"/>, numbered 0 to n−1 in ordinal order of their ids: what one
/// clustering run, one saved index or one query index sees. Immutable (later adds to the store are not in it).
/// </summary>
internal sealed class DocumentTable
{
    private readonly SketchStore _store;
    private readonly int[] _slots;

    /// <summary>A table over <paramref name="slots"/> of <paramref name="store"/>, sorted here by id.</summary>
    public DocumentTable(SketchStore store, int[] slots)
    {
        // Before any page is read: a spilled page's array is not filled again once a reader may hold a span into it.
        store.MarkShared();
        _store = store;
        _slots = slots;
        var ids = new string[slots.Length];
        for (int i = 0; i < slots.Length; i++)
        {
            ids[i] = store.Id(slots[i]);
        }
        Array.Sort(ids, _slots, StringComparer.Ordinal);
    }

    public int Count => _slots.Length;

    public SketchStore Store => _store;

    /// <summary>
    /// Large arrays a stage of the clustering over this table let go, for a later stage to take (its pages are already
    /// in memory); <see cref="ClusterBuilder"/> empties it when the run ends.
    /// </summary>
    public Internal.SpareArrays Spare { get; } = new();

    public string Id(int i) => _store.Id(_slots[i]);

    public long DateTicks(int i) => _store.DateTicks(_slots[i]);

    public ulong ContentHash(int i) => _store.ContentHash(_slots[i]);

    public ulong SimHash(int i) => _store.SimHash(_slots[i]);

    public int ShingleCount(int i) => _store.ShingleCount(_slots[i]);

    public int FingerprintCount(int i) => _store.FingerprintCount(_slots[i]);

    public ReadOnlySpan<uint> BandKeys(int i) => _store.BandKeys(_slots[i]);

    public ReadOnlySpan<uint> Fingerprints(int i) => _store.Fingerprints(_slots[i]);

    public PositionList Positions(int i) => _store.Positions(_slots[i]);

    public ReadOnlySpan<uint> Facts(int i) => _store.Facts(_slots[i]);

    /// <summary>The store slot of document <paramref name="i"/>.</summary>
    public int Slot(int i) => _slots[i];

    /// <summary>Bytes of the store's spilled fingerprints that this table uses, estimated from its share of the slots.</summary>
    public long SpilledBytes => _store.Count == 0 || _store.Spill is null ? 0 : _store.Spill.Bytes * _slots.Length / _store.Count;

    /// <summary>Bytes of the store's sketches that this table uses, estimated from its share of the slots.</summary>
    public long MemoryBytes => _store.Count == 0 ? 0 : _store.MemoryBytes * _slots.Length / _store.Count + (long)_slots.Length * sizeof(int);
}

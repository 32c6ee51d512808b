namespace NearDup.Internal;

/// <summary>
/// Large <see cref="uint"/> arrays that one step of a clustering let go and a later step of the same clustering takes
/// instead of allocating anew. On the Firecracker VM a page touched for the first time costs about 13 µs (3.4 s a
/// gigabyte), and memory the GC gives back and maps again costs it again: an array taken from here is already in
/// memory. One instance per clustering (<see cref="NearDup.Clustering.DocumentTable.Spare"/>), so two clusterings in
/// one process never share; thread-safe, as workers take and give at once. The shared
/// <see cref="System.Buffers.ArrayPool{T}"/> keeps no arrays this large.
/// </summary>
internal sealed class SpareArrays
{
    /// <summary>Arrays shorter than this (1 MiB) are not worth keeping: their pages are few.</summary>
    public const int MinLength = 1 << 18;

    private readonly List<uint[]> _spare = [];

    /// <summary>
    /// The shortest spare array of at least <paramref name="length"/> values (its contents are whatever the last user
    /// left), or a new one of exactly that length.
    /// </summary>
    public uint[] Take(int length)
    {
        lock (_spare)
        {
            int best = -1;
            for (int i = 0; i < _spare.Count; i++)
            {
                if (_spare[i].Length >= length && (best < 0 || _spare[i].Length < _spare[best].Length))
                {
                    best = i;
                }
            }
            if (best >= 0)
            {
                var array = _spare[best];
                _spare.RemoveAt(best);
                return array;
            }
        }
        return GC.AllocateUninitializedArray<uint>(length);
    }

    /// <summary>
    /// <see cref="Take"/> for an array sized to a stage's memory budget: when no spare array is long enough, every
    /// spare array is let go before the new one is made, so that the collector may take them back for it. Kept, they
    /// would be held beside it: ten million documents in 21 GiB held the anchor table's pass arrays (a block's worth)
    /// beside the pair pass's new array (another), 16.1 GB of a 16.9 GB heap limit in stage 5.
    /// </summary>
    public uint[] TakeOrLetGo(int length)
    {
        lock (_spare)
        {
            if (!_spare.Exists(a => a.Length >= length))
            {
                _spare.Clear();
            }
        }
        return Take(length);
    }

    /// <summary><see cref="TakeOrLetGo"/> as <see cref="int"/>s (see <see cref="TakeInts"/>).</summary>
    public int[] TakeIntsOrLetGo(int length) => (int[])(object)TakeOrLetGo(length);

    /// <summary>The spare arrays held, and their bytes (what a stage holds beside its own arrays).</summary>
    public (int Count, long Bytes) Held
    {
        get
        {
            lock (_spare)
            {
                return (_spare.Count, _spare.Sum(a => (long)a.Length * sizeof(uint)));
            }
        }
    }

    /// <summary><see cref="Take"/>, the first <paramref name="length"/> values cleared.</summary>
    public uint[] TakeCleared(int length)
    {
        var array = Take(length);
        array.AsSpan(0, length).Clear();
        return array;
    }

    /// <summary>
    /// <see cref="Take"/> as <see cref="int"/>s: the runtime lets a <see cref="uint"/> array be cast to an
    /// <see cref="int"/> array (same size, same layout), so both kinds share one pool.
    /// </summary>
    public int[] TakeInts(int length) => (int[])(object)Take(length);

    /// <summary><see cref="Give"/> of an array from <see cref="TakeInts"/> (or any <see cref="int"/> array).</summary>
    public void GiveInts(int[] array) => Give((uint[])(object)array);

    /// <summary>Lets go of every spare array.</summary>
    public void Clear()
    {
        lock (_spare)
        {
            _spare.Clear();
        }
    }

    /// <summary>Keeps <paramref name="array"/> for a later <see cref="Take"/>; the caller no longer uses it.</summary>
    public void Give(uint[] array)
    {
        if (array.Length >= MinLength)
        {
            lock (_spare)
            {
                _spare.Add(array);
            }
        }
    }
}

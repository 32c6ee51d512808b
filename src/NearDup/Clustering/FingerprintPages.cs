namespace NearDup.Clustering;

/// <summary>
/// Sets of fingerprints appended into large shared pages (4 MiB; a set longer than a quarter page gets its own), and
/// read back as spans by the location <see cref="Append"/> returned. With a <see cref="FingerprintSpill"/>, each page goes to the spill
/// file once it is full (only the page being filled stays on the heap). Holds the sketches' fingerprints and band keys,
/// and the group cores of a clustering run.
/// </summary>
/// <remarks>
/// One writer at a time; readers may run concurrently on what was appended before they started: a page never moves
/// once written, and the directory is replaced, not mutated, when it grows.
/// </remarks>
internal sealed class FingerprintPages(FingerprintSpill? spill)
{
    /// <summary>Fingerprints per shared page: 4 MiB, big enough to hold thousands of documents, small enough to waste little at the end.</summary>
    public const int PageSize = 1 << 20;

    /// <summary>A set longer than this fraction of a page (a quarter) gets a page of its own: less waste at the end of shared ones.</summary>
    private const int OwnPageFraction = 4;

    /// <summary>Page slots of the first directory; it doubles as it fills.</summary>
    private const int InitialPageSlots = 16;

    private readonly FingerprintSpill? _spill = spill;
    private Page[] _pages = [];
    private int _pageCount;
    private int _fill = PageSize;
    private long _heapBytes;

    /// <summary>Bytes of pages on the heap (spilled pages are in the spill file).</summary>
    public long HeapBytes => _heapBytes;

    /// <summary>The set of <paramref name="count"/> fingerprints at <paramref name="location"/>.</summary>
    public ReadOnlySpan<uint> Get(long location, int count) =>
        count == 0 ? [] : _pages[(int)(location >> 32)].Slice((int)location, count);

    /// <summary>Moves the page being filled to the spill file, if there is one (appending later starts a new page).</summary>
    public void Seal()
    {
        SpillLastPage();
        _fill = PageSize;
    }

    /// <summary>Appends a sorted set of fingerprints; returns where it is (page in the high half, offset in the low).</summary>
    public long Append(ReadOnlySpan<uint> fingerprints)
    {
        if (fingerprints.IsEmpty)
        {
            return 0;
        }
        if (fingerprints.Length > PageSize / OwnPageFraction)
        {
            // A long document (a book) gets a page of its own rather than wasting the end of a shared one.
            SpillLastPage();
            AddPage(_spill is null ? new Page(fingerprints.ToArray()) : new Page(_spill.Write(fingerprints)));
            _fill = PageSize; // the next document starts a new shared page
            return (long)(_pageCount - 1) << 32;
        }
        if (_fill + fingerprints.Length > PageSize)
        {
            SpillLastPage();
            AddPage(new Page(new uint[PageSize]));
            _fill = 0;
        }
        int offset = _fill;
        fingerprints.CopyTo(_pages[_pageCount - 1].Array.AsSpan(offset));
        _fill += fingerprints.Length;
        return (long)(_pageCount - 1) << 32 | (uint)offset;
    }

    /// <summary>
    /// With a spill file, moves the shared page being filled (now full, or ended by a long document) to it. Call
    /// <see cref="Seal"/> to move the last one too once nothing more will be appended.
    /// </summary>
    private void SpillLastPage()
    {
        if (_spill is null || _pageCount == 0 || _pages[_pageCount - 1].Array is not { } last)
        {
            return;
        }
        // Only the filled part is written. Readers that already took the heap page keep it (the garbage collector
        // frees it after them); new readers find the mapped one.
        var mapped = new Page(_spill.Write(last.AsSpan(0, _fill)));
        Volatile.Write(ref _pages[_pageCount - 1], mapped);
        _heapBytes -= (long)last.Length * sizeof(uint);
    }

    private void AddPage(Page page)
    {
        if (_pageCount == _pages.Length)
        {
            var grown = new Page[Math.Max(InitialPageSlots, _pages.Length * 2)];
            _pages.AsSpan().CopyTo(grown);
            Volatile.Write(ref _pages, grown);
        }
        _pages[_pageCount++] = page;
        _heapBytes += (long)(page.Array?.Length ?? 0) * sizeof(uint);
    }

    /// <summary>A page of fingerprints: an array on the heap, or a page of the spill file.</summary>
    private sealed class Page
    {
        public Page(uint[] array) => Array = array;

        public Page(FingerprintSpill.Mapped mapped) => Mapped = mapped;

        public uint[]? Array { get; }

        public FingerprintSpill.Mapped? Mapped { get; }

        public ReadOnlySpan<uint> Slice(int offset, int count) => Array is { } array ? array.AsSpan(offset, count) : Mapped!.Slice(offset, count);
    }
}

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
/// <param name="spill">The spill file full pages go to, or null.</param>
/// <param name="refillSpilledPage">
/// Whether the page just written to <paramref name="spill"/> is always filled again as the next one, instead of a new
/// array whose every 4 KiB the process faults in afresh: only for a writer whose readers hold no span into the page
/// being filled when it appends (the group cores, read a round at a time between appends), since a reader that took the
/// heap page would see it overwritten. Without it the page is filled again only until a reader may exist
/// (<see cref="MarkShared"/>).
/// </param>
internal sealed class FingerprintPages(FingerprintSpill? spill, bool refillSpilledPage = false)
{
    /// <summary>Fingerprints per shared page: 4 MiB, big enough to hold thousands of documents, small enough to waste little at the end.</summary>
    public const int PageSize = 1 << 20;

    /// <summary>A set longer than this fraction of a page (a quarter) gets a page of its own: less waste at the end of shared ones.</summary>
    private const int OwnPageFraction = 4;

    /// <summary>Page slots of the first directory; it doubles as it fills.</summary>
    private const int InitialPageSlots = 16;

    /// <summary>Shared pages cut from one heap array at most (64 MiB); the first array holds one page, each next one twice as many.</summary>
    private const int MaxSlabPages = 16;

    private readonly FingerprintSpill? _spill = spill;
    private uint[]? _spilledPage;
    private int _shared;
    private Page[] _pages = [];
    private uint[] _slab = [];
    private int _slabTaken;
    private int _pageCount;
    private int _fill = PageSize;
    private long _heapBytes;

    /// <summary>Bytes of pages on the heap (spilled pages are in the spill file).</summary>
    public long HeapBytes => _heapBytes;

    /// <summary>The set of <paramref name="count"/> fingerprints at <paramref name="location"/>.</summary>
    public ReadOnlySpan<uint> Get(long location, int count) =>
        count == 0 ? [] : _pages[(int)(location >> 32)].Slice((int)location, count);

    /// <summary>
    /// Says that readers may now take spans into the pages (a <see cref="DocumentTable"/> was made over them): from here
    /// on a spilled page's array is left to them and the collector, not filled again. Until then a spilled page's array
    /// is the next page: a store that is read only once it is complete (a clustering run's reading) would otherwise
    /// leave 4 MiB of garbage a page, gigabytes at ten million documents, and every collection that garbage brought
    /// was a full one, since the rest of the heap (the store) all lives on.
    /// </summary>
    public void MarkShared() => Interlocked.Exchange(ref _shared, 1);

    /// <summary>Moves the page being filled to the spill file, if there is one (appending later starts a new page).</summary>
    public void Seal()
    {
        SpillLastPage();
        _fill = PageSize;
        _spilledPage = null;
    }

    /// <summary>Appends a sorted set of fingerprints; returns where it is (page in the high half, offset in the low).</summary>
    public long Append(ReadOnlySpan<uint> fingerprints) => Append(new CopiedSet(fingerprints));

    /// <summary>Appends the set <paramref name="writer"/> writes straight into the page; returns where it is, as <see cref="Append(ReadOnlySpan{uint})"/> does.</summary>
    public long Append<TWriter>(in TWriter writer)
        where TWriter : IPageWriter, allows ref struct
    {
        int count = writer.Count;
        if (count == 0)
        {
            return 0;
        }
        if (count > PageSize / OwnPageFraction)
        {
            // A long document (a book) gets a page of its own rather than wasting the end of a shared one.
            SpillLastPage();
            AddPage(OwnPage(writer));
            _fill = PageSize; // the next document starts a new shared page
            return (long)(_pageCount - 1) << 32;
        }
        if (_fill + count > PageSize)
        {
            SpillLastPage();
            AddPage(NewSharedPage());
            _fill = 0;
        }
        int offset = _fill;
        var page = _pages[_pageCount - 1];
        writer.WriteTo(page.Array.AsSpan(page.Start + offset, count));
        _fill += count;
        return (long)(_pageCount - 1) << 32 | (uint)offset;
    }

    /// <summary>A page of the set's own: an array of it, or with a spill file the spilled set, written from a pooled buffer.</summary>
    private Page OwnPage<TWriter>(in TWriter writer)
        where TWriter : IPageWriter, allows ref struct
    {
        if (_spill is null)
        {
            var own = new uint[writer.Count];
            writer.WriteTo(own);
            return new Page(own);
        }
        uint[] buffer = System.Buffers.ArrayPool<uint>.Shared.Rent(writer.Count);
        try
        {
            writer.WriteTo(buffer.AsSpan(0, writer.Count));
            return new Page(_spill.Write(buffer.AsSpan(0, writer.Count)));
        }
        finally
        {
            System.Buffers.ArrayPool<uint>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// With a spill file, moves the shared page being filled (now full, or ended by a long document) to it. Call
    /// <see cref="Seal"/> to move the last one too once nothing more will be appended.
    /// </summary>
    private void SpillLastPage()
    {
        if (_spill is null || _pageCount == 0 || _pages[_pageCount - 1] is not { Array: { } last } page)
        {
            return;
        }
        // Only the filled part is written. Readers that already took the heap page keep it (the garbage collector
        // frees it after them); new readers find the mapped one.
        var mapped = new Page(_spill.Write(last.AsSpan(page.Start, _fill)));
        Volatile.Write(ref _pages[_pageCount - 1], mapped);
        _heapBytes -= (long)page.Length * sizeof(uint);
        // A reader marks the pages shared before it reads the directory; the writer reads the mark after it published the
        // mapped page. With a full fence on both sides, a reader the writer does not see finds the mapped page.
        Interlocked.MemoryBarrier();
        _spilledPage = refillSpilledPage || Volatile.Read(ref _shared) == 0 ? last : null;
    }

    /// <summary>
    /// An empty shared page. Without a spill file, pages are cut from arrays of up to <see cref="MaxSlabPages"/> pages,
    /// not zeroed (a page is read only where written): the store's pages are the memory a run faults in first, hundreds
    /// of megabytes, and a 4 KiB fault costs microseconds on a virtual machine. They are not advised as 2 MiB pages, as a
    /// query's lookup tables are (<see cref="Internal.HugePages"/>): read in order, they gain little from them, and on a
    /// machine that has run for a while a huge page's first touch can make the kernel compact memory
    /// (bench/results/amd-epyc/store-pages-4k.md). The slab's next page is faulted in on another thread meanwhile
    /// (<see cref="Internal.HugePages.PopulateAhead"/>), so that its zeroing is off the writer's path. A spilled page leaves the heap once full, so it stays an array of
    /// its own, which the collector takes back after it is written out; a new one is faulted in on another thread as
    /// the writer starts filling it, in one call rather than a fault per 4 KiB (a million documents' spill is 1.3 million
    /// of them), and holds no memory before it is needed. The page just spilled, when filled again
    /// (<c>refillSpilledPage</c>, or no reader yet: <see cref="MarkShared"/>), is in memory already.
    /// </summary>
    private Page NewSharedPage()
    {
        if (_spill is not null)
        {
            var array = _spilledPage ?? GC.AllocateUninitializedArray<uint>(PageSize);
            if (_spilledPage is null)
            {
                _ = Internal.HugePages.PopulateAhead(array, 0, PageSize);
            }
            _spilledPage = null;
            return new Page(array);
        }
        if ((long)(_slabTaken + 1) * PageSize > _slab.Length)
        {
            int pages = Math.Min(MaxSlabPages, Math.Max(1, 2 * (_slab.Length / PageSize)));
            _slab = GC.AllocateUninitializedArray<uint>(pages * PageSize);
            _slabTaken = 0;
        }
        if ((long)(_slabTaken + 2) * PageSize <= _slab.Length)
        {
            // The next page's faults are taken on another core while this one fills (the writer is single).
            _ = Internal.HugePages.PopulateAhead(_slab, (_slabTaken + 1) * PageSize, PageSize);
        }
        return new Page(_slab, _slabTaken++ * PageSize, PageSize);
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
        _heapBytes += (long)page.Length * sizeof(uint);
    }

    /// <summary>A page of fingerprints: a range of an array on the heap (all of it, or a shared page cut from a larger one), or a page of the spill file.</summary>
    private sealed class Page
    {
        /// <summary>All of <paramref name="array"/>.</summary>
        public Page(uint[] array)
            : this(array, 0, array.Length)
        {
        }

        /// <summary>The <paramref name="length"/> fingerprints of <paramref name="array"/> from <paramref name="start"/> on.</summary>
        public Page(uint[] array, int start, int length)
        {
            Array = array;
            Start = start;
            Length = length;
        }

        public Page(FingerprintSpill.Mapped mapped) => Mapped = mapped;

        public uint[]? Array { get; }

        public FingerprintSpill.Mapped? Mapped { get; }

        /// <summary>Where the page starts in <see cref="Array"/>.</summary>
        public int Start { get; }

        /// <summary>Fingerprints the page holds on the heap (0 for a spilled one).</summary>
        public int Length { get; }

        public ReadOnlySpan<uint> Slice(int offset, int count) => Array is { } array ? array.AsSpan(Start + offset, count) : Mapped!.Slice(offset, count);
    }
}

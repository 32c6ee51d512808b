using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace NearDup.Clustering;

/// <summary>
/// Where the sketches live: one row of scalars per document, the band keys and the fingerprints in large pages,
/// instead of an object and two arrays per document. That saves the ~100 bytes of object headers, references and
/// array lengths per document, keeps the garbage collector's work independent of the number of documents (a few
/// thousand large pages, not millions of small arrays to mark), and lets a page be filled without ever copying
/// what is already stored (no array doubling). Documents are numbered by slot, in the order they were added.
/// </summary>
/// <remarks>
/// With a <see cref="FingerprintSpill"/>, each page of fingerprints or band keys goes to the spill file once it is full
/// (only the pages being filled stay on the heap), so most of a sketch's bytes become file-backed memory.
/// One writer at a time (the caller locks); readers may run concurrently with it on the slots that existed when they
/// started: appending never moves a stored row, key or fingerprint, and the page directories are replaced, not
/// mutated, when they grow.
/// </remarks>
internal sealed class SketchStore
{
    /// <summary>The fingerprint location of a summary's slot (<see cref="AddSummary"/>): no fingerprints stored.</summary>
    private const long NotListed = -1;

    /// <summary>Rows per page of the per-document columns.</summary>
    private const int RowPageShift = 12;
    private const int RowPageSize = 1 << RowPageShift;

    /// <summary>A string's object header, length and terminator on 64-bit .NET, for the memory figure of the ids.</summary>
    private const int StringHeaderBytes = 24;

    private readonly int _bands;
    private readonly FingerprintSpill? _spill;
    private Row[][] _rows = [];
    private string[][] _ids = [];
    private readonly FingerprintPages _bandKeys;
    private readonly int _bandKeysPerPage;
    private readonly FingerprintPages _fingerprints;
    private readonly FingerprintPages _positions;
    private readonly FingerprintPages _facts;
    private long _idBytes;

    /// <summary>A store of sketches with <paramref name="bands"/> band keys each, spilling fingerprints to <paramref name="spill"/> if given.</summary>
    public SketchStore(int bands, FingerprintSpill? spill = null)
    {
        _bands = bands;
        _spill = spill;
        _fingerprints = new FingerprintPages(spill);
        _positions = new FingerprintPages(spill);
        _facts = new FingerprintPages(spill);
        // Band keys go into pages of their own, spilled like the fingerprints: every document's are the same length,
        // so where they are follows from the slot (a page holds a whole number of them).
        _bandKeys = new FingerprintPages(spill);
        _bandKeysPerPage = FingerprintPages.PageSize / Math.Max(1, bands);
    }

    /// <summary>Says that readers may hold spans into the pages from now on (<see cref="FingerprintPages.MarkShared"/>).</summary>
    public void MarkShared()
    {
        _fingerprints.MarkShared();
        _positions.MarkShared();
        _facts.MarkShared();
        _bandKeys.MarkShared();
    }

    /// <summary>The spill file the fingerprints go to, or null.</summary>
    public FingerprintSpill? Spill => _spill;

    /// <summary>Slots used (removed documents included: the caller keeps track of those).</summary>
    public int Count { get; private set; }

    /// <summary>Band keys per document.</summary>
    public int Bands => _bands;

    /// <summary>Bytes held by the store's arrays on the heap (ids counted as UTF-16 strings; spilled fingerprints not counted).</summary>
    public long MemoryBytes
    {
        get
        {
            long rows = (long)_rows.Length * RowPageSize;
            return rows * (System.Runtime.CompilerServices.Unsafe.SizeOf<Row>() + IntPtr.Size) + _bandKeys.HeapBytes + _fingerprints.HeapBytes + _positions.HeapBytes + _facts.HeapBytes + _idBytes;
        }
    }

    /// <summary>Appends a sketch; returns its slot.</summary>
    public int Add(DocumentSketch sketch) =>
        Add(sketch.Id, sketch.DateTicks, sketch.ContentHash, sketch.SimHash, sketch.ShingleCount, sketch.BandKeys, sketch.Fingerprints, sketch.Positions, sketch.Facts);

    /// <summary>
    /// Appends a sketch given field by field (the arrays are copied); returns its slot. <paramref name="positions"/> is
    /// empty when unknown, or holds one per fingerprint; <paramref name="facts"/> is empty when unknown (see <see cref="DocumentSketch.Facts"/>).
    /// </summary>
    public int Add(string id, long dateTicks, ulong contentHash, ulong simHash, int shingleCount, ReadOnlySpan<uint> bandKeys, ReadOnlySpan<uint> fingerprints,
        ReadOnlySpan<ushort> positions, ReadOnlySpan<uint> facts = default)
    {
        if (!positions.IsEmpty && positions.Length != fingerprints.Length)
        {
            throw new ArgumentException($"Document '{id}' has {positions.Length} positions for {fingerprints.Length} fingerprints.", nameof(positions));
        }
        if (bandKeys.Length != _bands)
        {
            throw new ArgumentException($"Document '{id}' has {bandKeys.Length} band keys; the store holds {_bands}.", nameof(bandKeys));
        }
        int slot = Count;
        int page = slot >> RowPageShift, offset = slot & (RowPageSize - 1);
        if (page == _rows.Length)
        {
            // Published with release semantics: a reader that sees a new directory sees the pages in it.
            Volatile.Write(ref _rows, Grow(_rows, new Row[RowPageSize]));
            Volatile.Write(ref _ids, Grow(_ids, new string[RowPageSize]));
        }
        long location = _fingerprints.Append(fingerprints);
        var (positionLocation, positionBits) = AppendPositions(positions);
        long factLocation = _facts.Append(facts);
        _rows[page][offset] = new Row(dateTicks, contentHash, simHash, location, positionLocation, factLocation, shingleCount, fingerprints.Length, facts.Length,
            !positions.IsEmpty || fingerprints.IsEmpty, positionBits);
        _ids[page][offset] = id;
        long keys = _bandKeys.Append(bandKeys);
        Debug.Assert(bandKeys.IsEmpty || keys == BandKeyLocation(slot));
        _idBytes += StringHeaderBytes + sizeof(char) * (long)id.Length;
        Count = slot + 1;
        return slot;
    }

    /// <summary>
    /// Appends a document's summary, without its SimHash, band keys, fingerprints, positions or facts: what the
    /// partitioned index's batch clustering lists at its coordinator, where only the stages that read none of them run
    /// (its candidates are paired from the key partitions' runs, which carry their own keys). The store must hold no
    /// band keys (<c>bands: 0</c>); the slot's SimHash is 0. The slot knows how many fingerprints the document has
    /// (<paramref name="fingerprintCount"/>); reading them throws, unless there are none.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store holds band keys.</exception>
    public int AddSummary(string id, long dateTicks, ulong contentHash, int shingleCount, int fingerprintCount)
    {
        if (_bands != 0)
        {
            throw new InvalidOperationException(
                $"Document '{id}': a summary has no band keys, but this store holds {_bands} a document; list summaries into a store of 0 bands.");
        }
        int slot = Add(id, dateTicks, contentHash, simHash: 0, shingleCount, [], [], []);
        if (fingerprintCount > 0)
        {
            // A document without fingerprints is the same as a sketch or a summary: reading its none is fine.
            ref var row = ref _rows[slot >> RowPageShift][slot & (RowPageSize - 1)];
            row = row with { Location = NotListed, FingerprintCount = fingerprintCount, HasPositions = false };
        }
        return slot;
    }

    public string Id(int slot) => _ids[slot >> RowPageShift][slot & (RowPageSize - 1)];

    public long DateTicks(int slot) => RowOf(slot).DateTicks;

    public ulong ContentHash(int slot) => RowOf(slot).ContentHash;

    public ulong SimHash(int slot) => RowOf(slot).SimHash;

    public int ShingleCount(int slot) => RowOf(slot).ShingleCount;

    public int FingerprintCount(int slot) => RowOf(slot).FingerprintCount;

    public ReadOnlySpan<uint> BandKeys(int slot) => _bandKeys.Get(BandKeyLocation(slot), _bands);

    private long BandKeyLocation(int slot) => (long)(slot / _bandKeysPerPage) << 32 | (uint)(slot % _bandKeysPerPage * _bands);

    public ReadOnlySpan<uint> Fingerprints(int slot)
    {
        ref readonly var row = ref RowOf(slot);
        if (row.Location == NotListed)
        {
            ThrowNotListed(slot);
        }
        return _fingerprints.Get(row.Location, row.FingerprintCount);
    }

    [DoesNotReturn, StackTraceHidden]
    private void ThrowNotListed(int slot) =>
        throw new InvalidOperationException($"Document '{Id(slot)}' was added as a summary (AddSummary): its fingerprints are not in this store.");

    /// <summary>The slot's sorted fact hashes (see <see cref="DocumentSketch.Facts"/>); empty when unknown.</summary>
    public ReadOnlySpan<uint> Facts(int slot)
    {
        ref readonly var row = ref RowOf(slot);
        return _facts.Get(row.FactLocation, row.FactCount);
    }

    /// <summary>Whether the slot's fingerprints have positions (they do unless loaded from an index of format 2 or older).</summary>
    public bool HasPositions(int slot) => RowOf(slot).HasPositions;

    /// <summary>The first-occurrence position of each fingerprint (see <see cref="DocumentSketch.Positions"/>); empty when unknown.</summary>
    public PositionList Positions(int slot)
    {
        ref readonly var row = ref RowOf(slot);
        if (!row.HasPositions || row.FingerprintCount == 0)
        {
            return default;
        }
        int bits = row.PositionBits;
        return new PositionList(_positions.Get(row.PositionLocation, PositionList.PackedWords(row.FingerprintCount, bits)), bits, row.FingerprintCount);
    }

    /// <summary>Appends positions packed (<see cref="PositionList.Pack"/>) in the bits of the largest, straight into their page; returns where and in how many bits.</summary>
    private (long Location, byte Bits) AppendPositions(ReadOnlySpan<ushort> positions)
    {
        if (positions.IsEmpty)
        {
            return (0, 0);
        }
        var packed = new PackedPositions(positions);
        return (_positions.Append(packed), (byte)packed.Bits);
    }

    /// <summary>The sketch in <paramref name="slot"/> as an object (copies its arrays).</summary>
    public DocumentSketch ToSketch(int slot) => new()
    {
        Id = Id(slot),
        DateTicks = DateTicks(slot),
        ContentHash = ContentHash(slot),
        ShingleCount = ShingleCount(slot),
        SimHash = SimHash(slot),
        BandKeys = BandKeys(slot).ToArray(),
        Fingerprints = Fingerprints(slot).ToArray(),
        Positions = Positions(slot).ToArray(),
        Facts = Facts(slot).ToArray(),
    };

    private ref readonly Row RowOf(int slot) => ref _rows[slot >> RowPageShift][slot & (RowPageSize - 1)];

    private static T[][] Grow<T>(T[][] pages, T[] page)
    {
        // A new directory each time (a handful of references per page): readers holding the old one still see every
        // page that existed when they took it.
        var grown = new T[pages.Length + 1][];
        pages.AsSpan().CopyTo(grown);
        grown[^1] = page;
        return grown;
    }

    [StructLayout(LayoutKind.Auto)]
    private readonly record struct Row(long DateTicks, ulong ContentHash, ulong SimHash, long Location, long PositionLocation, long FactLocation, int ShingleCount,
        int FingerprintCount, int FactCount, bool HasPositions, byte PositionBits);
}

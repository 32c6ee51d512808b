namespace NearDup.Clustering;

/// <summary>
/// Boilerplate pass 2 and the documents' sizes without boilerplate from one read of every document's fingerprints.
/// The read keeps each document's candidates (the fingerprints whose pass-1 slot passed, <see cref="PassingSlots"/>),
/// ascending as the document holds them, a few in a hundred of its fingerprints; then the groups are counted from those lists alone
/// (a group's candidates are the union of its members'), and a document's size is its fingerprint count less its
/// candidates found boilerplate. Pass 2 over the groups' unions and a sizing pass over the documents read every
/// fingerprint once each, the first a group's members at a time (at random in a spill file), the second in file order.
/// </summary>
internal sealed class CandidateLists
{
    /// <summary>Fewest values in an array a room takes; a room that goes to runs doubles it as it fills.</summary>
    private const int InitialRoom = 1 << 16;

    private readonly uint[][] _rooms;
    private readonly int[] _room;
    private readonly int[] _start;
    private readonly int[] _length;

    /// <summary>Document i's candidates are <paramref name="rooms"/>[<paramref name="room"/>[i]] from <paramref name="start"/>[i], <paramref name="length"/>[i] of them.</summary>
    internal CandidateLists(uint[][] rooms, int[] room, int[] start, int[] length) => (_rooms, _room, _start, _length) = (rooms, room, start, length);

    /// <summary>Candidates kept, over every document.</summary>
    public long Total => _length.Sum(n => (long)n);

    /// <summary>Document <paramref name="i"/>'s candidates, ascending.</summary>
    public ReadOnlySpan<uint> Of(int i) => _rooms[_room[i]].AsSpan(_start[i], _length[i]);

    /// <summary>
    /// Each document's candidates under <paramref name="passing"/>, the documents read in <paramref name="order"/> by
    /// <see cref="SpillSweep"/>'s <paramref name="workers"/> (each asking for the next chunk's fingerprints when they
    /// are in <paramref name="spill"/>). The lists are the same in any order and for any number of workers. Given
    /// <paramref name="runs"/>, a worker whose candidates would pass its share of the budget writes them to a run
    /// first; if any did, every worker's rest goes to the runs too and the result is null: count from the runs.
    /// </summary>
    public static CandidateLists? Gather(DocumentTable docs, PassingSlots passing, int[] order, int workers, FingerprintSpill? spill,
        CandidateRuns? runs, CancellationToken cancellationToken)
    {
        var room = new int[docs.Count];
        var start = new int[docs.Count];
        var length = new int[docs.Count];
        var rooms = new List<Room>();
        var segments = new List<uint[]>();
        using var mine = new ThreadLocal<Room>(() =>
        {
            lock (rooms)
            {
                rooms.Add(new Room(runs is not null, segments, docs.Spare));
                return rooms[^1];
            }
        });
        // On the heap nothing is asked for: an madvise per document is a system call for nothing.
        Action<int, ReadAhead> askFor = spill is null ? (_, _) => { } : (i, ahead) => ahead.Add(docs.Fingerprints(i));
        // A worker's share of the budget, in candidates; a room never grows past it but for one long document.
        int share = runs is null ? int.MaxValue : (int)Math.Clamp(runs.BudgetBytes / sizeof(uint) / workers, 1, Array.MaxLength);
        SpillSweep.Run(spill, order, workers, cancellationToken, askFor, i =>
        {
            var r = mine.Value!;
            if (runs is not null && r.Count > 0 && (long)r.Count + docs.FingerprintCount(i) > share)
            {
                r.WriteTo(runs, length);
            }
            length[i] = r.Keep(docs.Fingerprints(i), passing, share, out room[i], out start[i]);
            r.Documents?.Add(i);
        });
        if (runs is { Spilled: true })
        {
            foreach (var r in rooms)
            {
                r.WriteTo(runs, length);
            }
            return null;
        }
        return new CandidateLists([.. segments], room, start, length);
    }

    /// <summary>Gives the rooms to <paramref name="spare"/> once no list is read any more.</summary>
    public void GiveBack(Internal.SpareArrays spare)
    {
        foreach (var values in _rooms)
        {
            spare.Give(values);
        }
    }

    /// <summary>
    /// The exact number of groups holding each candidate: each group's members' lists merged (a candidate counts once
    /// per group), by <paramref name="workers"/> workers, in a table per bucket (a candidate's top
    /// <paramref name="bucketBits"/> bits), keyed by product (<see cref="BoilerplateFilter.ProductOf"/>), as
    /// <see cref="BoilerplateFilter.FromCandidates"/> reads it. The buckets' arrays come from <paramref name="spare"/> when given.
    /// </summary>
    public BoilerplateCandidates CountGroups(GroupLayout groups, int bucketBits, int workers, Internal.SpareArrays? spare = null)
    {
        var candidates = new BoilerplateCandidates(1 << bucketBits);
        CountGroups(groups, candidates, bucketBits, workers, 0, 1 << bucketBits, spare);
        return candidates;
    }

    /// <summary>
    /// Counts into <paramref name="candidates"/> the candidates of buckets [<paramref name="firstBucket"/>,
    /// <paramref name="endBucket"/>) (a round of <see cref="CandidateRuns"/>, or all; the lists hold no other). The
    /// groups go by chunks, as pass 1's sets do: each worker merges its share of a chunk's groups (a candidate counts
    /// once per group) into radix buckets of its own, by the candidates' top <paramref name="bucketBits"/> bits; then
    /// each worker counts its own range of buckets from every worker's, a bucket's table at a time. Two workers never
    /// add to one table, and a table is counted into while it is in the cache: counted group by group, a group's
    /// candidates fell in any of a worker's megabytes of tables, and nearly every count missed the L2 cache.
    /// </summary>
    /// <remarks>
    /// The radix buckets take their arrays from <paramref name="spare"/> when given, and give them back at the end.
    /// A worker merges about <paramref name="chunkCandidates"/> candidates a chunk (<see cref="ChunkCandidates"/> when
    /// null; tests cut smaller chunks).
    /// </remarks>
    public void CountGroups(GroupLayout groups, BoilerplateCandidates candidates, int bucketBits, int workers, int firstBucket, int endBucket,
        Internal.SpareArrays? spare = null, long? chunkCandidates = null)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        long total = Math.Max(1, Total), perWorker = chunkCandidates ?? ChunkCandidates;
        int chunk = (int)Math.Clamp(perWorker * workers * groups.Count / total, 1, Math.Max(1, groups.Count));
        var buckets = new RadixBuckets[workers];
        for (int w = 0; w < workers; w++)
        {
            buckets[w] = new RadixBuckets(bucketBits, 32, (int)Math.Min(perWorker + perWorker / 4, total / workers + 1024), spare);
        }
        for (int first = 0; first < groups.Count; first += chunk)
        {
            int end = (int)Math.Min(groups.Count, (long)first + chunk);
            Parallel.For(0, workers, options, w => GatherUnions(groups, first + (int)((long)(end - first) * w / workers),
                first + (int)((long)(end - first) * (w + 1) / workers), buckets[w]));
            Parallel.For(0, workers, options, w => AddBuckets(buckets, candidates,
                firstBucket + (int)((long)(endBucket - firstBucket) * w / workers), firstBucket + (int)((long)(endBucket - firstBucket) * (w + 1) / workers)));
        }
        foreach (var b in buckets)
        {
            b.GiveBack();
        }
    }

    /// <summary>Candidates a worker merges between two countings: 4 Mi (16 MiB a buffer, two a worker).</summary>
    internal const long ChunkCandidates = 1 << 22;

    /// <summary>Appends to <paramref name="buckets"/> the union of each group's lists in [<paramref name="from"/>, <paramref name="to"/>), then partitions them.</summary>
    private void GatherUnions(GroupLayout groups, int from, int to, RadixBuckets buckets)
    {
        buckets.Clear();
        uint[] union = new uint[256], scratch = new uint[256];
        for (int g = from; g < to; g++)
        {
            var members = groups.MembersOf(g);
            var first = Of(members[0]);
            int length = first.Length;
            if (members.Length > 1)
            {
                Fit(ref union, length);
                first.CopyTo(union);
                for (int k = 1; k < members.Length; k++)
                {
                    var next = Of(members[k]);
                    Fit(ref scratch, length + next.Length);
                    length = GroupUnion.MergeDistinct(union.AsSpan(0, length), next, scratch);
                    (union, scratch) = (scratch, union);
                }
                first = union.AsSpan(0, length);
            }
            buckets.AddRange(first, default(Same));
        }
        buckets.Partition();
    }

    /// <summary>Counts in <paramref name="candidates"/> buckets [<paramref name="from"/>, <paramref name="to"/>) of every worker's buckets.</summary>
    private static void AddBuckets(RadixBuckets[] buckets, BoilerplateCandidates candidates, int from, int to)
    {
        for (int b = from; b < to; b++)
        {
            foreach (var source in buckets)
            {
                foreach (uint fp in source.Bucket(b))
                {
                    candidates.Add(b, BoilerplateFilter.ProductOf(fp));
                }
            }
        }
    }

    /// <summary>A candidate as it is: its top bits are its bucket.</summary>
    private readonly struct Same : RadixBuckets.IValueMap
    {
        public uint Map(uint value) => value;
    }

    /// <summary>Makes <paramref name="buffer"/> at least <paramref name="length"/> long (contents not kept).</summary>
    internal static void Fit(ref uint[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new uint[Math.Max(length, buffer.Length * 2)];
        }
    }

    /// <summary>Each document's fingerprints that are not in <paramref name="common"/>: its count less its candidates that are.</summary>
    public int[] Sizes(DocumentTable docs, BoilerplateFilter common, ParallelOptions parallel)
    {
        var sizes = new int[docs.Count];
        Parallel.For(0, sizes.Length, parallel, i =>
        {
            int boilerplate = 0;
            foreach (uint fp in Of(i))
            {
                boilerplate += common.IsBoilerplate(fp) ? 1 : 0;
            }
            sizes[i] = docs.FingerprintCount(i) - boilerplate;
        });
        return sizes;
    }

    /// <summary>
    /// A worker's candidates, document after document, in arrays taken from <paramref name="spare"/>: pass 1's buckets
    /// and counters, given back just before, are already in memory, where an array the heap grew by is faulted in a
    /// page at a time (see <see cref="Internal.SpareArrays"/>). On the heap a full array is left as it is, listed in
    /// <paramref name="segments"/>, and the next document starts another: whatever the spare arrays' sizes, they are
    /// used up before any new one, and nothing is copied. When the candidates may go to runs (<paramref name="listDocuments"/>,
    /// which also lists the documents), a room is one array, written as one run, and grows by copying up to its cap.
    /// </summary>
    private sealed class Room(bool listDocuments, List<uint[]> segments, Internal.SpareArrays spare)
    {
        private int _segment = -1;

        public List<int>? Documents { get; } = listDocuments ? [] : null;

        /// <summary>Writes the candidates held to <paramref name="runs"/> as a run and starts empty.</summary>
        public void WriteTo(CandidateRuns runs, int[] lengths)
        {
            if (Count > 0)
            {
                runs.Write(Values.AsSpan(0, Count), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Documents), lengths);
            }
            Count = 0;
            Documents!.Clear();
        }

        private uint[] Values { get; set; } = [];

        /// <summary>Values in the room's current array.</summary>
        public int Count { get; private set; }

        /// <summary>
        /// Appends the candidates of <paramref name="fingerprints"/> (ascending, so they stay so) and returns their
        /// number, and where they are (<paramref name="segment"/>, <paramref name="start"/>): the folded filter first,
        /// without a branch per value, then the few it keeps against the passing bits. A room that goes to runs doubles
        /// as it fills, but not past <paramref name="cap"/> values unless this document needs it.
        /// </summary>
        public int Keep(ReadOnlySpan<uint> fingerprints, PassingSlots passing, int cap, out int segment, out int start)
        {
            // A document with no fingerprints still names an array (its list is empty there).
            if (_segment < 0 || Values.Length - Count < fingerprints.Length)
            {
                MakeRoom(fingerprints.Length, cap);
            }
            (segment, start) = (_segment, Count);
            var tail = Values.AsSpan(Count, fingerprints.Length);
            int kept = BoilerplateFilter.KeepPassing(fingerprints, passing.Folded, tail);
            // The passing bits are tens of megabytes, read at random: the words are asked for all at once, so that
            // their misses overlap rather than each check waiting on its own.
            for (int k = 0; k < kept; k++)
            {
                passing.Prefetch(BoilerplateFilter.ProductOf(tail[k]));
            }
            int n = 0;
            for (int k = 0; k < kept; k++)
            {
                tail[n] = tail[k];
                n += passing.Passes(BoilerplateFilter.ProductOf(tail[k])) ? 1 : 0;
            }
            Count += n;
            return n;
        }

        /// <summary>Room for <paramref name="needed"/> more values: a new array on the heap, a grown one for runs.</summary>
        private void MakeRoom(int needed, int cap)
        {
            bool grow = Documents is not null && _segment >= 0;
            var array = grow
                ? spare.Take(Math.Max(Count + needed, Math.Min(cap, Values.Length * 2)))
                : spare.Take(Math.Max(needed, InitialRoom));
            if (grow)
            {
                Values.AsSpan(0, Count).CopyTo(array);
                spare.Give(Values);
            }
            else
            {
                Count = 0;
            }
            Values = array;
            lock (segments)
            {
                if (!grow)
                {
                    _segment = segments.Count;
                    segments.Add(array);
                }
                segments[_segment] = array;
            }
        }
    }
}

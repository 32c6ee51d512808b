using System.Numerics;
using NearDup.Internal;

namespace NearDup.Indexing;

/// <summary>
/// Finds 64-bit SimHashes within a Hamming distance d, after Manku, Jain and Das Sarma, "Detecting
/// near-duplicates for web crawling" (WWW 2007): split the 64 bits into d + 1 blocks; two hashes that differ
/// in at most d bits agree exactly on at least one block (pigeonhole), so one table per block, keyed by that
/// block, finds every match, and each hit is confirmed by a popcount. The fast path for exact and syndicated
/// copies. Frozen after construction; queries are lock-free.
/// </summary>
public sealed class SimHashIndex
{
    private readonly ulong[] _hashes;
    private readonly int[] _documents;
    private readonly PostingTable<ulong>[] _tables;
    private readonly int _blockBits;

    /// <summary>Indexes <paramref name="hashes"/>[i] as document <paramref name="documents"/>[i].</summary>
    /// <param name="hashes">The SimHashes.</param>
    /// <param name="documents">Document numbers, parallel to <paramref name="hashes"/>.</param>
    /// <param name="maxDistance">d, the largest Hamming distance a query finds (0 to 7).</param>
    public SimHashIndex(ReadOnlySpan<ulong> hashes, ReadOnlySpan<int> documents, int maxDistance = 3)
        : this(hashes.ToArray(), documents.ToArray(), maxDistance, buildTables: true)
    {
    }

    private SimHashIndex(ulong[] hashes, int[] documents, int maxDistance, bool buildTables)
    {
        if (hashes.Length != documents.Length)
        {
            ThrowHelper.ThrowArgument(nameof(documents), "hashes and documents must have the same length.");
        }
        if (maxDistance is < 0 or > 7)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(maxDistance), maxDistance, "maxDistance must be 0 to 7: beyond that the blocks get too short to select anything.");
        }
        MaxDistance = maxDistance;
        int blocks = maxDistance + 1;
        _blockBits = BlockBits(maxDistance);
        _hashes = hashes;
        _documents = documents;
        _tables = new PostingTable<ulong>[buildTables ? blocks : 0];
        for (int block = 0; block < _tables.Length; block++)
        {
            var keys = new ulong[hashes.Length];
            var docs = new int[hashes.Length];
            for (int i = 0; i < hashes.Length; i++)
            {
                keys[i] = BlockKey(hashes[i], block);
                docs[i] = i; // position in _hashes; mapped to the caller's number on the way out
            }
            _tables[block] = PostingTable<ulong>.Build(keys, docs);
        }
    }

    /// <summary>d, the largest distance a query finds.</summary>
    public int MaxDistance { get; }

    /// <summary>Number of documents.</summary>
    public int Count => _hashes.Length;

    /// <summary>Bytes held: the hashes, the documents and d + 1 block tables.</summary>
    public long MemoryBytes
    {
        get
        {
            long total = (long)_hashes.Length * (sizeof(ulong) + sizeof(int));
            foreach (var table in _tables)
            {
                total += table.MemoryBytes;
            }
            return total;
        }
    }

    /// <summary>Returns the documents whose SimHash is within <see cref="MaxDistance"/> of <paramref name="hash"/>, ascending.</summary>
    public int[] Query(ulong hash)
    {
        var found = new List<int>();
        Collect(hash, found);
        found.Sort();
        var result = new List<int>(found.Count);
        for (int i = 0; i < found.Count; i++)
        {
            if (i == 0 || found[i] != found[i - 1])
            {
                result.Add(found[i]);
            }
        }
        return [.. result];
    }

    /// <summary>
    /// Adds to <paramref name="found"/> the documents <see cref="Query"/> returns, unsorted, a document once for each
    /// block it agrees on: for a caller that sorts and de-duplicates what it gathers anyway (a query's candidates), so
    /// that a query allocates no lists and no array here.
    /// </summary>
    internal void Collect(ulong hash, List<int> found)
    {
        for (int block = 0; block < _tables.Length; block++)
        {
            foreach (int position in _tables[block].Find(BlockKey(hash, block)))
            {
                if (BitOperations.PopCount(_hashes[position] ^ hash) <= MaxDistance)
                {
                    found.Add(_documents[position]);
                }
            }
        }
    }

    /// <summary>
    /// Calls back pairs of indexed documents within <see cref="MaxDistance"/>, each once: for every block, all pairs in
    /// each run of equal block values. A run longer than <paramref name="fullPairRun"/> (a large corpus puts dozens of
    /// hashes on every 16-bit block value) is split again by pigeonhole: two hashes within distance d that agree on this
    /// block differ in at most d of the other bits, so they agree on one of d + 1 sub-blocks of those bits; the pairs
    /// are taken within each sub-block's runs. Only a run that is still long after that (many copies of one text, whose
    /// hashes are equal) falls back to pairing each hash with the run's first and its predecessor, enough to link copies.
    /// </summary>
    internal void ForEachPair<TSink>(ref TSink sink, int fullPairRun = 16)
        where TSink : struct, IPairSink
    {
        var seen = new HashSet<long>(Internal.PairComparer.Instance);
        var subKeys = new List<ulong>();
        var subPositions = new List<int>();
        // Without tables (ForEachPairOnce), each block's table is sorted in one reused pair of buffers.
        var ownKeys = _tables.Length == 0 ? new ulong[_hashes.Length] : [];
        var ownPositions = _tables.Length == 0 ? new int[_hashes.Length] : [];
        for (int block = 0; block < MaxDistance + 1; block++)
        {
            ReadOnlySpan<ulong> keys;
            ReadOnlySpan<int> positions;
            if (_tables.Length > 0)
            {
                keys = _tables[block].Keys;
                positions = _tables[block].Documents;
            }
            else
            {
                for (int i = 0; i < _hashes.Length; i++)
                {
                    ownKeys[i] = BlockKey(_hashes[i], block);
                    ownPositions[i] = i;
                }
                PostingTable<ulong>.Sort(ownKeys, ownPositions);
                keys = ownKeys;
                positions = ownPositions;
            }
            int start = 0;
            for (int i = 1; i <= keys.Length; i++)
            {
                if (i < keys.Length && keys[i] == keys[start])
                {
                    continue;
                }
                PairRun(positions[start..i], block, fullPairRun, subKeys, subPositions, seen, ref sink);
                start = i;
            }
        }
    }

    /// <summary>
    /// The pairs <see cref="ForEachPair"/> takes from one run: <paramref name="hashes"/>[i] of document
    /// <paramref name="documents"/>[i] (ascending) all hold the same value of block <paramref name="block"/>. The
    /// partitioned index's batch clustering (NearDup.Distributed) calls it on the runs its SimHash partitions find, so
    /// that its pairs are the ones a clustering run on one machine takes.
    /// </summary>
    internal static void ForEachPairInRun<TSink>(ulong[] hashes, int[] documents, int block, int maxDistance, ref TSink sink, int fullPairRun = 16)
        where TSink : struct, IPairSink
    {
        var index = new SimHashIndex(hashes, documents, maxDistance, buildTables: false);
        var positions = new int[hashes.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
        }
        index.PairRun(positions, block, fullPairRun, [], [], new HashSet<long>(Internal.PairComparer.Instance), ref sink);
    }

    private void PairRun<TSink>(ReadOnlySpan<int> run, int block, int fullPairRun, List<ulong> subKeys, List<int> subPositions, HashSet<long> seen, ref TSink sink)
        where TSink : struct, IPairSink
    {
        if (run.Length <= fullPairRun)
        {
            PairAll(run, seen, ref sink);
        }
        else
        {
            PairLongRun(run, block, fullPairRun, subKeys, subPositions, seen, ref sink);
        }
    }

    /// <summary>
    /// <see cref="ForEachPair"/> without keeping an index: one block table at a time, so the pairs of ten million
    /// hashes cost 12 bytes per hash beyond the arrays given (which are taken over, not copied), not d + 1 tables.
    /// </summary>
    internal static void ForEachPairOnce<TSink>(ulong[] hashes, int[] documents, int maxDistance, ref TSink sink)
        where TSink : struct, IPairSink =>
        new SimHashIndex(hashes, documents, maxDistance, buildTables: false).ForEachPair(ref sink);

    private void PairAll<TSink>(ReadOnlySpan<int> run, HashSet<long> seen, ref TSink sink)
        where TSink : struct, IPairSink
    {
        for (int a = 0; a < run.Length; a++)
        {
            for (int b = a + 1; b < run.Length; b++)
            {
                TryPair(run[a], run[b], seen, ref sink);
            }
        }
    }

    private void PairLongRun<TSink>(ReadOnlySpan<int> run, int block, int fullPairRun, List<ulong> subKeys, List<int> subPositions, HashSet<long> seen, ref TSink sink)
        where TSink : struct, IPairSink
    {
        // The bits outside this block, packed, cut into d + 1 sub-blocks.
        int shift = block * _blockBits;
        int bits = Math.Min(_blockBits, 64 - shift);
        int restBits = 64 - bits;
        int subBlocks = MaxDistance + 1;
        int subBits = (restBits + subBlocks - 1) / subBlocks;
        for (int sub = 0; sub < subBlocks && restBits > 0; sub++)
        {
            subKeys.Clear();
            subPositions.Clear();
            foreach (int position in run)
            {
                ulong hash = _hashes[position];
                ulong high = shift + bits >= 64 ? 0 : hash >> (shift + bits) << shift;
                ulong rest = high | (shift == 0 ? 0 : hash & ((1UL << shift) - 1));
                int subShift = sub * subBits;
                int width = Math.Min(subBits, restBits - subShift);
                subKeys.Add(width <= 0 ? 0 : rest >> subShift & (width == 64 ? ulong.MaxValue : (1UL << width) - 1));
                subPositions.Add(position);
            }
            var keySpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(subKeys);
            var positionSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(subPositions);
            PostingTable<ulong>.Sort(keySpan, positionSpan);
            int start = 0;
            for (int i = 1; i <= keySpan.Length; i++)
            {
                if (i < keySpan.Length && keySpan[i] == keySpan[start])
                {
                    continue;
                }
                if (i - start <= fullPairRun)
                {
                    PairAll(positionSpan[start..i], seen, ref sink);
                }
                else
                {
                    for (int b = start + 1; b < i; b++)
                    {
                        TryPair(positionSpan[start], positionSpan[b], seen, ref sink);
                        TryPair(positionSpan[b - 1], positionSpan[b], seen, ref sink);
                    }
                }
                start = i;
            }
        }
    }

    private void TryPair<TSink>(int pa, int pb, HashSet<long> seen, ref TSink sink)
        where TSink : struct, IPairSink
    {
        if (BitOperations.PopCount(_hashes[pa] ^ _hashes[pb]) <= MaxDistance && seen.Add((long)Math.Min(pa, pb) << 32 | (uint)Math.Max(pa, pb)))
        {
            sink.Add(_documents[pa], _documents[pb]);
        }
    }

    private ulong BlockKey(ulong hash, int block) => BlockKey(hash, block, _blockBits);

    /// <summary>Bits per block for <paramref name="maxDistance"/>: d + 1 blocks cover the 64 bits.</summary>
    internal static int BlockBits(int maxDistance) => (64 + maxDistance) / (maxDistance + 1);

    /// <summary>Block <paramref name="block"/> of <paramref name="hash"/>: the key of that block's table (the partitioned
    /// index in NearDup.Distributed keys its SimHash partitions by it too).</summary>
    internal static ulong BlockKey(ulong hash, int block, int blockBits)
    {
        int shift = block * blockBits;
        int bits = Math.Min(blockBits, 64 - shift);
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        return hash >> shift & mask;
    }
}

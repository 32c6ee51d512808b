using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NearDup.Clustering;

/// <summary>
/// <see cref="CandidateLists"/> past a memory budget. The lists grow with the fingerprints that pass boilerplate pass 1,
/// which a corpus full of copies or of one site's template can make most of every document's; past the budget each
/// worker writes what it holds to a temporary file in the spill folder as a run, cut by fingerprint range into
/// partitions (a fingerprint's top bits: whole buckets of <see cref="BoilerplateCandidates"/>). The groups are then
/// counted a round of partitions at a time: the round's part of every document's list is read back from the runs and
/// laid out as <see cref="CandidateLists"/> holds it (per document, ascending), so the counts, the boilerplate and the
/// sizes are those of the lists in memory, and memory holds one round's candidates instead of all of them.
/// </summary>
/// <remarks>
/// A run's partition is a segment of the file: (document, count) pairs for its documents with candidates in that
/// range, then those candidates, document after document. A document is gathered whole by one worker, so its
/// candidates lie in one run, and reading the partitions in order keeps each document's list ascending.
/// </remarks>
internal sealed class CandidateRuns : IDisposable
{
    /// <summary>At most 2^6 partitions: a run is cut a partition at a time, each a sweep over the run's documents.</summary>
    private const int MaxPartitionBits = 6;

    /// <summary>The default budget's share of the memory left (1 / this), see <see cref="DefaultBudgetBytes"/>.</summary>
    private const int BudgetShare = 4;

    /// <summary>The smallest default budget: below it the runs' bookkeeping would cost more than it saves.</summary>
    private const long MinBudgetBytes = 32L << 20;

    private readonly string _directory;
    private readonly int _partitionBits;
    private readonly List<(long Offset, int Documents, int Values)[]> _runs = [];
    private SafeFileHandle? _file;
    private long _length;

    /// <summary>
    /// Runs in <paramref name="directory"/> (the file is created at the first run) for candidates counted in
    /// 2^<paramref name="bucketBits"/> buckets, held in memory up to <paramref name="budgetBytes"/>.
    /// </summary>
    public CandidateRuns(string directory, int bucketBits, long budgetBytes)
    {
        _directory = directory;
        _partitionBits = Math.Min(MaxPartitionBits, bucketBits);
        BudgetBytes = Math.Max(1, budgetBytes);
    }

    /// <summary>
    /// A quarter of the memory the process may use, less what the managed heap holds now (the runtime's figure honours
    /// a container's limit): the rest is the spill file's page cache and the stages' own work.
    /// </summary>
    public static long DefaultBudgetBytes()
    {
        var info = GC.GetGCMemoryInfo();
        return Math.Max(MinBudgetBytes, (info.TotalAvailableMemoryBytes - info.HeapSizeBytes) / BudgetShare);
    }

    /// <summary>Bytes of candidates the lists may hold in memory, gathering or counting.</summary>
    public long BudgetBytes { get; }

    /// <summary>Whether any run was written: the candidates are then counted from the runs.</summary>
    public bool Spilled => _runs.Count > 0;

    /// <summary>Bytes written to the runs' file.</summary>
    public long Bytes => _length;

    /// <summary>
    /// Writes a run: the candidates of <paramref name="documents"/>, appended one after another in
    /// <paramref name="values"/> (each document's ascending, <paramref name="lengths"/>[document] of them).
    /// </summary>
    /// <exception cref="IOException">The write failed (a full disk).</exception>
    public void Write(ReadOnlySpan<uint> values, ReadOnlySpan<int> documents, int[] lengths)
    {
        int partitions = 1 << _partitionBits, shift = 32 - _partitionBits;
        var cursor = new int[documents.Length];
        var end = new int[documents.Length];
        for (int j = 0, at = 0; j < documents.Length; j++)
        {
            cursor[j] = at;
            end[j] = at += lengths[documents[j]];
        }
        var segments = new (long Offset, int Documents, int Values)[partitions];
        var pairs = new List<int>();
        var part = new uint[Math.Max(1024, values.Length / partitions * 2)];
        lock (_runs)
        {
            for (int p = 0; p < partitions; p++)
            {
                pairs.Clear();
                int n = 0;
                for (int j = 0; j < documents.Length; j++)
                {
                    int from = cursor[j], to = from;
                    while (to < end[j] && values[to] >> shift == p)
                    {
                        to++;
                    }
                    if (to > from)
                    {
                        pairs.Add(documents[j]);
                        pairs.Add(to - from);
                        if (part.Length < n + to - from)
                        {
                            Array.Resize(ref part, Math.Max(n + to - from, part.Length * 2));
                        }
                        values[from..to].CopyTo(part.AsSpan(n));
                        n += to - from;
                        cursor[j] = to;
                    }
                }
                segments[p] = (_length, pairs.Count / 2, n);
                Append(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(pairs)));
                Append(MemoryMarshal.AsBytes(part.AsSpan(0, n)));
            }
            _runs.Add(segments);
        }
    }

    /// <summary>
    /// The boilerplate (fingerprints in <paramref name="threshold"/> or more groups) and every document's size without
    /// it, counted from the runs a round at a time, each round by <paramref name="workers"/> workers over its range of
    /// the 2^<paramref name="bucketBits"/> buckets.
    /// </summary>
    public (BoilerplateFilter Common, int[] Sizes) CountAndSize(DocumentTable docs, GroupLayout groups, int bucketBits, int threshold, int workers,
        ParallelOptions parallel)
    {
        var candidates = new BoilerplateCandidates(1 << bucketBits);
        var sizes = new int[docs.Count];
        for (int i = 0; i < sizes.Length; i++)
        {
            sizes[i] = docs.FingerprintCount(i);
        }
        var (room, start, length) = (new int[docs.Count], new int[docs.Count], new int[docs.Count]);
        int partitions = 1 << _partitionBits, bucketsPerPartition = 1 << (bucketBits - _partitionBits);
        for (int from = 0, to; from < partitions; from = to)
        {
            parallel.CancellationToken.ThrowIfCancellationRequested();
            to = RoundEnd(from);
            var lists = new CandidateLists([ReadRound(from, to, start, length)], room, start, length);
            lists.CountGroups(groups, candidates, bucketBits, workers, from * bucketsPerPartition, to * bucketsPerPartition, docs.Spare);
            SubtractBoilerplate(lists, candidates, bucketBits, threshold, sizes, parallel);
        }
        return (BoilerplateFilter.FromCandidates(candidates, threshold), sizes);
    }

    /// <summary>Takes from each document's size its candidates of this round that <paramref name="threshold"/> or more groups hold.</summary>
    private static void SubtractBoilerplate(CandidateLists lists, BoilerplateCandidates candidates, int bucketBits, int threshold, int[] sizes,
        ParallelOptions parallel)
    {
        int shift = 32 - bucketBits;
        Parallel.For(0, sizes.Length, parallel, i =>
        {
            int boilerplate = 0;
            foreach (uint fp in lists.Of(i))
            {
                boilerplate += candidates.CountOf((int)(fp >> shift), BoilerplateFilter.ProductOf(fp)) >= threshold ? 1 : 0;
            }
            sizes[i] -= boilerplate;
        });
    }

    /// <summary>The end of the round that starts at partition <paramref name="from"/>: as many partitions as fit the budget, one at least.</summary>
    private int RoundEnd(int from)
    {
        int to = from;
        long bytes = 0;
        do
        {
            bytes += _runs.Sum(run => (long)run[to].Values * sizeof(uint) + (long)run[to].Documents * 2 * sizeof(int));
            to++;
        }
        while (to < 1 << _partitionBits && bytes + _runs.Sum(run => (long)run[to].Values * sizeof(uint)) <= BudgetBytes);
        return to;
    }

    /// <summary>
    /// Partitions [<paramref name="from"/>, <paramref name="to"/>) of every run, laid out per document: document i's
    /// candidates in them are the returned values from <paramref name="start"/>[i], <paramref name="length"/>[i] of them.
    /// </summary>
    private uint[] ReadRound(int from, int to, int[] start, int[] length)
    {
        Array.Clear(length);
        var segments = new List<(int[] Pairs, long Offset, int Values)>();
        for (int p = from; p < to; p++)
        {
            foreach (var run in _runs)
            {
                var (offset, documents, values) = run[p];
                var pairs = new int[2 * documents];
                Read(MemoryMarshal.AsBytes(pairs.AsSpan()), offset);
                for (int k = 0; k < pairs.Length; k += 2)
                {
                    length[pairs[k]] += pairs[k + 1];
                }
                segments.Add((pairs, offset + (long)pairs.Length * sizeof(int), values));
            }
        }
        int total = 0;
        for (int i = 0; i < start.Length; i++)
        {
            start[i] = total;
            total += length[i];
        }
        var laid = new uint[total];
        var next = (int[])start.Clone();
        var buffer = new uint[1024];
        foreach (var (pairs, offset, values) in segments)
        {
            CandidateLists.Fit(ref buffer, values);
            Read(MemoryMarshal.AsBytes(buffer.AsSpan(0, values)), offset);
            for (int k = 0, at = 0; k < pairs.Length; k += 2)
            {
                int doc = pairs[k], count = pairs[k + 1];
                buffer.AsSpan(at, count).CopyTo(laid.AsSpan(next[doc]));
                next[doc] += count;
                at += count;
            }
        }
        return laid;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        _file ??= FingerprintSpill.CreateTemporary(_directory, "candidates", out _);
        try
        {
            RandomAccess.Write(_file, bytes, _length);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot write the boilerplate candidates' runs in '{_directory}' ({e.Message.TrimEnd('.', ' ')}, after "
                + $"{_length / 1e6:N0} MB): free space there, or give a spill folder on a larger disk (--spill-dir, NearDupOptions.SpillDirectory).", e);
        }
        _length += bytes.Length;
    }

    /// <summary>Fills <paramref name="destination"/> from the file at <paramref name="offset"/> (a read may return less than asked).</summary>
    private void Read(Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(_file!, destination, offset);
            if (read == 0)
            {
                throw new EndOfStreamException($"The boilerplate candidates' runs in '{_directory}' end at {offset:N0} bytes, before what was written.");
            }
            destination = destination[read..];
            offset += read;
        }
    }

    /// <summary>Closes (and so deletes) the runs' file.</summary>
    public void Dispose() => _file?.Dispose();
}

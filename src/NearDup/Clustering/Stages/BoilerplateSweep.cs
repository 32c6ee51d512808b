using System.Diagnostics;
using System.Numerics;

namespace NearDup.Clustering;

/// <summary>
/// Counts the fingerprints of many sorted sets that are not boilerplate (every document's and every group core's), the
/// same counts as <see cref="BoilerplateFilter.CountNotBoilerplate"/>, key range by key range. A lookup per fingerprint
/// in the filter, set by set, is a random read of a table past a core's cache at a million documents (the filter and
/// its set are 5 MiB there). Here the boilerplate is indexed by its fingerprints' top bits, and a batch of sets is
/// swept one range of that index at a time, each set's cursor moving on through its sorted fingerprints: the range's
/// share of the index stays in cache for the whole batch, and each set is read in order.
/// </summary>
internal static class BoilerplateSweep
{
    /// <summary>Sets a worker copies into one buffer and sweeps together: about 2 Mi fingerprints (8 MiB) of documents.</summary>
    private const int SetsPerBatch = 2048;

    /// <summary>Index entries per key range, 2^15 (128 KiB): a range's entries and boilerplate stay in a core's L2 cache.</summary>
    private const int EntriesPerRangeLog2 = 15;

    /// <summary>Bounds of the index's size in bits: 2^8 to 2^24 entries (64 MiB).</summary>
    private const int MinIndexBits = 8, MaxIndexBits = 24;

    /// <summary>
    /// The number of fingerprints of each of the <paramref name="count"/> sets (each sorted ascending) that are not
    /// among <paramref name="common"/> (sorted ascending, distinct). The counts do not depend on the number of threads.
    /// </summary>
    public static int[] NotBoilerplate(int count, FingerprintSource sets, ReadOnlySpan<uint> common, ParallelOptions parallel)
    {
        var result = new int[count];
        if (common.Length == 0)
        {
            for (int i = 0; i < count; i++)
            {
                result[i] = sets(i).Length;
            }
            return result;
        }
        // About two index entries per boilerplate fingerprint: a lookup finds zero or one of them in its entry's run.
        int bits = Math.Clamp(BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)common.Length)) + 1, MinIndexBits, MaxIndexBits);
        var index = new KeyIndex(Starts(common, bits), common.ToArray(), 32 - bits, Math.Max(0, bits - EntriesPerRangeLog2));
        int batches = (int)(((long)count + SetsPerBatch - 1) / SetsPerBatch);
        Parallel.For(0, batches, parallel, () => new Batch(), (b, _, batch) =>
        {
            int first = b * SetsPerBatch, end = (int)Math.Min(count, (long)first + SetsPerBatch);
            batch.Load(sets, first, end);
            batch.Sweep(index, result.AsSpan(first, end - first));
            return batch;
        }, _ => { });
        return result;
    }

    /// <summary>Where each index entry's boilerplate starts in the sorted array: entry t holds those whose top bits are t.</summary>
    private static int[] Starts(ReadOnlySpan<uint> common, int bits)
    {
        var starts = new int[(1 << bits) + 1];
        int shift = 32 - bits;
        foreach (uint fp in common)
        {
            starts[(fp >> shift) + 1]++;
        }
        for (int t = 1; t < starts.Length; t++)
        {
            starts[t] += starts[t - 1];
        }
        return starts;
    }

    /// <summary>The boilerplate by top bits: <paramref name="Starts"/> into <paramref name="Common"/>, swept in 2^<paramref name="RangeBits"/> key ranges.</summary>
    private sealed record KeyIndex(int[] Starts, uint[] Common, int Shift, int RangeBits);

    /// <summary>One worker's sets, copied one after another, with a cursor each.</summary>
    private sealed class Batch
    {
        private uint[] _fingerprints = new uint[1 << 16];
        private readonly int[] _ends = new int[SetsPerBatch + 1];
        private readonly int[] _cursors = new int[SetsPerBatch];
        private readonly int[] _boilerplate = new int[SetsPerBatch];
        private int _sets;

        /// <summary>Copies sets [<paramref name="first"/>, <paramref name="end"/>) into the buffer.</summary>
        public void Load(FingerprintSource sets, int first, int end)
        {
            _sets = end - first;
            int fill = 0;
            for (int s = 0; s < _sets; s++)
            {
                var set = sets(first + s);
                Debug.Assert(IsAscending(set));
                if (fill + set.Length > _fingerprints.Length)
                {
                    Array.Resize(ref _fingerprints, Math.Max(fill + set.Length, _fingerprints.Length * 2));
                }
                set.CopyTo(_fingerprints.AsSpan(fill));
                _cursors[s] = fill;
                fill += set.Length;
                _ends[s] = fill;
            }
        }

        /// <summary>Writes each set's count of fingerprints that are not boilerplate to <paramref name="notBoilerplate"/>.</summary>
        public void Sweep(KeyIndex index, Span<int> notBoilerplate)
        {
            var boilerplate = _boilerplate.AsSpan(0, _sets);
            boilerplate.Clear();
            int ranges = 1 << index.RangeBits, entriesPerRange = (index.Starts.Length - 1) >> index.RangeBits;
            for (int r = 0; r < ranges; r++)
            {
                // Entries below `limit` belong to ranges up to r; the last range takes everything left.
                long limit = r == ranges - 1 ? long.MaxValue : (long)(r + 1) * entriesPerRange;
                for (int s = 0; s < boilerplate.Length; s++)
                {
                    boilerplate[s] += Advance(index, s, limit);
                }
            }
            int start = 0;
            for (int s = 0; s < boilerplate.Length; s++)
            {
                notBoilerplate[s] = _ends[s] - start - boilerplate[s];
                start = _ends[s];
            }
        }

        /// <summary>Moves set <paramref name="s"/>'s cursor past its fingerprints whose entry is below <paramref name="limit"/>; returns the boilerplate among them.</summary>
        private int Advance(KeyIndex index, int s, long limit)
        {
            var fingerprints = _fingerprints;
            var starts = index.Starts;
            var common = index.Common;
            int shift = index.Shift, i = _cursors[s], end = _ends[s], found = 0;
            for (; i < end; i++)
            {
                uint fp = fingerprints[i];
                uint entry = fp >> shift;
                if (entry >= limit)
                {
                    break;
                }
                for (int j = starts[entry], stop = starts[entry + 1]; j < stop; j++)
                {
                    found += common[j] == fp ? 1 : 0;
                }
            }
            _cursors[s] = i;
            return found;
        }

        private static bool IsAscending(ReadOnlySpan<uint> set)
        {
            for (int i = 1; i < set.Length; i++)
            {
                if (set[i] <= set[i - 1])
                {
                    return false;
                }
            }
            return true;
        }
    }
}

using NearDup.Indexing;

namespace NearDup.Clustering;

/// <summary>
/// The first clustering stage: identical texts, and the candidate pairs of the LSH band tables and the SimHash index.
/// The tables are built, read for their runs and let go one at a time: a clustering run never holds them all, so the
/// peak is one stage's indexes on top of the sketches (queries rebuild them, see <see cref="QueryIndexes"/>).
/// </summary>
internal static class CandidateStage
{
    /// <summary>
    /// Runs of equal band keys up to this long give all their pairs; a longer run (many copies of one text) pairs each
    /// document with the run's first and its predecessor, which links the run without a quadratic number of pairs.
    /// </summary>
    private const int FullPairRun = 16;

    public static CandidatePairs Find(DocumentTable docs, NearDupOptions options, ParallelOptions parallel)
    {
        var textDocs = SignatureKeys.DocumentsWithText(docs);
        var identical = IdenticalTexts(docs, textDocs);
        var candidateSet = BandCandidates(docs, textDocs, options, parallel);
        long signatureBytes = (long)docs.Store.Bands * textDocs.Length * (sizeof(uint) + sizeof(int));
        var collector = new PairCollector(candidateSet);
        SimHashIndex.ForEachPairOnce(SignatureKeys.SimHashesOf(docs, textDocs), textDocs, options.SimHashMaxDistance, ref collector);
        signatureBytes += (long)textDocs.Length * (sizeof(ulong) + 2 * sizeof(int) + sizeof(ulong));
        var packed = candidateSet.ToArray();
        candidateSet = null;
        Array.Sort(packed); // by (A, B): A is the high half
        return new CandidatePairs(identical, Array.ConvertAll(packed, PairKey.Unpack), signatureBytes);
    }

    /// <summary>
    /// Identical texts: runs of equal content hashes, each document paired with the run's first (a sort, not a
    /// dictionary of every document: no per-entry overhead and no resizing at ten million documents). A flash repeated
    /// days later is not one (<see cref="FlashRun"/>).
    /// </summary>
    internal static List<(int A, int B)> IdenticalTexts(DocumentTable docs, int[] textDocs)
    {
        var pairs = new List<(int A, int B)>();
        var contentHashes = new ulong[textDocs.Length];
        for (int k = 0; k < textDocs.Length; k++)
        {
            contentHashes[k] = docs.ContentHash(textDocs[k]);
        }
        var byHash = (int[])textDocs.Clone();
        PostingTable<ulong>.Sort(contentHashes, byHash);
        for (int start = 0, end; start < byHash.Length; start = end)
        {
            end = start + 1;
            while (end < byHash.Length && contentHashes[end] == contentHashes[start])
            {
                end++;
            }
            // Most runs are one document: its shingle count (a read of the store) is not needed.
            if (end - start > 1 && docs.ShingleCount(byHash[start]) < FactRules.FlashShingles)
            {
                FlashRun(docs, byHash.AsSpan(start, end - start), pairs);
                continue;
            }
            for (int k = start + 1; k < end; k++)
            {
                pairs.Add((byHash[start], byHash[k]));
            }
        }
        return pairs;
    }

    /// <summary>
    /// Pairs a run of identical flashes (<see cref="FactRules.FlashesApart"/>) by their dates: in date order, each joins
    /// the earliest of its window, and one dated <see cref="FactRules.FactDays"/> or more after that opens the next
    /// window. The same nine words from the Fed a fortnight apart report two operations (Reuters-21578's r3729 and
    /// r9972); the band keys still make them candidates, and the judge links them as reuse. Undated texts sort last and
    /// join the last window.
    /// </summary>
    private static void FlashRun(DocumentTable docs, Span<int> run, List<(int A, int B)> pairs)
    {
        run.Sort((x, y) => docs.DateTicks(x) != docs.DateTicks(y) ? docs.DateTicks(x).CompareTo(docs.DateTicks(y)) : x.CompareTo(y));
        for (int k = 1, first = run[0]; k < run.Length; k++)
        {
            if (FactRules.DaysApart(docs.DateTicks(first), docs.DateTicks(run[k])) >= FactRules.FactDays)
            {
                first = run[k];
                continue;
            }
            pairs.Add((first, run[k]));
        }
    }

    /// <summary>
    /// The pairs that share a band key. Each worker takes bands one at a time and keeps one pair of buffers (two with
    /// its radix sort's scratch, which sorts a band in linear time where a comparison sort pivoted) and one pair set
    /// for all of them: the local state of Parallel.For is made afresh each time a worker yields (9 times for 25 long
    /// iterations on two cores, checked), and at twenty million documents each time was 160 MB of buffers and a new set.
    /// </summary>
    private static HashSet<long> BandCandidates(DocumentTable docs, int[] textDocs, NearDupOptions options, ParallelOptions parallel)
    {
        int bands = docs.Store.Bands;
        var foundPerWorker = new HashSet<long>[Math.Min(StageWorkers.Count(options), Math.Max(1, bands))];
        int nextBand = -1;
        Parallel.For(0, foundPerWorker.Length, parallel, worker =>
        {
            var keys = new uint[textDocs.Length];
            var documents = new int[textDocs.Length];
            var found = new HashSet<long>(Internal.PairComparer.Instance);
            var sink = new PairCollector(found);
            var sort = new PostingRadixSort();
            for (int band; (band = Interlocked.Increment(ref nextBand)) < bands;)
            {
                parallel.CancellationToken.ThrowIfCancellationRequested();
                SignatureKeys.FillBandKeys(docs, textDocs, band, keys);
                textDocs.CopyTo(documents, 0);
                // The documents ascend (textDocs does), so the stable radix sort orders them by (key, document).
                sort.Sort(keys, documents, keyBits: 32);
                EmitRuns(keys, documents, ref sink);
            }
            foundPerWorker[worker] = found;
        });
        // The largest set takes in the others (a set's content, not its order, is what the caller's sort sees).
        int largest = 0;
        for (int w = 1; w < foundPerWorker.Length; w++)
        {
            largest = foundPerWorker[w].Count > foundPerWorker[largest].Count ? w : largest;
        }
        var candidateSet = foundPerWorker[largest];
        for (int w = 0; w < foundPerWorker.Length; w++)
        {
            if (w != largest)
            {
                candidateSet.UnionWith(foundPerWorker[w]);
            }
        }
        return candidateSet;
    }

    /// <summary>The pairs of a sorted table's runs of equal keys (see <see cref="FullPairRun"/>).</summary>
    private static void EmitRuns(ReadOnlySpan<uint> keys, ReadOnlySpan<int> documents, ref PairCollector sink)
    {
        int start = 0;
        for (int i = 1; i <= keys.Length; i++)
        {
            if (i < keys.Length && keys[i] == keys[start])
            {
                continue;
            }
            EmitRun(documents[start..i], ref sink);
            start = i;
        }
    }

    /// <summary>
    /// The pairs of one run of documents sharing a band key, ascending (see <see cref="FullPairRun"/>); the partitioned
    /// index's batch clustering (NearDup.Distributed) calls it on the runs its band partitions find.
    /// </summary>
    internal static void EmitRun(ReadOnlySpan<int> run, ref PairCollector sink)
    {
        if (run.Length <= FullPairRun)
        {
            for (int a = 0; a < run.Length; a++)
            {
                for (int b = a + 1; b < run.Length; b++)
                {
                    sink.Add(run[a], run[b]);
                }
            }
            return;
        }
        for (int b = 1; b < run.Length; b++)
        {
            sink.Add(run[0], run[b]);
            sink.Add(run[b - 1], run[b]);
        }
    }
}

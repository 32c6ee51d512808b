using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed;

public sealed partial class NearDupClusterClient
{
    /// <summary>
    /// Stage 2's candidates, measured: identical texts (from the listed content hashes) and the pairs of every band and
    /// SimHash run, each with its shared fingerprints and whether its texts are a series' items dated apart, sorted by (A, B) as the candidate
    /// stage sorts. The key partitions pair their runs' listed rows by the candidate stage's own rules and send each
    /// pair to its first document's partition, which measures every pair sent to it once (the pairs of one key in
    /// several runs, on several partitions, meet there) and returns them by their numbers in the run's listing
    /// (<see cref="RunNumbering"/>): the coordinator receives measured pairs, not runs. A run a key partition could not
    /// number is paired here, by id, and its pairs not measured at the partitions are measured by <see cref="MeasureAsync"/>.
    /// </summary>
    internal async Task<(CandidatePairs Candidates, int[] Shared, bool[] SeriesApart)> CandidatePairsAsync(DocumentTable docs,
        CancellationToken cancellationToken)
    {
        var identical = CandidateStage.IdenticalTexts(docs, SignatureKeys.DocumentsWithText(docs));
        var ids = new string[docs.Count];
        var content = new ulong[docs.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = docs.Id(i);
            content[i] = docs.ContentHash(i);
        }
        var (numbering, documentOf) = RunNumbering.Of(IndexName, Partitions, ids, content);
        string run = Guid.NewGuid().ToString("N");
        return await RunCleanup.ThenDropAsync(() => PairAndMeasureAsync(docs, identical, ids, content, numbering, documentOf, run, cancellationToken),
            () => Task.WhenAll(Enumerable.Range(0, Partitions).Select(p => DocumentPartition(p).DropRun(run))));
    }

    /// <summary><see cref="CandidatePairsAsync"/>'s pairing and measuring under run <paramref name="run"/>, which the partitions keep until it is dropped.</summary>
    private async Task<(CandidatePairs Candidates, int[] Shared, bool[] SeriesApart)> PairAndMeasureAsync(DocumentTable docs, List<(int A, int B)> identical,
        string[] ids, ulong[] content, RunNumbering numbering, int[] documentOf, string run, CancellationToken cancellationToken)
    {
        var (expected, unpaired) = await PairRunsAsync(numbering, run, cancellationToken);
        var measured = await MeasureCandidatesAsync(run, expected, ids, documentOf, cancellationToken);
        var byId = PairedById(docs, ids, documentOf, unpaired);
        byId.ExceptWith(measured.Keys);
        (int A, int B)[] rest = [.. byId.Order().Select(PairKey.Unpack)];
        var (restShared, restDiffer) = await MeasureAsync(ids, content, rest, common: null);
        for (int k = 0; k < rest.Length; k++)
        {
            measured[PairKey.Pack(rest[k].A, rest[k].B)] = (restShared[k], restDiffer![k]);
        }
        long[] packed = [.. measured.Keys.Order()]; // by (A, B), as the candidate stage sorts
        return (new CandidatePairs(identical, Array.ConvertAll(packed, PairKey.Unpack), SignatureBytes: 0),
            Array.ConvertAll(packed, p => measured[p].Shared), Array.ConvertAll(packed, p => measured[p].SeriesApart));
    }

    /// <summary>
    /// Has every band and SimHash partition pair its runs for <paramref name="run"/>; returns the pairs sent to each
    /// document partition and the runs sent back unpaired.
    /// </summary>
    private async Task<(long[] Expected, List<(PartitionKind Kind, KeyRun Run)> Unpaired)> PairRunsAsync(RunNumbering numbering, string run, CancellationToken cancellationToken)
    {
        PartitionKind[] kinds = [PartitionKind.Band, PartitionKind.SimHash];
        var answers = await Task.WhenAll(kinds.SelectMany((kind, k) => Enumerable.Range(0, Partitions).Select(p =>
        {
            var request = new CandidatePairRequest(numbering, run, k * Partitions + p, kind, Options.SimHashMaxDistance);
            return RetriedAsync($"pairing of {kind} partition {p}", () => KeyPartition(kind, p).PairRuns(request), cancellationToken);
        })));
        var unpaired = new List<(PartitionKind Kind, KeyRun Run)>();
        for (int k = 0; k < answers.Length; k++)
        {
            unpaired.AddRange(answers[k].Unpaired.Unpack().Select(r => (kinds[k / Partitions], r)));
        }
        var expected = new long[Partitions];
        foreach (var answer in answers)
        {
            for (int p = 0; p < expected.Length; p++)
            {
                expected[p] += answer.Sent[p];
            }
        }
        return (expected, unpaired);
    }

    /// <summary>
    /// The pairs measured at each document partition sent some, by (A, B) document numbers, with their shared
    /// fingerprints and facts bits; a pair with a document no longer stored fails the run.
    /// </summary>
    private async Task<Dictionary<long, (int Shared, bool SeriesApart)>> MeasureCandidatesAsync(string run, long[] expected, string[] ids,
        int[] documentOf, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, Partitions).Where(p => expected[p] > 0).Select(p =>
        {
            var request = new CandidateMeasureRequest(IndexName, Partitions, run, expected[p]);
            return RetriedAsync($"measuring at document partition {p}", () => DocumentPartition(p).MeasureCandidates(request), cancellationToken);
        }));
        var measured = new Dictionary<long, (int Shared, bool SeriesApart)>(Internal.PairComparer.Instance);
        foreach (var answer in answers)
        {
            var (pairs, shared) = answer.Unpack();
            for (int k = 0; k < pairs.Length; k++)
            {
                var (a, b) = PairKey.Unpack(pairs[k]);
                int first = DocumentOf(documentOf, a), second = DocumentOf(documentOf, b);
                if (shared[k] < 0)
                {
                    throw ListingChanged(ids[first], ids[second]);
                }
                measured.Add(PairKey.Ordered(first, second), (shared[k], answer.IsSeriesApart(k)));
            }
        }
        return measured;
    }

    /// <summary>The pairs of the runs a key partition sent back by id, each cut to its listed documents with a text and paired here.</summary>
    private HashSet<long> PairedById(DocumentTable docs, string[] ids, int[] documentOf, List<(PartitionKind Kind, KeyRun Run)> unpaired)
    {
        var found = new HashSet<long>(Internal.PairComparer.Instance);
        var sink = new PairCollector(found);
        foreach (var (kind, run) in unpaired)
        {
            var (members, hashes) = ListedMembers(docs, ids, documentOf, run);
            if (members.Length < 2)
            {
                continue;
            }
            if (kind == PartitionKind.Band)
            {
                CandidateStage.EmitRun(members, ref sink);
            }
            else
            {
                Indexing.SimHashIndex.ForEachPairInRun(hashes, members, (int)run.Table, Options.SimHashMaxDistance, ref sink);
            }
        }
        return found;
    }

    /// <summary>
    /// A run's documents that are in the listing with a text (a row of a document added after the listing is left out,
    /// by the key partition when it numbered the row, else here), as document numbers, ascending since the rows are in
    /// ordinal order of id, and their rows' payloads. The listing holds no keys to check the rows against: a row of a
    /// listed document removed and added again with another text since is kept, and the run fails on that document at
    /// the latest when the sizes without boilerplate are counted, which checks every listed document against its listed
    /// content hash (docs/scale-out.md, "Adds while a batch clustering runs").
    /// </summary>
    private static (int[] Members, ulong[] Hashes) ListedMembers(DocumentTable docs, string[] ids, int[] documentOf, KeyRun run)
    {
        var members = new List<int>(run.Ids.Length);
        var hashes = new List<ulong>(run.Ids.Length);
        for (int k = 0; k < run.Ids.Length; k++)
        {
            int number = run.NumberOf(k);
            int doc = number >= 0 ? DocumentOf(documentOf, number) : Array.BinarySearch(ids, run.Ids[k], StringComparer.Ordinal);
            if (doc >= 0 && docs.ShingleCount(doc) > 0)
            {
                members.Add(doc);
                hashes.Add(run.Payloads[k]);
            }
        }
        return ([.. members], [.. hashes]);
    }

    private static int DocumentOf(int[] documentOf, int number) =>
        (uint)number < (uint)documentOf.Length ? documentOf[number] : throw new InvalidDataException($"a key partition sent row number {number}; the run listed {documentOf.Length} documents");
}
